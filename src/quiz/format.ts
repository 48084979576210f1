// Fast paths over content/quantity.ts for the hot loop: a unit's base factor is resolved once,
// and formatted option texts are memoised (the same few hundred figures recur in every quiz).

import type { Dimension } from '../content/model.js';
import { formatQuantity, toBase } from '../content/quantity.js';

const FACTORS = new Map<string, { amount: number; dimension: Dimension } | null>();

/** Base units per one `unit`, or null for a unit quantity.ts does not know. */
export function unitBase(unit: string): { amount: number; dimension: Dimension } | null {
  let f = FACTORS.get(unit);
  if (f === undefined) FACTORS.set(unit, (f = toBase(1, unit)));
  return f;
}

/** `amount` of `unit` in base units; the float product is exact enough for sameValue's 1e-9. */
export function baseOf(amount: number, unit: string): { amount: number; dimension: Dimension } | null {
  const f = unitBase(unit);
  return f ? { amount: amount * f.amount, dimension: f.dimension } : null;
}

/** A base amount expressed in `unit`, or null when the unit is unknown or of another dimension. */
export function inUnitOf(baseAmount: number, dimension: Dimension, unit: string): number | null {
  const f = unitBase(unit);
  if (!f || f.dimension !== dimension) return null;
  const x = baseAmount / f.amount;
  // Undo the float noise of the division (1048576 / 1024 / 1024 style) to 12 significant digits.
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : x;
}

const TEXTS = new Map<string, string>();
const MAX_TEXTS = 50_000;

export function formatCached(amount: number, unit: string): string {
  const key = `${amount}|${unit}`;
  let text = TEXTS.get(key);
  if (text === undefined) {
    if (TEXTS.size >= MAX_TEXTS) TEXTS.clear();
    TEXTS.set(key, (text = formatQuantity(amount, unit)));
  }
  return text;
}
