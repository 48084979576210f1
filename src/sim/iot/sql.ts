import { filterProblem } from './topics.js';

// The rules engine's SQL, the subset the engine runs: SELECT with `*`, fields, nested fields
// (a.b, a[0]), aliases, literals, arithmetic and the functions topic(), topic(n), clientid()
// and timestamp(); FROM a topic filter in single quotes (optional, as for rules only reached
// through Basic Ingest); WHERE with comparisons, AND, OR, NOT and parentheses. A mistake is a
// SqlParseError that names its line and column, as AWS's parser does ("Line 1:27 …").

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';
export type FunctionName = 'topic' | 'clientid' | 'timestamp';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'field'; name: string }
  | { kind: 'member'; object: Expr; name: string }
  | { kind: 'index'; object: Expr; index: number }
  | { kind: 'call'; name: FunctionName; args: Expr[] }
  | { kind: 'neg'; operand: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export type SelectItem = { kind: 'star' } | { kind: 'expr'; expr: Expr; key: string };

export interface Query {
  text: string;
  select: SelectItem[];
  /** The FROM topic filter; null when the statement has none (Basic Ingest only). */
  from: string | null;
  where: Expr | null;
}

export class SqlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** Counted from 0, as AWS's parser counts it. */
    readonly column: number,
  ) {
    super(`Line ${line}:${column} ${message}`);
  }
}

type TokenKind = 'ident' | 'keyword' | 'number' | 'string' | 'op' | 'eof';

interface Token {
  kind: TokenKind;
  /** Keywords upper-cased; identifiers and strings as written (strings unquoted). */
  value: string;
  /** The text as written, for messages. */
  raw: string;
  pos: number;
}

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'AS', 'AND', 'OR', 'NOT', 'TRUE', 'FALSE', 'NULL']);
const FUNCTIONS: Record<FunctionName, [number, number]> = { topic: [0, 1], clientid: [0, 0], timestamp: [0, 0] };
const TWO_CHAR_OPS = ['<>', '!=', '<=', '>='];
const ONE_CHAR_OPS = '*,.()[]+-/%=<>';

function position(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: pos - start };
}

function fail(text: string, pos: number, message: string): never {
  const { line, column } = position(text, pos);
  throw new SqlParseError(message, line, column);
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: 'keyword', value: upper, raw: word, pos: start } : { kind: 'ident', value: word, raw: word, pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'number', value: m[0], raw: m[0], pos: start });
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail(text, start, `unterminated string starting here; close it with '`);
        const ch = text[i]!;
        if (ch === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === '\\' && i + 1 < text.length) {
          value += text[i + 1]!;
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, raw: text.slice(start, i), pos: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      tokens.push({ kind: 'op', value: two === '!=' ? '<>' : two, raw: two, pos: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.includes(c)) {
      tokens.push({ kind: 'op', value: c, raw: c, pos: start });
      i++;
      continue;
    }
    if (c === '"') fail(text, start, `token recognition error at: '"' (strings and topic filters take single quotes)`);
    fail(text, start, `token recognition error at: '${c}'`);
  }
  tokens.push({ kind: 'eof', value: '', raw: '<EOF>', pos: text.length });
  return tokens;
}

class Parser {
  private i = 0;
  private unnamed = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private get peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isKeyword(word: string): boolean {
    return this.peek.kind === 'keyword' && this.peek.value === word;
  }

  private isOp(op: string): boolean {
    return this.peek.kind === 'op' && this.peek.value === op;
  }

  private mismatch(expecting: string): never {
    fail(this.text, this.peek.pos, `mismatched input '${this.peek.raw}' expecting ${expecting}`);
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.mismatch(word);
    this.i++;
  }

  private expectOp(op: string, expecting = `'${op}'`): void {
    if (!this.isOp(op)) this.mismatch(expecting);
    this.i++;
  }

  query(): Query {
    this.expectKeyword('SELECT');
    const select: SelectItem[] = [this.selectItem()];
    while (this.isOp(',')) {
      this.i++;
      select.push(this.selectItem());
    }
    let from: string | null = null;
    if (this.isKeyword('FROM')) {
      this.i++;
      const token = this.peek;
      if (token.kind !== 'string') this.mismatch("a topic filter in single quotes, e.g. 'sensors/+/telemetry'");
      this.i++;
      const problem = filterProblem(token.value);
      if (problem) fail(this.text, token.pos, `invalid topic filter: ${problem}`);
      from = token.value;
    }
    let where: Expr | null = null;
    if (this.isKeyword('WHERE')) {
      this.i++;
      where = this.expr();
    }
    if (this.peek.kind !== 'eof') this.mismatch(where ? '<EOF>' : from !== null ? "WHERE or <EOF>" : "',', FROM, WHERE or <EOF>");
    return { text: this.text, select, from, where };
  }

