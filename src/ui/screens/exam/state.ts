import type { ContentIndex } from '../../../content/model.js';
import { BUILTIN_PROFILES, DEFAULT_PROFILE, profileCoverage, type Coverage, type ExamProfile } from '../../../exam/profile.js';
import { EXAM_PORT, type ExamReportAction, type RunningInfo } from '../../../exam/protocol.js';
import type { TerminalSize } from '../../layout.js';
import { type Reduced, type ScreenContext, withEffects } from '../model.js';

// The mock exam's start screen: pick a profile (built-in or content/exams/*.yaml), read what it
// asks and what the notes cover of it, and start; with an attempt running, resume it instead.
// Profiles on disk and the running attempt come from the `exam` port once the screen is up, and
// again whenever it comes back on top after a session.

export interface ExamStartState {
  size: TerminalSize;
  index: ContentIndex;
  now: number;
  /** Whether the catalog was asked for since the screen last came up. */
  asked: boolean;
  /**
   * Whether the catalog asked for has arrived. Until then the built-in profiles are shown and
   * keys act on them, but whether an attempt runs is not yet known (see the Enter key).
   */
  loaded: boolean;
  profiles: readonly ExamProfile[];
  problems: readonly string[];
  running: RunningInfo | null;
  cursor: number;
  flash: string | undefined;
}

export type ExamStartAction = { type: 'move'; by: number } | { type: 'stale' } | { type: 'flash'; text: string } | ExamReportAction;

export function initExamStart(ctx: ScreenContext, size: TerminalSize, params?: unknown): ExamStartState {
  const wanted = (params as { profile?: string } | undefined)?.profile ?? DEFAULT_PROFILE;
  const cursor = Math.max(0, BUILTIN_PROFILES.findIndex((p) => p.id === wanted));
  return { size, index: ctx.index, now: ctx.progress?.now ?? 0, asked: false, loaded: false, profiles: BUILTIN_PROFILES, problems: [], running: null, cursor, flash: undefined };
}

export function selected(state: ExamStartState): ExamProfile | undefined {
  return state.profiles[state.cursor];
}

export function coverageOf(state: ExamStartState, profile: ExamProfile): Coverage {
  return profileCoverage(profile, state.index);
}

/** Why the selected profile cannot start on these notes, if it cannot. */
export function cannotStart(state: ExamStartState, profile: ExamProfile): string | undefined {
  const c = coverageOf(state, profile);
  if (c.unknownTopics.length || c.buckets.length === 0) return `Cannot start "${profile.id}": ${c.summary}`;
  return undefined;
}

function reduce(state: ExamStartState, action: ExamStartAction): ExamStartState | Reduced<ExamStartState> {
  switch (action.type) {
    case 'move':
      return { ...state, cursor: Math.min(state.profiles.length - 1, Math.max(0, state.cursor + action.by)) };
    case 'stale':
      return { ...state, asked: false, loaded: false };
    case 'flash':
      return { ...state, flash: action.text };
    case 'catalog': {
      // Keep the same profile selected when the list changes under it.
      const id = selected(state)?.id;
      const cursor = Math.max(0, action.profiles.findIndex((p) => p.id === id));
      return { ...state, profiles: action.profiles, problems: action.problems, running: action.running, cursor, loaded: true };
    }
    case 'portFailed':
      return { ...state, flash: action.message };
    default:
      return state;
  }
}

export function examStartReducer(state: ExamStartState, action: ExamStartAction): ExamStartState | Reduced<ExamStartState> {
  return reduce(state.flash === undefined ? state : { ...state, flash: undefined }, action);
}

/** Asks for the catalog as soon as the screen is up; with an attempt running, ticks its clock. */
export function wakeExamStart(state: ExamStartState): number | undefined {
  if (!state.asked) return 0;
  return state.running ? state.now + 1000 - (state.now % 1000) : undefined;
}

export function clockExamStart(state: ExamStartState, at: number): ExamStartState | Reduced<ExamStartState> {
  if (state.asked) return { ...state, now: at };
  return withEffects({ ...state, asked: true, now: at }, { type: 'task', task: { port: EXAM_PORT, request: { kind: 'catalog' } } });
}

export function resizeExamStart(state: ExamStartState, size: TerminalSize): ExamStartState {
  return size.columns === state.size.columns && size.rows === state.size.rows ? state : { ...state, size };
}

export function reloadExamStart(state: ExamStartState, ctx: ScreenContext, size: TerminalSize): ExamStartState {
  // Coverage follows the notes; custom profiles on disk are read again too.
  return { ...state, index: ctx.index, size, asked: false, loaded: false };
}
