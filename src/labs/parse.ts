import { basename, extname } from 'node:path';
import matter from 'gray-matter';
import type { Code, Heading, List, ListItem, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../content/markdown.js';
import type { Diagnostic } from '../content/model.js';
import { loadScenarioText } from '../sim/scenario/load.js';
import { labDiagnostic, type LabCode } from './diagnostics.js';
import { compileExpression, parseTemplate } from './expr/index.js';
import { HOOK_CONTRACTS, hookSpec, type HookSpec } from './hooks.js';
import { DIFFICULTIES, SOLVE_KINDS, type CheckDef, type Difficulty, type Lab, type LabExpression, type LabHint, type LabSection, type LabTemplate, type SettingDef, type SolutionLanguage, type SolutionSource, type SolveKind } from './model.js';
import { PLACEHOLDER, parseSettings, placeholders, snippetProblems, snippetSettingNames, substitute } from './settings.js';
import { commandUsageProblems, languagesFor, parseSolution } from './solution.js';
import { YamlBlock, type YamlPath } from './yaml-block.js';

// Reads one lab file (docs/labs.md): YAML front matter, the Story, Task and Hints sections, and
// fenced blocks named by their info string (```yaml scenario, ```yaml checks, ```sh solution…).
// Never throws: every problem is a diagnostic with the file line (and column where it helps), and
// the lab comes back only when there is no error. The deep checks that need a run (metric paths,
// full marks, a failing starter) are in lint.ts.

export interface LabParse {
  lab: Lab | null;
  diagnostics: Diagnostic[];
}

const FRONT_MATTER_KEYS = ['id', 'title', 'services', 'difficulty', 'minutes', 'points', 'topics', 'solve'] as const;
const REQUIRED_KEYS = ['title', 'services', 'difficulty', 'minutes', 'points', 'solve'] as const;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const CHECK_FIELDS = ['id', 'points', 'expect', 'partial', 'pass', 'fail'];

const BLOCK_NAMES = ['scenario', 'settings', 'checks', 'hook', 'starter', 'solution'] as const;
type BlockName = (typeof BLOCK_NAMES)[number];
const LANGUAGE_ALIASES: Record<string, SolutionLanguage> = {
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'sh',
  bash: 'sh',
  shell: 'sh',
  console: 'sh',
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
};
const SECTION_NAMES: Record<string, 'story' | 'task' | 'hints'> = { story: 'story', narrative: 'story', background: 'story', task: 'task', 'your task': 'task', hints: 'hints', hint: 'hints' };

interface Block {
  name: BlockName;
  language: SolutionLanguage;
  text: string;
  /** File line of the fence, and of the first content line. */
  fenceLine: number;
  firstLine: number;
  indent: number;
}

/** The id a file gets without an `id` key: its name without `.md`. */
export function labIdFromFile(file: string): string {
  return basename(file, extname(file));
}

export function parseLab(file: string, rawText: string, options: { topicIds?: ReadonlySet<string> } = {}): LabParse {
  const diagnostics: Diagnostic[] = [];
  try {
    const lab = parseLabUnsafe(file, rawText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), diagnostics, options);
    return { lab: diagnostics.some((d) => d.severity === 'error') ? null : lab, diagnostics };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push(labDiagnostic('L099', file, 1, `could not check this lab: ${message}`));
    return { lab: null, diagnostics };
  }
}

