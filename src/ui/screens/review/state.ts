import { join } from 'node:path';
import type { Card, ContentIndex, Topic } from '../../../content/model.js';
import { flattenTopics, topicSubtreeIds } from '../../../content/stats.js';
import { type ExamStatus, type ProgressSnapshot, examStatus, newLeftToday, sessionSetup } from '../../../progress/snapshot.js';
import type { Grade4 } from '../../../srs/fsrs.js';
import { type DeckCounts, bucketOf, deckCounts } from '../../../srs/queue.js';
import {
  type Session,
  type SessionTally,
  answer,
  bury,
  mergedStates,
  newCardState,
  nextCard,
  renameInSession,
  startSession,
  stateOf,
  suspend,
  undo,
} from '../../../srs/session.js';
import type { CardState } from '../../../store/schema.js';
import { type TerminalSize, bodyHeight, windowStart } from '../../layout.js';
import { type ReloadChange, type Reduced, type ScreenContext, withEffects } from '../model.js';
import { layoutCard } from './card-layout.js';

// The Review screen as a pure state machine: a deck list (topics with their new / learning / due
// counts), then a session (front → Space → back with four graded buttons), a wait when only
// learning steps are left, and a summary. Every action carries the time of its key, so the
// session, the grade intervals and the answer times follow the learner's clock and tests can
// replay a session exactly. Writes to the progress store leave as effects.

export type ReviewMode = 'decks' | 'card' | 'waiting' | 'summary';

export interface DeckRow {
  /** Topic id; null for every card. */
  id: string | null;
  title: string;
  depth: number;
  counts: DeckCounts;
  hasChildren: boolean;
  open: boolean;
}

export interface CurrentCard {
  id: string;
  /** Which queue it came from: the count line underlines that count. */
  from: 'learning' | 'review' | 'new';
  shownAt: number;
  revealed: boolean;
  /** Interval each grade would give (ms), worked out when the answer is shown. */
  intervals: Readonly<Record<Grade4, number>> | undefined;
  /** First row of the card's text in view, for cards taller than the screen. */
  scroll: number;
}

export interface SessionSummary {
  tally: SessionTally;
  /** Earliest time a card of the deck is due again (not counting new cards). */
  nextDue: number | undefined;
  /** Cards of the deck due by the end of tomorrow. */
  dueTomorrow: number;
  /** New cards in the deck that today's limit still lets in, and those waiting beyond it. */
  newLeft: number;
  newWaiting: number;
}

export interface ReviewState {
  size: TerminalSize;
  index: ContentIndex;
  progress: ProgressSnapshot | undefined;
  /** Time of the last action: what countdowns and "in 10 min" are measured from. */
  now: number;
  topicsById: ReadonlyMap<string, Topic>;
  /** What the deck counts are counted from: the snapshot, with this session's answers applied. */
  states: Readonly<Record<string, CardState>>;
  rows: readonly DeckRow[];
  expanded: ReadonlySet<string>;
  /** Highlighted deck (topic id; null: all cards). */
  selected: string | null;
  deckTop: number;
  exam: ExamStatus;
  mode: ReviewMode;
  /** The deck being studied (null: all cards). */
  deck: string | null;
  session: Session | undefined;
  current: CurrentCard | undefined;
  /** When the next learning card is due, while waiting for it. */
  waitUntil: number | undefined;
  summary: SessionSummary | undefined;
  /** A short word on what a key just did ("Buried until tomorrow"), shown until the next key. */
  flash: string | undefined;
}

export type ReviewAction =
  | { type: 'move'; by: number }
  | { type: 'moveTo'; position: 'first' | 'last' }
  | { type: 'expand' }
  | { type: 'collapse' }
  | { type: 'start'; at: number }
  | { type: 'reveal'; at: number }
  | { type: 'grade'; grade: Grade4; at: number }
  | { type: 'undo'; at: number }
  | { type: 'suspend'; at: number }
  | { type: 'bury'; at: number }
  | { type: 'edit' }
  | { type: 'scroll'; by: number }
  | { type: 'studyNow'; at: number }
  | { type: 'end'; at: number }
  | { type: 'decks'; at: number };

