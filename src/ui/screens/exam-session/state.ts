import type { ContentIndex } from '../../../content/model.js';
import { missCards } from '../../../exam/misses.js';
import type { ExamProfile } from '../../../exam/profile.js';
import { EXAM_PORT, type ExamReportAction, type ExamRequest } from '../../../exam/protocol.js';
import { scoreSession, type ExamReport } from '../../../exam/score.js';
import { reduceSession, unansweredIndices, type SessionAction, type SessionState } from '../../../exam/session.js';
import type { KeyPress } from '../../keys/keypress.js';
import { type TerminalSize, bodyHeight } from '../../layout.js';
import { type AppEffect, type Reduced, type ScreenContext, withEffects } from '../model.js';
import { type Scrolled, maxScroll } from './lines.js';
import { type GridLayout, gridLayout, gridTop, nextAfter } from './grid.js';
import { reviewList } from './review-list.js';

export { reviewList };

// The timed session, its report and the review of every question, as one pure state machine.
// The paper's own rules (answers, flags, the deadline, auto-submit) are src/exam/session.ts's;
// this adds what the screen needs around them: the option cursor, the grid cursor, the `g`
// prompt, the countdown's `now`. Every change of the paper goes to the `exam` port to be stored
// before anything else happens, and a finished paper is scored here and recorded there.

/**
 * How the screen was opened: a new attempt on a profile, or the running one. `resumeFirst` is for
 * an Enter pressed before the start screen knew whether an attempt runs: the running one, if
 * any, is resumed (only one may run), and the profile starts only when there is none.
 */
export type SessionOpen = { start: { profile: ExamProfile; seed: number }; resumeFirst?: boolean } | { resume: true };

export type Phase = 'loading' | 'running' | 'report' | 'failed';

export interface ExamSessionState {
  size: TerminalSize;
  index: ContentIndex;
  /** The time of the last key or tick: the countdown shows the deadline against it. */
  now: number;
  phase: Phase;
  /** What the screen asks for once it is up (start or resume); null once asked. */
  opening: SessionOpen | null;
  session: SessionState | null;
  cursor: number;
  gridCursor: number;
  /** The first row of cells shown, when the grid has more rows than the screen. */
  gridTop: number;
  /** The question number being typed after `g`; null when no prompt is open. */
  jump: string | null;
  /** First line of the question in view, when it is taller than the screen. */
  scroll: number;
  flash: string | undefined;
  /** Why the last change could not be stored; shown until one is stored. */
  saveError: string | undefined;
  failure: string | undefined;
  /** Questions the notes could not supply for this paper. */
  short: number;
  report: ExamReport | null;
  /** Flashcards the misses made due, once the attempt is recorded. */
  due: number | null;
  expiredWhileAway: boolean;
  view: 'report' | 'review';
  reportScroll: number;
  review: { at: number; missesOnly: boolean; scroll: number };
  /** Keys typed while the paper was being prepared; they are played on it once it is shown. */
  early: readonly KeyPress[];
  /** The profile to start when a resume-first opening finds no attempt running. */
  thenStart: { profile: ExamProfile; seed: number } | null;
}

/** How many keys typed ahead of the paper are kept: a burst, not a held-down key. */
export const EARLY_KEYS_KEPT = 32;

export type ExamSessionAction =
  | { type: 'paper'; action: SessionAction }
  | { type: 'toggle'; at: number }
  | { type: 'cursor'; by: number }
  | { type: 'gridMove'; by: number }
  | { type: 'gridRow'; by: number }
  | { type: 'gridPage'; by: 1 | -1 }
  | { type: 'gridEdge'; to: 'first' | 'last' }
  | { type: 'gridNext'; find: GridFind }
  | { type: 'gridJump'; at: number }
  | { type: 'jumpOpen' }
  | { type: 'jumpType'; text: string }
  | { type: 'jumpErase' }
  | { type: 'jumpCancel' }
  | { type: 'jumpGo'; at: number }
  | { type: 'scroll'; by: number }
  | { type: 'flash'; text: string }
  | { type: 'review'; missesOnly: boolean }
  | { type: 'reviewMove'; by: number }
  | { type: 'reviewFilter' }
  | { type: 'reviewScroll'; by: number }
  | { type: 'toReport' }
  | { type: 'reportScroll'; by: number }
  /** A key pressed before the paper arrived. */
  | { type: 'early'; key: KeyPress }
  | ExamReportAction;

