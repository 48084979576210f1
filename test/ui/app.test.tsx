import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentIndex } from '../../src/content/model.js';
import { App, defaultNoticeMs } from '../../src/ui/app.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { emptyIndex, fixtureIndex } from './fixtures.js';
import { bytes, expectFitsAt, press, resizeTo, tick, waitFor } from './helpers.js';

afterEach(() => {
  cleanup();
});

async function start(index = fixtureIndex()) {
  const app = render(<App router={createRouter(index, '9.9.9')} color={false} />);
  await tick();
  return app;
}

function frame(app: { lastFrame: () => string | undefined }): string {
  return app.lastFrame() ?? '';
}

describe('Home', () => {
  it('shows the title, version, summary and menu', async () => {
    const app = await start();
    const f = frame(app);
    expect(f).toContain('shardlab');
    expect(f).toContain('9.9.9');
    expect(f).toContain('15 topics · 1 card · 6 facts · 0 questions');
    expect(f).toMatch(/❯ 1 {2}Study/);
    expect(f).toMatch(/ {3}2 {2}Review {6}Flashcards due today, on FSRS/);
    expect(f).toMatch(/ {3}4 {2}Content {5}What each note yields, and its problems/);
    expect(f).toMatch(/ {3}5 {2}Practice {4}Questions generated from the notes/);
    expect(f).toMatch(/ {3}6 {2}Mock exam {3}Timed mock exams like the real one/);
    expect(f).toMatch(/ {3}7 {2}Labs {8}Hands-on labs scored on the engine/);
    expect(f).toMatch(/ {3}8 {2}Quit/);
  });

  it('moves the highlight with arrows and j/k, wrapping around', async () => {
    const app = await start();
    await press(app.stdin, bytes.down);
    expect(frame(app)).toMatch(/❯ 2 {2}Review/);
    await press(app.stdin, 'j', 'j', 'j', 'j', 'j', 'j');
    expect(frame(app)).toMatch(/❯ 8 {2}Quit/);
    await press(app.stdin, 'j');
    expect(frame(app)).toMatch(/❯ 1 {2}Study/);
    await press(app.stdin, 'k');
    expect(frame(app)).toMatch(/❯ 8 {2}Quit/);
  });

  it('opens Study with Enter and with its number', async () => {
    const app = await start();
    await press(app.stdin, bytes.enter);
    expect(frame(app)).toContain('shardlab › Study › Kinesis Data Streams');
    await press(app.stdin, bytes.escape);
    expect(frame(app)).toContain('15 topics');
    await press(app.stdin, '1');
    expect(frame(app)).toContain('shardlab › Study');
  });

  it('says where notes go when there are none', async () => {
    const app = await start(emptyIndex());
    expect(frame(app)).toContain('0 topics · 0 cards · 0 facts · 0 questions');
    expect(frame(app)).toContain('No notes found in /empty');
    await press(app.stdin, bytes.enter);
    expect(frame(app)).toContain('There are no notes to study yet.');
    expect(frame(app)).toContain('No topics yet');
  });

  it('toggles the key help with ? and lists the menu keys', async () => {
    const app = await start();
    await press(app.stdin, '?');
    // Under a loaded machine the first key can land a little after the app's input is ready.
    await waitFor(() => expect(frame(app)).toContain('shardlab › Home › Keys'));
    const f = frame(app);
    expect(f).toContain('shardlab › Home › Keys');
    expect(f).toContain('Menu');
    expect(f).toContain('Open the item with that number');
    expect(f).toContain('Quit shardlab');
    await press(app.stdin, '?');
    await waitFor(() => expect(frame(app)).toContain('15 topics'));
  });
});

