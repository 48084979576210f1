import { relative } from 'node:path';
import { renderSummary } from '../../sim/report.js';
import { formatProblem, loadScenarioFile } from '../../sim/scenario/load.js';
import { runScenario } from '../../sim/scenario/run.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { printJson } from '../serialize.js';

/**
 * `shardlab sim FILE`: runs a scenario and prints its metrics document (--json) or the human
 * summary. A file that does not load prints one `file:line:col error …` line per problem on
 * stderr and exits 2; warnings go to stderr and the run goes on. The global --seed replaces the
 * file's seed.
 */
export function simCommand(ctx: Context, file: string, opts: { json?: boolean; trace?: boolean }): number {
  const shown = relative(process.cwd(), file);
  const loaded = loadScenarioFile(file, shown && !shown.startsWith('..') ? shown : file);
  if (!loaded.ok) {
    for (const p of loaded.problems) process.stderr.write(`${formatProblem(p)}\n`);
    return EXIT.usage;
  }
  for (const w of loaded.warnings) process.stderr.write(`${formatProblem(w)}\n`);
  const spec = ctx.options.seed === undefined ? loaded.spec : { ...loaded.spec, seed: ctx.options.seed };
  const doc = runScenario(spec, { trace: opts.trace ?? false });
  if (opts.json) {
    printJson(doc);
    return EXIT.ok;
  }
  process.stdout.write(renderSummary(doc));
  if (doc.trace) {
    process.stdout.write(`\nTrace (${doc.trace.length} events: virtual ms, label)\n`);
    for (const t of doc.trace) process.stdout.write(`${String(t.time).padStart(10)}  ${t.label}\n`);
  }
  return EXIT.ok;
}
