import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatDiagnostic } from '../../content/diagnostics.js';
import { loadContent, loadFiles } from '../../content/loader.js';
import type { ContentIndex, Diagnostic } from '../../content/model.js';
import { contentStats, fileStats } from '../../content/stats.js';
import { lintProfiles } from '../../exam/lint.js';
import { listLabFiles } from '../../labs/load.js';
import { profileFiles } from './exam-port.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../serialize.js';

/** Lab files in the labs folder, as the lab loader finds them (docs/labs.md). */
export function countLabs(labsDir: string): number {
  return listLabFiles(labsDir).length;
}

export function statsCommand(ctx: Context, opts: { json?: boolean }): number {
  const index = ctx.index();
  const stats = contentStats(index, countLabs(ctx.labsDir));
  const perFile = fileStats(index);
  if (opts.json) {
    printJson({ ...stats, perFile });
    return EXIT.ok;
  }
  const rows: [string, number][] = [
    ['files', stats.files],
    ['topics', stats.topics],
    ['cards', stats.cards],
    ['facts', stats.facts],
    ['questions', stats.questions],
    ['comparison tables', stats.comparisons],
    ['numeric mentions', stats.mentions],
    ['labs', stats.labs],
    ['errors', stats.errors],
    ['warnings', stats.warnings],
  ];
  process.stdout.write(`${ctx.contentDir}\n`);
  for (const [name, n] of rows) process.stdout.write(`  ${name.padEnd(18)} ${String(n).padStart(6)}\n`);
  const columns = ['topics', 'cards', 'facts', 'questions', 'mentions', 'errors', 'warnings'] as const;
  const width = Math.max(4, ...perFile.map((f) => f.file.length));
  process.stdout.write(`\n  ${'file'.padEnd(width)} ${columns.map((c) => c.padStart(9)).join('')}\n`);
  for (const f of perFile) process.stdout.write(`  ${f.file.padEnd(width)} ${columns.map((c) => String(f[c]).padStart(9)).join('')}\n`);
  return EXIT.ok;
}

export function lintCommand(ctx: Context, paths: string[], opts: { json?: boolean }): number {
  const indexes: { index: ContentIndex; base: string; exams?: boolean }[] = [];
  if (paths.length === 0) indexes.push({ index: ctx.index(), base: ctx.contentDir, exams: true });
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (isDir) indexes.push({ index: loadContent(p), base: resolve(p), exams: true });
    else files.push(p);
  }
  if (files.length) indexes.push({ index: loadFiles(files), base: process.cwd() });

  // Paths as a compiler prints them: relative to where the command was run, so editors can jump.
  const diagnostics: Diagnostic[] = indexes.flatMap(({ index, base, exams }) => [
    ...index.diagnostics.map((d) => ({ ...d, file: relative(process.cwd(), resolve(base, d.file)) || d.file })),
    // A notes folder's exam profiles (exams/*.yaml) are checked against its notes.
    ...(exams ? lintProfiles(profileFiles(base), index) : []),
  ]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (opts.json) {
    printJson({ diagnostics });
  } else {
    for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const fileCount = indexes.reduce((n, i) => n + i.index.files.length, 0);
    process.stdout.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}\n`);
  }
  return errors > 0 ? EXIT.finding : EXIT.ok;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
