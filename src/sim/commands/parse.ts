import { tokenize, TokenizeError, type Token } from './tokenize.js';
import { Args, type CommandSpec, type FlagSpec, type FlagValue, type MemberSpec, type ServiceTable, type StructureValue } from './types.js';

// Turns a command line into a table lookup plus typed flag values, reporting mistakes the way
// the AWS CLI does: argparse's `aws: error: …` lines after the usage banner, and the CLI's own
// `Error parsing parameter …` and `Parameter validation failed:` messages. Nothing here touches
// the engine, so scenario files can be checked for commands that will not parse at load time.

export const USAGE_BANNER = [
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  aws help',
  '  aws <command> help',
  '  aws <command> <subcommand> help',
  '',
].join('\n');

export type Parsed<C> =
  | { kind: 'invocation'; table: ServiceTable<C>; command: CommandSpec<C>; args: Args }
  | { kind: 'help'; table?: ServiceTable<C>; command?: CommandSpec<C> }
  /** `invalid` and `choices` are set for an unknown service or command, for friendlier messages. */
  | { kind: 'usage-error'; error: string; text: string; invalid?: string; choices?: string[] };

/** Failures before a request is made: what the CLI prints, and the same as one line. */
class ClientError extends Error {
  constructor(
    readonly text: string,
    readonly line: string,
    readonly invalid?: { word: string; choices: string[] },
  ) {
    super(line);
  }
}

function argparseError(message: string): ClientError {
  const line = `aws: error: ${message}`;
  return new ClientError(`${USAGE_BANNER}\n${line}`, line);
}

function invalidChoice(argument: 'command' | 'operation', word: string, choices: string[]): ClientError {
  const line = `aws: error: argument ${argument}: Invalid choice, valid choices are:`;
  return new ClientError(`${USAGE_BANNER}\n${line}\n\n${choiceColumns([...choices, 'help'])}`, line, { word, choices });
}

function paramError(flag: string, message: string): ClientError {
  const line = `Error parsing parameter '--${flag}': ${message}`;
  return new ClientError(line, line);
}

function validationError(message: string): ClientError {
  return new ClientError(`Parameter validation failed:\n${message}`, `Parameter validation failed: ${message}`);
}

/** argparse's two-column list of valid choices, as the CLI prints it after an invalid choice. */
export function choiceColumns(names: readonly string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 2) {
    const right = names[i + 1];
    rows.push(right === undefined ? names[i]! : `${names[i]!.padEnd(40)} | ${right}`);
  }
  return rows.join('\n');
}


export function parseLine<C>(line: string, tables: readonly ServiceTable<C>[]): Parsed<C> {
  try {
    return parseTokens(tokenize(line), tables);
  } catch (error) {
    if (error instanceof TokenizeError) {
      const e = argparseError(error.message);
      return { kind: 'usage-error', error: e.line, text: e.text };
    }
    if (error instanceof ClientError) {
      const parsed: Parsed<C> = { kind: 'usage-error', error: error.line, text: error.text };
      if (error.invalid) Object.assign(parsed, { invalid: error.invalid.word, choices: error.invalid.choices });
      return parsed;
    }
    throw error;
  }
}

function parseTokens<C>(tokens: Token[], tables: readonly ServiceTable<C>[]): Parsed<C> {
  const start = tokens[0]?.value === 'aws' ? 1 : 0;
  const serviceWord = tokens[start]?.value;
  if (serviceWord === undefined) throw argparseError('the following arguments are required: command');
  if (serviceWord === 'help') return { kind: 'help' };
  const table = tables.find((t) => t.service === serviceWord);
  if (!table) {
    throw invalidChoice('command', serviceWord, tables.map((t) => t.service));
  }
  const commandWord = tokens[start + 1]?.value;
  if (commandWord === undefined) throw argparseError('the following arguments are required: operation');
  if (commandWord === 'help') return { kind: 'help', table };
  const command = table.commands.find((c) => c.name === commandWord);
  if (!command) {
    throw invalidChoice('operation', commandWord, table.commands.map((c) => c.name).sort());
  }
  const args = parseFlags(command, tokens.slice(start + 2));
  if (args === 'help') return { kind: 'help', table, command };
  return { kind: 'invocation', table, command, args };
}

function parseFlags<C>(command: CommandSpec<C>, tokens: Token[]): Args | 'help' {
  const raw = new Map<string, { flag: FlagSpec<C>; words: string[] } | boolean>();
  const unknown: string[] = [];
  let help = false;
  let positional: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.value;
    if (!word.startsWith('--')) {
      if (word === 'help') help = true;
      else if (command.positional && positional === undefined) positional = word;
      else unknown.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
    const inline = eq === -1 ? undefined : word.slice(eq + 1);
    const negated = name.startsWith('no-') ? command.flags.find((f) => f.type === 'boolean' && f.name === name.slice(3)) : undefined;
    const flag = negated ?? command.flags.find((f) => f.name === name);
    if (!flag) {
      unknown.push(word);
      continue;
    }
    if (flag.type === 'boolean') {
      if (inline !== undefined) throw argparseError(`argument --${name}: ignored explicit argument '${inline}'`);
      raw.set(flag.name, !negated);
      continue;
    }
    if (inline !== undefined) {
      raw.set(flag.name, { flag, words: [inline] });
      continue;
    }
    const words: string[] = [];
    const many = flag.type === 'list' || flag.type === 'strings';
    while (i + 1 < tokens.length && !tokens[i + 1]!.value.startsWith('--') && (many || words.length === 0)) {
      words.push(tokens[++i]!.value);
    }
    if (words.length === 0) throw argparseError(`argument --${flag.name}: expected ${many ? 'at least one argument' : 'one argument'}`);
    raw.set(flag.name, { flag, words });
  }
  if (help) return 'help';
  const missing = command.flags.filter((f) => f.required && !raw.has(f.name)).map((f) => `--${f.name}`);
  if (command.positional?.required && positional === undefined) missing.unshift(command.positional.name);
  if (missing.length) throw argparseError(`the following arguments are required: ${missing.join(', ')}`);
  if (unknown.length) throw argparseError(`Unknown options: ${unknown.join(', ')}`);
  const values = new Map<string, FlagValue>();
  if (command.positional && positional !== undefined) values.set(command.positional.name, positional);
  for (const flag of command.flags) {
    const entry = raw.get(flag.name);
    if (entry === undefined) continue;
    values.set(flag.name, typeof entry === 'boolean' ? entry : convert(flag, entry.words));
  }
  return new Args(values);
}

