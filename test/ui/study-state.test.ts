import { describe, expect, it } from 'vitest';
import { sectionLines } from '../../src/ui/markdown/section.js';
import { studyLayout } from '../../src/ui/screens/study/layout.js';
import { paneStatus, paneWindow, scrollThumb, treeLines } from '../../src/ui/screens/study/lines.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { type StudyAction, type StudyState, breadcrumb, initStudy, maxPaneTop, resizeStudy, rowsOf, studyReducer } from '../../src/ui/screens/study/state.js';
import { visibleRows } from '../../src/ui/screens/study/tree.js';
import { lineText } from '../../src/ui/markdown/types.js';
import { emptyIndex, fixtureIndex, fixtureTopic } from './fixtures.js';
import { driver } from './helpers.js';

const size = { columns: 80, rows: 24 };
const ctx = createRouter(fixtureIndex(), '0.1.0').ctx;
const start = () => initStudy(ctx, size);
const run = (state: StudyState, ...actions: StudyAction[]) => actions.reduce(studyReducer, state);
const titles = (s: StudyState) => rowsOf(s).map((r) => `${'  '.repeat(r.level)}${r.topic.title}`);
const selectedTitle = (s: StudyState) => (s.selected ? s.byId.get(s.selected)?.title : undefined);

describe('topic tree', () => {
  it('starts with the files collapsed and the first selected', () => {
    const s = start();
    expect(titles(s)).toEqual(['Kinesis Data Streams', 'Amazon Data Firehose', 'Amazon SQS']);
    expect(selectedTitle(s)).toBe('Kinesis Data Streams');
  });

  it('opens a single file with its sections showing', () => {
    const index = { ...fixtureIndex(), topics: [fixtureTopic('Amazon SQS')] };
    expect(titles(initStudy({ ...ctx, index }, size))).toEqual(['Amazon SQS', '  Standard queues', '  FIFO queues', '  Visibility timeout']);
  });

  it('expands with Right, steps into children, collapses with Left and climbs to the parent', () => {
    let s = run(start(), { type: 'expand' });
    expect(titles(s).slice(0, 3)).toEqual(['Kinesis Data Streams', '  Shards and throughput', '  Producers']);
    s = run(s, { type: 'expand' });
    expect(selectedTitle(s)).toBe('Shards and throughput');
    s = run(s, { type: 'collapse' });
    expect(selectedTitle(s)).toBe('Kinesis Data Streams');
    s = run(s, { type: 'collapse' });
    expect(titles(s)).toHaveLength(3);
  });

  it('toggles with Enter and sends a leaf to the pane', () => {
    let s = run(start(), { type: 'toggle' });
    expect(rowsOf(s)[0]!.open).toBe(true);
    s = run(s, { type: 'move', by: 2 }, { type: 'toggle' });
    expect(selectedTitle(s)).toBe('Producers');
    expect(s.focus).toBe('pane');
    s = run(s, { type: 'focus', focus: 'tree' }, { type: 'move', by: -2 }, { type: 'toggle' });
    expect(titles(s)).toHaveLength(3);
  });

  it('moves within bounds and jumps to first and last', () => {
    let s = run(start(), { type: 'move', by: -5 });
    expect(selectedTitle(s)).toBe('Kinesis Data Streams');
    s = run(s, { type: 'move', by: 99 });
    expect(selectedTitle(s)).toBe('Amazon SQS');
    s = run(s, { type: 'moveTo', position: 'first' });
    expect(selectedTitle(s)).toBe('Kinesis Data Streams');
  });

  it('windows a long tree so the selection stays in view', () => {
    const small = { columns: 80, rows: 10 };
    let s = initStudy(ctx, small);
    for (const id of s.byId.keys()) s = { ...s, expanded: new Set([...s.expanded, id]) };
    s = run(s, { type: 'moveTo', position: 'last' });
    const rows = studyLayout(small).tree.rows;
    expect(s.treeTop).toBe(rowsOf(s).length - rows);
    expect(treeLines(s)).toHaveLength(rows + 1);
    expect(lineText(treeLines(s).at(-1)!)).toContain('Visibility timeout');
    s = run(s, { type: 'moveTo', position: 'first' });
    expect(s.treeTop).toBe(0);
  });

  it('shows the breadcrumb of the selection', () => {
    const s = run(start(), { type: 'expand' }, { type: 'move', by: 3 }, { type: 'expand' }, { type: 'expand' });
    expect(breadcrumb(s)).toEqual(['Kinesis Data Streams', 'Consumers', 'Enhanced fan-out']);
  });
});

