// Puts a paper together for one attempt: each domain (or topic) gets its weighted share of the
// questions, filled scenario-first (authored scenarios, then arithmetic scenarios with fresh
// numbers) with bare recall held to a small share, no fact asked twice with the same numbers, and
// 15 of 65 (as the profile says) quietly left unscored. Seeded: the same seed gives the same paper.

import type { ContentIndex } from '../content/model.js';
import { GENERATORS } from '../quiz/generators/index.js';
import { authoredQuestion } from '../quiz/generators/authored.js';
import type { GeneratorContext, Question, QuizKind } from '../quiz/model.js';
import { shuffled } from '../quiz/random.js';
import { validate } from '../quiz/validate.js';
import { createRng, type Rng } from '../sim/core/rng.js';
import { profileCoverage, type Bucket, type Coverage, type ExamProfile } from './profile.js';

/** A question on the paper, with where it counts in the report. */
export interface ExamQuestion extends Question {
  /** The bucket label: "Domain 1: Data Ingestion and Transformation", or a topic title. */
  area: string;
}

export interface Exam {
  profile: ExamProfile;
  seed: number;
  questions: ExamQuestion[];
  /** Indices into `questions` that do not count; never shown to the candidate. */
  unscored: number[];
  durationSeconds: number;
  coverage: Coverage;
  /** Questions asked for but not made: the notes could not give that many different ones. */
  short: number;
}

export interface AssembleOptions {
  seed: number;
  limitSource?: GeneratorContext['limitSource'];
}

/** An arithmetic template may appear this often per paper, with different numbers each time. */
const PER_TEMPLATE = 2;
/** Failed draws in a row after which a generator has nothing more to give a bucket. */
const GIVE_UP_AFTER = 40;
const BARE_RECALL: readonly QuizKind[] = ['recall', 'cloze', 'compare'];

/** Whole numbers in proportion to `weights` that add up to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

function scoped(index: ContentIndex, ids: ReadonlySet<string>): ContentIndex {
  const inScope = <T extends { topic: string }>(items: readonly T[]) => items.filter((i) => ids.has(i.topic));
  return {
    ...index,
    topics: index.topics.filter((t) => ids.has(t.id)),
    cards: inScope(index.cards),
    facts: inScope(index.facts),
    comparisons: inScope(index.comparisons),
    questions: inScope(index.questions),
    mentions: inScope(index.mentions),
  };
}

/**
 * What makes two questions "the same": an authored item, a calc template with the same numbers,
 * or any fact asked about with the same value. A question sharing any key with one already on
 * the paper is not added.
 */
export function sameness(q: Question): string[] {
  const keys = [q.kind === 'calc' && q.calc ? `calc:${q.calc.template}:${JSON.stringify(Object.entries(q.calc.inputs).sort(([a], [b]) => a.localeCompare(b)))}` : `id:${q.id}`];
  // A recall question and a cloze on the same fact with the same value test one thing twice.
  if (q.kind !== 'calc') for (const f of q.facts ?? []) keys.push(`fact:${f}`);
  if (q.kind === 'recall' || q.kind === 'cloze') {
    const key = q.options.find((o) => q.answer.includes(o.id));
    if (key?.value && 'amount' in key.value) keys.push(`value:${q.topic}:${key.value.dimension}:${key.value.amount}`);
  }
  return keys;
}

class Paper {
  readonly questions: ExamQuestion[] = [];
  private readonly used = new Set<string>();
  private readonly templates = new Map<string, number>();
  rejected = 0;

  /** Adds `q` when it is valid, new and within the template cap. */
  offer(q: Question | null, area: string): boolean {
    if (!q) return false;
    const keys = sameness(q);
    if (keys.some((k) => this.used.has(k))) return false;
    const template = q.calc?.template;
    if (template && (this.templates.get(template) ?? 0) >= PER_TEMPLATE) return false;
    if (!validate(q).ok) {
      this.rejected++;
      return false;
    }
    for (const k of keys) this.used.add(k);
    if (template) this.templates.set(template, (this.templates.get(template) ?? 0) + 1);
    this.questions.push({ ...q, area });
    return true;
  }
}

interface BucketSource {
  bucket: Bucket;
  ctx: GeneratorContext;
  /** Authored questions not yet tried, multiple response and single apart, shuffled. */
  multiple: ContentIndex['questions'];
  single: ContentIndex['questions'];
}

