// The one gate every question passes before anyone sees it. It trusts nothing the generator
// says about itself: counts are counted, options compared in base units, and an arithmetic key is
// recomputed from the template and inputs stored on the question. The top complaint about
// practice banks is a wrong key, so a question that fails any rule is dropped, never shown.

import { OPTION_IDS, QUIZ_KINDS, type Question } from './model.js';
import { isNumeric, sameValue } from './numbers.js';
import { normalizeText } from './options.js';
import { TEMPLATE_BY_ID } from './templates/index.js';
import { present } from './templates/types.js';

export interface ValidationResult {
  ok: boolean;
  problems: string[];
}

// The convention the notes' question blocks use (content/questions.ts): "Choose two", "Select 3".
const CHOOSE = /\b(?:choose|select|pick)\s+(two|three|four|five|[2-9])\b/i;
const WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };
const BANNED = /^(all|none|both|neither) of (the|these) (above|options)\b/i;

/** The N a stem states with "Choose N", if any. */
export function statedChoice(stem: string): number | undefined {
  const m = CHOOSE.exec(stem);
  if (!m) return undefined;
  const n = m[1]!.toLowerCase();
  return WORDS[n] ?? Number(n);
}

function checkKeys(q: Question, problems: string[]): void {
  const stated = statedChoice(q.stem);
  if (q.type === 'single') {
    if (q.answer.length !== 1) problems.push(`single-answer question has ${q.answer.length} keys`);
    if (stated !== undefined) problems.push(`single-answer stem says "choose ${stated}"`);
  } else {
    if (stated === undefined) problems.push('multiple-response stem does not state how many to choose');
    else if (q.answer.length !== stated) problems.push(`stem says choose ${stated} but there are ${q.answer.length} keys`);
    if (q.answer.length < 2) problems.push('multiple-response question has fewer than two keys');
  }
  const ids = new Set(q.options.map((o) => o.id));
  if (new Set(q.answer).size !== q.answer.length) problems.push('a key is listed twice');
  for (const a of q.answer) if (!ids.has(a)) problems.push(`key "${a}" is not among the options`);
}

function checkOptions(q: Question, problems: string[]): void {
  if (q.options.length < 2) problems.push(`only ${q.options.length} option(s)`);
  const ids = q.options.map((o) => o.id);
  if (new Set(ids).size !== ids.length) problems.push('two options share an id');
  q.options.forEach((o, i) => {
    if (o.text.trim() === '') problems.push(`option ${o.id} has no text`);
    if (BANNED.test(o.text.trim())) problems.push(`option ${o.id} is "${o.text}"`);
    if (o.id !== OPTION_IDS[i]) problems.push(`option ${i + 1} has id "${o.id}", expected "${OPTION_IDS[i]}"`);
    for (const other of q.options.slice(i + 1)) {
      if (normalizeText(o.text) === normalizeText(other.text)) problems.push(`options ${o.id} and ${other.id} have the same text`);
      else if (o.value && other.value && sameValue(o.value, other.value)) problems.push(`options ${o.id} and ${other.id} are the same value`);
    }
  });
  if (q.ordered) {
    for (let i = 1; i < q.options.length; i++) {
      const a = q.options[i - 1]!.value;
      const b = q.options[i]!.value;
      if (!isNumeric(a) || !isNumeric(b)) problems.push('ordered options must all be numbers');
      else if (!(a.amount < b.amount)) problems.push(`options ${q.options[i - 1]!.id} and ${q.options[i]!.id} are not in ascending order`);
    }
  }
}

function checkTeaching(q: Question, problems: string[]): void {
  if (q.explanation.trim() === '') problems.push('no explanation');
  if (q.sources.length === 0) problems.push('no source file:line');
  for (const s of q.sources) {
    if (s.file.trim() === '' || !Number.isInteger(s.line) || s.line < 1) problems.push(`bad source ${s.file}:${s.line}`);
  }
  const keys = new Set(q.answer);
  const explained = new Set<string>();
  for (const d of q.distractors) {
    if (keys.has(d.optionId)) problems.push(`key ${d.optionId} is also listed as a distractor`);
    if (!q.options.some((o) => o.id === d.optionId)) problems.push(`distractor ${d.optionId} is not an option`);
    if (d.why.trim() === '') problems.push(`distractor ${d.optionId} does not say why it is wrong`);
    explained.add(d.optionId);
  }
  for (const o of q.options) if (!keys.has(o.id) && !explained.has(o.id)) problems.push(`wrong option ${o.id} has no distractor reason`);
}

/** For arithmetic, the key recomputed from the template and inputs must be the key shown. */
function checkArithmetic(q: Question, problems: string[]): void {
  if (q.kind !== 'calc') return;
  if (!q.calc) {
    problems.push('calc question does not record its template and inputs');
    return;
  }
  const t = TEMPLATE_BY_ID.get(q.calc.template);
  if (!t) {
    problems.push(`unknown template ${q.calc.template}`);
    return;
  }
  const key = q.options.find((o) => o.id === q.answer[0]);
  if (!key) return;
  if (t.answer.kind === 'number') {
    const expected = present(t.answer, (t.solve as (i: Record<string, number>) => number)(q.calc.inputs));
    if (!expected || !key.value || !sameValue(expected.value, key.value) || expected.text !== key.text) {
      problems.push(`recomputed key is ${expected?.text ?? 'not a number'}, but the question shows ${key.text}`);
    }
  } else {
    const outcome = (t.solve as (i: Record<string, number>) => string)(q.calc.inputs);
    if (!key.value || isNumeric(key.value) || key.value.outcome !== outcome) problems.push(`recomputed outcome is "${outcome}", but the key is another`);
  }
}

export function validate(q: Question): ValidationResult {
  const problems: string[] = [];
  if (!q.id) problems.push('no id');
  if (!QUIZ_KINDS.includes(q.kind)) problems.push(`unknown kind ${q.kind}`);
  if (!q.topic) problems.push('no topic');
  if (q.stem.trim() === '') problems.push('no stem');
  checkKeys(q, problems);
  checkOptions(q, problems);
  checkTeaching(q, problems);
  checkArithmetic(q, problems);
  return { ok: problems.length === 0, problems };
}

export function isValid(q: Question): boolean {
  return validate(q).ok;
}
