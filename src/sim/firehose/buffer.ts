import type { ScheduledEvent } from '../core/agenda.js';

// A record inside Firehose, and the buffer that collects records until a flush.

export interface FRecord {
  /** The bytes as text (generated traffic is JSON lines; API data is decoded base64). */
  body: string;
  /** Bytes of the body. */
  size: number;
  /** When Firehose received it, in virtual ms: the clock for latency and the S3 prefix's time. */
  arrival: number;
}

export class RecordBuffer {
  records: FRecord[] = [];
  bytes = 0;
  /** When the first record entered: the interval hint counts from here. */
  openedAt = 0;
  timer: ScheduledEvent | null = null;

  constructor(
    /** The partition key value with dynamic partitioning, else null. */
    readonly partition: string | null,
  ) {}

  get oldest(): number {
    let oldest = Infinity;
    for (const r of this.records) if (r.arrival < oldest) oldest = r.arrival;
    return oldest;
  }

  /** Hands over the records and empties the buffer. */
  take(): FRecord[] {
    if (this.timer) this.timer.cancelled = true;
    this.timer = null;
    const records = this.records;
    this.records = [];
    this.bytes = 0;
    return records;
  }
}
