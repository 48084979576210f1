// Reads quantities (`1 MiB/s`, `1,000 records/s`, `24 h–8,760 h`) out of limit-table cells and prose.
// Everything is a handful of sticky regexes run at known positions, compiled once from units.ts,
// so the scan stays linear and the vocabulary stays data.

import type { Dimension, ParsedValue, Quantity, ValueForm } from './model.js';
import {
  ALTERNATIVE_JOINERS,
  MULTIPLIERS,
  NO_VALUE_WORDS,
  PERIODS,
  PREFIX_WORDS,
  QUALIFIER_WORDS,
  RATE_CONNECTORS,
  UNITS,
  type PeriodDef,
  type UnitDef,
} from './units.js';

// ---------------------------------------------------------------------------------------------
// Regex building blocks

/** Spaces that may sit between a number and its unit: typed, non-breaking, thin, or a soft line break. */
const SEP = '[ \\t\\r\\n\\u00a0\\u2009\\u202f]';
const WORD_CHAR = '[\\p{L}\\p{N}_]';
const WORD_END = `(?!${WORD_CHAR})`;
const WORD_START = `(?<!${WORD_CHAR})`;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A space inside a spelling (`API calls`, `per 24 hours`) matches any run of spaces. */
function spellingPattern(spelling: string): string {
  return spelling.split(' ').map(escapeRegex).join(`${SEP}+`);
}

/** Longest first, so a spelling is never shadowed by its own prefix. */
function alternation(spellings: Iterable<string>): string {
  return [...spellings]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(spellingPattern)
    .join('|');
}

function sticky(source: string, flags = ''): RegExp {
  return new RegExp(source, `uy${flags}`);
}

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function testAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

function normalizeSpaces(s: string): string {
  return s.replace(/\s+/gu, ' ');
}

// ---------------------------------------------------------------------------------------------
// Lookup tables, derived once from units.ts

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function buildSpellingIndex(units: readonly UnitDef[]): Map<string, UnitDef> {
  const index = new Map<string, UnitDef>();
  const add = (spelling: string, def: UnitDef): void => {
    const taken = index.get(spelling);
    // A clash would make the parse depend on table order; fail at load so a table edit is caught by any test.
    if (taken && taken !== def) throw new Error(`unit spelling "${spelling}" is claimed by ${taken.unit} and ${def.unit}`);
    index.set(spelling, def);
  };
  for (const def of units) {
    for (const symbol of def.symbols ?? []) add(symbol, def);
    for (const word of def.words ?? []) {
      add(word, def);
      add(capitalize(word), def);
    }
  }
  return index;
}

const UNIT_BY_SPELLING = buildSpellingIndex(UNITS);
const UNIT_BY_CANONICAL = new Map(UNITS.map((def) => [def.unit, def]));
const PERIOD_BY_SPELLING = new Map(PERIODS.flatMap((p) => p.spellings.map((s) => [s, p] as const)));
const PERIOD_BY_CANONICAL = new Map(PERIODS.map((p) => [p.unit, p]));
const MULTIPLIER_BY_SPELLING = new Map(MULTIPLIERS.map((m) => [m.spelling, m.factor]));
const DISTINCT_JOINERS = new Set(ALTERNATIVE_JOINERS.filter((j) => j.distinctDimensions).map((j) => j.spelling));

/** Only sizes and counts take a `/s`: `5 minutes per shard` is a duration with a qualifier, not a rate. */
const RATE_OF: Partial<Record<Dimension, Dimension>> = { bytes: 'bytes/s', count: 'count/s' };

// ---------------------------------------------------------------------------------------------
// Compiled regexes

const NUMBER_SOURCE = '(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+';
const NUMBER_RE = sticky(`(?:${NUMBER_SOURCE})`);
const NUMBER_SCAN = new RegExp(NUMBER_SOURCE, 'gu');

