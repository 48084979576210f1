import { Histogram, Series, type HistogramSummary } from '../core/metrics.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { KINESIS } from '../limits.js';
import type { ProducerSpec } from '../scenario/spec.js';
import { AwsError } from './errors.js';
import { Kpl } from './kpl.js';
import { Collector, Outgoing } from './producer-batch.js';
import { backoffDelay, keySource, RatePlan, sizeSource, TICK_MS, type KeySource } from './producer-traffic.js';
import type { KinesisService, PutEntry } from './service.js';

// A traffic generator: user records at a rate, sent with PutRecord, PutRecords or the KPL, with
// throttled records retried after a backoff. Every user record ends up accepted, given up,
// rejected or still pending, and is counted in exactly one of them.

export interface ProducerContext {
  sim: Simulation;
  kinesis: KinesisService;
}

/** The producer's part of the metrics document. Field names are stable: lab checks read them. */
export interface ProducerMetrics {
  name: string;
  stream: string;
  api: ProducerSpec['api'];
  /** produced = accepted + givenUp + rejected + pending, always. */
  userRecords: { produced: number; accepted: number; givenUp: number; rejected: number; pending: number };
  /** Rejected user records by AWS error code (errors other than throttling are not retried). */
  rejectedByCode: Record<string, number>;
  /** Kinesis records (KPL aggregates count once): sent counts every attempt, retries included. */
  kinesisRecords: { sent: number; accepted: number; throttled: number; rejected: number; givenUp: number };
  /** API calls; failedEntirely: no record accepted; partiallyFailed: some but not all. */
  calls: { total: number; failedEntirely: number; partiallyFailed: number };
  /** Kinesis records sent again after a throttle. */
  retries: number;
  /** Bytes as Kinesis counts them (data plus partition key). */
  bytesSent: number;
  bytesAccepted: number;
  /** KPL aggregation; zeros for other APIs and with aggregation off. */
  aggregation: { aggregates: number; userRecords: number; recordsPerAggregate: number; maxRecordsPerAggregate: number };
  /** From a user record's generation to its acceptance: buffering, backoff and retries included. */
  latencyMs: HistogramSummary;
  /** Per virtual second: user records produced, accepted and given up; Kinesis records throttled. */
  series: { producedPerSecond: number[]; acceptedPerSecond: number[]; throttledPerSecond: number[]; givenUpPerSecond: number[] };
}

export class Producer {
  readonly name: string;
  private readonly sim: Simulation;
  private readonly kinesis: KinesisService;
  private readonly tagBase: number;
  private seq = 0;
  private plan: RatePlan | null = null;
  private readonly keys: KeySource;
  private readonly sizes: () => number;
  private readonly retryRng: Rng;
  private readonly batcher: Collector | null;
  private readonly kpl: Kpl | null;
  private readonly tickLabel: string;
  private readonly retryLabel: string;
  private readonly onTick: () => void;
  private readonly sendBatch: (entries: Outgoing[]) => void;
  private readonly stop: number;
  private start0 = 0;
  private started = false;
  /** Reused for the KPL's client-side validation of each user record. */
  private readonly probe: PutEntry = { partitionKey: '', size: 0 };

  private produced = 0;
  private userAccepted = 0;
  private userGivenUp = 0;
  private userRejected = 0;
  private readonly rejectedByCode = new Map<string, number>();
  private sent = 0;
  private accepted = 0;
  private throttled = 0;
  private rejected = 0;
  private givenUp = 0;
  private calls = 0;
  private callsFailed = 0;
  private callsPartial = 0;
  private retries = 0;
  private bytesSent = 0;
  private bytesAccepted = 0;
  /** User records in retries that are waiting out their backoff. */
  private waitingUsers = 0;
  private readonly latency = new Histogram();
  // Latencies repeat in runs (a tick's records leave together): recorded as one run each.
  private runLatency = -1;
  private runCount = 0;
  private readonly producedSeries = new Series();
  private readonly acceptedSeries = new Series();
  private readonly throttledSeries = new Series();
  private readonly givenUpSeries = new Series();