function parseLabUnsafe(file: string, text: string, out: Diagnostic[], options: { topicIds?: ReadonlySet<string> }): Lab | null {
  const report = (code: LabCode, line: number, message: string, column?: number) => out.push(labDiagnostic(code, file, line, message, column));

  // --- front matter ---
  if (!/^---[ \t]*\n/.test(text)) {
    report('L001', 1, 'a lab starts with front matter: ---, then id, title, services, difficulty, minutes, points, topics and solve, then ---');
    return null;
  }
  let split: { matter: string; content: string };
  try {
    const parsed = matter(text, { engines: { yaml: () => ({}) } });
    split = { matter: parsed.matter, content: parsed.content };
  } catch {
    report('L001', 1, 'the front matter is not closed with a --- line');
    return null;
  }
  const matterText = split.matter.replace(/^\n/, '');
  const fm = YamlBlock.parse(matterText, 2);
  if (!fm.ok) {
    report('L001', fm.position.line, `front matter is not valid YAML: ${fm.message}`, fm.position.column);
    return null;
  }
  const fmBlock = fm.block;
  const data = fmBlock.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report('L001', 2, 'front matter must be a mapping of keys to values');
    return null;
  }
  const front = data as Record<string, unknown>;
  const keyLine = (key: string) => fmBlock.keyPosition([], key).line;
  for (const key of Object.keys(front)) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) report('L002', keyLine(key), `unknown front-matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(', ')})`);
  }
  for (const key of REQUIRED_KEYS) {
    if (front[key] === undefined || front[key] === null) report('L003', 1, `front matter has no "${key}"`);
  }
  const wrong = (key: string, expected: string) => {
    const p = fmBlock.position([key]);
    report('L004', p.line, `front-matter "${key}" ${expected}; got ${JSON.stringify(front[key])}`, p.column);
  };
  const fileId = labIdFromFile(file);
  let id = fileId;
  if (front.id !== undefined) {
    if (typeof front.id !== 'string' || !ID.test(front.id)) wrong('id', 'must be lowercase letters, digits and dashes');
    else {
      id = front.id;
      if (id !== fileId) report('L025', keyLine('id'), `id "${id}" differs from the file name; name the file ${id}.md so labs/<id>.md finds it`);
    }
  } else if (!ID.test(fileId)) {
    report('L004', 1, `the file name "${fileId}" is not a lab id (lowercase letters, digits and dashes): rename the file or add an id`);
  }
  const title = typeof front.title === 'string' && front.title.trim() ? front.title.trim() : null;
  if (front.title !== undefined && front.title !== null && !title) wrong('title', 'must be text');
  const services = stringList(front.services);
  if (front.services !== undefined && front.services !== null && (!services || services.length === 0)) wrong('services', 'must be a list of services, e.g. [kinesis]');
  const difficulty = DIFFICULTIES.includes(front.difficulty as Difficulty) ? (front.difficulty as Difficulty) : null;
  if (front.difficulty !== undefined && front.difficulty !== null && !difficulty) wrong('difficulty', `must be one of ${DIFFICULTIES.join(', ')}`);
  const positiveInt = (key: 'minutes' | 'points') => {
    const v = front[key];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
    if (v !== undefined && v !== null) wrong(key, 'must be a whole number above 0');
    return null;
  };
  const minutes = positiveInt('minutes');
  const points = positiveInt('points');
  const topics = front.topics === undefined || front.topics === null ? [] : stringList(front.topics);
  if (!topics) wrong('topics', 'must be a list of topic ids from the notes');
  const solve = SOLVE_KINDS.includes(front.solve as SolveKind) ? (front.solve as SolveKind) : null;
  if (front.solve !== undefined && front.solve !== null && !solve) wrong('solve', `must be one of ${SOLVE_KINDS.join(', ')}`);
  if (topics && options.topicIds) {
    const topicsLine = keyLine('topics');
    for (const t of topics) if (!options.topicIds.has(t)) report('L020', topicsLine, `topic "${t}" is not in the notes (shardlab topics lists them)`);
  }

  // --- body: sections and blocks ---
  const offset = countLines(text.slice(0, text.length - split.content.length));
  const body = split.content;
  const lines = body.split('\n');
  const tree = parseMarkdown(body);
  const top = tree.children;
  const blocks: Block[] = [];
  const blockLines = new Set<number>();
  visitCode(top, (code) => {
    const name = (code.meta ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const language = LANGUAGE_ALIASES[(code.lang ?? '').toLowerCase()];
    const fenceLine = code.position!.start.line + offset;
    if (!language || !name) return;
    if (!(BLOCK_NAMES as readonly string[]).includes(name)) {
      report('L027', fenceLine, `\`\`\`${code.lang} ${name} is not a lab block (blocks: ${BLOCK_NAMES.join(', ')}); it is shown as an example`);
      return;
    }
    for (let l = code.position!.start.line; l <= code.position!.end.line; l++) blockLines.add(l);
    blocks.push({ name: name as BlockName, language, text: code.value, fenceLine, firstLine: fenceLine + 1, indent: code.position!.start.column - 1 });
  });
  const sections = readSections(top, lines, blockLines, offset);
  for (const [name, title2] of [
    ['story', 'Story'],
    ['task', 'Task'],
  ] as const) {
    const s = sections[name];
    if (!s) report('L005', 1, `no "## ${title2}" section${name === 'story' ? ' (the situation the learner is in)' : ' (what the learner must achieve)'}`);
    else if (!s.markdown.trim()) report('L005', s.line, `the ${title2} section is empty`);
  }
  const hints = sections.hints ? readHints(top, sections.hints, body, offset) : [];
  if (!sections.hints) report('L006', 1, 'no "## Hints" section: a list of hints, revealed one at a time');
  else if (hints.length === 0) report('L006', sections.hints.line, 'the Hints section holds no list: write each hint as a list item');

  const byName = new Map<BlockName, Block>();
  for (const b of blocks) {
    const first = byName.get(b.name);
    if (first) {
      report('L007', b.fenceLine, `a second ${b.name} block (the first is at line ${first.fenceLine}); a lab has one ${b.name}`);
      continue;
    }
    byName.set(b.name, b);
  }

  // --- settings ---
  let settings: SettingDef[] = [];
  /** Declared settings with a problem of their own (L011): their uses are not reported again. */
  let brokenSettings: string[] = [];
  const settingsBlock = byName.get('settings');
  if (settingsBlock) {
    const parsed = yamlOf(settingsBlock, report);
    if (parsed) {
      const r = parseSettings(parsed);
      settings = r.settings;
      brokenSettings = r.broken;
      for (const p of r.problems) report(p.code ?? 'L011', p.line, p.message, p.column);
    }
  } else if (solve === 'settings') {
    report('L007', 1, 'a settings lab needs a ```yaml settings block: the form the learner fills in');
  }

  // --- scenario ---
  const scenarioBlock = byName.get('scenario');
  if (!scenarioBlock) report('L007', 1, 'no ```yaml scenario block: the engine scenario the lab runs');
  else {
    const found = placeholders(scenarioBlock.text);
    const used = new Set<string>();
    let placeholderError = false;
    for (const p of found) {
      const line = scenarioBlock.firstLine + p.line;
      if (p.name === null) {
        // Other `${…}` are the engine's own templates (IoT topics, payloads, rule actions), which
        // the scenario loader checks; only a setting's name or a `settings…` form is a mistake here.
        if (!looksLikeSetting(p.inner, settings)) continue;
        report('L012', line, `"\${${p.inner}}" is not a placeholder: write \${settings.NAME}`, p.column + scenarioBlock.indent);
        placeholderError = true;
      } else if (brokenSettings.includes(p.name)) {
        placeholderError = true;
      } else if (!settings.some((s) => s.name === p.name)) {
        const declared = settings.map((s) => s.name).join(', ');
        report('L012', line, `the scenario uses \${settings.${p.name}} but no setting "${p.name}" is declared${declared ? ` (declared: ${declared})` : ' (add a ```yaml settings block)'}`, p.column + scenarioBlock.indent);
        placeholderError = true;
      } else used.add(p.name);
    }
    // A setting a used choice's snippet names is used too.
    for (const s of settings) if (used.has(s.name)) for (const snippet of Object.values(s.snippets ?? {})) for (const n of snippetSettingNames(snippet.text)) used.add(n);
    for (const s of settings) if (!used.has(s.name)) report('L013', s.line, `setting "${s.name}" is declared but the scenario never uses \${settings.${s.name}}`);
    if (!placeholderError) {
      const text = substitute(scenarioBlock.text, settings, new Map());
      const loaded = loadScenarioText(text, `${id}.yaml`);
      const problems = loaded.ok ? loaded.warnings : loaded.problems;
      for (const p of problems) {
        report(p.severity === 'error' ? 'L009' : 'L010', scenarioBlock.firstLine + p.line - 1, `scenario: ${p.message}`, p.column + scenarioBlock.indent);
      }
      // The defaults load above; every other snippet a choice can put in must load too.
      if (loaded.ok) {
        for (const o of snippetProblems(scenarioBlock.text, settings, id)) report('L028', o.line, o.message);
      }
    }
  }

  // --- checks ---
  const checks: CheckDef[] = [];
  let allChecksRead = false;
  const checksBlock = byName.get('checks');
  if (!checksBlock) report('L007', 1, 'no ```yaml checks block: the checks that score the lab');
  else {
    const parsed = yamlOf(checksBlock, report);
    if (parsed) {
      checks.push(...readChecks(parsed, report));
      allChecksRead = Array.isArray(parsed.value) && parsed.value.length === checks.length;
    }
  }
  // Only when every check was read: a broken check is its own finding, not a points mismatch.
  if (points !== null && allChecksRead && checks.length > 0) {
    const total = checks.reduce((a, c) => a + c.points, 0);
    if (total !== points) report('L019', keyLine('points'), `points is ${points} but the checks add up to ${total}`);
  }

  // --- hook (code labs) ---
  let hook: HookSpec | undefined;
  const hookBlock = byName.get('hook');
  if (hookBlock && solve && solve !== 'code') report('L023', hookBlock.fenceLine, `only code labs have a hook block (this lab is solved with ${solve})`);
  else if (hookBlock) {
    const parsed = yamlOf(hookBlock, report);
    if (parsed) {
      const r = hookSpec.safeParse(parsed.value);
      if (r.success) hook = r.data;
      else {
        for (const issue of r.error.issues.slice(0, 5)) {
          const path = issue.path as (string | number)[];
          const p = parsed.position(path);
          const where = path.length ? `${path.join('.')}: ` : '';
          report('L023', p.line, `hook: ${where}${issue.message}${path.length === 0 || path[0] === 'kind' ? ` (kinds: ${Object.keys(HOOK_CONTRACTS).join(', ')})` : ''}`, p.column);
        }
      }
    }
  } else if (solve === 'code') {
    report('L023', 1, `a code lab needs a \`\`\`yaml hook block naming the kind of code (${Object.keys(HOOK_CONTRACTS).join(', ')})`);
  }

  // --- starter and reference solution ---
  const sources: Partial<Record<'starter' | 'solution', SolutionSource>> = {};
  if (solve) {
    const languages = languagesFor(solve);
    for (const which of ['starter', 'solution'] as const) {
      const b = byName.get(which);
      const fence = `\`\`\`${languages.join(' or ```')} ${which}`;
      if (!b) {
        report('L017', 1, `no ${which} for this ${solve} lab: add a ${fence} block`);
        continue;
      }
      if (!languages.includes(b.language)) {
        report('L017', b.fenceLine, `a ${solve} lab's ${which} is a ${fence} block, not ${b.language}`);
        continue;
      }
      sources[which] = { language: b.language, text: b.text, line: b.firstLine };
      const applied = parseSolution({ solve, settings }, b.language, b.text, file, b.firstLine, brokenSettings);
      if (!applied.ok) {
        for (const p of applied.problems) report('L018', p.line, `${which}: ${p.message}`, p.column);
      } else if (applied.solution.kind === 'commands') {
        for (const p of commandUsageProblems(applied.solution.lines, file)) report('L018', p.line, `${which}: ${p.message}`);
      } else if (applied.solution.kind === 'code' && hook) {
        const name = HOOK_CONTRACTS[hook.kind].exportName;
        if (!new RegExp(`export\\s+(async\\s+)?(function\\s*\\*?\\s*|const\\s+|let\\s+|var\\s+)${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`).test(b.text)) {
          report('L018', b.firstLine, `${which}: a ${hook.kind} module exports ${name} (${HOOK_CONTRACTS[hook.kind].signature})`);
        }
      }
    }
  }

  if (!title || !services || !difficulty || !minutes || !points || !solve || !topics) return null;
  if (!sections.story || !sections.task || !scenarioBlock || !sources.starter || !sources.solution) return null;
  const lab: Lab = {
    id,
    title,
    file,
    services,
    difficulty,
    minutes,
    points,
    topics,
    solve,
    story: sections.story,
    task: sections.task,
    hints,
    scenario: { text: scenarioBlock.text, line: scenarioBlock.firstLine },
    settings,
    checks,
    starter: sources.starter,
    solution: sources.solution,
  };
  if (hook) lab.hook = hook;
  return lab;
}

