// The only module that imports ts-fsrs: on import, ts-fsrs 5.x adds helper methods to
// Date.prototype, and the library is pinned (~5.4) while its API is reorganised upstream, so
// everything else talks to this small interface in epoch milliseconds.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card as FsrsCard, type Grade } from 'ts-fsrs';
import type { CardState } from '../store/schema.js';

export type Grade4 = 1 | 2 | 3 | 4;
export const GRADE_NAMES: Record<Grade4, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export interface SchedulerOptions {
  desiredRetention: number;
  /** Longest interval in days; an exam date caps it so no card is scheduled after the exam. */
  maximumIntervalDays?: number;
  /** Off in tests; on in the app, where ts-fsrs seeds it from the card and the time. */
  fuzz?: boolean;
}

export interface Scheduled {
  state: Omit<CardState, 'front' | 'topic' | 'suspended' | 'buriedUntil' | 'orphanedAt'>;
  /** ms until due: what the grade buttons show. */
  intervalMs: number;
}

/** The part of a stored card state that scheduling reads and writes. */
export type SchedulingState = Scheduled['state'];
type Core = SchedulingState;

const DAY_MS = 86_400_000;

export class Scheduler {
  private readonly engine;
  private readonly maxIntervalMs: number;

  constructor(options: SchedulerOptions) {
    this.maxIntervalMs = Math.max(1, Math.floor(options.maximumIntervalDays ?? 36_500)) * DAY_MS;
    this.engine = fsrs(
      generatorParameters({
        request_retention: options.desiredRetention,
        maximum_interval: Math.max(1, Math.floor(options.maximumIntervalDays ?? 36_500)),
        enable_fuzz: options.fuzz ?? false,
        enable_short_term: true,
      }),
    );
  }

  newState(now: number): Core {
    return fromFsrs(createEmptyCard(new Date(now)));
  }

  /** What each grade would do, for the buttons' interval labels. */
  preview(state: Core, now: number): Record<Grade4, Scheduled> {
    const preview = this.engine.repeat(toFsrs(state), new Date(now));
    const out = {} as Record<Grade4, Scheduled>;
    for (const g of [1, 2, 3, 4] as Grade4[]) {
      const state = this.capped(fromFsrs(preview[g as unknown as Grade].card), now);
      out[g] = { state, intervalMs: state.due - now };
    }
    return out;
  }

  answer(state: Core, grade: Grade4, now: number): Scheduled & { elapsedDays: number } {
    const { card, log } = this.engine.next(toFsrs(state), new Date(now), grade as unknown as Grade);
    const next = this.capped(fromFsrs(card), now);
    return { state: next, intervalMs: next.due - now, elapsedDays: log.elapsed_days };
  }

  /**
   * ts-fsrs clamps Good to maximum_interval but then keeps Easy above Good, so Easy can land past
   * the cap; an exam date is a hard line, so the cap is enforced here for every grade.
   */
  private capped(state: Core, now: number): Core {
    if (state.due - now <= this.maxIntervalMs) return state;
    return { ...state, due: now + this.maxIntervalMs, scheduledDays: this.maxIntervalMs / DAY_MS };
  }

  /** Probability of recall at `at` (0 for a card never studied). */
  retrievability(state: Core, at: number): number {
    if (state.state === 0 || state.lastReview === null) return 0;
    return this.engine.get_retrievability(toFsrs(state), new Date(at), false);
  }
}

function toFsrs(s: Core): FsrsCard {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.lastReview !== null ? { last_review: new Date(s.lastReview) } : {}),
  };
}

function fromFsrs(c: FsrsCard): Core {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    state: c.state,
    reps: c.reps,
    lapses: c.lapses,
    learningSteps: c.learning_steps,
    scheduledDays: c.scheduled_days,
    lastReview: c.last_review ? new Date(c.last_review).getTime() : null,
  };
}

export { Rating };
