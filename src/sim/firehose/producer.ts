import type { ScheduledEvent } from '../core/agenda.js';
import { Histogram, type HistogramSummary } from '../core/metrics.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { AwsError } from '../kinesis/errors.js';
import { backoffDelay, RatePlan, sizeSource, TICK_MS } from '../kinesis/producer-traffic.js';
import { FIREHOSE } from '../limits.js';
import { BodyMaker } from './bodies.js';
import type { DirectPutProducerSpec } from './spec.js';
import type { DeliveryStream } from './delivery-stream.js';

// Direct PUT traffic: JSON records with the scenario's fields at a rate, sent with PutRecord or
// PutRecordBatch (≤ 500 records, ≤ 4 MiB). A call over the stream's requests quota fails whole
// and records over the records or bytes quota fail alone, both with ServiceUnavailableException
// "Slow down."; failed records are retried after a backoff and given up after `retries.max`.
// Every record is counted once: accepted, given up, rejected or pending.

const MAX_RECORDS = FIREHOSE.batchRecords.values[0]!.amount;
const MAX_BYTES = FIREHOSE.batchBytes.values[0]!.amount;
const MAX_RECORD = FIREHOSE.recordBytes.values[0]!.amount;

export interface DirectPutProducerMetrics {
  name: string;
  deliveryStream: string;
  api: 'PutRecord' | 'PutRecordBatch';
  /** produced = accepted + givenUp + rejected + pending, always. */
  records: { produced: number; accepted: number; givenUp: number; rejected: number; pending: number };
  rejectedByCode: Record<string, number>;
  /** Calls; failedEntirely: nothing accepted; partiallyFailed: FailedPutCount between 0 and the batch. */
  calls: { total: number; failedEntirely: number; partiallyFailed: number };
  /** Record attempts refused with ServiceUnavailableException. */
  throttled: number;
  retries: number;
  bytesAccepted: number;
  /** From a record's generation to its acceptance. */
  latencyMs: HistogramSummary;
}

interface Entry {
  body: string;
  size: number;
  genAt: number;
  attempts: number;
}

export class DirectPutProducer {
  readonly name: string;
  private plan: RatePlan | null = null;
  private readonly bodies: BodyMaker;
  private readonly sizes: () => number;
  private readonly retryRng: Rng;
  private readonly stopAt: number;
  private seq = 0;
  private batch: Entry[] = [];
  private batchBytes = 0;
  private batchTimer: ScheduledEvent | null = null;
  private waiting = 0;
  private start0 = 0;

  private produced = 0;
  private accepted = 0;
  private givenUp = 0;
  private rejected = 0;
  private readonly rejectedByCode = new Map<string, number>();
  private calls = 0;
  private callsFailed = 0;
  private callsPartial = 0;
  private throttled = 0;
  private retries = 0;
  private bytesAccepted = 0;
  private readonly latency = new Histogram();

  constructor(
    private readonly sim: Simulation,
    private readonly lookup: (name: string) => DeliveryStream,
    readonly spec: DirectPutProducerSpec,
    id: number,
  ) {
    this.name = spec.name ?? `firehose-producer-${id}`;
    const rng = sim.rng.fork(`firehose:producer:${this.name}`);
    this.bodies = new BodyMaker(spec.fields, rng.fork('bodies'));
    this.sizes = sizeSource(spec.recordSize, rng.fork('sizes'));
    this.retryRng = rng.fork('retries');
    this.stopAt = spec.stop ?? Infinity;
  }

  start(): void {
    this.start0 = Math.max(this.spec.start, this.sim.now);
    this.plan = new RatePlan(this.spec, this.start0);
    if (this.start0 < this.stopAt) this.sim.at(this.start0, `${this.label}:tick`, () => this.tick());
  }

  private get label(): string {
    return `firehose:producer:${this.name}`;
  }

  private tick(): void {
    const plan = this.plan!;
    const now = this.sim.now;
    const n = plan.take(Math.min(now + TICK_MS, this.stopAt));
    for (let i = 0; i < n; i++) this.generate(now);
    const due = plan.nextDue();
    if (due === Infinity) return;
    const next = Math.max(now + TICK_MS, this.start0 + Math.floor((due - this.start0) / TICK_MS) * TICK_MS);
    if (next < this.stopAt) this.sim.at(next, `${this.label}:tick`, () => this.tick());
  }

