import type { ScheduledEvent } from '../../core/agenda.js';
import type { Rng } from '../../core/rng.js';
import { KINESIS, LAMBDA } from '../../limits.js';
import type { ConsumerSpec } from '../../scenario/spec.js';
import { sequenceNumber, type Shard } from '../shard.js';
import type { Stream } from '../stream.js';
import { registerWhenActive } from './efo-consumer.js';
import type { Consumer, ConsumerContext, ConsumerMetrics } from './index.js';
import { ShardLineage } from './lineage.js';
import { ShardPoller, ShardSubscriber, type ShardReader } from './reader.js';
import { DeliveryTracker, runSeconds } from './tracking.js';

// A Lambda event source mapping on a Kinesis stream. Per shard it reads records (GetRecords about
// once a second, or an enhanced fan-out subscription) and spreads them over
// `parallelizationFactor` lanes by partition key, so one key always runs in one lane, in order.
// Each lane invokes the function with one batch at a time: when the batch is full, when the
// batching window ends, or when the 6 MB payload would overflow. A failed batch blocks its lane and
// is retried (or bisected) until it succeeds or is discarded to the on-failure destination.

type LambdaSpec = Extract<ConsumerSpec, { kind: 'lambda' }>;

export const LAMBDA_TIMINGS = {
  /** "Lambda polls each shard ... at a base rate of once per second" (lambda/latest/dg/with-kinesis.html). */
  pollIntervalMs: 1000,
  /** The pause before a failed batch (or its halves) runs again; AWS publishes no figure. */
  retryDelayMs: 1000,
  /** At most this many discarded batches are listed in the metrics (all are counted). */
  listedFailures: 100,
} as const;

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded' | 'RecordExpired';

/** What Lambda sends an on-failure destination about a discarded batch: metadata, not the records. */
export interface FailedBatchInfo {
  destination: string | null;
  condition: FailureCondition;
  approximateInvokeCount: number;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  /** The batch's distinct partition keys (the first 10). */
  partitionKeys: string[];
  /** Virtual time of the discard. */
  atMs: number;
}

export interface LambdaMetrics {
  invocations: number;
  /** Invocations that returned an error. */
  errors: number;
  /** Failed batches run again whole (bisection halves are not retries). */
  retries: number;
  bisections: number;
  succeeded: { batches: number; records: number };
  /** Batches given up on, with or without a destination. */
  discarded: { batches: number; records: number };
  sentToOnFailure: { destination: string | null; batches: number; records: number };
  failedBatches: FailedBatchInfo[];
  /** Most invocations running at once. */
  concurrency: number;
}

interface Batch {
  indexes: number[];
  /** Retries used so far; a bisected half inherits its parent's count. */
  retries: number;
  invokes: number;
}

class Lane {
  /** Record indexes waiting for a batch, and when each reached the lane. */
  queue: number[] = [];
  enqueuedAt: number[] = [];
  head = 0;
  queueBytes = 0;
  /** Retried batches and bisected halves, which run before anything newer. */
  pending: Batch[] = [];
  inFlight: Batch | null = null;
  blockedUntil = 0;
  timer: ScheduledEvent | null = null;

  get queued(): number {
    return this.queue.length - this.head;
  }

  get empty(): boolean {
    return this.queued === 0 && this.pending.length === 0 && this.inFlight === null;
  }
}

interface Mapping {
  shard: Shard;
  lanes: Lane[];
  reader: ShardReader | null;
  buffered: number;
  drained: boolean;
  finished: boolean;
}

