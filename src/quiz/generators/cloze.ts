// Numeric cloze from prose: any sentence of any note that holds a quantity (the seed notes are
// mostly prose) becomes "fill in the blank", with options of the same dimension in the same unit.
// It asks what the notes say, so a sentence that states a value AWS has since changed is skipped
// rather than taught.

import type { ContentIndex, Dimension, Fact, Mention } from '../../content/model.js';
import { findQuantities } from '../../content/quantity.js';
import { baseOf, formatCached } from '../format.js';
import { ALL_LIMITS, type Limit } from '../../sim/limits.js';
import type { Generator, GeneratorContext, Question } from '../model.js';
import { RECALL_GAP, perturbations } from '../numbers.js';
import { buildOptionSet, explainDistractors, type Candidate } from '../options.js';
import { pick, shuffled } from '../random.js';
import { mentionIsStale, mentionStates } from '../sources.js';
import { inUnit, lookup, quantitiesIn, sameKind, topicPath, type Lookup } from './lookup.js';

const BLANK = '_____';
const MIN_WORDS = 4;
const MAX_SENTENCE = 250;
const SIBLINGS = 8;

function sentenceKey(m: Mention): string {
  return `${m.source.file}:${m.source.line}:${m.sentence}`;
}

function clip(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

interface ClozePool {
  eligible: Mention[];
  /** Mentions that read as figures, by dimension: the sibling candidates. */
  figures: Map<Dimension, Mention[]>;
  /** The limit a mention states, if any (for the old-value distractor and the explanation). */
  stated: Map<Mention, Limit | undefined>;
  bySentence: Map<string, Mention[]>;
  /** The whole sentence around each eligible mention, and where its quantity sits in it. */
  blanks: Map<Mention, { sentence: string; start: number; end: number }>;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const BLOCK_START = /^\s*(?:#|\||>|```|~~~)/;
// A full stop ends a sentence unless it ends an initial or an abbreviation (`N. Virginia`, `e.g.`).
const SENTENCE_END = /(?<=[.!?])(?<!(?:^|[\s(])[A-Z]\.)(?<!\b(?:e\.g|i\.e|vs|etc|approx)\.)\s+(?=[A-Z0-9("“'])/;

/** Inline markdown reduced to the text mdast-util-to-string gives, which mention sentences use. */
function plain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|==|`/g, '')
    .replace(/(^|\W)[*_](?=\S)|(?<=\S)[*_](?=\W|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The mention's sentence as the reader wrote it. The notes pipeline cuts prose at line breaks
 * (bullet notes put one thought per line), so a wrapped paragraph yields fragments; the cloze
 * stem needs the whole sentence, rebuilt here from the topic's body. Falls back to the fragment.
 */
function wholeSentence(l: Lookup, m: Mention): { sentence: string; start: number; end: number } {
  const fragment = { sentence: m.sentence, start: m.quantity.start, end: m.quantity.end };
  const topic = l.topics.get(m.topic);
  if (!topic || topic.file !== m.source.file) return fragment;
  const lines = topic.body.split('\n');
  const at = m.source.line - topic.bodyLine;
  const line = lines[at];
  if (line === undefined || line.trim() === '' || BLOCK_START.test(line)) return fragment;
  let from = at;
  while (from > 0 && !LIST_ITEM.test(lines[from]!) && lines[from - 1]!.trim() !== '' && !BLOCK_START.test(lines[from - 1]!)) from--;
  let to = at;
  while (to + 1 < lines.length && lines[to + 1]!.trim() !== '' && !LIST_ITEM.test(lines[to + 1]!) && !BLOCK_START.test(lines[to + 1]!)) to++;
  const paragraph = plain(lines.slice(from, to + 1).join(' ').replace(LIST_ITEM, ''));
  // Lines without any sentence punctuation are separate thoughts (plain-text notes), not prose.
  if (from !== to && !/[.!?](\s|$)/.test(paragraph)) return fragment;
  const piece = m.sentence.replace(/\s+/g, ' ');
  for (const sentence of paragraph.split(SENTENCE_END)) {
    const offset = sentence.indexOf(piece);
    if (offset >= 0) return { sentence, start: offset + m.quantity.start, end: offset + m.quantity.end };
  }
  return fragment;
}

// `10^12 bytes` and `QoS 1 messages` are not quantities a learner should fill in: an exponent,
// and a number that names a level after an acronym.
const NOT_A_FIGURE = /(?:\^|\b(?:[A-Z]{2,}|[A-Z][a-z]*[A-Z][A-Za-z]*)\s)$/;

function isFigure(m: Mention): boolean {
  const q = m.quantity;
  return m.sentence.slice(q.start, q.end) === q.text && !NOT_A_FIGURE.test(m.sentence.slice(0, q.start));
}

const POOLS = new WeakMap<ContentIndex, ClozePool>();

/** Mentions worth blanking: enough words around the number to be answerable, nothing stale, no giveaway. */
export function clozePool(index: ContentIndex): ClozePool {
  const cached = POOLS.get(index);
  if (cached) return cached;
  const bySentence = new Map<string, Mention[]>();
  for (const m of index.mentions) {
    const key = sentenceKey(m);
    const list = bySentence.get(key);
    if (list) list.push(m);
    else bySentence.set(key, [m]);
  }
  const l = lookup(index);
  const blanks = new Map<Mention, { sentence: string; start: number; end: number }>();
  const eligible = index.mentions.filter((m) => {
    const q = m.quantity;
    if (!isFigure(m)) return false;
    const whole = wholeSentence(l, m);
    const rest = whole.sentence.slice(0, whole.start) + whole.sentence.slice(whole.end);
    const words = rest.match(/\p{L}{2,}/gu) ?? [];
    if (words.length < MIN_WORDS || whole.sentence.length > MAX_SENTENCE) return false;
    // The same value elsewhere in the sentence would give the answer away.
    const others = findQuantities(rest);
    if (others.some((o) => o.base.dimension === q.base.dimension && o.base.amount === q.base.amount)) return false;
    // A bare number equal to the answer (`10 shards … is 10`) gives it away too.
    if ((rest.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).some((n) => Number(n.replaceAll(',', '')) === q.amount)) return false;
    // A stale value anywhere in the sentence would be shown in the stem as if it were true.
    if ((bySentence.get(sentenceKey(m)) ?? [m]).some((o) => mentionIsStale(o) !== undefined)) return false;
    blanks.set(m, whole);
    return true;
  });
  const figures = new Map<Dimension, Mention[]>();
  for (const m of index.mentions) {
    if (!isFigure(m)) continue;
    const list = figures.get(m.quantity.base.dimension);
    if (list) list.push(m);
    else figures.set(m.quantity.base.dimension, [m]);
  }
  const stated = new Map(eligible.map((m) => [m, ALL_LIMITS.find((limit) => mentionStates(m, limit))]));
  const pool = { eligible, bySentence, blanks, figures, stated };
  POOLS.set(index, pool);
  return pool;
}

function describeFact(f: Fact): string {
  return `${f.name}${f.scope ? ` (${f.scope})` : ''}`;
}

export function clozeQuestion(ctx: GeneratorContext, m: Mention): Question | null {
  const l = lookup(ctx.index);
  const pool = clozePool(ctx.index);
  const q = m.quantity;
  const dim = q.base.dimension;
  const unit = q.unit;
  const inSentence = new Set(pool.bySentence.get(sentenceKey(m)) ?? []);
  const candidates: Candidate[] = [];
  const add = (base: { amount: number; dimension: typeof dim }, why: string, group: Candidate['group'], misconception?: Candidate['misconception']) => {
    const shown = inUnit(base, unit, group === 'sibling' ? q.amount : undefined);
    if (!shown) return;
    const c: Candidate = { value: { amount: base.amount, dimension: dim }, text: shown.text, why, group };
    if (misconception) c.misconception = misconception;
    candidates.push(c);
  };

  const stated = pool.stated.has(m) ? pool.stated.get(m) : ALL_LIMITS.find((limit) => mentionStates(m, limit));
  for (const old of quantitiesIn(stated?.previous, dim)) {
    add(old.base, `That was the ${stated!.name.toLowerCase()} before AWS changed it: older material says ${stated!.previous}`, 'misconception', 'previous-value');
  }
  // Nearest first: figures from the same note, then from the others.
  const others = (pool.figures.get(dim) ?? []).filter((o) => !inSentence.has(o));
  const sameFile = shuffled(ctx.rng, others.filter((o) => o.source.file === m.source.file)).slice(0, SIBLINGS);
  const elsewhere = shuffled(ctx.rng, others.filter((o) => o.source.file !== m.source.file)).slice(0, SIBLINGS);
  for (const o of [...sameFile, ...elsewhere]) {
    if (!sameKind(o.quantity, q)) continue;
    add(o.quantity.base, `Your notes give ${o.quantity.text} for something else: “${clip(o.sentence)}” (${o.source.file}:${o.source.line})`, 'sibling');
  }
  for (const f of shuffled(ctx.rng, l.factsByDimension.get(dim) ?? []).slice(0, SIBLINGS)) {
    for (const v of f.values) if (sameKind(v, q)) add(v.base, `That is the ${describeFact(f)}: ${f.text}`, 'sibling');
  }
  for (const amount of perturbations(q.amount)) {
    const base = baseOf(amount, unit);
    if (base) candidates.push({ value: base, text: formatCached(amount, unit), why: `The notes say ${q.text} here, not ${formatCached(amount, unit)}`, group: 'perturbation' });
  }

  const keyText = formatCached(q.amount, unit);
  const set = buildOptionSet({ key: { value: { amount: q.base.amount, dimension: dim }, text: keyText }, candidates, rng: ctx.rng, gap: RECALL_GAP, order: 'numeric' });
  if (!set) return null;
  const whole = pool.blanks.get(m) ?? { sentence: m.sentence, start: q.start, end: q.end };
  const blanked = whole.sentence.slice(0, whole.start) + BLANK + whole.sentence.slice(whole.end);
  const where = topicPath(l, m.topic) || m.source.file;
  const limitNote = stated ? `That is the ${stated.name.toLowerCase()}: ${stated.display} (${stated.source}).` : '';
  return {
    id: `cloze/${m.id}`,
    kind: 'cloze',
    type: 'single',
    stem: `Fill in the blank, from your notes on ${where}:\n“${blanked}”`,
    options: set.options,
    answer: set.answer,
    explanation: [`The notes say: “${whole.sentence}” (${m.source.file}:${m.source.line}).`, limitNote, explainDistractors(set)].filter((s) => s !== '').join('\n\n'),
    topic: m.topic,
    sources: [{ file: m.source.file, line: m.source.line }],
    distractors: set.distractors,
    ordered: true,
  };
}

export const cloze: Generator = (ctx) => {
  const { eligible } = clozePool(ctx.index);
  return eligible.length === 0 ? null : clozeQuestion(ctx, pick(ctx.rng, eligible));
};
