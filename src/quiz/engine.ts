// Assembles a quiz: picks kinds in a sensible mix, asks each kind's generator for a question,
// passes every question through `validate`, and never repeats one. The same index, seed and
// request give the same questions, because the only randomness is the seeded Rng.

import type { ContentIndex, Topic } from '../content/model.js';
import { createRng, type Rng } from '../sim/core/rng.js';
import { GENERATORS } from './generators/index.js';
import { QUIZ_KINDS, type GeneratorContext, type Question, type QuizKind } from './model.js';
import { validate } from './validate.js';

/**
 * The default mix: arithmetic and recall are the exam's bread and butter, cloze covers notes
 * written as prose, comparison and authored scenarios add the "which service" questions.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<QuizKind, number>> = { calc: 3, recall: 2, cloze: 2, authored: 2, compare: 1 };

/** A kind that fails this many times in a row has nothing more to give from these notes. */
const GIVE_UP_AFTER = 40;

export interface QuizRequest {
  count: number;
  seed: number;
  kinds?: readonly QuizKind[];
  /** Only questions about this topic and its subtopics. */
  topic?: Topic;
  limitSource?: GeneratorContext['limitSource'];
  weights?: Partial<Record<QuizKind, number>>;
}

export interface QuizRun {
  questions: Question[];
  /** Questions built but refused by validate; a non-zero figure means a generator has a bug. */
  rejected: number;
}

function subtreeIds(topic: Topic): Set<string> {
  const ids = new Set<string>();
  const walk = (t: Topic) => {
    ids.add(t.id);
    t.children.forEach(walk);
  };
  walk(topic);
  return ids;
}

/** The notes narrowed to one topic's subtree: what a topic quiz may ask about. */
export function scopeIndex(index: ContentIndex, topic: Topic): ContentIndex {
  const ids = subtreeIds(topic);
  const inScope = <T extends { topic: string }>(items: readonly T[]) => items.filter((i) => ids.has(i.topic));
  return {
    ...index,
    topics: [topic],
    cards: inScope(index.cards),
    facts: inScope(index.facts),
    comparisons: inScope(index.comparisons),
    questions: inScope(index.questions),
    mentions: inScope(index.mentions),
  };
}

function pickKind(rng: Rng, kinds: readonly QuizKind[], weights: Readonly<Record<QuizKind, number>>): QuizKind {
  const total = kinds.reduce((sum, k) => sum + weights[k], 0);
  let x = rng.next() * total;
  for (const k of kinds) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return kinds[kinds.length - 1]!;
}

export function generateQuiz(index: ContentIndex, request: QuizRequest): QuizRun {
  const rng = createRng(request.seed);
  const weights = { ...DEFAULT_WEIGHTS, ...request.weights };
  const ctx: GeneratorContext = { index: request.topic ? scopeIndex(index, request.topic) : index, rng, scoped: request.topic !== undefined };
  if (request.limitSource) ctx.limitSource = request.limitSource;
  const live = new Set((request.kinds ?? QUIZ_KINDS).filter((k) => weights[k] > 0));
  const failures = new Map<QuizKind, number>();
  const seen = new Set<string>();
  const questions: Question[] = [];
  let rejected = 0;
  while (questions.length < request.count && live.size > 0) {
    const kind = pickKind(rng, QUIZ_KINDS.filter((k) => live.has(k)), weights);
    const q = GENERATORS[kind](ctx);
    const ok = q !== null && !seen.has(q.id) && validate(q).ok;
    if (q && !seen.has(q.id) && !ok) rejected++;
    if (ok) {
      seen.add(q.id);
      questions.push(q);
      failures.set(kind, 0);
    } else {
      const n = (failures.get(kind) ?? 0) + 1;
      failures.set(kind, n);
      if (n >= GIVE_UP_AFTER) live.delete(kind);
    }
  }
  return { questions, rejected };
}