/** What `u` and `F` look for in the grid. */
export type GridFind = 'unanswered' | 'flagged';

export const NO_PAUSE = 'No pause, as in the real exam: the clock runs on. Ctrl+C closes; shardlab exam --resume goes on.';

export function initExamSession(ctx: ScreenContext, size: TerminalSize, params?: unknown): ExamSessionState {
  const opening = (params ?? { resume: true }) as SessionOpen;
  const now = ctx.progress?.now ?? 0;
  return {
    size,
    index: ctx.index,
    now,
    phase: 'loading',
    opening,
    session: null,
    cursor: 0,
    gridCursor: 0,
    gridTop: 0,
    jump: null,
    scroll: 0,
    flash: undefined,
    saveError: undefined,
    failure: undefined,
    short: 0,
    report: null,
    due: null,
    expiredWhileAway: false,
    view: 'report',
    reportScroll: 0,
    review: { at: 0, missesOnly: false, scroll: 0 },
    early: [],
    thenStart: null,
  };
}

const task = (request: ExamRequest): AppEffect => ({ type: 'task', task: { port: EXAM_PORT, request } });


/**
 * Applies a paper action and sends it to be stored. When it ends the paper, the report is worked
 * out here at once and the misses' flashcards go with the save to be made due as it is recorded.
 */
function applyPaper(state: ExamSessionState, action: SessionAction): ExamSessionState | Reduced<ExamSessionState> {
  const before = state.session;
  if (!before || state.phase !== 'running') return state;
  const now = Math.max(state.now, action.at);
  const next = reduceSession(before, action);
  if (next === before) return now === state.now ? state : { ...state, now };
  const moved = next.current !== before.current;
  const base: ExamSessionState = { ...state, now, session: next, cursor: moved ? 0 : state.cursor, scroll: moved ? 0 : state.scroll };
  if (next.view === 'grid' && before.view !== 'grid') Object.assign(base, onGridCell(base, next.current));
  if (next.phase !== 'finished') return withEffects(base, task({ kind: 'save', before, action, dueCards: [] }));
  const finished: ExamSessionState = { ...base, phase: 'report', report: scoreSession(next), view: 'report', jump: null };
  return withEffects(finished, task({ kind: 'save', before, action, dueCards: missCards(state.index, next) }));
}

/** A resumed paper: running on, or past its deadline and handed in as it was then. */
function resumed(state: ExamSessionState, session: SessionState): ExamSessionState | Reduced<ExamSessionState> {
  const running: ExamSessionState = { ...state, phase: 'running', session, cursor: 0 };
  if (state.now < session.deadline) return running;
  return applyPaper({ ...running, expiredWhileAway: true }, { type: 'tick', at: state.now });
}

function onReport(state: ExamSessionState, action: ExamReportAction): ExamSessionState | Reduced<ExamSessionState> {
  switch (action.type) {
    case 'started':
      return { ...state, phase: 'running', session: action.state, now: Math.max(state.now, action.state.startedAt), short: action.short, saveError: undefined };
    case 'resumed':
      return resumed(state, action.state);
    case 'nothingToResume': {
      const start = state.thenStart;
      if (start) return withEffects({ ...state, thenStart: null }, task({ kind: 'start', index: state.index, profile: start.profile, seed: start.seed, at: state.now }));
      return { ...state, phase: 'failed', failure: 'No exam is in progress. Open Mock exam from Home to start one.', early: [] };
    }
    case 'recorded':
      // The port's report is the one stored; it matches the one shown, which came from the same paper.
      return { ...state, report: action.report, due: action.due, saveError: undefined };
    case 'portFailed':
      if (action.what === 'save') return { ...state, saveError: action.message };
      if (state.phase === 'loading') return { ...state, phase: 'failed', failure: action.message, early: [] };
      return { ...state, flash: action.message };
    case 'catalog':
    case 'history':
      return state;
  }
}

