import type { ScheduledEvent } from '../core/agenda.js';
import { Histogram, type HistogramSummary } from '../core/metrics.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { AwsError } from '../kinesis/errors.js';
import type { ObjectStore } from '../s3.js';
import { readPointer } from './claim-check.js';
import { IN_FLIGHT, type Message } from './message.js';
import type { Queue } from './queue.js';
import type { SqsService } from './service.js';
import type { ProcessingTime, WorkerPoolSpec } from './spec.js';

// A pool of identical consumer processes on one queue. Each worker loops: ReceiveMessage (up to
// `batch`, long polling for `waitTime`), then for each message in turn: process it, and on
// success DeleteMessage with the handle of that receive. A failed message is left to reappear
// when its visibility timeout ends. The pool counts side effects per producer message, so a
// message processed twice (a late delete, an at-least-once duplicate, a producer retry on a
// standard queue) shows up unless the pool is idempotent.

export const WORKER_TIMINGS = {
  /** Pause after an empty short poll or an error before polling again (AWS clients back off too). */
  idlePauseMs: 1000,
  /** Pause before retrying a throttled DeleteMessage. */
  deleteRetryMs: 100,
} as const;

export interface WorkerPoolMetrics {
  name: string;
  queue: string;
  workers: number;
  receiveCalls: number;
  emptyReceives: number;
  received: number;
  processed: number;
  failed: number;
  processedTwice: number;
  duplicatesSkipped: number;
  /** Successes for a customer's message after a later message of the same customer (producers with `customers`). */
  orderViolations: number;
  deleted: number;
  staleDeletes: number;
  visibilityExtensions: number;
  /** Claim-check payloads read from S3 (`claimCheck`), and pointer messages the pool could not read. */
  payloadsFetched: number;
  pointersUnreadable: number;
  errors: Record<string, number>;
  latencyMs: HistogramSummary;
}

/** Test hook: every processing outcome, in virtual time. */
export type PoolObserver = (event: 'processed' | 'failed', message: Message, worker: number, atMs: number) => void;

interface Worker {
  id: number;
  messages: Message[];
  receipts: number[];
  index: number;
  /** Processed messages waiting for the batch delete (deleteInBatch), by index. */
  toDelete: number[];
  heartbeat: { cancel(): void } | null;
  /** Callbacks made once per worker: one per message would be garbage at these rates. */
  onFinish: () => void;
  onPoll: () => void;
  onReceive: (messages: Message[] | null, error?: AwsError) => void;
}

export class WorkerPool {
  readonly name: string;
  private readonly rng: Rng;
  private readonly latency = new Histogram();
  private done = new Uint8Array(1024);
  private readonly counts = {
    receiveCalls: 0,
    emptyReceives: 0,
    received: 0,
    processed: 0,
    failed: 0,
    processedTwice: 0,
    duplicatesSkipped: 0,
    orderViolations: 0,
    deleted: 0,
    staleDeletes: 0,
    visibilityExtensions: 0,
    payloadsFetched: 0,
    pointersUnreadable: 0,
  };
  private readonly errors: Record<string, number> = {};
  /** Highest sequence place processed per customer. */
  private readonly lastSeq = new Map<number, number>();
  private readonly label: string;
  private readonly draw: () => number;

  constructor(
    private readonly sim: Simulation,
    private readonly sqs: SqsService,
    private readonly spec: WorkerPoolSpec,
    private readonly observe?: PoolObserver,
    private readonly s3: ObjectStore | null = null,
  ) {
    this.name = spec.name;
    this.rng = sim.rng.fork(`sqs:workers:${spec.name}`);
    this.label = `sqs:workers:${spec.name}`;
    this.draw = processingDraw(spec.processing, this.rng);
  }

  start(): void {
    this.sim.at(this.spec.start, `${this.label}:start`, () => {
      for (let id = 0; id < this.spec.workers; id++) this.poll(this.worker(id));
    });
  }

  private worker(id: number): Worker {
    const w = { id, messages: [], receipts: [], index: 0, toDelete: [], heartbeat: null } as unknown as Worker;
    w.onFinish = () => this.finish(w);
    w.onPoll = () => this.poll(w);
    w.onReceive = (messages, error) => this.received(w, messages, error);
    return w;
  }

