// Small helpers over the seeded Rng: generators never touch Math.random, so a seed replays a quiz.

import type { Rng } from '../sim/core/rng.js';

/** Uniform integer in [lo, hi], both ends included. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[rng.int(items.length)]!;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}
