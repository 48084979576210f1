import { SQS } from '../limits.js';

// FIFO deduplication: an id seen in the last five minutes makes a send succeed without storing
// the message again. The window runs from the first send of an id; duplicates do not extend it.

const WINDOW_MS = SQS.dedupWindow.values[0]!.amount * 1000;

export interface DedupEntry {
  uid: number;
  fifoSeq: number;
  at: number;
}

export class DedupWindow {
  private readonly entries = new Map<string, DedupEntry>();
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;

  /** The message an id already stands for, if it was first sent less than 5 minutes ago. */
  seen(key: string, now: number): DedupEntry | undefined {
    this.expire(now);
    return this.entries.get(key);
  }

  record(key: string, uid: number, fifoSeq: number, now: number): void {
    this.entries.set(key, { uid, fifoSeq, at: now });
    this.keys.push(key);
    this.times.push(now);
  }

  get size(): number {
    return this.entries.size;
  }

  private expire(now: number): void {
    while (this.head < this.times.length && now - this.times[this.head]! >= WINDOW_MS) {
      const key = this.keys[this.head]!;
      const entry = this.entries.get(key);
      if (entry && entry.at === this.times[this.head]) this.entries.delete(key);
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.keys = this.keys.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
