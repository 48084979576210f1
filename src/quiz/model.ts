// The shape of a generated question. `quiz --json` prints a subset of it (DESIGN §3, see json.ts);
// the extra fields exist so that `validate` can check a question without trusting its generator.

import type { ContentIndex, Dimension, SourceRef } from '../content/model.js';
import type { Rng } from '../sim/core/rng.js';

export type QuizKind = 'recall' | 'cloze' | 'calc' | 'compare' | 'authored';

export const QUIZ_KINDS: readonly QuizKind[] = ['recall', 'cloze', 'calc', 'compare', 'authored'];

/** Money is not a base dimension of the notes, so option values widen the dimension by it. */
export type ValueDimension = Dimension | 'usd';

/**
 * What an option stands for, so options can be compared without parsing their text:
 * a number in base units, or one outcome of a choice (a calc template's yes/no style answer).
 */
export type OptionValue = { amount: number; dimension: ValueDimension } | { outcome: string };

export interface QuizOption {
  id: string;
  text: string;
  value?: OptionValue;
}

export interface Distractor {
  optionId: string;
  /** The mistake this wrong option encodes, in one line: shown to the learner after answering. */
  why: string;
  /** A misconception id from misconceptions.ts when the option is a transform of the right working. */
  misconception?: string;
}

export interface Question {
  id: string;
  kind: QuizKind;
  type: 'single' | 'multiple';
  stem: string;
  options: QuizOption[];
  answer: string[];
  explanation: string;
  topic: string;
  sources: SourceRef[];
  distractors: Distractor[];
  /** Numeric options are listed in ascending order; validate checks it. */
  ordered?: boolean;
  /** For calc questions: enough to recompute the key from scratch. */
  calc?: { template: string; inputs: Record<string, number> };
  /** Content fact ids the question tests (a missed question can make their cards due). */
  facts?: string[];
}

export interface GeneratorContext {
  index: ContentIndex;
  rng: Rng;
  /**
   * Set when the index was narrowed to one topic: a calc template then needs a source in that
   * topic, so arithmetic about Firehose does not turn up in a quiz on SQS.
   */
  scoped?: boolean;
  /** Where a limit is written when the notes do not state it (the limits module's own lines). */
  limitSource?: (limitKey: string) => SourceRef | undefined;
}

export type Generator = (ctx: GeneratorContext) => Question | null;

export const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';
