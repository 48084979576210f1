// The review grid on a full-length paper (issue #6): 65 questions (and 150) at 80×24 and other
// sizes. Every question must be reachable by the grid's keys, the cursor always on screen, the
// unanswered and flagged lists one line each, and nothing drawn past the screen's rows or columns.
import fc from 'fast-check';
import { createElement } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Exam } from '../../src/exam/assemble.js';
import { BUILTIN_PROFILES } from '../../src/exam/profile.js';
import { startSession } from '../../src/exam/session.js';
import { activeHints, activeIn, findBinding, isNav } from '../../src/ui/keys/bindings.js';
import { type TerminalSize, bodyHeight } from '../../src/ui/layout.js';
import type { Line } from '../../src/ui/markdown/types.js';
import { textWidth } from '../../src/ui/markdown/width.js';
import { condensedList, numberRanges } from '../../src/ui/screens/exam-session/grid.js';
import { examSessionKeys } from '../../src/ui/screens/exam-session/keys.js';
import { sessionBody } from '../../src/ui/screens/exam-session/lines.js';
import { examSessionModel } from '../../src/ui/screens/exam-session/model.js';
import { type ExamSessionAction, type ExamSessionState, clockExamSession, initExamSession } from '../../src/ui/screens/exam-session/state.js';
import { ExamSessionView } from '../../src/ui/screens/exam-session/view.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';
import { shippedIndex } from '../exam/helpers.js';
import { helpSections, layoutHelp } from '../../src/ui/router/help.js';
import { key } from './helpers.js';

afterEach(() => cleanup());

const T0 = 1_700_000_000_000;
const dea = BUILTIN_PROFILES.find((p) => p.id === 'dea-c01')!;
const ctx = (): ScreenContext => ({ index: shippedIndex(), version: 'test', menu: [] });
const text = (line: Line) => line.map((s) => s.text).join('');

function paper(count: number): Exam {
  const questions = Array.from({ length: count }, (_, i) => ({
    id: `q${i}`,
    kind: 'authored' as const,
    type: 'single' as const,
    stem: `Stem of question ${i + 1}`,
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `option ${id}` })),
    answer: ['a'],
    explanation: 'Because.',
    topic: 'sqs',
    sources: [{ file: 'sqs.md', line: 10 }],
    distractors: [],
    area: 'Domain 1',
  }));
  return { profile: { ...dea, questions: count }, seed: 1, questions, unscored: [], durationSeconds: 7800, coverage: { buckets: [], missing: [], unknownTopics: [], summary: '' }, short: 0 };
}

function running(count: number, size: TerminalSize): ExamSessionState {
  const asked = unwrap(clockExamSession(initExamSession(ctx(), size, { start: { profile: dea, seed: 1 } }), T0)).state;
  return unwrap(examSessionModel.reduce(asked, { type: 'started', state: startSession(paper(count), T0), short: 0 })).state;
}

function press(s: ExamSessionState, name: string): ExamSessionState {
  const k = { ...key(name), at: T0 + 1000 };
  const action = findBinding(examSessionKeys, s, k)?.action(s, k);
  if (action === undefined || isNav(action)) return s;
  return unwrap(examSessionModel.reduce(s, action as ExamSessionAction)).state;
}

const keys = (s: ExamSessionState, ...names: string[]) => names.reduce(press, s);
const repeat = (name: string, times: number) => Array.from({ length: times }, () => name);

/** Answers the questions at these 0-based indices, then comes back to question 1. */
function answering(s: ExamSessionState, indices: readonly number[]): ExamSessionState {
  for (const i of indices) s = keys(s, 'g', ...String(i + 1), 'enter', '1');
  return keys(s, 'g', '1', 'enter');
}

function body(s: ExamSessionState) {
  return sessionBody(s, s.size.columns, bodyHeight(s.size));
}

/** The number in the cell drawn as the cursor, and a check that it is the only one. */
function cursorCell(s: ExamSessionState): number {
  // The first line is the clock, itself drawn inverse.
  const drawn = body(s).lines.slice(1).flatMap((l) => l.filter((x) => x.style.inverse)).map((x) => x.text).join('');
  const numbers = drawn.match(/\d+/g) ?? [];
  expect(numbers).toHaveLength(1);
  return Number(numbers[0]);
}

function fits(s: ExamSessionState): void {
  const b = body(s);
  expect(b.lines.length).toBeLessThanOrEqual(bodyHeight(s.size));
  for (const line of b.lines) expect(textWidth(text(line))).toBeLessThanOrEqual(s.size.columns);
}

const sizes: TerminalSize[] = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 80, rows: 12 },
  { columns: 40, rows: 10 },
];

