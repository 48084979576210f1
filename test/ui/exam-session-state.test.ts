// The exam screens' reducers with an injected clock: every time below is a number passed in, so
// the countdown, auto-submit and resume are exact. The port is played by hand, except in the
// crash test, which runs the real one against a store on disk.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examPort } from '../../src/cli/commands/exam-port.js';
import type { Exam } from '../../src/exam/assemble.js';
import { BUILTIN_PROFILES } from '../../src/exam/profile.js';
import type { ExamReportAction, ExamRequest } from '../../src/exam/protocol.js';
import { startSession, type SessionState } from '../../src/exam/session.js';
import { ProgressStore } from '../../src/store/store.js';
import type { Line } from '../../src/ui/markdown/types.js';
import { examSessionKeys } from '../../src/ui/screens/exam-session/keys.js';
import { sessionBody } from '../../src/ui/screens/exam-session/lines.js';
import { type ExamSessionAction, type ExamSessionState, clockExamSession, examSessionReducer, initExamSession, wakeExamSession } from '../../src/ui/screens/exam-session/state.js';
import { type AppEffect, type ScreenContext, unwrap } from '../../src/ui/screens/model.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { shippedIndex } from '../exam/helpers.js';
import { key } from './helpers.js';

const T0 = 1_700_000_000_000;
const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;
const size = { columns: 80, rows: 24 };

/** Four questions in eight minutes: two single answer, two "choose two"; the last unscored. */
function paper(): Exam {
  const q = (i: number, type: 'single' | 'multiple', answer: string[]) => ({
    id: `q${i}`,
    kind: 'authored' as const,
    type,
    stem: `Stem of question ${i + 1}`,
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `option ${id}` })),
    answer,
    explanation: `Why question ${i + 1} is so`,
    topic: i < 2 ? 'sqs' : 'kinesis-data-streams',
    sources: [{ file: i < 2 ? 'sqs.md' : 'kinesis-data-streams.md', line: 10 + i }],
    distractors: [],
    area: i < 2 ? 'Domain 1' : 'Domain 4',
  });
  const questions = [q(0, 'single', ['a']), q(1, 'multiple', ['b', 'c']), q(2, 'single', ['d']), q(3, 'multiple', ['a', 'd'])];
  return { profile: { ...sprint, questions: 4, minutes: 8 }, seed: 1, questions, unscored: [3], durationSeconds: 480, coverage: { buckets: [], missing: [], unknownTopics: [], summary: '' }, short: 0 };
}

const ctx = (): ScreenContext => ({ index: shippedIndex(), version: 'test', menu: [] });
const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
const screen = (s: ExamSessionState) => text(sessionBody(s, size.columns, 20).lines);
const flat = (s: ExamSessionState) => screen(s).replace(/\s+/g, ' ');

interface Step {
  state: ExamSessionState;
  effects: readonly AppEffect[];
}

/** Feeds a key through the screen's key table at time `at`, as the router does. */
function press(s: ExamSessionState, name: string, at: number): Step {
  const k = { ...key(name), at };
  const binding = findBinding(examSessionKeys, s, k);
  if (!binding) return { state: s, effects: [] };
  const action = binding.action(s, k);
  if (action === undefined || 'nav' in (action as object)) return { state: s, effects: [] };
  return unwrap(examSessionReducer(s, action as ExamSessionAction));
}

function keys(s: ExamSessionState, at: number, ...names: string[]): ExamSessionState {
  return names.reduce((st, n) => press(st, n, at).state, s);
}

const deliver = (s: ExamSessionState, report: ExamReportAction) => unwrap(examSessionReducer(s, report));
const requests = (effects: readonly AppEffect[]) => effects.flatMap((e) => (e.type === 'task' ? [e.task.request as ExamRequest] : []));

/** The screen opened on a new sprint and handed its paper by the port. */
function running(): ExamSessionState {
  let s = initExamSession(ctx(), size, { start: { profile: sprint, seed: 1 } });
  expect(wakeExamSession(s)).toBe(0);
  const asked = unwrap(clockExamSession(s, T0));
  expect(requests(asked.effects)).toEqual([expect.objectContaining({ kind: 'start', seed: 1, at: T0 })]);
  s = deliver(asked.state, { type: 'started', state: startSession(paper(), T0), short: 0 }).state;
  expect(s.phase).toBe('running');
  return s;
}

