import { describe, expect, it } from 'vitest';
import { contentChanges } from '../../src/content/changes.js';
import type { ContentIndex, Diagnostic, Topic } from '../../src/content/model.js';
import { footerLine } from '../../src/ui/components/chrome.js';
import { lineText, seg } from '../../src/ui/markdown/types.js';
import { textWidth } from '../../src/ui/markdown/width.js';
import { reloadNotice } from '../../src/ui/router/notice.js';
import { type Router, helpLines, topEntry } from '../../src/ui/router/state.js';
import type { HomeState } from '../../src/ui/screens/home/state.js';
import { type ScreenModel, eraseModel } from '../../src/ui/screens/model.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { type StudyState, maxPaneTop, rowsOf } from '../../src/ui/screens/study/state.js';
import { fixtureIndex } from './fixtures.js';
import { driver } from './helpers.js';

/** A fresh copy of the fixture (new objects, as a real reload gives) with `edit` applied. */
function edited(edit: (index: ContentIndex) => void = () => {}): ContentIndex {
  const index = structuredClone(fixtureIndex());
  edit(index);
  // The index's lists are views of its files: rebuild them as the loader would.
  index.topics = index.files.map((f) => f.topic);
  index.facts = index.files.flatMap((f) => f.facts);
  index.cards = index.files.flatMap((f) => f.cards);
  return index;
}

