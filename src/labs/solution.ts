import { extname } from 'node:path';
import { parseCommand } from '../sim/commands/dispatch.js';
import { unitValue } from './expr/lexer.js';
import type { Lab, SettingValue, SolutionLanguage, SolveKind } from './model.js';
import { coerceSetting } from './settings.js';
import { YamlBlock } from './yaml-block.js';

// A learner's answer to a lab, in the form its solve type takes: setting values (YAML), console
// commands (one `aws …` per line, optionally `at 30s:` first) or a code module. The same parsing
// reads a lab's own starter and reference blocks and a --solution file, so a file that works in
// the app works on the command line.

export interface CommandLine {
  /** Line in its file. */
  line: number;
  /** Virtual time to run at; null: before any traffic starts. */
  atMs: number | null;
  command: string;
}

export type Solution =
  | { kind: 'settings'; values: Map<string, SettingValue> }
  | { kind: 'commands'; lines: CommandLine[] }
  | { kind: 'code'; language: 'ts' | 'js'; source: string; file: string };

export interface SolutionProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type SolutionResult = { ok: true; solution: Solution } | { ok: false; problems: SolutionProblem[] };

const LANGUAGE_OF_KIND: Record<SolveKind, SolutionLanguage[]> = { settings: ['yaml'], commands: ['sh'], code: ['ts', 'js'] };

export function languagesFor(kind: SolveKind): SolutionLanguage[] {
  return LANGUAGE_OF_KIND[kind];
}

/** The solve type a file's extension means: .yaml/.yml settings, .sh/.txt commands, .ts/.js code. */
export function languageOfFile(path: string): SolutionLanguage | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.sh' || ext === '.txt') return 'sh';
  if (ext === '.ts' || ext === '.mts') return 'ts';
  if (ext === '.js' || ext === '.mjs') return 'js';
  return null;
}

export function kindOfLanguage(language: SolutionLanguage): SolveKind {
  return language === 'yaml' ? 'settings' : language === 'sh' ? 'commands' : 'code';
}

/**
 * Reads a solution for `lab`. `firstLine` is the file line of the text's first line (a block
 * inside the lab file starts after its fence; a --solution file at 1).
 */
export function parseSolution(
  lab: Pick<Lab, 'solve' | 'settings'>,
  language: SolutionLanguage,
  text: string,
  file: string,
  firstLine = 1,
  /** Settings the lab declares but that have their own problem: their values are not checked. */
  ignored: readonly string[] = [],
): SolutionResult {
  const kind = kindOfLanguage(language);
  if (kind !== lab.solve) {
    const want = LANGUAGE_OF_KIND[lab.solve].map((l) => `.${l === 'yaml' ? 'yaml' : l}`).join(' or ');
    return { ok: false, problems: [{ file, line: firstLine, column: 1, message: `this lab is solved with ${lab.solve} (a ${want} file); this is ${kind}` }] };
  }
  if (kind === 'settings') return parseSettingValues(lab, text, file, firstLine, ignored);
  if (kind === 'commands') return parseCommandLines(text, file, firstLine);
  return { ok: true, solution: { kind: 'code', language: language as 'ts' | 'js', source: text, file } };
}

function parseSettingValues(lab: Pick<Lab, 'settings'>, text: string, file: string, firstLine: number, ignored: readonly string[]): SolutionResult {
  const parsed = YamlBlock.parse(text, firstLine);
  if (!parsed.ok) return { ok: false, problems: [{ file, ...parsed.position, message: `not valid YAML: ${parsed.message}` }] };
  const block = parsed.block;
  const value = block.value;
  const values = new Map<string, SettingValue>();
  if (value === null || value === undefined) return { ok: true, solution: { kind: 'settings', values } };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ file, ...block.position([]), message: 'settings are a mapping: `name: value`, one per line' }] };
  }
  const problems: SolutionProblem[] = [];
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const def = lab.settings.find((s) => s.name === name);
    if (!def && ignored.includes(name)) continue;
    if (!def) {
      const known = lab.settings.map((s) => s.name).join(', ');
      problems.push({ file, ...block.keyPosition([], name), message: `unknown setting "${name}" (this lab has: ${known || 'none'})` });
      continue;
    }
    const coerced = coerceSetting(def, raw);
    if (!coerced.ok) problems.push({ file, ...block.position([name]), message: `${name} ${coerced.message}` });
    else values.set(name, coerced.value);
  }
  return problems.length ? { ok: false, problems } : { ok: true, solution: { kind: 'settings', values } };
}

const AT = /^at\s+([^:\s]+)\s*:\s*(.*)$/;

/** Console lines: `#` comments and blank lines are skipped, a trailing `\` continues a line. */
export function parseCommandLines(text: string, file: string, firstLine = 1): SolutionResult {
  const lines: CommandLine[] = [];
  const problems: SolutionProblem[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let joined = raw[i]!.replace(/\r$/, '');
    while (/\\\s*$/.test(joined) && i + 1 < raw.length) joined = `${joined.replace(/\s*\\\s*$/, '')} ${raw[++i]!.trim()}`;
    const trimmed = joined.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const line = firstLine + start;
    const m = AT.exec(trimmed);
    if (/^at\b/.test(trimmed) && !m) {
      problems.push({ file, line, column: 1, message: 'write a timed command as `at 30s: aws kinesis …`' });
      continue;
    }
    if (!m) {
      lines.push({ line, atMs: null, command: trimmed });
      continue;
    }
    const time = /^(\d+(?:\.\d+)?)([A-Za-z]+)$/.exec(m[1]!);
    const q = time ? unitValue(time[1]!, time[2]!) : null;
    if (!q || q.dimension !== 'ms') {
      problems.push({ file, line, column: joined.indexOf(m[1]!) + 1, message: `"${m[1]}" is not a time: write it with a unit, e.g. at 30s: or at 1min:` });
      continue;
    }
    if (m[2]!.trim() === '') {
      problems.push({ file, line, column: 1, message: 'nothing to run after the time' });
      continue;
    }
    lines.push({ line, atMs: q.value, command: m[2]!.trim() });
  }
  return problems.length ? { ok: false, problems } : { ok: true, solution: { kind: 'commands', lines } };
}

/** Command lines the AWS CLI would refuse before sending anything (for the linter; a run records them). */
export function commandUsageProblems(lines: readonly CommandLine[], file: string): SolutionProblem[] {
  const problems: SolutionProblem[] = [];
  for (const l of lines) {
    const parsed = parseCommand(l.command);
    if (parsed.kind === 'usage-error') problems.push({ file, line: l.line, column: 1, message: `command does not parse: ${parsed.error}` });
    else if (parsed.kind === 'help') problems.push({ file, line: l.line, column: 1, message: '"help" only prints help; a solution runs commands' });
  }
  return problems;
}
