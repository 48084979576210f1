import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { emptyIndex, fixtureIndex } from './fixtures.js';
import { bytes, press, tick, waitFor } from './helpers.js';

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
    expect(f).toMatch(/ {3}2 {2}Quit/);
  });

  it('moves the highlight with arrows and j/k, wrapping around', async () => {
    const app = await start();
    await press(app.stdin, bytes.down);
    expect(frame(app)).toMatch(/❯ 2 {2}Quit/);
    await press(app.stdin, 'j');
    expect(frame(app)).toMatch(/❯ 1 {2}Study/);
    await press(app.stdin, 'k');
    expect(frame(app)).toMatch(/❯ 2 {2}Quit/);
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
    const f = frame(app);
    expect(f).toContain('shardlab › Home › Keys');
    expect(f).toContain('Menu');
    expect(f).toContain('Open the item with that number');
    expect(f).toContain('Quit shardlab');
    await press(app.stdin, '?');
    expect(frame(app)).toContain('15 topics');
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
    expect(frame(app)).toMatch(/3–23\/\d+/);
    await press(app.stdin, bytes.pageDown);
    expect(frame(app)).toMatch(/22–42\/\d+/);
    await press(app.stdin, 'G');
    const total = Number(/–(\d+)\/(\d+)/.exec(frame(app))?.[2]);
    expect(frame(app)).toContain(`${total - 20}–${total}/${total}`);
    expect(frame(app)).toContain('Facts here');
    await press(app.stdin, 'g');
    expect(frame(app)).toMatch(/1–21\/\d+/);
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
    Object.defineProperty(app.stdout, 'columns', { value: 50, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 20, configurable: true });
    app.stdout.emit('resize');
    await waitFor(() => {
      const lines = frame(app).split('\n');
      expect(lines.length).toBeLessThan(20);
      expect(lines.every((l) => l.length <= 50)).toBe(true);
      expect(lines.some((l) => /^─{50}$/.test(l))).toBe(true);
    });
  });
});

describe('Small terminals', () => {
  it('asks for more room below 40×8 and comes back when there is', async () => {
    const app = await start();
    const resize = (columns: number, rows: number) => {
      Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
      app.stdout.emit('resize');
    };
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

  it('applies keys arriving in one chunk in order: Down then Enter opens Quit, not Study', async () => {
    const app = await start();
    app.stdin.write(bytes.down + bytes.enter);
    await tick();
    expect(frame(app).trim()).toBe('');
  });

  it('Ctrl+C quits from inside the filter prompt', async () => {
    const app = await start();
    await press(app.stdin, bytes.enter, '/', 'x', bytes.ctrlC);
    expect(frame(app).trim()).toBe('');
  });
});