function stringList(v: unknown): string[] | null {
  if (typeof v === 'string' && v.trim()) return [v.trim()];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim())) return v.map((x) => (x as string).trim());
  return null;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function visitCode(nodes: readonly RootContent[], visit: (code: Code) => void): void {
  for (const node of nodes) {
    if (node.type === 'code') visit(node);
    else if ('children' in node && Array.isArray(node.children)) visitCode(node.children as RootContent[], visit);
  }
}

function yamlOf(b: Block, report: (code: LabCode, line: number, message: string, column?: number) => void): YamlBlock | null {
  const parsed = YamlBlock.parse(b.text, b.firstLine, b.indent);
  if (!parsed.ok) {
    report('L008', parsed.position.line, `${b.name} block is not valid YAML: ${parsed.message}`, parsed.position.column);
    return null;
  }
  return parsed.block;
}

/** Each known heading's text up to the next heading of the same or a higher level, lab blocks left out. */
function readSections(top: readonly RootContent[], lines: readonly string[], skip: ReadonlySet<number>, offset: number): Partial<Record<'story' | 'task' | 'hints', LabSection>> {
  const out: Partial<Record<'story' | 'task' | 'hints', LabSection>> = {};
  top.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const key = SECTION_NAMES[toString(node).trim().toLowerCase()];
    if (!key || out[key]) return;
    const depth = (node as Heading).depth;
    const next = top.slice(i + 1).find((n) => n.type === 'heading' && (n as Heading).depth <= depth);
    const startLine = node.position!.end.line + 1;
    const endLine = next ? next.position!.start.line - 1 : lines.length;
    const kept: string[] = [];
    for (let l = startLine; l <= endLine; l++) if (!skip.has(l)) kept.push(lines[l - 1] ?? '');
    out[key] = { markdown: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim(), line: node.position!.start.line + offset };
  });
  return out;
}

