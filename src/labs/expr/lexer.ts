import { parseValue } from '../../content/quantity.js';

// Tokens of the check-expression language (docs/labs.md). Columns are 1-based and count UTF-16
// units of the expression text, so a diagnostic can point at the exact character.

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token's text; for strings the decoded value, for numbers the text as written. */
  text: string;
  /** Numbers: the value in the engine's base units (ms, bytes, records/s, bytes/s). */
  value?: number;
  /** Numbers written with a unit: the dimension, for messages. */
  unit?: string;
  /** 0-based offset of the first character. */
  start: number;
  end: number;
}

/** A mistake in the expression, at a 1-based column. */
export class ExprError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.', '?', ':'];
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
/** A rate's period glued to a number: `2500/s`, `1MiB/s`. Anything else after `/` is division. */
const GLUED_PERIOD = /^\/(s|sec|second|min|minute|h|hour)(?![A-Za-z0-9_])/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (DIGIT.test(c)) {
      const t = number(text, i);
      tokens.push(t);
      i = t.end;
      continue;
    }
    if (c === '"' || c === "'") {
      const t = string(text, i);
      tokens.push(t);
      i = t.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    if (c === '=') throw new ExprError('use == to compare', i + 1);
    if (c === '&') throw new ExprError('use && for "and"', i + 1);
    if (c === '|') throw new ExprError('use || for "or"', i + 1);
    if (c === '{' || c === '}') throw new ExprError(`unexpected "${c}" (interpolation braces belong in pass/fail texts, not in expressions)`, i + 1);
    throw new ExprError(`unexpected character "${c}"`, i + 1);
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

function number(text: string, start: number): Token {
  let i = start;
  while (i < text.length && DIGIT.test(text[i]!)) i++;
  if (text[i] === '.' && DIGIT.test(text[i + 1] ?? '')) {
    i++;
    while (i < text.length && DIGIT.test(text[i]!)) i++;
  }
  const digits = text.slice(start, i);
  let j = i;
  while (j < text.length && /[A-Za-z]/.test(text[j]!)) j++;
  const period = GLUED_PERIOD.exec(text.slice(j));
  if (period) j += period[0].length;
  if (j < text.length && IDENT_PART.test(text[j]!)) {
    throw new ExprError(`"${text.slice(start, j + 1)}…" is not a number: a unit is letters right after the digits (1MiB, 5s, 2500/s)`, start + 1);
  }
  const unit = text.slice(i, j);
  if (unit === '') return { kind: 'number', text: digits, value: Number(digits), start, end: i };
  const quantity = unitValue(digits, unit);
  if (!quantity) throw new ExprError(`unknown unit "${unit}" (try ms, s, min, h, B, KiB, MiB, GiB, KB, MB, /s, MiB/s)`, i + 1);
  return { kind: 'number', text: digits + unit, value: quantity.value, unit: quantity.dimension, start, end: j };
}

/**
 * A quantity in the engine's base units: durations in milliseconds (the metrics' `…Ms` fields),
 * sizes in bytes, rates in records or bytes per second. Parsed by the notes' quantity parser.
 */
export function unitValue(digits: string, unit: string): { value: number; dimension: string } | null {
  const parsed = parseValue(digits + unit);
  const q = parsed?.form === 'single' && parsed.quantities.length === 1 ? parsed.quantities[0] : undefined;
  if (!q || q.approx) return null;
  const { amount, dimension } = q.base;
  // Counts ("5 records") are plain numbers; only real units change the value.
  if (dimension === 'count') return unit.trim() === '' ? null : { value: amount, dimension };
  const value = dimension === 's' ? roundMs(amount * 1000) : amount;
  return { value, dimension: dimension === 's' ? 'ms' : dimension };
}

/** 0.1s is 100 ms, not 100.00000000000001. */
function roundMs(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

function string(text: string, start: number): Token {
  const quote = text[start]!;
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { kind: 'string', text: out, start, end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new ExprError(`string is not closed (add ${quote})`, start + 1);
}