export interface ReviewParams {
  /** Start a session on this deck at once (topic id; null: every card). */
  deck: string | null;
}

const ALL = 'All cards';

export function deckTitle(state: ReviewState, deck: string | null): string {
  return deck === null ? ALL : (state.topicsById.get(deck)?.title ?? deck);
}

/** Topic titles from the file down to the card's heading: the context shown on every card. */
export function cardBreadcrumb(state: ReviewState, card: Card): string[] {
  const path: string[] = [];
  for (let t = state.topicsById.get(card.topic); t; t = t.parent === undefined ? undefined : state.topicsById.get(t.parent)) path.unshift(t.title);
  return path;
}

export function currentCard(state: ReviewState): Card | undefined {
  return state.current && state.session?.byId.get(state.current.id);
}

/** Rows of the deck list below its header lines. */
export function deckListRows(state: ReviewState): number {
  return Math.max(1, bodyHeight(state.size) - deckHeaderRows(state));
}

export function deckHeaderRows(state: ReviewState): number {
  // Today's line, the exam line when there is an exam, a blank, the column titles.
  return state.exam.kind === 'none' ? 3 : 4;
}

function deckRows(topics: readonly Topic[], counts: ReadonlyMap<string, DeckCounts>, expanded: ReadonlySet<string>): DeckRow[] {
  const all: DeckCounts = { new: 0, learning: 0, due: 0, total: 0 };
  for (const t of topics) {
    const c = counts.get(t.id);
    if (!c) continue;
    all.new += c.new;
    all.learning += c.learning;
    all.due += c.due;
    all.total += c.total;
  }
  const rows: DeckRow[] = [{ id: null, title: ALL, depth: 0, counts: all, hasChildren: false, open: true }];
  const walk = (t: Topic, depth: number) => {
    const c = counts.get(t.id);
    // A topic without cards is no deck: it would only lengthen the list.
    if (!c || c.total === 0) return;
    const children = t.children.filter((k) => (counts.get(k.id)?.total ?? 0) > 0);
    const open = expanded.has(t.id) && children.length > 0;
    rows.push({ id: t.id, title: t.title, depth, counts: c, hasChildren: children.length > 0, open });
    if (open) children.forEach((k) => walk(k, depth + 1));
  };
  topics.forEach((t) => walk(t, 0));
  return rows;
}

/** Recounts the decks from `states` and keeps the highlighted deck (or its nearest visible parent) in view. */
function recount(state: ReviewState, states: Readonly<Record<string, CardState>>): ReviewState {
  const endOfDay = state.progress?.endOfDay ?? state.now;
  const counts = deckCounts(state.index.topics, state.index.cards, states, state.now, endOfDay);
  return settleDecks({ ...state, states, rows: deckRows(state.index.topics, counts, state.expanded) });
}

function settleDecks(state: ReviewState): ReviewState {
  let selected = state.selected;
  // A deck hidden by a collapse, or gone from the notes: its nearest visible ancestor.
  while (selected !== null && !state.rows.some((r) => r.id === selected)) selected = state.topicsById.get(selected)?.parent ?? null;
  const at = Math.max(0, state.rows.findIndex((r) => r.id === selected));
  return { ...state, selected, deckTop: windowStart(state.deckTop, at, deckListRows(state), state.rows.length) };
}

function examOf(index: ContentIndex, progress: ProgressSnapshot | undefined): ExamStatus {
  return progress ? examStatus(index.cards, progress) : { kind: 'none' };
}

export function initReview(ctx: ScreenContext, size: TerminalSize, params?: unknown): ReviewState {
  const progress = ctx.progress;
  const now = progress?.now ?? 0;
  const state: ReviewState = recount(
    {
      size,
      index: ctx.index,
      progress,
      now,
      topicsById: new Map(flattenTopics(ctx.index.topics).map((t) => [t.id, t])),
      states: {},
      rows: [],
      // One file opens with its headings showing, as the Study screen does.
      expanded: new Set(ctx.index.topics.length === 1 ? [ctx.index.topics[0]!.id] : []),
      selected: null,
      deckTop: 0,
      exam: examOf(ctx.index, progress),
      mode: 'decks',
      deck: null,
      session: undefined,
      current: undefined,
      waitUntil: undefined,
      summary: undefined,
      flash: undefined,
    },
    progress?.cards ?? {},
  );
  const launch = params as ReviewParams | undefined;
  if (!launch) return state;
  return begin({ ...state, selected: launch.deck }, launch.deck, now);
}

