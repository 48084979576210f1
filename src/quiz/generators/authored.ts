// Authored questions from the notes, with their options shuffled. Explanations name options by
// letter ("b is right: …", "a and c are wrong"), so the letters are rewritten to follow the shuffle,
// and each wrong option's reason is taken from its "x is wrong: …" sentence when there is one.

import type { AuthoredQuestion, Dimension } from '../../content/model.js';
import { parseValue } from '../../content/quantity.js';
import { OPTION_IDS, type Distractor, type Generator, type GeneratorContext, type Question } from '../model.js';
import { pick, shuffled } from '../random.js';
import { statedChoice } from '../validate.js';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

// A list of option letters that opens a sentence and is followed by is/are right/wrong/correct:
// "b is right", "a, b and d are wrong". Only there can a lone "a" not be the article.
const LETTER_LIST = /(^|[.;!?]\s+|\n\s*)((?:[a-z](?:,\s*|\s+and\s+|\s+or\s+))*[a-z])(?=\s+(?:is|are)\s+(?:right|wrong|correct|incorrect|true|false)\b)/g;
const OPTION_REF = /\b([Oo]ptions?|[Aa]nswers?)\s+([a-z])\b/g;

function remapLetters(text: string, map: ReadonlyMap<string, string>): string {
  const swap = (letter: string) => map.get(letter) ?? letter;
  return text
    .replace(LETTER_LIST, (_, lead: string, list: string) => {
      const letters = list.split(/,\s*|\s+and\s+|\s+or\s+/);
      const joiner = /\sor\s/.test(list) ? 'or' : 'and';
      const mapped = letters.map(swap).sort();
      const body = mapped.length === 1 ? mapped[0]! : `${mapped.slice(0, -1).join(', ')} ${joiner} ${mapped[mapped.length - 1]}`;
      return `${lead}${body}`;
    })
    .replace(OPTION_REF, (_, word: string, letter: string) => `${word} ${swap(letter)}`);
}

/** "c is wrong: Firehose buffers…" → the reason for c, up to the next option's sentence. */
export function wrongReasons(explanation: string, ids: readonly string[]): Map<string, string> {
  const reasons = new Map<string, string>();
  const marker = /(?:^|[.;!?]\s+|\n\s*)((?:[a-z](?:,\s*|\s+and\s+))*[a-z])\s+(?:is|are)\s+(?:wrong|incorrect)\b[:,]?\s*/g;
  const hits = [...explanation.matchAll(marker)];
  hits.forEach((hit, i) => {
    const start = (hit.index ?? 0) + hit[0].length;
    const next = hits[i + 1];
    const stops = [...explanation.slice(start).matchAll(/(?:^|[.;!?]\s+|\n\s*)[a-z](?:,\s*[a-z])*(?:\s+and\s+[a-z])?\s+(?:is|are)\s+(?:right|correct|wrong|incorrect)\b/g)];
    const end = next ? (next.index ?? explanation.length) : stops[0] ? start + (stops[0].index ?? 0) : explanation.length;
    // The next option's sentence begins at its full stop, so put the stop back.
    const text = explanation.slice(start, end).trim().replace(/^[:,]\s*/, '');
    const reason = text && !/[.!?]$/.test(text) ? `${text}.` : text;
    for (const letter of hit[1]!.split(/,\s*|\s+and\s+/)) if (ids.includes(letter) && reason) reasons.set(letter, reason.charAt(0).toUpperCase() + reason.slice(1));
  });
  return reasons;
}

/** Options that are all one kind of number (`5`, `7`, `13 shards`) are listed in order, not shuffled. */
function numericOptions(a: AuthoredQuestion): Map<string, { amount: number; dimension: Dimension }> | null {
  const values = new Map<string, { amount: number; dimension: Dimension }>();
  for (const o of a.options) {
    const parsed = parseValue(o.text);
    const q = parsed?.form === 'single' ? parsed.quantities[0] : undefined;
    if (!q) return null;
    values.set(o.id, q.base);
  }
  const dims = new Set([...values.values()].map((v) => v.dimension));
  const amounts = new Set([...values.values()].map((v) => v.amount));
  return dims.size === 1 && amounts.size === values.size ? values : null;
}

export function authoredQuestion(ctx: GeneratorContext, a: AuthoredQuestion): Question | null {
  const numbers = numericOptions(a);
  const order = numbers ? [...a.options].sort((x, y) => numbers.get(x.id)!.amount - numbers.get(y.id)!.amount) : shuffled(ctx.rng, a.options);
  const map = new Map(order.map((o, i) => [o.id, OPTION_IDS[i]!]));
  const options = order.map((o, i) => ({ id: OPTION_IDS[i]!, text: o.text, value: numbers ? numbers.get(o.id)! : { outcome: `${a.id}:${o.id}` } }));
  const answer = a.answer.map((id) => map.get(id)).filter((id): id is string => id !== undefined).sort();
  const reasons = wrongReasons(a.explanation, a.options.map((o) => o.id));
  const distractors: Distractor[] = order
    .filter((o) => !a.answer.includes(o.id))
    .map((o) => ({ optionId: map.get(o.id)!, why: reasons.get(o.id) ? remapLetters(reasons.get(o.id)!, map) : 'Not the answer: the explanation says why' }));
  let stem = a.stem;
  if (a.type === 'multiple' && statedChoice(stem) === undefined) stem = `${stem} (Choose ${NUMBER_WORDS[answer.length] ?? answer.length}.)`;
  return {
    id: `authored/${a.id}`,
    kind: 'authored',
    type: a.type,
    stem,
    options,
    answer,
    explanation: remapLetters(a.explanation, map),
    topic: a.topic,
    sources: [{ file: a.source.file, line: a.source.line }],
    distractors,
    ...(numbers ? { ordered: true } : {}),
  };
}

export const authored: Generator = (ctx) => (ctx.index.questions.length === 0 ? null : authoredQuestion(ctx, pick(ctx.rng, ctx.index.questions)));
