import { GaugeSeries, Histogram, Series, type HistogramSummary } from '../../core/metrics.js';
import type { RecordLog } from '../record-log.js';
import type { Shard } from '../shard.js';

// What every consumer reports about the records that reached its application, counted the same
// way for polling, enhanced fan-out, KCL and Lambda so lab checks can compare them.
//
// Producer tags are `producer × 2^32 + n` with n counting that producer's user records from 0
// (record-log.ts). Seen tags are kept as one bit per (producer, n), so duplicate detection costs a
// bit per record rather than a Set entry.

const PRODUCER_SPAN = 4_294_967_296;

export interface DeliveryMetrics {
  /** Kinesis records handed to the application, redeliveries included. */
  records: number;
  /** User records in them (KPL aggregates de-aggregated). */
  userRecords: number;
  bytes: number;
  /** Delivery (and processing, where modelled) time minus arrival in the stream, per record. */
  latencyMs: HistogramSummary;
  /** Highest MillisBehindLatest seen; for Lambda, the age of the last record of a batch at invocation. */
  maxIteratorAgeMs: number;
  /** User records delivered again (KCL failover, Lambda retries). */
  duplicates: number;
  /** User records delivered after a later record of the same producer and partition key. */
  orderingViolations: number;
  getRecordsCalls: number;
  /** GetRecords calls refused with ProvisionedThroughputExceededException. */
  readThrottled: number;
  subscribeToShardCalls: number;
  series: {
    /** Records delivered in each second of the run. */
    recordsPerSecond: number[];
    /** The highest iterator age observed in each second. */
    maxIteratorAgeMsPerSecond: number[];
  };
}

export class DeliveryTracker {
  records = 0;
  userRecords = 0;
  bytes = 0;
  duplicates = 0;
  orderingViolations = 0;
  getRecordsCalls = 0;
  readThrottled = 0;
  subscribeToShardCalls = 0;
  maxIteratorAgeMs = 0;
  /** Highest age since the last `takeAgePeak`, for a live view; not part of the metrics. */
  private agePeak = 0;
  private readonly latency = new Histogram();
  private readonly ages = new GaugeSeries();
  private readonly perSecond = new Series();
  private readonly seen: (Uint32Array | undefined)[] = [];
  /** Last tag seen per partition key id; -1 when none. */
  private lastByKey = new Float64Array(1024).fill(-1);
  /** Keys written by more than one producer: the last tag per (key, other producer). */
  private readonly otherProducers = new Map<number, number>();
  // Run-length state so a batch of records with the same latency costs one histogram update.
  private pendingLatency = -1;
  private pendingCount = 0;

  /** Records [from, to) of `shard` reached the application; `doneAt` is when it finished them. */
  deliver(shard: Shard, from: number, to: number, doneAt: number): void {
    const log = shard.log;
    const start = Math.max(from, log.first);
    for (let i = start; i < to; i++) this.deliverOne(log, i, doneAt);
    if (to > start) this.perSecond.add(doneAt, to - start);
    this.flushLatency();
  }

  /** Records of `shard` at the given indexes (a Lambda batch need not be contiguous). */
  deliverIndexes(shard: Shard, indexes: readonly number[], doneAt: number): void {
    const log = shard.log;
    let n = 0;
    for (const i of indexes) {
      if (i < log.first) continue;
      this.deliverOne(log, i, doneAt);
      n++;
    }
    if (n > 0) this.perSecond.add(doneAt, n);
    this.flushLatency();
  }

  observeAge(now: number, ageMs: number): void {
    if (ageMs > this.maxIteratorAgeMs) this.maxIteratorAgeMs = ageMs;
    if (ageMs > this.agePeak) this.agePeak = ageMs;
    this.ages.observe(now, ageMs);
  }

  /** The highest iterator age seen since the previous call (a run's progress view polls it). */
  takeAgePeak(): number {
    const peak = this.agePeak;
    this.agePeak = 0;
    return peak;
  }

  metrics(seconds: number): DeliveryMetrics {
    this.flushLatency();
    return {
      records: this.records,
      userRecords: this.userRecords,
      bytes: this.bytes,
      latencyMs: this.latency.summary(),
      maxIteratorAgeMs: round(this.maxIteratorAgeMs),
      duplicates: this.duplicates,
      orderingViolations: this.orderingViolations,
      getRecordsCalls: this.getRecordsCalls,
      readThrottled: this.readThrottled,
      subscribeToShardCalls: this.subscribeToShardCalls,
      series: {
        recordsPerSecond: this.perSecond.toArray(seconds),
        maxIteratorAgeMsPerSecond: this.ages.toArray(seconds).map(round),
      },
    };
  }

  private deliverOne(log: RecordLog, i: number, doneAt: number): void {
    const users = log.usersAt(i);
    this.records++;
    this.userRecords += users;
    this.bytes += log.sizeAt(i);
    const latency = doneAt - log.arrivalAt(i);
    if (latency === this.pendingLatency) this.pendingCount++;
    else {
      this.flushLatency();
      this.pendingLatency = latency;
      this.pendingCount = 1;
    }
    const key = log.keyAt(i);
    const userTags = users > 1 ? log.aggregateTags.get(i) : undefined;
    if (userTags) {
      for (let u = 0; u < userTags.length; u++) this.check(userTags[u]!, key);
    } else {
      const tag = log.tagAt(i);
      if (tag >= 0) this.check(tag, key);
    }
  }

  private flushLatency(): void {
    if (this.pendingCount > 0) this.latency.record(this.pendingLatency, this.pendingCount);
    this.pendingCount = 0;
    this.pendingLatency = -1;
  }

  /** Duplicate first (a redelivery is not an ordering error), then order per key and producer. */
  private check(tag: number, key: number): void {
    const producer = Math.floor(tag / PRODUCER_SPAN);
    const n = tag - producer * PRODUCER_SPAN;
    let bits = this.seen[producer];
    const word = n >>> 5;
    if (!bits || word >= bits.length) {
      const grown = new Uint32Array(Math.max(64, (word + 1) * 2));
      if (bits) grown.set(bits);
      bits = grown;
      this.seen[producer] = bits;
    }
    const mask = 1 << (n & 31);
    if (bits[word]! & mask) {
      this.duplicates++;
      return;
    }
    bits[word] = bits[word]! | mask;

    if (key >= this.lastByKey.length) {
      const grown = new Float64Array(Math.max(key + 1, this.lastByKey.length * 2)).fill(-1);
      grown.set(this.lastByKey);
      this.lastByKey = grown;
    }
    const last = this.lastByKey[key]!;
    if (last < 0) {
      this.lastByKey[key] = tag;
    } else if (Math.floor(last / PRODUCER_SPAN) === producer) {
      if (tag < last) this.orderingViolations++;
      else this.lastByKey[key] = tag;
    } else {
      const slot = key * 65_536 + producer;
      const other = this.otherProducers.get(slot);
      if (other !== undefined && tag < other) this.orderingViolations++;
      else this.otherProducers.set(slot, tag);
    }
  }
}

/** Age of the oldest record a reader at `position` has not read yet; 0 when it is at the tip. */
export function ageAt(log: RecordLog, position: number, now: number): number {
  const p = Math.max(position, log.first);
  return p < log.end ? Math.max(0, now - log.arrivalAt(p)) : 0;
}

/** Whole seconds of the run so far: the length of every per-second series. */
export function runSeconds(nowMs: number): number {
  return Math.ceil(nowMs / 1000);
}

/** Producer times are fractions of a millisecond; three decimals keep the JSON readable. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
