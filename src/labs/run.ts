import { parseDocument, stringify } from 'yaml';
import type { Outcome } from '../sim/commands/dispatch.js';
import { loadScenarioText, type ScenarioProblem } from '../sim/scenario/load.js';
import { runScenario, runScenarioStepwise, type RunOptions, type RunProgress } from '../sim/scenario/run.js';
import type { ScenarioSpec } from '../sim/scenario/spec.js';
import { evaluate, renderTemplate, type Value } from './expr/index.js';
import type { FirehoseService } from '../sim/firehose/service.js';
import type { TransformEvent } from '../sim/firehose/transform.js';
import type { World } from '../sim/world.js';
import { recordingHandler, replayHandler, transformFunction } from './firehose-hook.js';
import { applyHook, HOOK_CONTRACTS, hookCalls, type CodeError, type CodeRunner } from './hooks.js';
import type { CheckDef, Lab, SettingValue } from './model.js';
import { substitute } from './settings.js';
import { parseSolution, type CommandLine, type Solution, type SolutionProblem } from './solution.js';

// Runs a lab with a solution and scores it (DESIGN §3 `lab run`, §6): apply the solution (setting
// values into the scenario's placeholders, console commands through the engine's dispatcher at
// their virtual times, code through the injected CodeRunner), run the scenario in virtual time,
// and evaluate each check against the metrics document. The same lab, solution and seed give
// the same result, byte for byte.

export interface CheckResult {
  id: string;
  passed: boolean;
  /** Points given: all of maxPoints when passed, a share by `partial` otherwise. */
  points: number;
  maxPoints: number;
  /** The pass or fail text, with the measured numbers filled in. */
  detail: string;
  /** Why the check could not be evaluated (a metric this run did not produce…). */
  error?: string;
}

/** One console line's answer, as the lab console shows it. */
export interface CommandResult {
  /** Line in the solution file. */
  line: number;
  /** When it ran; null when it did not run. */
  atMs: number | null;
  command: string;
  ok: boolean;
  /** The AWS response (null for an empty one). */
  output?: object | null;
  /** The AWS CLI's error line, or why the line did not run. */
  error?: string;
}

export interface LabRunResult {
  lab: string;
  score: number;
  maxScore: number;
  /** Every check passed. */
  passed: boolean;
  checks: CheckResult[];
  /**
   * The engine's metrics document, plus the lab's own sections: `settings` (values used, in base
   * units), `commands` (each console line's answer) and `code` (what the hook's answers came to).
   * Null when learner code did not run.
   */
  metrics: Record<string, unknown> | null;
  /** Learner code that did not run: the reason, at the learner's file:line when known. */
  error?: CodeError & { file: string; reason: string };
}

export type LabRunOutcome =
  | { ok: true; result: LabRunResult }
  /** The solution cannot be applied (bad values, wrong type) or the scenario does not load with it. */
  | { ok: false; problems: SolutionProblem[] }
  /** The run was cancelled through `signal` before it finished. */
  | { ok: false; cancelled: true; problems: [] };

export interface RunLabOptions {
  /** Runs code solutions; without one a code lab cannot be run. */
  codeRunner?: CodeRunner;
  /** Replaces the scenario's seed. */
  seed?: number;
  /**
   * Runs the scenario in slices of virtual time and reports each (a screen's live dashboard);
   * the result is the same as without it.
   */
  onProgress?: (progress: RunProgress) => void;
  /** Cancels a run between two slices: the outcome is then `cancelled`. */
  signal?: AbortSignal;
  /**
   * Given the run's dispatcher once the world is built; after the run it answers commands against
   * the world as the run left it (the app's inspect console).
   */
  onWorld?: (run: { dispatcher: { execute(line: string): Outcome } }) => void;
}

/** Reads a solution from text (a file's contents, by its language) and runs it. */
export async function runLabText(lab: Lab, language: Parameters<typeof parseSolution>[1], text: string, file: string, options: RunLabOptions = {}): Promise<LabRunOutcome> {
  const parsed = parseSolution(lab, language, text, file);
  if (!parsed.ok) return parsed;
  return runLab(lab, parsed.solution, options);
}

/** The lab's own starter or reference solution. */
export function labSolution(lab: Lab, which: 'starter' | 'solution'): { ok: true; solution: Solution } | { ok: false; problems: SolutionProblem[] } {
  const source = lab[which];
  return parseSolution(lab, source.language, source.text, lab.file, source.line);
}

