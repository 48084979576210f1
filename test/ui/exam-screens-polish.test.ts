// The exam screens' reducers on what the first cut got wrong: a grid cell that is answered and
// flagged, scroll positions that ran past the end of the history, the report and the review, and
// keys typed before the start screen's catalog or the session's paper had arrived.
import { describe, expect, it } from 'vitest';
import type { Exam } from '../../src/exam/assemble.js';
import type { AttemptSummary } from '../../src/exam/history.js';
import { BUILTIN_PROFILES } from '../../src/exam/profile.js';
import type { ExamReportAction, ExamRequest } from '../../src/exam/protocol.js';
import { startSession } from '../../src/exam/session.js';
import { findBinding, isNav, type Nav } from '../../src/ui/keys/bindings.js';
import { bodyHeight } from '../../src/ui/layout.js';
import type { Line } from '../../src/ui/markdown/types.js';
import { examHistoryKeys } from '../../src/ui/screens/exam-history/keys.js';
import { historyLines } from '../../src/ui/screens/exam-history/lines.js';
import { type ExamHistoryAction, type ExamHistoryState, examHistoryReducer, initExamHistory, maxHistoryScroll } from '../../src/ui/screens/exam-history/state.js';
import { examSessionKeys } from '../../src/ui/screens/exam-session/keys.js';
import { maxScroll, sessionBody } from '../../src/ui/screens/exam-session/lines.js';
import { examSessionModel } from '../../src/ui/screens/exam-session/model.js';
import { type ExamSessionAction, type ExamSessionState, type SessionOpen, clockExamSession, initExamSession } from '../../src/ui/screens/exam-session/state.js';
import { examStartKeys } from '../../src/ui/screens/exam/keys.js';
import { type ExamStartAction, type ExamStartState, clockExamStart, examStartReducer, initExamStart } from '../../src/ui/screens/exam/state.js';
import { type AppEffect, type ScreenContext, unwrap } from '../../src/ui/screens/model.js';
import { shippedIndex } from '../exam/helpers.js';
import { key } from './helpers.js';

const T0 = 1_700_000_000_000;
const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;
const size = { columns: 80, rows: 24 };
const ctx = (): ScreenContext => ({ index: shippedIndex(), version: 'test', menu: [] });
const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
const requests = (effects: readonly AppEffect[]) => effects.flatMap((e) => (e.type === 'task' ? [e.task.request as ExamRequest] : []));

/** Twelve questions with long explanations, so the review of one is taller than the screen. */
function paper(): Exam {
  const questions = Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    kind: 'authored' as const,
    type: 'single' as const,
    stem: `Stem of question ${i + 1}`,
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `option ${id}` })),
    answer: ['a'],
    explanation: Array.from({ length: 12 }, (_, n) => `Line ${n + 1} of why question ${i + 1} is so.`).join('\n'),
    topic: i % 2 ? 'sqs' : 'kinesis-data-streams',
    sources: [{ file: 'sqs.md', line: 10 + i }],
    distractors: [],
    area: 'Domain 1',
  }));
  return { profile: { ...sprint, questions: 12, minutes: 20 }, seed: 1, questions, unscored: [], durationSeconds: 1200, coverage: { buckets: [], missing: [], unknownTopics: [], summary: '' }, short: 0 };
}

interface Step<S> {
  state: S;
  effects: readonly AppEffect[];
  nav?: Nav<unknown>;
}

/** A key through the session's key table and the model's reducer, as the router feeds it. */
function pressSession(s: ExamSessionState, name: string, at: number): Step<ExamSessionState> {
  const k = { ...key(name), at };
  const action = findBinding(examSessionKeys, s, k)?.action(s, k);
  if (action === undefined) return { state: s, effects: [] };
  if (isNav(action)) return { state: s, effects: [], nav: action };
  return unwrap(examSessionModel.reduce(s, action as ExamSessionAction));
}

function sessionKeys(s: ExamSessionState, at: number, ...names: string[]): ExamSessionState {
  return names.reduce((st, n) => pressSession(st, n, at).state, s);
}

const deliverSession = (s: ExamSessionState, report: ExamReportAction) => unwrap(examSessionModel.reduce(s, report));

/** The session screen opened and asked for its paper at T0, before the port answered. */
function asking(open: SessionOpen = { start: { profile: sprint, seed: 1 } }): Step<ExamSessionState> {
  return unwrap(clockExamSession(initExamSession(ctx(), size, open), T0));
}

function running(): ExamSessionState {
  return deliverSession(asking().state, { type: 'started', state: startSession(paper(), T0), short: 0 }).state;
}

function reported(): ExamSessionState {
  const s = sessionKeys(running(), T0 + 1000, '1', 'n', '2', 's', 'y');
  expect(s.phase).toBe('report');
  return s;
}

