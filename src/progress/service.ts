import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Card } from '../content/model.js';
import { readEntriesFrom } from '../store/journal.js';
import { reviewSchema, settingsSchema, undoneSchema, type CardState, type Review, type Settings, type Undone } from '../store/schema.js';
import { ProgressStore } from '../store/store.js';
import { Scheduler, type Grade4 } from '../srs/fsrs.js';
import { pruneOrphans, syncCardIdentity, type IdentitySync } from '../srs/identity.js';
import { answerCard, newCardState, startSession, type Answered, type ProgressWrite, type Session } from '../srs/session.js';
import type { Clock } from './clock.js';
import { makeStudiedDue, QUIZ_JOURNAL, readQuizAnswer, type QuizAnswer } from '../quiz/practice.js';
import { schedulerOptions, sessionSetup, type ProgressPort, type ProgressSnapshot } from './snapshot.js';

// The one way the app and the CLI change progress. It owns no clock and no time zone (both come
// in as a Clock) and holds nothing the store does not: every change is one store.update, so the
// card's new state and its review-log line are written together under the lock.
//
// Undo keeps the review log append-only: the card's previous state is written back, and the
// answer is named in a second journal, undone.jsonl; every reader (statistics, the optimizer
// export, the new-card count) leaves named answers out. Nothing already written is ever edited.

export class SettingsError extends Error {}

export interface ServiceOptions {
  clock: Clock;
  /** One line for the user (a corrupt file set aside). */
  notify?: (message: string) => void;
  /** Interval fuzz, as Anki: on in the app, off in tests so intervals are exact. */
  fuzz?: boolean;
}

interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

const undoneKey = (card: string, at: number) => `${at}\u0000${card}`;

export class ProgressService implements ProgressPort {
  private readonly clock: Clock;
  private readonly fuzz: boolean;
  /** The review log as last read, and where reading stopped, so later reads take only new lines. */
  private log = { reviews: [] as Review[], offset: 0, skipped: 0 };
  private undoneLog = { entries: [] as Undone[], offset: 0 };
  private quizLog = { entries: [] as QuizAnswer[], offset: 0 };
  private effective: { reviews: readonly Review[]; from: Review[]; undone: number } | undefined;
  private stamp: FileStamp | undefined;

  private constructor(
    readonly store: ProgressStore,
    options: ServiceOptions,
  ) {
    this.clock = options.clock;
    this.fuzz = options.fuzz ?? true;
    this.stamp = this.fileStamp();
  }

  /** Opens the progress in `dir`. Throws StoreError for a file from a newer shardlab. */
  static open(dir: string, options: ServiceOptions): ProgressService {
    return new ProgressService(ProgressStore.open(dir, { now: options.clock.now, ...(options.notify ? { notify: options.notify } : {}) }), options);
  }

  get settings(): Settings {
    return this.store.data.settings;
  }

  get cards(): Readonly<Record<string, CardState>> {
    return this.store.data.cards;
  }

  now(): number {
    return this.clock.now();
  }

  /** Start of the exam day, when one is set. */
  examAt(): number | null {
    const date = this.settings.examDate;
    return date === null ? null : (this.clock.parseDay(date) ?? null);
  }

  scheduler(now = this.clock.now()): Scheduler {
    return new Scheduler(schedulerOptions(this.settings, this.examAt(), now, this.fuzz));
  }

  /**
   * Follows the notes: progress of an edited card moves to its new id, a vanished card's becomes
   * an orphan. Writes only when something changed, so opening the app costs no write.
   */
  syncCards(cards: readonly Card[]): IdentitySync {
    if (!needsSync(cards, this.cards)) return { relinked: [], orphaned: [], restored: [] };
    let sync: IdentitySync = { relinked: [], orphaned: [], restored: [] };
    this.update((doc) => {
      sync = syncCardIdentity(cards, doc.cards, this.clock.now());
    });
    return sync;
  }

  /** Records one step of a session: an answer (state and review log together), a suspend, a bury or an undo. */
  apply(write: ProgressWrite): void {
    this.update((doc) => {
      switch (write.kind) {
        case 'answer':
          doc.cards[write.card] = write.after;
          return { journal: [{ name: 'reviews', entries: [write.review] }] };
        case 'suspend':
        case 'bury':
          doc.cards[write.card] = write.after;
          return undefined;
        case 'undo': {
          if (write.restore) doc.cards[write.card] = write.restore;
          else delete doc.cards[write.card];
          if (!write.undoes) return undefined;
          const entry: Undone = { card: write.undoes.card, at: write.undoes.at, undoneAt: this.clock.now() };
          return { journal: [{ name: 'undone', entries: [entry] }] };
        }
      }
    });
  }

