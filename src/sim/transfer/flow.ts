import type { Simulation } from '../core/simulation.js';
import type { DailyBandwidth } from './spec.js';

// Bytes moving at a rate that may change every hour, in virtual time. Rates are read at each
// step's start and held for the step, which is how a bandwidth schedule by hour of day behaves.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The bandwidth a daily schedule gives at a moment: the last step at or before the time of day, else the day's last step. */
export function rateAt(rate: DailyBandwidth, atMs: number): number {
  if (typeof rate === 'number') return rate;
  const timeOfDay = ((atMs % DAY_MS) + DAY_MS) % DAY_MS;
  let current = rate.schedule[rate.schedule.length - 1]!.rate;
  for (const step of rate.schedule) if (step.at <= timeOfDay) current = step.rate;
  return current;
}

export interface FlowSteps {
  /** Bytes per second for the step starting at `atMs`. */
  rate(atMs: number): number;
  /** Bytes moved over [fromMs, toMs) at `bytesPerSecond` (also called for idle steps, at 0). */
  moved(fromMs: number, toMs: number, bytesPerSecond: number, bytes: number): void;
  done(atMs: number): void;
}

/** Moves `total` bytes from `startMs` in steps of at most an hour, each ending on a whole hour of the run. */
export function flow(sim: Simulation, label: string, startMs: number, total: number, steps: FlowSteps): void {
  let remaining = total;
  const step = () => {
    const from = sim.now;
    const to = (Math.floor(from / HOUR_MS) + 1) * HOUR_MS;
    const r = steps.rate(from);
    const capacity = (r * (to - from)) / 1000;
    if (r > 0 && remaining <= capacity) {
      const end = from + (remaining / r) * 1000;
      steps.moved(from, end, r, remaining);
      remaining = 0;
      steps.done(end);
      return;
    }
    steps.moved(from, to, r, capacity);
    remaining -= capacity;
    sim.at(to, label, step);
  };
  if (total <= 0) sim.at(startMs, label, () => steps.done(sim.now));
  else sim.at(startMs, label, step);
}

/** Bytes landed in S3 over time: per day, and up to the deadline, spreading each step evenly over its interval. */
export class Arrivals {
  private readonly perDay: number[] = [];
  byDeadline = 0;
  total = 0;

  constructor(private readonly deadlineMs: number) {}

  add(fromMs: number, toMs: number, bytes: number): void {
    if (bytes <= 0) return;
    this.total += bytes;
    const span = Math.max(toMs - fromMs, 1e-9);
    const share = (a: number, b: number) => (bytes * Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs))) / span;
    this.byDeadline += toMs <= this.deadlineMs ? bytes : share(fromMs, this.deadlineMs);
    if (toMs - fromMs <= 0) {
      this.bump(Math.max(0, Math.ceil(toMs / DAY_MS) - 1), bytes);
      return;
    }
    for (let day = Math.floor(fromMs / DAY_MS); day * DAY_MS < toMs; day++) this.bump(day, share(day * DAY_MS, (day + 1) * DAY_MS));
  }

  private bump(day: number, bytes: number): void {
    while (this.perDay.length <= day) this.perDay.push(0);
    this.perDay[day]! += bytes;
  }

  /** Bytes in S3 at the end of each day of the run, cumulative. */
  cumulative(days: number): number[] {
    const out: number[] = [];
    let sum = 0;
    for (let d = 0; d < days; d++) {
      sum += this.perDay[d] ?? 0;
      out.push(Math.round(sum));
    }
    return out;
  }
}