/** A scroll position within what `view` has to show at the screen's size. */
function bounded(state: ExamSessionState, view: Scrolled, to: number): number {
  return Math.min(Math.max(0, to), maxScroll(state, view));
}

/** The grid as laid out on this state's screen (the clock line and a blank line sit above it). */
export function sessionGridLayout(state: ExamSessionState): GridLayout {
  return gridLayout(state.session?.questions.length ?? 0, state.size.columns, bodyHeight(state.size) - 2);
}

/** The grid cursor on `cell`, with the window scrolled just enough to show it. */
function onGridCell(state: ExamSessionState, cell: number): Pick<ExamSessionState, 'gridCursor' | 'gridTop'> {
  const n = state.session?.questions.length ?? 0;
  const gridCursor = Math.min(Math.max(0, n - 1), Math.max(0, cell));
  return { gridCursor, gridTop: gridTop(sessionGridLayout(state), state.gridTop, gridCursor) };
}

const gridTo = (state: ExamSessionState, cell: number): ExamSessionState => ({ ...state, ...onGridCell(state, cell) });

/**
 * Up and down (a row or a page) keep the column, stopping at the first and last rows; on a last
 * row too short for the column the cursor lands on the last question rather than nowhere.
 */
function moveGridRows(state: ExamSessionState, by: number): ExamSessionState {
  const n = state.session?.questions.length ?? 0;
  if (n === 0) return state;
  const { columns } = sessionGridLayout(state);
  const column = state.gridCursor % columns;
  const lastRow = Math.floor((n - 1) / columns);
  const row = Math.min(lastRow, Math.max(0, Math.floor(state.gridCursor / columns) + by));
  return gridTo(state, Math.min(n - 1, row * columns + column));
}

const finders: Record<GridFind, { of: (s: SessionState) => number[]; none: string }> = {
  unanswered: { of: (s) => unansweredIndices(s), none: 'Every question is answered.' },
  flagged: { of: (s) => s.flagged.flatMap((f, i) => (f ? [i] : [])), none: 'No question is flagged.' },
};

function gridNext(state: ExamSessionState, find: GridFind): ExamSessionState {
  const s = state.session;
  if (!s) return state;
  const next = nextAfter(finders[find].of(s), state.gridCursor);
  return next === undefined ? { ...state, flash: finders[find].none } : gridTo(state, next);
}

function jumpGo(state: ExamSessionState, at: number): ExamSessionState | Reduced<ExamSessionState> {
  const n = state.session?.questions.length ?? 0;
  const number = Number(state.jump);
  const closed = { ...state, jump: null };
  if (!Number.isInteger(number) || number < 1 || number > n) return { ...closed, flash: `No question ${state.jump ?? ''}: 1 to ${n}` };
  return applyPaper(closed, { type: 'jump', at, index: number - 1 });
}

