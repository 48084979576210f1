import type { Card } from '../content/model.js';
import type { CardState, Review } from '../store/schema.js';
import { Scheduler, type Grade4, type SchedulerOptions } from './fsrs.js';
import { buildQueue } from './queue.js';

// One review session, as pure data: which card comes next, what an answer does to it, and what
// must be written to the progress store for it. The Review screen's reducer and the CLI's tests
// drive it with the time passed in, so a whole session (or sixty days of them) replays exactly.
//
// Order follows Anki: learning cards as soon as they are due (they are minutes from being
// forgotten), then due reviews (most at risk on exam day first when an exam date is set), then
// new cards up to the day's limit. A card answered into a learning step comes back in the same
// session when its step is due; when only such cards are left the session waits for them.
//
// Siblings (a card and its reverse, the clozes of one sentence: cards written on the same line)
// never meet on the same day, as with Anki's sibling burying: seeing one gives the other away.

/** What the progress store must record for one step of a session. */
export type ProgressWrite =
  | { kind: 'answer'; card: string; after: CardState; review: Review }
  | { kind: 'suspend'; card: string; after: CardState }
  | { kind: 'bury'; card: string; after: CardState }
  /**
   * Puts a card back as it was (`restore: null`: it had no progress, it is new again). `undoes`
   * is the answer taken back: the review log is append-only, so it is marked undone, not removed.
   */
  | { kind: 'undo'; card: string; restore: CardState | null; undoes?: Review };

/** A fresh card's scheduling state, ready to be answered for the first time. */
export function newCardState(scheduler: Scheduler, card: Card, now: number): CardState {
  return { ...scheduler.newState(now), front: card.front, topic: card.topic, suspended: false, buriedUntil: null, orphanedAt: null };
}

export interface Answered {
  after: CardState;
  review: Review;
  intervalMs: number;
}

/** The new state of `card` answered with `grade` at `now`, and the review log entry for it. */
export function answerCard(scheduler: Scheduler, card: Card, before: CardState | undefined, grade: Grade4, now: number, durationMs?: number): Answered {
  const base = before ?? newCardState(scheduler, card, now);
  const result = scheduler.answer(base, grade, now);
  // An answer digs a buried card out (the learner chose to see it) and keeps the text current.
  const after: CardState = { ...base, ...result.state, front: card.front, topic: card.topic, buriedUntil: null, orphanedAt: null };
  const review: Review = {
    card: card.id,
    at: now,
    rating: grade,
    state: base.state,
    elapsedDays: Math.max(0, result.elapsedDays),
    scheduledDays: result.state.scheduledDays,
    ...(durationMs !== undefined ? { durationMs: Math.max(0, Math.round(durationMs)) } : {}),
  };
  return { after, review, intervalMs: result.intervalMs };
}

export interface SessionSetup {
  /** Every card of the notes; `topics` narrows them to a deck. */
  cards: readonly Card[];
  stored: Readonly<Record<string, CardState>>;
  /** A deck: the topic ids of its subtree. Undefined: all cards. */
  topics?: ReadonlySet<string>;
  now: number;
  /** Start of the learner's next day: buried cards return then, and learning steps past it wait for tomorrow. */
  endOfDay: number;
  newCardsPerDay: number;
  newIntroducedToday: number;
  scheduler: SchedulerOptions;
  /** Exam day (epoch ms) when one is set and still ahead: reviews most at risk then come first. */
  examAt?: number;
}

export interface SessionTally {
  /** Answers given, including repeats of learning cards. */
  answers: number;
  /** Distinct cards answered. */
  cards: number;
  again: number;
  /** New cards seen for the first time. */
  newCards: number;
  suspended: number;
  buried: number;
  /** Time spent looking at cards, each answer counted up to MAX_ANSWER_MS. */
  studyMs: number;
  byGrade: readonly [number, number, number, number];
}

/** Where the session's queues stood: what undo puts back. */
interface QueuePosition {
  reviewAt: number;
  freshAt: number;
  newLeft: number;
  learning: readonly string[];
  deferred: ReadonlySet<string>;
}

interface SessionStep {
  card: string;
  /** The card's state before the step; undefined for a card that had none (new). */
  before: CardState | undefined;
  position: QueuePosition;
  tally: SessionTally;
  seen: ReadonlySet<string>;
  write: ProgressWrite;
}