  /**
   * Answers `card` now, from its state on disk (another instance may have answered it since this
   * one last read). Returns the write, which `undo` takes back.
   */
  answer(card: Card, grade: Grade4, options: { durationMs?: number } = {}): Answered & { write: ProgressWrite & { kind: 'answer' }; before: CardState | undefined } {
    const now = this.clock.now();
    let result!: Answered & { before: CardState | undefined };
    this.update((doc) => {
      const before = doc.cards[card.id];
      result = { ...answerCard(this.scheduler(now), card, before, grade, now, options.durationMs), before };
      doc.cards[card.id] = result.after;
      return { journal: [{ name: 'reviews', entries: [result.review] }] };
    });
    return { ...result, write: { kind: 'answer', card: card.id, after: result.after, review: result.review } };
  }

  /** Takes back an answer given with `answer`: the card's previous state, and the answer marked undone. */
  undo(answered: { write: ProgressWrite & { kind: 'answer' }; before: CardState | undefined }): void {
    this.apply({ kind: 'undo', card: answered.write.card, restore: answered.before ?? null, undoes: answered.write.review });
  }

  /**
   * Stores a practice answer; for a miss, the flashcards it names that have been studied become
   * due now (a new card is already waiting in the new queue, and a suspended one stays out), so
   * the next review session brings them back. Returns the cards made due, which the entry keeps.
   */
  recordQuizAnswer(entry: QuizAnswer, cards: readonly string[]): string[] {
    const now = this.clock.now();
    let due: string[] = [];
    this.update((doc) => {
      due = makeStudiedDue(doc.cards, cards, now);
      return { journal: [{ name: QUIZ_JOURNAL, entries: [{ ...entry, cards: due }] }] };
    });
    return due;
  }

  /** Practice answers, oldest first. */
  quizAnswers(): readonly QuizAnswer[] {
    const read = readEntriesFrom(this.store.journalPath(QUIZ_JOURNAL), this.quizLog.offset, readQuizAnswer);
    if (read.reset) this.quizLog = { entries: [], offset: 0 };
    if (read.entries.length > 0) this.quizLog = { ...this.quizLog, entries: [...this.quizLog.entries, ...read.entries] };
    this.quizLog.offset = read.offset;
    return this.quizLog.entries;
  }

  /** Takes `card` out of every queue until it is unsuspended. */
  suspend(card: Card, suspended = true): void {
    const now = this.clock.now();
    this.update((doc) => {
      doc.cards[card.id] = { ...(doc.cards[card.id] ?? newCardState(this.scheduler(now), card, now)), suspended };
    });
  }

  /** Hides `card` until the learner's next day starts. */
  bury(card: Card): void {
    const now = this.clock.now();
    this.update((doc) => {
      doc.cards[card.id] = { ...(doc.cards[card.id] ?? newCardState(this.scheduler(now), card, now)), buriedUntil: this.clock.nextDay(now) };
    });
  }