describe('filter', () => {
  it('narrows the tree to matching titles and their ancestors', () => {
    const rows = visibleRows(ctx.index.topics, new Set(), 'timeout');
    expect(rows.map((r) => [r.topic.title, r.match])).toEqual([
      ['Amazon SQS', false],
      ['Visibility timeout', true],
    ]);
  });

  it('needs every word, in any order, ignoring case', () => {
    expect(visibleRows(ctx.index.topics, new Set(), 'FAN enhanced').map((r) => r.topic.title)).toEqual([
      'Kinesis Data Streams',
      'Consumers',
      'Enhanced fan-out',
    ]);
  });

  it('selects the first match while typing and keeps it after Enter', () => {
    let s = run(start(), { type: 'openFilter' }, { type: 'typeFilter', text: 'queue' });
    expect(s.editing).toBe(true);
    expect(selectedTitle(s)).toBe('Standard queues');
    s = run(s, { type: 'move', by: 1 });
    expect(selectedTitle(s)).toBe('FIFO queues');
    s = run(s, { type: 'keepFilter' });
    expect(s.editing).toBe(false);
    expect(s.filter).toBe('queue');
    expect(selectedTitle(s)).toBe('FIFO queues');
  });

  it('keeps the selection visible once the filter is cleared', () => {
    let s = run(start(), { type: 'openFilter' }, { type: 'typeFilter', text: 'hot' }, { type: 'clearFilter' });
    expect(selectedTitle(s)).toBe('Hot shards');
    expect(titles(s)).toContain('    Hot shards');
    s = run(s, { type: 'openFilter' }, { type: 'typeFilter', text: '  ' }, { type: 'keepFilter' });
    expect(s.filter).toBe('');
  });

  it('erases characters and the whole query', () => {
    let s = run(start(), { type: 'openFilter' }, { type: 'typeFilter', text: 'fifo' }, { type: 'eraseFilter', all: false });
    expect(s.filter).toBe('fif');
    s = run(s, { type: 'eraseFilter', all: true });
    expect(s.filter).toBe('');
  });

  it('shows no rows and keeps the last selection when nothing matches', () => {
    const s = run(start(), { type: 'openFilter' }, { type: 'typeFilter', text: 'zzz' });
    expect(rowsOf(s)).toEqual([]);
    expect(selectedTitle(s)).toBe('Kinesis Data Streams');
    expect(lineText(treeLines(s)[1]!)).toContain('No titles match.');
  });
});

