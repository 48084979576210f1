import type { Expr, Query } from './sql.js';

// Evaluates the SQL subset with the 2016-03-23 semantics: a missing field is Undefined (not
// null) and leaves its key out of the output; operators given Undefined or values of the wrong
// type give Undefined; a WHERE clause matches only when it is the Boolean true. Numbers follow
// JSON: a whole number is an Int (SQL v2 reads 10.0 as 10), so Int / Int divides as integers.

export interface SqlMessage {
  /** The topic as the rule sees it (without a Basic Ingest prefix). */
  topic: string;
  /** The payload parsed as JSON; undefined when it is not JSON. */
  payload: unknown;
  /** The payload as sent. */
  text: string;
  /** The MQTT client id, or "n/a" for messages not sent over MQTT (the HTTP publish API). */
  clientId: string;
  /** Virtual epoch milliseconds when the broker received it. */
  timestamp: number;
}

/** Level `n` (from 1) of a topic, found without splitting it. */
function topicLevel(topic: string, n: number): string | undefined {
  let start = 0;
  for (let level = 1; level < n; level++) {
    const slash = topic.indexOf('/', start);
    if (slash === -1) return undefined;
    start = slash + 1;
  }
  const end = topic.indexOf('/', start);
  return end === -1 ? topic.slice(start) : topic.slice(start, end);
}

type Value = unknown;

function isObject(v: Value): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A number, or a string that reads as one (AWS converts such strings to Decimal). */
function numeric(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Boolean operands: a Boolean, or the strings "true"/"false" in any case. */
function boolean(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function equals(a: Value, b: Value): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  // Mismatched types are unequal, not converted: '10' = 10 is false.
  return deepEqual(a, b);
}

function compare(a: Value, b: Value): number | undefined {
  const x = numeric(a);
  const y = numeric(b);
  if (x === undefined || y === undefined) return undefined;
  return x - y;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: Value, b: Value): Value {
  if (a === undefined || b === undefined) return undefined;
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  const x = numeric(a);
  const y = numeric(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) return undefined;
      return Number.isInteger(x) && Number.isInteger(y) ? Math.trunc(x / y) : x / y;
    case '%':
      if (y === 0) return undefined;
      return x % y;
  }
}

export function evaluate(e: Expr, m: SqlMessage): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'field': {
      const p = m.payload;
      return isObject(p) && Object.prototype.hasOwnProperty.call(p, e.name) ? p[e.name] : undefined;
    }
    case 'member': {
      const o = evaluate(e.object, m);
      return isObject(o) && Object.prototype.hasOwnProperty.call(o, e.name) ? o[e.name] : undefined;
    }
    case 'index': {
      const o = evaluate(e.object, m);
      return Array.isArray(o) ? o[e.index] : undefined;
    }
    case 'call':
      return call(e, m);
    case 'neg': {
      const v = numeric(evaluate(e.operand, m));
      return v === undefined ? undefined : -v;
    }
    case 'not': {
      const v = boolean(evaluate(e.operand, m));
      return v === undefined ? undefined : !v;
    }
    case 'binary': {
      const a = evaluate(e.left, m);
      const b = evaluate(e.right, m);
      switch (e.op) {
        case 'AND':
        case 'OR': {
          const x = boolean(a);
          const y = boolean(b);
          if (x === undefined || y === undefined) return undefined;
          return e.op === 'AND' ? x && y : x || y;
        }
        case '=':
          return equals(a, b);
        case '<>': {
          const eq = equals(a, b);
          return eq === undefined ? undefined : !eq;
        }
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const c = compare(a, b);
          if (c === undefined) return undefined;
          return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
        }
        default:
          return arithmetic(e.op, a, b);
      }
    }
  }
}

function call(e: Extract<Expr, { kind: 'call' }>, m: SqlMessage): Value {
  switch (e.name) {
    case 'topic': {
      if (e.args.length === 0) return m.topic;
      const n = numeric(evaluate(e.args[0]!, m));
      if (n === undefined || !Number.isInteger(n) || n < 1) return undefined;
      return topicLevel(m.topic, n);
    }
    case 'clientid':
      return m.clientId;
    case 'timestamp':
      return m.timestamp;
  }
}

export function whereMatches(q: Query, m: SqlMessage): boolean {
  return q.where === null || evaluate(q.where, m) === true;
}

/** The rule's output as JSON text: the payload itself for a bare SELECT *, else the selected keys. */
export function selectOutput(q: Query, m: SqlMessage): string {
  const items = q.select;
  if (items.length === 1 && items[0]!.kind === 'star') return m.text;
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (item.kind === 'star') {
      if (isObject(m.payload)) Object.assign(out, m.payload);
      continue;
    }
    const v = evaluate(item.expr, m);
    // Undefined is not representable in JSON: the key is left out.
    if (v !== undefined) out[item.key] = v;
  }
  return JSON.stringify(out);
}

/** How a value reads inside a substitution template: strings bare, Undefined as nothing. */
export function templateText(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