// A number glued to a word or dotted/slashed/colon-ed to one is part of an identifier:
// S3, IPv4, x.509, HTTP/2, 09:08:57, SHA-256, 1.5.3, KCL 1.x, 2019-07-14, 1,2.
const PRECEDED_BY_IDENTIFIER = sticky(`(?<=${WORD_CHAR}|${WORD_CHAR}[.:/,]|\\p{L}[-\\u2010])`);
const FOLLOWED_BY_IDENTIFIER = sticky(`[.:,]${WORD_CHAR}|-\\d+-\\d|_`);
/** The whole identifier a rejected number sits in, so the scan does not restart inside it. */
const IDENTIFIER_RUN = sticky(`${WORD_CHAR}*(?:[.:,/\\-]${WORD_CHAR}+)*`);
const WORD_CHAR_AT = sticky(WORD_CHAR);

const gluedMultipliers = MULTIPLIERS.filter((m) => m.glued).map((m) => m.spelling);
const spacedMultipliers = MULTIPLIERS.filter((m) => !m.glued).map((m) => m.spelling);
const MULTIPLIER_RE = sticky(`(?:(${alternation(gluedMultipliers)})|${SEP}+(${alternation(spacedMultipliers)}))${WORD_END}`);

// The unit touches the number (`200ms`), follows spaces, or follows a hyphen (`5-minute`, `128-bit`).
const UNIT_RE = sticky(`(?:-|${SEP}*)(${alternation(UNIT_BY_SPELLING.keys())})${WORD_END}`);

function rateRegex(connectors: readonly string[]): RegExp {
  const words = `${SEP}+(?:${alternation(connectors)})${SEP}+`;
  return sticky(`(?:/|${words})(${alternation(PERIOD_BY_SPELLING.keys())})${WORD_END}`);
}
const RATE_RE = rateRegex(RATE_CONNECTORS.map((c) => c.spelling));
const BARE_RATE_RE = rateRegex(RATE_CONNECTORS.filter((c) => c.afterBareNumber).map((c) => c.spelling));

/** Symbols (`~`) may touch anything; words (`about`) must stand alone. Never matches the empty string. */
function prefixAlternation(spellings: readonly string[]): string {
  const isWord = (s: string): boolean => /^[\p{L} ]+$/u.test(s);
  const symbols = spellings.filter((s) => !isWord(s));
  const words = spellings.filter(isWord);
  const parts = [symbols.length > 0 ? alternation(symbols) : '', words.length > 0 ? `${WORD_START}(?:${alternation(words)})${WORD_END}` : ''];
  return parts.filter((part) => part !== '').join('|') || '(?!)';
}
const APPROX_BEFORE = sticky(`(?<=(?:${prefixAlternation(PREFIX_WORDS.filter((p) => p.approx).map((p) => p.spelling))})${SEP}*)`, 'i');
const PREFIX_RE = sticky(`(?:${prefixAlternation(PREFIX_WORDS.map((p) => p.spelling))})${SEP}*`, 'i');

const RANGE_SEP_RE = sticky(`${SEP}*[\\u2013\\u2014\\u2012-]${SEP}*|${SEP}+to${SEP}+`, 'i');
const AND_SEP_RE = sticky(`${SEP}+and${SEP}+`, 'i');
const BETWEEN_BEFORE = sticky(`(?<=${WORD_START}between${SEP}+)`, 'i');
const RANGE_INTRO_RE = sticky(`(between|from)${SEP}+`, 'i');

const wordJoiners = ALTERNATIVE_JOINERS.map((j) => j.spelling).filter((s) => s !== ',');
const JOINER_RE = sticky(`(?:${SEP}*,)?${SEP}+(${alternation(wordJoiners)})${SEP}+|${SEP}*(,)${SEP}+`);

