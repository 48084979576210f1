import { Series } from '../core/metrics.js';
import type { Simulation } from '../core/simulation.js';
import { KDS_PRICES } from '../cost/prices.js';
import { KINESIS } from '../limits.js';
import { WindowLimiter } from './bucket.js';
import { ACCOUNT, REGION } from './errors.js';
import { evenRanges, type HashCache } from './hash.js';
import { Shard } from './shard.js';

export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';
export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const PUT_PAYLOAD_UNIT_BYTES = KDS_PRICES.provisioned.putPayloadUnitKB * 1024;

/** How long control-plane operations take in the engine (AWS publishes no exact figures). */
export const TIMINGS = {
  createStreamMs: 0,
  splitOrMergeMs: 10_000,
  updateShardCountBaseMs: 15_000,
  updateShardCountPerShardMs: 500,
  /** On-demand capacity is re-evaluated once a minute from the busiest minute so far. */
  onDemandReviewMs: MINUTE_MS,
} as const;

/** On-demand capacity: it starts at 4 MiB/s and 4,000 records/s and follows twice the peak seen. */
class OnDemandCapacity {
  readonly bytes: WindowLimiter;
  readonly records: WindowLimiter;
  peakBytesPerSecond = 0;
  peakRecordsPerSecond = 0;
  private minuteBytes = 0;
  private minuteRecords = 0;
  /** Per-partition-key buckets: one key still gets at most one shard's worth. */
  readonly keyBuckets = new Map<number, { bytes: WindowLimiter; records: WindowLimiter }>();

  constructor() {
    this.bytes = new WindowLimiter(KINESIS.onDemandInitialWriteBytes.values[0]!.amount);
    this.records = new WindowLimiter(KINESIS.onDemandInitialWriteRecords.values[0]!.amount);
  }

  note(bytes: number): void {
    this.minuteBytes += bytes;
    this.minuteRecords += 1;
  }

  review(now: number): void {
    this.peakBytesPerSecond = Math.max(this.peakBytesPerSecond, this.minuteBytes / 60);
    this.peakRecordsPerSecond = Math.max(this.peakRecordsPerSecond, this.minuteRecords / 60);
    this.minuteBytes = 0;
    this.minuteRecords = 0;
    this.bytes.setLimit(now, Math.max(KINESIS.onDemandInitialWriteBytes.values[0]!.amount, 2 * this.peakBytesPerSecond));
    this.records.setLimit(now, Math.max(KINESIS.onDemandInitialWriteRecords.values[0]!.amount, 2 * this.peakRecordsPerSecond));
  }

  keyBucket(keyId: number) {
    let b = this.keyBuckets.get(keyId);
    if (!b) {
      b = {
        bytes: new WindowLimiter(KINESIS.shardWriteBytes.values[0]!.amount),
        records: new WindowLimiter(KINESIS.shardWriteRecords.values[0]!.amount),
      };
      this.keyBuckets.set(keyId, b);
    }
    return b;
  }
}

export interface PendingReshard {
  kind: 'split' | 'merge' | 'update';
  completesAt: number;
}

export class Stream {
  readonly arn: string;
  status: StreamStatus = 'ACTIVE';
  readonly shards: Shard[] = [];
  private open: Shard[] = [];
  private nextShardNumber = 0;
  /** Partition key → its shard and key id, so the write path does one map lookup per record. */
  private readonly routes = new Map<string, { shard: Shard; keyId: number }>();
  readonly keys: string[] = [];
  private readonly keyIds = new Map<string, number>();
  retentionHours = 24;
  maxRecordSizeBytes = KINESIS.recordSizeDefault.values[0]!.amount;
  readonly onDemand: OnDemandCapacity | null;
  readonly updateShardCountCalls: number[] = [];
  pendingReshard: PendingReshard | null = null;

  // Stream-level counters and per-second series for the metrics document.
  recordsIn = 0;
  userRecordsIn = 0;
  bytesIn = 0;
  writeThrottled = 0;
  expiredRecords = 0;
  expiredUserRecords = 0;
  readonly recordsInSeries = new Series();
  readonly bytesInSeries = new Series();
  readonly throttledSeries = new Series();
  readonly reshards: { at: number; kind: string; from: number; to: number }[] = [];
  // What the bill counts, for the cost section (src/sim/cost): accepted records in 25 KiB PUT
  // payload units and rounded up to whole KiB, bytes pushed by enhanced fan-out, and when each
  // enhanced fan-out consumer was registered.
  putPayloadUnits = 0;
  billedIngestBytes = 0;
  efoBytesOut = 0;
  readonly efoRegisteredAt: number[] = [];
  readonly createdAt: number;

  constructor(
    private readonly sim: Simulation,
    private readonly hashes: HashCache,
    readonly name: string,
    readonly mode: StreamMode,
    shardCount: number,
    readonly epoch: number,
  ) {
    this.arn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
    this.createdAt = sim.now;
    this.onDemand = mode === 'ON_DEMAND' ? new OnDemandCapacity() : null;
    // On-demand streams start with four shards, as AWS creates them; capacity is the stream's.
    for (const [start, end] of evenRanges(mode === 'ON_DEMAND' ? 4 : shardCount)) this.addShard(start, end, []);
    this.refreshOpen();
    sim.every(MINUTE_MS, `kinesis:${name}:housekeeping`, () => this.housekeeping(), sim.now + MINUTE_MS);
  }

  get openShards(): readonly Shard[] {
    return this.open;
  }