  constructor(
    ctx: ProducerContext,
    readonly spec: ProducerSpec,
    id: number,
  ) {
    this.sim = ctx.sim;
    this.kinesis = ctx.kinesis;
    this.name = spec.name ?? `producer-${id}`;
    this.tagBase = id * 2 ** 32;
    const label = `producer:${this.name}`;
    this.keys = keySource(spec.keys, this.sim.rng.fork(`${label}:keys`));
    this.sizes = sizeSource(spec.recordSize, this.sim.rng.fork(`${label}:sizes`));
    this.retryRng = this.sim.rng.fork(`${label}:retries`);
    this.tickLabel = `${label}:tick`;
    this.retryLabel = `${label}:retry`;
    this.stop = spec.stop ?? Infinity;
    this.onTick = () => this.tick();
    this.sendBatch = (entries) => this.putRecords(entries);
    const maxBytes = KINESIS.putRecordsBytes.values[0]!.amount;
    const maxEntries = KINESIS.putRecordsEntries.values[0]!.amount;
    this.batcher = spec.api === 'PutRecords' ? new Collector(this.sim, `${label}:batch`, Math.min(spec.batch.maxRecords, maxEntries), maxBytes, this.sendBatch) : null;
    this.kpl = spec.api === 'KPL' ? new Kpl(this.sim, label, spec.kpl, this.sendBatch) : null;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.start0 = Math.max(this.spec.start, this.sim.now);
    this.plan = new RatePlan(this.spec, this.start0);
    if (this.start0 < this.stop) this.sim.at(this.start0, this.tickLabel, this.onTick);
  }

  // --- generation ----------------------------------------------------------------------------

  private tick(): void {
    const plan = this.plan!;
    const now = this.sim.now;
    const n = plan.take(Math.min(now + TICK_MS, this.stop));
    if (n > 0) this.generate(n, now);
    // Skip ticks that would generate nothing (low rates, pauses in a schedule).
    const due = plan.nextDue();
    if (due === Infinity) return;
    const next = Math.max(now + TICK_MS, this.start0 + Math.floor((due - this.start0) / TICK_MS) * TICK_MS);
    if (next < this.stop) this.sim.at(next, this.tickLabel, this.onTick);
  }

  private generate(n: number, now: number): void {
    this.produced += n;
    this.producedSeries.add(now, n);
    const keys = this.keys;
    const api = this.spec.api;
    const kpl = this.kpl;
    const stream = kpl ? this.kinesis.streams.get(this.spec.stream) : undefined;
    const wait = this.spec.batch.maxWait;
    for (let i = 0; i < n; i++) {
      const key = keys.next();
      const keyBytes = keys.bytes;
      const data = this.sizes();
      const tag = this.tagBase + this.seq++;
      if (kpl) {
        // The KPL checks each user record before buffering it, so a bad one fails alone.
        const probe = this.probe;
        probe.partitionKey = key;
        probe.size = data + keyBytes;
        try {
          if (!stream) this.kinesis.stream(this.spec.stream);
          this.kinesis.validateEntry(stream!, probe);
        } catch (err) {
          this.reject(1, errorCode(err));
          continue;
        }
        kpl.add(stream!, key, keyBytes, data, tag, now);
      } else if (api === 'PutRecord') {
        this.putRecord(new Outgoing(key, data + keyBytes, tag, now));
      } else {
        this.batcher!.add(new Outgoing(key, data + keyBytes, tag, now), now + wait);
      }
    }
  }

  // --- calls ---------------------------------------------------------------------------------

  private putRecord(entry: Outgoing): void {
    const now = this.sim.now;
    this.calls++;
    this.sent++;
    this.bytesSent += entry.size;
    const stream = this.kinesis.streams.get(this.spec.stream);
    try {
      if (!stream) this.kinesis.stream(this.spec.stream);
      this.kinesis.validateEntry(stream!, entry);
    } catch (err) {
      this.callsFailed++;
      this.rejectEntry(entry, errorCode(err));
      return;
    }
    if (this.kinesis.putOne(stream!, entry)) {
      this.accept(entry, now);
      this.acceptedSeries.add(now, entry.users);
      return;
    }
    this.callsFailed++;
    this.throttled++;
    this.throttledSeries.add(now);
    if (this.exhausted(entry, now)) return;
    this.waitingUsers += entry.users;
    this.sim.after(backoffDelay(this.spec.retries, entry.attempts, this.retryRng), this.retryLabel, () => {
      this.waitingUsers -= entry.users;
      this.retries++;
      this.putRecord(entry);
    });
  }

