// Time as the progress code sees it. Domain code never reads the wall clock or the time zone:
// the CLI passes a clock built on Date.now and local midnights (src/cli/clock.ts), tests pass one
// with fixed days, so "today", "tomorrow" and "bury until tomorrow" are decided in one place.

export const DAY_MS = 86_400_000;

export interface Clock {
  now(): number;
  /** Start of the learner's day holding `t`. */
  startOfDay(t: number): number;
  /** Start of the day after the one holding `t` (not always 24 h later: daylight saving). */
  nextDay(t: number): number;
  /** Start of the day written `YYYY-MM-DD`, or undefined when that is not a real date. */
  parseDay(date: string): number | undefined;
  /** The day holding `t`, as `YYYY-MM-DD`. */
  formatDay(t: number): string;
}

/**
 * Days of exactly 24 hours starting at `offsetMs` past UTC midnight (0: UTC days). For tests and
 * simulations, where the time zone of the machine running them must not matter.
 */
export function fixedDayClock(now: () => number, offsetMs = 0): Clock {
  const startOfDay = (t: number) => Math.floor((t - offsetMs) / DAY_MS) * DAY_MS + offsetMs;
  return {
    now,
    startOfDay,
    nextDay: (t) => startOfDay(t) + DAY_MS,
    parseDay: (date) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!m) return undefined;
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return new Date(t).toISOString().slice(0, 10) === date ? t + offsetMs : undefined;
    },
    formatDay: (t) => new Date(startOfDay(t) - offsetMs).toISOString().slice(0, 10),
  };
}
