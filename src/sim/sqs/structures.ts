// Two small containers the queue model runs on, both allocation-light: a deque with a moving
// head (queues are drained from the front far more often than they are compacted) and a min-heap
// of timed entries kept in parallel arrays (one per visibility timeout or delay, hundreds of
// thousands in flight at once).

export class Deque<T> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Puts an item back at the front (a long-poll request that found nothing after all). */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++]!;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The i-th item from the front (0 = the front). */
  at(i: number): T | undefined {
    return this.items[this.head + i];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }
}

/** Entries (time, item, tag) ordered by time, then by insertion. Stale entries are the caller's to skip. */
export class TimedHeap<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private tags: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.times.length;
  }

  /** Time of the earliest entry; Infinity when empty. */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, item: T, tag: number): void {
    const seq = this.nextSeq++;
    let i = this.times.length;
    this.times.push(time);
    this.seqs.push(seq);
    this.items.push(item);
    this.tags.push(tag);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time, seq, p)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, time, seq, item, tag);
  }

  /** Removes the earliest entry; `out` receives its item and tag (no allocation per pop). */
  pop(out: { item: T | undefined; tag: number; time: number }): boolean {
    const n = this.times.length;
    if (n === 0) return false;
    out.item = this.items[0];
    out.tag = this.tags[0]!;
    out.time = this.times[0]!;
    const time = this.times.pop()!;
    const seq = this.seqs.pop()!;
    const item = this.items.pop()!;
    const tag = this.tags.pop()!;
    if (n === 1) return true;
    let i = 0;
    const m = n - 1;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      const c = r < m && this.less(this.times[r]!, this.seqs[r]!, l) ? r : l;
      if (!this.less(this.times[c]!, this.seqs[c]!, i, time, seq)) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, time, seq, item, tag);
    return true;
  }

  clear(): void {
    this.times = [];
    this.seqs = [];
    this.items = [];
    this.tags = [];
  }

  /** Whether (time, seq) sorts before slot j, or before (t2, s2) when given. */
  private less(time: number, seq: number, j: number, t2 = this.times[j]!, s2 = this.seqs[j]!): boolean {
    return time < t2 || (time === t2 && seq < s2);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from]!;
    this.tags[to] = this.tags[from]!;
  }

  private set(i: number, time: number, seq: number, item: T, tag: number): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
    this.tags[i] = tag;
  }
}

/**
 * Timers that mostly arrive in time order (a queue's visibility timeout is the same for every
 * receive): those go to a plain FIFO, O(1) each; the rest (ChangeMessageVisibility, per-receive
 * timeouts) to a heap. Popping takes the earlier of the two fronts.
 */
export class TimerQueue<T> {
  private times: number[] = [];
  private items: T[] = [];
  private tags: number[] = [];
  private head = 0;
  private readonly heap = new TimedHeap<T>();

  get size(): number {
    return this.times.length - this.head + this.heap.size;
  }

  peekTime(): number {
    const fifo = this.head < this.times.length ? this.times[this.head]! : Infinity;
    return Math.min(fifo, this.heap.peekTime());
  }

  push(time: number, item: T, tag: number): void {
    const n = this.times.length;
    if (n === this.head || time >= this.times[n - 1]!) {
      this.times.push(time);
      this.items.push(item);
      this.tags.push(tag);
    } else {
      this.heap.push(time, item, tag);
    }
  }

  pop(out: { item: T | undefined; tag: number; time: number }): boolean {
    const fifo = this.head < this.times.length ? this.times[this.head]! : Infinity;
    if (fifo === Infinity && this.heap.size === 0) return false;
    // Ties go to the FIFO: it holds the earlier pushes of the usual case.
    if (fifo <= this.heap.peekTime()) {
      out.time = fifo;
      out.item = this.items[this.head];
      out.tag = this.tags[this.head]!;
      this.items[this.head] = undefined as T;
      this.head++;
      if (this.head === this.times.length) {
        this.times.length = 0;
        this.items.length = 0;
        this.tags.length = 0;
        this.head = 0;
      } else if (this.head > 4096 && this.head * 2 > this.times.length) {
        this.times = this.times.slice(this.head);
        this.items = this.items.slice(this.head);
        this.tags = this.tags.slice(this.head);
        this.head = 0;
      }
      return true;
    }
    return this.heap.pop(out);
  }

  clear(): void {
    this.times = [];
    this.items = [];
    this.tags = [];
    this.head = 0;
    this.heap.clear();
  }
}