  private putRecords(entries: Outgoing[]): void {
    const now = this.sim.now;
    this.calls++;
    this.sent += entries.length;
    for (const e of entries) this.bytesSent += e.size;
    const stream = this.kinesis.streams.get(this.spec.stream);
    try {
      if (!stream) this.kinesis.stream(this.spec.stream);
      this.kinesis.validateBatch(stream!, entries);
    } catch (err) {
      // A request-level error refuses every record in the call.
      this.callsFailed++;
      const code = errorCode(err);
      for (const e of entries) this.rejectEntry(e, code);
      return;
    }
    let failed: Outgoing[] | null = null;
    let acceptedUsers = 0;
    for (const e of entries) {
      if (this.kinesis.putOne(stream!, e)) {
        this.accept(e, now);
        acceptedUsers += e.users;
      } else {
        (failed ??= []).push(e);
      }
    }
    if (acceptedUsers > 0) this.acceptedSeries.add(now, acceptedUsers);
    if (!failed) return;
    if (failed.length === entries.length) this.callsFailed++;
    else this.callsPartial++;
    this.throttled += failed.length;
    this.throttledSeries.add(now, failed.length);
    // Only the failed entries go again, together, after one backoff.
    const retry = failed.filter((e) => !this.exhausted(e, now));
    if (retry.length === 0) return;
    let users = 0;
    for (const e of retry) users += e.users;
    this.waitingUsers += users;
    this.sim.after(backoffDelay(this.spec.retries, retry[0]!.attempts, this.retryRng), this.retryLabel, () => {
      this.waitingUsers -= users;
      this.retries += retry.length;
      this.putRecords(retry);
    });
  }

  // --- outcomes ------------------------------------------------------------------------------

  private accept(e: Outgoing, now: number): void {
    this.accepted++;
    this.userAccepted += e.users;
    this.bytesAccepted += e.size;
    const gens = e.userGen;
    if (gens) for (let i = 0; i < gens.length; i++) this.observe(now - gens[i]!);
    else this.observe(now - e.genAt);
  }

  /** Counts a failed send; true when the entry has used its retries and is given up. */
  private exhausted(e: Outgoing, now: number): boolean {
    e.attempts++;
    if (e.attempts <= this.spec.retries.max) return false;
    this.givenUp++;
    this.userGivenUp += e.users;
    this.givenUpSeries.add(now, e.users);
    return true;
  }

  private rejectEntry(e: Outgoing, code: string): void {
    this.rejected++;
    this.reject(e.users, code);
  }

  private reject(users: number, code: string): void {
    this.userRejected += users;
    this.rejectedByCode.set(code, (this.rejectedByCode.get(code) ?? 0) + users);
  }

  private observe(latency: number): void {
    if (latency === this.runLatency) {
      this.runCount++;
      return;
    }
    if (this.runCount > 0) this.latency.record(this.runLatency, this.runCount);
    this.runLatency = latency;
    this.runCount = 1;
  }

  // --- metrics -------------------------------------------------------------------------------

  /** User records still buffered or waiting to retry, counted from the buffers themselves. */
  private pending(): number {
    return (this.batcher?.users ?? 0) + (this.kpl?.buffered ?? 0) + this.waitingUsers;
  }

  metrics(): ProducerMetrics {
    if (this.runCount > 0) {
      this.latency.record(this.runLatency, this.runCount);
      this.runCount = 0;
      this.runLatency = -1;
    }
    const seconds = Math.ceil(this.sim.now / 1000);
    const stats = this.kpl && this.spec.kpl.aggregation ? this.kpl.stats : { aggregates: 0, userRecords: 0, maxUsers: 0 };
    return {
      name: this.name,
      stream: this.spec.stream,
      api: this.spec.api,
      userRecords: { produced: this.produced, accepted: this.userAccepted, givenUp: this.userGivenUp, rejected: this.userRejected, pending: this.pending() },
      rejectedByCode: Object.fromEntries([...this.rejectedByCode].sort(([a], [b]) => (a < b ? -1 : 1))),
      kinesisRecords: { sent: this.sent, accepted: this.accepted, throttled: this.throttled, rejected: this.rejected, givenUp: this.givenUp },
      calls: { total: this.calls, failedEntirely: this.callsFailed, partiallyFailed: this.callsPartial },
      retries: this.retries,
      bytesSent: this.bytesSent,
      bytesAccepted: this.bytesAccepted,
      aggregation: {
        aggregates: stats.aggregates,
        userRecords: stats.userRecords,
        recordsPerAggregate: stats.aggregates === 0 ? 0 : Math.round((stats.userRecords / stats.aggregates) * 1000) / 1000,
        maxRecordsPerAggregate: stats.maxUsers,
      },
      latencyMs: this.latency.summary(),
      series: {
        producedPerSecond: this.producedSeries.toArray(seconds),
        acceptedPerSecond: this.acceptedSeries.toArray(seconds),
        throttledPerSecond: this.throttledSeries.toArray(seconds),
        givenUpPerSecond: this.givenUpSeries.toArray(seconds),
      },
    };
  }
}

function errorCode(err: unknown): string {
  if (err instanceof AwsError) return err.code;
  throw err;
}
