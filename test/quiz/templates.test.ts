import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/core/rng.js';
import { calcQuestion } from '../../src/quiz/generators/calc.js';
import { MISCONCEPTIONS } from '../../src/quiz/misconceptions.js';
import { limitByKey } from '../../src/quiz/sources.js';
import { TEMPLATES, TEMPLATE_BY_ID } from '../../src/quiz/templates/index.js';
import { present, type ChoiceTemplate, type NumberTemplate } from '../../src/quiz/templates/types.js';
import { context, shippedIndex } from './helpers.js';

const numberTemplates = TEMPLATES.filter((t): t is NumberTemplate => t.answer.kind === 'number');

describe('calc templates', () => {
  it('there are at least 15, with unique ids', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(15);
    expect(TEMPLATE_BY_ID.size).toBe(TEMPLATES.length);
  });

  it('name only limits the limits module has, and mistakes the misconception table has', () => {
    for (const t of TEMPLATES) {
      for (const key of t.limits) expect(() => limitByKey(key), `${t.id}: ${key}`).not.toThrow();
      const ids = t.answer.kind === 'number' ? (t as NumberTemplate).mistakes.map((m) => m.id) : [];
      for (const id of ids) expect(Object.keys(MISCONCEPTIONS), `${t.id}: ${id}`).toContain(id);
    }
  });

  it('every misconception in the table is one some generator can produce', () => {
    const used = new Set<string>(['previous-value']); // recall and cloze: a limit's old value
    for (const t of TEMPLATES) {
      if (t.answer.kind === 'number') for (const m of (t as NumberTemplate).mistakes) used.add(m.id);
      else for (const o of (t as ChoiceTemplate).outcomes) if (o.misconception) used.add(o.misconception);
    }
    expect([...used].sort()).toEqual(Object.keys(MISCONCEPTIONS).sort());
    for (const label of Object.values(MISCONCEPTIONS)) expect(label.length).toBeGreaterThan(10);
  });

  it('every misconception row is live: over many draws it gives a wrong answer at least once', () => {
    for (const t of numberTemplates) {
      const rng = createRng(99);
      const live = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const inputs = t.draw(rng);
        const key = present(t.answer, t.solve(inputs))!.text;
        for (const m of t.mistakes) if (present(t.answer, m.transform(inputs))?.text !== key) live.add(m.id);
      }
      expect([...live].sort(), t.id).toEqual(t.mistakes.map((m) => m.id).sort());
    }
  });

  it('draws fresh numbers: most seeds give different inputs', () => {
    for (const t of TEMPLATES) {
      const seen = new Set<string>();
      for (let seed = 0; seed < 50; seed++) seen.add(JSON.stringify(t.draw(createRng(seed))));
      expect(seen.size, t.id).toBeGreaterThan(3);
    }
  });

  it('every template finds its source in the shipped notes, without the limits-module fallback', () => {
    for (const t of TEMPLATES) {
      const q = calcQuestion(t, { ...context(shippedIndex(), 1), limitSource: () => undefined });
      expect(q, t.id).not.toBeNull();
      expect(q!.sources[0]!.file, t.id).toMatch(/\.md$/);
    }
  });

  it('the stem shows the drawn inputs and the explanation the working and every mistake', () => {
    for (const t of TEMPLATES) {
      const q = calcQuestion(t, context(shippedIndex(), 4))!;
      expect(q.calc!.template).toBe(t.id);
      for (const d of q.distractors) expect(q.explanation, t.id).toContain(d.why);
      expect(q.explanation.startsWith(t.working(q.calc!.inputs as never)), t.id).toBe(true);
    }
  });
});