  private selectItem(): SelectItem {
    if (this.isOp('*')) {
      this.i++;
      return { kind: 'star' };
    }
    if (this.isKeyword('FROM') || this.peek.kind === 'eof') this.mismatch("'*' or an expression");
    const expr = this.expr();
    if (this.isKeyword('AS')) {
      this.i++;
      const alias = this.peek;
      if (alias.kind !== 'ident' && alias.kind !== 'keyword') this.mismatch('a name after AS');
      this.i++;
      return { kind: 'expr', expr, key: alias.raw };
    }
    return { kind: 'expr', expr, key: defaultKey(expr, () => ++this.unnamed) };
  }

  expressionOnly(): Expr {
    const e = this.expr();
    if (this.peek.kind !== 'eof') this.mismatch('<EOF>');
    return e;
  }

  expr(): Expr {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.i++;
      left = { kind: 'binary', op: 'OR', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('AND')) {
      this.i++;
      left = { kind: 'binary', op: 'AND', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('NOT')) {
      this.i++;
      return { kind: 'not', operand: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek;
    if (t.kind === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(t.value)) {
      this.i++;
      return { kind: 'binary', op: t.value as BinaryOp, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value as BinaryOp;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value as BinaryOp;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { kind: 'neg', operand: this.unary() };
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const name = this.peek;
        if (name.kind !== 'ident') this.mismatch('a field name after "."');
        this.i++;
        e = { kind: 'member', object: e, name: name.raw };
      } else if (this.isOp('[')) {
        this.i++;
        const index = this.peek;
        if (index.kind !== 'number' || !/^\d+$/.test(index.value)) this.mismatch('an array index (0, 1, …)');
        this.i++;
        this.expectOp(']');
        e = { kind: 'index', object: e, index: Number(index.value) };
      } else {
        return e;
      }
    }
  }

  private primary(): Expr {
    const t = this.peek;
    switch (t.kind) {
      case 'number':
        this.i++;
        return { kind: 'literal', value: Number(t.value) };
      case 'string':
        this.i++;
        return { kind: 'literal', value: t.value };
      case 'keyword':
        if (t.value === 'TRUE' || t.value === 'FALSE') {
          this.i++;
          return { kind: 'literal', value: t.value === 'TRUE' };
        }
        if (t.value === 'NULL') {
          this.i++;
          return { kind: 'literal', value: null };
        }
        return this.mismatch('an expression');
      case 'ident': {
        this.i++;
        if (!this.isOp('(')) return { kind: 'field', name: t.value };
        return this.call(t);
      }
      case 'op':
        if (t.value === '(') {
          this.i++;
          const inner = this.expr();
          this.expectOp(')');
          return inner;
        }
        return this.mismatch('an expression');
      default:
        return this.mismatch('an expression');
    }
  }

  private call(name: Token): Expr {
    const fn = name.value.toLowerCase() as FunctionName;
    const arity = FUNCTIONS[fn];
    if (!arity) fail(this.text, name.pos, `unknown function '${name.value}' (the engine runs topic(), topic(n), clientid() and timestamp())`);
    this.expectOp('(');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.expr());
      while (this.isOp(',')) {
        this.i++;
        args.push(this.expr());
      }
    }
    this.expectOp(')', "')'");
    if (args.length < arity[0] || args.length > arity[1]) {
      const want = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} or ${arity[1]}`;
      fail(this.text, name.pos, `function ${fn}() takes ${want} argument${arity[1] === 1 ? '' : 's'}, got ${args.length}`);
    }
    return { kind: 'call', name: fn, args };
  }
}

/**
 * A SELECT item without AS is named after the last field it names (`a.b` → b) or its function
 * (`topic(2)` → topic); anything else gets `_1`, `_2`… in order of appearance.
 */
function defaultKey(expr: Expr, nextUnnamed: () => number): string {
  switch (expr.kind) {
    case 'field':
      return expr.name;
    case 'member':
      return expr.name;
    case 'call':
      return expr.name;
    default:
      return `_${nextUnnamed()}`;
  }
}

export function parseSql(text: string): Query {
  return new Parser(text, lex(text)).query();
}

/** One expression (a substitution template's `${…}`), with the same grammar as SELECT items. */
export function parseExpression(text: string): Expr {
  return new Parser(text, lex(text)).expressionOnly();
}