  private poll(w: Worker): void {
    const queue = this.sqs.queues.get(this.spec.queue);
    if (!queue) {
      this.error('AWS.SimpleQueueService.NonExistentQueue');
      this.sim.after(WORKER_TIMINGS.idlePauseMs, this.label, w.onPoll);
      return;
    }
    this.counts.receiveCalls++;
    this.sqs.receive(queue, this.spec.batch, this.waitMs(queue), queue.config.visibilityTimeout * 1000, w.onReceive);
  }

  private waitMs(queue: Queue): number {
    return this.spec.waitTime ?? queue.config.receiveMessageWaitTimeSeconds * 1000;
  }

  private received(w: Worker, messages: Message[] | null, error?: AwsError): void {
    if (!messages) {
      this.error(error?.code ?? 'Error');
      this.sim.after(WORKER_TIMINGS.idlePauseMs, this.label, w.onPoll);
      return;
    }
    const queue = this.sqs.queues.get(this.spec.queue);
    if (messages.length === 0) {
      this.counts.emptyReceives++;
      // A long poll that ended empty polls again at once; an empty short poll pauses first.
      this.sim.after(queue && this.waitMs(queue) > 0 ? 0 : WORKER_TIMINGS.idlePauseMs, this.label, w.onPoll);
      return;
    }
    this.counts.received += messages.length;
    w.messages = messages;
    const receipts = (w.receipts = new Array<number>(messages.length));
    for (let i = 0; i < messages.length; i++) receipts[i] = messages[i]!.receiveCount;
    w.index = 0;
    if (this.spec.extendVisibility && queue) this.startHeartbeat(w, queue);
    this.processNext(w);
  }

  private processNext(w: Worker): void {
    if (w.index >= w.messages.length) {
      if (w.toDelete.length > 0) {
        this.deleteBatch(w, 0);
        return;
      }
      w.heartbeat?.cancel();
      w.heartbeat = null;
      this.poll(w);
      return;
    }
    this.sim.after(this.draw(), this.label, w.onFinish);
  }

  private finish(w: Worker): void {
    const message = w.messages[w.index]!;
    const receipt = w.receipts[w.index]!;
    const now = this.sim.now;
    if (!this.payloadReadable(message) || message.poison || (this.spec.failureRate > 0 && this.rng.next() < this.spec.failureRate)) {
      this.counts.failed++;
      this.observe?.('failed', message, w.id, now);
      w.index++;
      this.processNext(w);
      return;
    }
    this.counts.processed++;
    this.checkOrder(message);
    if (this.sideEffectDone(message.logical)) {
      if (this.spec.idempotent) this.counts.duplicatesSkipped++;
      else this.counts.processedTwice++;
    }
    this.observe?.('processed', message, w.id, now);
    if (this.spec.deleteInBatch) {
      w.toDelete.push(w.index);
      w.index++;
      this.processNext(w);
    } else {
      this.delete(w, message, receipt, 0);
    }
  }

  /**
   * A pointer message is an order only to a pool that fetches its payload; to any other it is a
   * body it cannot parse, so processing fails every time.
   */
  private payloadReadable(message: Message): boolean {
    const pointer = readPointer(message.body);
    if (!pointer) return true;
    if (this.spec.claimCheck && this.s3?.get(pointer.bucket, pointer.key)) {
      this.counts.payloadsFetched++;
      return true;
    }
    this.counts.pointersUnreadable++;
    return false;
  }

  /** One DeleteMessageBatch for the receive's processed messages, then the next receive. */
  private deleteBatch(w: Worker, attempt: number): void {
    const queue = this.sqs.queues.get(this.spec.queue);
    if (!queue) {
      this.error('AWS.SimpleQueueService.NonExistentQueue');
    } else {
      try {
        const entries = w.toDelete.map((i) => ({ id: String(i), i }));
        const r = this.sqs.deleteMessageBatch(queue, entries, (e) => ({ message: w.messages[e.i]!, receipt: w.receipts[e.i]!, handle: '' }));
        for (const ok of r.Successful) {
          if (ok.outcome === 'deleted') {
            this.counts.deleted++;
            this.latency.record(this.sim.now - w.messages[Number(ok.Id)]!.firstSentAt);
          } else {
            this.counts.staleDeletes++;
          }
        }
        for (const failed of r.Failed) {
          if (failed.Code === 'InvalidParameterValue') this.counts.staleDeletes++;
          else this.error(failed.Code);
        }
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        this.error(error.code);
        if (error.code === 'ThrottlingException' && attempt < 10) {
          this.sim.after(WORKER_TIMINGS.deleteRetryMs * 2 ** attempt, this.label, () => this.deleteBatch(w, attempt + 1));
          return;
        }
      }
    }
    w.toDelete = [];
    this.processNext(w);
  }