function begin(state: ReviewState, deck: string | null, at: number): ReviewState {
  const progress = state.progress;
  if (!progress) return { ...state, flash: 'Progress is not available' };
  const topic = deck === null ? undefined : state.topicsById.get(deck);
  const topics = topic ? topicSubtreeIds(topic) : undefined;
  const session = startSession(sessionSetup(progress, state.index.cards, at, topics, state.states));
  return advance({ ...state, now: at, deck: topic ? topic.id : null, session, summary: undefined }, at);
}

/** Shows whatever comes next: a card, the wait for a learning card, or the summary. */
function advance(state: ReviewState, at: number): ReviewState {
  const session = state.session;
  if (!session) return state;
  const next = nextCard(session, at);
  if (next.kind === 'card') {
    return { ...state, now: at, mode: 'card', current: { id: next.id, from: next.from, shownAt: at, revealed: false, intervals: undefined, scroll: 0 }, waitUntil: undefined };
  }
  if (next.kind === 'wait') return { ...state, now: at, mode: 'waiting', current: undefined, waitUntil: next.until };
  return toSummary(state, at);
}

function toSummary(state: ReviewState, at: number): ReviewState {
  const session = state.session;
  if (!session) return state;
  const states = mergedStates(session);
  const endOfDay = state.progress?.endOfDay ?? at;
  const topic = state.deck === null ? undefined : state.topicsById.get(state.deck);
  const topics = topic ? topicSubtreeIds(topic) : undefined;
  let nextDue: number | undefined;
  let dueTomorrow = 0;
  let fresh = 0;
  for (const card of state.index.cards) {
    if (topics && !topics.has(card.topic)) continue;
    const s = states[card.id];
    const bucket = bucketOf(s, at, endOfDay);
    if (bucket === 'new') fresh++;
    if (!s || s.state === 0 || bucket === 'suspended') continue;
    if (nextDue === undefined || s.due < nextDue) nextDue = s.due;
    if (s.due < endOfDay + 86_400_000) dueTomorrow++;
  }
  const newLeft = Math.min(fresh, session.newLeft);
  return {
    ...state,
    now: at,
    mode: 'summary',
    current: undefined,
    waitUntil: undefined,
    summary: { tally: session.tally, nextDue, dueTomorrow, newLeft, newWaiting: fresh - newLeft },
  };
}

/** Where the current card's text stands on this screen: how far it scrolls, where its answer starts. */
function cardGeometry(state: ReviewState, current: CurrentCard, card: Card) {
  return layoutCard({ card, crumb: '', count: [], revealed: current.revealed, intervals: current.intervals, scroll: current.scroll }, state.size.columns, bodyHeight(state.size));
}

function reveal(state: ReviewState, at: number): ReviewState {
  const { session, current } = state;
  const card = currentCard(state);
  if (!session || !current || !card || current.revealed) return state;
  // The intervals as of now: the longer the learner thought, the longer the answer's own gap.
  const before = stateOf(session, card.id) ?? newCardState(session.scheduler, card, at);
  const preview = session.scheduler.preview(before, at);
  const intervals = { 1: preview[1].intervalMs, 2: preview[2].intervalMs, 3: preview[3].intervalMs, 4: preview[4].intervalMs };
  const shown: CurrentCard = { ...current, revealed: true, intervals };
  // A card taller than the screen scrolls to its answer, keeping the front's last row in sight.
  const g = cardGeometry(state, { ...shown, scroll: 0 }, card);
  const scroll = g.below > 0 ? Math.min(g.maxScroll, Math.max(current.scroll, g.backAt - 1)) : current.scroll;
  return { ...state, now: at, current: { ...shown, scroll } };
}

