import type { ScheduledEvent } from '../core/agenda.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { backoffDelay, RatePlan, sizeSource, TICK_MS } from '../kinesis/producer-traffic.js';
import { SQS } from '../limits.js';
import type { ObjectStore } from '../s3.js';
import { pointerBody } from './claim-check.js';
import { BATCH_BYTES, type Entry, type SqsService } from './service.js';
import type { SqsProducerSpec } from './spec.js';

// A producer application: messages at a rate (generated in 10 ms ticks, like the Kinesis
// producers), sent with SendMessage or SendMessageBatch. FIFO messages spread over message
// groups and carry a deduplication id unless the queue deduplicates by content. Some sends may
// be retries of a message sent a little earlier (a producer that timed out and sent again):
// FIFO deduplication absorbs them, a standard queue stores them twice.

const DEDUP_WINDOW_MS = SQS.dedupWindow.values[0]!.amount * 1000;
const SQS_MAX_BYTES = SQS.messageBytes.values[0]!.amount;
/** Recent messages a retry may repeat. */
const RECENT = 256;
const RETRY = { max: 0, backoff: 'exponential', base: 100, cap: 5000, jitter: 'full' } as const;

export interface SqsProducerMetrics {
  name: string;
  queue: string;
  produced: number;
  /** Messages generated as poison (their processing always fails), retries of them not counted again. */
  poison: number;
  /** Messages whose body is over the SQS maximum (1 MiB): no queue can take them inline. */
  oversize: number;
  /** Bodies written to S3 by the claim check, and their bytes. */
  offloaded: number;
  offloadedBytes: number;
  sent: number;
  deduplicated: number;
  retryDuplicates: number;
  throttled: number;
  retries: number;
  givenUp: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  pending: number;
  calls: number;
}

interface Pending extends Entry {
  attempts: number;
}

