import { KINESIS } from '../limits.js';
import { WindowLimiter } from './bucket.js';
import { RecordLog } from './record-log.js';

export function shardIdOf(n: number): string {
  return `shardId-${String(n).padStart(12, '0')}`;
}

/**
 * AWS-style 56-digit sequence numbers: a fixed prefix, the stream's creation epoch, the shard
 * number and the record's absolute index. Within a shard they increase with every record, and a
 * child shard's numbers sort after its parent's, as on AWS.
 */
export function sequenceNumber(epoch: number, shardNumber: number, index: number): string {
  return `49${String(epoch).padStart(10, '0')}${String(shardNumber).padStart(8, '0')}${String(index).padStart(36, '0')}`;
}

export function parseSequenceNumber(seq: string): { epoch: number; shardNumber: number; index: number } | null {
  if (!/^49\d{54}$/.test(seq)) return null;
  return { epoch: Number(seq.slice(2, 12)), shardNumber: Number(seq.slice(12, 20)), index: Number(seq.slice(20)) };
}

export class Shard {
  readonly id: string;
  readonly log = new RecordLog();
  readonly writeBytes: WindowLimiter;
  readonly writeRecords: WindowLimiter;
  readonly readCalls: WindowLimiter;
  readonly readBytes: WindowLimiter;
  closedAt: number | null = null;
  /** Absolute index of the last record when the shard closed. */
  endIndex: number | null = null;
  readonly parents: string[];
  readonly openedAt: number;

  // Counters the metrics document reports.
  recordsIn = 0;
  userRecordsIn = 0;
  bytesIn = 0;
  writeThrottled = 0;
  getRecordsCalls = 0;
  readThrottled = 0;
  recordsRead = 0;
  bytesRead = 0;
  expired = 0;

  constructor(
    readonly number: number,
    readonly startingHashKey: bigint,
    readonly endingHashKey: bigint,
    parents: string[],
    now: number,
  ) {
    this.id = shardIdOf(number);
    this.parents = parents;
    this.openedAt = now;
    this.writeBytes = new WindowLimiter(KINESIS.shardWriteBytes.values[0]!.amount);
    this.writeRecords = new WindowLimiter(KINESIS.shardWriteRecords.values[0]!.amount);
    this.readCalls = new WindowLimiter(KINESIS.getRecordsCallsPerSecond.values[0]!.amount);
    this.readBytes = new WindowLimiter(KINESIS.shardReadBytes.values[0]!.amount);
  }

  get open(): boolean {
    return this.closedAt === null;
  }

  contains(hash: bigint): boolean {
    return hash >= this.startingHashKey && hash <= this.endingHashKey;
  }
}