export async function runLab(lab: Lab, solution: Solution, options: RunLabOptions = {}): Promise<LabRunOutcome> {
  // Settings: the form's defaults, then the solution's values.
  const values = new Map<string, SettingValue>(lab.settings.map((s) => [s.name, s.default]));
  if (solution.kind === 'settings') for (const [k, v] of solution.values) values.set(k, v);
  let scenarioText = substitute(lab.scenario.text, lab.settings, values);
  const problemsAt = (problems: ScenarioProblem[]): SolutionProblem[] =>
    problems.map((p) => ({ file: lab.file, line: lab.scenario.line + p.line - 1, column: p.column, message: `scenario: ${p.message}` }));

  let code: Record<string, unknown> | undefined;
  let codeSetup: ((world: World) => void) | undefined;
  if (solution.kind === 'code') {
    const applied = await runCode(lab, solution, scenarioText, options);
    if (!applied.ok) return { ok: true, result: notRun(lab, applied.error) };
    code = applied.summary;
    scenarioText = applied.scenarioText;
    codeSetup = applied.setup;
  }

  const loaded = loadScenarioText(scenarioText, `${lab.id}.yaml`);
  if (!loaded.ok) return { ok: false, problems: problemsAt(loaded.problems) };
  const spec: ScenarioSpec = options.seed === undefined ? loaded.spec : { ...loaded.spec, seed: options.seed };

  const commands: CommandResult[] = [];
  const setup: RunOptions['setup'] = (run) => {
    if (solution.kind === 'commands') scheduleCommands(solution.lines, spec.duration, run.sim, run.dispatcher, commands);
    codeSetup?.(run.world);
    options.onWorld?.({ dispatcher: run.dispatcher });
  };
  const stepwise = options.onProgress !== undefined || options.signal !== undefined;
  const engineDoc = stepwise ? await runScenarioStepwise(spec, { setup, onProgress: options.onProgress, signal: options.signal }) : runScenario(spec, { setup });
  if (!engineDoc) return { ok: false, cancelled: true, problems: [] };
  // Lines run in time order; the result lists them in the order they were written.
  commands.sort((a, b) => a.line - b.line);

  const metrics: Record<string, unknown> = { ...engineDoc };
  if (lab.settings.length > 0) metrics.settings = Object.fromEntries(values);
  if (solution.kind === 'commands') metrics.commands = commands;
  if (code) metrics.code = code;
  return { ok: true, result: score(lab, metrics) };
}

function scheduleCommands(
  lines: readonly CommandLine[],
  durationMs: number,
  sim: { at(time: number, label: string, run: () => void): unknown; now: number },
  dispatcher: { execute(line: string): Outcome },
  out: CommandResult[],
): void {
  const run = (l: CommandLine) => {
    const outcome = dispatcher.execute(l.command);
    const result: CommandResult = { line: l.line, atMs: sim.now, command: l.command, ok: outcome.ok };
    if (outcome.kind === 'response') result.output = outcome.response;
    else if (!outcome.ok) result.error = outcome.error;
    out.push(result);
  };
  for (const l of lines) {
    if (l.atMs === null) run(l);
    else if (l.atMs >= durationMs) {
      out.push({ line: l.line, atMs: null, command: l.command, ok: false, error: `not run: at ${l.atMs / 1000}s is at or after the end of the run (${durationMs / 1000}s)` });
    } else sim.at(l.atMs, `lab-command:${l.line}`, () => run(l));
  }
}

/** Evaluates every check against the document. */
export function score(lab: Lab, metrics: Record<string, unknown>): LabRunResult {
  const checks = lab.checks.map((c) => scoreCheck(c, metrics));
  const total = round2(checks.reduce((a, c) => a + c.points, 0));
  const maxScore = lab.checks.reduce((a, c) => a + c.points, 0);
  return { lab: lab.id, score: total, maxScore, passed: checks.every((c) => c.passed), checks, metrics };
}

function scoreCheck(check: CheckDef, doc: Record<string, unknown>): CheckResult {
  const failed = (message: string): CheckResult => ({ id: check.id, passed: false, points: 0, maxPoints: check.points, detail: `Could not check: ${message}.`, error: message });
  const expect = evaluate(check.expect.expr, doc);
  if (!expect.ok) return failed(expect.error.message);
  if (typeof expect.value !== 'boolean') return failed(`expect must be true or false; it is ${describeValue(expect.value)}`);
  const passed = expect.value;
  let points = passed ? check.points : 0;
  let error: string | undefined;
  if (!passed && check.partial) {
    const share = evaluate(check.partial.expr, doc);
    if (!share.ok) error = `partial: ${share.error.message}`;
    else if (typeof share.value !== 'number') error = `partial must be a number from 0 to 1; it is ${describeValue(share.value)}`;
    else points = round2(check.points * Math.min(1, Math.max(0, share.value)));
  }
  const rendered = renderTemplate((passed ? check.pass : check.fail).parts, doc);
  const result: CheckResult = { id: check.id, passed, points, maxPoints: check.points, detail: rendered.text };
  const errors = [...(error ? [error] : []), ...rendered.errors];
  if (errors.length) result.error = errors.join('; ');
  return result;
}