export interface Session {
  readonly scheduler: Scheduler;
  readonly endOfDay: number;
  readonly byId: ReadonlyMap<string, Card>;
  /** States as the session started; `changed` overlays what the session did since. */
  readonly base: Readonly<Record<string, CardState>>;
  readonly changed: ReadonlyMap<string, CardState | undefined>;
  /** Due reviews in the order they are shown; `reviewAt` is the next one. */
  readonly review: readonly string[];
  readonly reviewAt: number;
  /** New cards in note order; `freshAt` is the next one, `newLeft` how many more today allows. */
  readonly fresh: readonly string[];
  readonly freshAt: number;
  readonly newLeft: number;
  /** Cards in a learning step, earliest due first. */
  readonly learning: readonly string[];
  /** Queued cards passed over today because a sibling was studied. */
  readonly deferred: ReadonlySet<string>;
  readonly history: readonly SessionStep[];
  readonly tally: SessionTally;
  /** Cards answered at least once in this session. */
  readonly seen: ReadonlySet<string>;
  /** Some queued cards left the notes (a reload): queues hold ids that must be passed over. */
  readonly pruned: boolean;
  /** Queued cards by sibling group (note file and line). */
  readonly siblings: ReadonlyMap<string, readonly string[]>;
}

/** Anki's default cap on the time one answer counts for: a learner who walked away is not studying. */
export const MAX_ANSWER_MS = 60_000;

const emptyTally: SessionTally = { answers: 0, cards: 0, again: 0, newCards: 0, suspended: 0, buried: 0, studyMs: 0, byGrade: [0, 0, 0, 0] };

/** Cards written on the same line of the same note are siblings. */
function siblingKey(card: Card): string {
  return `${card.source.file}:${card.source.line}`;
}

export function startSession(setup: SessionSetup): Session {
  const scheduler = new Scheduler(setup.scheduler);
  const examAt = setup.examAt;
  // Every new card is queued and `newLeft` applies the day's limit as they are answered, so a new
  // card passed over (a sibling studied today) leaves room for the next one.
  const queue = buildQueue(setup.cards, setup.stored, {
    now: setup.now,
    endOfDay: setup.endOfDay,
    newCardsPerDay: Number.MAX_SAFE_INTEGER,
    newIntroducedToday: 0,
    ...(setup.topics ? { topics: setup.topics } : {}),
    ...(examAt !== undefined && examAt > setup.now ? { riskAtExam: (s: CardState) => scheduler.retrievability(s, examAt) } : {}),
  });
  const byId = new Map<string, Card>();
  for (const c of [...queue.learning, ...queue.review, ...queue.fresh]) byId.set(c.id, c);
  // A new card waits for another day when a sibling was studied today or is due in this session.
  const busy = new Set<string>();
  const dayStart = setup.endOfDay - 86_400_000;
  for (const c of setup.cards) {
    const s = setup.stored[c.id];
    if (s?.lastReview != null && s.lastReview >= dayStart) busy.add(siblingKey(c));
  }
  for (const c of [...queue.learning, ...queue.review]) busy.add(siblingKey(c));
  const deferred = new Set<string>();
  for (const c of queue.fresh) {
    const key = siblingKey(c);
    if (busy.has(key)) deferred.add(c.id);
    else busy.add(key);
  }
  const siblings = new Map<string, string[]>();
  for (const c of byId.values()) siblings.set(siblingKey(c), [...(siblings.get(siblingKey(c)) ?? []), c.id]);
  return {
    scheduler,
    endOfDay: setup.endOfDay,
    byId,
    base: setup.stored,
    changed: new Map(),
    review: queue.review.map((c) => c.id),
    reviewAt: 0,
    fresh: queue.fresh.map((c) => c.id),
    freshAt: 0,
    newLeft: Math.max(0, setup.newCardsPerDay - setup.newIntroducedToday),
    learning: queue.learning.map((c) => c.id),
    deferred,
    siblings,
    history: [],
    tally: emptyTally,
    seen: new Set(),
    pruned: false,
  };
}

export function stateOf(session: Session, id: string): CardState | undefined {
  return session.changed.has(id) ? session.changed.get(id) : session.base[id];
}

/** Every state with the session's changes applied (a copy: for counting decks after a session). */
export function mergedStates(session: Session): Record<string, CardState> {
  const out: Record<string, CardState> = { ...session.base };
  for (const [id, state] of session.changed) {
    if (state) out[id] = state;
    else delete out[id];
  }
  return out;
}

export type Next =
  | { kind: 'card'; id: string; from: 'learning' | 'review' | 'new' }
  /** Only learning cards are left, the first due at `until`. */
  | { kind: 'wait'; id: string; until: number; waiting: number }
  | { kind: 'done' };

