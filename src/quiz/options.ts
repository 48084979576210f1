// Builds one option set: the key plus distractors taken in the order of preference
// (misconception transforms, then sibling facts, then bounded perturbations). A set that cannot
// reach the required size with options that are all distinct and far enough apart is refused
// (null), never padded with "all of the above" or a near-duplicate.

import type { Rng } from '../sim/core/rng.js';
import type { MisconceptionId } from './misconceptions.js';
import { OPTION_IDS, type Distractor, type OptionValue, type QuizOption } from './model.js';
import { farEnough, isNumeric, sameValue, type Gap } from './numbers.js';
import { shuffled } from './random.js';

export type CandidateGroup = 'misconception' | 'sibling' | 'perturbation';

export interface Candidate {
  value: OptionValue;
  text: string;
  why: string;
  group: CandidateGroup;
  misconception?: MisconceptionId;
}

export interface OptionSet {
  options: QuizOption[];
  answer: string[];
  distractors: Distractor[];
  ordered: boolean;
}

export interface OptionSetRequest {
  key: { value: OptionValue; text: string };
  candidates: readonly Candidate[];
  rng: Rng;
  /** Options in total, the key included. */
  count?: number;
  /** Minimum distance between numeric options. */
  gap?: Gap;
  /** Numeric options are listed in ascending order; others are shuffled. */
  order: 'numeric' | 'shuffle';
}

const GROUP_ORDER: readonly CandidateGroup[] = ['misconception', 'sibling', 'perturbation'];
const BANNED = /^(all|none|both|neither) of (the|these) (above|options)\b/i;

const NORMALIZED = new Map<string, string>();

/** Case and spacing do not make two options different. Memoised: names and cells recur. */
export function normalizeText(text: string): string {
  let n = NORMALIZED.get(text);
  if (n === undefined) {
    if (NORMALIZED.size > 100_000) NORMALIZED.clear();
    NORMALIZED.set(text, (n = text.toLowerCase().replace(/\s+/g, '')));
  }
  return n;
}

interface Picked {
  value: OptionValue;
  text: string;
  why?: string;
  misconception?: MisconceptionId;
  key: boolean;
}

function acceptable(c: { value: OptionValue; text: string }, chosen: readonly Picked[], gap: Gap | undefined, keyValue: OptionValue): boolean {
  const text = c.text.trim();
  if (text === '' || BANNED.test(text)) return false;
  if (isNumeric(keyValue) !== isNumeric(c.value)) return false;
  if (isNumeric(c.value)) {
    const v = c.value;
    if (!Number.isFinite(v.amount) || v.amount < 0 || !isNumeric(keyValue) || v.dimension !== keyValue.dimension) return false;
    // Zero is an answer only when it is the key (zero buffering); as filler it reads as a trick.
    if (v.amount === 0 && keyValue.amount !== 0) return false;
  }
  return chosen.every((p) => {
    if (normalizeText(p.text) === normalizeText(text) || sameValue(p.value, c.value)) return false;
    if (gap && isNumeric(p.value) && isNumeric(c.value)) return farEnough(p.value.amount, c.value.amount, gap);
    return true;
  });
}

/**
 * The number of options to place below the key. Every rank stays possible, but ranks that the
 * misconceptions can fill are likelier (weight 2^k for k usable misconceptions), so varying the
 * key's position costs as few real mistakes as possible.
 */
function chooseRank(req: OptionSetRequest, count: number, key: number): number {
  const mistakes = req.candidates.filter((c) => c.group === 'misconception' && isNumeric(c.value) && c.value.amount !== key);
  const under = mistakes.filter((c) => isNumeric(c.value) && c.value.amount < key).length;
  const over = mistakes.length - under;
  const weights = Array.from({ length: count }, (_, r) => 2 ** (Math.min(under, r) + Math.min(over, count - 1 - r)));
  let x = req.rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let r = 0; r < count; r++) {
    x -= weights[r]!;
    if (x < 0) return r;
  }
  return count - 1;
}

export function buildOptionSet(req: OptionSetRequest): OptionSet | null {
  const count = req.count ?? 4;
  const chosen: Picked[] = [{ value: req.key.value, text: req.key.text.trim(), key: true }];
  if (!acceptable(req.key, [], req.gap, req.key.value)) return null;
  // Misconceptions are drawn at random so the same three mistakes do not always appear; siblings
  // come in the caller's order (nearest first: same note, then others) and perturbations best first.
  const pool = GROUP_ORDER.flatMap((group) => {
    const inGroup = req.candidates.filter((c) => c.group === group);
    return group === 'misconception' ? shuffled(req.rng, inGroup) : inGroup;
  });
  const take = (c: Candidate) => {
    const picked: Picked = { value: c.value, text: c.text.trim(), why: c.why, key: false };
    if (c.misconception) picked.misconception = c.misconception;
    chosen.push(picked);
  };
  const keyValue = req.key.value;
  if (req.order === 'numeric' && isNumeric(keyValue)) {
    // Mistakes mostly err one way (rounding down, ignoring a limit), which would park the key at
    // the same rank every time; aim for a random rank and take the preferred candidates that fit it.
    const below = chooseRank(req, count, keyValue.amount);
    let under = 0;
    let over = 0;
    for (const c of pool) {
      if (chosen.length >= count) break;
      if (!isNumeric(c.value) || !acceptable(c, chosen, req.gap, keyValue)) continue;
      const isBelow = c.value.amount < keyValue.amount;
      if (isBelow ? under >= below : over >= count - 1 - below) continue;
      take(c);
      if (isBelow) under++;
      else over++;
    }
  }
  for (const c of pool) {
    if (chosen.length >= count) break;
    if (chosen.some((p) => p.text === c.text.trim()) || !acceptable(c, chosen, req.gap, keyValue)) continue;
    take(c);
  }
  if (chosen.length < count) return null;

  const arranged =
    req.order === 'numeric'
      ? [...chosen].sort((a, b) => (isNumeric(a.value) && isNumeric(b.value) ? a.value.amount - b.value.amount : 0))
      : shuffled(req.rng, chosen);
  const options: QuizOption[] = [];
  const answer: string[] = [];
  const distractors: Distractor[] = [];
  arranged.forEach((p, i) => {
    const id = OPTION_IDS[i]!;
    options.push({ id, text: p.text, value: p.value });
    if (p.key) answer.push(id);
    else {
      const d: Distractor = { optionId: id, why: p.why ?? '' };
      if (p.misconception) d.misconception = p.misconception;
      distractors.push(d);
    }
  });
  return { options, answer, distractors, ordered: req.order === 'numeric' };
}

/** "Why not the others" lines for an explanation: each wrong option with the mistake it encodes. */
export function explainDistractors(set: Pick<OptionSet, 'options' | 'distractors'>): string {
  const lines = set.distractors.map((d) => {
    const option = set.options.find((o) => o.id === d.optionId);
    return `${d.optionId}) ${option?.text ?? ''}: ${d.why}`;
  });
  return lines.length ? `Why not the others:\n${lines.join('\n')}` : '';
}
