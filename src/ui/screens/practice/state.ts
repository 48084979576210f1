import type { ContentIndex, Topic } from '../../../content/model.js';
import { QUIZ_KINDS, type Question, type QuizKind } from '../../../quiz/model.js';
import { type PracticeItem, type PracticeSource, type QuizAnswer, answerEntry, buildPractice, cardsForMiss, isCorrect, missedAnswers, weakTopics } from '../../../quiz/practice.js';
import { type TerminalSize, bodyHeight, windowStart } from '../../layout.js';
import { type Reduced, type ScreenContext, withEffects } from '../model.js';

// The Practice screen as a pure state machine: a setup list (where questions come from, how
// many, which kinds and topics), then each question (number keys choose, Space toggles, Enter
// submits), the feedback on it, and a summary. Every action carries the time of its key, so
// answer times and the round's seed follow the learner's clock and tests replay a round exactly.
// Answers leave as effects: the app stores them and makes the cards a miss names due.

export type PracticeMode = 'setup' | 'question' | 'feedback' | 'summary';

export type SetupRow =
  | { kind: 'source' }
  | { kind: 'count' }
  | { kind: 'kind'; value: QuizKind }
  | { kind: 'all' }
  | { kind: 'topic'; topic: Topic; depth: number };

export interface Setup {
  source: PracticeSource;
  count: number;
  kinds: ReadonlySet<QuizKind>;
  /** Picked topic ids; empty: every topic. */
  topics: ReadonlySet<string>;
  cursor: number;
  top: number;
}

export interface Result {
  item: PracticeItem;
  chosen: string[];
  correct: boolean;
  durationMs: number;
}

export interface PracticeState {
  size: TerminalSize;
  index: ContentIndex;
  /** Practice answers as stored, with this screen's since then: weak spots and misses read them. */
  history: readonly QuizAnswer[];
  /** Whether answers are stored (the app runs with a progress store). */
  stored: boolean;
  now: number;
  mode: PracticeMode;
  setup: Setup;
  rows: readonly SetupRow[];
  items: readonly PracticeItem[];
  /** The question on screen (index into items). */
  at: number;
  chosen: readonly string[];
  /** Option under the cursor, for Space. */
  cursor: number;
  shownAt: number;
  results: readonly Result[];
  startedAt: number;
  endedAt: number;
  /** First row of the feedback in view. */
  scroll: number;
  flash: string | undefined;
}

export type PracticeAction =
  | { type: 'move'; by: number }
  | { type: 'toggle' }
  | { type: 'adjust'; by: number }
  | { type: 'start'; at: number }
  | { type: 'choose'; option: number }
  | { type: 'cursor'; by: number }
  | { type: 'submit'; at: number }
  | { type: 'next'; at: number }
  | { type: 'scroll'; by: number }
  | { type: 'end'; at: number }
  | { type: 'setup' };

export const SOURCES: readonly PracticeSource[] = ['pick', 'weak', 'misses'];
export const SOURCE_NAMES: Readonly<Record<PracticeSource, string>> = { pick: 'the topics and kinds below', weak: 'weak spots (topics by recent error rate)', misses: 'retake my misses' };
export const COUNTS = [5, 10, 20, 50] as const;
/** Topic levels the setup lists: files and their sections; deeper headings come with their parent. */
const TOPIC_DEPTH = 1;

function setupRows(index: ContentIndex): SetupRow[] {
  const rows: SetupRow[] = [{ kind: 'source' }, { kind: 'count' }, ...QUIZ_KINDS.map((value): SetupRow => ({ kind: 'kind', value })), { kind: 'all' }];
  const walk = (t: Topic, depth: number) => {
    rows.push({ kind: 'topic', topic: t, depth });
    if (depth < TOPIC_DEPTH) t.children.forEach((c) => walk(c, depth + 1));
  };
  index.topics.forEach((t) => walk(t, 0));
  return rows;
}

export function setupListRows(state: PracticeState): number {
  // The header line and a blank above the list.
  return Math.max(1, bodyHeight(state.size) - 2);
}

/** Params that open Practice on a round of given questions (a mock exam's misses) instead of the setup. */
export interface PracticeParams {
  questions: readonly Question[];
  /** Stored with each answer, as a generated round's seed is. */
  seed: number;
}

