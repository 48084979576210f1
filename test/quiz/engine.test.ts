import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import { findTopic } from '../../src/content/stats.js';
import { generateQuiz, scopeIndex } from '../../src/quiz/engine.js';
import { validate } from '../../src/quiz/validate.js';
import { fixtureIndex, limitSource, seedsDir, shippedIndex } from './helpers.js';

describe('generateQuiz', () => {
  it('the same seed gives the same questions; another seed gives others', () => {
    const a = generateQuiz(shippedIndex(), { count: 30, seed: 42, limitSource });
    const b = generateQuiz(shippedIndex(), { count: 30, seed: 42, limitSource });
    const c = generateQuiz(shippedIndex(), { count: 30, seed: 43, limitSource });
    expect(a).toEqual(b);
    expect(c.questions.map((q) => q.id)).not.toEqual(a.questions.map((q) => q.id));
  });

  it('returns the count asked for, all valid, none repeated, none rejected', () => {
    const run = generateQuiz(shippedIndex(), { count: 60, seed: 1, limitSource });
    expect(run.questions).toHaveLength(60);
    expect(run.rejected).toBe(0);
    expect(new Set(run.questions.map((q) => q.id)).size).toBe(60);
    for (const q of run.questions) expect(validate(q).problems).toEqual([]);
  });

  it('mixes every kind by default, arithmetic most', () => {
    const run = generateQuiz(shippedIndex(), { count: 100, seed: 3, limitSource });
    const counts: Record<string, number> = {};
    for (const q of run.questions) counts[q.kind] = (counts[q.kind] ?? 0) + 1;
    expect(Object.keys(counts).sort()).toEqual(['authored', 'calc', 'cloze', 'compare', 'recall']);
    expect(counts.calc).toBeGreaterThan(counts.compare!);
  });

  it('keeps to the kinds asked for', () => {
    const run = generateQuiz(shippedIndex(), { count: 20, seed: 5, kinds: ['recall', 'compare'], limitSource });
    expect(new Set(run.questions.map((q) => q.kind))).toEqual(new Set(['recall', 'compare']));
  });

  it('keeps to a topic, arithmetic included', () => {
    const index = shippedIndex();
    const topic = findTopic(index.topics, 'sqs')!;
    const run = generateQuiz(index, { count: 40, seed: 9, topic, limitSource });
    expect(run.questions).toHaveLength(40);
    for (const q of run.questions) expect(q.topic.startsWith('sqs')).toBe(true);
    expect(run.questions.some((q) => q.kind === 'calc')).toBe(true);
    expect(scopeIndex(index, topic).facts.every((f) => f.topic.startsWith('sqs'))).toBe(true);
  });

  it('stops when the notes have nothing more of a kind to give', () => {
    const run = generateQuiz(fixtureIndex(), { count: 50, seed: 1, kinds: ['authored'] });
    expect(run.questions.map((q) => q.id).sort()).toEqual(['authored/kds-shards', 'authored/kds-two']);
  });

  it.skipIf(!existsSync(seedsDir))('yields 50 valid questions from the seed notes alone', () => {
    const run = generateQuiz(loadContent(seedsDir), { count: 50, seed: 7, limitSource });
    expect(run.questions).toHaveLength(50);
    for (const q of run.questions) expect(validate(q).problems).toEqual([]);
    expect(new Set(run.questions.map((q) => q.kind))).toEqual(new Set(['cloze', 'calc']));
  });
});