/** The card to show at `now`. Cards dropped from the notes meanwhile are passed over. */
export function nextCard(session: Session, now: number): Next {
  const learning = session.learning.filter((id) => session.byId.has(id));
  const first = learning[0];
  const firstDue = first === undefined ? Infinity : (stateOf(session, first)?.due ?? 0);
  if (first !== undefined && firstDue <= now) return { kind: 'card', id: first, from: 'learning' };
  for (let i = session.reviewAt; i < session.review.length; i++) {
    const id = session.review[i]!;
    if (session.byId.has(id) && !session.deferred.has(id)) return { kind: 'card', id, from: 'review' };
  }
  if (session.newLeft > 0) {
    for (let i = session.freshAt; i < session.fresh.length; i++) {
      const id = session.fresh[i]!;
      if (session.byId.has(id) && !session.deferred.has(id)) return { kind: 'card', id, from: 'new' };
    }
  }
  if (first !== undefined) return { kind: 'wait', id: first, until: firstDue, waiting: learning.length };
  return { kind: 'done' };
}

/** What is left, as the count line above a card shows it. */
export function remaining(session: Session): { new: number; learning: number; review: number } {
  // Counting is arithmetic until cards are passed over (a reload dropped them, or a sibling was
  // studied); only then are ids checked one by one.
  const live = (ids: readonly string[], from: number) => {
    if (!session.pruned && session.deferred.size === 0) return Math.max(0, ids.length - from);
    let n = 0;
    for (let i = from; i < ids.length; i++) if (session.byId.has(ids[i]!) && !session.deferred.has(ids[i]!)) n++;
    return n;
  };
  return {
    new: Math.min(session.newLeft, live(session.fresh, session.freshAt)),
    learning: live(session.learning, 0),
    review: live(session.review, session.reviewAt),
  };
}

function position(session: Session): QueuePosition {
  return { reviewAt: session.reviewAt, freshAt: session.freshAt, newLeft: session.newLeft, learning: session.learning, deferred: session.deferred };
}

/** `deferred` with the siblings of `id` still waiting in the review or new queue added. */
function deferSiblings(session: Session, id: string): ReadonlySet<string> {
  const card = session.byId.get(id);
  const group = card ? session.siblings.get(siblingKey(card)) : undefined;
  if (!group || group.length < 2) return session.deferred;
  const out = new Set(session.deferred);
  for (const other of group) {
    if (other === id || session.learning.includes(other)) continue;
    if (session.review.indexOf(other, session.reviewAt) !== -1 || session.fresh.indexOf(other, session.freshAt) !== -1) out.add(other);
  }
  return out.size === session.deferred.size ? session.deferred : out;
}

/** The queues without `id`: it was answered, suspended or buried, wherever it was waiting. */
function taken(session: Session, id: string, answered: boolean): QueuePosition {
  const at = position(session);
  if (at.learning.includes(id)) return { ...at, learning: at.learning.filter((x) => x !== id) };
  // Skipped-over ids (cards removed from the notes) are passed along with it.
  const r = session.review.indexOf(id, session.reviewAt);
  if (r !== -1) return { ...at, reviewAt: r + 1 };
  const f = session.fresh.indexOf(id, session.freshAt);
  // Only an answer introduces a new card; suspending or burying one leaves the day's allowance.
  if (f !== -1) return { ...at, freshAt: f + 1, newLeft: answered ? at.newLeft - 1 : at.newLeft };
  return at;
}

function withLearning(session: Session, learning: readonly string[], id: string, state: CardState): readonly string[] {
  const rest = learning.filter((x) => x !== id);
  // Still in a step and due before the day ends: it comes back in this session.
  if ((state.state !== 1 && state.state !== 3) || state.due >= session.endOfDay) return rest;
  const at = rest.findIndex((x) => (stateOf(session, x)?.due ?? 0) > state.due);
  return at === -1 ? [...rest, id] : [...rest.slice(0, at), id, ...rest.slice(at)];
}

function step(session: Session, id: string, before: CardState | undefined, write: ProgressWrite): SessionStep {
  return { card: id, before, position: position(session), tally: session.tally, seen: session.seen, write };
}

export interface AnswerResult {
  session: Session;
  write: ProgressWrite & { kind: 'answer' };
  intervalMs: number;
}

/**
 * Answers `id` at `now`. `shownAt` is when its front appeared, for the time spent (counted up to
 * MAX_ANSWER_MS). Returns undefined for a card not in the session.
 */