  /** Changes settings; values outside the schema's range are refused with a SettingsError. */
  setSettings(change: Partial<Settings>): Settings {
    const next = settingsSchema.safeParse({ ...this.settings, ...change });
    if (!next.success) {
      const issue = next.error.issues[0];
      throw new SettingsError(issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid settings');
    }
    if (next.data.examDate !== null && this.clock.parseDay(next.data.examDate) === undefined) {
      throw new SettingsError(`${next.data.examDate} is not a date`);
    }
    this.update((doc) => {
      doc.settings = next.data;
    });
    return this.settings;
  }

  /** Brings suspended cards back into the queues (those of `topics` only, when given); returns their ids. */
  unsuspend(topics?: ReadonlySet<string>): string[] {
    const pick = (state: CardState) => state.suspended && (!topics || topics.has(state.topic));
    let ids = Object.keys(this.cards).filter((id) => pick(this.cards[id]!));
    if (ids.length === 0) return ids;
    this.update((doc) => {
      ids = Object.keys(doc.cards).filter((id) => pick(doc.cards[id]!));
      for (const id of ids) doc.cards[id] = { ...doc.cards[id]!, suspended: false };
    });
    return ids;
  }

  /** Removes the progress of cards no longer in the notes; returns their ids. */
  prune(): string[] {
    let removed: string[] = [];
    if (!Object.values(this.cards).some((s) => s.orphanedAt !== null)) return removed;
    this.update((doc) => {
      removed = pruneOrphans(doc.cards);
    });
    return removed;
  }

  /** The review log without undone answers, oldest first (as appended). */
  reviews(): readonly Review[] {
    this.readLogs();
    const undone = this.undoneLog.entries;
    if (this.effective && this.effective.from === this.log.reviews && this.effective.undone === undone.length) return this.effective.reviews;
    const taken = new Set(undone.map((u) => undoneKey(u.card, u.at)));
    const reviews = taken.size === 0 ? this.log.reviews : this.log.reviews.filter((r) => !taken.has(undoneKey(r.card, r.at)));
    this.effective = { reviews, from: this.log.reviews, undone: undone.length };
    return reviews;
  }

  /** Lines of the review log that could not be read (torn by a crash, or edited by hand). */
  skippedReviews(): number {
    this.readLogs();
    return this.log.skipped;
  }

  /** New cards first answered between `from` and `to`: what the daily new-card limit counts. */
  newIntroduced(from: number, to = Infinity): number {
    let n = 0;
    for (const r of this.reviews()) if (r.state === 0 && r.at >= from && r.at < to) n++;
    return n;
  }

  /** A review session over `cards` (a deck's when `topics` is given), starting now. */
  session(cards: readonly Card[], topics?: ReadonlySet<string>): Session {
    const snapshot = this.snapshot();
    return startSession(sessionSetup(snapshot, cards, snapshot.now, topics));
  }

  /** Everything the screens show, as of now; re-reads the files if another instance changed them. */
  snapshot(): ProgressSnapshot {
    const now = this.clock.now();
    const stamp = this.fileStamp();
    if (!sameStamp(stamp, this.stamp)) {
      this.store.refresh();
      this.stamp = stamp;
    }
    const startOfDay = this.clock.startOfDay(now);
    const endOfDay = this.clock.nextDay(now);
    const reviews = this.reviews();
    let newToday = 0;
    let reviewsToday = 0;
    // The log is in time order as appended; today's answers are at its end.
    for (let i = reviews.length - 1; i >= 0; i--) {
      const r = reviews[i]!;
      if (r.at < startOfDay) break;
      if (r.at >= endOfDay) continue;
      reviewsToday++;
      if (r.state === 0) newToday++;
    }
    let orphans = 0;
    for (const id in this.cards) if (this.cards[id]!.orphanedAt !== null) orphans++;
    return {
      now,
      startOfDay,
      endOfDay,
      settings: this.settings,
      examAt: this.examAt(),
      cards: this.cards,
      reviews,
      newToday,
      reviewsToday,
      orphans,
      fuzz: this.fuzz,
      quizAnswers: this.quizAnswers(),
    };
  }

  private update(change: Parameters<ProgressStore['update']>[0]): void {
    this.store.update(change);
    this.stamp = this.fileStamp();
  }

  private readLogs(): void {
    const reviews = readEntriesFrom(this.store.journalPath('reviews'), this.log.offset, (v) => {
      const r = reviewSchema.safeParse(v);
      return r.success ? r.data : null;
    });
    if (reviews.reset) this.log = { reviews: [], offset: 0, skipped: 0 };
    // A new array when lines were added: earlier snapshots keep the log they were given.
    if (reviews.entries.length > 0 || reviews.reset) this.log = { ...this.log, reviews: [...this.log.reviews, ...reviews.entries] };
    this.log.offset = reviews.offset;
    this.log.skipped += reviews.skipped;
    const undone = readEntriesFrom(this.store.journalPath('undone'), this.undoneLog.offset, (v) => {
      const u = undoneSchema.safeParse(v);
      return u.success ? u.data : null;
    });
    if (undone.reset) this.undoneLog = { entries: [], offset: 0 };
    if (undone.entries.length > 0) this.undoneLog = { ...this.undoneLog, entries: [...this.undoneLog.entries, ...undone.entries] };
    this.undoneLog.offset = undone.offset;
  }

  private fileStamp(): FileStamp | undefined {
    try {
      const s = statSync(join(this.store.dir, 'progress.json'));
      return { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino };
    } catch {
      return undefined;
    }
  }
}

function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (!a || !b) return a === b;
  return a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}

/** Whether syncCardIdentity would change anything: a read-only pass, so unchanged notes cost no write. */
function needsSync(cards: readonly Card[], stored: Readonly<Record<string, CardState>>): boolean {
  const current = new Set<string>();
  const unmatchedTopics = new Set<string>();
  for (const card of cards) {
    current.add(card.id);
    const s = stored[card.id];
    if (!s) unmatchedTopics.add(card.topic);
    else if (s.front !== card.front || s.topic !== card.topic || s.orphanedAt !== null) return true;
  }
  for (const id in stored) {
    if (current.has(id)) continue;
    const s = stored[id]!;
    if (s.orphanedAt === null) return true;
    // An orphan in the topic of a card without progress may be that card, edited.
    if (unmatchedTopics.has(s.topic)) return true;
  }
  return false;
}
