// Practice mode without the screen: which questions a practice round asks (a pick of topics and
// kinds, the learner's weak spots, or their earlier misses), how an answer is scored and stored,
// and which flashcards a miss sends back for review. Pure: the seed and the time come in.

import { z } from 'zod';
import type { Card, ContentIndex, SourceRef, Topic } from '../content/model.js';
import { createRng, type Rng } from '../sim/core/rng.js';
import type { CardState } from '../store/schema.js';
import { DEFAULT_WEIGHTS, generateQuiz } from './engine.js';
import { calcQuestion } from './generators/index.js';
import { QUIZ_KINDS, type GeneratorContext, type Question, type QuizKind } from './model.js';
import { TEMPLATE_BY_ID } from './templates/index.js';
import { validate } from './validate.js';

/** The journal practice answers go to (`quiz-answers.jsonl` in the data dir). */
export const QUIZ_JOURNAL = 'quiz-answers';

/** One answered question, as the journal keeps it: enough to score topics and to ask it again. */
export const quizAnswerSchema = z.object({
  question: z.string(),
  kind: z.enum(['recall', 'cloze', 'calc', 'compare', 'authored']),
  topic: z.string(),
  sources: z.array(z.object({ file: z.string(), line: z.number() })),
  facts: z.array(z.string()).default([]),
  /** Flashcards the miss made due (empty for a right answer). */
  cards: z.array(z.string()).default([]),
  correct: z.boolean(),
  chosen: z.array(z.string()),
  at: z.number(),
  /** The seed the question was generated with, and the topic the generation was narrowed to. */
  seed: z.number(),
  scope: z.string().nullable(),
  /** For arithmetic: the template, so a retake draws fresh numbers for the same working. */
  template: z.string().optional(),
  durationMs: z.number().min(0).optional(),
});

export type QuizAnswer = z.output<typeof quizAnswerSchema>;

export function readQuizAnswer(value: unknown): QuizAnswer | null {
  const r = quizAnswerSchema.safeParse(value);
  return r.success ? r.data : null;
}

export type PracticeSource = 'pick' | 'weak' | 'misses';

export interface PracticeRequest {
  source: PracticeSource;
  /** Topic ids to draw from (each with its subtopics); empty: every topic. */
  topics: readonly string[];
  kinds: readonly QuizKind[];
  count: number;
  seed: number;
  limitSource?: GeneratorContext['limitSource'];
}

/** A question of a round, with what regenerates it. */
export interface PracticeItem {
  question: Question;
  seed: number;
  /** The topic generation was narrowed to (null: all notes). */
  scope: string | null;
}

/** How many recent answers weak spots are measured over. */
export const WEAK_WINDOW = 200;