export class SqsProducer {
  readonly name: string;
  private readonly rng: Rng;
  private readonly size: () => number;
  private plan: RatePlan | null = null;
  private readonly stop: number;
  private readonly groupIds: string[];
  /** Next place in each customer's sequence. */
  private readonly customerSeq: number[];
  private attemptIds = 0;
  private readonly recent: Pending[] = [];
  private recentNext = 0;
  private readonly tickLabel: string;
  private readonly counts = { produced: 0, poison: 0, oversize: 0, offloaded: 0, offloadedBytes: 0, sent: 0, deduplicated: 0, retryDuplicates: 0, throttled: 0, retries: 0, givenUp: 0, rejected: 0, pending: 0, calls: 0 };
  private readonly rejectedByCode: Record<string, number> = {};
  private buffer: Pending[] = [];
  private bufferBytes = 0;
  private flushTimer: ScheduledEvent | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly sqs: SqsService,
    private readonly spec: SqsProducerSpec,
    index: number,
    private readonly s3: ObjectStore | null = null,
  ) {
    this.name = spec.name ?? `sqs-producer-${index}`;
    this.rng = sim.rng.fork(`sqs:producer:${this.name}`);
    this.size = sizeSource(spec.size, this.rng);
    this.stop = spec.stop ?? Infinity;
    this.groupIds = Array.from({ length: spec.groups.count }, (_, i) => `group-${i}`);
    this.customerSeq = new Array<number>(spec.customers ?? 0).fill(0);
    this.tickLabel = `sqs:producer:${this.name}`;
  }

  start(): void {
    this.sim.at(this.spec.start, this.tickLabel, () => {
      this.plan = new RatePlan({ rate: this.spec.rate }, this.spec.start);
      this.tick();
    });
  }

  private readonly onTick = () => this.tick();

  private tick(): void {
    const plan = this.plan!;
    const now = this.sim.now;
    const n = plan.take(Math.min(now + TICK_MS, this.stop));
    if (n > 0) this.generate(n, now);
    const due = plan.nextDue();
    if (due === Infinity) return;
    const next = Math.max(now + TICK_MS, this.spec.start + Math.floor((due - this.spec.start) / TICK_MS) * TICK_MS);
    if (next < this.stop) this.sim.at(next, this.tickLabel, this.onTick);
  }

  private generate(n: number, now: number): void {
    const queue = this.sqs.queues.get(this.spec.queue);
    const fifo = queue?.fifo ?? this.spec.queue.endsWith('.fifo');
    const contentBased = queue?.config.contentBasedDeduplication ?? false;
    for (let i = 0; i < n; i++) {
      const e = this.next(now, fifo, contentBased);
      this.counts.produced++;
      if (this.buffer.length > 0 && this.bufferBytes + e.size > BATCH_BYTES) this.flush();
      if (this.buffer.length === 0 && this.spec.batch > 1) this.armFlush(now + this.spec.batchWait);
      this.buffer.push(e);
      this.bufferBytes += e.size;
      if (this.buffer.length >= this.spec.batch) this.flush();
    }
  }

  private armFlush(at: number): void {
    if (this.flushTimer) this.flushTimer.cancelled = true;
    this.flushTimer = this.sim.at(at, `${this.tickLabel}:batch`, () => {
      this.flushTimer = null;
      this.flush();
    });
  }

  /** Sends what is buffered as one call. */
  private flush(): void {
    if (this.flushTimer) {
      this.flushTimer.cancelled = true;
      this.flushTimer = null;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bufferBytes = 0;
    this.send(batch);
  }

  /** A new message, or now and then a retry of one sent in the last 5 minutes. */
  private next(now: number, fifo: boolean, contentBased: boolean): Pending {
    const share = this.spec.dedup.retryDuplicates;
    if (share > 0 && this.rng.next() < share) {
      const filled = Math.min(this.recent.length, RECENT);
      const prior = filled > 0 ? this.recent[this.rng.int(filled)]! : undefined;
      if (prior && now - prior.firstSentAt < DEDUP_WINDOW_MS) {
        this.counts.retryDuplicates++;
        const again = { ...prior, attempts: 0 };
        if (fifo && this.spec.dedup.id === 'attempt') again.dedupId = this.attemptId();
        return again;
      }
    }
    const logical = this.sqs.logical();
    const customers = this.customerSeq.length;
    const customer = customers > 0 ? (customers === 1 ? 0 : this.rng.int(customers)) : -1;
    const e: Pending = {
      body: null,
      size: this.size(),
      delayMs: null,
      groupId: fifo ? this.groupId(customer, logical) : null,
      dedupId: fifo && !contentBased ? (this.spec.dedup.id === 'attempt' ? this.attemptId() : `${this.name}-${logical}`) : null,
      order: customer >= 0 ? { customer, seq: this.customerSeq[customer]!++ } : null,
      logical,
      poison: this.spec.poisonShare > 0 && this.rng.next() < this.spec.poisonShare,
      firstSentAt: now,
      attempts: 0,
    };
    if (e.poison) this.counts.poison++;
    if (e.size > SQS_MAX_BYTES) this.counts.oversize++;
    this.claimCheck(e, now);
    if (share > 0) {
      if (this.recent.length < RECENT) this.recent.push(e);
      else this.recent[this.recentNext] = e;
      this.recentNext = (this.recentNext + 1) % RECENT;
    }
    return e;
  }

  private groupId(customer: number, logical: number): string {
    const by = this.spec.groups.by;
    if (by === 'customer') return `customer-${Math.max(customer, 0)}`;
    if (by === 'message') return `${this.name}-${logical}`;
    if (by === 'single') return this.groupIds[0]!;
    return this.groupIds[this.groupIds.length === 1 ? 0 : this.rng.int(this.groupIds.length)]!;
  }

  /** A deduplication id made fresh for one send, as a producer that draws a UUID per call does. */
  private attemptId(): string {
    return `${this.name}-attempt-${this.attemptIds++}`;
  }

  /** A body over the threshold goes to S3 once; the queue gets the pointer (a retry repeats it). */
  private claimCheck(e: Pending, now: number): void {
    const cc = this.spec.claimCheck;
    if (!cc?.enabled || !this.s3 || e.size <= cc.over) return;
    const key = `${this.name}/${e.logical}`;
    this.s3.put(cc.bucket, { key, size: e.size, writtenAt: now });
    this.counts.offloaded++;
    this.counts.offloadedBytes += e.size;
    e.body = pointerBody(cc.bucket, key);
    e.size = Buffer.byteLength(e.body, 'utf8');
  }

  /** One SendMessage or SendMessageBatch call. */
  private send(batch: Pending[]): void {
    this.counts.calls++;
    const queue = this.sqs.queues.get(this.spec.queue);
    if (!queue) {
      this.reject(batch.length, 'AWS.SimpleQueueService.NonExistentQueue');
      return;
    }
    if (!this.sqs.admitSend(queue, batch)) {
      this.counts.throttled += batch.length;
      const attempt = batch[0]!.attempts + 1;
      if (attempt > this.spec.retries) {
        this.counts.givenUp += batch.length;
        return;
      }
      this.counts.retries += batch.length;
      this.counts.pending += batch.length;
      for (const e of batch) e.attempts = attempt;
      this.sim.after(backoffDelay({ ...RETRY, max: this.spec.retries }, attempt, this.rng), `${this.tickLabel}:retry`, () => {
        this.counts.pending -= batch.length;
        this.send(batch);
      });
      return;
    }
    for (const e of batch) {
      const error = this.sqs.validate(queue, e, batch.length > 1);
      if (error) {
        this.reject(1, error.code);
        continue;
      }
      if (this.sqs.store(queue, e) === 'stored') this.counts.sent++;
      else this.counts.deduplicated++;
    }
    queue.dispatch();
  }

  private reject(n: number, code: string): void {
    this.counts.rejected += n;
    this.rejectedByCode[code] = (this.rejectedByCode[code] ?? 0) + n;
  }

  metrics(): SqsProducerMetrics {
    return { name: this.name, queue: this.spec.queue, ...this.counts, pending: this.counts.pending + this.buffer.length, rejectedByCode: { ...this.rejectedByCode } };
  }
}