function describeValue(v: Value): string {
  return Array.isArray(v) ? `a list of ${v.length}` : JSON.stringify(v);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function notRun(lab: Lab, error: NonNullable<LabRunResult['error']>): LabRunResult {
  const where = error.line !== undefined ? ` (${error.file}:${error.line}${error.column !== undefined ? `:${error.column}` : ''})` : '';
  return {
    lab: lab.id,
    score: 0,
    maxScore: lab.checks.reduce((a, c) => a + c.points, 0),
    passed: false,
    checks: lab.checks.map((c) => ({ id: c.id, passed: false, points: 0, maxPoints: c.points, detail: `Not checked: the code did not run${where}.` })),
    metrics: null,
    error,
  };
}

type CodeApplied =
  | { ok: true; summary: Record<string, unknown>; scenarioText: string; /** Plugs the code into the run (a Firehose transform). */ setup?: (world: World) => void }
  | { ok: false; error: NonNullable<LabRunResult['error']> };

async function runCode(lab: Lab, solution: Extract<Solution, { kind: 'code' }>, scenarioText: string, options: RunLabOptions): Promise<CodeApplied> {
  const fail = (reason: string, e: CodeError): CodeApplied => ({ ok: false, error: { ...e, file: solution.file, reason } });
  if (!lab.hook) return fail('no-hook', { message: 'this lab has no hook block, so code cannot be applied' });
  if (!options.codeRunner) return fail('no-runner', { message: 'code solutions need a code runner (the sandbox), and none is available here' });
  const seed = options.seed ?? seedOf(scenarioText);
  let calls = hookCalls(lab.hook, seed);
  let events: TransformEvent[] | undefined;
  if (lab.hook.kind === 'firehose-transform' && lab.hook.deliveryStream !== undefined) {
    const captured = captureTransformEvents(scenarioText, lab.hook.deliveryStream, options.seed);
    // A scenario that does not load is reported by the run itself, at its line.
    if (captured === null) return { ok: true, summary: {}, scenarioText };
    if (!captured.ok) return fail('hook', { message: captured.message });
    events = captured.events;
    calls = events.map((e) => [e]);
  }
  const contract = HOOK_CONTRACTS[lab.hook.kind];
  const ran = await options.codeRunner({
    file: solution.file,
    language: solution.language,
    source: solution.source,
    exportName: contract.exportName,
    calls,
    limits: { timeMs: lab.hook.limits.time, memoryMb: Math.ceil(lab.hook.limits.memory / (1024 * 1024)) },
  });
  if (!ran.ok) return fail(ran.reason, ran.error);
  if (ran.outcomes.length !== calls.length) return fail('crashed', { message: `the code runner answered ${ran.outcomes.length} of ${calls.length} calls` });
  const applied = applyHook(lab.hook, calls, ran.outcomes);
  if (!applied.ok) return fail('contract', applied.error);
  if (events && lab.hook.kind === 'firehose-transform' && lab.hook.deliveryStream !== undefined) {
    const stream = lab.hook.deliveryStream;
    const handler = replayHandler(events, ran.outcomes);
    const setup = (world: World) => {
      const fn = transformFunction(world, stream);
      if (fn.ok) (world.services.get('firehose') as FirehoseService).registerTransformHandler(fn.name, handler);
    };
    return { ok: true, summary: applied.summary, scenarioText, setup };
  }
  if (!applied.apply) return { ok: true, summary: applied.summary, scenarioText };
  const doc = parseDocument(scenarioText);
  const scenario = doc.toJS() as Record<string, unknown>;
  const problem = applied.apply(scenario);
  if (problem) return fail('hook', { message: problem });
  return { ok: true, summary: applied.summary, scenarioText: stringify(scenario) };
}

/**
 * The first pass of a transform hook: runs the scenario with a function that answers every record
 * Ok and keeps each event it is invoked with, so the learner's code can answer the same events.
 * Null when the scenario does not load.
 */
function captureTransformEvents(scenarioText: string, deliveryStream: string, seed: number | undefined): { ok: true; events: TransformEvent[] } | { ok: false; message: string } | null {
  const loaded = loadScenarioText(scenarioText, 'capture.yaml');
  if (!loaded.ok) return null;
  const spec = seed === undefined ? loaded.spec : { ...loaded.spec, seed };
  const events: TransformEvent[] = [];
  let problem: string | undefined;
  runScenario(spec, {
    setup: ({ world }) => {
      const fn = transformFunction(world, deliveryStream);
      if (!fn.ok) problem = fn.message;
      else (world.services.get('firehose') as FirehoseService).registerTransformHandler(fn.name, recordingHandler(events));
    },
  });
  return problem === undefined ? { ok: true, events } : { ok: false, message: problem };
}

/** The scenario's seed, for the hook's inputs (1, the engine's default, when it has none). */
function seedOf(scenarioText: string): number {
  const value = parseDocument(scenarioText).toJS() as { seed?: unknown } | null;
  return typeof value?.seed === 'number' && Number.isInteger(value.seed) ? value.seed : 1;
}