export function initPractice(ctx: ScreenContext, size: TerminalSize, params?: unknown): PracticeState {
  const now = ctx.progress?.now ?? 0;
  const state = setupState(ctx, size, now);
  const given = (params as PracticeParams | undefined)?.questions;
  if (!given || given.length === 0) return state;
  const items = given.map((question): PracticeItem => ({ question, seed: (params as PracticeParams).seed, scope: null }));
  return { ...state, mode: 'question', items };
}

function setupState(ctx: ScreenContext, size: TerminalSize, now: number): PracticeState {
  return {
    size,
    index: ctx.index,
    history: ctx.progress?.quizAnswers ?? [],
    stored: ctx.progress !== undefined,
    now,
    mode: 'setup',
    setup: { source: 'pick', count: 10, kinds: new Set(QUIZ_KINDS), topics: new Set(), cursor: 0, top: 0 },
    rows: setupRows(ctx.index),
    items: [],
    at: 0,
    chosen: [],
    cursor: 0,
    shownAt: now,
    results: [],
    startedAt: now,
    endedAt: now,
    scroll: 0,
    flash: undefined,
  };
}

export function currentItem(state: PracticeState): PracticeItem | undefined {
  return state.items[state.at];
}

export function lastResult(state: PracticeState): Result | undefined {
  return state.results[state.results.length - 1];
}

/** What the setup can offer now: the weak and misses sources need answers to learn from. */
export function sourceCounts(state: PracticeState): { weak: number; misses: number } {
  return { weak: weakTopics(state.index, state.history).length, misses: missedAnswers(state.history).length };
}

function withSetup(state: PracticeState, change: Partial<Setup>): PracticeState {
  const setup = { ...state.setup, ...change };
  setup.cursor = Math.min(Math.max(0, setup.cursor), state.rows.length - 1);
  setup.top = windowStart(setup.top, setup.cursor, setupListRows(state), state.rows.length);
  return { ...state, setup };
}

function toggleSetup(state: PracticeState): PracticeState {
  const row = state.rows[state.setup.cursor];
  if (!row) return state;
  switch (row.kind) {
    case 'source':
    case 'count':
      return adjust(state, 1);
    case 'kind': {
      const kinds = new Set(state.setup.kinds);
      if (kinds.has(row.value)) kinds.delete(row.value);
      else kinds.add(row.value);
      // No kind at all would be an empty round: the last one stays.
      return kinds.size === 0 ? { ...state, flash: 'Keep at least one kind' } : withSetup(state, { kinds });
    }
    case 'all':
      return withSetup(state, { topics: new Set(), source: 'pick' });
    case 'topic': {
      const topics = new Set(state.setup.topics);
      if (topics.has(row.topic.id)) topics.delete(row.topic.id);
      else topics.add(row.topic.id);
      return withSetup(state, { topics, source: 'pick' });
    }
  }
}

function adjust(state: PracticeState, by: number): PracticeState {
  const row = state.rows[state.setup.cursor];
  if (row?.kind === 'source') {
    const i = SOURCES.indexOf(state.setup.source);
    return withSetup(state, { source: SOURCES[(i + by + SOURCES.length) % SOURCES.length]! });
  }
  if (row?.kind === 'count') {
    const i = COUNTS.indexOf(state.setup.count as (typeof COUNTS)[number]);
    return withSetup(state, { count: COUNTS[Math.min(COUNTS.length - 1, Math.max(0, i + by))]! });
  }
  return state;
}

function start(state: PracticeState, at: number): PracticeState {
  const { source, count, kinds, topics } = state.setup;
  const items = buildPractice(state.index, { source, count, kinds: QUIZ_KINDS.filter((k) => kinds.has(k)), topics: [...topics], seed: at >>> 0 }, state.history);
  if (items.length === 0) {
    const why = source === 'misses' ? 'No misses to retake' : source === 'weak' ? 'No weak spots yet: answer some questions first' : 'These notes give no questions of those kinds here';
    return { ...state, now: at, flash: why };
  }
  return { ...state, now: at, mode: 'question', items, at: 0, chosen: [], cursor: 0, shownAt: at, results: [], startedAt: at, endedAt: at, scroll: 0 };
}

