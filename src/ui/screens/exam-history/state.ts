import type { ContentIndex } from '../../../content/model.js';
import type { AttemptSummary } from '../../../exam/history.js';
import { EXAM_PORT, type ExamReportAction } from '../../../exam/protocol.js';
import { type TerminalSize, bodyHeight } from '../../layout.js';
import { type Reduced, type ScreenContext, withEffects } from '../model.js';
import { historyLines } from './lines.js';

// Past attempts: the score trend as a chart, the attempts, and each topic's trend. The journal
// is read through the `exam` port when the screen comes up.

export interface ExamHistoryState {
  size: TerminalSize;
  index: ContentIndex;
  asked: boolean;
  attempts: readonly AttemptSummary[] | null;
  skipped: number;
  scroll: number;
  failure: string | undefined;
}

export type ExamHistoryAction = { type: 'scroll'; by: number } | ExamReportAction;

export function initExamHistory(ctx: ScreenContext, size: TerminalSize): ExamHistoryState {
  return { size, index: ctx.index, asked: false, attempts: null, skipped: 0, scroll: 0, failure: undefined };
}

/** The furthest the history scrolls: its last line at the bottom of the screen. */
export function maxHistoryScroll(state: ExamHistoryState): number {
  return Math.max(0, historyLines(state, state.size.columns).length - bodyHeight(state.size));
}

/** Scroll positions stay within the lines, so a key pressed past the end is not owed back. */
function scrolledTo(state: ExamHistoryState, to: number): ExamHistoryState {
  return { ...state, scroll: Math.min(Math.max(0, to), maxHistoryScroll(state)) };
}

export function examHistoryReducer(state: ExamHistoryState, action: ExamHistoryAction): ExamHistoryState | Reduced<ExamHistoryState> {
  switch (action.type) {
    case 'scroll':
      return scrolledTo(state, state.scroll + action.by);
    case 'history':
      return scrolledTo({ ...state, attempts: action.attempts, skipped: action.skipped, failure: undefined }, state.scroll);
    case 'portFailed':
      return { ...state, failure: action.message };
    default:
      return state;
  }
}

export function wakeExamHistory(state: ExamHistoryState): number | undefined {
  return state.asked ? undefined : 0;
}

export function clockExamHistory(state: ExamHistoryState): ExamHistoryState | Reduced<ExamHistoryState> {
  if (state.asked) return state;
  return withEffects({ ...state, asked: true }, { type: 'task', task: { port: EXAM_PORT, request: { kind: 'history' } } });
}

export function resizeExamHistory(state: ExamHistoryState, size: TerminalSize): ExamHistoryState {
  return size.columns === state.size.columns && size.rows === state.size.rows ? state : scrolledTo({ ...state, size }, state.scroll);
}
