import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exam } from '../../src/exam/assemble.js';
import { BUILTIN_PROFILES } from '../../src/exam/profile.js';
import { ATTEMPTS_JOURNAL, ExamRecorder } from '../../src/exam/recorder.js';
import { scaledScore, scoreSession } from '../../src/exam/score.js';
import { reduceSession, reviewGrid, startSession, timeLeftMs, unansweredIndices, type SessionAction, type SessionState } from '../../src/exam/session.js';
import { ProgressStore } from '../../src/store/store.js';

const T0 = 1_700_000_000_000;
const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;

/** A 4-question paper: two single, two multiple response; question 3 unscored. */
function paper(): Exam {
  const q = (i: number, type: 'single' | 'multiple', answer: string[]) => ({
    id: `q${i}`,
    kind: 'authored' as const,
    type,
    stem: `Question ${i}`,
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `option ${id}` })),
    answer,
    explanation: 'because',
    topic: i < 2 ? 'sqs/fifo' : 'kinesis-data-streams',
    sources: [{ file: 'x.md', line: 1 }],
    distractors: [],
    area: i < 2 ? 'Domain 1' : 'Domain 4',
    facts: [`fact-${i}`],
  });
  const questions = [q(0, 'single', ['a']), q(1, 'multiple', ['b', 'c']), q(2, 'single', ['d']), q(3, 'multiple', ['a', 'd'])];
  return { profile: { ...sprint, questions: 4, minutes: 8 }, seed: 1, questions, unscored: [3], durationSeconds: 480, coverage: { buckets: [], missing: [], unknownTopics: [], summary: '' }, short: 0 };
}

const run = (s: SessionState, ...actions: SessionAction[]) => actions.reduce(reduceSession, s);

describe('session reducer', () => {
  it('starts with the deadline at start + minutes and counts down', () => {
    const s = startSession(paper(), T0);
    expect(s.deadline).toBe(T0 + 8 * 60_000);
    expect(timeLeftMs(s, T0 + 60_000)).toBe(7 * 60_000);
  });

  it('answers with number keys; multiple response toggles', () => {
    let s = startSession(paper(), T0);
    s = run(s, { type: 'answer', at: T0 + 1, key: 2 }, { type: 'answer', at: T0 + 2, key: 1 });
    expect(s.answers[0]).toEqual(['a']);
    s = run(s, { type: 'next', at: T0 + 3 }, { type: 'answer', at: T0 + 4, key: 3 }, { type: 'answer', at: T0 + 5, key: 2 }, { type: 'answer', at: T0 + 6, key: 4 }, { type: 'answer', at: T0 + 7, key: 4 });
    expect(s.answers[1]).toEqual(['b', 'c']);
    expect(run(s, { type: 'answer', at: T0 + 8, key: 9 })).toBe(s);
  });

  it('navigates, flags and unflags, and builds the review grid', () => {
    let s = startSession(paper(), T0);
    s = run(s, { type: 'answer', at: T0, key: 1 }, { type: 'jump', at: T0 + 10_000, index: 2 }, { type: 'flag', at: T0 + 11_000 });
    expect(s.current).toBe(2);
    expect(s.spentMs[0]).toBe(10_000);
    s = run(s, { type: 'prev', at: T0 + 12_000 }, { type: 'flag', at: T0 + 12_500 }, { type: 'flag', at: T0 + 13_000 }, { type: 'prev', at: T0 + 14_000 }, { type: 'prev', at: T0 + 15_000 });
    expect(s.current).toBe(0);
    expect(s.flagged).toEqual([false, false, true, false]);
    s = run(s, { type: 'grid', at: T0 + 16_000 });
    expect(s.view).toBe('grid');
    expect(reviewGrid(s).map((c) => [c.answered, c.flagged])).toEqual([
      [true, false],
      [false, false],
      [false, true],
      [false, false],
    ]);
  });

  it('submit asks for confirmation listing the unanswered; back cancels, confirm finishes', () => {
    let s = startSession(paper(), T0);
    s = run(s, { type: 'answer', at: T0, key: 1 }, { type: 'submit', at: T0 + 1000 });
    expect(s.view).toBe('confirm');
    expect(unansweredIndices(s)).toEqual([1, 2, 3]);
    s = run(s, { type: 'back', at: T0 + 2000 });
    expect(s.phase).toBe('running');
    s = run(s, { type: 'submit', at: T0 + 3000 }, { type: 'confirm', at: T0 + 4000 });
    expect(s).toMatchObject({ phase: 'finished', submittedAt: T0 + 4000, autoSubmitted: false });
  });

  it('submits itself at zero, and nothing changes after', () => {
    let s = startSession(paper(), T0);
    s = run(s, { type: 'answer', at: T0, key: 1 }, { type: 'tick', at: s.deadline - 1 });
    expect(s.phase).toBe('running');
    s = run(s, { type: 'tick', at: s.deadline });
    expect(s).toMatchObject({ phase: 'finished', submittedAt: s.deadline, autoSubmitted: true });
    expect(s.spentMs[0]).toBe(480_000);
    expect(run(s, { type: 'answer', at: s.deadline + 1, key: 2 })).toBe(s);
    // A key pressed after the deadline is not an answer: the paper is handed in as it was.
    const late = run(startSession(paper(), T0), { type: 'answer', at: T0 + 480_001, key: 1 });
    expect(late.answers[0]).toEqual([]);
    expect(late.phase).toBe('finished');
  });
});