export class LambdaConsumer implements Consumer {
  readonly name: string;
  private readonly tracker = new DeliveryTracker();
  private readonly rng: Rng;
  private readonly payloadCap = LAMBDA.invocationPayload.values[0]!.amount;
  /** Records read ahead per shard: one full GetRecords call, or a batch for every lane. */
  private readonly bufferCap: number;
  private stream!: Stream;
  private lineage!: ShardLineage;
  private efoArn: string | null = null;
  /** Per key id: lane + 1 (0 = not computed yet), and whether the key is poison (1) or not (2). */
  private laneOfKey = new Uint8Array(1024);
  private poisonOfKey = new Uint8Array(1024);
  private readonly poison: Set<string>;
  private running = 0;
  private readonly counts = { invocations: 0, errors: 0, retries: 0, bisections: 0, concurrency: 0 };
  private readonly succeeded = { batches: 0, records: 0 };
  private readonly discarded = { batches: 0, records: 0 };
  private readonly sent = { batches: 0, records: 0 };
  /** The in-engine on-failure sink: the first discarded batches' metadata (all are counted). */
  readonly failedBatches: FailedBatchInfo[] = [];

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly spec: LambdaSpec,
  ) {
    this.name = spec.name;
    this.rng = ctx.sim.rng.fork(`lambda:${spec.name}`);
    this.poison = new Set(spec.poisonKeys);
    this.bufferCap = Math.max(KINESIS.getRecordsMaxRecords.values[0]!.amount, spec.batchSize * spec.parallelizationFactor);
  }

  start(): void {
    this.stream = this.ctx.kinesis.stream(this.spec.stream);
    this.lineage = new ShardLineage(this.stream);
    const begin = () => {
      for (const shard of this.lineage.initial(this.spec.startingPosition)) this.startShard(shard, this.spec.startingPosition);
    };
    if (this.spec.efo) {
      registerWhenActive(this.ctx, this.stream, this.name, (consumer) => {
        this.efoArn = consumer.ConsumerARN;
        begin();
      });
    } else begin();
  }

  takeIteratorAgePeak(): number {
    return this.tracker.takeAgePeak();
  }

  metrics(): ConsumerMetrics {
    return {
      name: this.name,
      kind: 'lambda',
      stream: this.spec.stream,
      ...this.tracker.metrics(runSeconds(this.ctx.sim.now)),
      ...this.counts,
      succeeded: { ...this.succeeded },
      discarded: { ...this.discarded },
      sentToOnFailure: { destination: this.spec.onFailure ?? null, ...this.sent },
      failedBatches: [...this.failedBatches],
    };
  }

  // --- reading -----------------------------------------------------------------------------

  private startShard(shard: Shard, type: 'TRIM_HORIZON' | 'LATEST'): void {
    const position = this.ctx.kinesis.startPosition(this.stream, shard, type, {});
    const m: Mapping = { shard, lanes: Array.from({ length: this.spec.parallelizationFactor }, () => new Lane()), reader: null, buffered: 0, drained: false, finished: false };
    const label = `lambda:${this.name}:${shard.id}`;
    const sink = {
      records: (from: number, to: number) => {
        this.enqueue(m, from, to);
        return this.ctx.sim.now;
      },
      drained: () => {
        m.drained = true;
        this.checkFinished(m);
      },
    };
    m.reader =
      this.efoArn !== null
        ? new ShardSubscriber(this.ctx, this.efoArn, shard, position, label, this.tracker, sink, false).start()
        : new ShardPoller(
            this.ctx,
            this.stream,
            shard,
            position,
            {
              label,
              interval: LAMBDA_TIMINGS.pollIntervalMs,
              limit: KINESIS.getRecordsMaxRecords.values[0]!.amount,
              // While records are waiting, poll again as soon as the shard's call rate allows.
              catchUpInterval: 1000 / KINESIS.getRecordsCallsPerSecond.values[0]!.amount,
              room: () => this.bufferCap - m.buffered,
              observeAge: false,
            },
            this.tracker,
            sink,
          ).start();
  }

  private enqueue(m: Mapping, from: number, to: number): void {
    const log = m.shard.log;
    const now = this.ctx.sim.now;
    for (let i = Math.max(from, log.first); i < to; i++) {
      const lane = m.lanes[this.laneOf(log.keyAt(i))]!;
      lane.queue.push(i);
      lane.enqueuedAt.push(now);
      lane.queueBytes += log.sizeAt(i);
      m.buffered++;
    }
    for (const lane of m.lanes) this.pump(m, lane);
  }

  /** Same key, same lane: a hash of the partition key modulo the parallelization factor. */
  private laneOf(keyId: number): number {
    const factor = this.spec.parallelizationFactor;
    if (factor === 1) return 0;
    if (keyId >= this.laneOfKey.length) this.laneOfKey = grow(this.laneOfKey, keyId);
    const cached = this.laneOfKey[keyId]!;
    if (cached !== 0) return cached - 1;
    const key = this.stream.keys[keyId] ?? '';
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const lane = (h >>> 0) % factor;
    this.laneOfKey[keyId] = lane + 1;
    return lane;
  }

  private isPoison(keyId: number): boolean {
    if (this.poison.size === 0) return false;
    if (keyId >= this.poisonOfKey.length) this.poisonOfKey = grow(this.poisonOfKey, keyId);
    let flag = this.poisonOfKey[keyId]!;
    if (flag === 0) {
      flag = this.poison.has(this.stream.keys[keyId] ?? '') ? 1 : 2;
      this.poisonOfKey[keyId] = flag;
    }
    return flag === 1;
  }

  // --- batching and invoking -----------------------------------------------------------------

  /** Starts the lane's next invocation if one is due, else arms a timer for when it will be. */
  private pump(m: Mapping, lane: Lane): void {
    const now = this.ctx.sim.now;
    for (;;) {
      if (lane.inFlight) return;
      let batch: Batch | null = null;
      if (lane.pending.length > 0) {
        if (now < lane.blockedUntil) return this.arm(m, lane, lane.blockedUntil);
        batch = lane.pending.shift()!;
      } else {
        if (lane.queued === 0) return this.disarm(lane);
        const full = lane.queued >= this.spec.batchSize || lane.queueBytes >= this.payloadCap;
        const windowEnd = lane.enqueuedAt[lane.head]! + this.spec.batchingWindow;
        if (!full && now < windowEnd) return this.arm(m, lane, windowEnd);
        batch = this.takeBatch(m, lane);
      }
      this.disarm(lane);
      if (this.invoke(m, lane, batch)) return;
    }
  }

  private arm(m: Mapping, lane: Lane, at: number): void {
    if (lane.timer?.time === at && !lane.timer.cancelled) return;
    this.disarm(lane);
    lane.timer = this.ctx.sim.at(at, `lambda:${this.name}:${m.shard.id}:lane`, () => {
      lane.timer = null;
      this.pump(m, lane);
      this.checkFinished(m);
    });
  }

  private disarm(lane: Lane): void {
    if (lane.timer) lane.timer.cancelled = true;
    lane.timer = null;
  }

  /** Up to `batchSize` records, stopping before the payload would pass 6 MB (one record at least). */
  private takeBatch(m: Mapping, lane: Lane): Batch {
    const log = m.shard.log;
    const indexes: number[] = [];
    let bytes = 0;
    while (lane.queued > 0 && indexes.length < this.spec.batchSize) {
      const i = lane.queue[lane.head]!;
      const size = log.first <= i ? log.sizeAt(i) : 0;
      if (indexes.length > 0 && bytes + size > this.payloadCap) break;
      indexes.push(i);
      bytes += size;
      lane.head++;
      lane.queueBytes -= size;
    }
    if (lane.head > 4096 && lane.head * 2 > lane.queue.length) {
      lane.queue = lane.queue.slice(lane.head);
      lane.enqueuedAt = lane.enqueuedAt.slice(lane.head);
      lane.head = 0;
    }
    m.buffered -= indexes.length;
    if (m.reader instanceof ShardPoller) m.reader.wake();
    return { indexes, retries: 0, invokes: 0 };
  }

  /** Invokes the function with `batch`; returns false when the batch was discarded instead. */
  private invoke(m: Mapping, lane: Lane, batch: Batch): boolean {
    const now = this.ctx.sim.now;
    const log = m.shard.log;
    const first = batch.indexes[0]!;
    const last = batch.indexes[batch.indexes.length - 1]!;
    if (first < log.first) {
      this.discard(m, batch, 'RecordExpired');
      return false;
    }
    if (this.spec.maximumRecordAge !== undefined && now - log.arrivalAt(first) > this.spec.maximumRecordAge) {
      this.discard(m, batch, 'RecordAgeExceeded');
      return false;
    }
    this.counts.invocations++;
    batch.invokes++;
    this.running++;
    if (this.running > this.counts.concurrency) this.counts.concurrency = this.running;
    // Lambda's IteratorAge: how old the batch's last record is when the function gets it.
    this.tracker.observeAge(now, now - log.arrivalAt(last));
    let fails = false;
    for (const i of batch.indexes) {
      if (this.isPoison(log.keyAt(i))) {
        fails = true;
        break;
      }
    }
    if (!fails && this.spec.errorRate > 0) fails = this.rng.next() < this.spec.errorRate;
    const duration = this.spec.processing.perBatch + this.spec.processing.perRecord * batch.indexes.length;
    lane.inFlight = batch;
    this.ctx.sim.after(duration, `lambda:${this.name}:${m.shard.id}:invoke`, () => this.complete(m, lane, batch, fails));
    return true;
  }

  private complete(m: Mapping, lane: Lane, batch: Batch, failed: boolean): void {
    const now = this.ctx.sim.now;
    this.running--;
    lane.inFlight = null;
    // The function saw these records whether or not it succeeded: a retry delivers them again.
    this.tracker.deliverIndexes(m.shard, batch.indexes, now);
    if (!failed) {
      this.succeeded.batches++;
      this.succeeded.records += batch.indexes.length;
    } else {
      this.counts.errors++;
      const max = this.spec.maximumRetryAttempts;
      if (this.spec.bisectBatchOnFunctionError && batch.indexes.length > 1) {
        // Splitting does not use up retries (lambda/latest/dg/kinesis-on-failure-destination.html).
        this.counts.bisections++;
        const half = Math.ceil(batch.indexes.length / 2);
        lane.pending.unshift(
          { indexes: batch.indexes.slice(0, half), retries: batch.retries, invokes: 0 },
          { indexes: batch.indexes.slice(half), retries: batch.retries, invokes: 0 },
        );
        lane.blockedUntil = now + LAMBDA_TIMINGS.retryDelayMs;
      } else if (max !== -1 && batch.retries >= max) {
        this.discard(m, batch, 'RetryAttemptsExhausted');
      } else {
        batch.retries++;
        this.counts.retries++;
        lane.pending.unshift(batch);
        lane.blockedUntil = now + LAMBDA_TIMINGS.retryDelayMs;
      }
    }
    this.pump(m, lane);
    this.checkFinished(m);
  }

  /** Gives up on a batch: its metadata goes to the on-failure destination and the lane moves on. */
  private discard(m: Mapping, batch: Batch, condition: FailureCondition): void {
    const n = batch.indexes.length;
    this.discarded.batches++;
    this.discarded.records += n;
    const destination = this.spec.onFailure ?? null;
    const log = m.shard.log;
    const keys = new Set<string>();
    for (const i of batch.indexes) {
      if (keys.size >= 10) break;
      if (i >= log.first) keys.add(this.stream.keys[log.keyAt(i)] ?? '');
    }
    const info: FailedBatchInfo = {
      destination,
      condition,
      approximateInvokeCount: batch.invokes,
      shardId: m.shard.id,
      startSequenceNumber: sequenceNumber(this.stream.epoch, m.shard.number, batch.indexes[0]!),
      endSequenceNumber: sequenceNumber(this.stream.epoch, m.shard.number, batch.indexes[n - 1]!),
      batchSize: n,
      partitionKeys: [...keys],
      atMs: this.ctx.sim.now,
    };
    if (this.failedBatches.length < LAMBDA_TIMINGS.listedFailures) this.failedBatches.push(info);
    if (destination !== null) {
      this.sent.batches++;
      this.sent.records += n;
      this.ctx.onFailure?.(destination, info);
    }
  }

  /** A shard is done when it is read to its end and every lane is empty; then its children start. */
  private checkFinished(m: Mapping): void {
    if (m.finished || !m.drained || !m.lanes.every((l) => l.empty)) return;
    m.finished = true;
    for (const child of this.lineage.finish(m.shard)) this.startShard(child, 'TRIM_HORIZON');
  }
}

function grow(array: Uint8Array<ArrayBuffer>, index: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(Math.max(index + 1, array.length * 2));
  grown.set(array);
  return grown;
}
