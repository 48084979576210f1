import type { Completion } from '../sim/commands/complete.js';
import type { Outcome } from '../sim/commands/dispatch.js';
import { loadScenarioText } from '../sim/scenario/load.js';
import { consoleWorld, prepareScenario } from '../sim/scenario/run.js';
import type { ScenarioSpec } from '../sim/scenario/spec.js';
import type { Lab, SettingValue } from './model.js';
import { substitute } from './settings.js';
import { parseCommandLines } from './solution.js';

// The lab console without the screen: a learner's lines answered by the scenario's own services
// (its streams, its queues, its devices) the way the run will answer them. A line with no time
// runs before any traffic, so it is answered at once from the services alone. A line timed
// `at 25s:` meets the world as the traffic has left it by then (records written, a device's
// reports moving a shadow's version), so it is answered only by `preview`, which plays the whole
// scenario (producers, consumers, devices) up to the last timed line; until then it says when it
// will run instead of guessing. Each preview starts from a fresh world, so deleting a line is as
// good as never having typed it.

export interface ConsoleAnswer {
  ok: boolean;
  /**
   * `help` is shown but never kept; a `usage` error is refused by the CLI before any request;
   * `later` is a timed line waiting for the preview to reach its time.
   */
  kind: 'response' | 'aws-error' | 'usage' | 'help' | 'not-run' | 'later';
  /** What the AWS CLI prints: the JSON answer, its error line, or the help text. */
  text: string;
  atMs: number | null;
}

export interface PreviewOptions {
  /** Stops the preview between two slices: it then resolves to null. */
  signal?: AbortSignal;
}

interface ParsedLine {
  i: number;
  atMs: number | null;
  command: string;
}

export class LabConsole {
  private readonly spec: ScenarioSpec | null;

  constructor(lab: Lab) {
    const defaults = new Map<string, SettingValue>(lab.settings.map((s) => [s.name, s.default]));
    const loaded = loadScenarioText(substitute(lab.scenario.text, lab.settings, defaults), `${lab.id}.yaml`);
    this.spec = loaded.ok ? loaded.spec : null;
  }

  /**
   * The answers that need no traffic, at once: untimed lines from the services, refused and
   * out-of-run lines, and for each timed line a note saying when it will run.
   */
  answerNow(lines: readonly string[]): ConsoleAnswer[] {
    const { answers, runnable } = this.classify(lines);
    if (!this.spec) return answers;
    const { dispatcher } = consoleWorld(this.spec);
    for (const l of runnable) answers[l.i] = l.atMs === null ? answerOf(dispatcher.execute(l.command), 0) : laterAnswer(l.atMs);
    return answers;
  }

