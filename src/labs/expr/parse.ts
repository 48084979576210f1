import { ExprError, tokenize, type Token } from './lexer.js';

// A Pratt parser for check expressions (docs/labs.md): paths into the metrics document, numbers
// with units, strings, arithmetic, comparisons, && || !, `c ? a : b` and function calls. Nothing
// is ever handed to eval or Function: the tree is walked by evaluate.ts.

export type Segment =
  | { kind: 'key'; key: string; start: number }
  | { kind: 'index'; index: number; start: number }
  | { kind: 'wildcard'; start: number };

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type BinaryOp = CompareOp | '+' | '-' | '*' | '/' | '%' | '&&' | '||';

interface Span {
  /** 0-based offsets into the expression text. */
  start: number;
  end: number;
}

export type Expr =
  | ({ type: 'number'; value: number; text: string } & Span)
  | ({ type: 'string'; value: string } & Span)
  | ({ type: 'bool'; value: boolean } & Span)
  | ({ type: 'null' } & Span)
  /** `root.seg.seg`; root `it` is the element inside a predicate argument. */
  | ({ type: 'path'; root: string; segments: Segment[] } & Span)
  | ({ type: 'unary'; op: '-' | '!'; operand: Expr } & Span)
  | ({ type: 'binary'; op: BinaryOp; left: Expr; right: Expr; opStart: number } & Span)
  | ({ type: 'ternary'; cond: Expr; then: Expr; else: Expr } & Span)
  | ({ type: 'call'; name: string; args: Arg[] } & Span);

/** A call argument: an expression, or a comparison section such as `< 100` (predicate shorthand). */
export type Arg = Expr | ({ type: 'section'; op: CompareOp; right: Expr } & Span);

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: { message: string; column: number } };

const COMPARE: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];
const KEYWORDS: Record<string, Expr['type']> = { true: 'bool', false: 'bool', null: 'null' };
/** Binding powers: higher binds tighter. */
const INFIX: Record<string, number> = {
  '?': 10,
  '||': 20,
  '&&': 30,
  '==': 40,
  '!=': 40,
  '<': 50,
  '<=': 50,
  '>': 50,
  '>=': 50,
  '+': 60,
  '-': 60,
  '*': 70,
  '/': 70,
  '%': 70,
};
const PREFIX_POWER = 80;
/** Deeper nesting than this is refused rather than risking the stack on hostile input. */
const MAX_DEPTH = 64;
const MAX_LENGTH = 4000;