function grade(state: ReviewState, g: Grade4, at: number): ReviewState | Reduced<ReviewState> {
  const { session, current } = state;
  if (!session || !current?.revealed) return state;
  const result = answer(session, current.id, g, at, current.shownAt);
  if (!result) return state;
  return withEffects(advance({ ...state, session: result.session }, at), { type: 'progress', write: result.write });
}

function setAside(state: ReviewState, kind: 'suspend' | 'bury', at: number): ReviewState | Reduced<ReviewState> {
  const { session, current } = state;
  if (!session || !current) return state;
  const result = kind === 'suspend' ? suspend(session, current.id, at) : bury(session, current.id, at);
  if (!result) return state;
  const next = advance({ ...state, session: result.session }, at);
  return withEffects({ ...next, flash: kind === 'suspend' ? 'Suspended · u undoes' : 'Buried until tomorrow · u undoes' }, { type: 'progress', write: result.write });
}

function takeBack(state: ReviewState, at: number): ReviewState | Reduced<ReviewState> {
  const session = state.session;
  if (!session) return state;
  const result = undo(session);
  if (!result) return { ...state, flash: 'Nothing to undo' };
  const id = result.card;
  const card = result.session.byId.get(id);
  const restored: ReviewState = { ...state, session: result.session, summary: undefined, now: at };
  const shown: ReviewState = card
    ? { ...restored, mode: 'card', current: { id, from: fromOf(result.session, id), shownAt: at, revealed: false, intervals: undefined, scroll: 0 }, waitUntil: undefined }
    : advance(restored, at);
  return withEffects({ ...shown, flash: 'Undone' }, { type: 'progress', write: result.write });
}

function fromOf(session: Session, id: string): CurrentCard['from'] {
  if (session.learning.includes(id)) return 'learning';
  const s = stateOf(session, id);
  return !s || s.state === 0 ? 'new' : s.state === 2 ? 'review' : 'learning';
}

function edit(state: ReviewState): ReviewState | Reduced<ReviewState> {
  const card = currentCard(state);
  if (!card) return state;
  return withEffects(state, { type: 'editor', file: join(state.index.root, card.source.file), line: card.source.line });
}

function toDecks(state: ReviewState, at: number): ReviewState {
  const session = state.session;
  // This session's answers over the latest snapshot: both are on disk, and the snapshot may be older.
  const states = session ? mergedStates({ ...session, base: state.progress?.cards ?? session.base }) : state.states;
  return recount({ ...state, now: at, mode: 'decks', session: undefined, current: undefined, waitUntil: undefined, summary: undefined, exam: examOf(state.index, state.progress) }, states);
}

function moveDeck(state: ReviewState, to: number): ReviewState {
  const at = Math.min(Math.max(0, to), state.rows.length - 1);
  const row = state.rows[at];
  if (!row) return state;
  return settleDecks({ ...state, selected: row.id });
}

function selectedIndex(state: ReviewState): number {
  return Math.max(0, state.rows.findIndex((r) => r.id === state.selected));
}

function setExpanded(state: ReviewState, id: string, open: boolean): ReviewState {
  const expanded = new Set(state.expanded);
  if (open) expanded.add(id);
  else expanded.delete(id);
  return recount({ ...state, expanded }, state.states);
}

