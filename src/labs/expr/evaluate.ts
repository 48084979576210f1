import { formatValue } from './format.js';
import { pathText, type Arg, type CompareOp, type Expr, type Segment } from './parse.js';

// Evaluates a parsed check expression against a document (the metrics of a run plus the lab's
// own sections). Never throws: a wrong type, a missing metric or a division by zero comes back
// as an error with the column of the part of the expression at fault.

export type Value = number | string | boolean | null | Value[] | { [key: string]: Value };

export type EvalResult = { ok: true; value: Value } | { ok: false; error: { message: string; column: number } };

export interface Scope {
  /** The element a predicate is looking at (`it`), when inside one. */
  it?: { value: Value };
}

class EvalError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

export function evaluate(expr: Expr, doc: Record<string, unknown>, scope: Scope = {}): EvalResult {
  try {
    return { ok: true, value: new Evaluator(doc).eval(expr, scope) };
  } catch (error) {
    if (error instanceof EvalError) return { ok: false, error: { message: error.message, column: error.column } };
    if (error instanceof RangeError) return { ok: false, error: { message: 'expression is too deep to evaluate', column: expr.start + 1 } };
    throw error;
  }
}

/** What a function needs to know about its call. */
interface FunctionSpec {
  /** Smallest and largest number of arguments (Infinity: any). */
  arity: [number, number];
  /** Its second argument is a predicate on each element (`it`, or a section like `< 100`). */
  predicate?: boolean;
  usage: string;
  summary: string;
}

/** Every function the language has; docs/labs.md lists the same. */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  sum: { arity: [1, Infinity], usage: 'sum(list, …)', summary: 'total of the numbers (lists are flattened); 0 for none' },
  min: { arity: [1, Infinity], usage: 'min(list, …)', summary: 'smallest number' },
  max: { arity: [1, Infinity], usage: 'max(list, …)', summary: 'largest number' },
  avg: { arity: [1, Infinity], usage: 'avg(list, …)', summary: 'mean of the numbers' },
  count: { arity: [1, 2], predicate: true, usage: 'count(list, predicate?)', summary: 'items in a list (or keys of a map), or those matching the predicate' },
  all: { arity: [1, 2], predicate: true, usage: 'all(list, predicate?)', summary: 'true when every item is true (or matches the predicate); true for an empty list' },
  any: { arity: [1, 2], predicate: true, usage: 'any(list, predicate?)', summary: 'true when some item is true (or matches the predicate)' },
  filter: { arity: [2, 2], predicate: true, usage: 'filter(list, predicate)', summary: 'the items that match' },
  map: { arity: [2, 2], predicate: true, usage: 'map(list, expression)', summary: 'the expression for each item (`it`): map(filter(…), it.recordsIn)' },
  first: { arity: [1, 1], usage: 'first(list)', summary: 'the first item' },
  last: { arity: [1, 1], usage: 'last(list)', summary: 'the last item' },
  slice: { arity: [2, 3], usage: 'slice(list, from, to?)', summary: 'items from index `from` up to (not including) `to`; per-second series are indexed by second' },
  abs: { arity: [1, 1], usage: 'abs(x)', summary: 'absolute value' },
  round: { arity: [1, 2], usage: 'round(x, digits?)', summary: 'rounded to `digits` decimals (default 0), halves away from zero' },
  floor: { arity: [1, 1], usage: 'floor(x)', summary: 'rounded down' },
  ceil: { arity: [1, 1], usage: 'ceil(x)', summary: 'rounded up' },
  clamp: { arity: [3, 3], usage: 'clamp(x, lo, hi)', summary: 'x held between lo and hi (for partial credit: clamp(…, 0, 1))' },
  percent: { arity: [2, 2], usage: 'percent(a, b)', summary: 'a as a percentage of b (a / b × 100); 0 when b is 0' },
};

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isMap = (v: unknown): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Items of a list, or the values of a map (in key order). */
function items(v: Value): Value[] | null {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.values(v);
  return null;
}

export function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (isMap(v)) {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty map' : `a map (${keyList(keys)})`;
  }
  if (typeof v === 'string') return `the text ${JSON.stringify(v)}`;
  if (v === undefined) return 'nothing';
  return formatValue(v as Value);
}