// A qualifier word is followed by words that start with a letter, so `per 5 minutes` (a period we
// cannot express) is refused rather than silently dropped; `or`/`and` end it so alternatives still split.
const QUALIFIER_RE = sticky(
  `${SEP}*\\([^()]*\\)|${SEP}+(?:${alternation(QUALIFIER_WORDS)})(?:${SEP}+(?!(?:or|and)${WORD_END})\\p{L}[\\p{L}\\p{N}_'\\u2019.\\-]*)+`,
);
const NO_VALUE_RE = sticky(`(?:${alternation(NO_VALUE_WORDS)})${WORD_END}`, 'i');
// A cell written as a sentence may end in a full stop.
const ONLY_SPACE_LEFT = sticky(`${SEP}*\\.?${SEP}*$`);
const LEADING_SPACE = sticky(`${SEP}+`);

// ---------------------------------------------------------------------------------------------
// Units resolved to a base

interface ResolvedUnit {
  unit: string;
  dimension: Dimension;
  /** base = amount × factor ÷ per; kept apart so per-minute rates divide once, not by a rounded 1/60. */
  factor: number;
  per: number;
  ambiguous: boolean;
  noun?: string;
}

const BARE_COUNT: ResolvedUnit = { unit: '', dimension: 'count', factor: 1, per: 1, ambiguous: false };

function fromDef(def: UnitDef): ResolvedUnit {
  const resolved: ResolvedUnit = { unit: def.unit, dimension: def.dimension, factor: def.factor, per: 1, ambiguous: def.ambiguous === true };
  if (def.noun !== undefined) resolved.noun = def.noun;
  return resolved;
}

function perPeriod(base: ResolvedUnit, period: PeriodDef): ResolvedUnit | null {
  const dimension = RATE_OF[base.dimension];
  if (dimension === undefined) return null;
  return { ...base, unit: `${base.unit}/${period.unit}`, dimension, per: period.seconds };
}

/** Accepts canonical units (`MiB/s`, `records/day`, `/s`, ``) and any spelling from the table. */
function resolveUnit(unit: string): ResolvedUnit | null {
  if (unit === '') return BARE_COUNT;
  const def = UNIT_BY_CANONICAL.get(unit) ?? UNIT_BY_SPELLING.get(unit);
  if (def) return fromDef(def);
  const slash = unit.lastIndexOf('/');
  if (slash < 0) return null;
  const left = unit.slice(0, slash);
  const right = unit.slice(slash + 1);
  const period = PERIOD_BY_CANONICAL.get(right) ?? PERIOD_BY_SPELLING.get(right);
  const leftDef = UNIT_BY_CANONICAL.get(left) ?? UNIT_BY_SPELLING.get(left);
  const base = left === '' ? BARE_COUNT : leftDef ? fromDef(leftDef) : null;
  return period && base ? perPeriod(base, period) : null;
}

/** Strips float noise (1.1 × 10⁶ = 1100000.0000000002) while keeping every digit a person would write. */
function roundBase(x: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(15)) : x;
}

function baseAmount(amount: number, unit: ResolvedUnit): number {
  return roundBase((amount * unit.factor) / unit.per);
}

// ---------------------------------------------------------------------------------------------
// Lexer: one quantity at a known position

interface Lexeme {
  start: number;
  end: number;
  amount: number;
  /** null for a bare number: a count in a cell, nothing in prose, or the first end of a range. */
  unit: ResolvedUnit | null;
  approx: boolean;
}

type LexResult = { ok: true; lexeme: Lexeme } | { ok: false; skipTo: number };

function rejectIdentifier(text: string, start: number): LexResult {
  const run = matchAt(IDENTIFIER_RUN, text, start);
  return { ok: false, skipTo: Math.max(start + 1, start + (run?.[0].length ?? 0)) };
}

function lexMultiplier(text: string, at: number): { factor: number; end: number } | null {
  const m = matchAt(MULTIPLIER_RE, text, at);
  const factor = m ? MULTIPLIER_BY_SPELLING.get(m[1] ?? m[2] ?? '') : undefined;
  return m && factor !== undefined ? { factor, end: at + m[0].length } : null;
}