describe('review grid', () => {
  it('shows an answered and flagged question as both, and a flagged unanswered one as unanswered', () => {
    let s = sessionKeys(running(), T0 + 1000, '1', 'f', 'n', 'f', 'n', '2', 'r');
    expect(s.session!.view).toBe('grid');
    const grid = text(sessionBody(s, 80, bodyHeight(size)).lines);
    expect(grid).toContain('(✓⚑ answered and flagged)');
    expect(grid).toMatch(/ 1✓⚑\s+2·⚑\s+3✓ \s+4· /);
    // The grid's own lines still fit the screen's width.
    for (const line of grid.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    s = sessionKeys(s, T0 + 2000, 'escape');
    expect(s.session!.view).toBe('question');
  });
});

describe('scrolling stops at the end', () => {
  it('the report on a short terminal: past the end, one k moves up a line at once', () => {
    const short = { columns: 80, rows: 12 };
    let s = examSessionModel.resize(reported(), short);
    const max = maxScroll(s, 'report');
    expect(max).toBeGreaterThan(0);
    s = sessionKeys(s, T0 + 5000, ...Array.from({ length: max + 10 }, () => 'j'));
    expect(s.reportScroll).toBe(max);
    s = sessionKeys(s, T0 + 5000, 'k');
    expect(s.reportScroll).toBe(max - 1);
    expect(sessionBody(s, 80, bodyHeight(short)).status).toBe('↓ 1 more (j)');
  });

  it('the review of a question: past the end, one k moves up; a taller screen re-fits the position', () => {
    let s = sessionKeys(reported(), T0 + 5000, 'v');
    expect(s.view).toBe('review');
    const max = maxScroll(s, 'review');
    expect(max).toBeGreaterThan(0);
    s = sessionKeys(s, T0 + 5000, ...Array.from({ length: max + 10 }, () => 'j'));
    expect(s.review.scroll).toBe(max);
    s = sessionKeys(s, T0 + 5000, 'k');
    expect(s.review.scroll).toBe(max - 1);
    s = examSessionModel.resize(s, { columns: 80, rows: 60 });
    expect(s.review.scroll).toBe(0);
  });

  it('a question that fits does not scroll at all', () => {
    const s = sessionKeys(running(), T0 + 1000, 'pagedown', 'pagedown');
    expect(s.scroll).toBe(0);
  });

  it('the history: past the end, one k moves up a line at once', () => {
    const attempt = (i: number): AttemptSummary => ({
      attempt: `sprint-${i}`,
      profile: 'sprint',
      title: 'Sprint',
      at: T0 + i * 86_400_000,
      scaledScore: 500 + i * 20,
      passingScore: 720,
      passed: 500 + i * 20 >= 720,
      correct: 10 + (i % 10),
      scored: 20,
      autoSubmitted: false,
      byTopic: [{ topic: 'sqs', correct: i % 5, total: 5 }],
      byArea: [{ area: 'Domain 1', correct: i % 5, total: 5 }],
      due: 0,
    });
    const pressHistory = (s: ExamHistoryState, name: string) => {
      const k = key(name);
      const action = findBinding(examHistoryKeys, s, k)?.action(s, k);
      return action === undefined || isNav(action) ? s : unwrap(examHistoryReducer(s, action as ExamHistoryAction)).state;
    };
    let s = initExamHistory(ctx(), size);
    // Before the attempts arrive there is nothing to scroll.
    s = pressHistory(s, 'j');
    expect(s.scroll).toBe(0);
    s = unwrap(examHistoryReducer(s, { type: 'history', attempts: Array.from({ length: 30 }, (_, i) => attempt(i)), skipped: 0 })).state;
    const max = maxHistoryScroll(s);
    expect(max).toBe(historyLines(s, 80).length - bodyHeight(size));
    expect(max).toBeGreaterThan(0);
    for (let i = 0; i < max + 10; i++) s = pressHistory(s, 'j');
    s = pressHistory(s, 'space');
    expect(s.scroll).toBe(max);
    s = pressHistory(s, 'k');
    expect(s.scroll).toBe(max - 1);
  });
});

describe('keys typed before the paper arrives', () => {
  it('are kept while the paper is prepared and played on it once it is shown, each stored', () => {
    const asked = asking();
    expect(requests(asked.effects)).toEqual([expect.objectContaining({ kind: 'start', at: T0 })]);
    // A burst right after Enter: answer 2, flag, next, answer 3; stamped before the paper exists.
    let s = asked.state;
    for (const name of ['2', 'f', 'n', '3']) s = pressSession(s, name, T0 - 5).state;
    expect(s.phase).toBe('loading');
    expect(s.early.map((k) => k.name)).toEqual(['2', 'f', 'n', '3']);
    const shown = deliverSession(s, { type: 'started', state: startSession(paper(), T0), short: 0 });
    const p = shown.state.session!;
    expect(shown.state.early).toEqual([]);
    expect(p.answers.slice(0, 2)).toEqual([['b'], ['c']]);
    expect(p.flagged[0]).toBe(true);
    expect(p.current).toBe(1);
    // Every change goes to the port, none timed before the paper began.
    const saves = requests(shown.effects);
    expect(saves.map((r) => (r.kind === 'save' ? r.action.type : r.kind))).toEqual(['answer', 'flag', 'next', 'answer']);
    expect(saves.every((r) => r.kind === 'save' && r.action.at >= T0)).toBe(true);
  });

  it('are dropped when the paper cannot be had; Esc and q still leave a screen without a paper', () => {
    let s = pressSession(asking().state, '1', T0).state;
    expect(pressSession(s, 'escape', T0).state).toBe(s);
    expect(findBinding(examSessionKeys, s, key('escape'))).toBeUndefined();
    s = deliverSession(s, { type: 'portFailed', what: 'start', message: 'the notes give no questions for "sprint"' }).state;
    expect(s.phase).toBe('failed');
    expect(s.early).toEqual([]);
  });
});

describe('the start screen before its catalog arrives', () => {
  const pressStart = (s: ExamStartState, name: string, at = T0): { state: ExamStartState; nav?: Nav<ExamStartAction> } => {
    const k = { ...key(name), at };
    const action = findBinding(examStartKeys, s, k)?.action(s, k);
    if (action === undefined) return { state: s };
    if (isNav(action)) return { state: s, nav: action };
    return { state: unwrap(examStartReducer(s, action)).state };
  };
  const up = () => {
    const asked = unwrap(clockExamStart(initExamStart(ctx(), size), T0));
    expect(requests(asked.effects)).toEqual([{ kind: 'catalog' }]);
    return asked.state;
  };
  const catalog = (running: boolean): ExamReportAction => ({ type: 'catalog', profiles: [...BUILTIN_PROFILES], problems: [], running: running ? { title: 'Sprint', deadline: T0 + 600_000, answered: 3, total: 20 } : null });

  it('acts on the keys: moves pressed early keep their profile when the catalog comes', () => {
    let s = pressStart(pressStart(up(), 'j').state, 'j').state;
    expect(s.profiles[s.cursor]!.id).toBe('sprint');
    s = unwrap(examStartReducer(s, catalog(false))).state;
    expect(s.profiles[s.cursor]!.id).toBe('sprint');
    expect(s.loaded).toBe(true);
  });

  it('an early Enter resumes a running attempt if the port knows one, else starts the profile', () => {
    const s = pressStart(pressStart(up(), 'j').state, 'j').state;
    const { nav } = pressStart(s, 'enter', T0 + 7);
    expect(nav).toMatchObject({ nav: 'open', screen: 'exam-session', params: { start: { profile: sprint, seed: (T0 + 7) % 2 ** 31 }, resumeFirst: true } });
    const open = (nav as { params: SessionOpen }).params;

    // The session asks for the running attempt first …
    const asked = asking(open);
    expect(requests(asked.effects)).toEqual([{ kind: 'resume', at: T0 }]);
    // … and, with none running, starts the profile chosen, with the Enter's seed.
    const none = deliverSession(asked.state, { type: 'nothingToResume' });
    expect(requests(none.effects)).toEqual([expect.objectContaining({ kind: 'start', profile: sprint, seed: (T0 + 7) % 2 ** 31, at: T0 })]);
    expect(none.state.phase).toBe('loading');
    // With one running, that one is what the screen shows.
    const running = startSession(paper(), T0 - 60_000);
    const resumed = deliverSession(asked.state, { type: 'resumed', state: running });
    expect(resumed.state.phase).toBe('running');
    expect(resumed.state.session!.id).toBe(running.id);
  });

  it('once the catalog says an attempt runs, Enter resumes it and nothing else', () => {
    const s = unwrap(examStartReducer(up(), catalog(true))).state;
    expect(pressStart(s, 'enter').nav).toMatchObject({ nav: 'open', screen: 'exam-session', params: { resume: true } });
    const loadedEmpty = unwrap(examStartReducer(up(), catalog(false))).state;
    expect(pressStart(loadedEmpty, 'enter').nav).toMatchObject({ params: { start: { profile: BUILTIN_PROFILES[0] } } });
    expect((pressStart(loadedEmpty, 'enter').nav as { params: object }).params).not.toHaveProperty('resumeFirst');
  });
});
