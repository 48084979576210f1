import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { compareDiagnostics, formatDiagnostic } from '../../content/diagnostics.js';
import type { Diagnostic } from '../../content/model.js';
import { flattenTopics } from '../../content/stats.js';
import {
  findLab,
  languageOfFile,
  loadLabPaths,
  loadLabs,
  runLabText,
  verifyLab,
  type CodeRunner,
  type Lab,
  type LabRunResult,
  type LabsIndex,
  type LabVerification,
  type SolutionProblem,
} from '../../labs/index.js';
import { labResultEntry } from '../../labs/results.js';
import type { Context } from '../context.js';
import { recordLabResult } from './lab-port.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../serialize.js';

// `shardlab lab list|show|run|verify|lint` (DESIGN §3, docs/labs.md). Labs live in the --labs
// folder (default: the shipped labs/). Code labs need a CodeRunner (the sandboxed worker); where
// none is given they cannot be run, and verify reports them as skipped.

export interface LabCommandDeps {
  ctx: () => Context;
  result: { code: number };
  /** Runs learner code for code labs; absent until the sandbox is wired in. */
  codeRunner?: CodeRunner;
}

export function addLabCommands(program: Command, deps: LabCommandDeps, json: () => Option): void {
  const lab = program.command('lab').description('hands-on labs scored on the engine: list, show, run, verify, lint');
  lab
    .command('list')
    .description('list the labs: id, title, services, difficulty, minutes, points and how each is solved')
    .addOption(json())
    .action((opts: { json?: boolean }) => {
      deps.result.code = listCommand(deps.ctx(), opts);
    });
  lab
    .command('show')
    .description('print a lab: its story, task, settings or starter (never the reference solution)')
    .argument('<id>', 'the lab id (shardlab lab list)')
    .option('--hints', 'also print the hints')
    .addOption(json())
    .action((id: string, opts: { json?: boolean; hints?: boolean }) => {
      deps.result.code = showCommand(deps.ctx(), id, opts);
    });
  lab
    .command('run')
    .description('run a lab with your solution and score it: settings (.yaml), console commands (.sh, .txt) or code (.ts, .js)')
    .argument('<id>', 'the lab id')
    .requiredOption('--solution <file>', 'your solution file')
    .option('--no-record', 'do not add this run to the lab results in the data dir')
    .addOption(json())
    .action(async (id: string, opts: { solution: string; json?: boolean; record: boolean }) => {
      deps.result.code = await runCommand(deps, id, opts);
    });
  lab
    .command('verify')
    .description("run every lab's reference solution (must score full marks) and starter (must not pass)")
    .argument('[ids...]', 'only these labs')
    .addOption(json())
    .action(async (ids: string[], opts: { json?: boolean }) => {
      deps.result.code = await verifyCommand(deps, ids, opts);
    });
  lab
    .command('lint')
    .description('check lab files and report problems as file:line:column severity code message')
    .argument('[paths...]', 'lab files or folders (default: the --labs folder)')
    .option('--no-run', 'skip the checks that run each lab (metric names, full marks, a failing starter)')
    .addOption(json())
    .action(async (paths: string[], opts: { json?: boolean; run: boolean }) => {
      deps.result.code = await lintCommand(deps, paths, opts);
    });
  for (const cmd of [lab, ...lab.commands]) cmd.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
}

/** Topic ids of the notes for L020, or undefined when the notes cannot be read. */
function topicIds(ctx: Context): Set<string> | undefined {
  try {
    return new Set(flattenTopics(ctx.index().topics).map((t) => t.id));
  } catch {
    return undefined;
  }
}

/** A path as a compiler prints it: relative to where the command runs. */
function shown(base: string, file: string): string {
  const abs = resolve(base, file);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}

function loadIndex(ctx: Context): LabsIndex {
  return loadLabs(ctx.labsDir);
}