function findTopic(topics: readonly Topic[], title: string): Topic {
  const search = (list: readonly Topic[]): Topic | undefined => {
    for (const t of list) {
      const found = t.title === title ? t : search(t.children);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(topics);
  if (!found) throw new Error(`fixture: no topic "${title}"`);
  return found;
}

function removeTopic(index: ContentIndex, title: string): void {
  for (const file of index.files) {
    const walk = (t: Topic) => {
      t.children = t.children.filter((c) => c.title !== title);
      t.children.forEach(walk);
    };
    walk(file.topic);
  }
}

const error = (file: string, line: number): Diagnostic => ({ file, line, severity: 'error', code: 'E006', message: 'bad value' });
const warning = (file: string, line: number): Diagnostic => ({ file, line, severity: 'warning', code: 'W015', message: 'no explanation' });

const study = (d: ReturnType<typeof driver>) => d.state.stack.find((e) => e.id === 'study')?.state as StudyState;
const home = (d: ReturnType<typeof driver>) => d.state.stack[0]!.state as HomeState;
const selectedTitle = (s: StudyState) => (s.selected ? s.byId.get(s.selected)?.title : undefined);

/** Opens Study and selects Kinesis › Consumers › Enhanced fan-out, focus on the pane. */
function readingFanOut() {
  const d = driver(createRouter(fixtureIndex(), '0.1.0'));
  d.keys('enter', 'right', 'right', 'down', 'down', 'right', 'right', 'tab');
  expect(selectedTitle(study(d))).toBe('Enhanced fan-out');
  return d;
}

describe('reloading content into the running app', () => {
  it('gives Home the new counts and keeps its highlighted item', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.keys('down');
    d.dispatch({ type: 'reload', index: edited((i) => (i.files = i.files.slice(0, 2))) });
    expect(home(d).summary).toEqual({ topics: 11, cards: 1, facts: 6, questions: 0 });
    expect(home(d).selected).toBe(1);
    expect(d.state.ctx.index.files).toHaveLength(2);
  });

  it('keeps the selected topic by id, the tree as it was opened, the focus and the pane scroll', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.keys('enter', 'right', 'G', 'right', 'down', 'down', 'tab', 'j', 'j');
    const before = study(d);
    expect(selectedTitle(before)).toBe('FIFO queues');
    expect(before.paneTop).toBe(2);
    d.dispatch({ type: 'reload', index: edited() });
    const after = study(d);
    expect(after.topics).not.toBe(before.topics);
    expect(after.selected).toBe(before.selected);
    expect(after.expanded).toEqual(before.expanded);
    expect(after.focus).toBe('pane');
    expect(after.paneTop).toBe(before.paneTop);
  });

  it('clamps the pane scroll when the selected topic got shorter', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.keys('enter', 'G', 'right', 'down', 'down', 'tab', 'G');
    const before = study(d);
    expect(selectedTitle(before)).toBe('FIFO queues');
    expect(before.paneTop).toBeGreaterThan(0);
    d.dispatch({ type: 'reload', index: edited((i) => (findTopic(i.topics, 'FIFO queues').body = 'Ordered per message group.')) });
    const after = study(d);
    expect(selectedTitle(after)).toBe('FIFO queues');
    expect(after.paneTop).toBe(maxPaneTop(after));
    expect(after.paneTop).toBeLessThan(before.paneTop);
  });

  it('puts the reader on the topic now in the place of a removed one, or its parent', () => {
    const d = readingFanOut();
    d.dispatch({ type: 'reload', index: edited((i) => removeTopic(i, 'Enhanced fan-out')) });
    // The next sibling moved into its place.
    expect(selectedTitle(study(d))).toBe('Lambda consumers');
    expect(study(d).paneTop).toBe(0);
    d.dispatch({ type: 'reload', index: edited((i) => removeTopic(i, 'Consumers')) });
    // Its whole branch went: the parent's child at the same position, the last one, takes over.
    expect(selectedTitle(study(d))).toBe('Retention');
    d.dispatch({ type: 'reload', index: edited((i) => (i.files = i.files.slice(1))) });
    // The whole file went: the file now in its place.
    expect(selectedTitle(study(d))).toBe('Amazon Data Firehose');
    expect(rowsOf(study(d)).some((r) => r.topic.title === 'Amazon Data Firehose')).toBe(true);
  });

  it('moves a parked screen onto the new content too, so reopening it resumes there', () => {
    const d = readingFanOut();
    d.keys('tab', 'escape');
    expect(d.state.stack).toHaveLength(1);
    d.dispatch({ type: 'reload', index: edited((i) => (findTopic(i.topics, 'Enhanced fan-out').title = 'Enhanced fan-out (EFO)')) });
    d.keys('1');
    expect(selectedTitle(study(d))).toBe('Enhanced fan-out (EFO)');
  });

  it('opens screens without a reload hook afresh on the new content', () => {
    interface Seen {
      files: number;
      opened: number;
    }
    const counter: ScreenModel<Seen, { type: 'open' }> = {
      init: (ctx) => ({ files: ctx.index.files.length, opened: 0 }),
      reduce: (s) => ({ ...s, opened: s.opened + 1 }),
      keys: [{ keys: ['o'], help: 'count', group: 'Count', action: () => ({ type: 'open' }) }],
      resize: (s) => s,
    };
    const router: Router = { models: { home: eraseModel(counter) }, ctx: { index: fixtureIndex(), version: '1', menu: [] } };
    const d = driver(router);
    d.keys('o');
    d.dispatch({ type: 'reload', index: edited((i) => (i.files = i.files.slice(0, 1))) });
    expect(topEntry(d.state).state).toEqual({ files: 1, opened: 0 });
  });

  it('keeps the help overlay scrolled within its lines', () => {
    const router = createRouter(fixtureIndex(), '0.1.0');
    const d = driver(router, { columns: 40, rows: 8 });
    d.keys('1', '?', 'G', 'pagedown', 'pagedown', 'pagedown', 'pagedown', 'pagedown');
    d.dispatch({ type: 'reload', index: edited() });
    expect(d.state.help.scroll).toBeLessThanOrEqual(Math.max(0, helpLines(router, d.state).length - 5));
    expect(d.state.help.open).toBe(true);
  });

  it('shows a notice that a newer notice is never cleared by an older timer', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.dispatch({ type: 'reload', index: edited((i) => (findTopic(i.topics, 'Buffering').body += '\n\nMore.')) });
    const first = d.state.notice!;
    expect(first).toMatchObject({ text: 'reloaded amazon-data-firehose.md', tone: 'info' });
    d.dispatch({ type: 'reload', index: edited() });
    const second = d.state.notice!;
    expect(second.seq).toBeGreaterThan(first.seq);
    d.dispatch({ type: 'clearNotice', seq: first.seq });
    expect(d.state.notice).toBe(second);
    d.dispatch({ type: 'clearNotice', seq: second.seq });
    expect(d.state.notice).toBeUndefined();
  });

  it('keeps the content it has when a reload fails, and says why', () => {
    const d = readingFanOut();
    const before = study(d);
    d.dispatch({ type: 'reloadFailed', message: 'content folder not found: /notes' });
    expect(d.state.notice).toMatchObject({ text: 'reload failed: content folder not found: /notes', tone: 'error' });
    expect(study(d)).toBe(before);
  });

  it('ignores reloads after quitting', () => {
    const d = driver(createRouter(fixtureIndex(), '0.1.0'));
    d.keys('q');
    const after = d.state;
    d.dispatch({ type: 'reload', index: edited() });
    expect(d.state).toBe(after);
  });
});

