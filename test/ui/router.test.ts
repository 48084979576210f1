import { describe, expect, it } from 'vitest';
import type { KeyBinding } from '../../src/ui/keys/bindings.js';
import { footerHints, helpLines, initAppState, topEntry, type Router } from '../../src/ui/router/state.js';
import { type ScreenModel, eraseModel } from '../../src/ui/screens/model.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { fixtureIndex } from './fixtures.js';
import { driver } from './helpers.js';

interface Counter {
  count: number;
  typing: boolean;
  columns: number;
}
type CounterAction = { type: 'add' } | { type: 'typing'; on: boolean };

const counterKeys: KeyBinding<Counter, CounterAction>[] = [
  { keys: ['escape'], help: 'Stop typing', group: 'Counter', when: (s) => s.typing, action: () => ({ type: 'typing', on: false }) },
  { keys: ['printable'], help: 'Type', group: 'Counter', when: (s) => s.typing, action: () => ({ type: 'add' }) },
  { keys: ['+'], help: 'Add one', group: 'Counter', hint: 'add', action: () => ({ type: 'add' }) },
  { keys: ['t'], help: 'Type', group: 'Counter', action: () => ({ type: 'typing', on: true }) },
  { keys: ['o'], help: 'Open other', group: 'Counter', action: () => ({ nav: 'open', screen: 'other' }) },
];

const counter: ScreenModel<Counter, CounterAction> = {
  init: (_, size) => ({ count: 0, typing: false, columns: size.columns }),
  reduce: (s, a) => (a.type === 'add' ? { ...s, count: s.count + 1 } : { ...s, typing: a.on }),
  keys: counterKeys,
  resize: (s, size) => ({ ...s, columns: size.columns }),
};

const router: Router = {
  models: { home: eraseModel(counter), other: eraseModel(counter) },
  ctx: { index: fixtureIndex(), version: '1', menu: [] },
};

const top = (d: ReturnType<typeof driver>) => topEntry(d.state);
const count = (d: ReturnType<typeof driver>) => (top(d).state as Counter).count;

describe('app router', () => {
  it('starts with the first screen and opens others on top', () => {
    const d = driver(router);
    expect(d.state.stack.map((e) => e.id)).toEqual(['home']);
    d.keys('o');
    expect(d.state.stack.map((e) => e.id)).toEqual(['home', 'other']);
  });

  it('goes back with Esc or q, and q on the first screen quits', () => {
    const d = driver(router);
    d.keys('o', 'escape');
    expect(d.state.stack.map((e) => e.id)).toEqual(['home']);
    expect(d.state.quit).toBe(false);
    d.keys('o', 'q');
    expect(d.state.stack).toHaveLength(1);
    d.keys('escape');
    expect(d.state.quit).toBe(false);
    d.keys('q');
    expect(d.state.quit).toBe(true);
  });

  it('ignores everything after quitting', () => {
    const d = driver(router);
    d.keys('q');
    const after = d.state;
    d.keys('+', 'o');
    expect(d.state).toBe(after);
  });

  it('resumes a screen left with Back', () => {
    const d = driver(router);
    d.keys('o', '+', '+', 'escape', 'o');
    expect(count(d)).toBe(2);
  });

  it('lets the screen take keys first, so a text prompt keeps q and ?', () => {
    const d = driver(router);
    d.keys('t', 'q', '?');
    expect(d.state.quit).toBe(false);
    expect(d.state.help.open).toBe(false);
    expect(count(d)).toBe(2);
    d.keys('escape', 'q');
    expect(d.state.quit).toBe(true);
  });

  it('quits on Ctrl+C whatever the screen is doing', () => {
    const d = driver(router);
    d.keys('o', 't', 'ctrl+c');
    expect(d.state.quit).toBe(true);
  });

  it('processes a burst of keys one after another against fresh state', () => {
    const d = driver(router);
    d.keys('+', '+', '+', 'o', '+');
    expect(d.state.stack.map((e) => (e.state as Counter).count)).toEqual([3, 1]);
  });

  it('opens help with ?, swallows other keys, scrolls within bounds, closes with Esc', () => {
    const d = driver(router, { columns: 40, rows: 8 });
    d.keys('?');
    expect(d.state.help.open).toBe(true);
    d.keys('+');
    expect(count(d)).toBe(0);
    const lines = helpLines(router, d.state).length;
    d.keys('down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down');
    expect(d.state.help.scroll).toBe(lines - 5);
    d.keys('pageup');
    expect(d.state.help.scroll).toBe(Math.max(0, lines - 10));
    d.keys('escape');
    expect(d.state.help.open).toBe(false);
    expect(d.state.stack).toHaveLength(1);
  });

  it('resizes every open screen', () => {
    const d = driver(router);
    d.keys('o');
    d.dispatch({ type: 'resize', size: { columns: 120, rows: 40 } });
    expect(d.state.stack.map((e) => (e.state as Counter).columns)).toEqual([120, 120]);
    const same = d.state;
    d.dispatch({ type: 'resize', size: { columns: 120, rows: 40 } });
    expect(d.state).toBe(same);
  });

  it('offers footer hints for the screen, then the shared keys', () => {
    const d = driver(router);
    expect(footerHints(router, d.state)).toEqual([
      { keys: '+', label: 'add' },
      { keys: '?', label: 'keys' },
      { keys: 'q', label: 'quit' },
    ]);
    d.keys('o');
    expect(footerHints(router, d.state).map((h) => `${h.keys} ${h.label}`)).toEqual(['+ add', '? keys', 'Esc back']);
    d.keys('?');
    expect(footerHints(router, d.state).map((h) => `${h.keys} ${h.label}`)).toEqual(['↑↓ scroll', 'Esc close']);
  });

  it('refuses to start on a screen it does not know', () => {
    expect(() => initAppState(router, { columns: 80, rows: 24 }, 'nope')).toThrow(/nope/);
  });
});

describe('screen registry', () => {
  it('builds Home from the table: every menu screen is listed in order, Home itself and the screens opened from others are not', () => {
    const real = createRouter(fixtureIndex(), '1.0.0');
    expect(real.ctx.menu.map((m) => m.id)).toEqual(['study', 'review', 'progress', 'content', 'practice', 'exam', 'labs']);
    expect(Object.keys(real.models)).toEqual(expect.arrayContaining(['home', 'study', 'review', 'progress', 'content', 'practice', 'exam', 'exam-session', 'labs', 'lab']));
    expect(real.ctx.menu.map((m) => m.id)).not.toContain('home');
  });
});
