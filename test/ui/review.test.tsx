import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedDayClock } from '../../src/progress/clock.js';
import { ProgressService } from '../../src/progress/service.js';
import { App } from '../../src/ui/app.js';
import type { EditorOutcome } from '../../src/ui/editor.js';
import { createRouter, screens } from '../../src/ui/screens/registry.js';
import { bytes, expectFitsAt, press, tick, waitFor } from './helpers.js';
import { DAY, T0, reviewIndex } from './review-fixtures.js';

afterEach(() => {
  cleanup();
});

/** The app over the review fixture with a real progress store in a temporary folder and a hand-moved clock. */
async function start(o: { examDate?: string; openEditor?: (file: string, line: number) => EditorOutcome; launch?: { screen: string; params?: unknown } } = {}) {
  let t = T0;
  const clock = fixedDayClock(() => t);
  const service = ProgressService.open(mkdtempSync(join(tmpdir(), 'shardlab-review-ui-')), { clock, fuzz: false });
  const index = reviewIndex();
  service.syncCards(index.cards);
  if (o.examDate) service.setSettings({ examDate: o.examDate });
  const app = render(
    <App router={createRouter(index, '1.0.0', screens, service.snapshot())} color={false} progress={service} now={() => t} openEditor={o.openEditor} launch={o.launch} />,
  );
  await tick();
  return { app, service, advance: (ms: number) => (t += ms) };
}

const frame = (app: { lastFrame: () => string | undefined }) => app.lastFrame() ?? '';

/** The frame once it shows every needle: a loaded machine may draw a key's frame a little late. */
async function shows(app: { lastFrame: () => string | undefined }, ...needles: (string | RegExp)[]): Promise<string> {
  await waitFor(() => {
    for (const n of needles) {
      if (typeof n === 'string') expect(frame(app)).toContain(n);
      else expect(frame(app)).toMatch(n);
    }
  });
  return frame(app);
}

describe('Home with progress', () => {
  it('shows what is due today, in the summary and on the Review item', async () => {
    const { app } = await start();
    const f = await shows(app, '0 cards due today · 6 new');
    expect(f).toMatch(/2 {2}Review {6}0 due · 6 new/);
  });

  it('shows the exam outlook when an exam date is set', async () => {
    const { app } = await start({ examDate: '2026-11-30' });
    await shows(app, /Exam 2026-11-30 in 28 days · predicted recall on the day 0% · \d+ reviews? a day to reach 90%/);
  });
});

