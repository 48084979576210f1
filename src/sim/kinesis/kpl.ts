import type { ScheduledEvent } from '../core/agenda.js';
import type { Simulation } from '../core/simulation.js';
import { KINESIS } from '../limits.js';
import type { ProducerSpec } from '../scenario/spec.js';
import { Collector, Outgoing } from './producer-batch.js';
import type { Shard } from './shard.js';
import type { Stream } from './stream.js';

// The Kinesis Producer Library's two buffers. Aggregation packs user records bound for the same
// shard (predicted from the stream's shard map, as the KPL does from ListShards) into one Kinesis
// record; collection packs Kinesis records into PutRecords calls. A user record waits at most
// RecordMaxBufferedTime: an aggregate's deadline is its first user record's, and the collector
// leaves at the earliest deadline it holds.
//
// Sizes follow the KPL aggregation format (amazon-kinesis-producer, aggregation-format.md):
// a 4-byte magic number, a protobuf AggregatedRecord {repeated string partition_key_table = 1;
// repeated Record records = 3}, Record {uint64 partition_key_index = 1; bytes data = 3}, and a
// 16-byte MD5 of the message. An aggregate of one user record is sent as that plain record.

const MAGIC_BYTES = 4;
const MD5_BYTES = 16;
const FRAME_BYTES = MAGIC_BYTES + MD5_BYTES;
/** The engine's record log counts user records per Kinesis record in 16 bits. */
const MAX_USERS_PER_AGGREGATE = 65_535;

function varintBytes(n: number): number {
  let bytes = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    bytes++;
  }
  return bytes;
}

/** Protobuf bytes one length-delimited field of `length` bytes takes (tag, length, content). */
function fieldBytes(length: number): number {
  return 1 + varintBytes(length) + length;
}

class Aggregate {
  readonly keyIndex = new Map<string, number>();
  count = 0;
  protoBytes = 0;
  firstKey = '';
  firstKeyBytes = 0;
  /** Size of the first user record sent on its own (data plus key). */
  firstPlainSize = 0;
  tags = new Float64Array(64);
  gens = new Float64Array(64);
  timer: ScheduledEvent | null = null;
  readonly onDeadline: () => void;

  constructor(flush: (a: Aggregate) => void) {
    this.onDeadline = () => {
      this.timer = null;
      flush(this);
    };
  }

  /** Protobuf bytes a user record adds: its Record, and its key in the table if the key is new. */
  cost(key: string, keyBytes: number, dataBytes: number): number {
    let index = this.keyIndex.get(key);
    let bytes = 0;
    if (index === undefined) {
      index = this.keyIndex.size;
      bytes += fieldBytes(keyBytes);
    }
    bytes += fieldBytes(1 + varintBytes(index) + fieldBytes(dataBytes));
    return bytes;
  }

  /** The Kinesis record's size (data plus partition key) with `extra` more protobuf bytes. */
  sizeWith(extra: number): number {
    return FRAME_BYTES + this.protoBytes + extra + this.firstKeyBytes;
  }

  push(key: string, keyBytes: number, dataBytes: number, tag: number, genAt: number, cost: number): void {
    if (!this.keyIndex.has(key)) this.keyIndex.set(key, this.keyIndex.size);
    if (this.count === this.tags.length) {
      this.tags = grow(this.tags);
      this.gens = grow(this.gens);
    }
    if (this.count === 0) {
      this.firstKey = key;
      this.firstKeyBytes = keyBytes;
      this.firstPlainSize = dataBytes + keyBytes;
    }
    this.tags[this.count] = tag;
    this.gens[this.count] = genAt;
    this.count++;
    this.protoBytes += cost;
  }

  reset(): void {
    this.keyIndex.clear();
    this.count = 0;
    this.protoBytes = 0;
    if (this.timer) {
      this.timer.cancelled = true;
      this.timer = null;
    }
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

export interface KplStats {
  /** Kinesis records the aggregator built (one-user ones included). */
  aggregates: number;
  /** User records in them. */
  userRecords: number;
  maxUsers: number;
}

export class Kpl {
  readonly collector: Collector;
  private readonly aggregates = new Map<Shard, Aggregate>();
  private readonly limit: number;
  private readonly wait: number;
  private readonly aggregation: boolean;
  private readonly flushAggregate: (a: Aggregate) => void;
  private readonly label: string;
  readonly stats: KplStats = { aggregates: 0, userRecords: 0, maxUsers: 0 };

  constructor(
    private readonly sim: Simulation,
    label: string,
    options: ProducerSpec['kpl'],
    send: (entries: Outgoing[]) => void,
  ) {
    this.label = `${label}:aggregate`;
    this.wait = options.recordMaxBufferedTime;
    this.aggregation = options.aggregation;
    // The KPL's AggregationMaxSize tops out at the largest record a default stream accepts.
    this.limit = Math.min(options.maxAggregateSize, KINESIS.recordSizeDefault.values[0]!.amount);
    this.collector = new Collector(sim, `${label}:collect`, KINESIS.putRecordsEntries.values[0]!.amount, KINESIS.putRecordsBytes.values[0]!.amount, send);
    this.flushAggregate = (a) => this.flush(a);
  }

  /** User records buffered in aggregates or the collector. */
  get buffered(): number {
    let n = this.collector.users;
    for (const a of this.aggregates.values()) n += a.count;
    return n;
  }

  /** One user record, already validated against the stream. */
  add(stream: Stream, key: string, keyBytes: number, dataBytes: number, tag: number, genAt: number): void {
    if (!this.aggregation) {
      this.collector.add(new Outgoing(key, dataBytes + keyBytes, tag, genAt), genAt + this.wait);
      return;
    }
    if (dataBytes + keyBytes > this.limit) {
      // Too big to aggregate: the KPL sends it as a plain record.
      this.note(1);
      this.collector.add(new Outgoing(key, dataBytes + keyBytes, tag, genAt), genAt + this.wait);
      return;
    }
    const shard = stream.route(key, null);
    let agg = this.aggregates.get(shard);
    if (!agg) {
      agg = new Aggregate(this.flushAggregate);
      this.aggregates.set(shard, agg);
    }
    let cost = agg.cost(key, keyBytes, dataBytes);
    if (agg.count > 0 && (agg.sizeWith(cost) > this.limit || agg.count >= MAX_USERS_PER_AGGREGATE)) {
      this.flush(agg);
      cost = agg.cost(key, keyBytes, dataBytes);
    }
    agg.push(key, keyBytes, dataBytes, tag, genAt, cost);
    if (agg.count === 1) agg.timer = this.sim.at(genAt + this.wait, this.label, agg.onDeadline);
  }

  private note(users: number): void {
    this.stats.aggregates++;
    this.stats.userRecords += users;
    if (users > this.stats.maxUsers) this.stats.maxUsers = users;
  }

  private flush(agg: Aggregate): void {
    const n = agg.count;
    if (n === 0) return;
    const genAt = agg.gens[0]!;
    const entry =
      n === 1
        ? new Outgoing(agg.firstKey, agg.firstPlainSize, agg.tags[0]!, genAt)
        : new Outgoing(agg.firstKey, agg.sizeWith(0), agg.tags[0]!, genAt, n, agg.tags.slice(0, n), agg.gens.slice(0, n));
    agg.reset();
    this.note(n);
    this.collector.add(entry, genAt + this.wait);
  }
}