function choose(state: PracticeState, option: number): PracticeState {
  const q = currentItem(state)?.question;
  const id = q?.options[option]?.id;
  if (!q || id === undefined) return state;
  if (q.type === 'single') return { ...state, chosen: [id], cursor: option };
  // Multiple response: a number toggles its option, as Space does under the cursor.
  const chosen = state.chosen.includes(id) ? state.chosen.filter((c) => c !== id) : [...state.chosen, id];
  return { ...state, chosen, cursor: option };
}

function submit(state: PracticeState, at: number): PracticeState | Reduced<PracticeState> {
  const item = currentItem(state);
  if (!item) return state;
  if (state.chosen.length === 0) return { ...state, flash: 'Choose an option first (its number)' };
  // Options in screen order, so the stored answer reads as the learner saw it.
  const chosen = item.question.options.map((o) => o.id).filter((id) => state.chosen.includes(id));
  const correct = isCorrect(item.question, chosen);
  const durationMs = Math.max(0, at - state.shownAt);
  const cards = correct ? [] : cardsForMiss(state.index, item.question).map((c) => c.id);
  const entry = answerEntry(item, chosen, at, cards, durationMs);
  const next: PracticeState = { ...state, now: at, mode: 'feedback', results: [...state.results, { item, chosen, correct, durationMs }], history: [...state.history, entry], scroll: 0 };
  return state.stored ? withEffects(next, { type: 'quizAnswer', entry, cards }) : next;
}

function next(state: PracticeState, at: number): PracticeState {
  if (state.at + 1 >= state.items.length) return { ...state, now: at, mode: 'summary', endedAt: at };
  return { ...state, now: at, mode: 'question', at: state.at + 1, chosen: [], cursor: 0, shownAt: at, scroll: 0 };
}

function reduce(state: PracticeState, action: PracticeAction): PracticeState | Reduced<PracticeState> {
  switch (action.type) {
    case 'move':
      return withSetup(state, { cursor: state.setup.cursor + action.by });
    case 'toggle':
      return state.mode === 'setup' ? toggleSetup(state) : choose(state, state.cursor);
    case 'adjust':
      return adjust(state, action.by);
    case 'start':
      return start(state, action.at);
    case 'choose':
      return state.mode === 'question' ? choose(state, action.option) : state;
    case 'cursor': {
      const n = currentItem(state)?.question.options.length ?? 0;
      return n === 0 ? state : { ...state, cursor: Math.min(n - 1, Math.max(0, state.cursor + action.by)) };
    }
    case 'submit':
      return state.mode === 'question' ? submit(state, action.at) : state;
    case 'next':
      return state.mode === 'feedback' ? next(state, action.at) : state;
    case 'scroll':
      return { ...state, scroll: Math.max(0, state.scroll + action.by) };
    case 'end':
      return { ...state, now: action.at, mode: 'summary', endedAt: action.at };
    case 'setup':
      // Back to the setup with the stored answers re-read, so weak spots count this round.
      return withEffects({ ...state, mode: 'setup', items: [], results: [], at: 0, chosen: [] }, { type: 'refreshProgress' });
  }
}

export function practiceReducer(state: PracticeState, action: PracticeAction): PracticeState | Reduced<PracticeState> {
  // A flash lasts until the next key; the action that sets one sets it on its result.
  return reduce(state.flash === undefined ? state : { ...state, flash: undefined }, action);
}

export function resizePractice(state: PracticeState, size: TerminalSize): PracticeState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  return withSetup({ ...state, size }, {});
}

/** A new snapshot: the stored answers, unless this screen already holds more (its own, not yet read back). */
export function progressPractice(state: PracticeState, ctx: ScreenContext): PracticeState {
  const answers = ctx.progress?.quizAnswers;
  if (!answers || answers.length < state.history.length) return state;
  return { ...state, history: answers, stored: true };
}

/** Reloaded notes: the setup lists the new topics; a round in progress keeps its questions. */
export function reloadPractice(state: PracticeState, ctx: ScreenContext, size: TerminalSize): PracticeState {
  const topics = new Set([...state.setup.topics].filter((id) => ctx.index.topics.some(function has(t): boolean { return t.id === id || t.children.some(has); })));
  return withSetup({ ...state, size, index: ctx.index, rows: setupRows(ctx.index), setup: { ...state.setup, topics } }, {});
}