export function keyList(keys: readonly string[], limit = 8): string {
  const shown = keys.slice(0, limit).join(', ');
  return keys.length > limit ? `${shown}, … ${keys.length - limit} more` : shown;
}

export type PathResult = { ok: true; value: Value; fanned: boolean; matches: number } | { ok: false; message: string; column: number };

/**
 * Follows a path. After a `*` the path fans out: every later segment applies to each item, and the
 * result is a list (`streams.orders.shards.*.writeThrottled` → one number per shard).
 */
export function resolvePath(root: string, segments: readonly Segment[], start: number, doc: Record<string, unknown>, scope: Scope): PathResult {
  let values: unknown[];
  if (root === 'it') {
    if (!scope.it) return { ok: false, message: '"it" is the item a predicate looks at: use it inside all(), any(), count(), filter() or map()', column: start + 1 };
    values = [scope.it.value];
  } else {
    if (!hasOwn(doc, root)) {
      const near = Object.keys(doc).filter((k) => k !== 'trace');
      const suggestion = hasOwn(FUNCTIONS, root) ? ` (${root} is a function: ${FUNCTIONS[root]!.usage})` : ` (the document has: ${keyList(near)})`;
      return { ok: false, message: `no metric "${root}"${suggestion}`, column: start + 1 };
    }
    values = [doc[root]];
  }
  let fanned = false;
  const trail: Segment[] = [];
  for (const seg of segments) {
    const here = pathText(root, trail);
    const next: unknown[] = [];
    for (const v of values) {
      if (seg.kind === 'wildcard') {
        const list = items(v as Value);
        if (!list) return { ok: false, message: `${here} is ${describe(v)}; * needs a list or a map`, column: seg.start + 1 };
        next.push(...list);
      } else if (seg.kind === 'index') {
        if (!Array.isArray(v)) return { ok: false, message: `${here} is ${describe(v)}, not a list; [${seg.index}] needs a list`, column: seg.start + 1 };
        if (seg.index >= v.length) return { ok: false, message: `${here} has ${v.length} item${v.length === 1 ? '' : 's'}; [${seg.index}] is past the end`, column: seg.start + 1 };
        next.push(v[seg.index]);
      } else if (isMap(v) && hasOwn(v, seg.key)) {
        next.push(v[seg.key]);
      } else if (Array.isArray(v)) {
        return { ok: false, message: `${here} is a list: write ${here}.*.${seg.key} for every item or ${here}[0].${seg.key} for one`, column: seg.start + 1 };
      } else if (isMap(v)) {
        const keys = Object.keys(v);
        return { ok: false, message: `${here} has no "${seg.key}"${keys.length ? ` (it has: ${keyList(keys)})` : ' (it is empty)'}`, column: seg.start + 1 };
      } else {
        return { ok: false, message: `${here} is ${describe(v)}; it has no "${seg.key}"`, column: seg.start + 1 };
      }
    }
    values = next;
    if (seg.kind === 'wildcard') fanned = true;
    trail.push(seg);
  }
  return fanned ? { ok: true, value: values as Value[], fanned, matches: values.length } : { ok: true, value: values[0] as Value, fanned, matches: 1 };
}

class Evaluator {
  constructor(private readonly doc: Record<string, unknown>) {}

