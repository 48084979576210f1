import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import { createRng } from '../../src/sim/core/rng.js';
import { calcQuestion } from '../../src/quiz/generators/calc.js';
import { GENERATORS } from '../../src/quiz/generators/index.js';
import { QUIZ_KINDS, type Generator, type GeneratorContext } from '../../src/quiz/model.js';
import { TEMPLATES } from '../../src/quiz/templates/index.js';
import { validate } from '../../src/quiz/validate.js';
import { limitSource, seedsDir, shippedIndex } from './helpers.js';

// Every generator, on every seed, either declines (null) or makes a question that validate
// accepts: the property the issue asks for, over 10,000 seeds per generator on the shipped notes.
const RUNS = 10_000;
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function check(make: (seed: number) => ReturnType<Generator>, runs: number): { made: number } {
  let made = 0;
  fc.assert(
    fc.property(seeds, (seed) => {
      const q = make(seed);
      if (q === null) return true;
      made++;
      const { problems } = validate(q);
      if (problems.length > 0) throw new Error(`seed ${seed}, ${q.id}: ${problems.join('; ')}`);
      return true;
    }),
    { numRuns: runs, seed: 20261122 },
  );
  return { made };
}

describe('validate accepts everything the generators make', () => {
  const index = shippedIndex();
  const ctx = (seed: number): GeneratorContext => ({ index, rng: createRng(seed), limitSource });

  for (const kind of QUIZ_KINDS) {
    it(`${kind}: ${RUNS.toLocaleString('en')} seeds on the shipped notes`, () => {
      const { made } = check((seed) => GENERATORS[kind](ctx(seed)), RUNS);
      // A generator that always declined would pass vacuously.
      expect(made).toBeGreaterThan(RUNS * 0.8);
    });
  }

  it('every calc template, 1,000 seeds each', () => {
    for (const t of TEMPLATES) {
      const { made } = check((seed) => calcQuestion(t, ctx(seed)), 1000);
      expect(made, t.id).toBe(1000);
    }
  });

  it.skipIf(!existsSync(seedsDir))('cloze and calc on the seed notes, 2,000 seeds each', () => {
    const seedIndex = loadContent(seedsDir);
    for (const kind of ['cloze', 'calc'] as const) {
      const { made } = check((seed) => GENERATORS[kind]({ index: seedIndex, rng: createRng(seed), limitSource }), 2000);
      expect(made, kind).toBe(2000);
    }
  });
});
