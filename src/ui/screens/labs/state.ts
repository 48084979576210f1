import type { LabListing, LabReport } from '../../../labs/protocol.js';
import type { LabBest } from '../../../labs/results.js';
import { type TerminalSize, bodyHeight, windowStart } from '../../layout.js';
import { type Reduced, withEffects } from '../model.js';
import { learnerOrder } from './order.js';

// The Labs list: every lab file with its level, length and the learner's best score, and the
// files that do not load, with their first error. The list is read through the `labs` port
// whenever the screen comes up (a run may have changed a best score, an instructor a file).

export interface LabsState {
  size: TerminalSize;
  /** `idle`: wants the list read (the app wakes the screen for it); `loading`: asked. */
  status: 'idle' | 'loading' | 'ready' | 'failed';
  labs: readonly LabListing[];
  best: ReadonlyMap<string, LabBest>;
  cursor: number;
  top: number;
  error?: string;
}

export type LabsAction =
  | { type: 'move'; by: number }
  /** Marks the list for reading again when it is back on top (a lab was opened over it). */
  | { type: 'stale' }
  | { type: 'load' }
  | LabReport;

/** Lines under the list: the rule, then the selected lab's details (see `labs/lines.ts`). */
export const DETAIL_LINES = 6;

/** Rows the list has: the body less its column titles and the detail lines under it. */
export function listHeight(size: TerminalSize): number {
  return Math.max(1, bodyHeight(size) - 1 - DETAIL_LINES);
}

export function initLabs(_ctx: unknown, size: TerminalSize): LabsState {
  return { size, status: 'idle', labs: [], best: new Map(), cursor: 0, top: 0 };
}

export function selectedListing(state: LabsState): LabListing | undefined {
  return state.labs[state.cursor];
}

function moveTo(state: LabsState, cursor: number): LabsState {
  const c = Math.max(0, Math.min(cursor, state.labs.length - 1));
  return { ...state, cursor: c, top: windowStart(state.top, c, listHeight(state.size), state.labs.length) };
}

export function labsReducer(state: LabsState, action: LabsAction): LabsState | Reduced<LabsState> {
  switch (action.type) {
    case 'move':
      return moveTo(state, state.cursor + action.by);
    case 'stale':
      return { ...state, status: 'idle' };
    case 'load':
      return withEffects({ ...state, status: 'loading' }, { type: 'task', task: { port: 'labs', request: { kind: 'list' } } });
    case 'listed': {
      // The same lab stays selected when the list changes under it.
      const id = selectedListing(state)?.lab?.id ?? selectedListing(state)?.file;
      const labs = learnerOrder(action.labs);
      const at = labs.findIndex((l) => (l.lab?.id ?? l.file) === id);
      return moveTo({ ...state, status: 'ready', labs, best: new Map(action.best), error: undefined }, at >= 0 ? at : state.cursor);
    }
    case 'portFailed':
      return { ...state, status: 'failed', error: `${action.what}: ${action.message}` };
    default:
      return state;
  }
}

export function resizeLabs(state: LabsState, size: TerminalSize): LabsState {
  return moveTo({ ...state, size }, state.cursor);
}
