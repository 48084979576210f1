import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import type { ContentIndex } from '../../src/content/model.js';
import { previewInput, previewSections, rowText } from '../../src/content/preview.js';
import { fileStats } from '../../src/content/stats.js';
import { lineText, type Line } from '../../src/ui/markdown/types.js';
import { textWidth } from '../../src/ui/markdown/width.js';
import { fileView } from '../../src/ui/screens/content/file-view.js';
import { fileWindow, listLines, sectionBar } from '../../src/ui/screens/content/lines.js';
import {
  type ContentAction,
  type ContentState,
  contentReducer,
  initContent,
  listRows,
  maxScroll,
  openView,
  reloadContent,
  resizeContent,
  viewRows,
  viewWidth,
} from '../../src/ui/screens/content/state.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { emptyIndex } from './fixtures.js';
import { driver } from './helpers.js';

// Real notes through the real loader, so the screen is tested on what `content preview` sees:
// one file with an error, a warning, an ambiguous unit, a card and a question; two clean ones.
const dir = mkdtempSync(join(tmpdir(), 'shardlab-content-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const streams = [
  '---',
  'title: Streams',
  '---',
  '',
  'A stream holds records for 24 hours by default.',
  '',
  '## Limits',
  '',
  '| Limit | Value | Scope |',
  '|---|---|---|',
  '| Shard write | 1 MiB/s or 1,000 records/s | per shard |',
  '| Payload | 128 KB | per message |',
  '| Read speed | quite fast | per shard |',
  '',
  'Shard write limit? :: 1 MiB/s or 1,000 records/s',
  '',
  '## Quiz',
  '',
  '```question',
  'id: streams-q1',
  'stem: "Which limit applies per shard?"',
  'options:',
  '  a: "Shard write"',
  '  b: "Payload"',
  'answer: a',
  '```',
  '',
].join('\n');

const queue = (title: string, extra = '') => `---\ntitle: ${title}\n---\n\nQueues hold messages.\n\n## Visibility\n\nDefault visibility timeout? :: 30 seconds\n${extra}`;

function write(files: Record<string, string>): ContentIndex {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadContent(dir);
}

const index = write({ 'a-streams.md': streams, 'b-sqs.md': queue('SQS'), 'c-iot.md': queue('IoT Core') });
const ctx = { ...createRouter(index, '0.1.0').ctx, index };
const size = { columns: 80, rows: 24 };
const start = () => initContent(ctx, size);
const run = (state: ContentState, ...actions: ContentAction[]) => actions.reduce(contentReducer, state);
const texts = (lines: readonly Line[]) => lines.map(lineText);
const opened = () => run(start(), { type: 'openFile' });
const viewText = (s: ContentState) => texts(openView(s)!.lines).join('\n');

describe('file list', () => {
  it('has one row per file in path order with what each yields', () => {
    const s = start();
    expect(s.rows.map((r) => r.file)).toEqual(['a-streams.md', 'b-sqs.md', 'c-iot.md']);
    expect(s.rows).toEqual(fileStats(index));
    expect(s.rows[0]).toMatchObject({ topics: 3, cards: 1, facts: 2, questions: 1 });
    expect(s.rows[0]!.errors).toBeGreaterThanOrEqual(1);
    expect(s.rows[0]!.warnings).toBeGreaterThanOrEqual(1);
    expect(s.rows[1]).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('moves within bounds, without wrapping, and to either end', () => {
    let s = run(start(), { type: 'move', by: -1 });
    expect(s.selected).toBe(0);
    s = run(s, { type: 'move', by: 5 });
    expect(s.selected).toBe(2);
    s = run(s, { type: 'moveTo', position: 'first' }, { type: 'movePage', by: 1 });
    expect(s.selected).toBe(2);
    expect(run(s, { type: 'move', by: 1 })).toBe(s);
  });

  it('draws a header, the files, a rule and the totals, with problems counted', () => {
    const lines = listLines(start(), 80, 21);
    const t = texts(lines);
    expect(t[0]).toMatch(/^ {2}file +topics cards facts questions errors warnings$/);
    expect(t[1]).toMatch(/^❯ a-streams\.md +3 +1 +2 +1 +\d+ +\d+$/);
    expect(t[4]).toMatch(/^ {2}─+$/);
    expect(t[5]).toMatch(/^ {2}3 files +\d+ +3 +2 +1 +\d+ +\d+$/);
    // The error count of a file with errors is styled as an error; zeros are dimmed.
    const errorCell = lines[1]!.at(-3)!;
    expect(errorCell.style).toMatchObject({ bold: true, tone: 'error' });
    expect(lines[2]!.at(-3)!.style).toEqual({ dim: true });
    expect(lines[1]![1]!.style).toMatchObject({ inverse: true });
  });

  it('fits 80 and 40 columns, with short labels when the names need the room', () => {
    for (const columns of [80, 40]) {
      for (const line of listLines(start(), columns, 21)) expect(textWidth(lineText(line))).toBeLessThanOrEqual(columns);
    }
    expect(lineText(listLines(start(), 40, 21)[0]!)).toContain('top crd fct qst err wrn');
  });

  it('windows a long list around the selection', () => {
    const small = { columns: 80, rows: 10 };
    let s = initContent(ctx, small);
    const many = { ...s, rows: Array.from({ length: 20 }, (_, i) => ({ ...s.rows[0]!, file: `f${String(i).padStart(2, '0')}.md` })) };
    s = run(many, { type: 'moveTo', position: 'last' });
    expect(s.listTop).toBe(20 - listRows(small));
    const t = texts(listLines(s, 80, 7));
    expect(t).toHaveLength(7);
    expect(t.some((l) => l.startsWith('❯ f19.md'))).toBe(true);
    expect(t.at(-1)).toMatch(/20 files/);
  });

  it('says where notes go when there are none, and ignores keys', () => {
    const empty = initContent({ ...ctx, index: emptyIndex() }, size);
    expect(texts(listLines(empty, 80, 21)).join('\n')).toContain('No notes here yet.');
    expect(run(empty, { type: 'openFile' }, { type: 'move', by: 1 })).toBe(empty);
  });
});

describe('file view', () => {
  it('opens the highlighted file with every preview section', () => {
    const s = opened();
    expect(s.open).toBe('a-streams.md');
    expect(openView(s)!.sections.map((x) => x.label)).toEqual(['Topics', 'Facts', 'Tables', 'Cards', 'Questions', 'Mentions', 'Diagnostics']);
    const text = viewText(s);
    expect(text).toContain('Topics (3)');
    expect(text).toContain('Facts (2)');
    expect(text).toContain('Cards (1)');
    expect(text).toContain('Questions (1)');
    expect(text).toContain('streams-q1 (single, answer a) Which limit applies per shard?');
    expect(text).toMatch(/\[basic\] Shard write limit\? +→ +1 MiB\/s or 1,000 records\/s/);
  });

  it('shows facts with parsed base values and scope, and marks ambiguous SI units', () => {
    const view = openView(opened())!;
    const text = texts(view.lines).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('11: Shard write = 1 MiB/s or 1,000 records/s → alternatives: 1 MiB/s = 1048576 bytes/s; 1000 records/s = 1000 count/s (per shard)');
    expect(text).toContain('12: Payload = 128 KB → single: 128 KB = 128000 bytes (SI unit: decimal) (per message)');
    const flag = view.lines.flat().find((s) => s.text.includes('SI unit: decimal'));
    expect(flag?.style.tone).toBe('warning');
  });

  it('holds the same rows as content preview prints', () => {
    const text = texts(openView(opened())!.lines).join(' ').replace(/\s+/g, ' ');
    const sections = previewSections(previewInput(index, 'a-streams.md')!);
    for (const row of sections.flatMap((x) => x.rows)) expect(text).toContain(rowText(row).replace(/\s+/g, ' ').trim());
  });

  it('lists diagnostics compiler-style with errors first', () => {
    const s = run(opened(), { type: 'jump', section: 6 });
    const diagnostics = index.diagnostics.filter((d) => d.file === 'a-streams.md');
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['E006', 'W015']));
    const view = openView(s)!;
    const start = view.sections[6]!.start;
    const rows = texts(view.lines.slice(start + 1)).filter((l) => /^ {2}a-streams\.md:\d+/.test(l));
    expect(rows[0]).toMatch(/^ {2}a-streams\.md:13:\d+ error E006 limit "Read speed"/);
    const severities = rows.map((r) => (/ (error|warning) /.exec(r) ?? [])[1]);
    expect(severities).toEqual([...severities].sort());
    expect(view.sections[6]).toMatchObject({ errors: 1 });
  });

  it('scrolls within the text and pages with two lines of overlap', () => {
    const narrow = { columns: 50, rows: 12 };
    let s = run(initContent(ctx, narrow), { type: 'openFile' });
    expect(maxScroll(s)).toBeGreaterThan(0);
    s = run(s, { type: 'scroll', by: -4 });
    expect(s.scroll).toBe(0);
    s = run(s, { type: 'scrollPage', by: 1 });
    expect(s.scroll).toBe(Math.min(viewRows(narrow) - 2, maxScroll(s)));
    s = run(s, { type: 'scrollTo', position: 'bottom' });
    expect(s.scroll).toBe(maxScroll(s));
    expect(run(s, { type: 'scroll', by: 3 })).toBe(s);
    expect(fileWindow(s).lines).toHaveLength(viewRows(narrow));
    s = run(s, { type: 'scrollTo', position: 'top' });
    expect(s.scroll).toBe(0);
  });

  it('jumps to sections by number and cycles with Tab, wrapping around', () => {
    const narrow = { columns: 60, rows: 14 };
    let s = run(initContent(ctx, narrow), { type: 'openFile' });
    const starts = openView(s)!.sections.map((x) => x.start);
    s = run(s, { type: 'jump', section: 1 });
    expect(s).toMatchObject({ section: 1, scroll: Math.min(starts[1]!, maxScroll(s)) });
    s = run(s, { type: 'cycleSection', by: 1 });
    expect(s.section).toBe(2);
    s = run(s, { type: 'jump', section: 6 });
    expect(s.section).toBe(6);
    expect(s.scroll).toBe(maxScroll(s));
    s = run(s, { type: 'cycleSection', by: 1 });
    expect(s).toMatchObject({ section: 0, scroll: 0 });
    s = run(s, { type: 'cycleSection', by: -1 });
    expect(s.section).toBe(6);
    expect(run(s, { type: 'jump', section: 9 })).toBe(s);
  });

  it('follows the scroll: the current section is the one at the top of the view', () => {
    const narrow = { columns: 60, rows: 14 };
    let s = run(initContent(ctx, narrow), { type: 'openFile' }, { type: 'jump', section: 1 });
    const starts = openView(s)!.sections.map((x) => x.start);
    s = run(s, { type: 'scrollTo', position: 'top' });
    expect(s.section).toBe(0);
    s = run(s, { type: 'scroll', by: starts[3]! + 1 });
    expect(s.section).toBe(3);
    // At the bottom, a jump to the last section stays put when the next key cannot scroll.
    s = run(s, { type: 'jump', section: 6 }, { type: 'scroll', by: 1 });
    expect(s.section).toBe(6);
  });

  it('draws a section bar that fits, highlighting the current section and counting problems', () => {
    const view = openView(opened())!;
    const bar80 = sectionBar(view.sections, 1, 80);
    expect(lineText(bar80)).toMatch(/^ 1 Topics  2 Facts  3 Tables .* 7 Diagnostics \d+ $/);
    expect(bar80.filter((p) => p.style.inverse).map((p) => p.text).join('')).toBe(' 2 Facts ');
    expect(bar80.find((p) => p.style.tone === 'error')).toBeDefined();
    for (const width of [80, 60, 40]) expect(textWidth(lineText(sectionBar(view.sections, 6, width)))).toBeLessThanOrEqual(width);
    expect(lineText(sectionBar(view.sections, 1, 40))).toContain('2 Facts');
  });

  it('wraps every line to the view width', () => {
    for (const columns of [80, 40]) {
      for (const line of fileView(index, 'a-streams.md', viewWidth({ columns, rows: 24 })).lines) {
        expect(textWidth(lineText(line))).toBeLessThanOrEqual(viewWidth({ columns, rows: 24 }));
      }
    }
  });

  it('goes back to the list with the same file highlighted', () => {
    const s = run(start(), { type: 'move', by: 1 }, { type: 'openFile' }, { type: 'closeFile' });
    expect(s).toMatchObject({ open: undefined, selected: 1 });
  });

  it('keeps the scroll in range after a resize re-wraps the text', () => {
    let s = run(opened(), { type: 'scrollTo', position: 'bottom' });
    s = resizeContent(s, { columns: 200, rows: 60 });
    expect(s.scroll).toBe(maxScroll(s));
    expect(resizeContent(s, { columns: 200, rows: 60 })).toBe(s);
  });
});

describe('content keys through the router', () => {
  const router = createRouter(index, '0.1.0');
  const content = () => {
    const d = driver(router);
    d.keys('4');
    expect(d.state.stack.map((e) => e.id)).toEqual(['home', 'content']);
    return d;
  };
  const state = (d: ReturnType<typeof driver>) => d.state.stack.at(-1)!.state as ContentState;

  it('opens a file with Enter, jumps with digits and Tab, and Esc or q go back to the list, then Home', () => {
    const d = content();
    d.keys('j', 'enter');
    expect(state(d).open).toBe('b-sqs.md');
    d.keys('4');
    expect(state(d).section).toBe(3);
    d.keys('tab', 'backtab', 'backtab');
    expect(state(d).section).toBe(2);
    d.keys('escape');
    expect(state(d)).toMatchObject({ open: undefined, selected: 1 });
    d.keys('enter', 'q');
    expect(state(d).open).toBeUndefined();
    expect(d.state.stack).toHaveLength(2);
    d.keys('q');
    expect(d.state.stack).toHaveLength(1);
  });

  it('scrolls the file view with j/k, PgDn/PgUp and g/G', () => {
    const d = driver(router, { columns: 50, rows: 12 });
    d.keys('4', 'enter', 'j', 'j');
    expect(state(d).scroll).toBe(2);
    d.keys('k', 'pagedown');
    expect(state(d).scroll).toBe(1 + viewRows({ columns: 50, rows: 12 }) - 2);
    d.keys('G');
    expect(state(d).scroll).toBe(maxScroll(state(d)));
    d.keys('g');
    expect(state(d).scroll).toBe(0);
  });
});

describe('reload', () => {
  it('keeps the highlighted file by path when files come and go', () => {
    const s = run(start(), { type: 'move', by: 1 });
    const more = { ...index, files: [index.files[0]!, { ...index.files[1]!, file: 'a2-new.md' }, ...index.files.slice(1)] };
    const reloaded = reloadContent(s, { ...ctx, index: more }, size);
    expect(reloaded.rows.map((r) => r.file)).toEqual(['a-streams.md', 'a2-new.md', 'b-sqs.md', 'c-iot.md']);
    expect(reloaded.rows[reloaded.selected]!.file).toBe('b-sqs.md');
  });

  it('keeps the open file at its section and scroll, clamped to the new text', () => {
    let s = run(initContent(ctx, { columns: 60, rows: 14 }), { type: 'openFile' }, { type: 'jump', section: 6 });
    const bottom = s.scroll;
    const shorter = write({ 'a-streams.md': streams.replace(/## Quiz[\s\S]*$/, '') });
    s = reloadContent(s, { ...ctx, index: shorter }, s.size);
    expect(s.open).toBe('a-streams.md');
    expect(s.scroll).toBe(maxScroll(s));
    expect(s.scroll).toBeLessThan(bottom);
    expect(viewText(s)).toContain('Questions (0)');
    write({ 'a-streams.md': streams });
  });

  it('keeps the reader at the same place in the section when rows are added above it', () => {
    let s = run(initContent(ctx, { columns: 80, rows: 14 }), { type: 'openFile' }, { type: 'jump', section: 3 });
    const offset = s.scroll - openView(s)!.sections[3]!.start;
    const longer = write({ 'a-streams.md': streams.replace('| Read speed |', '| Extra one | 5 s | per call |\n| Extra two | 10 s | per call |\n| Read speed |') });
    s = reloadContent(s, { ...ctx, index: longer }, s.size);
    expect(s.section).toBe(3);
    expect(s.scroll - openView(s)!.sections[3]!.start).toBe(offset);
    expect(viewText(s)).toContain('Facts (4)');
    write({ 'a-streams.md': streams });
  });

  it('returns to the list when the open file was removed, highlighting the row now in its place', () => {
    const s = run(start(), { type: 'moveTo', position: 'last' }, { type: 'openFile' });
    const fewer = { ...index, files: index.files.slice(0, 2) };
    const reloaded = reloadContent(s, { ...ctx, index: fewer }, size);
    expect(reloaded).toMatchObject({ open: undefined, selected: 1, scroll: 0 });
  });
});
