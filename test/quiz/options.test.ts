import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/core/rng.js';
import { buildOptionSet, explainDistractors, normalizeText, type Candidate } from '../../src/quiz/options.js';
import { farEnough, perturbations, sameValue } from '../../src/quiz/numbers.js';

const MiB = 1024 * 1024;
const bytes = (amount: number) => ({ amount, dimension: 'bytes' as const });
const cand = (amount: number, text: string, group: Candidate['group'], why = `why ${text}`): Candidate => ({ value: bytes(amount), text, why, group });

describe('buildOptionSet', () => {
  it('lists numeric options in ascending order and keeps the key', () => {
    const set = buildOptionSet({
      key: { value: bytes(MiB), text: '1 MiB' },
      candidates: [cand(4 * MiB, '4 MiB', 'sibling'), cand(2 * MiB, '2 MiB', 'misconception'), cand(0.5 * MiB, '0.5 MiB', 'perturbation')],
      rng: createRng(1),
      order: 'numeric',
    })!;
    expect(set.options.map((o) => o.text)).toEqual(['0.5 MiB', '1 MiB', '2 MiB', '4 MiB']);
    expect(set.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(set.answer).toEqual(['b']);
    expect(set.distractors.map((d) => d.why)).toEqual(['why 0.5 MiB', 'why 2 MiB', 'why 4 MiB']);
  });

  it('compares in base units: 1,024 KiB never stands next to 1 MiB', () => {
    const set = buildOptionSet({
      key: { value: bytes(MiB), text: '1 MiB' },
      candidates: [cand(MiB, '1,024 KiB', 'misconception'), cand(2 * MiB, '2 MiB', 'sibling'), cand(3 * MiB, '3 MiB', 'sibling'), cand(4 * MiB, '4 MiB', 'sibling')],
      rng: createRng(1),
      order: 'numeric',
    })!;
    expect(set.options.map((o) => o.text)).not.toContain('1,024 KiB');
  });

  it('keeps a minimum gap, so 1 MB and 1 MiB (4.6% apart) are not both offered', () => {
    const set = buildOptionSet({
      key: { value: bytes(MiB), text: '1 MiB' },
      candidates: [cand(1e6, '1 MB', 'misconception'), cand(2 * MiB, '2 MiB', 'sibling'), cand(3 * MiB, '3 MiB', 'sibling'), cand(5 * MiB, '5 MiB', 'sibling')],
      rng: createRng(1),
      gap: { relative: 0.1, absolute: 0 },
      order: 'numeric',
    })!;
    expect(set.options.map((o) => o.text)).toEqual(['1 MiB', '2 MiB', '3 MiB', '5 MiB']);
  });

  it('prefers misconceptions, then siblings, then perturbations', () => {
    const set = buildOptionSet({
      key: { value: bytes(10), text: '10 B' },
      candidates: [cand(50, '50 B', 'perturbation'), cand(60, '60 B', 'perturbation'), cand(20, '20 B', 'sibling'), cand(30, '30 B', 'misconception'), cand(40, '40 B', 'sibling')],
      rng: createRng(1),
      order: 'numeric',
    })!;
    expect(set.options.map((o) => o.text)).toEqual(['10 B', '20 B', '30 B', '40 B']);
  });

  it('varies the key’s rank when there are candidates on both sides, favouring ranks mistakes can fill', () => {
    const ranks = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      const set = buildOptionSet({
        key: { value: bytes(100), text: '100 B' },
        candidates: [cand(50, '50 B', 'misconception'), cand(200, '200 B', 'misconception'), ...[10, 20, 30, 300, 400, 500].map((n) => cand(n, `${n} B`, 'perturbation'))],
        rng: createRng(seed),
        order: 'numeric',
      })!;
      ranks.set(set.answer[0]!, (ranks.get(set.answer[0]!) ?? 0) + 1);
      expect(set.distractors.filter((d) => d.why === 'why 50 B' || d.why === 'why 200 B').length).toBeGreaterThanOrEqual(1);
    }
    expect([...ranks.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(ranks.get('b')! + ranks.get('c')!).toBeGreaterThan(ranks.get('a')! + ranks.get('d')!);
  });

  it('refuses a set it cannot fill rather than padding it', () => {
    const set = buildOptionSet({ key: { value: bytes(10), text: '10 B' }, candidates: [cand(20, '20 B', 'sibling'), cand(10, '10 B', 'sibling')], rng: createRng(1), order: 'numeric' });
    expect(set).toBeNull();
  });

  it('never offers "all of the above" or a zero filler', () => {
    const set = buildOptionSet({
      key: { value: { outcome: 'k' }, text: 'Kinesis' },
      candidates: [
        { value: { outcome: 'x' }, text: 'All of the above', why: 'w', group: 'sibling' },
        { value: { outcome: 'y' }, text: 'None of these options', why: 'w', group: 'sibling' },
      ],
      rng: createRng(1),
      order: 'shuffle',
      count: 2,
    });
    expect(set).toBeNull();
    const zero = buildOptionSet({ key: { value: bytes(10), text: '10 B' }, candidates: [cand(0, '0 B', 'perturbation')], rng: createRng(1), order: 'numeric', count: 2 });
    expect(zero).toBeNull();
  });

  it('explains every wrong option with the mistake it encodes', () => {
    const set = buildOptionSet({ key: { value: bytes(10), text: '10 B' }, candidates: [cand(20, '20 B', 'sibling', 'used the read limit')], rng: createRng(1), order: 'numeric', count: 2 })!;
    expect(explainDistractors(set)).toBe('Why not the others:\nb) 20 B: used the read limit');
  });
});

describe('numbers', () => {
  it('normalises text ignoring case and spaces', () => {
    expect(normalizeText(' Two  MiB ')).toBe(normalizeText('two mib'));
  });

  it('values are the same across units, not across dimensions', () => {
    expect(sameValue({ amount: MiB, dimension: 'bytes' }, { amount: 1024 * 1024, dimension: 'bytes' })).toBe(true);
    expect(sameValue({ amount: 5, dimension: 'count' }, { amount: 5, dimension: 'count/s' })).toBe(false);
    expect(sameValue({ outcome: 'a' }, { outcome: 'a' })).toBe(true);
  });

  it('gaps are relative or absolute, whichever is larger', () => {
    expect(farEnough(13, 14, { relative: 0, absolute: 1 })).toBe(true);
    expect(farEnough(100, 105, { relative: 0.1, absolute: 0 })).toBe(false);
    expect(farEnough(0.5, 0.51, { relative: 0, absolute: 0.01 })).toBe(true);
  });

  it('perturbations stay whole for whole keys and binary for powers of two', () => {
    expect(perturbations(4).slice(0, 4)).toEqual([5, 3, 6, 2]);
    expect(perturbations(256)).toEqual([512, 128, 1024, 64, 2048, 32]);
    expect(perturbations(300).every((x) => Number.isInteger(x) && x !== 300)).toBe(true);
  });
});
