import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, collectProfiles, parseProfile, profileCoverage } from '../../src/exam/profile.js';
import { shippedIndex } from './helpers.js';

describe('built-in profiles', () => {
  it('DEA-C01 is 65 questions (15 unscored) in 130 minutes, pass 720, weights 34/26/22/18', () => {
    const dea = BUILTIN_PROFILES.find((p) => p.id === 'dea-c01')!;
    expect([dea.questions, dea.unscored, dea.minutes, dea.passingScore]).toEqual([65, 15, 130, 720]);
    expect(dea.weights.by === 'domain' && dea.weights.domains.map((d) => d.weight)).toEqual([34, 26, 22, 18]);
    const das = BUILTIN_PROFILES.find((p) => p.id === 'das-c01')!;
    expect([das.questions, das.minutes, das.passingScore]).toEqual([65, 180, 750]);
    const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;
    expect([sprint.questions, sprint.minutes]).toEqual([20, 30]);
  });

  it('says which domains the shipped notes cover', () => {
    const dea = BUILTIN_PROFILES[0]!;
    const c = profileCoverage(dea, shippedIndex());
    expect(c.buckets.map((b) => b.key)).toEqual(['domain:1', 'domain:4']);
    expect(c.missing).toEqual(['Data Store Management', 'Data Operations and Support']);
    expect(c.summary).toMatch(/^covers only Domains 1 and 4 of 4/);
  });
});

describe('custom profiles', () => {
  const good = ['title: Kinesis drill', 'questions: 12', 'minutes: 20', 'passingScore: 700', 'topics:', '  kinesis-data-streams: 2', '  sqs: 1', ''].join('\n');

  it('parses a topic-weighted profile with defaults', () => {
    const r = parseProfile(good, 'content/exams/kinesis-drill.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profile).toMatchObject({ id: 'kinesis-drill', questions: 12, minutes: 20, passingScore: 700, unscored: 0, passingRaw: 0.7 });
    expect(r.profile.weights).toEqual({ by: 'topic', topics: { 'kinesis-data-streams': 2, sqs: 1 } });
    expect(profileCoverage(r.profile, shippedIndex()).buckets).toHaveLength(2);
  });

  it('reports a wrong value at its file:line', () => {
    const r = parseProfile(good.replace('minutes: 20', 'minutes: soon'), 'exams/x.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: 'exams/x.yaml', line: 3 });
    expect(r.problems[0]!.message).toMatch(/^minutes: /);
  });

  it('reports an unknown key, broken YAML and a clash of ids at their lines', () => {
    const unknown = parseProfile(`${good}colour: red\n`, 'a.yaml');
    expect(!unknown.ok && unknown.problems[0]).toMatchObject({ line: 8, message: 'unknown key "colour"' });
    const broken = parseProfile('questions: 10\nminutes: [1,\n', 'b.yaml');
    expect(!broken.ok && broken.problems[0]!.line).toBeGreaterThanOrEqual(2);
    const both = parseProfile('questions: 5\nminutes: 5\ntopics: {sqs: 1}\ndomains: {Security: 1}\n', 'c.yaml');
    expect(!both.ok && both.problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/not both/) });
    const clash = collectProfiles([{ file: 'sprint.yaml', text: 'questions: 5\nminutes: 5\n' }]);
    expect(clash.problems[0]!.message).toMatch(/already used by a built-in profile/);
  });

  it('names topics the notes do not have', () => {
    const r = parseProfile('questions: 5\nminutes: 5\ntopics: {no-such-topic: 1}\n', 'd.yaml');
    expect(r.ok && profileCoverage(r.profile, shippedIndex()).unknownTopics).toEqual(['no-such-topic']);
  });
});