describe('exam session screen (reducer, injected clock)', () => {
  it('counts down: wakes on each whole second and shows question i of N with the time left', () => {
    let s = running();
    expect(flat(s)).toContain('Question 1 of 4 8:00 left 0 answered · 0 flagged');
    expect(wakeExamSession(s)).toBe(T0 + 1000);
    s = unwrap(clockExamSession(s, T0 + 1000)).state;
    expect(flat(s)).toContain('7:59 left');
    // A tick that changes nothing on the paper stores nothing.
    expect(unwrap(clockExamSession(s, T0 + 61_500)).effects).toEqual([]);
    s = unwrap(clockExamSession(s, T0 + 61_500)).state;
    expect(flat(s)).toContain('6:59 left');
    expect(wakeExamSession(s)).toBe(T0 + 62_000);
  });

  it('answers with number keys; Space toggles under the cursor in a "choose two", said to be all-or-nothing; every change is sent to be stored', () => {
    let s = running();
    const answered = press(s, '3', T0 + 1000);
    expect(answered.state.session!.answers[0]).toEqual(['c']);
    expect(requests(answered.effects)).toEqual([{ kind: 'save', before: s.session, action: { type: 'answer', at: T0 + 1000, key: 3 }, dueCards: [] }]);
    s = keys(answered.state, T0 + 2000, '1', 'n');
    expect(s.session!.answers[0]).toEqual(['a']);
    expect(flat(s)).toContain('Choose 2: number keys or Space toggle. Scored all-or-nothing');
    s = keys(s, T0 + 3000, 'down', 'space', '3');
    expect(s.session!.answers[1]).toEqual(['b', 'c']);
    s = keys(s, T0 + 3500, '3');
    expect(s.session!.answers[1]).toEqual(['b']);
    expect(screen(s)).toMatch(/\[x\] 2\. option b/);
  });

  it('flags and unflags; next, previous and g jump; the grid marks answered, unanswered and flagged and opens a question', () => {
    let s = keys(running(), T0 + 1000, '1', 'f');
    expect(s.session!.flagged[0]).toBe(true);
    expect(flat(s)).toContain('⚑ Flagged for review');
    s = keys(s, T0 + 2000, 'f');
    expect(s.session!.flagged[0]).toBe(false);
    s = keys(s, T0 + 3000, 'f', 'n', 'n', 'p');
    expect(s.session!.current).toBe(1);
    s = keys(s, T0 + 4000, 'g', '4');
    expect(sessionBody(s, 80, 20).prompt?.map((x) => x.text).join('')).toContain('Go to question: 4');
    // At the prompt a letter is swallowed: it neither answers nor flags.
    s = keys(s, T0 + 4000, 'f', 'enter');
    expect(s.session!.current).toBe(3);
    expect(s.session!.flagged[1]).toBe(false);
    s = keys(s, T0 + 5000, 'g', '9', 'enter');
    expect(s.flash).toBe('No question 9: 1 to 4');
    s = keys(s, T0 + 6000, 'r');
    expect(s.session!.view).toBe('grid');
    // Question 1 is answered and flagged: the cell says both.
    expect(screen(s)).toMatch(/1✓⚑\s+2·\s+3·\s+4·/);
    expect(flat(s)).toContain('Unanswered (3): 2–4');
    // The grid opens on the question shown (4); one to the left is 3.
    s = keys(s, T0 + 7000, 'right', 'left', 'enter');
    expect(s.session!.view).toBe('question');
    expect(s.session!.current).toBe(2);
  });

  it('submit asks first and lists the unanswered; n goes back, y hands in, scores and sends the misses\' cards with the last save', () => {
    let s = keys(running(), T0 + 1000, '1', 'n', '2', '3');
    s = keys(s, T0 + 2000, 's');
    expect(s.session!.view).toBe('confirm');
    expect(flat(s)).toContain('2 questions are unanswered and will count as wrong: 3, 4');
    s = keys(s, T0 + 3000, 'n');
    expect(s.session!.view).toBe('question');
    s = keys(s, T0 + 3000, 's');
    const done = press(s, 'y', T0 + 4000);
    expect(done.state.phase).toBe('report');
    expect(done.state.report).toMatchObject({ correct: 2, scored: 3, autoSubmitted: false, passed: false });
    const [save] = requests(done.effects);
    expect(save).toMatchObject({ kind: 'save', action: { type: 'confirm' } });
    expect(save?.kind === 'save' && save.before.phase).toBe('running');
    expect(flat(done.state)).toContain('FAIL');
    expect(flat(done.state)).toContain('Storing the attempt');
    const recorded = deliver(done.state, { type: 'recorded', report: done.state.report!, due: 3 }).state;
    expect(flat(recorded)).toContain('3 flashcards on your misses made due now.');
    expect(flat(recorded)).toContain('Multiple response is all-or-nothing');
  });

  it('submits itself at zero, whatever key comes after', () => {
    let s = keys(running(), T0 + 1000, '1');
    expect(wakeExamSession({ ...s, now: T0 + 479_500 })).toBe(T0 + 480_000);
    const zero = unwrap(clockExamSession(s, T0 + 480_000));
    s = zero.state;
    expect(s.phase).toBe('report');
    expect(s.report).toMatchObject({ autoSubmitted: true, correct: 1 });
    expect(requests(zero.effects)).toEqual([expect.objectContaining({ kind: 'save', action: { type: 'tick', at: T0 + 480_000 } })]);
    expect(flat(s)).toContain('Time ran out: the exam submitted itself.');
    expect(wakeExamSession(s)).toBeUndefined();
    // A number key now answers nothing: the paper is handed in.
    expect(keys(s, T0 + 481_000, '2').session!.answers[0]).toEqual(['a']);
  });

  it('the report reviews every question or the misses, and practises the misses', () => {
    let s = keys(running(), T0 + 1000, '1', 's', 'y');
    s = keys(s, T0 + 2000, 'v');
    expect(s.view).toBe('review');
    expect(flat(s)).toContain('✓ Right');
    expect(flat(s)).toContain('Source: sqs.md:10');
    s = keys(s, T0 + 2000, 'm');
    expect(flat(s)).toContain('– Unanswered 1 of 3 misses');
    expect(flat(s)).toContain('Your answer: none Key: 2, 3 (all-or-nothing)');
    const p = findBinding(examSessionKeys, s, key('p'))!.action(s, key('p'));
    expect(p).toMatchObject({ nav: 'open', screen: 'practice', params: { questions: [{ id: 'q1' }, { id: 'q2' }, { id: 'q3' }] } });
  });
});

