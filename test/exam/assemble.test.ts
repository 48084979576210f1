import { describe, expect, it } from 'vitest';
import { apportion, assembleExam, sameness } from '../../src/exam/assemble.js';
import { BUILTIN_PROFILES, parseProfile } from '../../src/exam/profile.js';
import { validate } from '../../src/quiz/validate.js';
import { shippedIndex } from './helpers.js';

const dea = BUILTIN_PROFILES.find((p) => p.id === 'dea-c01')!;
const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;

describe('apportion', () => {
  it('splits a total by weight with whole numbers that add up', () => {
    expect(apportion(65, [34, 18])).toEqual([43, 22]);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });
});

describe('assembleExam', () => {
  it('is the same paper for the same seed, and fresh numbers for another', () => {
    const a = assembleExam(shippedIndex(), dea, { seed: 11 });
    const b = assembleExam(shippedIndex(), dea, { seed: 11 });
    expect(b.questions).toEqual(a.questions);
    expect(b.unscored).toEqual(a.unscored);
    const calcs = (seed: number) =>
      new Set(
        assembleExam(shippedIndex(), dea, { seed })
          .questions.filter((q) => q.calc)
          .map((q) => JSON.stringify(q.calc)),
      );
    const one = calcs(11);
    const other = calcs(12);
    expect(one.size).toBeGreaterThan(5);
    expect([...other].filter((c) => one.has(c)).length).toBeLessThan(one.size / 2);
  });

  it('DEA-C01: 65 valid questions, 15 unscored, domain shares as weighted, scenarios first', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const e = assembleExam(shippedIndex(), dea, { seed });
      expect(e.questions).toHaveLength(65);
      expect(e.unscored).toHaveLength(15);
      expect(e.durationSeconds).toBe(7800);
      const d1 = e.questions.filter((q) => q.area.startsWith('Domain 1')).length;
      // Domains 1 and 4 are covered: 34:18 of 65 is 43:22.
      expect(Math.abs(d1 - 43)).toBeLessThanOrEqual(1);
      const scenarios = e.questions.filter((q) => q.kind === 'authored' || q.kind === 'calc').length;
      expect(scenarios / 65).toBeGreaterThan(0.6);
      for (const q of e.questions) expect(validate(q).ok).toBe(true);
    }
  });

  it('over 1,000 sprint seeds: weights within one question, no two questions on the same fact with the same numbers', () => {
    for (let seed = 0; seed < 1000; seed++) {
      const e = assembleExam(shippedIndex(), sprint, { seed });
      expect(e.questions).toHaveLength(20);
      const d1 = e.questions.filter((q) => q.area.startsWith('Domain 1')).length;
      expect(Math.abs(d1 - 13)).toBeLessThanOrEqual(1);
      const keys = e.questions.flatMap(sameness);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(e.questions.map((q) => q.id)).size).toBe(20);
    }
  }, 60_000);

  it('a topic-weighted custom profile draws only from its topics, in proportion', () => {
    const r = parseProfile('questions: 12\nminutes: 20\ntopics:\n  kinesis-data-streams: 2\n  sqs: 1\n', 'drill.yaml');
    if (!r.ok) throw new Error('bad profile');
    const e = assembleExam(shippedIndex(), r.profile, { seed: 5 });
    expect(e.questions).toHaveLength(12);
    expect(e.unscored).toEqual([]);
    const roots = e.questions.map((q) => q.topic.split('/')[0]);
    expect(roots.filter((t) => t === 'sqs')).toHaveLength(4);
    expect(roots.filter((t) => t === 'kinesis-data-streams')).toHaveLength(8);
  });
});
