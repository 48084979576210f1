// An instructor's journey through the built CLI in a pseudo-terminal (tmux at 80×24): open the
// Content screen, read a file's facts, then edit the note from outside the app and watch the
// new fact appear without a restart.
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, builtCli, ensureBuilt } from '../helpers/tmux.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const tmux = new Tmux('e2e-content');

let home: string;
let notes: string;
let iot: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-content-'));
  // The notes are a temporary copy, with one note of our own that ends in a limit table: this test edits it.
  notes = join(home, 'notes');
  mkdirSync(notes);
  for (const name of readdirSync(fixtures)) copyFileSync(join(fixtures, name), join(notes, name));
  iot = join(notes, 'iot.md');
  writeFileSync(iot, ['---', 'title: AWS IoT Core', 'id: iot', '---', '', '## Limits', '', '| Limit | Value | Scope |', '|---|---|---|', '| Publish payload | 128 KiB | per message |', ''].join('\n'));
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe('content journey in a real terminal', () => {
  it('shows the facts of a file in the Content screen and a fact appended to the note while it runs', async () => {
    // CI sets CI=true, and Ink then draws nothing until exit; a reader's terminal has no CI.
    tmux.type(`CI=false SHARDLAB_HOME=${JSON.stringify(join(home, 'data'))} node ${JSON.stringify(builtCli)} --content ${JSON.stringify(notes)}; echo EXITED:$?`);
    await tmux.waitForText('10 topics · 3 cards · 7 facts · 0 questions', 20_000);

    await tmux.press('4');
    let text = await tmux.waitForText('3 files');
    // Warnings depend on what the linter checks today (the engine's limits, sources), so they are not pinned.
    expect(text).toMatch(/❯ iot\.md +2 +0 +1 +0 +0 +\d+/);
    expect(text).toMatch(/kinesis\.md +5 +2 +4 +0 +0 +\d+/);

    await tmux.press('Enter');
    await tmux.waitForText('shardlab › Content › AWS IoT Core › Topics');
    await tmux.press('2');
    text = await tmux.waitForText('› Facts');
    expect(text).toContain('Facts (1)');
    expect(text).toContain('10: Publish payload = 128 KiB → single: 128 KiB = 131072 bytes (per message)');
    expect(text.split('\n').length).toBeLessThan(24);

    // The instructor saves a new row in the other pane.
    appendFileSync(iot, '| Topic length | 256 bytes | per topic name |\n');
    text = await tmux.waitForText('Facts (2)');
    expect(text).toContain('11: Topic length = 256 bytes → single: 256 B = 256 bytes (per topic name)');
    expect(text).toContain('reloaded iot.md');
    // Still the same file, the same section, and the keys still work.
    expect(text).toContain('shardlab › Content › AWS IoT Core › Facts');

    await tmux.press('Escape');
    text = await tmux.waitForText(/❯ iot\.md +2 +0 +2/);
    expect(text).toMatch(/3 files +10 +3 +8 +0 +0 +\d+/);
    await tmux.press('Escape');
    await tmux.waitForText('10 topics · 3 cards · 8 facts · 0 questions');

    await tmux.press('q');
    await tmux.waitForText('EXITED:0');
    expect(tmux.paneFlag('alternate_on')).toBe('0');
  }, 60_000);
});