describe('scoring', () => {
  it('maps raw to scaled piecewise linearly through the pass mark', () => {
    expect(scaledScore(0, 0.7, 720)).toBe(100);
    expect(scaledScore(0.7, 0.7, 720)).toBe(720);
    expect(scaledScore(1, 0.7, 720)).toBe(1000);
    expect(scaledScore(0.35, 0.7, 720)).toBe(410);
    expect(scaledScore(0.85, 0.7, 720)).toBe(860);
    expect(scaledScore(0.6999, 0.7, 720)).toBeLessThan(720);
  });

  it('is all-or-nothing for multiple response, leaves unscored items out, breaks down weakest first', () => {
    let s = startSession(paper(), T0);
    s = run(
      s,
      { type: 'answer', at: T0, key: 1 }, // q0 right
      { type: 'next', at: T0 + 300_000 },
      { type: 'answer', at: T0 + 300_001, key: 2 }, // q1 only b of b,c: wrong
      { type: 'next', at: T0 + 310_000 },
      { type: 'answer', at: T0 + 310_001, key: 4 }, // q2 right
      { type: 'next', at: T0 + 320_000 },
      { type: 'answer', at: T0 + 320_001, key: 1 },
      { type: 'answer', at: T0 + 320_002, key: 4 }, // q3 right but unscored
      { type: 'submit', at: T0 + 330_000 },
      { type: 'confirm', at: T0 + 330_000 },
    );
    const r = scoreSession(s);
    expect([r.correct, r.scored]).toEqual([2, 3]);
    expect(r.scaledScore).toBe(scaledScore(2 / 3, 0.7, 720));
    expect(r.passed).toBe(false);
    expect(r.byArea.map((a) => [a.area, a.correct, a.total])).toEqual([
      ['Domain 1', 1, 2],
      ['Domain 4', 2, 2],
    ]);
    expect(r.byTopic[0]!.area).toBe('sqs');
    expect(r.missed.map((m) => [m.id, m.facts, m.given])).toEqual([['q1', ['fact-1'], ['b']]]);
    expect(r.pacing.targetSeconds).toBe(120);
    expect(r.pacing.slow).toEqual([0]);
    expect(r.pacing.perQuestion[0]).toBe(300);
  });
});

describe('recorder: every change stored, resume after a crash', () => {
  const open = (dir: string) => new ExamRecorder(ProgressStore.open(dir, { now: () => T0 }));

  it('resumes with the real time left, answers and flags intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-'));
    const rec = open(dir);
    let s = rec.start(startSession(paper(), T0));
    s = rec.dispatch(s, { type: 'answer', at: T0 + 1000, key: 1 }).state;
    s = rec.dispatch(s, { type: 'flag', at: T0 + 2000 }).state;
    rec.dispatch(s, { type: 'next', at: T0 + 3000 });
    // The process dies here; a new one opens the store from disk.
    const again = open(dir).resume(T0 + 200_000);
    expect(again?.finished).toBe(false);
    const back = again!.state;
    expect(back.answers[0]).toEqual(['a']);
    expect(back.flagged[0]).toBe(true);
    expect(back.current).toBe(1);
    expect(timeLeftMs(back, T0 + 200_000)).toBe(280_000);
    expect(back.enteredAt).toBe(T0 + 200_000);
    expect(() => open(dir).start(startSession(paper(), T0 + 1))).toThrow(/already in progress/);
  });

  it('scores an attempt whose time ran out while away, and journals it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-'));
    const rec = open(dir);
    const s = rec.start(startSession(paper(), T0));
    rec.dispatch(s, { type: 'answer', at: T0 + 1000, key: 1 });
    const later = open(dir);
    const r = later.resume(T0 + 10 * 60_000);
    expect(r).toMatchObject({ finished: true, expiredWhileAway: true });
    if (!r?.finished) return;
    expect(r.state.submittedAt).toBe(T0 + 480_000);
    expect(r.report).toMatchObject({ correct: 1, scored: 3, autoSubmitted: true });
    expect(later.resume(T0 + 11 * 60_000)).toBeNull();
    const attempts = later.attempts();
    expect(attempts.entries).toHaveLength(1);
    expect(attempts.entries[0]!.report.correct).toBe(1);
    expect(ProgressStore.open(dir, { now: () => T0 }).journalPath(ATTEMPTS_JOURNAL)).toMatch(/exam-attempts\.jsonl$/);
  });

  it('refuses a damaged running exam with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-'));
    const store = ProgressStore.open(dir, { now: () => T0 });
    store.update((doc) => {
      doc.sections.exam = { id: 'x' };
    });
    expect(() => new ExamRecorder(store).running()).toThrow(/running exam in progress.json is damaged/);
  });
});
