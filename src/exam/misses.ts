// What a finished attempt's misses send back for study: the flashcards on each missed question's
// passage and facts (the same rule as a practice miss), and the missed questions themselves as a
// practice round.

import type { ContentIndex } from '../content/model.js';
import { cardsForMiss } from '../quiz/practice.js';
import { isCorrect } from './score.js';
import type { SessionState, StoredQuestion } from './session.js';

/** Every question answered wrong or left blank, scored or not (each is something to learn). */
export function missedQuestions(s: SessionState): StoredQuestion[] {
  return s.questions.filter((q, i) => !isCorrect(s.answers[i] ?? [], q.answer));
}

/** Flashcard ids the misses name, each once, in paper order. */
export function missCards(index: ContentIndex, s: SessionState): string[] {
  const ids = new Set<string>();
  for (const q of missedQuestions(s)) for (const c of cardsForMiss(index, q)) ids.add(c.id);
  return [...ids];
}