function takeAuthored(paper: Paper, src: BucketSource, from: 'multiple' | 'single', want: number): number {
  let added = 0;
  const list = src[from];
  while (added < want && list.length > 0) {
    const a = list.shift()!;
    if (paper.offer(authoredQuestion(src.ctx, a), src.bucket.label)) added++;
  }
  return added;
}

function takeGenerated(paper: Paper, src: BucketSource, kinds: readonly QuizKind[], want: number, rng: Rng): number {
  let added = 0;
  let failures = 0;
  while (added < want && failures < GIVE_UP_AFTER * kinds.length) {
    const kind = kinds[rng.int(kinds.length)]!;
    if (paper.offer(GENERATORS[kind](src.ctx), src.bucket.label)) {
      added++;
      failures = 0;
    } else failures++;
  }
  return added;
}

/**
 * Fills one bucket's quota. In order of preference: authored scenarios (multiple response up to
 * its share), arithmetic scenarios, bare recall up to its cap; then, if the notes run short, more
 * of each in the same order. Returns how many were added.
 */
function fillBucket(paper: Paper, src: BucketSource, quota: number, profile: ExamProfile, rng: Rng): number {
  if (quota <= 0) return 0;
  const generatedTarget = Math.round(quota * profile.generated);
  const authoredTarget = quota - generatedTarget;
  const mrTarget = Math.min(authoredTarget, Math.round(quota * profile.multipleResponse));
  const recallCap = Math.floor(quota * profile.recall);
  let n = 0;
  n += takeAuthored(paper, src, 'multiple', mrTarget);
  n += takeAuthored(paper, src, 'single', authoredTarget - n);
  const recallWanted = Math.min(recallCap, generatedTarget);
  n += takeGenerated(paper, src, ['calc'], Math.min(quota - n, generatedTarget - recallWanted), rng);
  n += takeGenerated(paper, src, BARE_RECALL, Math.min(quota - n, recallWanted), rng);
  // Short of scenarios of one kind: the other kind first, recall beyond its cap last.
  n += takeAuthored(paper, src, 'single', quota - n);
  n += takeAuthored(paper, src, 'multiple', quota - n);
  n += takeGenerated(paper, src, ['calc'], quota - n, rng);
  n += takeGenerated(paper, src, BARE_RECALL, quota - n, rng);
  return n;
}

export function assembleExam(index: ContentIndex, profile: ExamProfile, options: AssembleOptions): Exam {
  const rng = createRng(options.seed);
  const coverage = profileCoverage(profile, index);
  const paper = new Paper();
  const sources: BucketSource[] = coverage.buckets.map((bucket) => {
    const scope = scoped(index, bucket.topicIds);
    const ctx: GeneratorContext = { index: scope, rng: rng.fork(`bucket:${bucket.key}`), scoped: true };
    if (options.limitSource) ctx.limitSource = options.limitSource;
    const authored = shuffled(ctx.rng, scope.questions);
    return { bucket, ctx, multiple: authored.filter((a) => a.type === 'multiple'), single: authored.filter((a) => a.type === 'single') };
  });
  const quotas = apportion(
    profile.questions,
    sources.map((s) => s.bucket.weight),
  );
  const fillRng = rng.fork('fill');
  let shortfall = 0;
  sources.forEach((src, i) => {
    shortfall += quotas[i]! - fillBucket(paper, src, quotas[i]!, profile, fillRng);
  });
  // A bucket the notes cannot fill passes its remainder to the others, heaviest first.
  for (const src of [...sources].sort((a, b) => b.bucket.weight - a.bucket.weight)) {
    if (shortfall <= 0) break;
    shortfall -= fillBucket(paper, src, shortfall, profile, fillRng);
  }
  const questions = shuffled(rng.fork('order'), paper.questions);
  // Unscored items scale down with a short paper, and a paper always keeps one scored question.
  const unscoredCount = Math.min(Math.max(0, questions.length - 1), Math.round((profile.unscored * questions.length) / profile.questions));
  const unscored = shuffled(
    rng.fork('unscored'),
    questions.map((_, i) => i),
  )
    .slice(0, unscoredCount)
    .sort((a, b) => a - b);
  return { profile, seed: options.seed, questions, unscored, durationSeconds: Math.round(profile.minutes * 60), coverage, short: profile.questions - questions.length };
}