describe('Review screen', () => {
  it('decks, a card, Space, a grade with its interval; the answer is in the store and Home counts it', async () => {
    const { app, service, advance } = await start();
    await press(app.stdin, '2');
    let f = await shows(app, 'shardlab › Review', /❯ {2}All cards +6 +0 +0/);
    expect(f).toMatch(/▸ Kinesis Data Streams +4 +0 +0/);

    await press(app.stdin, bytes.enter);
    f = await shows(app, 'shardlab › Review › All cards');
    expect(f).toContain('kinesis-data-streams.md:20');
    expect(f).toContain('Kinesis Data Streams › Shards and throughput');
    expect(f).toContain('What is the write limit of one shard?');
    expect(f).toContain('Space  show answer');

    advance(4000);
    await press(app.stdin, ' ');
    f = await shows(app, '1 MiB/s or 1,000 records/s');
    expect(f).toMatch(/1 +Again 1m +2 +Hard 6m +3 +Good 10m +4 +Easy 8d/);
    expect(f).toContain('1–4 grade');

    advance(2000);
    await press(app.stdin, '3');
    await waitFor(() => expect(service.reviews()).toHaveLength(1));
    expect(service.reviews()[0]).toMatchObject({ rating: 3, state: 0, durationMs: 6000 });
    expect(service.cards['kinesis-data-streams/shards-and-throughput#c1']).toMatchObject({ state: 1 });
    await shows(app, 'How many GetRecords calls per second per shard?', /New 4 +Learn 1 +Due 0/);

    await press(app.stdin, 'q');
    await shows(app, 'Session done: All cards');
    await press(app.stdin, 'q', 'q');
    await waitFor(() => expect(frame(app)).toMatch(/1 card due today · 5 new/));
    expect(frame(app)).toMatch(/Review {6}1 due · 5 new/);
  });

  it('u takes the answer back in the store too; s and b set the card aside', async () => {
    const { app, service } = await start();
    await press(app.stdin, '2', bytes.enter, ' ', '1');
    await waitFor(() => expect(service.reviews()).toHaveLength(1));
    await press(app.stdin, 'u');
    await waitFor(() => expect(service.reviews()).toHaveLength(0));
    expect(service.cards['kinesis-data-streams/shards-and-throughput#c1']).toBeUndefined();
    await shows(app, 'What is the write limit of one shard?', 'Undone');

    await press(app.stdin, 's');
    await waitFor(() => expect(service.cards['kinesis-data-streams/shards-and-throughput#c1']?.suspended).toBe(true));
    await shows(app, 'Suspended · u undoes');
    await press(app.stdin, 'b');
    await waitFor(() => expect(service.cards['kinesis-data-streams/shards-and-throughput#c2']?.buriedUntil).toBe(Date.UTC(2026, 10, 3)));
    await shows(app, 'Buried until tomorrow · u undoes');
  });

  it('e opens the card in the editor at its line, and without an editor says how to set one', async () => {
    const opened: [string, number][] = [];
    const { app } = await start({ openEditor: (file, line) => (opened.push([file, line]), { kind: 'opened', redraw: false }) });
    await press(app.stdin, '2', bytes.enter, 'e');
    await waitFor(() => expect(opened).toEqual([['/notes/kinesis-data-streams.md', 20]]));
    expect(frame(app)).toContain('What is the write limit of one shard?');

    cleanup();
    const bare = await start();
    await press(bare.app.stdin, '2', bytes.enter, 'e');
    await waitFor(() => expect(frame(bare.app)).toContain('no editor: set $VISUAL or $EDITOR'));
  });

  it('opens straight on a deck when launched for one (shardlab review --deck)', async () => {
    const { app } = await start({ launch: { screen: 'review', params: { deck: 'sqs' } } });
    await shows(app, 'shardlab › Review › Amazon SQS', 'Default visibility timeout?', /New 2 +Learn 0 +Due 0/);
  });

  it('lists its keys under ? by what the screen shows', async () => {
    const { app } = await start();
    await press(app.stdin, '2', bytes.enter, ' ', '?');
    const f = await shows(app, 'Review › Keys');
    expect(f).toContain('Grade: 1 Again (forgot), 2 Hard,');
    expect(f).toContain("Open the card's note at its");
    expect(f.split('\n')[1]).toMatch(/^Answer/);
  });

  it('never draws wider or taller than the terminal, at 80×24 and at 40×12', async () => {
    const { app } = await start();
    await press(app.stdin, '2', bytes.enter, ' ');
    // The grade buttons are the last body rows, wrapped when narrow.
    await expectFitsAt(
      app,
      [
        [80, 24],
        [40, 12],
      ],
      'Good 10m',
    );
  });
});

describe('Progress screen', () => {
  it('shows reviews per day, the forecast, retention, streak and the topic table', async () => {
    const { app, advance } = await start({ examDate: '2026-11-30' });
    await press(app.stdin, '2', bytes.enter, ' ', '4', ' ', '4');
    advance(DAY / 24);
    await press(app.stdin, 'q', 'q', 'q', '3');
    const f = await shows(app, 'shardlab › Progress', 'Reviews per day');
    expect(f).toContain('Today        2 answers');
    expect(f).toContain('Streak       1 day');
    expect(f).toMatch(/Exam         2026-11-30 in 28 days · predicted recall on the day \d+%/);
    expect(f).toContain('Reviews per day, last 30 days (2 answers)');
    await press(app.stdin, 'G');
    const bottom = await shows(app, 'Amazon SQS');
    expect(bottom).toMatch(/Kinesis Data Streams +4 +2 +0 +2 +0 +0/);
    expect(bottom).toMatch(/Amazon SQS +2 +2 +0 +0 +0 +0/);
  });
});