  private generate(now: number): void {
    this.produced++;
    const payloads = this.spec.payloads;
    const body = payloads ? payloads[this.seq++ % payloads.length]! : this.bodies.make(this.seq++, this.sizes());
    const entry: Entry = { body, size: payloads ? Buffer.byteLength(body, 'utf8') : body.length, genAt: now, attempts: 0 };
    if (this.spec.api === 'PutRecord') {
      this.send([entry]);
      return;
    }
    if (this.batch.length > 0 && this.batchBytes + entry.size > MAX_BYTES) this.flushBatch();
    this.batch.push(entry);
    this.batchBytes += entry.size;
    if (this.batch.length >= Math.min(this.spec.batch.maxRecords, MAX_RECORDS)) {
      this.flushBatch();
      return;
    }
    if (!this.batchTimer) this.batchTimer = this.sim.at(now + this.spec.batch.maxWait, `${this.label}:batch`, () => this.flushBatch());
  }

  private flushBatch(): void {
    if (this.batchTimer) this.batchTimer.cancelled = true;
    this.batchTimer = null;
    const entries = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (entries.length > 0) this.send(entries);
  }

  /** One PutRecord or PutRecordBatch call. */
  private send(entries: Entry[]): void {
    this.calls++;
    let stream: DeliveryStream;
    try {
      stream = this.lookup(this.spec.deliveryStream);
    } catch (e) {
      this.callsFailed++;
      this.reject(entries, code(e));
      return;
    }
    const tooBig = entries.filter((e) => e.size > MAX_RECORD);
    if (tooBig.length > 0) {
      // A record over 1,000 KiB fails the request's validation: nothing in it is accepted.
      this.callsFailed++;
      this.reject(entries, 'ValidationException');
      return;
    }
    if (!stream.admitCall()) {
      this.callsFailed++;
      stream.putThrottled += entries.length;
      this.retry(entries);
      return;
    }
    const now = this.sim.now;
    let failed: Entry[] | null = null;
    for (const e of entries) {
      if (stream.admitRecord(e.size)) {
        stream.ingest(e.body, e.size);
        this.accepted++;
        this.bytesAccepted += e.size;
        this.latency.record(now - e.genAt);
      } else {
        (failed ??= []).push(e);
      }
    }
    if (!failed) return;
    if (failed.length === entries.length) this.callsFailed++;
    else this.callsPartial++;
    this.retry(failed);
  }

  /** Throttled records wait out a backoff together, then go again in one call. */
  private retry(entries: Entry[]): void {
    this.throttled += entries.length;
    const again: Entry[] = [];
    for (const e of entries) {
      e.attempts++;
      if (e.attempts > this.spec.retries.max) this.givenUp++;
      else again.push(e);
    }
    if (again.length === 0) return;
    this.waiting += again.length;
    this.sim.after(backoffDelay(this.spec.retries, again[0]!.attempts, this.retryRng), `${this.label}:retry`, () => {
      this.waiting -= again.length;
      this.retries += again.length;
      this.send(again);
    });
  }

  private reject(entries: Entry[], errorCode: string): void {
    this.rejected += entries.length;
    this.rejectedByCode.set(errorCode, (this.rejectedByCode.get(errorCode) ?? 0) + entries.length);
  }

  metrics(): DirectPutProducerMetrics {
    return {
      name: this.name,
      deliveryStream: this.spec.deliveryStream,
      api: this.spec.api,
      records: { produced: this.produced, accepted: this.accepted, givenUp: this.givenUp, rejected: this.rejected, pending: this.batch.length + this.waiting },
      rejectedByCode: Object.fromEntries([...this.rejectedByCode].sort(([a], [b]) => (a < b ? -1 : 1))),
      calls: { total: this.calls, failedEntirely: this.callsFailed, partiallyFailed: this.callsPartial },
      throttled: this.throttled,
      retries: this.retries,
      bytesAccepted: this.bytesAccepted,
      latencyMs: this.latency.summary(),
    };
  }
}

function code(e: unknown): string {
  if (e instanceof AwsError) return e.code;
  throw e;
}
