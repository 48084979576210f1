// Recall from limit facts, in both directions: "What is the write throughput of one shard?"
// (a value) and "Which limit is 5 calls/s per shard?" (a name). Wrong values are the limit's old
// value, the other end of its range or its default, then sibling limits of the same dimension;
// wrong names are sibling limits of the same dimension whose values differ.

import type { Fact, Quantity } from '../../content/model.js';
import { baseOf, formatCached } from '../format.js';
import type { Generator, GeneratorContext, Question } from '../model.js';
import { RECALL_GAP, farEnough, perturbations } from '../numbers.js';
import { buildOptionSet, explainDistractors, normalizeText, type Candidate } from '../options.js';
import { chance, pick, shuffled } from '../random.js';
import { inUnit, lookup, lowerFirst, quantitiesIn, sameKind, topicPath, type Lookup } from './lookup.js';

const SIBLINGS_PER_SOURCE = 8;

function describe(f: Fact): string {
  return `${f.name}${f.scope ? ` (${f.scope})` : ''}`;
}

/** Which quantity of a fact a forward question asks for, and how the stem names it. */
function chooseQuantity(ctx: GeneratorContext, f: Fact): { q: Quantity; ask: string } | null {
  if (f.values.length === 0) return null;
  const name = lowerFirst(f.name);
  if (f.form === 'range') {
    const upper = f.values.length === 2 && chance(ctx.rng, 0.7);
    const q = upper ? f.values[1]! : f.values[0]!;
    return { q, ask: `${upper ? 'largest' : 'smallest'} value allowed for the ${name}` };
  }
  if (f.form === 'alternatives') {
    const q = pick(ctx.rng, f.values);
    return { q, ask: `${name}, in ${q.unit || 'a plain count'}` };
  }
  return { q: f.values[0]!, ask: name };
}

function siblingFacts(ctx: GeneratorContext, l: Lookup, f: Fact, dimension: Quantity['base']['dimension']): Fact[] {
  const all = l.factsByDimension.get(dimension) ?? [];
  const name = normalizeText(f.name);
  const others = all.filter((s) => s !== f && normalizeText(s.name) !== name);
  const sameFile = others.filter((s) => s.source.file === f.source.file);
  const elsewhere = others.filter((s) => s.source.file !== f.source.file);
  return [...shuffled(ctx.rng, sameFile).slice(0, SIBLINGS_PER_SOURCE), ...shuffled(ctx.rng, elsewhere).slice(0, SIBLINGS_PER_SOURCE)];
}

function valueCandidates(ctx: GeneratorContext, l: Lookup, f: Fact, key: Quantity): Candidate[] {
  const unit = key.unit;
  const dim = key.base.dimension;
  const out: Candidate[] = [];
  const keyAmount = inUnit(key.base, unit)?.amount ?? key.amount;
  const add = (base: Quantity['base'], why: string, group: Candidate['group'], misconception?: Candidate['misconception']) => {
    const shown = inUnit(base, unit, group === 'sibling' ? keyAmount : undefined);
    if (!shown) return;
    const c: Candidate = { value: { amount: base.amount, dimension: dim }, text: shown.text, why, group };
    if (misconception) c.misconception = misconception;
    out.push(c);
  };
  const limit = l.limitOfFact.get(f.id);
  for (const old of quantitiesIn(limit?.previous, dim)) {
    add(old.base, `That was the value before AWS changed it${limit?.since ? ` (${limit.since})` : ''}: older material says ${limit?.previous}`, 'misconception', 'previous-value');
  }
  if (f.form === 'range') {
    for (const end of f.values) if (end !== key) add(end.base, `That is the other end of the allowed range (${f.text})`, 'misconception');
  }
  for (const d of quantitiesIn(f.default, dim)) add(d.base, `That is the default (${f.default}), not the limit`, 'misconception');
  for (const s of siblingFacts(ctx, l, f, dim)) {
    for (const v of s.values) if (sameKind(v, key)) add(v.base, `That is the ${describe(s)}: ${s.text}`, 'sibling');
  }
  for (const amount of perturbations(keyAmount)) {
    const base = baseOf(amount, unit);
    if (base) out.push({ value: base, text: formatCached(amount, unit), why: `Not a figure the notes give for this limit; it is ${f.text}`, group: 'perturbation' });
  }
  return out;
}

