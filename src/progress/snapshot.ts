import type { Card } from '../content/model.js';
import type { QuizAnswer } from '../quiz/practice.js';
import type { CardState, Review, Settings } from '../store/schema.js';
import { examOutlook, type ExamOutlook } from '../srs/exam-day.js';
import type { SchedulerOptions } from '../srs/fsrs.js';
import type { IdentitySync } from '../srs/identity.js';
import { bucketOf } from '../srs/queue.js';
import type { ProgressWrite, SessionSetup } from '../srs/session.js';
import { DAY_MS } from './clock.js';

// What the app's screens know about progress: plain data taken at one moment, so their reducers
// stay pure. The app asks the ProgressPort for a new snapshot when a screen opens, every minute,
// and after the notes are reloaded; each answer goes back through the port as a ProgressWrite.

export interface ProgressSnapshot {
  /** When the snapshot was taken; `startOfDay`/`endOfDay` bound the learner's day at that time. */
  now: number;
  startOfDay: number;
  endOfDay: number;
  settings: Settings;
  /** Start of the exam day, when one is set. */
  examAt: number | null;
  cards: Readonly<Record<string, CardState>>;
  /** The review log without undone answers, oldest first. */
  reviews: readonly Review[];
  /** New cards first answered today, which the daily new-card limit counts. */
  newToday: number;
  reviewsToday: number;
  /** Progress kept for cards no longer in the notes (until `shardlab progress prune`). */
  orphans: number;
  /** Interval fuzz: on in the app (as Anki), off in tests. */
  fuzz: boolean;
  /** Practice answers, oldest first (the quiz-answers journal): weak spots and retakes read them. */
  quizAnswers?: readonly QuizAnswer[];
}

/** The app's way to the progress store; the CLI hands it a ProgressService. */
export interface ProgressPort {
  snapshot(): ProgressSnapshot;
  apply(write: ProgressWrite): void;
  /** Re-links progress to the cards of reloaded notes (an edited front keeps its progress). */
  syncCards(cards: readonly Card[]): IdentitySync;
  /** Stores a practice answer and makes the flashcards its miss names due now; returns those made due. */
  recordQuizAnswer?(entry: QuizAnswer, cards: readonly string[]): string[];
}

/**
 * The scheduler for answers given at `now`: the desired retention, and with an exam ahead, no
 * interval that lands after the exam (the review must happen before it to count).
 */
export function schedulerOptions(settings: Settings, examAt: number | null, now: number, fuzz: boolean): SchedulerOptions {
  const options: SchedulerOptions = { desiredRetention: settings.desiredRetention, fuzz };
  if (examAt !== null && examAt > now) options.maximumIntervalDays = Math.max(1, Math.floor((examAt - now) / DAY_MS));
  return options;
}

export function newLeftToday(snapshot: ProgressSnapshot): number {
  return Math.max(0, snapshot.settings.newCardsPerDay - snapshot.newToday);
}

/** A review session over `cards` (narrowed to `topics`), as of `now`. */
export function sessionSetup(snapshot: ProgressSnapshot, cards: readonly Card[], now: number, topics?: ReadonlySet<string>, stored = snapshot.cards): SessionSetup {
  const examAhead = snapshot.examAt !== null && snapshot.examAt > now;
  return {
    cards,
    stored,
    ...(topics ? { topics } : {}),
    now,
    endOfDay: snapshot.endOfDay,
    newCardsPerDay: snapshot.settings.newCardsPerDay,
    newIntroducedToday: snapshot.newToday,
    scheduler: schedulerOptions(snapshot.settings, snapshot.examAt, now, snapshot.fuzz),
    ...(examAhead && snapshot.examAt !== null ? { examAt: snapshot.examAt } : {}),
  };
}

export interface TodayCounts {
  /** Learning and review cards due by the end of today. */
  due: number;
  learning: number;
  review: number;
  /** New cards a session would show today (the daily limit applied). */
  new: number;
}

export function todayCounts(cards: readonly Card[], snapshot: ProgressSnapshot, topics?: ReadonlySet<string>): TodayCounts {
  let learning = 0;
  let review = 0;
  let fresh = 0;
  for (const card of cards) {
    if (topics && !topics.has(card.topic)) continue;
    const bucket = bucketOf(snapshot.cards[card.id], snapshot.now, snapshot.endOfDay);
    if (bucket === 'learning') learning++;
    else if (bucket === 'review') review++;
    else if (bucket === 'new') fresh++;
  }
  return { due: learning + review, learning, review, new: Math.min(fresh, newLeftToday(snapshot)) };
}

export type ExamStatus = { kind: 'none' } | { kind: 'passed'; examAt: number } | ({ kind: 'ahead' } & ExamOutlook);

// Home, Review and Progress all show the outlook for the same snapshot; it replays every card
// forward, so it is worked out once per snapshot and notes.
const outlooks = new WeakMap<ProgressSnapshot, WeakMap<readonly Card[], ExamStatus>>();

/** The exam-day outlook (predicted recall, reviews a day needed), when an exam date is set. */
export function examStatus(cards: readonly Card[], snapshot: ProgressSnapshot): ExamStatus {
  if (snapshot.examAt === null) return { kind: 'none' };
  if (snapshot.examAt < snapshot.startOfDay) return { kind: 'passed', examAt: snapshot.examAt };
  let byCards = outlooks.get(snapshot);
  if (!byCards) outlooks.set(snapshot, (byCards = new WeakMap()));
  const known = byCards.get(cards);
  if (known) return known;
  const status: ExamStatus = {
    kind: 'ahead',
    ...examOutlook(cards, snapshot.cards, { now: snapshot.now, examAt: snapshot.examAt, desiredRetention: snapshot.settings.desiredRetention }),
  };
  byCards.set(cards, status);
  return status;
}