function reduce(state: ExamSessionState, action: ExamSessionAction): ExamSessionState | Reduced<ExamSessionState> {
  switch (action.type) {
    case 'paper':
      return applyPaper(state, action.action);
    case 'toggle':
      return applyPaper(state, { type: 'answer', at: action.at, key: state.cursor + 1 });
    case 'cursor': {
      const q = state.session?.questions[state.session.current];
      return q ? { ...state, cursor: Math.min(q.options.length - 1, Math.max(0, state.cursor + action.by)) } : state;
    }
    case 'gridMove':
      return gridTo(state, state.gridCursor + action.by);
    case 'gridRow':
      return moveGridRows(state, action.by);
    case 'gridPage':
      return moveGridRows(state, action.by * sessionGridLayout(state).room);
    case 'gridEdge':
      return gridTo(state, action.to === 'first' ? 0 : (state.session?.questions.length ?? 1) - 1);
    case 'gridNext':
      return gridNext(state, action.find);
    case 'gridJump':
      return applyPaper(state, { type: 'jump', at: action.at, index: state.gridCursor });
    case 'jumpOpen':
      return { ...state, jump: '' };
    case 'jumpType':
      return /^\d$/.test(action.text) && (state.jump ?? '').length < 3 ? { ...state, jump: `${state.jump ?? ''}${action.text}` } : state;
    case 'jumpErase':
      return { ...state, jump: (state.jump ?? '').slice(0, -1) };
    case 'jumpCancel':
      return { ...state, jump: null };
    case 'jumpGo':
      return jumpGo(state, action.at);
    case 'scroll':
      return { ...state, scroll: bounded(state, 'question', state.scroll + action.by) };
    case 'flash':
      return { ...state, flash: action.text };
    case 'review': {
      const next = { ...state, view: 'review' as const, review: { at: 0, missesOnly: action.missesOnly, scroll: 0 } };
      return reviewList(next).length === 0 ? { ...state, flash: 'No misses to review: every question was right' } : next;
    }
    case 'reviewMove': {
      const n = reviewList(state).length;
      return { ...state, review: { ...state.review, at: Math.min(n - 1, Math.max(0, state.review.at + action.by)), scroll: 0 } };
    }
    case 'reviewFilter': {
      const list = reviewList(state);
      const current = list[state.review.at] ?? 0;
      const next = { ...state, review: { ...state.review, missesOnly: !state.review.missesOnly, scroll: 0 } };
      const nextList = reviewList(next);
      if (nextList.length === 0) return { ...state, flash: 'No misses to review: every question was right' };
      // Stay on the same question, or the next one the new filter keeps.
      const at = Math.max(0, nextList.findIndex((i) => i >= current));
      return { ...next, review: { ...next.review, at } };
    }
    case 'reviewScroll':
      return { ...state, review: { ...state.review, scroll: bounded(state, 'review', state.review.scroll + action.by) } };
    case 'toReport':
      return { ...state, view: 'report' };
    case 'early':
      return state.phase === 'loading' && state.early.length < EARLY_KEYS_KEPT ? { ...state, early: [...state.early, action.key] } : state;
    case 'reportScroll':
      return { ...state, reportScroll: bounded(state, 'report', state.reportScroll + action.by) };
    default:
      return onReport(state, action);
  }
}

export function examSessionReducer(state: ExamSessionState, action: ExamSessionAction): ExamSessionState | Reduced<ExamSessionState> {
  return reduce(state.flash === undefined ? state : { ...state, flash: undefined }, action);
}

/** The countdown ticks on each whole second left, and the paper is handed in at zero. */
export function wakeExamSession(state: ExamSessionState): number | undefined {
  if (state.phase === 'loading') return state.opening ? 0 : undefined;
  const s = state.session;
  if (state.phase !== 'running' || !s) return undefined;
  const left = s.deadline - state.now;
  return Math.min(s.deadline, state.now + (left % 1000 || 1000));
}

export function clockExamSession(state: ExamSessionState, at: number): ExamSessionState | Reduced<ExamSessionState> {
  if (state.phase === 'loading' && state.opening) {
    // The screen is up: now ask for the paper (init cannot ask the app for anything).
    const open = state.opening;
    const starts = 'start' in open && !open.resumeFirst;
    const request: ExamRequest = starts ? { kind: 'start', index: state.index, profile: open.start.profile, seed: open.start.seed, at } : { kind: 'resume', at };
    const thenStart = 'start' in open && open.resumeFirst ? open.start : null;
    return withEffects({ ...state, opening: null, now: at, thenStart }, task(request));
  }
  if (state.phase !== 'running') return state;
  return applyPaper({ ...state, now: Math.max(state.now, at) }, { type: 'tick', at });
}

export function resizeExamSession(state: ExamSessionState, size: TerminalSize): ExamSessionState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  // A wider or taller screen needs less scrolling: every position is re-fitted to the new size.
  const sized = { ...state, size };
  return { ...sized, ...onGridCell(sized, state.gridCursor), scroll: bounded(sized, 'question', state.scroll), reportScroll: bounded(sized, 'report', state.reportScroll), review: { ...state.review, scroll: bounded(sized, 'review', state.review.scroll) } };
}

/** Reloaded notes change nothing on a paper already printed; the review's topic names follow. */
export function reloadExamSession(state: ExamSessionState, ctx: ScreenContext, size: TerminalSize): ExamSessionState {
  return { ...state, index: ctx.index, size };
}