  /**
   * Every line's answer as the run gives it: the scenario is played with its traffic up to the
   * last timed line, the lines run where the run runs them (untimed before anything starts, timed
   * at their time), and the clock is moved on in slices, yielding between them, so a long
   * scenario never holds up a screen.
   */
  async preview(lines: readonly string[], options: PreviewOptions = {}): Promise<ConsoleAnswer[] | null> {
    const { answers, runnable } = this.classify(lines);
    if (!this.spec || runnable.length === 0) return answers;
    const run = prepareScenario(this.spec, {
      setup: (world) => {
        const answer = (l: ParsedLine) => {
          answers[l.i] = answerOf(world.dispatcher.execute(l.command), world.sim.now);
        };
        for (const l of runnable) {
          if (l.atMs === null) answer(l);
          else world.sim.at(l.atMs, `console-preview:${l.i}`, () => answer(l));
        }
      },
    });
    const lastAt = Math.max(0, ...runnable.map((l) => l.atMs ?? 0));
    const slice = Math.max(1000, Math.ceil(lastAt / 50));
    for (let t = 0; t < lastAt; ) {
      if (options.signal?.aborted) return null;
      t = Math.min(t + slice, lastAt);
      run.advance(t);
      if (t < lastAt) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return options.signal?.aborted ? null : answers;
  }

  /** Lines the CLI refuses or the run never reaches get their answer here; the others are to run. */
  private classify(lines: readonly string[]): { answers: ConsoleAnswer[]; runnable: ParsedLine[] } {
    const answers: ConsoleAnswer[] = lines.map(() => ({ ok: false, kind: 'not-run', text: '', atMs: null }));
    if (!this.spec) return { answers: answers.map((a) => ({ ...a, text: "this lab's scenario does not load" })), runnable: [] };
    const duration = this.spec.duration;
    const runnable: ParsedLine[] = [];
    lines.forEach((text, i) => {
      const parsed = parseCommandLines(text, 'console');
      if (!parsed.ok) answers[i] = { ok: false, kind: 'usage', text: parsed.problems[0]!.message, atMs: null };
      else if (parsed.solution.kind !== 'commands' || parsed.solution.lines.length === 0) answers[i] = { ok: false, kind: 'usage', text: 'nothing to run', atMs: null };
      else {
        const line = parsed.solution.lines[0]!;
        if (line.atMs !== null && line.atMs >= duration) answers[i] = { ok: false, kind: 'not-run', text: `not run: at ${line.atMs / 1000}s is at or after the end of the run (${duration / 1000}s)`, atMs: null };
        else runnable.push({ i, atMs: line.atMs, command: line.command });
      }
    });
    return { answers, runnable };
  }

  /** Tab completion for the word under the cursor; an `at 30s:` prefix is skipped. */
  complete(line: string, cursor = line.length): Completion {
    if (!this.spec) return { from: cursor, to: cursor, candidates: [] };
    const prefix = /^\s*at\s+[^:\s]+\s*:\s*/.exec(line)?.[0] ?? '';
    const offset = prefix.length <= cursor ? prefix.length : 0;
    const c = consoleWorld(this.spec).dispatcher.complete(line.slice(offset), cursor - offset);
    return { from: c.from + offset, to: c.to + offset, candidates: c.candidates };
  }

  /** The scenario's run length, for `at` times. */
  get durationMs(): number | null {
    return this.spec?.duration ?? null;
  }
}

/**
 * A line typed in the inspect console after a run, answered by that run's world as the run left
 * it. The run is over, so a line cannot be timed.
 */
export function answerAfterRun(dispatcher: { execute(line: string): Outcome }, text: string): ConsoleAnswer {
  const parsed = parseCommandLines(text, 'inspect');
  if (!parsed.ok) return { ok: false, kind: 'usage', text: parsed.problems[0]!.message, atMs: null };
  const line = parsed.solution.kind === 'commands' ? parsed.solution.lines[0] : undefined;
  if (!line) return { ok: false, kind: 'usage', text: 'nothing to run', atMs: null };
  if (line.atMs !== null) return { ok: false, kind: 'usage', text: 'the run is over: a line here runs now, on the world as the run left it, so it takes no `at`', atMs: null };
  return answerOf(dispatcher.execute(line.command), null);
}

function laterAnswer(atMs: number): ConsoleAnswer {
  return { ok: true, kind: 'later', text: `runs at ${atMs / 1000} s, after the traffic before it: its answer comes when the preview gets there`, atMs };
}

function answerOf(outcome: Outcome, atMs: number | null): ConsoleAnswer {
  switch (outcome.kind) {
    case 'response':
      return { ok: true, kind: 'response', text: outcome.text, atMs };
    case 'help':
      return { ok: true, kind: 'help', text: outcome.text, atMs };
    case 'aws-error':
      return { ok: false, kind: 'aws-error', text: outcome.error, atMs };
    case 'usage-error':
      return { ok: false, kind: 'usage', text: outcome.text || outcome.error, atMs };
  }
}

/** The longest start every candidate shares: what Tab can fill in when it cannot choose. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0]!;
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** The line after a completion: one candidate is filled in with a space after it, several up to their common start. */
export function applyCompletion(line: string, completion: Completion): { line: string; cursor: number } {
  const { candidates, from, to } = completion;
  if (candidates.length === 0) return { line, cursor: to };
  const word = candidates.length === 1 ? `${candidates[0]} ` : commonPrefix(candidates);
  if (word.length < to - from) return { line, cursor: to };
  const next = line.slice(0, from) + word + line.slice(to);
  return { line: next, cursor: from + word.length };
}