describe('review grid on a full paper', () => {
  for (const size of sizes) {
    for (const count of [65, 150]) {
      it(`${count} questions at ${size.columns}×${size.rows}: the cursor reaches every question, always drawn, nothing past the screen`, () => {
        let s = keys(running(count, size), 'r');
        expect(s.session!.view).toBe('grid');
        expect(cursorCell(s)).toBe(1);
        for (let i = 2; i <= count; i++) {
          s = press(s, 'l');
          expect(cursorCell(s)).toBe(i);
          fits(s);
        }
        // Back up by rows: the window follows the cursor up to the first row.
        while (s.gridCursor >= 10) {
          const before = s.gridCursor;
          s = press(s, 'up');
          expect(s.gridCursor).toBeLessThan(before);
          expect(cursorCell(s)).toBe(s.gridCursor + 1);
          fits(s);
        }
      });
    }
  }

  it('Enter opens every one of 65 questions at 80×24, reached by rows and columns from question 1', () => {
    const grid = keys(running(65, { columns: 80, rows: 24 }), 'r');
    for (let i = 0; i < 65; i++) {
      const s = keys(grid, ...repeat('j', Math.floor(i / 10)), ...repeat('right', i % 10), 'enter');
      expect(s.session!.view).toBe('question');
      expect(s.session!.current).toBe(i);
    }
  });

  it('at 80×24 the 65 questions fit without scrolling; both lists are one line each', () => {
    const s = keys(running(65, { columns: 80, rows: 24 }), 'f', 'r');
    const lines = body(s).lines.map(text);
    expect(lines.join('\n')).toMatch(/ 1·⚑ +2· +3·/);
    expect(lines.join('\n')).toMatch(/ 61· +62· +63· +64· +65·/);
    expect(lines).toContain(' Unanswered (65): 1–65');
    expect(lines).toContain(' Flagged (1): 1');
    expect(lines.some((l) => l.includes('below'))).toBe(false);
    fits(s);
  });

  it('the unanswered list condenses to ranges, and to a count when they do not fit', () => {
    const size = { columns: 80, rows: 24 };
    const gaps = [11, 12, 13, 14, 39];
    let s = answering(running(65, size), [...Array(65).keys()].filter((i) => !gaps.includes(i)));
    s = keys(s, 'r');
    expect(body(s).lines.map(text)).toContain(' Unanswered (5): 12–15, 40');

    // Every other question answered: 33 single numbers cannot fit on one line.
    s = answering(running(65, size), [...Array(65).keys()].filter((i) => i % 2 === 1));
    s = keys(s, 'r');
    const line = body(s).lines.map(text).find((l) => l.startsWith(' Unanswered'))!;
    expect(line).toMatch(/^ Unanswered \(33\): 1, 3, 5, .* … \+\d+ more$/);
    const shown = line.split(': ')[1]!.split(' … ')[0]!.split(', ').length;
    expect(shown + Number(/\+(\d+) more/.exec(line)![1])).toBe(33);
    expect(textWidth(line)).toBeLessThanOrEqual(80);
    fits(s);
  });

  it('u and F move the cursor to the next unanswered and flagged question, round to the first; Enter opens it', () => {
    const size = { columns: 80, rows: 24 };
    let s = answering(running(65, size), [...Array(65).keys()].filter((i) => ![20, 44].includes(i)));
    s = keys(s, 'g', '3', '1', 'enter', 'f', 'g', '6', '0', 'enter', 'f', 'g', '1', 'enter', 'r');
    s = press(s, 'u');
    expect(s.gridCursor).toBe(20);
    s = press(s, 'u');
    expect(s.gridCursor).toBe(44);
    s = press(s, 'u');
    expect(s.gridCursor).toBe(20);
    s = keys(s, 'F');
    expect(s.gridCursor).toBe(30);
    s = keys(s, 'F', 'enter');
    expect(s.session!.current).toBe(59);

    // With nothing left to find, the key says so and the cursor stays.
    s = keys(answering(running(4, size), [0, 1, 2, 3]), 'r', 'l', 'u');
    expect(s.gridCursor).toBe(1);
    expect(s.flash).toBe('Every question is answered.');
    s = keys(s, 'F');
    expect(s.flash).toBe('No question is flagged.');
  });

  it('150 questions at 80×24 scroll: the window says what is above and below; PgDn, End and Home jump', () => {
    let s = keys(running(150, { columns: 80, rows: 24 }), 'r');
    const scrollLine = () => body(s).lines.map(text).find((l) => l.includes('(PgUp/PgDn)'));
    expect(scrollLine()).toMatch(/↓ 131–150 below/);
    expect(scrollLine()).not.toContain('above');
    s = press(s, 'pagedown');
    expect(s.gridCursor).toBe(130);
    expect(cursorCell(s)).toBe(131);
    // The window scrolls just far enough to show the cursor's row, thirteen rows on.
    expect(scrollLine()).toMatch(/↑ 1–10 above +↓ 141–150 below/);
    s = press(s, 'end');
    expect(cursorCell(s)).toBe(150);
    // The last row is at the bottom of the window, not past it.
    expect(scrollLine()).toMatch(/↑ 1–20 above +\(PgUp/);
    s = press(s, 'home');
    expect(cursorCell(s)).toBe(1);
    fits(s);
  });

  it('down on a short last row lands on the last question; up on the first row stays', () => {
    let s = keys(running(65, { columns: 80, rows: 24 }), 'r', ...repeat('l', 58));
    expect(s.gridCursor).toBe(58);
    s = press(s, 'down');
    expect(s.gridCursor).toBe(64);
    s = press(s, 'down');
    expect(s.gridCursor).toBe(64);
    s = keys(s, 'home', 'right', 'up');
    expect(s.gridCursor).toBe(1);
  });

  it('a smaller terminal keeps the cursor in view', () => {
    let s = keys(running(65, { columns: 80, rows: 24 }), 'r', 'end');
    s = examSessionModel.resize(s, { columns: 80, rows: 12 });
    expect(cursorCell(s)).toBe(65);
    fits(s);
  });

  it('marks read without colour: the cursor is inverse, and answered, unanswered and flagged are glyphs', () => {
    const s = keys(running(65, { columns: 80, rows: 24 }), '1', 'f', 'n', 'f', 'r');
    const cells = body(s).lines.slice(1).flatMap((l) => l);
    const cursor = cells.filter((c) => c.style.inverse);
    expect(cursor.map((c) => c.text).join('')).toBe('   2·⚑');
    expect(cells.map((c) => c.text).join('')).toMatch(/ 1✓⚑ +2·⚑ +3· /);
  });

  for (const size of [{ columns: 80, rows: 24 }, { columns: 120, rows: 40 }]) {
    it(`the whole frame at ${size.columns}×${size.rows} stays within it`, () => {
      const s = keys(running(65, size), 'f', 'r', 'end');
      const hints = activeHints([activeIn(examSessionKeys, s)]);
      const app = render(createElement(ExamSessionView, { state: s, size, ctx: ctx(), hints }));
      const frame = app.lastFrame() ?? '';
      const rows = frame.split('\n');
      expect(rows.length).toBeLessThanOrEqual(size.rows);
      for (const row of rows) expect(textWidth(row)).toBeLessThanOrEqual(size.columns);
      expect(frame).toContain('Mock exam › Review grid');
      expect(frame).toContain('Unanswered (65): 1–65');
      expect(frame).toMatch(/65·/);
    });
  }
});

describe('condensed number lists', () => {
  it('ranges take runs of three or more; pairs stay single numbers', () => {
    expect(numberRanges([0, 1, 2, 4, 5, 9]).map((r) => r.text)).toEqual(['1–3', '5', '6', '10']);
  });

  it('always one line within the width, and what is shown plus what is counted is every number', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 199 }), { maxLength: 200 }), fc.integer({ min: 30, max: 160 }), (raw, width) => {
        const indices = [...raw].sort((a, b) => a - b);
        const line = condensedList('Unanswered', indices, width);
        expect(textWidth(line)).toBeLessThanOrEqual(width);
        const [, list = ''] = line.split(': ');
        const more = /… \+(\d+) more$/.exec(list);
        const shown = (more ? list.slice(0, more.index).trim() : list).split(', ').filter(Boolean);
        const count = shown.reduce((n, r) => n + (r.includes('–') ? Number(r.split('–')[1]) - Number(r.split('–')[0]) + 1 : 1), 0);
        expect(count + (more ? Number(more[1]) : 0)).toBe(indices.length);
      }),
    );
  });
});

describe('the session help at 80×24', () => {
  it('lays out within the width: the long list of keys typed ahead of the paper breaks onto lines of its own', () => {
    const s = keys(running(65, { columns: 80, rows: 24 }), 'r');
    const lines = layoutHelp(helpSections([activeIn(examSessionKeys, s)]), 80, 21);
    for (const line of lines) expect(textWidth(text(line))).toBeLessThanOrEqual(80);
    const all = lines.map(text).join('\n');
    expect(all).toMatch(/^ {2}F\/Home\/End /m);
    expect(all).toMatch(/ {2}u {10}Cursor to the next/);
    expect(all).toMatch(/ {2}F {10}Cursor to the next/);
  });
});