function lexRate(re: RegExp, base: ResolvedUnit, text: string, at: number): { unit: ResolvedUnit; end: number } | null {
  const m = matchAt(re, text, at);
  const period = m ? PERIOD_BY_SPELLING.get(normalizeSpaces(m[1] ?? '')) : undefined;
  const unit = m && period ? perPeriod(base, period) : null;
  return m && unit ? { unit, end: at + m[0].length } : null;
}

function lexUnit(text: string, at: number): { unit: ResolvedUnit; end: number } | null {
  const m = matchAt(UNIT_RE, text, at);
  const def = m ? UNIT_BY_SPELLING.get(normalizeSpaces(m[1] ?? '')) : undefined;
  if (!m || !def) return lexRate(BARE_RATE_RE, BARE_COUNT, text, at);
  const unit = fromDef(def);
  const end = at + m[0].length;
  return lexRate(RATE_RE, unit, text, end) ?? { unit, end };
}

/** Reads number, multiplier, unit and rate at `start`; null when no number starts there. */
function lexQuantity(text: string, start: number): LexResult | null {
  const num = matchAt(NUMBER_RE, text, start);
  if (!num) return null;
  let end = start + num[0].length;
  if (testAt(PRECEDED_BY_IDENTIFIER, text, start) || testAt(FOLLOWED_BY_IDENTIFIER, text, end)) {
    return rejectIdentifier(text, start);
  }
  let amount = Number(num[0].replaceAll(',', ''));
  const multiplier = lexMultiplier(text, end);
  if (multiplier) {
    amount = roundBase(amount * multiplier.factor);
    end = multiplier.end;
  }
  const unit = lexUnit(text, end);
  // `2nd`, `10x`, `3AZ`: letters glued to a number that are not a unit make it an identifier.
  if (!unit && testAt(WORD_CHAR_AT, text, end)) return rejectIdentifier(text, start);
  const approx = testAt(APPROX_BEFORE, text, start);
  return { ok: true, lexeme: { start, end: unit?.end ?? end, amount, unit: unit?.unit ?? null, approx } };
}

function lexOk(text: string, at: number): Lexeme | null {
  const r = lexQuantity(text, at);
  return r?.ok ? r.lexeme : null;
}