describe('Study', () => {
  async function study() {
    const app = await start();
    await press(app.stdin, bytes.enter);
    return app;
  }

  it('shows the tree, the reading pane, the breadcrumb and file:line', async () => {
    const app = await study();
    const f = frame(app);
    expect(f).toContain('Topics 1/3');
    expect(f).toContain('▸ Kinesis Data Streams');
    expect(f).toContain('▸ Amazon SQS');
    expect(f).toContain('kinesis-data-streams.md:1');
    expect(f).toContain('Kinesis Data Streams is a managed service');
  });

  it('expands, descends and collapses the tree', async () => {
    const app = await study();
    await press(app.stdin, bytes.right);
    expect(frame(app)).toContain('▾ Kinesis Data Streams');
    expect(frame(app)).toContain('▸ Shards and throughput');
    await press(app.stdin, bytes.right, bytes.down);
    expect(frame(app)).toContain('shardlab › Study › Kinesis Data Streams › Producers');
    expect(frame(app)).toMatch(/kinesis-data-streams\.md:\d+/);
    expect(frame(app)).toContain('aws kinesis put-record');
    await press(app.stdin, bytes.left);
    expect(frame(app)).toContain('shardlab › Study › Kinesis Data Streams ');
    await press(app.stdin, bytes.left);
    expect(frame(app)).toContain('▸ Kinesis Data Streams');
    expect(frame(app)).not.toContain('Producers');
  });

  it('filters the tree by title, keeping ancestors, and Esc clears it', async () => {
    const app = await study();
    await press(app.stdin, '/', 'f', 'a', 'n');
    let f = frame(app);
    expect(f).toContain('Filter fan · 1 found');
    expect(f).toContain('Kinesis Data Streams');
    expect(f).toContain('Consumers');
    expect(f).toContain('Enhanced fan-out');
    expect(f).not.toContain('Amazon SQS');
    expect(f).toContain('/fan');
    // While the prompt is open, q and ? are text, not commands.
    await press(app.stdin, 'q');
    expect(frame(app)).toContain('/fanq');
    await press(app.stdin, bytes.backspace, bytes.enter);
    f = frame(app);
    expect(f).toContain('shardlab › Study › Kinesis Data Streams › Consumers › Enhanced fan-out');
    expect(f).toContain('Shared (classic)');
    await press(app.stdin, bytes.escape);
    f = frame(app);
    expect(f).toContain('Amazon SQS');
    expect(f).toContain('shardlab › Study › Kinesis Data Streams › Consumers › Enhanced fan-out');
  });

  it('scrolls the pane with Tab focus, j/k, PgDn and G/g', async () => {
    const app = await study();
    expect(frame(app)).toMatch(/1–21\/\d+/);
    await press(app.stdin, bytes.tab, 'j', 'j');
    await waitFor(() => expect(frame(app)).toMatch(/3–23\/\d+/));
    await press(app.stdin, bytes.pageDown);
    await waitFor(() => expect(frame(app)).toMatch(/22–42\/\d+/));
    await press(app.stdin, 'G');
    await waitFor(() => {
      const total = Number(/–(\d+)\/(\d+)/.exec(frame(app))?.[2]);
      expect(frame(app)).toContain(`${total - 20}–${total}/${total}`);
    });
    expect(frame(app)).toContain('Facts here');
    await press(app.stdin, 'g');
    await waitFor(() => expect(frame(app)).toMatch(/1–21\/\d+/));
  });

  it('lists the keys of the current mode first in the help overlay', async () => {
    const app = await study();
    await press(app.stdin, '?');
    let f = frame(app);
    expect(f).toContain('Study › Keys');
    expect(f.split('\n')[1]).toContain('Topic tree');
    await press(app.stdin, bytes.escape, bytes.tab, '?');
    f = frame(app);
    expect(f.split('\n')[1]).toContain('Reading pane');
    await press(app.stdin, 'q');
    expect(frame(app)).toContain('Topics 1/3');
  });

  it('goes back to Home with Esc and q, and resumes where it was', async () => {
    const app = await study();
    await press(app.stdin, bytes.down);
    await press(app.stdin, 'q');
    expect(frame(app)).toContain('15 topics');
    await press(app.stdin, bytes.enter);
    expect(frame(app)).toContain('shardlab › Study › Amazon Data Firehose');
    await press(app.stdin, bytes.escape);
    expect(frame(app)).toContain('15 topics');
  });

  it('reflows on resize, stacking the pane below the tree when narrow', async () => {
    const app = await study();
    resizeTo(app, 50, 20);
    await waitFor(() => {
      const lines = frame(app).split('\n');
      expect(lines.length).toBeLessThan(20);
      expect(lines.every((l) => l.length <= 50)).toBe(true);
      expect(lines.some((l) => /^─{50}$/.test(l))).toBe(true);
    });
  });
});

describe('Content', () => {
  async function content() {
    const app = await start();
    await press(app.stdin, '4');
    return app;
  }

  it('lists every file with its counts and a total line', async () => {
    const app = await content();
    const f = frame(app);
    expect(f).toContain('shardlab › Content');
    expect(f).toMatch(/file +topics cards facts questions errors warnings/);
    expect(f).toMatch(/❯ kinesis-data-streams\.md +8 +1 +4 +0 +0 +0/);
    expect(f).toMatch(/amazon-data-firehose\.md +3 +0 +2 +0 +0 +0/);
    expect(f).toMatch(/3 files +15 +1 +6 +0 +0 +0/);
    expect(f).toContain('1/3');
  });

  it('opens a file, jumps between sections, scrolls, and goes back to the list and Home', async () => {
    const app = await content();
    await press(app.stdin, bytes.enter);
    let f = frame(app);
    expect(f).toContain('shardlab › Content › Kinesis Data Streams › Topics');
    expect(f).toContain('kinesis-data-streams.md');
    expect(f).toContain('1 Topics');
    expect(f).toContain('Topics (8)');
    expect(f).toMatch(/Shards and throughput +\[kinesis-data-streams\/shards-and-throughput\] line \d+/);
    await press(app.stdin, '2');
    f = frame(app);
    expect(f).toContain('› Facts');
    expect(f).toMatch(/\d+: Write throughput = 1 MiB\/s or 1,000 records\/s → alternatives: 1 MiB\/s =/);
    expect(f).toContain('(per shard)');
    await press(app.stdin, bytes.tab);
    expect(frame(app)).toContain('› Tables');
    await press(app.stdin, '7');
    f = frame(app);
    expect(f).toContain('› Diagnostics');
    expect(f).toContain('none: nothing to fix');
    await press(app.stdin, 'g');
    expect(frame(app)).toContain('› Topics');
    await press(app.stdin, bytes.escape);
    f = frame(app);
    expect(f).toContain('❯ kinesis-data-streams.md');
    expect(f).not.toContain('Topics (8)');
    await press(app.stdin, bytes.escape);
    expect(frame(app)).toMatch(/❯ 4 {2}Content/);
  });

  it('lists the keys of the file view in the help overlay', async () => {
    const app = await content();
    await press(app.stdin, bytes.enter, '?');
    const f = frame(app);
    expect(f).toContain('Content › Keys');
    expect(f.split('\n')[1]).toContain('File view');
    expect(f).toContain('Go to the section with');
    expect(f).toContain('Back to the file list');
  });

  it('never draws wider or taller than an 80×24 terminal, also at 40×12', async () => {
    const app = await content();
    await press(app.stdin, bytes.enter, '2');
    await expectFitsAt(
      app,
      [
        [80, 24],
        [40, 12],
      ],
      'Facts',
    );
  });
});

