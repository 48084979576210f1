import { zipfSampler, type Rng } from '../core/rng.js';
import type { ProducerSpec } from '../scenario/spec.js';

// What a producer generates: how many records when, which partition keys, and how big.

/** Generation runs in ticks so high rates cost one event per tick, not one per record. */
export const TICK_MS = 10;

interface Step {
  at: number;
  rate: number;
}

/**
 * Evenly spaced records: record k of a step that began at `from` is due at from + k·1000/rate.
 * Counting from the step's start (rather than adding rate·tick to a carry) keeps the count exact
 * however long the step lasts, so a 1,500/s step gives exactly 1,500 records in each second.
 */
export class RatePlan {
  private readonly steps: Step[];
  private next = 0;
  private segStart: number;
  private segRate = 0;
  /** Records of the current step generated so far. */
  private segDone = 0;

  /** `schedule` times are scenario times; a schedule's rate before its first step is 0. */
  constructor(spec: Pick<ProducerSpec, 'rate' | 'schedule'>, start: number) {
    this.steps = spec.schedule ? [...spec.schedule].sort((a, b) => a.at - b.at) : [{ at: start, rate: spec.rate ?? 0 }];
    this.segStart = start;
    while (this.next < this.steps.length && this.steps[this.next]!.at <= start) this.segRate = this.steps[this.next++]!.rate;
  }

  private due(until: number): number {
    if (this.segRate <= 0 || until <= this.segStart) return 0;
    return Math.ceil((this.segRate * (until - this.segStart)) / 1000 - 1e-9);
  }

  /** How many records are due before `until` and not yet taken. */
  take(until: number): number {
    let n = 0;
    while (this.next < this.steps.length && this.steps[this.next]!.at <= until) {
      const step = this.steps[this.next++]!;
      n += this.due(step.at) - this.segDone;
      this.segStart = step.at;
      this.segRate = step.rate;
      this.segDone = 0;
    }
    const done = this.due(until);
    n += done - this.segDone;
    this.segDone = done;
    return n;
  }

  /** When the next record (or the next change of rate) is due; Infinity when nothing ever is. */
  nextDue(): number {
    const record = this.segRate > 0 ? this.segStart + (this.segDone * 1000) / this.segRate : Infinity;
    const step = this.steps[this.next]?.at ?? Infinity;
    return Math.min(record, step);
  }
}

/** Draws partition keys; `bytes` is the UTF-8 length of the last key drawn (it counts toward size). */
export interface KeySource {
  next(): string;
  bytes: number;
}

const NAME_CACHE_LIMIT = 1 << 20;

export function keySource(spec: ProducerSpec['keys'], rng: Rng): KeySource {
  switch (spec.kind) {
    case 'fixed': {
      const values = spec.values;
      const sizes = values.map((v) => Buffer.byteLength(v, 'utf8'));
      const source: KeySource = {
        bytes: 0,
        next() {
          const i = rng.int(values.length);
          source.bytes = sizes[i]!;
          return values[i]!;
        },
      };
      return source;
    }
    case 'random': {
      const source: KeySource = {
        bytes: 36,
        next: () => uuid(rng),
      };
      return source;
    }
    case 'uniform':
      return indexedKeys(spec.count, () => rng.int(spec.count));
    case 'zipf':
      return indexedKeys(spec.count, zipfSampler(spec.count, spec.s, rng));
    case 'hot': {
      const { count, share } = spec;
      return indexedKeys(count, () => (rng.next() < share ? 0 : 1 + rng.int(count - 1)));
    }
  }
}

/** Keys `key-0` … `key-(count-1)`, built once each: a string per record would dominate the cost. */
function indexedKeys(count: number, draw: () => number): KeySource {
  const names: (string | undefined)[] = count <= NAME_CACHE_LIMIT ? new Array<string | undefined>(count) : [];
  const cached = count <= NAME_CACHE_LIMIT;
  const source: KeySource = {
    bytes: 0,
    next() {
      const i = draw();
      let name = cached ? names[i] : undefined;
      if (name === undefined) {
        name = `key-${i}`;
        if (cached) names[i] = name;
      }
      source.bytes = name.length;
      return name;
    },
  };
  return source;
}

function hex(rng: Rng, digits: number): string {
  return rng
    .int(2 ** (4 * digits))
    .toString(16)
    .padStart(digits, '0');
}

/** A version-4-shaped UUID from the producer's own stream (what an application would use). */
function uuid(rng: Rng): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${(8 + rng.int(4)).toString(16)}${hex(rng, 3)}-${hex(rng, 6)}${hex(rng, 6)}`;
}

/** Data blob sizes in bytes (the partition key is added on top, as AWS counts a record). */
export function sizeSource(spec: ProducerSpec['recordSize'], rng: Rng): () => number {
  if (typeof spec === 'number') {
    const size = Math.round(spec);
    return () => size;
  }
  if ('min' in spec) {
    const min = Math.round(Math.min(spec.min, spec.max));
    const span = Math.round(Math.max(spec.min, spec.max)) - min + 1;
    return () => min + rng.int(span);
  }
  const { mean } = spec;
  const max = spec.max ?? Infinity;
  return () => Math.min(max, Math.round(rng.exponential(mean)));
}

/** The wait before retry number `attempt` (1 for the first retry), jittered from `rng`. */
export function backoffDelay(retries: ProducerSpec['retries'], attempt: number, rng: Rng): number {
  const raw = retries.backoff === 'none' ? 0 : retries.backoff === 'fixed' ? retries.base : retries.base * 2 ** (attempt - 1);
  const d = Math.min(raw, retries.cap);
  switch (retries.jitter) {
    case 'none':
      return d;
    case 'full':
      return rng.next() * d;
    case 'equal':
      return d / 2 + rng.next() * (d / 2);
  }
}
