// A shard's records in one typed array rather than one object per record: an hour at thousands
// of records per second is millions of records, and this keeps each one to 32 bytes. Indexes are
// absolute (they never shift when old records expire), which is what sequence numbers and
// iterators point at.

/** Numbers per record: arrival ms; size × 2^16 + user records; key id; producer tag. */
const STRIDE = 4;
const USERS_SPAN = 65_536;

export class RecordLog {
  /** Absolute index of the first retained record. */
  first = 0;
  /** Absolute index one past the last record. */
  end = 0;
  private base = 0;
  /**
   * A record's numbers side by side (see STRIDE), so one append touches one cache line even when
   * thousands of shards are written in turn. Size and user-record count share a slot: sizes stay
   * below 2^24 and an aggregate holds at most 65,535 user records, so the pair is exact in a double.
   */
  private slots = new Float64Array(64 * STRIDE);
  /** Payloads written through the API; generated traffic has none. */
  readonly data = new Map<number, string>();
  /** User-record tags of KPL aggregates, by absolute index. */
  readonly aggregateTags = new Map<number, Float64Array>();
  totalBytes = 0;

  get length(): number {
    return this.end - this.first;
  }

  append(arrivalMs: number, size: number, keyId: number, tag: number, users: number): number {
    let at = (this.end - this.base) * STRIDE;
    if (at === this.slots.length) {
      this.grow();
      at = (this.end - this.base) * STRIDE;
    }
    const slots = this.slots;
    slots[at] = arrivalMs;
    slots[at + 1] = size * USERS_SPAN + users;
    slots[at + 2] = keyId;
    slots[at + 3] = tag;
    this.totalBytes += size;
    return this.end++;
  }

  arrivalAt(index: number): number {
    return this.slots[(index - this.base) * STRIDE]!;
  }
  sizeAt(index: number): number {
    return Math.floor(this.slots[(index - this.base) * STRIDE + 1]! / USERS_SPAN);
  }
  usersAt(index: number): number {
    return this.slots[(index - this.base) * STRIDE + 1]! % USERS_SPAN;
  }
  keyAt(index: number): number {
    return this.slots[(index - this.base) * STRIDE + 2]!;
  }
  tagAt(index: number): number {
    return this.slots[(index - this.base) * STRIDE + 3]!;
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

  /** Bytes each stored record takes in the log. */
  static readonly BYTES_PER_RECORD = STRIDE * 8;

  private grow(): void {
    const next = new Float64Array(this.slots.length * 2);
    next.set(this.slots);
    this.slots = next;
  }

  private compact(): void {
    const shift = (this.first - this.base) * STRIDE;
    this.slots.copyWithin(0, shift, (this.end - this.base) * STRIDE);
    this.base = this.first;
  }
}
