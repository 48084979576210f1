import type { Simulation } from '../core/simulation.js';
import { KINESIS } from '../limits.js';
import { AwsError } from './errors.js';
import { HashCache, MAX_HASH } from './hash.js';
import { parseSequenceNumber, sequenceNumber, type Shard } from './shard.js';
import { Stream, TIMINGS, type StreamMode } from './stream.js';

// The Kinesis Data Streams API of the engine. Method names and JSON shapes follow the AWS API
// (PutRecords answers {FailedRecordCount, Records: [{SequenceNumber, ShardId} | {ErrorCode,
// ErrorMessage}]}), and every refusal is an AwsError with AWS's exception name.

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ITERATOR_TTL_MS = KINESIS.iteratorLifetime.values[0]!.amount * 1000;

export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP';

export interface PutEntry {
  partitionKey: string;
  /** Size in bytes of data blob plus partition key, as AWS counts it. */
  size: number;
  explicitHashKey?: string;
  /** The payload, when written through the API or console. */
  data?: string;
  /** Producer tag for end-to-end accounting; -1 when none. */
  tag?: number;
  /** User records inside (KPL aggregates); 1 by default. */
  users?: number;
  aggregateTags?: Float64Array;
}

export type PutResult = { SequenceNumber: string; ShardId: string } | { ErrorCode: string; ErrorMessage: string };

interface IteratorState {
  stream: Stream;
  shard: Shard;
  position: number;
  createdAt: number;
}

/** What one GetRecords call read, before it is turned into AWS's JSON. */
export interface ReadResult {
  shard: Shard;
  from: number;
  to: number;
  bytes: number;
  millisBehindLatest: number;
  /** Position for the next call, or null when a closed shard has been read to its end. */
  next: number | null;
}

export class KinesisService {
  readonly streams = new Map<string, Stream>();
  private readonly hashes = new HashCache();
  private readonly iterators = new Map<string, IteratorState>();
  private nextIterator = 1;
  private nextEpoch = 1;

  constructor(readonly sim: Simulation) {}

  // --- control plane -------------------------------------------------------------------------

