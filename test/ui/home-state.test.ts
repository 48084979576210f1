import { describe, expect, it } from 'vitest';
import { homeKeys } from '../../src/ui/screens/home/keys.js';
import { homeLines } from '../../src/ui/screens/home/lines.js';
import { type HomeState, homeReducer, initHome, summarise, summaryLine } from '../../src/ui/screens/home/state.js';
import { lineText } from '../../src/ui/markdown/types.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { emptyIndex, fixtureIndex } from './fixtures.js';
import { driver, key } from './helpers.js';

const ctx = createRouter(fixtureIndex(), '0.1.0').ctx;

describe('home state', () => {
  it('lists the menu screens and Quit', () => {
    const s = initHome(ctx);
    expect(s.items.map((i) => i.title)).toEqual(['Study', 'Review', 'Progress', 'Content', 'Practice', 'Mock exam', 'Labs', 'Quit']);
    expect(s.selected).toBe(0);
  });

  it('moves with wrap-around and selects within bounds', () => {
    const s = initHome(ctx);
    expect(homeReducer(s, { type: 'move', by: -1 }).selected).toBe(7);
    expect(homeReducer(s, { type: 'move', by: 8 }).selected).toBe(0);
    expect(homeReducer(s, { type: 'select', index: 8 })).toBe(s);
    expect(homeReducer(s, { type: 'select', index: 1 }).selected).toBe(1);
  });

  it('counts topics over the whole tree', () => {
    expect(summarise(fixtureIndex())).toEqual({ topics: 15, cards: 1, facts: 6, questions: 0 });
    expect(summaryLine({ topics: 1, cards: 2, facts: 1, questions: 1200 })).toBe('1 topic · 2 cards · 1 fact · 1,200 questions');
  });

  it('maps Enter, digits and Quit to navigation', () => {
    const s = initHome(ctx);
    const run = (state: HomeState, name: string) => homeKeys.find((b) => b.keys.some((k) => k === name || (k === 'digit' && /\d/.test(name))))!.action(state, key(name));
    expect(run(s, 'enter')).toEqual({ nav: 'open', screen: 'study', update: { type: 'select', index: 0 } });
    expect(run(s, '2')).toEqual({ nav: 'open', screen: 'review', update: { type: 'select', index: 1 } });
    expect(run(s, '4')).toEqual({ nav: 'open', screen: 'content', update: { type: 'select', index: 3 } });
    expect(run(s, '5')).toEqual({ nav: 'open', screen: 'practice', update: { type: 'select', index: 4 } });
    expect(run(s, '6')).toEqual({ nav: 'open', screen: 'exam', update: { type: 'select', index: 5 } });
    expect(run(s, '7')).toEqual({ nav: 'open', screen: 'labs', update: { type: 'select', index: 6 } });
    expect(run(s, '8')).toEqual({ nav: 'quit', update: { type: 'select', index: 7 } });
    expect(run(s, '9')).toBeUndefined();
  });

  it('opens Study by number through the router and remembers the choice', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.keys('down', '1');
    expect(d.state.stack.map((e) => e.id)).toEqual(['home', 'study']);
    d.keys('escape');
    expect((d.state.stack[0]!.state as HomeState).selected).toBe(0);
  });

  it('draws the summary, a notice for empty content, and fits the menu in the rows it has', () => {
    const empty = initHome(createRouter(emptyIndex(), '0.1.0').ctx);
    const lines = homeLines(empty, 80, 21).map(lineText);
    expect(lines).toContain(' 0 topics · 0 cards · 0 facts · 0 questions');
    expect(lines.some((l) => l.includes('No notes found in /empty'))).toBe(true);
    const tight = homeLines({ ...initHome(ctx), selected: 7 }, 80, 3).map(lineText);
    expect(tight).toHaveLength(3);
    expect(tight.some((l) => l.includes('❯ 8  Quit'))).toBe(true);
  });
});
