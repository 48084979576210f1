import type { Completion } from '../sim/commands/complete.js';
import type { Outcome } from '../sim/commands/dispatch.js';
import { loadScenarioText } from '../sim/scenario/load.js';
import { consoleWorld } from '../sim/scenario/run.js';
import type { ScenarioSpec } from '../sim/scenario/spec.js';
import type { Lab, SettingValue } from './model.js';
import { substitute } from './settings.js';
import { parseCommandLines } from './solution.js';

// The lab console without the screen: a learner's lines answered by the scenario's own services
// (its streams, its queues) the way the run will answer them, before anything runs. Each preview
// starts from a fresh world, so deleting a line is as good as never having typed it, and lines
// timed with `at 30s:` are answered at that virtual time, after what the earlier ones started.

export interface ConsoleAnswer {
  ok: boolean;
  /** `help` is shown but never kept; a `usage` error is refused by the CLI before any request. */
  kind: 'response' | 'aws-error' | 'usage' | 'help' | 'not-run';
  /** What the AWS CLI prints: the JSON answer, its error line, or the help text. */
  text: string;
  atMs: number | null;
}

export class LabConsole {
  private readonly spec: ScenarioSpec | null;

  constructor(lab: Lab) {
    const defaults = new Map<string, SettingValue>(lab.settings.map((s) => [s.name, s.default]));
    const loaded = loadScenarioText(substitute(lab.scenario.text, lab.settings, defaults), `${lab.id}.yaml`);
    this.spec = loaded.ok ? loaded.spec : null;
  }

  /** The answer to every line, in the order given; timed lines run after the untimed ones, as in the run. */
  preview(lines: readonly string[]): ConsoleAnswer[] {
    const answers: ConsoleAnswer[] = lines.map(() => ({ ok: false, kind: 'not-run', text: '', atMs: null }));
    if (!this.spec) return answers.map((a) => ({ ...a, text: "this lab's scenario does not load" }));
    const { sim, dispatcher } = consoleWorld(this.spec);
    const timed: { i: number; atMs: number; command: string }[] = [];
    lines.forEach((text, i) => {
      const parsed = parseCommandLines(text, 'console');
      if (!parsed.ok) answers[i] = { ok: false, kind: 'usage', text: parsed.problems[0]!.message, atMs: null };
      else if (parsed.solution.kind !== 'commands' || parsed.solution.lines.length === 0) answers[i] = { ok: false, kind: 'usage', text: 'nothing to run', atMs: null };
      else {
        const line = parsed.solution.lines[0]!;
        if (line.atMs === null) answers[i] = answerOf(dispatcher.execute(line.command), 0);
        else if (line.atMs >= this.spec!.duration) answers[i] = { ok: false, kind: 'not-run', text: `not run: at ${line.atMs / 1000}s is at or after the end of the run (${this.spec!.duration / 1000}s)`, atMs: null };
        else timed.push({ i, atMs: line.atMs, command: line.command });
      }
    });
    for (const t of timed.sort((a, b) => a.atMs - b.atMs || a.i - b.i)) {
      sim.runUntil(t.atMs);
      answers[t.i] = answerOf(dispatcher.execute(t.command), t.atMs);
    }
    return answers;
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

function answerOf(outcome: Outcome, atMs: number): ConsoleAnswer {
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