function toQuantity(text: string, lexeme: Lexeme, unit: ResolvedUnit): Quantity {
  const q: Quantity = {
    amount: lexeme.amount,
    unit: unit.unit,
    base: { amount: baseAmount(lexeme.amount, unit), dimension: unit.dimension },
    start: lexeme.start,
    end: lexeme.end,
    text: text.slice(lexeme.start, lexeme.end),
  };
  if (lexeme.approx) q.approx = true;
  if (unit.ambiguous) q.ambiguous = true;
  if (unit.noun !== undefined) q.noun = unit.noun;
  return q;
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** The far end of a range starting at `first`, if a range separator follows it. */
function lexRangeEnd(text: string, first: Lexeme, separator: RegExp): Lexeme | null {
  const sep = matchAt(separator, text, first.end);
  return sep ? lexOk(text, first.end + sep[0].length) : null;
}

/**
 * A unitless first end borrows the second's unit (`1–128 MiB`); the reverse (`1 MiB–128`) is
 * refused as unclear. Both ends must share a dimension. An approximate first end makes the range so.
 */
function rangeQuantities(text: string, first: Lexeme, second: Lexeme): [Quantity, Quantity] | null {
  if (first.unit && !second.unit) return null;
  const secondUnit = second.unit ?? BARE_COUNT;
  const firstUnit = first.unit ?? secondUnit;
  if (firstUnit.dimension !== secondUnit.dimension) return null;
  const far = { ...second, approx: second.approx || first.approx };
  return [toQuantity(text, first, firstUnit), toQuantity(text, far, secondUnit)];
}

// ---------------------------------------------------------------------------------------------
// Value cells

interface Parsed {
  value: ParsedValue;
  end: number;
}

function skipWhile(re: RegExp, text: string, at: number): number {
  let pos = at;
  for (let m = matchAt(re, text, pos); m && m[0].length > 0; m = matchAt(re, text, pos)) pos += m[0].length;
  return pos;
}

const skipPrefixes = (text: string, at: number): number => skipWhile(PREFIX_RE, text, at);
const skipQualifiers = (text: string, at: number): number => skipWhile(QUALIFIER_RE, text, at);
const onlySpaceLeft = (text: string, at: number): boolean => testAt(ONLY_SPACE_LEFT, text, at);

function parseRange(text: string, at: number): Parsed | null {
  const intro = matchAt(RANGE_INTRO_RE, text, at);
  const first = lexOk(text, intro ? at + intro[0].length : at);
  if (!first) return null;
  const separator = intro?.[1]?.toLowerCase() === 'between' ? AND_SEP_RE : RANGE_SEP_RE;
  const second = lexRangeEnd(text, first, separator);
  const quantities = second ? rangeQuantities(text, first, second) : null;
  return second && quantities ? { value: { form: 'range', quantities }, end: second.end } : null;
}

function parseAlternatives(text: string, at: number): Parsed | null {
  const items: Lexeme[] = [];
  const joiners: string[] = [];
  let pos = at;
  for (;;) {
    const item = lexOk(text, skipPrefixes(text, pos));
    if (!item) return null;
    items.push(item);
    pos = skipQualifiers(text, item.end);
    const joiner = matchAt(JOINER_RE, text, pos);
    if (!joiner) break;
    joiners.push(joiner[1] ?? joiner[2] ?? '');
    pos += joiner[0].length;
  }
  const quantities = alternativeQuantities(text, items, joiners);
  const form: ValueForm = items.length === 1 ? 'single' : 'alternatives';
  return quantities ? { value: { form, quantities }, end: pos } : null;
}

/** `5 or 10 MiB` is refused: a bare number beside united ones has no clear unit. */
function alternativeQuantities(text: string, items: Lexeme[], joiners: string[]): Quantity[] | null {
  const bare = items.filter((item) => item.unit === null).length;
  if (bare > 0 && bare < items.length) return null;
  const quantities = items.map((item) => toQuantity(text, item, item.unit ?? BARE_COUNT));
  for (let i = 0; i < joiners.length; i++) {
    const [left, right] = [quantities[i], quantities[i + 1]];
    if (DISTINCT_JOINERS.has(joiners[i] ?? '') && left?.base.dimension === right?.base.dimension) return null;
  }
  return quantities;
}

/**
 * Parses a limit-table Value cell. Returns null when the cell is not a quantity (garbage, a version,
 * a date, or text around the number that is not a known qualifier), and `{form: 'single',
 * quantities: []}` for words that mean "no numeric limit" (`unlimited`, `n/a`).
 * Offsets in the quantities are into `text`; approximation words are not part of a quantity's span.
 */
export function parseValue(text: string): ParsedValue | null {
  const start = skipWhile(LEADING_SPACE, text, 0);
  const noValue = matchAt(NO_VALUE_RE, text, start);
  if (noValue) {
    return onlySpaceLeft(text, skipQualifiers(text, start + noValue[0].length)) ? { form: 'single', quantities: [] } : null;
  }
  const body = skipPrefixes(text, start);
  for (const parse of [parseRange, parseAlternatives]) {
    const parsed = parse(text, body);
    if (parsed && onlySpaceLeft(text, skipQualifiers(text, parsed.end))) return parsed.value;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Prose

/** Index of the next number candidate at or after `from`, or -1. */
function nextNumber(text: string, from: number): number {
  NUMBER_SCAN.lastIndex = from;
  const m = NUMBER_SCAN.exec(text);
  return m ? m.index : -1;
}

/** The second end of a prose range whose first end is a bare number, with the separators prose uses. */
function proseRangeEnd(text: string, first: Lexeme): Lexeme | null {
  const end = lexRangeEnd(text, first, RANGE_SEP_RE);
  if (end) return end;
  return testAt(BETWEEN_BEFORE, text, first.start) ? lexRangeEnd(text, first, AND_SEP_RE) : null;
}

/**
 * Every number in `text` that carries a unit or a counted noun, in order. A range yields both ends,
 * the first carrying the shared unit but spanning only its own number (`1` in `1–128 MiB`).
 * Bare numbers, identifiers (`S3`, `HTTP/2`, `v2.0`), dates and times yield nothing.
 */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (let pos = nextNumber(text, 0); pos >= 0; ) {
    const step = quantitiesAt(text, pos);
    found.push(...step.quantities);
    pos = nextNumber(text, step.resume);
  }
  return found;
}

/** What the number candidate at `pos` yields, and where the scan goes on (past identifiers and ranges). */
function quantitiesAt(text: string, pos: number): { quantities: Quantity[]; resume: number } {
  const lexed = lexQuantity(text, pos);
  if (!lexed) return { quantities: [], resume: pos + 1 };
  if (!lexed.ok) return { quantities: [], resume: lexed.skipTo };
  const first = lexed.lexeme;
  if (first.unit) return { quantities: [toQuantity(text, first, first.unit)], resume: first.end };
  const second = proseRangeEnd(text, first);
  const range = second?.unit ? rangeQuantities(text, first, second) : null;
  // The far end is consumed here so it is not reported twice.
  return range && second ? { quantities: range, resume: second.end } : { quantities: [], resume: first.end };
}

// ---------------------------------------------------------------------------------------------
// Formatting and conversion

/** Enough decimals for any quantity AWS documents, few enough to read (`0.2 MB`, not `0.20000000000000004`). */
const MAX_FRACTION_DIGITS = 6;

function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const fixed = Math.abs(n).toFixed(MAX_FRACTION_DIGITS).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return n < 0 && body !== '0' ? `-${body}` : body;
}

function singularUnit(unit: string): string {
  const whole = UNIT_BY_CANONICAL.get(unit);
  if (whole) return whole.singular ?? unit;
  const slash = unit.lastIndexOf('/');
  if (slash < 0) return unit;
  const left = unit.slice(0, slash);
  return (UNIT_BY_CANONICAL.get(left)?.singular ?? left) + unit.slice(slash);
}

/**
 * `1000, 'records/s'` → `1,000 records/s`; `1, 'records'` → `1 record`; `5, '/s'` → `5/s`;
 * `5, ''` → `5`. The output parses back to the same amount and unit.
 */
export function formatQuantity(amount: number, unit: string): string {
  const number = formatNumber(amount);
  if (unit === '' || unit.startsWith('/')) return number + unit;
  return `${number} ${amount === 1 ? singularUnit(unit) : unit}`;
}

/** Amount in base units; null for a unit this module does not know. */
export function toBase(amount: number, unit: string): { amount: number; dimension: Dimension } | null {
  const resolved = resolveUnit(unit);
  return resolved ? { amount: baseAmount(amount, resolved), dimension: resolved.dimension } : null;
}

/** Inverse of toBase: null when the unit is unknown or of another dimension. */
export function convertBase(baseAmountValue: number, dimension: Dimension, unit: string): number | null {
  const resolved = resolveUnit(unit);
  if (!resolved || resolved.dimension !== dimension) return null;
  return roundBase((baseAmountValue * resolved.per) / resolved.factor);
}

const SAME_EPSILON = 1e-9;

/** Same dimension and base amounts equal within a relative 1e-9 (so 1 MiB equals 1,024 KiB). */
export function sameQuantity(a: Pick<Quantity, 'base'>, b: Pick<Quantity, 'base'>): boolean {
  if (a.base.dimension !== b.base.dimension) return false;
  const [x, y] = [a.base.amount, b.base.amount];
  return x === y || Math.abs(x - y) <= SAME_EPSILON * Math.max(Math.abs(x), Math.abs(y));
}
