import type { KinesisService } from '../kinesis/service.js';
import type { MetricsDocument } from '../scenario/metrics.js';

// The shapes every service's pricing shares: what a pricing function reads, and one line of a
// breakdown.

export interface CostInput {
  durationMs: number;
  kinesis: KinesisService;
  /** The metrics document without its cost section: plug-in services price from their own section. */
  metrics: MetricsDocument;
}

/** One billed item: how much of it the run used (in the price's unit), at what price. */
export interface CostLine {
  quantity: number;
  unitPrice: number;
  /** quantity × unitPrice, for the whole run. */
  cost: number;
  /** The same at the run's average, over one hour. */
  perHour: number;
}

const HOUR_MS = 3_600_000;

/** Dollars to a millionth of a cent: sums stay readable and byte-stable in JSON. */
function money(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

export function costLine(quantity: number, unitPrice: number, durationMs: number): CostLine {
  const cost = quantity * unitPrice;
  return { quantity: Math.round(quantity * 1e9) / 1e9, unitPrice, cost: money(cost), perHour: money(durationMs > 0 ? (cost * HOUR_MS) / durationMs : 0) };
}

export function sumLines(lines: Record<string, CostLine>): { total: number; perHour: number } {
  const all = Object.values(lines);
  return { total: money(all.reduce((n, l) => n + l.cost, 0)), perHour: money(all.reduce((n, l) => n + l.perHour, 0)) };
}
