import { describe, expect, it } from 'vitest';
import { authoredQuestion } from '../../src/quiz/generators/authored.js';
import { calcQuestion } from '../../src/quiz/generators/calc.js';
import type { Question } from '../../src/quiz/model.js';
import { shardsForWritesTemplate, reshardCallsTemplate } from '../../src/quiz/templates/kinesis.js';
import { visibilityTemplate } from '../../src/quiz/templates/sqs.js';
import { statedChoice, validate } from '../../src/quiz/validate.js';
import { context, fixtureIndex } from './helpers.js';

function calc(): Question {
  const q = calcQuestion(shardsForWritesTemplate, context(fixtureIndex(), 7));
  if (!q) throw new Error('fixture question');
  return q;
}

function multiple(): Question {
  const a = fixtureIndex().questions.find((q) => q.id === 'kds-two')!;
  return authoredQuestion(context(fixtureIndex(), 3), a)!;
}

const copy = (q: Question): Question => structuredClone(q);

function problems(q: Question): string[] {
  return validate(q).problems;
}

describe('validate', () => {
  it('accepts what the generators make', () => {
    expect(problems(calc())).toEqual([]);
    expect(problems(multiple())).toEqual([]);
  });

  it('a single-answer question has exactly one key', () => {
    const q = copy(calc());
    q.answer = ['a', 'b'];
    expect(problems(q).join('\n')).toMatch(/single-answer question has 2 keys/);
  });

  it('a multiple-response question states N and has N keys', () => {
    const q = copy(multiple());
    q.stem = q.stem.replace(/\(Choose two\.\)/, '');
    expect(problems(q).join('\n')).toMatch(/does not state how many to choose/);
    const r = copy(multiple());
    r.answer = [...r.answer, r.options.find((o) => !r.answer.includes(o.id))!.id].sort();
    expect(problems(r).join('\n')).toMatch(/stem says choose 2 but there are 3 keys/);
  });

  it('a single-answer stem must not say "choose N"', () => {
    const q = copy(calc());
    q.stem += ' (Choose two.)';
    expect(problems(q).join('\n')).toMatch(/single-answer stem says "choose 2"/);
  });

  it('the key is among the options', () => {
    const q = copy(calc());
    q.answer = ['z'];
    expect(problems(q).join('\n')).toMatch(/key "z" is not among the options/);
  });

  it('no two options are equal after normalisation: text ignoring case and space', () => {
    const q = copy(calc());
    q.options[1]!.text = q.options[0]!.text.toUpperCase().replace(' ', '  ');
    expect(problems(q).join('\n')).toMatch(/options a and b have the same text/);
  });

  it('no two options are equal after normalisation: the same base quantity', () => {
    const q = copy(calc());
    q.options[1]!.value = { ...(q.options[0]!.value as { amount: number; dimension: 'count' }) };
    expect(problems(q).join('\n')).toMatch(/options a and b are the same value/);
  });

  it('numeric options are in ascending order', () => {
    const q = copy(calc());
    q.options.reverse();
    q.options.forEach((o, i) => (o.id = 'abcd'[i]!));
    expect(problems(q).join('\n')).toMatch(/not in ascending order/);
  });

  it('no "all of the above"', () => {
    const q = copy(multiple());
    q.options[3]!.text = 'All of the above';
    expect(problems(q).join('\n')).toMatch(/option d is "All of the above"/);
  });

  it('the explanation is not empty', () => {
    const q = copy(calc());
    q.explanation = '  ';
    expect(problems(q)).toContain('no explanation');
  });

  it('there is at least one source file:line, and each is well formed', () => {
    const q = copy(calc());
    q.sources = [];
    expect(problems(q)).toContain('no source file:line');
    q.sources = [{ file: 'x.md', line: 0 }];
    expect(problems(q)).toContain('bad source x.md:0');
  });

  it('every wrong option says why it is wrong', () => {
    const q = copy(calc());
    q.distractors[0]!.why = '';
    expect(problems(q).join('\n')).toMatch(/does not say why it is wrong/);
    q.distractors = q.distractors.slice(1);
    expect(problems(q).join('\n')).toMatch(/has no distractor reason/);
  });

  it('arithmetic: the key recomputed from the template and inputs equals the key shown', () => {
    const q = copy(calc());
    const wrong = q.distractors[0]!.optionId;
    q.distractors = [...q.distractors.filter((d) => d.optionId !== wrong), { optionId: q.answer[0]!, why: 'moved' }];
    q.answer = [wrong];
    expect(problems(q).join('\n')).toMatch(/recomputed key is \d+ shards, but the question shows/);
  });

  it('arithmetic: tampered inputs are caught too', () => {
    const q = copy(calcQuestion(reshardCallsTemplate, context(fixtureIndex(), 5))!);
    q.calc!.inputs.to = q.calc!.inputs.to! * 64;
    expect(problems(q).join('\n')).toMatch(/recomputed key/);
  });

  it('arithmetic: a choice template recomputes its outcome', () => {
    const q = copy(calcQuestion(visibilityTemplate, context(fixtureIndex(), 2))!);
    expect(problems(q)).toEqual([]);
    const { visibility, processing } = q.calc!.inputs as { visibility: number; processing: number };
    q.calc!.inputs = { visibility: processing, processing: visibility };
    expect(problems(q).join('\n')).toMatch(/recomputed outcome/);
  });

  it('arithmetic: a calc question must say which template made it', () => {
    const q = copy(calc());
    delete q.calc;
    expect(problems(q)).toContain('calc question does not record its template and inputs');
    const r = copy(calc());
    r.calc!.template = 'no.such';
    expect(problems(r)).toContain('unknown template no.such');
  });

  it('reads "choose N" the way the notes write it', () => {
    expect(statedChoice('Which two? (Choose two.)')).toBe(2);
    expect(statedChoice('Select 3 answers.')).toBe(3);
    expect(statedChoice('What is the limit?')).toBeUndefined();
  });
});
