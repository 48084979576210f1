// How the settings form shows and steps durations and sizes. A value is shown in the largest unit
// that says it exactly in three digits or fewer (15 min, 61 s, 1.5 MiB), else in the largest unit
// it is at least one of, to three significant digits (11.7 min); zero takes the everyday unit
// (0 s, 0 B). ←/→ move along a ladder of round values, so 15 min to 1 min is four steps
// (10, 5, 2, 1) rather than eighty-four of ten seconds.

interface Unit {
  name: string;
  size: number;
}

const DURATION_UNITS: readonly Unit[] = [
  { name: 'd', size: 86_400_000 },
  { name: 'h', size: 3_600_000 },
  { name: 'min', size: 60_000 },
  { name: 's', size: 1000 },
  { name: 'ms', size: 1 },
];

const SIZE_UNITS: readonly Unit[] = [
  { name: 'GiB', size: 1024 ** 3 },
  { name: 'MiB', size: 1024 ** 2 },
  { name: 'KiB', size: 1024 },
  { name: 'B', size: 1 },
];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round durations: 1-2-5 below a second, then the steps a clock is read in. */
const DURATION_LADDER: readonly number[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500],
  ...[1, 2, 5, 10, 15, 20, 30].map((n) => n * SECOND),
  ...[1, 2, 5, 10, 15, 20, 30].map((n) => n * MINUTE),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR),
  ...[1, 2, 3, 7, 14, 30, 60, 90, 180, 365].map((n) => n * DAY),
];

/** Round sizes: powers of two, which binary units say in one digit or a few. */
const SIZE_LADDER: readonly number[] = Array.from({ length: 41 }, (_, i) => 2 ** i);

function digits(n: number): number {
  return n.toString().replace('.', '').replace(/^0+/, '').length;
}

function show(value: number, units: readonly Unit[], zero: string): string {
  if (value === 0) return `0 ${zero}`;
  const abs = Math.abs(value);
  const exact = units.find((u) => abs >= u.size && Number.isInteger((abs * 1000) / u.size) && digits(abs / u.size) <= 3);
  if (exact) return `${value / exact.size} ${exact.name}`;
  const unit = units.find((u) => abs >= u.size) ?? units.at(-1)!;
  return `${Number((value / unit.size).toPrecision(3))} ${unit.name}`;
}

export function durationText(ms: number): string {
  return show(ms, DURATION_UNITS, 's');
}

export function sizeText(bytes: number): string {
  return show(bytes, SIZE_UNITS, 'B');
}

/**
 * The next value on the ladder from `value` (up for `by` > 0), within [lo, hi]: a value between
 * two rungs goes to the nearer rung in that direction, and past the last rung inside the bounds
 * the step lands on the bound itself.
 */
function climb(ladder: readonly number[], value: number, by: number, lo: number, hi: number): number {
  const inside = ladder.filter((v) => v > lo && v < hi);
  const rungs = [lo, ...inside, ...(Number.isFinite(hi) ? [hi] : [])].filter(Number.isFinite);
  const next = by > 0 ? rungs.find((v) => v > value) : [...rungs].reverse().find((v) => v < value);
  return next ?? value;
}

/**
 * `grain`: the step a setting is counted in. A setting whose bounds and default are whole seconds
 * (Firehose's IntervalInSeconds) never steps to 500 ms.
 */
export function stepDuration(value: number, by: number, lo: number, hi: number, grain = 1): number {
  return climb(DURATION_LADDER.filter((v) => v % grain === 0), value, by, lo, hi);
}

export function stepSize(value: number, by: number, lo: number, hi: number): number {
  return climb(SIZE_LADDER, value, by, lo, hi);
}
