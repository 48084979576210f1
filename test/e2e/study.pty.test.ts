// One real journey through the built CLI in a pseudo-terminal (tmux at 80×24): what a reader
// sees and what the terminal is left in afterwards, which no in-process test can observe.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, builtCli as cli, ensureBuilt, repoRoot as root } from '../helpers/tmux.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const tmux = new Tmux('e2e');
const waitForText = tmux.waitForText.bind(tmux);
const press = tmux.press.bind(tmux);
const paneFlag = tmux.paneFlag.bind(tmux);

let home: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-'));
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  // The shell may still be writing into its home while the server goes down.
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe('study journey in a real terminal', () => {
  it('opens Study, reads and scrolls a topic, goes back, quits, and restores the terminal', async () => {
    // CI sets CI=true, and Ink then draws nothing until exit; a reader's terminal has no CI.
    const command = [
      `cd ${JSON.stringify(root)}`,
      `CI=false SHARDLAB_HOME=${JSON.stringify(home)} node ${JSON.stringify(cli)} --content ${JSON.stringify(fixtures)}`,
      'echo EXITED:$?',
      'stty -a',
    ].join('; ');
    tmux.type(`bash -c '${command}'`);

    let text = await waitForText('8 topics · 3 cards · 6 facts · 0 questions', 20_000);
    expect(text).toMatch(/❯ 1 {2}Study/);
    expect(paneFlag('alternate_on')).toBe('1');
    // The frame stays a row short of the terminal: Ink redraws it in place instead of clearing.
    expect(text.split('\n').length).toBeLessThan(24);

    await press('Enter');
    await waitForText('Topics 1/2');
    await press('Right');
    await waitForText('▾ Kinesis Data Streams');
    await press('Down');
    text = await waitForText('shardlab › Study › Kinesis Data Streams › Shards');
    expect(text).toContain('kinesis.md:10');
    expect(text).toMatch(/Write throughput │ 1 MiB\/s or 1,000 +│ per shard/);
    expect(text).toMatch(/1–21\/\d+/);

    await press('Tab');
    await press('PageDown');
    text = await waitForText(/20–40\/\d+/);
    expect(text).toContain('Hot shards');
    await press('j');
    await waitForText(/21–41\/\d+/);

    await press('Escape');
    text = await waitForText('❯ 1  Study');
    expect(text).toContain('8 topics');

    await press('q');
    text = await waitForText('EXITED:0');
    expect(paneFlag('alternate_on')).toBe('0');
    expect(paneFlag('cursor_flag')).toBe('1');
    // Back on the shell's own screen: the command line is there and nothing of the app is.
    expect(text).toContain("bash -c 'cd ");
    expect(text).not.toContain('Topics');
    const stty = await waitForText(/\bicanon\b[\s\S]*\becho\b|\becho\b[\s\S]*\bicanon\b/);
    const modes = stty.slice(stty.indexOf('EXITED:0'));
    expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
    expect(modes).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
  }, 60_000);
});
