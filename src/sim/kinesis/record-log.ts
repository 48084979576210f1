// A shard's records as parallel typed arrays rather than one object per record: an hour at
// thousands of records per second is millions of records, and this keeps each one to a few
// dozen bytes. Indexes are absolute (they never shift when old records expire), which is what
// sequence numbers and iterators point at.

export class RecordLog {
  /** Absolute index of the first retained record. */
  first = 0;
  /** Absolute index one past the last record. */
  end = 0;
  private base = 0;
  private arrival = new Float64Array(64);
  private bytes = new Uint32Array(64);
  private key = new Int32Array(64);
  /** Producer tag (producer × 2^32 + its record number) for duplicate and order checks; -1 if none. */
  private tag = new Float64Array(64);
  /** User records inside the record (1, or more for a KPL aggregate). */
  private users = new Uint16Array(64);
  /** Payloads written through the API; generated traffic has none. */
  readonly data = new Map<number, string>();
  /** User-record tags of KPL aggregates, by absolute index. */
  readonly aggregateTags = new Map<number, Float64Array>();
  totalBytes = 0;

  get length(): number {
    return this.end - this.first;
  }

  append(arrivalMs: number, size: number, keyId: number, tag: number, users: number): number {
    const slot = this.end - this.base;
    if (slot === this.arrival.length) this.grow();
    this.arrival[slot] = arrivalMs;
    this.bytes[slot] = size;
    this.key[slot] = keyId;
    this.tag[slot] = tag;
    this.users[slot] = users;
    this.totalBytes += size;
    return this.end++;
  }

  arrivalAt(index: number): number {
    return this.arrival[index - this.base]!;
  }
  sizeAt(index: number): number {
    return this.bytes[index - this.base]!;
  }
  keyAt(index: number): number {
    return this.key[index - this.base]!;
  }
  tagAt(index: number): number {
    return this.tag[index - this.base]!;
  }
  usersAt(index: number): number {
    return this.users[index - this.base]!;
  }

  /** First index whose arrival is at or after `timeMs` (records arrive in time order). */
  indexAtTime(timeMs: number): number {
    let lo = this.first;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.arrivalAt(mid) < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops records older than `cutoffMs`; returns how many records (and user records) expired. */
  expireBefore(cutoffMs: number): { records: number; users: number } {
    let records = 0;
    let users = 0;
    while (this.first < this.end && this.arrivalAt(this.first) < cutoffMs) {
      this.totalBytes -= this.sizeAt(this.first);
      users += this.usersAt(this.first);
      this.data.delete(this.first);
      this.aggregateTags.delete(this.first);
      this.first++;
      records++;
    }
    if (this.first - this.base > 4096 && this.first - this.base > (this.end - this.base) / 2) this.compact();
    return { records, users };
  }

  /** Bytes of memory the arrays hold per slot, for the bench's memory-per-record figure. */
  static readonly BYTES_PER_RECORD = 8 + 4 + 4 + 8 + 2;

  private grow(): void {
    const size = this.arrival.length * 2;
    this.arrival = resize(this.arrival, new Float64Array(size));
    this.bytes = resize(this.bytes, new Uint32Array(size));
    this.key = resize(this.key, new Int32Array(size));
    this.tag = resize(this.tag, new Float64Array(size));
    this.users = resize(this.users, new Uint16Array(size));
  }

  private compact(): void {
    const shift = this.first - this.base;
    const n = this.end - this.first;
    this.arrival.copyWithin(0, shift, shift + n);
    this.bytes.copyWithin(0, shift, shift + n);
    this.key.copyWithin(0, shift, shift + n);
    this.tag.copyWithin(0, shift, shift + n);
    this.users.copyWithin(0, shift, shift + n);
    this.base = this.first;
  }
}

function resize<T extends Float64Array | Uint32Array | Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