describe('reading pane scroll', () => {
  const shards = () => run(start(), { type: 'expand' }, { type: 'expand' });

  it('never scrolls above the top or past the bottom', () => {
    let s = run(shards(), { type: 'scroll', by: -3 });
    expect(s.paneTop).toBe(0);
    s = run(s, { type: 'scroll', by: 1000 });
    expect(s.paneTop).toBe(maxPaneTop(s));
    expect(maxPaneTop(s)).toBe(sectionLines(fixtureTopic('Shards and throughput'), ctx.index.facts, studyLayout(size).pane.width).length - studyLayout(size).pane.height);
  });

  it('pages by the pane height less two lines of overlap', () => {
    const page = studyLayout(size).pane.height - 2;
    const s = run(start(), { type: 'scrollPage', by: 1 });
    expect(s.paneTop).toBe(Math.min(page, maxPaneTop(s)));
    expect(run(s, { type: 'scrollPage', by: -1 }).paneTop).toBe(0);
  });

  it('goes to the top and the bottom', () => {
    const s = run(start(), { type: 'scrollTo', position: 'bottom' });
    expect(s.paneTop).toBe(maxPaneTop(s));
    expect(run(s, { type: 'scrollTo', position: 'top' }).paneTop).toBe(0);
  });

  it('starts a newly selected topic at its top', () => {
    const s = run(start(), { type: 'scroll', by: 5 }, { type: 'move', by: 1 });
    expect(s.paneTop).toBe(0);
  });

  it('does not scroll a section that fits', () => {
    const s = run(start(), { type: 'moveTo', position: 'last' }, { type: 'expand' }, { type: 'moveTo', position: 'last' }, { type: 'scroll', by: 3 });
    expect(selectedTitle(s)).toBe('Visibility timeout');
    expect(s.paneTop).toBe(0);
    expect(paneStatus(0, 21, 5)).toBe('');
  });

  it('keeps scroll in range after a resize re-wraps the text', () => {
    let s = run(start(), { type: 'scrollTo', position: 'bottom' });
    s = resizeStudy(s, { columns: 200, rows: 60 });
    expect(s.paneTop).toBe(maxPaneTop(s));
    expect(resizeStudy(s, { columns: 200, rows: 60 })).toBe(s);
  });

  it('places the scroll thumb proportionally', () => {
    expect(scrollThumb(10, 20, 0)).toBeUndefined();
    expect(scrollThumb(100, 20, 0)).toEqual({ start: 0, size: 4 });
    expect(scrollThumb(100, 20, 80)).toEqual({ start: 16, size: 4 });
    expect(paneStatus(20, 21, 86)).toBe('21–41/86');
  });

  it('fits the window to the pane height', () => {
    const w = paneWindow(run(start(), { type: 'scroll', by: 4 }));
    expect(w.lines).toHaveLength(studyLayout(size).pane.height);
    expect(w.top).toBe(4);
  });
});

describe('study keys through the router', () => {
  const router = createRouter(fixtureIndex(), '0.1.0');
  const study = () => {
    const d = driver(router);
    d.keys('enter');
    return d;
  };
  const state = (d: ReturnType<typeof driver>) => d.state.stack.at(-1)!.state as StudyState;

  it('types q and ? into the filter instead of leaving or opening help', () => {
    const d = study();
    d.keys('/', 'q', '?');
    expect(state(d).filter).toBe('q?');
    expect(d.state.stack).toHaveLength(2);
    expect(d.state.help.open).toBe(false);
  });

  it('clears a kept filter with Esc before Esc goes back', () => {
    const d = study();
    d.keys('/', 'f', 'i', 'f', 'o', 'enter');
    expect(state(d).filter).toBe('fifo');
    d.keys('escape');
    expect(state(d).filter).toBe('');
    expect(d.state.stack).toHaveLength(2);
    d.keys('escape');
    expect(d.state.stack).toHaveLength(1);
  });

  it('scrolls the pane with j/k only when the pane has focus', () => {
    const d = study();
    d.keys('j');
    expect(selectedTitle(state(d))).toBe('Amazon Data Firehose');
    d.keys('k', 'tab', 'j', 'j', 'space');
    expect(state(d).paneTop).toBe(2 + studyLayout(size).pane.height - 2);
    d.keys('n');
    expect(selectedTitle(state(d))).toBe('Amazon Data Firehose');
    expect(state(d).paneTop).toBe(0);
    d.keys('h');
    expect(state(d).focus).toBe('tree');
  });

  it('pages the pane from the tree with PgDn', () => {
    const d = study();
    d.keys('pagedown');
    expect(state(d).paneTop).toBeGreaterThan(0);
    expect(state(d).focus).toBe('tree');
  });
});

describe('empty content', () => {
  it('has no selection and ignores every key', () => {
    let s = initStudy(createRouter(emptyIndex(), '0.1.0').ctx, size);
    expect(s.selected).toBeUndefined();
    s = run(s, { type: 'move', by: 1 }, { type: 'expand' }, { type: 'collapse' }, { type: 'toggle' }, { type: 'scrollPage', by: 1 }, { type: 'openFilter' }, { type: 'typeFilter', text: 'x' });
    expect(s.paneTop).toBe(0);
    expect(lineText(paneWindow(s).lines[0]!)).toBe('There are no notes to study yet.');
  });
});