describe('reload notice', () => {
  const base = fixtureIndex();

  it('finds added, removed and modified files by what they hold, not by object identity', () => {
    expect(contentChanges(base, edited())).toEqual({ added: [], removed: [], modified: [] });
    const changed = edited((i) => {
      i.files = i.files.slice(1);
      i.files[0]!.topic.title = 'Firehose';
      i.files.push({ ...structuredClone(i.files[1]!), file: 'new.md' });
    });
    expect(contentChanges(base, changed)).toEqual({ added: ['new.md'], removed: ['kinesis-data-streams.md'], modified: ['amazon-data-firehose.md'] });
  });

  it('names a single file, counts several, and reports problems in the changed files only', () => {
    expect(reloadNotice(base, edited())).toEqual({ text: 'notes reloaded, nothing changed', tone: 'info' });
    const oneBroken = edited((i) => {
      i.files[2]!.topic.title = 'SQS';
      i.diagnostics = [error('sqs.md', 3), error('sqs.md', 9), warning('sqs.md', 12), error('kinesis-data-streams.md', 1)];
    });
    expect(reloadNotice(base, oneBroken)).toEqual({ text: 'reloaded sqs.md · 2 errors · 1 warning', tone: 'error' });
    const two = edited((i) => {
      i.files[0]!.topic.title = 'KDS';
      i.files[2]!.topic.title = 'SQS';
      i.diagnostics = [warning('sqs.md', 12)];
    });
    expect(reloadNotice(base, two)).toEqual({ text: 'reloaded 2 files · 1 warning', tone: 'info' });
    expect(reloadNotice(base, edited((i) => (i.files = i.files.slice(0, 2))))).toEqual({ text: 'reloaded sqs.md (removed)', tone: 'info' });
  });
});

describe('footer notice', () => {
  const hints = [
    { keys: '↑↓', label: 'move' },
    { keys: 'Enter', label: 'open' },
    { keys: '?', label: 'keys' },
    { keys: 'Esc', label: 'back' },
  ];

  it('sits at the right, before the status, and never widens the row', () => {
    const line = footerLine(hints, 80, '3/15', undefined, seg('reloaded sqs.md · 2 errors', { bold: true, tone: 'error' }));
    expect(lineText(line)).toMatch(/^↑↓ move {2}Enter open {2}\? keys {2}Esc back +reloaded sqs\.md · 2 errors {2}3\/15$/);
    expect(textWidth(lineText(line))).toBe(80);
    expect(line.find((s) => s.text.startsWith('reloaded'))?.style).toEqual({ bold: true, tone: 'error' });
  });

  it('gives way to the ? hint on a narrow terminal and shortens itself', () => {
    const long = seg('reloaded kinesis-throughput-exceeded.md · 12 errors · 3 warnings', { bold: true });
    for (const width of [80, 60, 40]) {
      const text = lineText(footerLine(hints, width, '120–140/300', undefined, long));
      expect(textWidth(text)).toBeLessThanOrEqual(width);
      expect(text).toContain('? keys');
      expect(text).toContain('120–140/300');
    }
    expect(lineText(footerLine(hints, 40, '', undefined, long))).toMatch(/\? keys +reloaded .*…$/);
  });
});
