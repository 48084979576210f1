import { isCorrect } from '../../../exam/score.js';
import type { ExamSessionState } from './state.js';

// What both the reducer and the lines need, kept apart so the reducer can measure the lines
// (to bound its scroll positions) without the two modules importing each other.

/** The questions the review walks through: all of them, or the misses only. */
export function reviewList(state: ExamSessionState): number[] {
  const s = state.session;
  if (!s) return [];
  const all = s.questions.map((_, i) => i);
  return state.review.missesOnly ? all.filter((i) => !isCorrect(s.answers[i] ?? [], s.questions[i]!.answer)) : all;
}