/** A different, well-spread seed for each attempt, so one question's seed regenerates it alone. */
export function attemptSeed(seed: number, attempt: number): number {
  let z = (seed ^ Math.imul(attempt + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function topicMap(index: ContentIndex): Map<string, Topic> {
  const map = new Map<string, Topic>();
  const walk = (t: Topic) => {
    map.set(t.id, t);
    t.children.forEach(walk);
  };
  index.topics.forEach(walk);
  return map;
}

function pickWeighted<T>(rng: Rng, items: readonly { item: T; weight: number }[]): T | undefined {
  const total = items.reduce((s, i) => s + i.weight, 0);
  if (total <= 0) return undefined;
  let x = rng.next() * total;
  for (const i of items) {
    x -= i.weight;
    if (x < 0) return i.item;
  }
  return items[items.length - 1]?.item;
}

/**
 * Error rate per question topic over the last WEAK_WINDOW answers, smoothed as (missed + 1) ÷
 * (answered + 2) so one lucky answer does not make a topic look mastered and one slip does not
 * make it look hopeless.
 */
export function topicErrorRates(history: readonly QuizAnswer[]): Map<string, { answered: number; missed: number; rate: number }> {
  const out = new Map<string, { answered: number; missed: number; rate: number }>();
  for (const a of history.slice(-WEAK_WINDOW)) {
    const t = out.get(a.topic) ?? { answered: 0, missed: 0, rate: 0 };
    t.answered++;
    if (!a.correct) t.missed++;
    out.set(a.topic, t);
  }
  for (const t of out.values()) t.rate = (t.missed + 1) / (t.answered + 2);
  return out;
}

/** Topics to practise, weighted by their recent error rate; only topics with a recent miss. */
export function weakTopics(index: ContentIndex, history: readonly QuizAnswer[]): { topic: string; weight: number }[] {
  const known = topicMap(index);
  return [...topicErrorRates(history)]
    .filter(([id, t]) => t.missed > 0 && known.has(id))
    .map(([topic, t]) => ({ topic, weight: t.rate }))
    .sort((a, b) => b.weight - a.weight || a.topic.localeCompare(b.topic));
}

/** Questions whose latest answer was wrong, most recent first; answering one right clears it. */
export function missedAnswers(history: readonly QuizAnswer[]): QuizAnswer[] {
  const latest = new Map<string, QuizAnswer>();
  for (const a of history) latest.set(a.question, a);
  return [...latest.values()].filter((a) => !a.correct).sort((a, b) => b.at - a.at);
}

/** One question of `kind`, narrowed to `scope`; null when that corner of the notes gives none. */
function generateOne(index: ContentIndex, seed: number, kind: QuizKind, scope: Topic | undefined, limitSource: PracticeRequest['limitSource']): Question | null {
  const run = generateQuiz(index, { count: 1, seed, kinds: [kind], ...(scope ? { topic: scope } : {}), ...(limitSource ? { limitSource } : {}) });
  return run.questions[0] ?? null;
}

/**
 * A missed question asked again: the same seed, kind and scope give the same question while the
 * notes are unchanged; an arithmetic question keeps its template but draws new numbers (a retake
 * should test the working, not the memory of one figure). Null when the notes no longer give it.
 */
export function regenerate(index: ContentIndex, miss: QuizAnswer, seed: number, limitSource?: PracticeRequest['limitSource']): PracticeItem | null {
  const topics = topicMap(index);
  const scope = miss.scope === null ? undefined : topics.get(miss.scope);
  if (miss.scope !== null && !scope) return null;
  if (miss.template) {
    const template = TEMPLATE_BY_ID.get(miss.template);
    if (!template) return null;
    for (let attempt = 0; attempt < 20; attempt++) {
      const s = attemptSeed(seed, attempt);
      const ctx: GeneratorContext = { index, rng: createRng(s), ...(limitSource ? { limitSource } : {}) };
      const q = calcQuestion(template, ctx);
      if (q && validate(q).ok) return { question: q, seed: s, scope: null };
    }
    return null;
  }
  const q = generateOne(index, miss.seed, miss.kind, scope, limitSource);
  return q && q.id === miss.question ? { question: q, seed: miss.seed, scope: miss.scope } : null;
}

/**
 * The questions of a round. Each is generated on its own seed (kept in the journal so it can be
 * asked again), on a topic drawn from the request (uniformly among picked topics, by error rate
 * for weak spots) and a kind drawn with the engine's default mix; a question already in the round
 * is not asked twice. Fewer than `count` come back when the notes cannot give more.
 */
export function buildPractice(index: ContentIndex, request: PracticeRequest, history: readonly QuizAnswer[]): PracticeItem[] {
  const items: PracticeItem[] = [];
  const seen = new Set<string>();
  const rng = createRng(request.seed);
  if (request.source === 'misses') {
    for (const [i, miss] of missedAnswers(history).entries()) {
      if (items.length >= request.count) break;
      const item = regenerate(index, miss, attemptSeed(request.seed, i), request.limitSource);
      if (item && !seen.has(item.question.id)) {
        seen.add(item.question.id);
        items.push(item);
      }
    }
    return items;
  }
  const topics = topicMap(index);
  const pool: { item: Topic | undefined; weight: number }[] =
    request.source === 'weak'
      ? weakTopics(index, history).map((w) => ({ item: topics.get(w.topic), weight: w.weight }))
      : request.topics.length === 0
        ? [{ item: undefined, weight: 1 }]
        : request.topics.flatMap((id) => (topics.has(id) ? [{ item: topics.get(id), weight: 1 }] : []));
  const kinds = request.kinds.length ? request.kinds : QUIZ_KINDS;
  const kindPool = kinds.map((k) => ({ item: k, weight: DEFAULT_WEIGHTS[k] }));
  if (pool.length === 0) return items;
  const tries = request.count * 12;
  for (let attempt = 0; attempt < tries && items.length < request.count; attempt++) {
    const kind = pickWeighted(rng, kindPool)!;
    let scope = pickWeighted(rng, pool);
    const seed = attemptSeed(request.seed, attempt);
    let q = generateOne(index, seed, kind, scope, request.limitSource);
    // A weak heading with one fact may not feed this kind: widen to its parent topics.
    while (!q && scope?.parent !== undefined && request.source === 'weak') {
      scope = topics.get(scope.parent);
      q = generateOne(index, seed, kind, scope, request.limitSource);
    }
    if (!q || seen.has(q.id)) continue;
    seen.add(q.id);
    items.push({ question: q, seed, scope: scope?.id ?? null });
  }
  return items;
}

/** Right when exactly the keyed options were chosen. */
export function isCorrect(question: Question, chosen: readonly string[]): boolean {
  const want = new Set(question.answer);
  return chosen.length === want.size && chosen.every((c) => want.has(c));
}

/** Lines either side of a question's source within which a card counts as the same passage. */
export const NEIGHBOURHOOD = 3;

function mentions(text: string, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  return n.length >= 3 && text.toLowerCase().includes(n);
}

/**
 * The flashcards a missed question sends back for review: cards of the question's topic whose
 * front or back mentions the name or the value (as written) of a fact the question tests, and any
 * card written within NEIGHBOURHOOD lines of one of the question's sources in the same file.
 */
export function cardsForMiss(index: ContentIndex, question: Pick<Question, 'facts' | 'sources' | 'topic'>): Card[] {
  const facts = (question.facts ?? []).flatMap((id) => index.facts.filter((f) => f.id === id));
  const near = (s: SourceRef) => question.sources.some((q) => q.file === s.file && Math.abs(q.line - s.line) <= NEIGHBOURHOOD);
  return index.cards.filter((c) => {
    if (near(c.source)) return true;
    if (c.topic !== question.topic) return false;
    const text = `${c.front}\n${c.back}`;
    return facts.some((f) => mentions(text, f.name) || mentions(text, f.text));
  });
}

/**
 * Makes the studied cards among `ids` due at `now`, in place, and returns them: a new card is
 * already waiting in the new queue, and a suspended or orphaned one stays out. What a miss (in
 * practice or in a mock exam) does to the flashcards on its passage.
 */
export function makeStudiedDue(cards: Record<string, CardState>, ids: readonly string[], now: number): string[] {
  const due = [...new Set(ids)].filter((id) => {
    const s = cards[id];
    return s !== undefined && s.state !== 0 && !s.suspended && s.orphanedAt === null;
  });
  for (const id of due) cards[id] = { ...cards[id]!, due: Math.min(cards[id]!.due, now), buriedUntil: null };
  return due;
}

/** The journal entry for an answer. */
export function answerEntry(item: PracticeItem, chosen: readonly string[], at: number, cards: readonly string[], durationMs?: number): QuizAnswer {
  const q = item.question;
  const correct = isCorrect(q, chosen);
  return {
    question: q.id,
    kind: q.kind,
    topic: q.topic,
    sources: q.sources.map((s) => ({ file: s.file, line: s.line })),
    facts: q.facts ?? [],
    cards: correct ? [] : [...cards],
    correct,
    chosen: [...chosen],
    at,
    seed: item.seed,
    scope: item.scope,
    ...(q.calc ? { template: q.calc.template } : {}),
    ...(durationMs !== undefined ? { durationMs: Math.max(0, durationMs) } : {}),
  };
}
