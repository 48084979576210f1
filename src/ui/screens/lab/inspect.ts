import { applyCompletion, type ConsoleAnswer, LabConsole } from '../../../labs/console.js';
import type { Lab } from '../../../labs/model.js';
import type { LabRequest } from '../../../labs/protocol.js';
import { type AppEffect, type Reduced, withEffects } from '../model.js';

// The inspect console, opened from a result: AWS CLI lines answered by the world the run left
// (what the S3 error prefix holds, what is in the DLQ), for every kind of lab. The world is kept
// in the `labs` port; this is only the prompt, its history and the answers as they come back.

export interface InspectLine {
  id: number;
  line: string;
  /** Null until the port answers. */
  answer: ConsoleAnswer | null;
}

export interface InspectState {
  input: string;
  cursor: number;
  log: InspectLine[];
  /** Where ↑/↓ is in the lines typed so far; null when typing a new one. */
  recall: number | null;
  /** First row of the newest answer shown (PgUp/PgDn). */
  scroll: number;
  completions: string[];
  /** Completes commands and the scenario's names; the lab's own console when it has one. */
  console: LabConsole;
}

export type InspectAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'cursor'; by: number }
  | { type: 'recall'; by: number }
  | { type: 'complete' }
  | { type: 'submit' }
  | { type: 'clearInput' }
  | { type: 'outputScroll'; by: number };

export const INSPECT_ACTIONS: ReadonlySet<string> = new Set(['insert', 'backspace', 'cursor', 'recall', 'complete', 'submit', 'clearInput', 'outputScroll']);

export function openInspect(lab: Lab, console: LabConsole | null): InspectState {
  return { input: '', cursor: 0, log: [], recall: null, scroll: 0, completions: [], console: console ?? new LabConsole(lab) };
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
const typed = (i: InspectState, input: string, cursor: number): InspectState => ({ ...i, input, cursor, completions: [], recall: null });

/** The inspect state after an action, null when Esc on an empty line leaves it, and any request for the port. */
export function reduceInspect(labId: string, i: InspectState, a: InspectAction): { inspect: InspectState | null; effects: AppEffect[] } {
  const same = (inspect: InspectState | null) => ({ inspect, effects: [] });
  switch (a.type) {
    case 'insert':
      return same(typed(i, i.input.slice(0, i.cursor) + a.text + i.input.slice(i.cursor), i.cursor + a.text.length));
    case 'backspace':
      return same(i.cursor === 0 ? i : typed(i, i.input.slice(0, i.cursor - 1) + i.input.slice(i.cursor), i.cursor - 1));
    case 'cursor':
      return same({ ...i, cursor: clamp(i.cursor + a.by, 0, i.input.length) });
    case 'clearInput':
      return same(i.input === '' ? null : typed(i, '', 0));
    case 'complete': {
      const completion = i.console.complete(i.input, i.cursor);
      const { line, cursor } = applyCompletion(i.input, completion);
      return same({ ...i, input: line, cursor, completions: completion.candidates.length > 1 ? completion.candidates : [] });
    }
    case 'recall': {
      if (i.log.length === 0) return same(i);
      const at = (i.recall ?? i.log.length) + a.by;
      if (at >= i.log.length) return same({ ...i, recall: null, input: '', cursor: 0 });
      const n = clamp(at, 0, i.log.length - 1);
      return same({ ...i, recall: n, input: i.log[n]!.line, cursor: i.log[n]!.line.length });
    }
    case 'outputScroll':
      return same({ ...i, scroll: Math.max(0, i.scroll + a.by) });
    case 'submit': {
      const line = i.input.trim();
      if (!line) return same(i);
      const id = (i.log.at(-1)?.id ?? 0) + 1;
      const request: LabRequest = { kind: 'inspect', lab: labId, id, line };
      return { inspect: { ...typed(i, '', 0), log: [...i.log, { id, line, answer: null }], scroll: 0 }, effects: [{ type: 'task', task: { port: 'labs', request } }] };
    }
  }
}

/** The port's answer to one inspect line. */
export function inspected(i: InspectState, id: number, answer: ConsoleAnswer): InspectState {
  return { ...i, log: i.log.map((l) => (l.id === id ? { ...l, answer } : l)) };
}

export function inspectReduced<S>(state: S, effects: AppEffect[]): S | Reduced<S> {
  return effects.length ? withEffects(state, ...effects) : state;
}