  eval(e: Expr, scope: Scope): Value {
    switch (e.type) {
      case 'number':
      case 'string':
      case 'bool':
        return e.value;
      case 'null':
        return null;
      case 'path': {
        const r = resolvePath(e.root, e.segments, e.start, this.doc, scope);
        if (!r.ok) throw new EvalError(r.message, r.column);
        return r.value;
      }
      case 'unary': {
        const v = this.eval(e.operand, scope);
        if (e.op === '!') return !this.bool(v, e.operand, '!');
        return -this.num(v, e.operand, 'unary -');
      }
      case 'ternary': {
        const c = this.bool(this.eval(e.cond, scope), e.cond, '? :');
        return this.eval(c ? e.then : e.else, scope);
      }
      case 'binary':
        return this.binary(e, scope);
      case 'call':
        return this.call(e, scope);
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>, scope: Scope): Value {
    const col = e.opStart + 1;
    if (e.op === '&&' || e.op === '||') {
      const left = this.bool(this.eval(e.left, scope), e.left, e.op);
      if (e.op === '&&' ? !left : left) return left;
      return this.bool(this.eval(e.right, scope), e.right, e.op);
    }
    const l = this.eval(e.left, scope);
    const r = this.eval(e.right, scope);
    switch (e.op) {
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=':
        return compare(l, e.op, r, col, e.left, e.right);
      default: {
        const a = this.num(l, e.left, e.op);
        const b = this.num(r, e.right, e.op);
        if ((e.op === '/' || e.op === '%') && b === 0) throw new EvalError(`division by zero (${describeNode(e.right)} is 0)`, col);
        const out = e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : a % b;
        if (!Number.isFinite(out)) throw new EvalError('the result is too large', col);
        return out;
      }
    }
  }

  private call(e: Extract<Expr, { type: 'call' }>, scope: Scope): Value {
    const spec = FUNCTIONS[e.name];
    const col = e.start + 1;
    if (!spec || !hasOwn(FUNCTIONS, e.name)) throw new EvalError(`unknown function "${e.name}" (functions: ${Object.keys(FUNCTIONS).join(', ')})`, col);
    const [lo, hi] = spec.arity;
    if (e.args.length < lo || e.args.length > hi) {
      throw new EvalError(`${e.name} takes ${lo === hi ? lo : hi === Infinity ? `${lo} or more` : `${lo} or ${hi}`} argument${hi === 1 ? '' : 's'}: ${spec.usage}`, col);
    }
    e.args.forEach((a, i) => {
      if (a.type === 'section' && !(spec.predicate && i === 1)) {
        throw new EvalError(`"${a.op} …" alone is a predicate; it belongs as the second argument of all, any, count or filter`, a.start + 1);
      }
    });
    if (spec.predicate) return this.predicateCall(e, scope);
    const args = e.args.map((a) => this.eval(a as Expr, scope));
    const num = (i: number) => this.num(args[i]!, e.args[i] as Expr, e.name);
    switch (e.name) {
      case 'sum':
      case 'min':
      case 'max':
      case 'avg': {
        const ns = numbers(args, e);
        if (e.name === 'sum') return ns.reduce((a, b) => a + b, 0);
        if (ns.length === 0) throw new EvalError(`${e.name} of an empty list`, col);
        if (e.name === 'avg') return ns.reduce((a, b) => a + b, 0) / ns.length;
        return ns.reduce((a, b) => (e.name === 'min' ? Math.min(a, b) : Math.max(a, b)));
      }
      case 'first':
      case 'last': {
        const list = this.list(args[0]!, e.args[0] as Expr, e.name);
        if (list.length === 0) throw new EvalError(`${e.name} of an empty list`, col);
        return e.name === 'first' ? list[0]! : list[list.length - 1]!;
      }
      case 'slice': {
        const list = this.list(args[0]!, e.args[0] as Expr, e.name);
        const from = this.index(num(1), e.args[1] as Expr);
        const to = args.length > 2 ? this.index(num(2), e.args[2] as Expr) : list.length;
        return list.slice(from, to);
      }
      case 'abs':
        return Math.abs(num(0));
      case 'floor':
        return Math.floor(num(0));
      case 'ceil':
        return Math.ceil(num(0));
      case 'round': {
        const digits = args.length > 1 ? num(1) : 0;
        if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new EvalError('round: digits must be a whole number from 0 to 10', (e.args[1] as Expr).start + 1);
        const f = 10 ** digits;
        const x = num(0);
        return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
      }
      case 'clamp': {
        const [x, lo2, hi2] = [num(0), num(1), num(2)];
        if (lo2 > hi2) throw new EvalError(`clamp: lo (${formatValue(lo2)}) is above hi (${formatValue(hi2)})`, col);
        return Math.min(hi2, Math.max(lo2, x));
      }
      case 'percent': {
        const [a, b] = [num(0), num(1)];
        return b === 0 ? 0 : (a / b) * 100;
      }
    }
    throw new EvalError(`unknown function "${e.name}"`, col);
  }

  private predicateCall(e: Extract<Expr, { type: 'call' }>, scope: Scope): Value {
    const first = e.args[0] as Expr;
    const v = this.eval(first, scope);
    const list = items(v);
    if (!list) throw new EvalError(`${e.name} needs a list or a map; ${describeNode(first)} is ${describe(v)}`, first.start + 1);
    const pred = e.args[1];
    if (e.name === 'map') {
      if (!pred || pred.type === 'section') throw new EvalError('map needs an expression using it, e.g. map(list, it.recordsIn)', (pred ?? e).start + 1);
      return list.map((item) => this.eval(pred, { ...scope, it: { value: item } }));
    }
    const test = (item: Value): boolean => {
      if (!pred) {
        if (typeof item !== 'boolean') throw new EvalError(`${e.name} without a predicate needs true/false items; found ${describe(item)} (add one: ${e.name}(list, < 100))`, first.start + 1);
        return item;
      }
      if (pred.type === 'section') return compare(item, pred.op, this.eval(pred.right, scope), pred.start + 1, null, pred.right) as boolean;
      return this.bool(this.eval(pred, { ...scope, it: { value: item } }), pred, e.name);
    };
    switch (e.name) {
      case 'count':
        return pred ? list.filter(test).length : list.length;
      case 'all':
        return list.every(test);
      case 'any':
        return list.some(test);
      default:
        return list.filter(test);
    }
  }

  private num(v: Value, node: Expr, what: string): number {
    if (typeof v === 'number') return v;
    const hint = Array.isArray(v) ? ' (a list: use sum(), max(), all(…) or count())' : '';
    throw new EvalError(`${what} needs a number; ${describeNode(node)} is ${describe(v)}${hint}`, node.start + 1);
  }

  private bool(v: Value, node: Expr, what: string): boolean {
    if (typeof v === 'boolean') return v;
    throw new EvalError(`${what} needs true or false; ${describeNode(node)} is ${describe(v)}`, node.start + 1);
  }

  private list(v: Value, node: Expr, what: string): Value[] {
    if (Array.isArray(v)) return v;
    throw new EvalError(`${what} needs a list; ${describeNode(node)} is ${describe(v)}`, node.start + 1);
  }

  private index(n: number, node: Expr): number {
    if (!Number.isInteger(n) || n < 0) throw new EvalError(`an index is a whole number from 0; got ${formatValue(n)}`, node.start + 1);
    return n;
  }
}

function numbers(args: Value[], e: Extract<Expr, { type: 'call' }>): number[] {
  const out: number[] = [];
  const walk = (v: Value, i: number) => {
    if (typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, i);
    else throw new EvalError(`${e.name} adds up numbers; ${describeNode(e.args[i] as Expr)} holds ${describe(v)}`, e.args[i]!.start + 1);
  };
  args.forEach((v, i) => walk(v, i));
  return out;
}

function compare(l: Value, op: CompareOp, r: Value, col: number, leftNode: Expr | null, rightNode: Expr): boolean {
  if (op === '==' || op === '!=') {
    for (const [v, node] of [
      [l, leftNode],
      [r, rightNode],
    ] as const) {
      if (typeof v === 'object' && v !== null) {
        throw new EvalError(`${op} compares single values; ${node ? describeNode(node) : 'the item'} is ${describe(v)} (use all(list, ${op} x) or count())`, node ? node.start + 1 : col);
      }
    }
    return (l === r) === (op === '==');
  }
  for (const [v, node] of [
    [l, leftNode],
    [r, rightNode],
  ] as const) {
    if (typeof v !== 'number') {
      const hint = Array.isArray(v) ? ` (use all(list, ${op} x), max() or min())` : '';
      throw new EvalError(`${op} compares numbers; ${node ? describeNode(node) : 'the item'} is ${describe(v)}${hint}`, node ? node.start + 1 : col);
    }
  }
  const [a, b] = [l as number, r as number];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** A short name for a sub-expression in messages: its path, else "this value". */
function describeNode(node: Arg): string {
  if (node.type === 'path') return pathText(node.root, node.segments);
  if (node.type === 'call') return `${node.name}(…)`;
  return 'this value';
}
