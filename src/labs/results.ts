import { z } from 'zod';
import type { SolveKind } from './model.js';
import type { LabRunResult } from './run.js';

// Every scored lab run, from the app or from `shardlab lab run`, as one line of the
// `lab-results` journal in the data dir. Best scores are derived from it, never stored apart, so
// they cannot disagree with the runs behind them. Pure: the time comes in.

/** The journal lab runs go to (`lab-results.jsonl` in the data dir). */
export const LAB_RESULTS_JOURNAL = 'lab-results';

export const labResultSchema = z.object({
  lab: z.string(),
  score: z.number(),
  maxScore: z.number(),
  passed: z.boolean(),
  checks: z.array(z.object({ id: z.string(), passed: z.boolean(), points: z.number(), maxPoints: z.number(), detail: z.string() })),
  solve: z.enum(['settings', 'commands', 'code']),
  /** Where the run came from: the app, or the CLI with a solution file. */
  via: z.enum(['app', 'cli']),
  at: z.number(),
});

export type LabResultEntry = z.output<typeof labResultSchema>;

export function labResultEntry(result: LabRunResult, solve: SolveKind, via: LabResultEntry['via'], at: number): LabResultEntry {
  return {
    lab: result.lab,
    score: result.score,
    maxScore: result.maxScore,
    passed: result.passed,
    checks: result.checks.map(({ id, passed, points, maxPoints, detail }) => ({ id, passed, points, maxPoints, detail })),
    solve,
    via,
    at,
  };
}

export function readLabResult(value: unknown): LabResultEntry | null {
  const r = labResultSchema.safeParse(value);
  return r.success ? r.data : null;
}

export interface LabBest {
  score: number;
  maxScore: number;
  passed: boolean;
  /** When the best score was first reached. */
  at: number;
  runs: number;
}

/** The best run of each lab: the highest share of its points, the earliest of equal ones. */
export function bestScores(entries: readonly LabResultEntry[]): Map<string, LabBest> {
  const best = new Map<string, LabBest>();
  for (const e of entries) {
    const seen = best.get(e.lab);
    const share = e.maxScore > 0 ? e.score / e.maxScore : 0;
    const seenShare = seen && seen.maxScore > 0 ? seen.score / seen.maxScore : -1;
    if (!seen || share > seenShare) best.set(e.lab, { score: e.score, maxScore: e.maxScore, passed: e.passed, at: e.at, runs: (seen?.runs ?? 0) + 1 });
    else seen.runs++;
  }
  return best;
}