function sourcesOf(f: Fact) {
  return [{ file: f.source.file, line: f.source.line }];
}

export function recallValue(ctx: GeneratorContext, f: Fact): Question | null {
  const l = lookup(ctx.index);
  const chosen = chooseQuantity(ctx, f);
  if (!chosen) return null;
  const key = chosen.q;
  const keyText = formatCached(key.amount, key.unit);
  const set = buildOptionSet({
    key: { value: { amount: key.base.amount, dimension: key.base.dimension }, text: keyText },
    candidates: valueCandidates(ctx, l, f, key),
    rng: ctx.rng,
    gap: RECALL_GAP,
    order: 'numeric',
  });
  if (!set) return null;
  const where = topicPath(l, f.topic) || (l.fileTitles.get(f.source.file) ?? f.source.file);
  const scope = f.scope ? ` (${f.scope})` : '';
  const about = key.approx ? 'about ' : '';
  return {
    id: `recall/${f.id}/value-${f.values.indexOf(key)}`,
    kind: 'recall',
    type: 'single',
    stem: `${where}: what is the ${chosen.ask}${scope}?`,
    options: set.options,
    answer: set.answer,
    explanation: [`The ${lowerFirst(f.name)}${scope} is ${about}${f.text}${f.notes ? `. ${f.notes}` : ''}.`, explainDistractors(set), f.sourceUrl ? `Source: ${f.sourceUrl}` : '']
      .filter((s) => s !== '')
      .join('\n\n'),
    topic: f.topic,
    sources: sourcesOf(f),
    distractors: set.distractors,
    ordered: true,
    facts: [f.id],
  };
}

/** "Which limit is 5 calls/s (per shard)?": the options are limit names. */
export function recallName(ctx: GeneratorContext, f: Fact): Question | null {
  if (f.values.length === 0 || f.form === 'range') return null;
  const l = lookup(ctx.index);
  const dims = new Set(f.values.map((v) => v.base.dimension));
  const differs = (s: Fact) =>
    s.values.some((v) => dims.has(v.base.dimension)) &&
    s.values.every((v) => f.values.every((k) => k.base.dimension !== v.base.dimension || farEnough(k.base.amount, v.base.amount, RECALL_GAP)));
  const pool = [...dims].flatMap((d) => siblingFacts(ctx, l, f, d)).filter(differs);
  const candidates: Candidate[] = pool.map((s) => ({ value: { outcome: normalizeText(s.name) }, text: s.name, why: `The ${describe(s)} is ${s.text}`, group: 'sibling' }));
  const set = buildOptionSet({ key: { value: { outcome: normalizeText(f.name) }, text: f.name }, candidates, rng: ctx.rng, order: 'shuffle' });
  if (!set) return null;
  const where = l.fileTitles.get(f.source.file) ?? f.source.file;
  return {
    id: `recall/${f.id}/name`,
    kind: 'recall',
    type: 'single',
    stem: `${where}: which limit is ${f.text}${f.scope ? ` (${f.scope})` : ''}?`,
    options: set.options,
    answer: set.answer,
    explanation: [`${f.text} is the ${lowerFirst(f.name)}${f.scope ? ` (${f.scope})` : ''}.`, explainDistractors(set), f.sourceUrl ? `Source: ${f.sourceUrl}` : ''].filter((s) => s !== '').join('\n\n'),
    topic: f.topic,
    sources: sourcesOf(f),
    distractors: set.distractors,
    facts: [f.id],
  };
}

/** A value question two times in three, a name question otherwise. */
export const recall: Generator = (ctx) => {
  const facts = ctx.index.facts.filter((f) => f.values.length > 0);
  if (facts.length === 0) return null;
  const f = pick(ctx.rng, facts);
  return chance(ctx.rng, 0.67) ? recallValue(ctx, f) : recallName(ctx, f);
};
