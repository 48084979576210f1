// The vocabulary of the quantity parser, kept as plain data so that adding a unit or a noun is a
// one-line change here and never a new branch in quantity.ts.

import type { Dimension } from './model.js';

export interface UnitDef {
  /** Canonical spelling: what `Quantity.unit` carries and `formatQuantity` prints. */
  unit: string;
  /** Printed instead of `unit` when the amount is exactly 1 (`1 record`, `1 day`). */
  singular?: string;
  /** Matched exactly as written: here case carries meaning (`Mb` is bits, `MB` bytes; `ms` ≠ `Ms`). */
  symbols?: readonly string[];
  /** Spelled-out words: matched as written or with a capital first letter (`24 Hours` in a title-cased cell). */
  words?: readonly string[];
  dimension: Dimension;
  /** Multiply an amount in this unit by `factor` to get base units of `dimension`. */
  factor: number;
  /** An SI byte unit that AWS pages often write when they mean the binary one (MB for MiB). */
  ambiguous?: boolean;
  /** Set for counted nouns: the plural noun, which is also the canonical unit. */
  noun?: string;
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;
const TIB = GIB * 1024;
const PIB = TIB * 1024;

// Decimal byte units are flagged ambiguous because AWS documentation mixes MB and MiB freely;
// the lowercase spellings are the casual `2mb/s` of forum posts and still mean bytes.
const SIZE_UNITS: readonly UnitDef[] = [
  { unit: 'B', symbols: ['B'], words: ['byte', 'bytes'], dimension: 'bytes', factor: 1 },
  { unit: 'KB', symbols: ['KB', 'kB', 'kb'], words: ['kilobyte', 'kilobytes'], dimension: 'bytes', factor: 1e3, ambiguous: true },
  { unit: 'MB', symbols: ['MB', 'mb'], words: ['megabyte', 'megabytes'], dimension: 'bytes', factor: 1e6, ambiguous: true },
  { unit: 'GB', symbols: ['GB', 'gb'], words: ['gigabyte', 'gigabytes'], dimension: 'bytes', factor: 1e9, ambiguous: true },
  { unit: 'TB', symbols: ['TB', 'tb'], words: ['terabyte', 'terabytes'], dimension: 'bytes', factor: 1e12, ambiguous: true },
  { unit: 'PB', symbols: ['PB'], words: ['petabyte', 'petabytes'], dimension: 'bytes', factor: 1e15, ambiguous: true },
  // Binary units cannot be confused with anything, so all-caps and lowercase spellings are safe.
  { unit: 'KiB', symbols: ['KiB', 'KIB', 'kiB', 'kib'], words: ['kibibyte', 'kibibytes'], dimension: 'bytes', factor: KIB },
  { unit: 'MiB', symbols: ['MiB', 'MIB', 'mib'], words: ['mebibyte', 'mebibytes'], dimension: 'bytes', factor: MIB },
  { unit: 'GiB', symbols: ['GiB', 'GIB', 'gib'], words: ['gibibyte', 'gibibytes'], dimension: 'bytes', factor: GIB },
  { unit: 'TiB', symbols: ['TiB', 'TIB', 'tib'], words: ['tebibyte', 'tebibytes'], dimension: 'bytes', factor: TIB },
  { unit: 'PiB', symbols: ['PiB', 'PIB', 'pib'], words: ['pebibyte', 'pebibytes'], dimension: 'bytes', factor: PIB },
];

// Bits are normalised to bytes (÷8) so a network figure compares with a throughput limit.
// A capital prefix with a lowercase b is bits; a bare lowercase `b` is never a unit.
const BIT_UNITS: readonly UnitDef[] = [
  { unit: 'bits', singular: 'bit', words: ['bit', 'bits'], dimension: 'bytes', factor: 1 / 8 },
  { unit: 'Kb', symbols: ['Kb', 'Kbit', 'Kbits', 'kbit', 'kbits'], words: ['kilobit', 'kilobits'], dimension: 'bytes', factor: 1e3 / 8 },
  { unit: 'Mb', symbols: ['Mb', 'Mbit', 'Mbits'], words: ['megabit', 'megabits'], dimension: 'bytes', factor: 1e6 / 8 },
  { unit: 'Gb', symbols: ['Gb', 'Gbit', 'Gbits'], words: ['gigabit', 'gigabits'], dimension: 'bytes', factor: 1e9 / 8 },
  { unit: 'Tb', symbols: ['Tb', 'Tbit', 'Tbits'], words: ['terabit', 'terabits'], dimension: 'bytes', factor: 1e12 / 8 },
];

// Units that are rates by themselves, so no `/s` suffix is read after them.
const DIRECT_RATE_UNITS: readonly UnitDef[] = [
  { unit: 'bps', symbols: ['bps'], dimension: 'bytes/s', factor: 1 / 8 },
  { unit: 'Kbps', symbols: ['Kbps', 'kbps'], dimension: 'bytes/s', factor: 1e3 / 8 },
  { unit: 'Mbps', symbols: ['Mbps'], dimension: 'bytes/s', factor: 1e6 / 8 },
  { unit: 'Gbps', symbols: ['Gbps'], dimension: 'bytes/s', factor: 1e9 / 8 },
  { unit: 'Tbps', symbols: ['Tbps'], dimension: 'bytes/s', factor: 1e12 / 8 },
  { unit: 'transactions/s', singular: 'transaction/s', symbols: ['TPS', 'tps'], dimension: 'count/s', factor: 1, noun: 'transactions' },
];

const DAY = 86_400;

// No `m` for minutes: it reads as metres or months too easily. No months either: their length varies.
const DURATION_UNITS: readonly UnitDef[] = [
  { unit: 'ms', symbols: ['ms'], words: ['msec', 'millisecond', 'milliseconds'], dimension: 's', factor: 1e-3 },
  { unit: 's', symbols: ['s'], words: ['sec', 'secs', 'second', 'seconds'], dimension: 's', factor: 1 },
  { unit: 'min', words: ['min', 'mins', 'minute', 'minutes'], dimension: 's', factor: 60 },
  { unit: 'h', symbols: ['h'], words: ['hr', 'hrs', 'hour', 'hours'], dimension: 's', factor: 3600 },
  { unit: 'days', singular: 'day', symbols: ['d'], words: ['day', 'days'], dimension: 's', factor: DAY },
  { unit: 'weeks', singular: 'week', words: ['wk', 'wks', 'week', 'weeks'], dimension: 's', factor: 7 * DAY },
  { unit: 'years', singular: 'year', words: ['yr', 'yrs', 'year', 'years'], dimension: 's', factor: 365 * DAY },
];

/** A counted noun: `plural` is the canonical unit and the `noun`; `aliases` are other spellings of it. */
function counted(singular: string, plural: string, ...aliases: string[]): UnitDef {
  return { unit: plural, singular, words: [singular, plural, ...aliases], dimension: 'count', factor: 1, noun: plural };
}

const COUNT_NOUNS: readonly UnitDef[] = [
  counted('record', 'records'),
  counted('message', 'messages'),
  counted('call', 'calls', 'API call', 'API calls'),
  counted('request', 'requests'),
  // `trans` is the abbreviation in `10 trans/sec`.
  counted('transaction', 'transactions', 'trans'),
  counted('operation', 'operations'),
  counted('shard', 'shards'),
  counted('consumer', 'consumers'),
  counted('entry', 'entries'),
  counted('item', 'items'),
  counted('event', 'events'),
  counted('partition', 'partitions'),
  counted('subscription', 'subscriptions'),
  counted('connection', 'connections'),
  counted('attempt', 'attempts'),
  counted('retry', 'retries'),
  counted('worker', 'workers'),
  counted('stream', 'streams'),
  counted('queue', 'queues'),
  counted('device', 'devices'),
  counted('batch', 'batches'),
  counted('character', 'characters', 'char', 'chars'),
  counted('slash', 'slashes'),
  counted('level', 'levels'),
  counted('thing', 'things'),
  counted('rule', 'rules'),
  counted('action', 'actions'),
  counted('topic', 'topics'),
  counted('object', 'objects'),
  counted('file', 'files'),
  counted('invocation', 'invocations'),
  counted('receive', 'receives'),
  counted('attribute', 'attributes'),
  counted('application', 'applications'),
  counted('target', 'targets'),
  counted('destination', 'destinations'),
  counted('tag', 'tags'),
  counted('instance', 'instances'),
];

export const UNITS: readonly UnitDef[] = [
  ...SIZE_UNITS,
  ...BIT_UNITS,
  ...DIRECT_RATE_UNITS,
  ...DURATION_UNITS,
  ...COUNT_NOUNS,
];

/** The `…/s` part of a rate: `seconds` is what the per-period amount is divided by to get a per-second one. */
export interface PeriodDef {
  unit: string;
  seconds: number;
  /** Case-sensitive; a space matches any run of spaces. */
  spellings: readonly string[];
}

export const PERIODS: readonly PeriodDef[] = [
  { unit: 's', seconds: 1, spellings: ['s', 'sec', 'second'] },
  { unit: 'min', seconds: 60, spellings: ['min', 'minute'] },
  { unit: 'h', seconds: 3600, spellings: ['h', 'hr', 'hour'] },
  // Quotas like "per rolling 24 hours" are per-day quotas; the base rate is the same.
  {
    unit: 'day',
    seconds: DAY,
    spellings: ['d', 'day', '24 hours', '24 h', '24h', '24-hour period', 'rolling 24 hours', 'rolling 24 h', 'rolling 24-hour period'],
  },
];

/**
 * Words joining an amount to its period (`1 MB per second`). `afterBareNumber: false` keeps
 * `step 2 a second time` from reading as a rate: only `/` and `per` may follow a plain number.
 * `/` is always accepted and needs no entry.
 */
export const RATE_CONNECTORS: readonly { spelling: string; afterBareNumber: boolean }[] = [
  { spelling: 'per', afterBareNumber: true },
  { spelling: 'a', afterBareNumber: false },
  { spelling: 'an', afterBareNumber: false },
  { spelling: 'each', afterBareNumber: false },
  { spelling: 'every', afterBareNumber: false },
];

/** `glued` multipliers must touch the number (`10k`, `2M`): a lone `K` or `M` word is too ambiguous. */
export const MULTIPLIERS: readonly { spelling: string; factor: number; glued: boolean }[] = [
  { spelling: 'k', factor: 1e3, glued: true },
  { spelling: 'K', factor: 1e3, glued: true },
  { spelling: 'M', factor: 1e6, glued: true },
  { spelling: 'thousand', factor: 1e3, glued: false },
  { spelling: 'million', factor: 1e6, glued: false },
  { spelling: 'billion', factor: 1e9, glued: false },
];

/**
 * Words that may stand before a number. Only the ones the model documents as approximations set
 * `approx`; `roughly` and the bounds (`up to`, `max`…) are read past without it.
 * Matched case-insensitively.
 */
export const PREFIX_WORDS: readonly { spelling: string; approx: boolean }[] = [
  { spelling: '~', approx: true },
  { spelling: '≈', approx: true },
  { spelling: 'about', approx: true },
  { spelling: 'around', approx: true },
  { spelling: 'approximately', approx: true },
  { spelling: 'roughly', approx: false },
  { spelling: 'up to', approx: false },
  { spelling: 'at most', approx: false },
  { spelling: 'at least', approx: false },
  { spelling: 'max', approx: false },
  { spelling: 'maximum', approx: false },
  { spelling: 'min', approx: false },
  { spelling: 'minimum', approx: false },
];

/** Value cells that say "there is no numeric limit". Matched case-insensitively. */
export const NO_VALUE_WORDS: readonly string[] = ['unlimited', 'nearly unlimited', 'no limit', 'none', 'n/a', 'not applicable'];

/** Words that open a trailing qualifier of a value cell (`per consumer per shard`). */
export const QUALIFIER_WORDS: readonly string[] = ['per', 'each', 'for each', 'in each', 'across'];

/**
 * Joiners between alternative quantities in a value cell. `and`, `/` and a bare comma only read as
 * alternatives when the two sides differ in dimension (`2 MiB/s and 5 calls/s`); otherwise they
 * would more likely be a list or a range, which a cell cannot express that way.
 */
export const ALTERNATIVE_JOINERS: readonly { spelling: string; distinctDimensions: boolean }[] = [
  { spelling: 'or', distinctDimensions: false },
  { spelling: 'and', distinctDimensions: true },
  { spelling: '/', distinctDimensions: true },
  { spelling: ',', distinctDimensions: true },
];
