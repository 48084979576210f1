// Labs (DESIGN §6, docs/labs.md): lab files → Lab, a solution → a scored run on the engine.
// Pure domain code: no Ink, React, wall clock or Math.random. The app's screens and the CLI use
// these entry points.

export { LAB_CODES, labDiagnostic, type LabCode } from './diagnostics.js';
export { HOOK_CONTRACTS, HOOK_KINDS, type CallOutcome, type CodeError, type CodeHookKind, type CodeRunner, type CodeRunRequest, type CodeRunResult, type HookSpec } from './hooks.js';
export { findLab, listLabFiles, loadLabFile, loadLabPaths, loadLabs, type LabFile, type LabLoadOptions, type LabsIndex } from './load.js';
export type { CheckDef, Difficulty, Lab, LabHint, LabSection, SettingDef, SettingType, SettingValue, SolutionLanguage, SolutionSource, SolveKind } from './model.js';
export { parseLab, type LabParse } from './parse.js';
export { labSolution, runLab, runLabText, score, type CheckResult, type CommandResult, type LabRunOutcome, type LabRunResult, type RunLabOptions } from './run.js';
export { coerceSetting } from './settings.js';
export { kindOfLanguage, languageOfFile, languagesFor, parseCommandLines, parseSolution, type CommandLine, type Solution, type SolutionProblem } from './solution.js';
export { metricProblems, verifyLab, type LabVerification, type RunSummary, type VerifyOptions } from './verify.js';

import type { Lab } from './model.js';
import { parseLab } from './parse.js';
import { loadLabFile } from './load.js';

/** Reads one lab file; the lab is null when it has an error (see `diagnostics`). */
export function loadLab(path: string, file = path): { lab: Lab | null; diagnostics: ReturnType<typeof parseLab>['diagnostics'] } {
  const loaded = loadLabFile(path, file);
  return { lab: loaded.lab, diagnostics: loaded.diagnostics };
}