/** Parses an expression; never throws. Columns in errors are 1-based. */
export function parseExpression(text: string): ParseResult {
  try {
    if (text.length > MAX_LENGTH) throw new ExprError(`expression is longer than ${MAX_LENGTH} characters`, 1);
    const parser = new Parser(text, tokenize(text));
    const expr = parser.expression(0);
    parser.expectEnd();
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ExprError) return { ok: false, error: { message: error.message, column: error.column } };
    if (error instanceof RangeError) return { ok: false, error: { message: 'expression nests too deeply', column: 1 } };
    throw error;
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Nodes written in parentheses: `(a < b) == c` is deliberate, `a < b == c` is a slip. */
  private readonly grouped = new WeakSet<Expr>();

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.text === op;
  }

  private expectOp(op: string, what: string): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) throw this.unexpected(t, `expected ${what}`);
    return this.next();
  }

  private unexpected(t: Token, expected: string): ExprError {
    const found = t.kind === 'eof' ? 'the end of the expression' : t.kind === 'string' ? `the string "${t.text}"` : `"${this.text.slice(t.start, t.end)}"`;
    return new ExprError(`${expected}, found ${found}`, t.start + 1);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t, 'expected an operator or the end');
  }

  expression(minPower: number): Expr {
    if (++this.depth > MAX_DEPTH) throw new ExprError('expression nests too deeply', this.peek().start + 1);
    try {
      let left = this.prefix();
      for (;;) {
        const t = this.peek();
        if (t.kind !== 'op') break;
        const power = INFIX[t.text];
        if (power === undefined || power <= minPower) break;
        this.next();
        if (t.text === '?') {
          const then = this.expression(0);
          this.expectOp(':', '":" of "condition ? a : b"');
          // Right-associative: `a ? b : c ? d : e` is `a ? b : (c ? d : e)`.
          const otherwise = this.expression(power - 1);
          left = { type: 'ternary', cond: left, then, else: otherwise, start: left.start, end: otherwise.end };
          continue;
        }
        if (COMPARE.includes(t.text) && left.type === 'binary' && COMPARE.includes(left.op) && INFIX[left.op] === power && !this.grouped.has(left)) {
          throw new ExprError(`comparisons do not chain: write "a < b && b < c"`, t.start + 1);
        }
        const right = this.expression(power);
        left = { type: 'binary', op: t.text as BinaryOp, left, right, opStart: t.start, start: left.start, end: right.end };
      }
      return left;
    } finally {
      this.depth--;
    }
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { type: 'number', value: t.value!, text: t.text, start: t.start, end: t.end };
      case 'string':
        return { type: 'string', value: t.text, start: t.start, end: t.end };
      case 'ident': {
        const keyword = KEYWORDS[t.text];
        if (keyword === 'bool') return { type: 'bool', value: t.text === 'true', start: t.start, end: t.end };
        if (keyword === 'null') return { type: 'null', start: t.start, end: t.end };
        if (this.isOp(this.peek(), '(')) return this.call(t);
        return this.path(t);
      }
      case 'op':
        if (t.text === '(') {
          const inner = this.expression(0);
          this.expectOp(')', '")"');
          this.grouped.add(inner);
          return inner;
        }
        if (t.text === '-' || t.text === '!') {
          const operand = this.expression(PREFIX_POWER);
          return { type: 'unary', op: t.text, operand, start: t.start, end: operand.end };
        }
        if (COMPARE.includes(t.text)) throw new ExprError(`"${t.text}" needs something on its left (a comparison like "< 100" alone works only as a predicate: all(list, < 100))`, t.start + 1);
        throw this.unexpected(t, 'expected a value');
      case 'eof':
        throw this.unexpected(t, 'expected a value');
    }
  }

  private call(name: Token): Expr {
    this.next(); // (
    const args: Arg[] = [];
    if (!this.isOp(this.peek(), ')')) {
      for (;;) {
        args.push(this.argument());
        if (this.isOp(this.peek(), ',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    const close = this.expectOp(')', `"," or ")" in ${name.text}(…)`);
    return { type: 'call', name: name.text, args, start: name.start, end: close.end };
  }

  private argument(): Arg {
    const t = this.peek();
    if (t.kind === 'op' && COMPARE.includes(t.text)) {
      this.next();
      const right = this.expression(INFIX[t.text]!);
      return { type: 'section', op: t.text as CompareOp, right, start: t.start, end: right.end };
    }
    return this.expression(0);
  }

  private path(root: Token): Expr {
    const segments: Segment[] = [];
    let end = root.end;
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, '.')) {
        this.next();
        const key = this.next();
        if (key.kind === 'ident') segments.push({ kind: 'key', key: key.text, start: key.start });
        else if (this.isOp(key, '*')) segments.push({ kind: 'wildcard', start: key.start });
        else if (key.kind === 'number' && /^\d+$/.test(key.text)) segments.push({ kind: 'key', key: key.text, start: key.start });
        else throw this.unexpected(key, 'expected a name or * after "."');
        end = key.end;
        continue;
      }
      if (this.isOp(t, '[')) {
        this.next();
        const inner = this.next();
        if (inner.kind === 'string') segments.push({ kind: 'key', key: inner.text, start: inner.start });
        else if (this.isOp(inner, '*')) segments.push({ kind: 'wildcard', start: inner.start });
        else if (inner.kind === 'number' && /^\d+$/.test(inner.text)) segments.push({ kind: 'index', index: Number(inner.text), start: inner.start });
        else if (this.isOp(inner, '-')) throw new ExprError('negative indexes are not supported: use last(list)', inner.start + 1);
        else throw this.unexpected(inner, 'expected a quoted name, a whole number or * inside [ ]');
        end = this.expectOp(']', '"]"').end;
        continue;
      }
      break;
    }
    return { type: 'path', root: root.text, segments, start: root.start, end };
  }
}

/** The path as an author would write it, for messages: `streams.orders.shards.*.writeThrottled`. */
export function pathText(root: string, segments: readonly Segment[]): string {
  let out = root;
  for (const s of segments) {
    if (s.kind === 'wildcard') out += '.*';
    else if (s.kind === 'index') out += `[${s.index}]`;
    else out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.key) ? `.${s.key}` : `[${JSON.stringify(s.key)}]`;
  }
  return out;
}