export function answer(session: Session, id: string, grade: Grade4, now: number, shownAt = now): AnswerResult | undefined {
  const card = session.byId.get(id);
  if (!card) return undefined;
  const before = stateOf(session, id);
  const durationMs = Math.min(MAX_ANSWER_MS, Math.max(0, now - shownAt));
  const done = answerCard(session.scheduler, card, before, grade, now, durationMs);
  const write = { kind: 'answer' as const, card: id, after: done.after, review: done.review };
  const changed = new Map(session.changed).set(id, done.after);
  const moved = taken(session, id, true);
  const next: Session = { ...session, changed };
  const t = session.tally;
  const byGrade = [...t.byGrade] as [number, number, number, number];
  byGrade[grade - 1]!++;
  const seen = session.seen.has(id) ? session.seen : new Set(session.seen).add(id);
  return {
    session: {
      ...next,
      ...moved,
      deferred: deferSiblings(session, id),
      learning: withLearning(next, moved.learning, id, done.after),
      history: [...session.history, step(session, id, before, write)],
      tally: {
        ...t,
        answers: t.answers + 1,
        cards: seen === session.seen ? t.cards : t.cards + 1,
        again: t.again + (grade === 1 ? 1 : 0),
        newCards: t.newCards + (before === undefined || before.state === 0 ? 1 : 0),
        studyMs: t.studyMs + durationMs,
        byGrade,
      },
      seen,
    },
    write,
    intervalMs: done.intervalMs,
  };
}

function setAside(session: Session, id: string, now: number, kind: 'suspend' | 'bury'): { session: Session; write: ProgressWrite } | undefined {
  const card = session.byId.get(id);
  if (!card) return undefined;
  const before = stateOf(session, id);
  const base = before ?? newCardState(session.scheduler, card, now);
  const after: CardState = kind === 'suspend' ? { ...base, suspended: true } : { ...base, buriedUntil: session.endOfDay };
  const write: ProgressWrite = { kind, card: id, after };
  const t = session.tally;
  return {
    session: {
      ...session,
      ...taken(session, id, false),
      changed: new Map(session.changed).set(id, after),
      history: [...session.history, step(session, id, before, write)],
      tally: kind === 'suspend' ? { ...t, suspended: t.suspended + 1 } : { ...t, buried: t.buried + 1 },
    },
    write,
  };
}

/** Suspends `id` until the learner unsuspends it: it leaves every queue. */
export function suspend(session: Session, id: string, now: number) {
  return setAside(session, id, now, 'suspend');
}

/** Buries `id` until the next day starts. */
export function bury(session: Session, id: string, now: number) {
  return setAside(session, id, now, 'bury');
}

/** Takes back the last step: the card's state, the queues and the tally return to before it. */
export function undo(session: Session): { session: Session; write: ProgressWrite; card: string } | undefined {
  const last = session.history[session.history.length - 1];
  if (!last) return undefined;
  const write: ProgressWrite = {
    kind: 'undo',
    card: last.card,
    restore: last.before ?? null,
    ...(last.write.kind === 'answer' ? { undoes: last.write.review } : {}),
  };
  return {
    session: {
      ...session,
      ...last.position,
      changed: new Map(session.changed).set(last.card, last.before),
      history: session.history.slice(0, -1),
      tally: last.tally,
      seen: last.seen,
    },
    write,
    card: last.card,
  };
}

/**
 * The session on reloaded notes: cards follow their new ids (an edited front relinked to its
 * progress), their text is the new one, and cards that are gone are passed over.
 */
export function renameInSession(session: Session, cards: readonly Card[], renamed: Readonly<Record<string, string>>): Session {
  const to = (id: string) => renamed[id] ?? id;
  const current = new Map(cards.map((c) => [c.id, c]));
  const byId = new Map<string, Card>();
  for (const id of session.byId.keys()) {
    const card = current.get(to(id));
    if (card) byId.set(card.id, card);
  }
  const changed = new Map<string, CardState | undefined>();
  for (const [id, state] of session.changed) changed.set(to(id), state);
  const base: Record<string, CardState> = {};
  for (const [id, state] of Object.entries(session.base)) base[to(id)] = state;
  const ids = (list: readonly string[]) => list.map(to);
  const siblings = new Map<string, string[]>();
  for (const card of byId.values()) siblings.set(siblingKey(card), [...(siblings.get(siblingKey(card)) ?? []), card.id]);
  // The logged review keeps the id it was logged under, so undoing it still names that line.
  const renameWrite = (w: ProgressWrite): ProgressWrite => ({ ...w, card: to(w.card) });
  return {
    ...session,
    byId,
    pruned: session.pruned || byId.size < session.byId.size,
    base,
    changed,
    review: ids(session.review),
    fresh: ids(session.fresh),
    learning: ids(session.learning),
    deferred: new Set([...session.deferred].map(to)),
    siblings,
    seen: new Set([...session.seen].map(to)),
    history: session.history.map((h) => ({
      ...h,
      card: to(h.card),
      position: { ...h.position, learning: ids(h.position.learning), deferred: new Set([...h.position.deferred].map(to)) },
      seen: new Set([...h.seen].map(to)),
      write: renameWrite(h.write),
    })),
  };
}
