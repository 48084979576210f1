// Scenario arithmetic: a template draws fresh numbers, its calculator gives the key, and its
// misconception table gives the wrong options, each labelled with the mistake that produces it.

import { shortHash } from '../../content/text.js';
import { misconceptionLabel } from '../misconceptions.js';
import type { Generator, GeneratorContext, Question } from '../model.js';
import { isNumeric, perturbations } from '../numbers.js';
import { buildOptionSet, explainDistractors, type Candidate, type OptionSet } from '../options.js';
import { pick } from '../random.js';
import { limitByKey, provenance } from '../sources.js';
import { TEMPLATES } from '../templates/index.js';
import { present, type ChoiceTemplate, type Inputs, type NumberTemplate, type Template } from '../templates/types.js';
import { roundTo } from '../arithmetic.js';

function numberOptions(t: NumberTemplate, inputs: Inputs, ctx: GeneratorContext): OptionSet | null {
  const exact = t.solve(inputs);
  const key = present(t.answer, exact);
  if (!key || !isNumeric(key.value)) return null;
  const candidates: Candidate[] = [];
  for (const m of t.mistakes) {
    const shown = present(t.answer, m.transform(inputs));
    if (!shown) continue;
    candidates.push({ value: shown.value, text: shown.text, why: m.why?.(inputs) ?? misconceptionLabel(m.id), group: 'misconception', misconception: m.id });
  }
  const rounded = roundTo(exact, t.answer.decimals);
  for (const amount of perturbations(rounded, { integer: t.answer.decimals === 0 })) {
    const shown = present(t.answer, amount);
    if (shown) candidates.push({ value: shown.value, text: shown.text, why: `No step of the working gives ${shown.text}; the working gives ${key.text}`, group: 'perturbation' });
  }
  return buildOptionSet({ key, candidates, rng: ctx.rng, gap: t.answer.gap, order: 'numeric' });
}

function choiceOptions(t: ChoiceTemplate, inputs: Inputs, ctx: GeneratorContext): OptionSet | null {
  const outcome = t.solve(inputs);
  const right = t.outcomes.find((o) => o.id === outcome);
  if (!right) return null;
  const candidates: Candidate[] = t.outcomes
    .filter((o) => o !== right)
    .map((o) => {
      const c: Candidate = { value: { outcome: o.id }, text: o.text(inputs), why: o.why(inputs), group: 'misconception' };
      if (o.misconception) c.misconception = o.misconception;
      return c;
    });
  return buildOptionSet({ key: { value: { outcome }, text: right.text(inputs) }, candidates, rng: ctx.rng, count: t.outcomes.length, order: 'shuffle' });
}

function limitsLine(t: Template): string {
  const parts = t.limits.map((key) => {
    const l = limitByKey(key);
    return `${l.name} ${l.display} (${l.source})`;
  });
  const refs = (t.references ?? []).filter((r) => !parts.some((p) => p.includes(r))).map((r) => `see ${r}`);
  return [...parts, ...refs].length ? `Based on: ${[...parts, ...refs].join('; ')}.` : '';
}

/** Sorted keys, so the same inputs always give the same id. */
function inputsKey(inputs: Inputs): string {
  return Object.keys(inputs)
    .sort()
    .map((k) => `${k}=${inputs[k]}`)
    .join('&');
}

export function calcQuestion(t: Template, ctx: GeneratorContext): Question | null {
  const prov = provenance(ctx, t.limits, t.cites);
  if (!prov) return null;
  const inputs = t.draw(ctx.rng);
  const set = t.answer.kind === 'number' ? numberOptions(t as NumberTemplate, inputs, ctx) : choiceOptions(t as ChoiceTemplate, inputs, ctx);
  if (!set) return null;
  const explanation = [t.working(inputs), explainDistractors(set), limitsLine(t)].filter((s) => s !== '').join('\n\n');
  const question: Question = {
    id: `calc/${t.id}/${shortHash(inputsKey(inputs))}`,
    kind: 'calc',
    type: 'single',
    stem: t.stem(inputs),
    options: set.options,
    answer: set.answer,
    explanation,
    topic: prov.topic,
    sources: prov.sources,
    distractors: set.distractors,
    ordered: set.ordered,
    calc: { template: t.id, inputs: { ...inputs } },
  };
  if (prov.facts.length) question.facts = prov.facts;
  return question;
}

/** Scenario arithmetic from any template. */
export const calc: Generator = (ctx) => calcQuestion(pick(ctx.rng, TEMPLATES), ctx);