function convert<C>(flag: FlagSpec<C>, words: string[]): FlagValue {
  const text = words[0]!;
  switch (flag.type) {
    case 'string':
    case 'blob':
      return text;
    case 'integer':
      if (!/^[+-]?\d+$/.test(text)) throw paramError(flag.name, `expected an integer, received: '${text}'`);
      return Number(text);
    case 'timestamp': {
      const ms = parseTimestamp(text);
      if (ms === null) throw paramError(flag.name, `Unable to parse timestamp '${text}': give epoch seconds (e.g. 30) or ISO 8601 (e.g. 1970-01-01T00:00:30Z)`);
      return ms;
    }
    case 'boolean':
      return true;
    case 'structure': {
      const name = memberName(flag.name);
      const value = text.trimStart().startsWith('{') ? parseJson(flag.name, text) : parseShorthand(flag.name, text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError(`Invalid type for parameter ${name}, value: ${JSON.stringify(value)}, type: ${typeName(value)}, valid types: structure`);
      return checkMembers(name, value as Record<string, unknown>, flag.members ?? []);
    }
    case 'list': {
      const name = memberName(flag.name);
      const json = words.length === 1 && text.trimStart().startsWith('[');
      const items = json ? parseJson(flag.name, text) : words.map((w) => parseShorthand(flag.name, w));
      if (!Array.isArray(items)) throw validationError(`Invalid type for parameter ${name}, value: ${JSON.stringify(items)}, type: ${typeName(items)}, valid types: list`);
      return items.map((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) throw validationError(`Invalid type for parameter ${name}[${i}], value: ${JSON.stringify(item)}, type: ${typeName(item)}, valid types: structure`);
        return checkMembers(`${name}[${i}]`, item as Record<string, unknown>, flag.members ?? []);
      });
    }
    case 'strings': {
      if (!(words.length === 1 && text.trimStart().startsWith('['))) return words;
      const name = memberName(flag.name);
      const items = parseJson(flag.name, text);
      if (!Array.isArray(items)) throw validationError(`Invalid type for parameter ${name}, value: ${JSON.stringify(items)}, type: ${typeName(items)}, valid types: list`);
      return items.map((item, i) => {
        if (typeof item !== 'string') throw validationError(`Invalid type for parameter ${name}[${i}], value: ${JSON.stringify(item)}, type: ${typeName(item)}, valid types: string`);
        return item;
      });
    }
  }
}

function checkMembers(where: string, value: Record<string, unknown>, members: readonly MemberSpec[]): StructureValue {
  const out: StructureValue = {};
  for (const key of Object.keys(value)) {
    if (!members.some((m) => m.name === key)) {
      throw validationError(`Unknown parameter in ${where}: "${key}", must be one of: ${members.map((m) => m.name).join(', ')}`);
    }
  }
  for (const m of members) {
    const v = value[m.name];
    if (v === undefined) {
      if (m.required) throw validationError(`Missing required parameter in ${where}: "${m.name}"`);
      continue;
    }
    if (m.type === 'integer') {
      const n = typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw validationError(`Invalid type for parameter ${where}.${m.name}, value: ${JSON.stringify(v)}, type: ${typeName(v)}, valid types: integer`);
      out[m.name] = n;
    } else {
      if (typeof v !== 'string') throw validationError(`Invalid type for parameter ${where}.${m.name}, value: ${JSON.stringify(v)}, type: ${typeName(v)}, valid types: string`);
      out[m.name] = v;
    }
  }
  return out;
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw paramError(flag, `Invalid JSON: ${(error as Error).message}`);
  }
}

/** The CLI's shorthand: `Key=Value,Key2=Value2`; a value may be quoted to hold commas. */
function parseShorthand(flag: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    const comma = text.indexOf(',', i);
    if (eq === -1 || (comma !== -1 && comma < eq)) {
      throw paramError(flag, `Expected: '=', received: '${comma === -1 ? 'EOF' : ','}' for input: ${text}`);
    }
    const key = text.slice(i, eq).trim();
    if (!key) throw paramError(flag, `Expected a key before '=' for input: ${text}`);
    i = eq + 1;
    let value = '';
    const q = text[i];
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, i + 1);
      if (close === -1) throw paramError(flag, `Expected: '${q}', received: 'EOF' for input: ${text}`);
      value = text.slice(i + 1, close);
      i = close + 1;
      if (i < text.length && text[i] !== ',') throw paramError(flag, `Expected: ',', received: '${text[i]!}' for input: ${text}`);
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    }
    out[key] = value;
    if (text[i] === ',') i++;
  }
  return out;
}

/** `stream-mode-details` → `StreamModeDetails`, the API member a validation message names. */
function memberName(flag: string): string {
  return flag
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'object' ? 'structure' : typeof v;
}

/** Virtual epoch milliseconds from epoch seconds or an ISO 8601 UTC time (no wall clock involved). */
export function parseTimestamp(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]00:?00)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + Math.round(Number(`0.${frac}`) * 1000);
}