/** The lab, or a UsageError that says what is there. */
function requireLab(ctx: Context, index: LabsIndex, id: string): Lab {
  const lab = findLab(index, id);
  if (lab) return lab;
  const file = index.files.find((f) => f.file.replace(/\.md$/i, '') === id);
  if (file) throw new UsageError(`lab "${id}" has errors (${file.diagnostics.filter((d) => d.severity === 'error').length}); see: shardlab lab lint ${shown(ctx.labsDir, file.file)}`);
  const ids = index.labs.map((l) => l.id);
  throw new UsageError(`no lab "${id}" in ${ctx.labsDir}${ids.length ? ` (labs: ${ids.join(', ')})` : ' (the folder has no labs)'}`);
}

function warnBroken(ctx: Context, index: LabsIndex): void {
  for (const f of index.files) {
    if (f.lab) continue;
    const errors = f.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`shardlab: ${shown(ctx.labsDir, f.file)}: ${errors} error${errors === 1 ? '' : 's'}, not listed (see: shardlab lab lint)\n`);
  }
}

// --- list ------------------------------------------------------------------------------------

function listCommand(ctx: Context, opts: { json?: boolean }): number {
  const index = loadIndex(ctx);
  warnBroken(ctx, index);
  const rows = index.labs.map((l) => ({ id: l.id, title: l.title, services: l.services, difficulty: l.difficulty, points: l.points, minutes: l.minutes, solve: l.solve }));
  if (opts.json) {
    printJson(rows);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    process.stdout.write(`No labs in ${ctx.labsDir}.\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
  process.stdout.write(`${'ID'.padEnd(idWidth)}  ${'LEVEL'.padEnd(12)} ${'MIN'.padStart(3)} ${'PTS'.padStart(4)}  ${'SOLVE'.padEnd(8)}  TITLE\n`);
  for (const r of rows) {
    process.stdout.write(`${r.id.padEnd(idWidth)}  ${r.difficulty.padEnd(12)} ${String(r.minutes).padStart(3)} ${String(r.points).padStart(4)}  ${r.solve.padEnd(8)}  ${r.title} (${r.services.join(', ')})\n`);
  }
  return EXIT.ok;
}

// --- show ------------------------------------------------------------------------------------

function showCommand(ctx: Context, id: string, opts: { json?: boolean; hints?: boolean }): number {
  const lab = requireLab(ctx, loadIndex(ctx), id);
  const settings = lab.settings.map((s) => ({
    name: s.name,
    type: s.type,
    label: s.label,
    ...(s.help !== undefined ? { help: s.help } : {}),
    ...(s.min !== undefined ? { min: s.min } : {}),
    ...(s.max !== undefined ? { max: s.max } : {}),
    ...(s.options !== undefined ? { options: s.options } : {}),
    default: s.default,
  }));
  if (opts.json) {
    printJson({
      id: lab.id,
      title: lab.title,
      services: lab.services,
      difficulty: lab.difficulty,
      minutes: lab.minutes,
      points: lab.points,
      solve: lab.solve,
      topics: lab.topics,
      story: lab.story.markdown,
      task: lab.task.markdown,
      hints: lab.hints.map((h) => h.text),
      settings,
      starter: { language: lab.starter.language, text: lab.starter.text },
      checks: lab.checks.map((c) => ({ id: c.id, points: c.points })),
    });
    return EXIT.ok;
  }
  const out: string[] = [lab.title, `${lab.id} · ${lab.difficulty} · ${lab.minutes} min · ${lab.points} points · solved with ${lab.solve} · ${lab.services.join(', ')}`, ''];
  out.push('Story', indent(lab.story.markdown), '', 'Task', indent(lab.task.markdown), '');
  if (settings.length) {
    out.push('Settings');
    for (const s of lab.settings) {
      const range = s.options ? s.options.join(' | ') : s.min !== undefined || s.max !== undefined ? `${s.min ?? ''}..${s.max ?? ''}` : '';
      out.push(`  ${s.name} (${s.type}${range ? ` ${range}` : ''}, default ${String(s.default)}): ${s.label}${s.help ? `. ${s.help}` : ''}`);
    }
    out.push('');
  }
  out.push(`Starter (${lab.starter.language})`, indent(lab.starter.text), '');
  if (opts.hints) {
    out.push('Hints');
    lab.hints.forEach((h, i) => out.push(`  ${i + 1}. ${h.text.replace(/\n/g, '\n     ')}`));
    out.push('');
  } else if (lab.hints.length) out.push(`${lab.hints.length} hint${lab.hints.length === 1 ? '' : 's'}: shardlab lab show ${lab.id} --hints`, '');
  out.push(`Checks: ${lab.checks.map((c) => `${c.id} (${c.points})`).join(', ')}`);
  if (lab.topics.length) out.push(`Read: ${lab.topics.join(', ')}`);
  out.push(`Run: shardlab lab run ${lab.id} --solution FILE`);
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `  ${l}` : ''))
    .join('\n');
}

// --- run -------------------------------------------------------------------------------------

async function runCommand(deps: LabCommandDeps, id: string, opts: { solution: string; json?: boolean; record?: boolean }): Promise<number> {
  const ctx = deps.ctx();
  const lab = requireLab(ctx, loadIndex(ctx), id);
  const language = languageOfFile(opts.solution);
  if (!language) throw new UsageError(`${opts.solution}: a solution is settings (.yaml, .yml), console commands (.sh, .txt) or code (.ts, .js)`);
  let text: string;
  try {
    if (statSync(opts.solution).isDirectory()) throw new UsageError(`${opts.solution} is a folder, not a solution file`);
    text = readFileSync(opts.solution, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${opts.solution}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const file = shown(process.cwd(), opts.solution);
  const outcome = await runLabText(lab, language, text, file, { ...(deps.codeRunner ? { codeRunner: deps.codeRunner } : {}), ...(ctx.options.seed !== undefined ? { seed: ctx.options.seed } : {}) });
  if (!outcome.ok) {
    for (const p of outcome.problems) process.stderr.write(`${problemLine(ctx, lab, p)}\n`);
    return EXIT.usage;
  }
  const r = outcome.result;
  if (r.error?.reason === 'no-runner') throw new UsageError(`lab "${lab.id}" is a code lab, and this build has no code runner (the sandbox) to run ${file}`);
  // A run that scored is the learner's work: it counts toward their best score like one in the app.
  if (opts.record !== false) recordLabResult(ctx.dataDir, labResultEntry(r, lab.solve, 'cli', Date.now()), (m) => process.stderr.write(`${m}\n`));
  if (opts.json) printJson(r);
  else process.stdout.write(renderResult(lab, r));
  return r.passed ? EXIT.ok : EXIT.finding;
}

/** A problem in the solution file is at its own path; one in the lab file at the lab's. */
function problemLine(ctx: Context, lab: Lab, p: SolutionProblem): string {
  const where = p.file === lab.file ? shown(ctx.labsDir, p.file) : p.file;
  return `${where}:${p.line}:${p.column} error ${p.message}`;
}

function renderResult(lab: Lab, r: LabRunResult): string {
  const out: string[] = [`${lab.title} (${lab.id}): ${fmt(r.score)}/${r.maxScore} points, ${r.passed ? 'passed' : 'not passed'}`];
  if (r.error) {
    const where = r.error.line !== undefined ? `${r.error.file}:${r.error.line}${r.error.column !== undefined ? `:${r.error.column}` : ''}: ` : `${r.error.file}: `;
    out.push(`  Your code did not run (${r.error.reason}): ${where}${r.error.message}`);
  }
  const width = Math.max(...r.checks.map((c) => c.id.length));
  for (const c of r.checks) {
    const pts = `${fmt(c.points)}/${c.maxPoints}`.padStart(7);
    out.push(`  ${c.passed ? '✓' : '✗'} ${c.id.padEnd(width)} ${pts}  ${c.detail}`);
  }
  const commands = (r.metrics?.commands ?? []) as { line: number; atMs: number | null; command: string; ok: boolean; error?: string }[];
  if (commands.length) {
    out.push('', 'Console');
    for (const c of commands) {
      const at = c.atMs === null ? '—' : `${fmt(c.atMs / 1000)}s`;
      out.push(`  line ${c.line} at ${at}: ${c.command}`);
      out.push(`    ${c.ok ? 'ok' : c.error ?? 'failed'}`);
    }
  }
  if (!r.passed && lab.topics.length) out.push('', `Read: ${lab.topics.join(', ')} (shardlab topics)`);
  return `${out.join('\n')}\n`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

// --- verify ----------------------------------------------------------------------------------

async function verifyCommand(deps: LabCommandDeps, ids: string[], opts: { json?: boolean }): Promise<number> {
  const ctx = deps.ctx();
  const index = loadIndex(ctx);
  for (const id of ids) requireLabOrBroken(ctx, index, id);
  const wanted = (id: string) => ids.length === 0 || ids.includes(id);
  const entries: LabVerification[] = [];
  // Files that do not load are failures too, with their errors.
  for (const f of index.files) {
    const id = f.lab?.id ?? f.file.replace(/\.md$/i, '');
    if (!wanted(id)) continue;
    if (!f.lab) {
      entries.push({ id, file: f.file, ok: false, reference: null, starter: null, problems: f.diagnostics.filter((d) => d.severity === 'error') });
      continue;
    }
    entries.push(await verifyLab(f.lab, deps.codeRunner ? { codeRunner: deps.codeRunner } : {}));
  }
  const json = entries.map((e) => ({ ...e, file: shown(ctx.labsDir, e.file), problems: e.problems.map((d) => ({ ...d, file: shown(ctx.labsDir, d.file) })) }));
  if (opts.json) printJson(json);
  else {
    if (entries.length === 0) process.stdout.write(`No labs in ${ctx.labsDir}.\n`);
    const width = Math.max(2, ...entries.map((e) => e.id.length));
    for (const e of json) {
      const score = (s: LabVerification['reference']) => (s ? `${fmt(s.score)}/${s.maxScore}` : '—');
      const status = e.skipped ? 'skipped' : e.ok ? 'ok' : 'FAILED';
      process.stdout.write(`${e.id.padEnd(width)}  ${status.padEnd(7)}  reference ${score(e.reference).padEnd(9)} starter ${score(e.starter)}${e.skipped ? `  (${e.skipped})` : ''}\n`);
      for (const d of e.problems) process.stdout.write(`  ${formatDiagnostic(d)}\n`);
    }
    const failed = entries.filter((e) => !e.ok).length;
    const skipped = entries.filter((e) => e.skipped).length;
    if (entries.length) process.stdout.write(`${entries.length} lab${entries.length === 1 ? '' : 's'}: ${entries.length - failed - skipped} ok, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
  return entries.some((e) => !e.ok) ? EXIT.finding : EXIT.ok;
}

function requireLabOrBroken(ctx: Context, index: LabsIndex, id: string): void {
  if (findLab(index, id) || index.files.some((f) => f.file.replace(/\.md$/i, '') === id)) return;
  requireLab(ctx, index, id);
}

// --- lint ------------------------------------------------------------------------------------

async function lintCommand(deps: LabCommandDeps, paths: string[], opts: { json?: boolean; run: boolean }): Promise<number> {
  const ctx = deps.ctx();
  const topics = topicIds(ctx);
  const options = topics ? { topicIds: topics } : {};
  const indexes: { index: LabsIndex; base: string }[] = [];
  if (paths.length === 0) indexes.push({ index: loadLabs(ctx.labsDir, options), base: ctx.labsDir });
  const files: { path: string; file: string }[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (isDir) indexes.push({ index: loadLabs(p, options), base: resolve(p) });
    else files.push({ path: p, file: p });
  }
  if (files.length) indexes.push({ index: loadLabPaths(files, options), base: process.cwd() });

  const diagnostics: Diagnostic[] = [];
  for (const { index, base } of indexes) {
    const found = [...index.diagnostics];
    if (opts.run) {
      for (const lab of index.labs) found.push(...(await verifyLab(lab, deps.codeRunner ? { codeRunner: deps.codeRunner } : {})).problems);
    }
    diagnostics.push(...found.map((d) => ({ ...d, file: shown(base, d.file) })));
  }
  diagnostics.sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (opts.json) printJson({ diagnostics });
  else {
    for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const count = indexes.reduce((n, i) => n + i.index.files.length, 0);
    process.stdout.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${count} lab file${count === 1 ? '' : 's'}\n`);
  }
  return errors > 0 ? EXIT.finding : EXIT.ok;
}