  shard(id: string): Shard | undefined {
    return this.shards.find((s) => s.id === id);
  }

  keyId(partitionKey: string): number {
    let id = this.keyIds.get(partitionKey);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(partitionKey);
      this.keyIds.set(partitionKey, id);
    }
    return id;
  }

  /** The open shard a partition key (or an explicit hash key) maps to. */
  route(partitionKey: string, explicitHash: bigint | null): Shard {
    return this.resolve(partitionKey, explicitHash).shard;
  }

  /** The shard and key id of a record: the write path's only lookup for a key seen before. */
  resolve(partitionKey: string, explicitHash: bigint | null): { shard: Shard; keyId: number } {
    if (explicitHash === null) {
      const cached = this.routes.get(partitionKey);
      if (cached) return cached;
    }
    const hash = explicitHash ?? this.hashes.get(partitionKey);
    const open = this.open;
    let lo = 0;
    let hi = open.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (open[mid]!.startingHashKey <= hash) lo = mid;
      else hi = mid - 1;
    }
    const resolved = { shard: open[lo]!, keyId: this.keyId(partitionKey) };
    if (explicitHash === null && this.routes.size < 1_000_000) this.routes.set(partitionKey, resolved);
    return resolved;
  }

  /**
   * Accepts one record into its shard or refuses it for throughput: the per-shard buckets in
   * provisioned mode; the stream's capacity and the per-key share in on-demand mode.
   */
  write(shard: Shard, keyId: number, size: number, tag: number, users: number): number | null {
    const now = this.sim.now;
    if (this.onDemand) {
      const key = this.onDemand.keyBucket(keyId);
      if (!this.onDemand.records.canTake(now, 1) || !this.onDemand.bytes.canTake(now, size) || !key.records.canTake(now, 1) || !key.bytes.canTake(now, size)) {
        return this.throttle(shard, now);
      }
      this.onDemand.records.take(now, 1);
      this.onDemand.bytes.take(now, size);
      key.records.take(now, 1);
      key.bytes.take(now, size);
      this.onDemand.note(size);
    } else {
      if (!shard.writeRecords.canTake(now, 1) || !shard.writeBytes.canTake(now, size)) return this.throttle(shard, now);
      shard.writeRecords.take(now, 1);
      shard.writeBytes.take(now, size);
    }
    const index = shard.log.append(now, size, keyId, tag, users);
    shard.recordsIn++;
    shard.userRecordsIn += users;
    shard.bytesIn += size;
    this.recordsIn++;
    this.userRecordsIn += users;
    this.bytesIn += size;
    this.putPayloadUnits += Math.ceil(size / PUT_PAYLOAD_UNIT_BYTES);
    this.billedIngestBytes += Math.ceil(size / 1024) * 1024;
    this.recordsInSeries.add(now);
    this.bytesInSeries.add(now, size);
    return index;
  }

  private throttle(shard: Shard, now: number): null {
    shard.writeThrottled++;
    this.writeThrottled++;
    this.throttledSeries.add(now);
    return null;
  }

  // --- resharding ------------------------------------------------------------------------

  split(parent: Shard, newStartingHashKey: bigint): void {
    this.close(parent);
    this.addShard(parent.startingHashKey, newStartingHashKey - 1n, [parent.id]);
    this.addShard(newStartingHashKey, parent.endingHashKey, [parent.id]);
    this.refreshOpen();
  }

  merge(a: Shard, b: Shard): void {
    const [low, high] = a.startingHashKey < b.startingHashKey ? [a, b] : [b, a];
    this.close(low);
    this.close(high);
    this.addShard(low.startingHashKey, high.endingHashKey, [low.id, high.id]);
    this.refreshOpen();
  }

  /** Uniform scaling: the open shards close and `target` even shards replace them. */
  scaleTo(target: number): void {
    const parents = [...this.open];
    for (const p of parents) this.close(p);
    for (const [start, end] of evenRanges(target)) {
      const overlapping = parents.filter((p) => p.startingHashKey <= end && p.endingHashKey >= start).map((p) => p.id);
      this.addShard(start, end, overlapping);
    }
    this.refreshOpen();
  }

  private addShard(start: bigint, end: bigint, parents: string[]): Shard {
    const shard = new Shard(this.nextShardNumber++, start, end, parents, this.sim.now);
    this.shards.push(shard);
    return shard;
  }

  private close(shard: Shard): void {
    shard.closedAt = this.sim.now;
    shard.endIndex = shard.log.end - 1;
  }

  private refreshOpen(): void {
    this.open = this.shards.filter((s) => s.open).sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
    this.routes.clear();
  }

  // --- retention and on-demand review ----------------------------------------------------

  /** Shards whose data has all expired after they closed are gone from ListShards, as on AWS. */
  isExpiredShard(shard: Shard): boolean {
    return !shard.open && shard.log.length === 0 && shard.closedAt! + this.retentionHours * HOUR_MS <= this.sim.now;
  }

  expire(): void {
    const cutoff = this.sim.now - this.retentionHours * HOUR_MS;
    for (const shard of this.shards) {
      const gone = shard.log.expireBefore(cutoff);
      shard.expired += gone.records;
      this.expiredRecords += gone.records;
      this.expiredUserRecords += gone.users;
    }
  }

  private housekeeping(): boolean {
    if (this.status === 'DELETING') return false;
    this.expire();
    this.onDemand?.review(this.sim.now);
    return true;
  }
}
