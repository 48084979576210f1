// Numbers as options: comparing them, keeping them apart, and making plausible fillers.
// Everything compares amounts in base units, so `1,024 KiB` and `1 MiB` are the same option.

import type { OptionValue, ValueDimension } from './model.js';

export interface NumericValue {
  amount: number;
  dimension: ValueDimension;
}

export function isNumeric(v: OptionValue | undefined): v is NumericValue {
  return v !== undefined && 'amount' in v;
}

const SAME = 1e-9;

/** Same dimension and equal amounts within a relative 1e-9; outcomes must be the same outcome. */
export function sameValue(a: OptionValue, b: OptionValue): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    if (a.dimension !== b.dimension) return false;
    const [x, y] = [a.amount, b.amount];
    return x === y || Math.abs(x - y) <= SAME * Math.max(Math.abs(x), Math.abs(y));
  }
  if (!isNumeric(a) && !isNumeric(b)) return a.outcome === b.outcome;
  return false;
}

/**
 * How far apart two options must be. `relative` keeps near-equal readings apart (1 MB and 1 MiB
 * differ by under 5%: a learner could defend either); `absolute` is the display step, so two
 * options never show the same digits.
 */
export interface Gap {
  relative: number;
  absolute: number;
}

export const RECALL_GAP: Gap = { relative: 0.1, absolute: 0 };

export function farEnough(a: number, b: number, gap: Gap): boolean {
  const d = Math.abs(a - b);
  return d > 0 && d + 1e-12 >= Math.max(gap.absolute, gap.relative * Math.max(Math.abs(a), Math.abs(b)));
}

/** Whether `x` is written with at most `digits` significant digits (so it reads as a real figure). */
export function isRound(x: number, digits = 3): boolean {
  if (x === 0) return true;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  const y = x * scale;
  return Math.abs(y - Math.round(y)) <= 1e-9 * Math.max(1, Math.abs(y));
}

function roundSignificant(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

function isPowerOfTwo(x: number): boolean {
  if (x <= 0) return false;
  const l = Math.log2(x);
  return Math.abs(l - Math.round(l)) < 1e-9;
}

/**
 * Filler values near `key`, best first: doubling and halving, then tenfold slips, then nearby
 * round figures; powers of two stay powers of two (binary sizes), and whole keys get whole fillers.
 * A fallback only: the option builder tries misconceptions and sibling facts before these.
 */
export function perturbations(key: number, options: { integer?: boolean } = {}): number[] {
  const integer = options.integer ?? Number.isInteger(key);
  const out: number[] = [];
  const push = (x: number) => {
    const v = integer ? Math.round(x) : roundSignificant(x, 2);
    if (v > 0 && Number.isFinite(v) && !out.includes(v) && v !== key) out.push(v);
  };
  const binary = isPowerOfTwo(key) && key >= 2;
  const factors = binary ? [2, 0.5, 4, 0.25, 8, 0.125] : [2, 0.5, 10, 0.1, 4, 0.25, 5, 0.2, 3, 1.5];
  if (integer && key <= 12) [key + 1, key - 1, key + 2, key - 2, key + 3].forEach(push);
  for (const f of factors) push(key * f);
  return out;
}