function reduce(state: ReviewState, action: ReviewAction): ReviewState | Reduced<ReviewState> {
  switch (action.type) {
    case 'move':
      return moveDeck(state, selectedIndex(state) + action.by);
    case 'moveTo':
      return moveDeck(state, action.position === 'first' ? 0 : state.rows.length - 1);
    case 'expand': {
      const row = state.rows[selectedIndex(state)];
      if (!row || row.id === null || !row.hasChildren) return state;
      // Open, or step into the first subdeck when already open (as the Study tree does).
      return row.open ? moveDeck(state, selectedIndex(state) + 1) : setExpanded(state, row.id, true);
    }
    case 'collapse': {
      const row = state.rows[selectedIndex(state)];
      if (!row || row.id === null) return state;
      if (row.open) return setExpanded(state, row.id, false);
      const parent = state.topicsById.get(row.id)?.parent;
      return parent === undefined ? state : settleDecks({ ...state, selected: parent });
    }
    case 'start':
      return begin(state, state.selected, action.at);
    case 'reveal':
      return reveal(state, action.at);
    case 'grade':
      return grade(state, action.grade, action.at);
    case 'undo':
      return takeBack(state, action.at);
    case 'suspend':
      return setAside(state, 'suspend', action.at);
    case 'bury':
      return setAside(state, 'bury', action.at);
    case 'edit':
      return edit(state);
    case 'scroll': {
      const card = currentCard(state);
      if (!state.current || !card) return state;
      const max = cardGeometry(state, state.current, card).maxScroll;
      const scroll = Math.min(max, Math.max(0, state.current.scroll + action.by));
      return scroll === state.current.scroll ? state : { ...state, current: { ...state.current, scroll } };
    }
    case 'studyNow': {
      // Learn ahead: the learner would rather see the waiting card now than wait for its step.
      const next = state.session && nextCard(state.session, action.at);
      if (!next || next.kind !== 'wait') return state;
      return { ...state, now: action.at, mode: 'card', current: { id: next.id, from: 'learning', shownAt: action.at, revealed: false, intervals: undefined, scroll: 0 }, waitUntil: undefined };
    }
    case 'end':
      return toSummary(state, action.at);
    case 'decks':
      // Today's figures on the deck list come from the store: ask for them with this session in.
      return withEffects(toDecks(state, action.at), { type: 'refreshProgress' });
  }
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState | Reduced<ReviewState> {
  // A flash lasts until the next key; the action that sets one sets it on its result.
  return reduce(state.flash === undefined ? state : { ...state, flash: undefined }, action);
}

export function resizeReview(state: ReviewState, size: TerminalSize): ReviewState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  return settleDecks({ ...state, size });
}

/** A new snapshot: the deck list recounts; a running session keeps its own view until it ends. */
export function progressReview(state: ReviewState, ctx: ScreenContext): ReviewState {
  const progress = ctx.progress;
  if (!progress || progress === state.progress) return state;
  // The exam outlook replays every card; during a session nobody sees it, so it waits for the deck list.
  if (state.mode !== 'decks') return { ...state, progress };
  return recount({ ...state, progress, exam: examOf(state.index, progress), now: Math.max(state.now, progress.now) }, progress.cards);
}

/** Reloaded notes: edited cards keep their place in the session under their new ids. */
export function reloadReview(state: ReviewState, ctx: ScreenContext, size: TerminalSize, change?: ReloadChange): ReviewState {
  const renamed = change?.renamed ?? {};
  const progress = ctx.progress ?? state.progress;
  const base: ReviewState = {
    ...state,
    size,
    index: ctx.index,
    progress,
    topicsById: new Map(flattenTopics(ctx.index.topics).map((t) => [t.id, t])),
    exam: examOf(ctx.index, progress),
  };
  if (!state.session) return recount(base, progress?.cards ?? state.states);
  const session = renameInSession(state.session, ctx.index.cards, renamed);
  const moved = { ...base, session, deck: state.deck !== null && base.topicsById.has(state.deck) ? state.deck : null };
  if (state.mode !== 'card' || !state.current) return moved;
  const id = renamed[state.current.id] ?? state.current.id;
  // The card on screen was deleted from the notes: go on with the next one.
  if (!session.byId.has(id)) return advance(moved, state.now);
  return { ...moved, current: { ...state.current, id } };
}

/** While waiting for a learning card: each second for the countdown, and when the card is due. */
export function wakeReview(state: ReviewState): number | undefined {
  if (state.mode !== 'waiting' || state.waitUntil === undefined) return undefined;
  return Math.min(state.waitUntil, (Math.floor(state.now / 1000) + 1) * 1000);
}

export function clockReview(state: ReviewState, at: number): ReviewState {
  if (state.mode !== 'waiting' || state.waitUntil === undefined) return state;
  return at >= state.waitUntil ? advance(state, at) : { ...state, now: at };
}

/** How many new cards today still allows, for the deck list's New column. */
export function newAllowance(state: ReviewState): number {
  return state.progress ? newLeftToday(state.progress) : 0;
}
