import type { Clock } from '../progress/clock.js';

/**
 * The learner's clock: the wall time, and days that start at local midnight, so a review at
 * 23:50 counts for today and a card buried then comes back after midnight, wherever they live.
 */
export function localClock(now: () => number = Date.now): Clock {
  const startOfDay = (t: number) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  return {
    now,
    startOfDay,
    // The calendar, not 24 h: a day with a daylight-saving change is 23 or 25 hours long.
    nextDay: (t) => {
      const d = new Date(t);
      return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    },
    parseDay: (date) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!m) return undefined;
      const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      // 2026-02-30 rolls over to March: not a real date.
      return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? d.getTime() : undefined;
    },
    formatDay: (t) => {
      const d = new Date(t);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
  };
}