describe('Live reload', () => {
  function watched(next: () => ContentIndex) {
    const state = { change: undefined as (() => void) | undefined, subscribed: 0, unsubscribed: 0, reloads: 0 };
    const watch = (onChange: () => void) => {
      state.subscribed++;
      state.change = onChange;
      return () => {
        state.unsubscribed++;
      };
    };
    const reload = () => {
      state.reloads++;
      return next();
    };
    return { state, watch, reload };
  }

  it('shows reloaded content on Home with a notice, and unsubscribes on exit', async () => {
    const two = () => ({ ...fixtureIndex(), files: fixtureIndex().files.slice(0, 2), topics: fixtureIndex().topics.slice(0, 2) });
    const w = watched(two);
    const app = render(<App router={createRouter(fixtureIndex(), '9.9.9')} color={false} reload={w.reload} watch={w.watch} />);
    await tick();
    expect(w.state.subscribed).toBe(1);
    expect(frame(app)).toContain('15 topics · 1 card · 6 facts · 0 questions');
    w.state.change!();
    await waitFor(() => expect(frame(app)).toContain('11 topics · 1 card · 6 facts · 0 questions'));
    expect(frame(app)).toContain('reloaded sqs.md (removed)');
    expect(w.state.reloads).toBe(1);
    // Keys still work, and the screens opened after the reload see the new content.
    await press(app.stdin, '1');
    expect(frame(app)).toContain('Topics 1/2');
    expect(w.state.subscribed).toBe(1);
    app.unmount();
    expect(w.state.unsubscribed).toBe(1);
  });

  it('clears the notice after a while', async () => {
    const w = watched(fixtureIndex);
    const app = render(<App router={createRouter(fixtureIndex(), '9.9.9')} color={false} reload={w.reload} watch={w.watch} noticeMs={300} />);
    await tick();
    w.state.change!();
    await waitFor(() => expect(frame(app)).toContain('notes reloaded, nothing changed'));
    await waitFor(() => expect(frame(app)).not.toContain('notes reloaded'));
    expect(defaultNoticeMs).toBeGreaterThanOrEqual(3000);
  });

  it('keeps the content and says so when the reload fails', async () => {
    const w = watched(() => {
      throw new Error('content folder not found: /notes');
    });
    const app = render(<App router={createRouter(fixtureIndex(), '9.9.9')} color={false} reload={w.reload} watch={w.watch} />);
    await tick();
    w.state.change!();
    await waitFor(() => expect(frame(app)).toContain('reload failed: content folder not found'));
    expect(frame(app)).toContain('15 topics');
  });
});

describe('Small terminals', () => {
  it('asks for more room below 40×8 and comes back when there is', async () => {
    const app = await start();
    const resize = (columns: number, rows: number) => resizeTo(app, columns, rows);
    resize(30, 6);
    await waitFor(() => {
      expect(frame(app)).toContain('shardlab needs 40×8');
      expect(frame(app)).toContain('now 30×6');
    });
    resize(80, 24);
    await waitFor(() => expect(frame(app)).toContain('15 topics'));
  });
});

describe('Quitting', () => {
  it('q on Home ends the app with an empty last frame', async () => {
    const app = await start();
    await press(app.stdin, 'q');
    expect(frame(app).trim()).toBe('');
  });

  it('applies keys arriving in one chunk in order: Up then Enter opens Quit, not Study', async () => {
    const app = await start();
    app.stdin.write(bytes.up + bytes.enter);
    await tick();
    expect(frame(app).trim()).toBe('');
  });

  it('Ctrl+C quits from inside the filter prompt', async () => {
    const app = await start();
    await press(app.stdin, bytes.enter, '/', 'x', bytes.ctrlC);
    expect(frame(app).trim()).toBe('');
  });
});
