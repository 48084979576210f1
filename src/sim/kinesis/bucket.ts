/**
 * A token bucket refilled continuously in virtual time. Capacity is one second of rate, so the
 * long-run throughput is exactly the rate and a burst can use at most one idle second.
 * `take` may drive the level negative (a debt repaid by refill) when a single request is larger
 * than the capacity: that is how a 10 MiB record passes a 1 MiB/s shard and then holds it back.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    public rate: number,
    public capacity: number = rate,
    now = 0,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  available(now: number): number {
    if (now > this.updatedAt) {
      this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) / 1000) * this.rate);
      this.updatedAt = now;
    }
    return this.level;
  }

  /** Whether `amount` fits now; a request bigger than the capacity fits only a full bucket. */
  canTake(now: number, amount: number): boolean {
    return this.available(now) >= Math.min(amount, this.capacity) - 1e-9;
  }

  take(now: number, amount: number): void {
    this.available(now);
    this.level -= amount;
  }

  /** When the level will be back to `amount` (for a debt, when it is repaid). */
  readyAt(now: number, amount = 0): number {
    const level = this.available(now);
    return level >= amount ? now : now + ((amount - level) / this.rate) * 1000;
  }

  setRate(now: number, rate: number, capacity = rate): void {
    this.available(now);
    this.rate = rate;
    this.capacity = capacity;
    if (this.level > capacity) this.level = capacity;
  }
}

/**
 * A per-second allowance, as AWS states shard limits ("1,000 records per second"): each whole
 * virtual second allows `limit`, so a steady load above it is refused by exactly the excess.
 * Use beyond the limit (one record or one read larger than a second's allowance) is carried into
 * the following seconds as debt: a 10 MiB read on a 2 MiB/s shard blocks it for 5 seconds.
 */
export class WindowLimiter {
  private window = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(public limit: number) {}

  private roll(now: number): void {
    const w = Math.floor(now / 1000);
    if (w !== this.window) {
      const elapsed = Number.isFinite(this.window) ? w - this.window : 1;
      this.used = Math.max(0, this.used - this.limit * elapsed);
      this.window = w;
    }
  }

  /** Whether `amount` fits this second; more than a whole second's allowance fits only an unused one. */
  canTake(now: number, amount: number): boolean {
    this.roll(now);
    return this.used === 0 || this.used + amount <= this.limit + 1e-9;
  }

  /** Whether anything is left this second (reads return data first and are charged after). */
  hasRoom(now: number): boolean {
    this.roll(now);
    return this.used < this.limit - 1e-9;
  }

  take(now: number, amount: number): void {
    this.roll(now);
    this.used += amount;
  }

  /** Start of the first second with room again. */
  readyAt(now: number): number {
    this.roll(now);
    if (this.used < this.limit) return now;
    return (this.window + Math.ceil((this.used - this.limit + 1e-9) / this.limit)) * 1000;
  }

  setLimit(now: number, limit: number): void {
    this.roll(now);
    this.limit = limit;
  }
}
