import type { Card } from '../content/model.js';
import type { CardState } from '../store/schema.js';
import { Scheduler, type SchedulingState } from './fsrs.js';

// No flashcard tool plans for an exam date; this does. Predicted recall on exam day is the mean
// probability of recall at that moment over every card (a card never studied counts as 0). The
// reviews a day needed come from replaying each card forward, answering Good whenever it falls
// due, with intervals capped so the last review lands before the exam, until the exam.

const DAY_MS = 86_400_000;

export interface ExamOutlook {
  examAt: number;
  daysLeft: number;
  /** Mean probability of recall at the exam if nothing more is studied. */
  predictedRecall: number;
  /** Reviews (including first studies of new cards) per day to reach the desired retention by then. */
  reviewsPerDay: number;
  totalReviews: number;
}

export function examOutlook(cards: readonly Card[], stored: Readonly<Record<string, CardState>>, o: { now: number; examAt: number; desiredRetention: number }): ExamOutlook {
  const daysLeft = Math.max(0, Math.ceil((o.examAt - o.now) / DAY_MS));
  const scheduler = new Scheduler({ desiredRetention: o.desiredRetention, maximumIntervalDays: Math.max(1, daysLeft) });
  let recall = 0;
  let totalReviews = 0;
  for (const card of cards) {
    const state = stored[card.id];
    if (state && state.state !== 0) recall += scheduler.retrievability(state, o.examAt);
    if (state?.suspended) continue;
    totalReviews += reviewsUntil(scheduler, state ?? null, o.now, o.examAt, o.desiredRetention);
  }
  return {
    examAt: o.examAt,
    daysLeft,
    predictedRecall: cards.length ? recall / cards.length : 0,
    reviewsPerDay: daysLeft > 0 ? Math.ceil(totalReviews / daysLeft) : totalReviews,
    totalReviews,
  };
}

/** Reviews a card needs before `examAt`, answering Good each time, to be at `target` on the day. */
function reviewsUntil(scheduler: Scheduler, state: CardState | null, now: number, examAt: number, target: number): number {
  if (examAt <= now) return 0;
  let core: SchedulingState | null = state && state.state !== 0 ? state : null;
  let at = core ? Math.max(now, core.due) : now;
  let count = 0;
  // A card already certain enough on the day needs nothing more.
  if (core && scheduler.retrievability(core, examAt) >= target) return 0;
  for (let guard = 0; guard < 50 && at < examAt; guard++) {
    const next = scheduler.answer(core ?? scheduler.newState(at), 3, at);
    count++;
    core = next.state;
    if (scheduler.retrievability(core, examAt) >= target) break;
    at = Math.max(at + 60_000, core.due);
  }
  return count;
}
