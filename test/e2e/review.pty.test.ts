// A learner's day in a pseudo-terminal (tmux at 80×24) through the built CLI: review three cards,
// quit, start again and find the counts changed; open a card in the editor and come back to it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, builtCli, ensureBuilt, repoRoot } from '../helpers/tmux.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const tmux = new Tmux('e2e-review');

let home: string;
let data: string;
let bin: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-review-'));
  data = join(home, 'data');
  // A stand-in editor called vim (so it is given +LINE FILE) that notes how it was called.
  bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'vim'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(join(home, 'editor.log'))}\nprintf 'EDITOR RAN\\n'\nsleep 1\n`);
  chmodSync(join(bin, 'vim'), 0o755);
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

// CI sets CI=true, and Ink then draws nothing until exit; a learner's terminal has no CI.
const shardlab = (args: string) => `CI=false SHARDLAB_HOME=${JSON.stringify(data)} EDITOR=${JSON.stringify(join(bin, 'vim'))} node ${JSON.stringify(builtCli)} --content ${JSON.stringify(fixtures)} ${args}`;

describe('review journey in a real terminal', () => {
  it('reviews three cards, quits, and the next start shows them due and no new ones left', async () => {
    tmux.type(`cd ${JSON.stringify(repoRoot)}; clear; ${shardlab('review')}; echo EXITED:$?`);
    let text = await tmux.waitForText('Space  show answer', 20_000);
    expect(text).toContain('shardlab › Review › All cards');
    expect(text).toMatch(/New 3 +Learn 0 +Due 0/);
    expect(text).toContain('What is the write limit of one shard?');
    expect(text).toContain('kinesis.md:');
    expect(text.split('\n').length).toBeLessThan(24);

    for (let i = 0; i < 3; i++) {
      await tmux.press('Space');
      // Easy is fuzzed in the app, as in Anki; the learning steps are not.
      text = await tmux.waitForText(/1 +Again 1m +2 +Hard 6m +3 +Good 10m +4 +Easy \d+d/);
      await tmux.press('3');
    }
    // All three are in their 10-minute learning step: the session waits for them.
    text = await tmux.waitForText('Nothing else is due right now.');
    expect(text).toMatch(/3 cards in a learning step come back in this session; the next one in \d+:\d\d\./);
    expect(text).toMatch(/New 0 +Learn 3 +Due 0/);

    await tmux.press('q');
    text = await tmux.waitForText('Session done: All cards');
    expect(text).toMatch(/Cards studied +3/);
    expect(text).toMatch(/New cards +3/);
    expect(text).toMatch(/Next due +in (9|10) min/);
    await tmux.press('q');
    text = await tmux.waitForText(/❯ +All cards +0 +3 +0/);
    await tmux.press('q');
    text = await tmux.waitForText('3 cards due today · 0 new');
    await tmux.press('q');
    await tmux.waitForText('EXITED:0');
    expect(readFileSync(join(data, 'reviews.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);

    // The next start: the same counts, read back from disk.
    tmux.type(`clear; ${shardlab('')}; echo EXITED2:$?`);
    text = await tmux.waitForText('3 cards due today · 0 new', 20_000);
    expect(text).toMatch(/2 {2}Review {6}3 due · 0 new/);
    await tmux.press('q');
    await tmux.waitForText('EXITED2:0');
  }, 90_000);

  it('e hands the terminal to the editor at the card line and comes back to the same card', async () => {
    tmux.type(`clear; ${shardlab('review --deck sqs')}; echo EXITED3:$?`);
    // Its one card is in the learning step the first journey put it in: study it now.
    let text = await tmux.waitForText('Nothing else is due right now.', 20_000);
    expect(text).toContain('shardlab › Review › Amazon SQS');
    await tmux.press('Enter');
    text = await tmux.waitForText('Default visibility timeout?');
    await tmux.press('e');
    // The editor draws on the normal screen, not over the app.
    await tmux.waitForText('EDITOR RAN');
    expect(tmux.paneFlag('alternate_on')).toBe('0');
    text = await tmux.waitForText('Default visibility timeout?');
    expect(tmux.paneFlag('alternate_on')).toBe('1');
    expect(text).not.toContain('EDITOR RAN');
    expect(readFileSync(join(home, 'editor.log'), 'utf8').trim()).toBe(`+16 ${join(fixtures, 'sqs.md')}`);
    // Keys reach the app again.
    await tmux.press('Space');
    await tmux.waitForText('30 seconds');
    await tmux.press('q');
    await tmux.press('q');
    await tmux.press('q');
    await tmux.press('q');
    await tmux.waitForText('EXITED3:0');
    expect(existsSync(join(data, 'progress.json'))).toBe(true);
  }, 60_000);
});