function readHints(top: readonly RootContent[], section: LabSection, body: string, offset: number): LabHint[] {
  const heading = top.find((n) => n.type === 'heading' && n.position!.start.line + offset === section.line);
  if (!heading) return [];
  const after = top.slice(top.indexOf(heading) + 1);
  const hints: LabHint[] = [];
  for (const node of after) {
    if (node.type === 'heading' && (node as Heading).depth <= (heading as Heading).depth) break;
    if (node.type !== 'list') continue;
    for (const item of (node as List).children as ListItem[]) {
      const first = item.children[0];
      if (!first?.position || !item.position) continue;
      const raw = body.slice(first.position.start.offset, item.position.end.offset);
      const text = raw
        .split('\n')
        .map((l, i) => (i === 0 ? l : l.replace(/^\s{1,4}/, '')))
        .join('\n')
        .trim();
      if (text) hints.push({ text, line: item.position.start.line + offset });
    }
  }
  return hints;
}

function readChecks(block: YamlBlock, report: (code: LabCode, line: number, message: string, column?: number) => void): CheckDef[] {
  const value = block.value;
  const checks: CheckDef[] = [];
  if (!Array.isArray(value)) {
    const p = block.position([]);
    report('L008', p.line, 'checks block is a list of checks: - {id, points, expect, pass, fail}', p.column);
    return checks;
  }
  const ids = new Map<string, number>();
  value.forEach((raw, i) => {
    const at = (path: YamlPath) => block.position([i, ...path]);
    const line = at([]).line;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      report('L014', line, `check ${i + 1} is not a mapping of id, points, expect, pass and fail`);
      return;
    }
    const c = raw as Record<string, unknown>;
    let ok = true;
    const fail = (path: string | null, message: string) => {
      const p = path === null ? at([]) : at([path]);
      report('L014', p.line, message, path === null ? undefined : p.column);
      ok = false;
    };
    for (const key of Object.keys(c)) {
      if (!CHECK_FIELDS.includes(key)) {
        const p = block.keyPosition([i], key);
        report('L014', p.line, `check ${i + 1}: unknown field "${key}" (fields: ${CHECK_FIELDS.join(', ')})`, p.column);
        ok = false;
      }
    }
    const id = typeof c.id === 'string' && ID.test(c.id) ? c.id : null;
    if (c.id === undefined) fail(null, `check ${i + 1} has no id`);
    else if (!id) fail('id', `check ${i + 1}: id must be lowercase letters, digits and dashes; got ${JSON.stringify(c.id)}`);
    else if (ids.has(id)) fail('id', `check id "${id}" is already used at line ${ids.get(id)}`);
    else ids.set(id, line);
    const name = id ?? `${i + 1}`;
    const points = c.points;
    if (points === undefined) fail(null, `check ${name} has no points`);
    else if (typeof points !== 'number' || !Number.isInteger(points) || points <= 0) fail('points', `check ${name}: points must be a whole number above 0; got ${JSON.stringify(points)}`);
    for (const field of ['expect', 'pass', 'fail'] as const) {
      if (c[field] === undefined || c[field] === null || c[field] === '') fail(null, `check ${name} has no ${field}`);
    }
    const expression = (field: 'expect' | 'partial'): LabExpression | undefined => {
      const v = c[field];
      if (v === undefined || v === null) return undefined;
      const source = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      const start = block.scalarTextStart([i, field]);
      if (source === null) {
        fail(field, `check ${name}: ${field} must be an expression (text)`);
        return undefined;
      }
      const compiled = compileExpression(source);
      if (!compiled.ok) {
        const column = start.exact ? start.position.column + compiled.error.column - 1 : start.position.column;
        report('L015', start.position.line, `check ${name}: ${field} does not parse: ${compiled.error.message} (at column ${compiled.error.column} of "${source.trim()}")`, column);
        ok = false;
        return undefined;
      }
      return { source, expr: compiled.expr, line: start.position.line, column: start.position.column, exact: start.exact };
    };
    const template = (field: 'pass' | 'fail'): LabTemplate | undefined => {
      const v = c[field];
      if (v === undefined || v === null || v === '') return undefined;
      if (typeof v !== 'string') {
        fail(field, `check ${name}: ${field} must be text`);
        return undefined;
      }
      const start = block.scalarTextStart([i, field]);
      const parsed = parseTemplate(v);
      if (!parsed.ok) {
        const column = start.exact ? start.position.column + parsed.error.offset : start.position.column;
        report('L015', start.position.line, `check ${name}: ${field} text: ${parsed.error.message}`, column);
        ok = false;
        return undefined;
      }
      return { source: v, parts: parsed.parts, line: start.position.line, column: start.position.column, exact: start.exact };
    };
    const expect = expression('expect');
    const partial = expression('partial');
    const pass = template('pass');
    const failText = template('fail');
    if (!ok || !id || !expect || !pass || !failText || typeof points !== 'number') return;
    const check: CheckDef = { id, points, expect, pass, fail: failText, line };
    if (partial) check.partial = partial;
    checks.push(check);
  });
  return checks;
}

/** Placeholders left in a text after substitution (for messages). */
export function hasPlaceholders(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** A `${…}` meant as a setting: `${settings…}` in a wrong form, or a declared setting's bare name. */
function looksLikeSetting(inner: string, settings: readonly SettingDef[]): boolean {
  return /^settings?\b/i.test(inner) || settings.some((s) => s.name === inner);
}
