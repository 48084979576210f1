import type { Diagnostic } from '../content/model.js';
import { labDiagnostic } from './diagnostics.js';
import { checkPaths, evaluate, templateExpressions } from './expr/index.js';
import type { CodeRunner } from './hooks.js';
import type { Lab, LabExpression, LabTemplate } from './model.js';
import { labSolution, runLab, type LabRunResult } from './run.js';
import type { SolutionProblem } from './solution.js';

// What can only be known by running a lab: the reference solution scores full marks, the starter
// does not pass, and every metric a check names exists in the reference run's document.
// `shardlab lab verify` reports the scores; `shardlab lab lint` reports the same findings as
// diagnostics at the line that needs the fix.

export interface RunSummary {
  score: number;
  maxScore: number;
  passed: boolean;
  /** Checks that failed, with their text. */
  failed: { id: string; points: number; maxPoints: number; detail: string }[];
}

export interface LabVerification {
  id: string;
  file: string;
  /** Reference scored full marks and the starter did not pass (or the lab was skipped). */
  ok: boolean;
  reference: RunSummary | null;
  starter: RunSummary | null;
  /** Why a run could not happen (a code lab with no code runner). */
  skipped?: string;
  problems: Diagnostic[];
}

export interface VerifyOptions {
  codeRunner?: CodeRunner;
}

function summary(r: LabRunResult): RunSummary {
  return {
    score: r.score,
    maxScore: r.maxScore,
    passed: r.passed,
    failed: r.checks.filter((c) => !c.passed).map((c) => ({ id: c.id, points: c.points, maxPoints: c.maxPoints, detail: c.detail })),
  };
}

/** Runs the reference and the starter and checks what the linter and verify need. */
export async function verifyLab(lab: Lab, options: VerifyOptions = {}): Promise<LabVerification> {
  const problems: Diagnostic[] = [];
  const out: LabVerification = { id: lab.id, file: lab.file, ok: false, reference: null, starter: null, problems };
  if (lab.solve === 'code' && !options.codeRunner) {
    out.ok = true;
    out.skipped = 'code labs need the sandboxed code runner, which this build does not have';
    return out;
  }
  const solutionProblem = (which: string, p: SolutionProblem) => problems.push(labDiagnostic('L018', p.file, p.line, `${which}: ${p.message}`, p.column));

  const reference = await runSolution(lab, 'solution', options);
  if (!reference.ok) for (const p of reference.problems) solutionProblem('solution', p);
  else {
    const r = reference.result;
    out.reference = summary(r);
    if (r.error) {
      const where = r.error.line !== undefined ? ` at line ${r.error.line}` : '';
      problems.push(labDiagnostic('L018', lab.file, lab.solution.line, `solution: the code did not run (${r.error.reason}${where}): ${r.error.message}`));
    } else if (r.metrics) {
      const metrics = r.metrics;
      const found = metricProblems(lab, metrics);
      problems.push(...found);
      // A check that names a missing metric or does not evaluate is reported as that, once.
      const broken = new Set(lab.checks.filter((c) => metricProblems({ ...lab, checks: [c] }, metrics).length > 0).map((c) => c.id));
      if (r.score < r.maxScore) {
        for (const c of r.checks.filter((x) => !x.passed && !broken.has(x.id))) {
          const check = lab.checks.find((x) => x.id === c.id)!;
          problems.push(labDiagnostic('L021', lab.file, check.line, `the reference solution fails check "${c.id}" (${c.points}/${c.maxPoints} points): ${c.detail}`));
        }
      }
    }
  }

  const starter = await runSolution(lab, 'starter', options);
  if (!starter.ok) for (const p of starter.problems) solutionProblem('starter', p);
  else {
    out.starter = summary(starter.result);
    if (starter.result.passed) problems.push(labDiagnostic('L022', lab.file, lab.starter.line, `the starter passes every check (${starter.result.score}/${starter.result.maxScore}): it should leave the learner something to fix`));
  }
  out.ok = problems.every((p) => p.severity !== 'error') && out.reference !== null && out.reference.score === out.reference.maxScore && out.starter !== null && !out.starter.passed;
  return out;
}

async function runSolution(lab: Lab, which: 'starter' | 'solution', options: VerifyOptions) {
  const parsed = labSolution(lab, which);
  if (!parsed.ok) return parsed;
  return runLab(lab, parsed.solution, options);
}

/** L016 for paths the run did not produce, L026 for checks that do not evaluate to the right type. */
export function metricProblems(lab: Lab, doc: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (where: { line: number; column: number; exact: boolean }, column: number) => (where.exact ? where.column + column - 1 : where.column);
  for (const check of lab.checks) {
    const expressions: [string, LabExpression][] = [['expect', check.expect]];
    if (check.partial) expressions.push(['partial', check.partial]);
    let pathProblem = false;
    for (const [field, e] of expressions) {
      for (const p of checkPaths(e.expr, doc)) {
        pathProblem = true;
        out.push(labDiagnostic('L016', lab.file, e.line, `check ${check.id}: ${field} names ${p.path}, which the engine does not produce: ${p.message}`, at(e, p.column)));
      }
    }
    for (const [field, t] of [
      ['pass', check.pass],
      ['fail', check.fail],
    ] as [string, LabTemplate][]) {
      for (const part of templateExpressions(t.parts)) {
        for (const p of checkPaths(part.expr, doc)) {
          pathProblem = true;
          out.push(labDiagnostic('L016', lab.file, t.line, `check ${check.id}: ${field} text names ${p.path}, which the engine does not produce: ${p.message}`, at(t, part.offset + p.column)));
        }
      }
    }
    if (pathProblem) continue;
    const expect = evaluate(check.expect.expr, doc);
    if (!expect.ok) out.push(labDiagnostic('L026', lab.file, check.expect.line, `check ${check.id}: expect fails on the reference run: ${expect.error.message}`, at(check.expect, expect.error.column)));
    else if (typeof expect.value !== 'boolean') out.push(labDiagnostic('L026', lab.file, check.expect.line, `check ${check.id}: expect must be true or false; on the reference run it is ${JSON.stringify(expect.value)}`, check.expect.column));
    if (check.partial) {
      const share = evaluate(check.partial.expr, doc);
      if (!share.ok) out.push(labDiagnostic('L026', lab.file, check.partial.line, `check ${check.id}: partial fails on the reference run: ${share.error.message}`, at(check.partial, share.error.column)));
      else if (typeof share.value !== 'number') out.push(labDiagnostic('L026', lab.file, check.partial.line, `check ${check.id}: partial must be a number from 0 to 1; on the reference run it is ${JSON.stringify(share.value)}`, check.partial.column));
    }
    for (const [field, t] of [
      ['pass', check.pass],
      ['fail', check.fail],
    ] as [string, LabTemplate][]) {
      for (const part of templateExpressions(t.parts)) {
        const r = evaluate(part.expr, doc);
        if (!r.ok) out.push(labDiagnostic('L026', lab.file, t.line, `check ${check.id}: {{${part.source}}} in the ${field} text fails on the reference run: ${r.error.message}`, at(t, part.offset + r.error.column)));
      }
    }
  }
  return out;
}
