import type { ScheduledEvent } from '../../core/agenda.js';
import type { Simulation } from '../../core/simulation.js';
import type { EnhancedFanOut, Subscription } from '../efo.js';
import { AwsError } from '../errors.js';
import type { KinesisService, ReadResult } from '../service.js';
import type { Shard } from '../shard.js';
import type { Stream } from '../stream.js';
import { ageAt, type DeliveryTracker } from './tracking.js';

// The two ways a consumer gets one shard's records: GetRecords in a loop (shared shard limits) or
// an enhanced fan-out subscription renewed every 5 minutes (its own 2 MiB/s). Both hand record
// ranges to a sink and say when the shard is closed and fully read.

export interface ReaderContext {
  sim: Simulation;
  kinesis: KinesisService;
  efo: EnhancedFanOut;
}

export interface RecordSink {
  /** Records [from, to) of the shard arrived now; returns when the consumer is ready to read again. */
  records(from: number, to: number): number;
  /** The shard is closed and every record in it has been handed over. */
  drained(): void;
  /** Called after every successful GetRecords call, records or not (KCL checkpoints by time here). */
  polled?(): void;
}

export interface ShardReader {
  readonly shard: Shard;
  /** The next record to read. */
  readonly position: number;
  stop(): void;
}

/** SubscribeToShard may be called once per second per consumer and shard; a refused call waits that long. */
const RESUBSCRIBE_DELAY_MS = 1000;

export interface PollOptions {
  label: string;
  interval: number;
  limit: number;
  /** Delay before the next call when the last one left records unread; the interval by default. */
  catchUpInterval?: number;
  /** Records the consumer can take now; 0 parks the poller until `wake()`. */
  room?: () => number;
  /** Whether GetRecords feeds the iterator age (Lambda measures it per batch instead). */
  observeAge?: boolean;
}

export class ShardPoller implements ShardReader {
  private event: ScheduledEvent | null = null;
  private stopped = false;
  private parked = false;
  private lastCallAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: ReaderContext,
    private readonly stream: Stream,
    readonly shard: Shard,
    public position: number,
    private readonly options: PollOptions,
    private readonly tracker: DeliveryTracker,
    private readonly sink: RecordSink,
  ) {}

  start(at = this.ctx.sim.now): this {
    this.schedule(at);
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.event) this.event.cancelled = true;
    this.event = null;
  }

  /** Resumes a poller parked because the consumer had no room, keeping its call spacing. */
  wake(): void {
    if (!this.parked || this.stopped) return;
    this.parked = false;
    const spacing = this.options.catchUpInterval ?? this.options.interval;
    this.schedule(Math.max(this.ctx.sim.now, this.lastCallAt + spacing));
  }

  private schedule(at: number): void {
    this.event = this.ctx.sim.at(at, this.options.label, () => this.poll());
  }

  private poll(): void {
    this.event = null;
    if (this.stopped) return;
    const { sim, kinesis } = this.ctx;
    const { options, tracker, shard } = this;
    const now = sim.now;
    const room = options.room ? Math.min(options.limit, options.room()) : options.limit;
    if (room <= 0) {
      this.parked = true;
      return;
    }
    const observeAge = options.observeAge ?? true;
    this.lastCallAt = now;
    tracker.getRecordsCalls++;
    let result: ReadResult;
    try {
      result = kinesis.read(this.stream, shard, this.position, room);
    } catch (e) {
      if (!(e instanceof AwsError) || e.code !== 'ProvisionedThroughputExceededException') throw e;
      tracker.readThrottled++;
      if (observeAge) tracker.observeAge(now, ageAt(shard.log, this.position, now));
      this.schedule(now + options.interval);
      return;
    }
    if (observeAge) tracker.observeAge(now, result.millisBehindLatest);
    this.position = result.to;
    const readyAt = result.to > result.from ? this.sink.records(result.from, result.to) : now;
    this.sink.polled?.();
    if (this.stopped) return;
    if (result.next === null) {
      this.stopped = true;
      this.sink.drained();
      return;
    }
    const behind = result.to < shard.log.end;
    const delay = behind && options.catchUpInterval !== undefined ? options.catchUpInterval : options.interval;
    this.schedule(Math.max(now + delay, readyAt));
  }
}

export class ShardSubscriber implements ShardReader {
  private subscription: Subscription | null = null;
  private retry: ScheduledEvent | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: ReaderContext,
    private readonly consumerArn: string,
    readonly shard: Shard,
    public position: number,
    private readonly label: string,
    private readonly tracker: DeliveryTracker,
    private readonly sink: RecordSink,
    private readonly observeAge = true,
  ) {}

  start(): this {
    this.subscribe();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.cancel();
    this.subscription = null;
    if (this.retry) this.retry.cancelled = true;
    this.retry = null;
  }

  private subscribe(): void {
    this.retry = null;
    if (this.stopped) return;
    this.tracker.subscribeToShardCalls++;
    try {
      this.subscription = this.ctx.efo.subscribe(
        this.consumerArn,
        this.shard.id,
        { type: 'TRIM_HORIZON', position: this.position },
        (event) => {
          this.position = event.to;
          if (this.observeAge) this.tracker.observeAge(this.ctx.sim.now, event.millisBehindLatest);
          if (event.to > event.from) this.sink.records(event.from, event.to);
        },
        (continueAt) => this.ended(continueAt),
      );
    } catch (e) {
      if (!(e instanceof AwsError) || (e.code !== 'ResourceInUseException' && e.code !== 'LimitExceededException')) throw e;
      this.retry = this.ctx.sim.after(RESUBSCRIBE_DELAY_MS, this.label, () => this.subscribe());
    }
  }

  /** A subscription lasts 5 minutes; renew it from where it stopped, or finish a drained shard. */
  private ended(continueAt: number | null): void {
    this.subscription = null;
    if (this.stopped) return;
    if (continueAt === null) {
      this.stopped = true;
      this.sink.drained();
      return;
    }
    this.position = continueAt;
    this.subscribe();
  }
}

/** A consumer's processing time: batches queue behind each other on one shard's worker thread. */
export class ProcessingLane {
  private busyUntil = 0;

  constructor(
    private readonly perBatch: number,
    private readonly perRecord: number,
  ) {}

  /** When a batch of `n` records handed over at `now` is finished. */
  finish(now: number, n: number): number {
    if (this.perBatch === 0 && this.perRecord === 0) return now;
    const done = Math.max(now, this.busyUntil) + this.perBatch + this.perRecord * n;
    this.busyUntil = done;
    return done;
  }
}
