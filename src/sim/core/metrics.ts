// Metrics that stay cheap at millions of records and come out the same on every run:
// per-second series as plain arrays, and histograms with fixed log buckets (about 1% wide)
// rather than kept samples.

/** Counts per virtual second. */
export class Series {
  private readonly values: number[] = [];

  add(timeMs: number, amount = 1): void {
    const second = Math.floor(timeMs / 1000);
    while (this.values.length <= second) this.values.push(0);
    this.values[second]! += amount;
  }

  /** The value for every second up to `seconds` (missing seconds are 0). */
  toArray(seconds?: number): number[] {
    const n = seconds ?? this.values.length;
    return Array.from({ length: n }, (_, i) => this.values[i] ?? 0);
  }

  max(): number {
    return this.values.reduce((m, v) => Math.max(m, v), 0);
  }
}

/** Tracks the highest value of a gauge in each second (iterator age, queue depth). */
export class GaugeSeries {
  private readonly values: number[] = [];

  observe(timeMs: number, value: number): void {
    const second = Math.floor(timeMs / 1000);
    while (this.values.length <= second) this.values.push(0);
    if (value > this.values[second]!) this.values[second] = value;
  }

  toArray(seconds?: number): number[] {
    const n = seconds ?? this.values.length;
    return Array.from({ length: n }, (_, i) => this.values[i] ?? 0);
  }
}

const GROWTH = Math.log(1.01);

export interface HistogramSummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly buckets = new Map<number, number>();
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  record(value: number, times = 1): void {
    const v = Math.max(0, value);
    const bucket = v < 1 ? 0 : Math.floor(Math.log(v) / GROWTH) + 1;
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + times);
    this.count += times;
    this.sum += v * times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (const bucket of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(bucket)!;
      // The bucket's upper bound, clamped to what was really observed.
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucket === 0 ? 1 : Math.exp(bucket * GROWTH)));
    }
    return this.max;
  }

  summary(): HistogramSummary {
    if (this.count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      count: this.count,
      min: round(this.min),
      mean: round(this.sum / this.count),
      p50: round(this.percentile(50)),
      p90: round(this.percentile(90)),
      p99: round(this.percentile(99)),
      max: round(this.max),
    };
  }
}