  createStream(name: string, options: { shardCount?: number; mode?: StreamMode; retentionHours?: number; maxRecordSizeKiB?: number } = {}): Stream {
    if (!STREAM_NAME.test(name)) throw new AwsError('ValidationException', `1 validation error detected: Value '${name}' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
    if (this.streams.has(name)) throw new AwsError('ResourceInUseException', `Stream ${name} under account ${'123456789012'} already exists.`);
    const mode = options.mode ?? 'PROVISIONED';
    const shardCount = options.shardCount ?? (mode === 'PROVISIONED' ? 1 : 4);
    if (mode === 'PROVISIONED' && (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > KINESIS.updateShardCountMaxShards.values[0]!.amount)) {
      throw new AwsError('InvalidArgumentException', `ShardCount must be between 1 and ${KINESIS.updateShardCountMaxShards.values[0]!.amount}; got ${shardCount}.`);
    }
    const stream = new Stream(this.sim, this.hashes, name, mode, shardCount, this.nextEpoch++);
    this.streams.set(name, stream);
    if (options.retentionHours !== undefined) this.setRetention(stream, options.retentionHours);
    if (options.maxRecordSizeKiB !== undefined) this.setMaxRecordSize(stream, options.maxRecordSizeKiB);
    return stream;
  }

  stream(name: string): Stream {
    const stream = this.streams.get(name);
    if (!stream) throw new AwsError('ResourceNotFoundException', `Stream ${name} under account 123456789012 not found.`);
    return stream;
  }

  setRetention(stream: Stream, hours: number): void {
    const [min, max] = KINESIS.retention.values.map((v) => v.amount / 3600) as [number, number];
    if (!Number.isInteger(hours) || hours < min || hours > max) {
      throw new AwsError('InvalidArgumentException', `Minimum allowed retention period is ${min} hours. Maximum allowed retention period is ${max} hours. Requested retention period (${hours} hours) is out of range.`);
    }
    stream.retentionHours = hours;
  }

  increaseRetention(name: string, hours: number): void {
    const stream = this.stream(name);
    if (hours < stream.retentionHours) throw new AwsError('InvalidArgumentException', `Requested retention period (${hours} hours) for stream ${name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`);
    this.setRetention(stream, hours);
  }

  decreaseRetention(name: string, hours: number): void {
    const stream = this.stream(name);
    if (hours > stream.retentionHours) throw new AwsError('InvalidArgumentException', `Requested retention period (${hours} hours) for stream ${name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`);
    this.setRetention(stream, hours);
    stream.expire();
  }

  setMaxRecordSize(stream: Stream, kib: number): void {
    const [min, max] = KINESIS.recordSizeMax.values.map((v) => v.amount / 1024) as [number, number];
    if (!Number.isInteger(kib) || kib < min || kib > max) throw new AwsError('ValidationException', `MaxRecordSizeInKiB must be between ${min} and ${max}; got ${kib}.`);
    stream.maxRecordSizeBytes = kib * 1024;
  }

  splitShard(name: string, shardId: string, newStartingHashKey: string): void {
    const stream = this.updatable(name);
    const shard = this.openShard(stream, shardId);
    const key = parseHashKey(newStartingHashKey, 'NewStartingHashKey');
    if (key <= shard.startingHashKey || key > shard.endingHashKey) {
      throw new AwsError('InvalidArgumentException', `NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${name} under account 123456789012 is not both greater than one plus the shard's StartingHashKey ${shard.startingHashKey} and less than the shard's EndingHashKey ${shard.endingHashKey}.`);
    }
    this.reshardAfter(stream, 'split', TIMINGS.splitOrMergeMs, () => stream.split(shard, key));
  }

  mergeShards(name: string, shardId: string, adjacentShardId: string): void {
    const stream = this.updatable(name);
    const a = this.openShard(stream, shardId);
    const b = this.openShard(stream, adjacentShardId);
    const adjacent = a.endingHashKey + 1n === b.startingHashKey || b.endingHashKey + 1n === a.startingHashKey;
    if (!adjacent) throw new AwsError('InvalidArgumentException', `Shards ${shardId} and ${adjacentShardId} in stream ${name} under account 123456789012 are not an adjacent pair of shards eligible for merging`);
    this.reshardAfter(stream, 'merge', TIMINGS.splitOrMergeMs, () => stream.merge(a, b));
  }

  updateShardCount(name: string, target: number): { CurrentShardCount: number; TargetShardCount: number; StreamName: string } {
    const stream = this.updatable(name);
    const current = stream.openShards.length;
    const max = KINESIS.updateShardCountMaxShards.values[0]!.amount;
    if (!Number.isInteger(target) || target < 1 || target > max) throw new AwsError('ValidationException', `TargetShardCount must be between 1 and ${max}; got ${target}.`);
    if (target > current * 2) throw new AwsError('InvalidArgumentException', `UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${current} Target shard count: ${target}`);
    if (target < Math.ceil(current / 2)) throw new AwsError('InvalidArgumentException', `UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${current} Target shard count: ${target}`);
    const window = stream.updateShardCountCalls.filter((t) => t > this.sim.now - DAY_MS);
    const perDay = KINESIS.updateShardCountCallsPerDay.values[0]!.amount;
    if (window.length >= perDay) {
      const retryAt = window[0]! + DAY_MS;
      throw new AwsError('LimitExceededException', `Rate exceeded for stream ${name} under account 123456789012: ${perDay} UpdateShardCount calls in the last 24 hours. The next call is allowed in ${formatDuration(retryAt - this.sim.now)}.`);
    }
    stream.updateShardCountCalls.splice(0, stream.updateShardCountCalls.length, ...window, this.sim.now);
    const duration = TIMINGS.updateShardCountBaseMs + TIMINGS.updateShardCountPerShardMs * Math.max(target, current);
    this.reshardAfter(stream, 'update', duration, () => stream.scaleTo(target));
    return { CurrentShardCount: current, TargetShardCount: target, StreamName: name };
  }

  private updatable(name: string): Stream {
    const stream = this.stream(name);
    if (stream.status !== 'ACTIVE') throw new AwsError('ResourceInUseException', `Stream ${name} under account 123456789012 not ACTIVE, instead in state ${stream.status}`);
    if (stream.mode === 'ON_DEMAND') throw new AwsError('ValidationException', `Stream ${name} is in ON_DEMAND mode; resharding is managed by Kinesis.`);
    return stream;
  }

  private openShard(stream: Stream, shardId: string): Shard {
    const shard = stream.shard(shardId);
    if (!shard || stream.isExpiredShard(shard)) throw new AwsError('ResourceNotFoundException', `Could not find shard ${shardId} in stream ${stream.name} under account 123456789012.`);
    if (!shard.open) throw new AwsError('ResourceInUseException', `Shard ${shardId} in stream ${stream.name} under account 123456789012 has already been merged or split, and thus is not eligible for merging or splitting.`);
    return shard;
  }

  /** One resharding operation at a time: the stream is UPDATING until the new shards open. */
  private reshardAfter(stream: Stream, kind: 'split' | 'merge' | 'update', durationMs: number, apply: () => void): void {
    const from = stream.openShards.length;
    stream.status = 'UPDATING';
    stream.pendingReshard = { kind, completesAt: this.sim.now + durationMs };
    this.sim.after(durationMs, `kinesis:${stream.name}:${kind}`, () => {
      apply();
      stream.status = 'ACTIVE';
      stream.pendingReshard = null;
      stream.reshards.push({ at: this.sim.now, kind, from, to: stream.openShards.length });
    });
  }

  // --- writes --------------------------------------------------------------------------------

  /** One record through the per-shard limits; returns the shard and index, or null when throttled. */
  putOne(stream: Stream, entry: PutEntry): { shard: Shard; index: number } | null {
    const { shard, keyId } = stream.resolve(entry.partitionKey, entry.explicitHashKey === undefined ? null : parseHashKey(entry.explicitHashKey, 'ExplicitHashKey'));
    const index = stream.write(shard, keyId, entry.size, entry.tag ?? -1, entry.users ?? 1);
    if (index === null) return null;
    if (entry.data !== undefined) shard.log.data.set(index, entry.data);
    if (entry.aggregateTags) shard.log.aggregateTags.set(index, entry.aggregateTags);
    return { shard, index };
  }

  putRecord(name: string, entry: PutEntry): { SequenceNumber: string; ShardId: string } {
    const stream = this.stream(name);
    this.validateEntry(stream, entry);
    const put = this.putOne(stream, entry);
    if (!put) {
      const shard = stream.route(entry.partitionKey, entry.explicitHashKey === undefined ? null : parseHashKey(entry.explicitHashKey, 'ExplicitHashKey'));
      throw new AwsError('ProvisionedThroughputExceededException', throttleMessage(stream, shard));
    }
    return { SequenceNumber: sequenceNumber(stream.epoch, put.shard.number, put.index), ShardId: put.shard.id };
  }

  putRecords(name: string, entries: PutEntry[]): { FailedRecordCount: number; Records: PutResult[] } {
    const stream = this.stream(name);
    this.validateBatch(stream, entries);
    let failed = 0;
    const records = entries.map((entry): PutResult => {
      const put = this.putOne(stream, entry);
      if (put) return { SequenceNumber: sequenceNumber(stream.epoch, put.shard.number, put.index), ShardId: put.shard.id };
      failed++;
      const shard = stream.route(entry.partitionKey, entry.explicitHashKey === undefined ? null : parseHashKey(entry.explicitHashKey, 'ExplicitHashKey'));
      return { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: throttleMessage(stream, shard) };
    });
    return { FailedRecordCount: failed, Records: records };
  }

  /** The request-level checks PutRecords makes before any record is written. */
  validateBatch(stream: Stream, entries: PutEntry[]): void {
    const maxEntries = KINESIS.putRecordsEntries.values[0]!.amount;
    if (entries.length === 0 || entries.length > maxEntries) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${maxEntries} and greater than or equal to 1`);
    }
    let total = 0;
    for (const e of entries) {
      this.validateEntry(stream, e);
      total += e.size;
    }
    const maxBytes = KINESIS.putRecordsBytes.values[0]!.amount;
    if (total > maxBytes) throw new AwsError('InvalidArgumentException', `Records size exceeds ${maxBytes / 1048576} MiB limit: ${total} bytes.`);
  }

  validateEntry(stream: Stream, e: PutEntry): void {
    const maxKey = KINESIS.partitionKeyLength.values[1]!.amount;
    if (e.partitionKey.length < 1 || e.partitionKey.length > maxKey) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to ${maxKey} and greater than or equal to 1`);
    }
    if (e.size > stream.maxRecordSizeBytes) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to ${stream.maxRecordSizeBytes} (record of ${e.size} bytes; raise MaxRecordSizeInKiB for records over 1 MiB)`);
    }
    if (e.explicitHashKey !== undefined) parseHashKey(e.explicitHashKey, 'ExplicitHashKey');
  }

  // --- reads ---------------------------------------------------------------------------------

  getShardIterator(name: string, shardId: string, type: IteratorType, options: { startingSequenceNumber?: string; timestampMs?: number } = {}): { ShardIterator: string } {
    const stream = this.stream(name);
    const shard = stream.shard(shardId);
    if (!shard || stream.isExpiredShard(shard)) throw new AwsError('ResourceNotFoundException', `Shard ${shardId} in stream ${name} under account 123456789012 does not exist`);
    const position = this.startPosition(stream, shard, type, options);
    const token = `AAAAAAAAAA${String(this.nextIterator++).padStart(10, '0')}${shard.id.slice(-4)}`;
    this.iterators.set(token, { stream, shard, position, createdAt: this.sim.now });
    return { ShardIterator: token };
  }

  startPosition(stream: Stream, shard: Shard, type: IteratorType, options: { startingSequenceNumber?: string; timestampMs?: number }): number {
    switch (type) {
      case 'TRIM_HORIZON':
        return shard.log.first;
      case 'LATEST':
        return shard.log.end;
      case 'AT_TIMESTAMP':
        if (options.timestampMs === undefined) throw new AwsError('InvalidArgumentException', 'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
        return shard.log.indexAtTime(options.timestampMs);
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER': {
        const parsed = options.startingSequenceNumber ? parseSequenceNumber(options.startingSequenceNumber) : null;
        if (!parsed || parsed.epoch !== stream.epoch || parsed.shardNumber !== shard.number || parsed.index >= shard.log.end) {
          throw new AwsError('InvalidArgumentException', `Invalid StartingSequenceNumber. It encodes ${stream.name}/${shard.id}, while it was used in a call to a shard with ${stream.name}/${shard.id}`);
        }
        return Math.max(shard.log.first, parsed.index + (type === 'AFTER_SEQUENCE_NUMBER' ? 1 : 0));
      }
      default:
        throw new AwsError('ValidationException', `1 validation error detected: Value '${String(type)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, TRIM_HORIZON, LATEST]`);
    }
  }

  /**
   * One GetRecords call against a shard's shared read limits: 5 calls/s and 2 MiB/s per shard,
   * at most 10,000 records or 10 MiB per call, and a 5-second lock-out after a 10 MiB response
   * (1 second after a read that overdraws the byte rate).
   */
  read(stream: Stream, shard: Shard, position: number, limit: number): ReadResult {
    const now = this.sim.now;
    shard.getRecordsCalls++;
    if (!shard.readBytes.hasRoom(now) || !shard.readCalls.canTake(now, 1)) {
      shard.readThrottled++;
      throw new AwsError('ProvisionedThroughputExceededException', `Rate exceeded for Shard - ${shard.id} in stream ${stream.name} under account 123456789012.`);
    }
    shard.readCalls.take(now, 1);
    const from = Math.max(position, shard.log.first);
    const maxRecords = Math.min(limit, KINESIS.getRecordsMaxRecords.values[0]!.amount);
    const maxBytes = KINESIS.getRecordsMaxBytes.values[0]!.amount;
    let to = from;
    let bytes = 0;
    while (to < shard.log.end && to - from < maxRecords) {
      const size = shard.log.sizeAt(to);
      if (bytes + size > maxBytes && to > from) break;
      bytes += size;
      to++;
    }
    // Charged after the fact: a read past the second's allowance becomes debt, so a 10 MiB
    // response on a 2 MiB/s shard refuses calls for the next 5 seconds, as AWS documents.
    shard.readBytes.take(now, bytes);
    shard.recordsRead += to - from;
    shard.bytesRead += bytes;
    const drained = !shard.open && to > shard.endIndex!;
    const millisBehindLatest = to < shard.log.end ? Math.max(0, now - shard.log.arrivalAt(to)) : 0;
    return { shard, from, to, bytes, millisBehindLatest, next: drained ? null : to };
  }

  getRecords(iterator: string, limit = 10_000): {
    Records: { SequenceNumber: string; ApproximateArrivalTimestamp: number; Data: string; PartitionKey: string }[];
    NextShardIterator: string | null;
    MillisBehindLatest: number;
    ChildShards?: { ShardId: string; ParentShards: string[] }[];
  } {
    const state = this.iterators.get(iterator);
    if (!state) throw new AwsError('InvalidArgumentException', `Invalid ShardIterator: ${iterator}`);
    if (this.sim.now - state.createdAt > ITERATOR_TTL_MS) {
      throw new AwsError('ExpiredIteratorException', `Iterator expired. The iterator was created at time ${state.createdAt} while right now it is ${this.sim.now} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`);
    }
    const { stream, shard } = state;
    const result = this.read(stream, shard, state.position, limit);
    const records = [];
    for (let i = result.from; i < result.to; i++) {
      records.push({
        SequenceNumber: sequenceNumber(stream.epoch, shard.number, i),
        ApproximateArrivalTimestamp: shard.log.arrivalAt(i) / 1000,
        Data: shard.log.data.get(i) ?? Buffer.alloc(Math.min(shard.log.sizeAt(i), 16), 'x').toString('base64'),
        PartitionKey: stream.keys[shard.log.keyAt(i)] ?? '',
      });
    }
    let next: string | null = null;
    if (result.next !== null) {
      next = `AAAAAAAAAA${String(this.nextIterator++).padStart(10, '0')}${shard.id.slice(-4)}`;
      this.iterators.set(next, { stream, shard, position: result.next, createdAt: this.sim.now });
    }
    this.iterators.delete(iterator);
    const response: ReturnType<KinesisService['getRecords']> = { Records: records, NextShardIterator: next, MillisBehindLatest: result.millisBehindLatest };
    if (result.next === null) {
      response.ChildShards = stream.shards.filter((s) => s.parents.includes(shard.id)).map((s) => ({ ShardId: s.id, ParentShards: s.parents }));
    }
    return response;
  }

  // --- descriptions --------------------------------------------------------------------------

  listShards(name: string) {
    const stream = this.stream(name);
    return {
      Shards: stream.shards
        .filter((s) => !stream.isExpiredShard(s))
        .map((s) => ({
          ShardId: s.id,
          ...(s.parents[0] ? { ParentShardId: s.parents[0] } : {}),
          ...(s.parents[1] ? { AdjacentParentShardId: s.parents[1] } : {}),
          HashKeyRange: { StartingHashKey: s.startingHashKey.toString(), EndingHashKey: s.endingHashKey.toString() },
          SequenceNumberRange: {
            StartingSequenceNumber: sequenceNumber(stream.epoch, s.number, 0),
            ...(s.open ? {} : { EndingSequenceNumber: sequenceNumber(stream.epoch, s.number, Math.max(0, s.endIndex!)) }),
          },
        })),
    };
  }

  describeStreamSummary(name: string) {
    const stream = this.stream(name);
    return {
      StreamDescriptionSummary: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: stream.status,
        StreamModeDetails: { StreamMode: stream.mode },
        RetentionPeriodHours: stream.retentionHours,
        StreamCreationTimestamp: 0,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: 'NONE',
        OpenShardCount: stream.openShards.length,
        ConsumerCount: this.consumerCount(stream),
        MaxRecordSizeInKiB: stream.maxRecordSizeBytes / 1024,
      },
    };
  }

  /** Overridden by the enhanced fan-out registry once consumers exist. */
  consumerCount(_stream: Stream): number {
    return 0;
  }
}

function parseHashKey(text: string, field: string): bigint {
  if (!/^\d{1,39}$/.test(text) || BigInt(text) > MAX_HASH) {
    throw new AwsError('InvalidArgumentException', `${field} ${text} is not a decimal integer between 0 and 2^128 - 1.`);
  }
  return BigInt(text);
}

function throttleMessage(stream: Stream, shard: Shard): string {
  return `Rate exceeded for shard ${shard.id} in stream ${stream.name} under account 123456789012.`;
}

function formatDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}