describe('exam session: crash and resume through the real port', () => {
  function port(dir: string) {
    const p = examPort(ProgressStore.open(dir, { now: () => T0 }), dir);
    return (request: ExamRequest): ExamReportAction[] => {
      const out: ExamReportAction[] = [];
      p(request, (a) => out.push(a as ExamReportAction));
      return out;
    };
  }

  /** Runs the screen's task effects through the port and reduces what it reports. */
  function settle(step: Step, run: (r: ExamRequest) => ExamReportAction[]): ExamSessionState {
    let s = step.state;
    for (const r of requests(step.effects)) for (const a of run(r)) s = settle(deliver(s, a), run);
    return s;
  }

  function startOnDisk(dir: string): ExamSessionState {
    const run = port(dir);
    const started = run({ kind: 'start', index: shippedIndex(), profile: sprint, seed: 5, at: T0 });
    expect(started[0]?.type).toBe('started');
    let s = initExamSession(ctx(), size, { start: { profile: sprint, seed: 5 } });
    s = deliver({ ...s, opening: null }, started[0]!).state;
    for (const [name, at] of [['1', 10_000], ['f', 11_000], ['n', 20_000], ['2', 21_000]] as const) s = settle(press(s, name, T0 + at), run);
    return s;
  }

  it('resumes after a crash with the time really left, answers and flags intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-ui-'));
    const before: SessionState = startOnDisk(dir).session!;
    // The process dies; ten minutes later `shardlab exam --resume` opens the screen again.
    const later = T0 + 10 * 60_000;
    let s = initExamSession(ctx(), size, { resume: true });
    s = settle(unwrap(clockExamSession(s, later)), port(dir));
    expect(s.phase).toBe('running');
    expect(s.session!.answers[0]).toEqual(before.answers[0]);
    expect(s.session!.answers[1]).toEqual(before.answers[1]);
    expect(s.session!.flagged[0]).toBe(true);
    expect(s.session!.current).toBe(1);
    expect(flat(s)).toContain('Question 2 of 20 20:00 left 2 answered · 1 flagged');
  });

  it('an attempt whose time ran out while away is scored on resume, recorded once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-ui-'));
    startOnDisk(dir);
    const run = port(dir);
    let s = initExamSession(ctx(), size, { resume: true });
    s = settle(unwrap(clockExamSession(s, T0 + 3 * 3600_000)), run);
    expect(s.phase).toBe('report');
    expect(s.expiredWhileAway).toBe(true);
    expect(s.report).toMatchObject({ autoSubmitted: true, answered: 2, total: 20 });
    expect(s.due).toBe(0);
    expect(flat(s)).toContain('Time ran out while shardlab was closed');
    expect(run({ kind: 'resume', at: T0 + 4 * 3600_000 })).toEqual([{ type: 'nothingToResume' }]);
    const history = run({ kind: 'history' });
    expect(history[0]).toMatchObject({ type: 'history', attempts: [expect.objectContaining({ profile: 'sprint', autoSubmitted: true })] });
  });
});