  private delete(w: Worker, message: Message, receipt: number, attempt: number): void {
    const queue = this.sqs.queues.get(this.spec.queue);
    if (queue) {
      try {
        const outcome = this.sqs.deleteMessage(queue, message, receipt);
        if (outcome === 'deleted') {
          this.counts.deleted++;
          this.latency.record(this.sim.now - message.firstSentAt);
        } else {
          this.counts.staleDeletes++;
        }
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        if (error.code === 'ThrottlingException' && attempt < 10) {
          this.error(error.code);
          this.sim.after(WORKER_TIMINGS.deleteRetryMs * 2 ** attempt, this.label, () => this.delete(w, message, receipt, attempt + 1));
          return;
        }
        // A FIFO handle whose visibility timeout has passed: the message will be delivered again.
        if (error.code === 'InvalidParameterValue') this.counts.staleDeletes++;
        else this.error(error.code);
      }
    } else {
      this.error('AWS.SimpleQueueService.NonExistentQueue');
    }
    w.index++;
    this.processNext(w);
  }

  private checkOrder(message: Message): void {
    const order = message.order;
    if (!order) return;
    const last = this.lastSeq.get(order.customer) ?? -1;
    if (order.seq < last) this.counts.orderViolations++;
    else this.lastSeq.set(order.customer, order.seq);
  }

  /** Whether this pool already applied the message's effect (per producer message, not per MessageId). */
  private sideEffectDone(logical: number): boolean {
    if (logical >= this.done.length) {
      const grown = new Uint8Array(Math.max(logical + 1, this.done.length * 2));
      grown.set(this.done);
      this.done = grown;
    }
    const before = this.done[logical] === 1;
    this.done[logical] = 1;
    return before;
  }

  /** Extends the batch's unfinished messages every half timeout while the worker holds them. */
  private startHeartbeat(w: Worker, queue: Queue): void {
    const seconds = queue.config.visibilityTimeout;
    const every = Math.max(1000, (seconds * 1000) / 2);
    const messages = w.messages;
    let timer: ScheduledEvent | null = null;
    let stopped = false;
    const beat = () => {
      if (stopped || w.messages !== messages) return;
      for (let i = 0; i < messages.length; i++) {
        if (i < w.index && !w.toDelete.includes(i)) continue;
        const m = messages[i]!;
        if (m.state !== IN_FLIGHT || m.receiveCount !== w.receipts[i]) continue;
        try {
          this.sqs.changeVisibility(queue, m, w.receipts[i]!, seconds);
          this.counts.visibilityExtensions++;
        } catch (error) {
          if (!(error instanceof AwsError)) throw error;
          this.error(error.code);
        }
      }
      timer = this.sim.after(every, `${this.label}:heartbeat`, beat);
    };
    timer = this.sim.after(every, `${this.label}:heartbeat`, beat);
    w.heartbeat = {
      cancel: () => {
        stopped = true;
        if (timer) timer.cancelled = true;
      },
    };
  }

  private error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  metrics(): WorkerPoolMetrics {
    return { name: this.name, queue: this.spec.queue, workers: this.spec.workers, ...this.counts, errors: { ...this.errors }, latencyMs: this.latency.summary() };
  }
}

export function processingDraw(spec: ProcessingTime, rng: Rng): () => number {
  if (typeof spec === 'number') return () => spec;
  if ('min' in spec) {
    const lo = Math.min(spec.min, spec.max);
    const span = Math.max(spec.min, spec.max) - lo;
    return () => lo + Math.round(rng.next() * span);
  }
  const { mean } = spec;
  const max = spec.max ?? Infinity;
  return () => Math.min(max, Math.round(rng.exponential(mean)));
}
