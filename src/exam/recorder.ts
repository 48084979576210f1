// The running exam on disk: the `exam` section of progress.json holds the attempt in progress
// (deadline, every answer, flags, time per question), written after every change, so a crash or
// a closed terminal loses nothing. A finished attempt is appended to the `exam-attempts` journal
// with its report and leaves the section empty.

import { z } from 'zod';
import { makeStudiedDue } from '../quiz/practice.js';
import type { ProgressStore } from '../store/store.js';
import { reduceSession, sessionSchema, type SessionAction, type SessionState } from './session.js';
import { scoreSession, type ExamReport } from './score.js';

export const EXAM_SECTION = 'exam';
export const ATTEMPTS_JOURNAL = 'exam-attempts';

export const attemptRecordSchema = z.object({
  session: sessionSchema,
  report: z.object({ scaledScore: z.number(), passed: z.boolean(), correct: z.number(), scored: z.number() }).loose(),
  /** Flashcards the misses made due when the attempt was recorded (absent in early records). */
  due: z.array(z.string()).optional(),
});

export interface AttemptRecord {
  session: SessionState;
  report: ExamReport;
  due?: string[];
}

/** A finished attempt as recorded: its report and the flashcards its misses made due. */
export interface Recorded {
  state: SessionState;
  report?: ExamReport;
  due?: string[];
}

export class ExamStateError extends Error {}

export type Resumed = { state: SessionState; finished: false } | { state: SessionState; finished: true; report: ExamReport; due: string[]; expiredWhileAway: boolean };

/** The flashcards a finished attempt's misses name (src/exam/misses.ts), made due as it is recorded. */
export type DueCards = (finished: SessionState) => readonly string[];

export class ExamRecorder {
  constructor(private readonly store: ProgressStore) {}

  /** The attempt in progress, validated; null when there is none. Throws ExamStateError when it is damaged. */
  running(): SessionState | null {
    const raw = this.store.refresh().sections[EXAM_SECTION];
    if (raw === undefined || raw === null) return null;
    const parsed = sessionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ExamStateError(`the running exam in progress.json is damaged (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
    }
    return parsed.data.phase === 'running' ? parsed.data : null;
  }

  /** Stores a new attempt; one running at a time, so a second start is refused. */
  start(state: SessionState): SessionState {
    if (this.running()) throw new ExamStateError('an exam is already in progress (shardlab exam --resume)');
    this.save(state);
    return state;
  }

  /**
   * Applies `action`, stores the result when anything changed, and records the attempt when it
   * ends; `dueCards` are the flashcards its misses name, made due in the same write.
   */
  dispatch(state: SessionState, action: SessionAction, dueCards: DueCards = () => []): Recorded {
    const next = reduceSession(state, action);
    if (next === state) return { state };
    if (next.phase === 'finished') return { state: next, ...this.record(next, dueCards(next)) };
    this.save(next);
    return { state: next };
  }

  /**
   * The running attempt at `now`: with its time really left, or, when the deadline passed while
   * the app was closed, submitted at the deadline and scored.
   */
  resume(now: number, dueCards?: DueCards): Resumed | null {
    const state = this.running();
    if (!state) return null;
    if (now >= state.deadline) {
      const { state: done, report, due } = this.dispatch(state, { type: 'tick', at: now }, dueCards);
      return { state: done, finished: true, report: report!, due: due ?? [], expiredWhileAway: true };
    }
    // Time away belongs to no question: the clock ran, but nobody was reading this one.
    const back = { ...state, enteredAt: now };
    this.save(back);
    return { state: back, finished: false };
  }

  attempts(): { entries: AttemptRecord[]; skipped: number } {
    return this.store.readJournal(ATTEMPTS_JOURNAL, (v) => {
      const r = attemptRecordSchema.safeParse(v);
      return r.success ? (r.data as unknown as AttemptRecord) : null;
    });
  }

  private save(state: SessionState): void {
    const valid = sessionSchema.parse(state);
    this.store.update((doc) => {
      doc.sections[EXAM_SECTION] = valid;
    });
  }

  /**
   * One write: the running section cleared, the misses' studied flashcards due at the submit
   * time, and the attempt journalled with the cards it made due. Done once per attempt, since the
   * write that records it is the one that ends it.
   */
  private record(state: SessionState, cards: readonly string[]): { report: ExamReport; due: string[] } {
    const report = scoreSession(state);
    let due: string[] = [];
    this.store.update((doc) => {
      delete doc.sections[EXAM_SECTION];
      due = makeStudiedDue(doc.cards, cards, state.submittedAt ?? state.deadline);
      const entry: AttemptRecord = { session: state, report, due };
      return { journal: [{ name: ATTEMPTS_JOURNAL, entries: [entry] }] };
    });
    return { report, due };
  }
}
