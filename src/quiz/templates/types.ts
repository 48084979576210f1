// A calc template is data: how to draw fresh inputs, the stem, the right working (a calculator from
// arithmetic.ts) and a table of misconception transforms. `validate` recomputes the key from the
// inputs stored on the question with the same template, so the key can never drift from the text.

import { baseOf, formatCached } from '../format.js';
import type { Rng } from '../../sim/core/rng.js';
import { roundTo } from '../arithmetic.js';
import type { MisconceptionId } from '../misconceptions.js';
import type { OptionValue } from '../model.js';
import type { Gap } from '../numbers.js';

export type Inputs = Record<string, number>;

/** One row of a template's misconception table: the mistake and the number it leads to. */
export interface Mistake<I extends Inputs> {
  id: MisconceptionId;
  transform: (inputs: I) => number;
  /** A sharper wording for this template than the registry's label, when it helps. */
  why?: (inputs: I) => string | undefined;
}

export interface NumberAnswer {
  kind: 'number';
  /** The unit options are shown in (a unit quantity.ts knows, or `$`). */
  unit: string;
  decimals: number;
  gap: Gap;
}

/** One possible outcome of a choice template; exactly one holds for given inputs. */
export interface Outcome<I extends Inputs> {
  id: string;
  text: (inputs: I) => string;
  /** Why this outcome is wrong when it is not the answer. */
  why: (inputs: I) => string;
  misconception?: MisconceptionId;
}

interface TemplateBase<I extends Inputs> {
  id: string;
  /** One line for docs and the CLI's listing. */
  title: string;
  /** The formula, as docs/quiz.md prints it. */
  formula: string;
  /** Limit keys from src/sim/limits.ts, the one that decides the topic first. */
  limits: readonly string[];
  /**
   * Lines of the notes to cite when the rule is not a limit (KCL leases, the transfer formula):
   * tried in order, the first pattern that matches a line anywhere wins.
   */
  cites?: readonly RegExp[];
  /** Pages for rules and prices that are not limits (rules.ts, prices.ts). */
  references?: readonly string[];
  draw: (rng: Rng) => I;
  stem: (inputs: I) => string;
  /** The right working, in words and numbers. */
  working: (inputs: I) => string;
}

export interface NumberTemplate<I extends Inputs = Inputs> extends TemplateBase<I> {
  answer: NumberAnswer;
  solve: (inputs: I) => number;
  mistakes: readonly Mistake<I>[];
}

export interface ChoiceTemplate<I extends Inputs = Inputs> extends TemplateBase<I> {
  answer: { kind: 'choice' };
  solve: (inputs: I) => string;
  outcomes: readonly Outcome<I>[];
}

export type Template<I extends Inputs = Inputs> = NumberTemplate<I> | ChoiceTemplate<I>;

/** Declares a template with its inputs' type checked, stored under the loose common type. */
export function numberTemplate<I extends Inputs>(t: NumberTemplate<I>): Template {
  return t as unknown as Template;
}

export function choiceTemplate<I extends Inputs>(t: ChoiceTemplate<I>): Template {
  return t as unknown as Template;
}

// ---------------------------------------------------------------------------------------------
// Showing numbers

export function formatUsd(amount: number): string {
  const [whole = '0', cents = '00'] = roundTo(amount, 2).toFixed(2).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** The option text and value for an amount under a template's answer format (rounded first). */
export function present(answer: NumberAnswer, amount: number): { text: string; value: OptionValue } | null {
  const rounded = roundTo(amount, answer.decimals);
  if (!Number.isFinite(rounded)) return null;
  if (answer.unit === '$') return { text: formatUsd(rounded), value: { amount: rounded, dimension: 'usd' } };
  const base = baseOf(rounded, answer.unit);
  if (!base) return null;
  return { text: formatCached(rounded, answer.unit), value: base };
}

/** `1,024 records/s` in prose: the same formatting the options use. */
export function q(amount: number, unit: string, decimals = 2): string {
  return formatCached(roundTo(amount, decimals), unit);
}

/** A size given in bytes, shown the way a person would write it (KiB or MiB when exact). */
export function size(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return formatCached(bytes / (1024 * 1024), 'MiB');
  if (bytes >= 1024 && bytes % 1024 === 0) return formatCached(bytes / 1024, 'KiB');
  return formatCached(bytes, 'B');
}
