// A commands lab in a pseudo-terminal (tmux at 80×24) through the built CLI: open Labs from Home,
// open split-hot-shard, type two console lines (one finished with Tab completion), run the lab,
// see the live run give way to the score, find the run in lab-results.jsonl and the typed lines
// in the lab's draft, come back to the list with the best score on it, and quit cleanly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, builtCli, ensureBuilt, repoRoot } from '../helpers/tmux.js';

const labs = join(repoRoot, 'test', 'fixtures', 'labs');
const fixtures = join(import.meta.dirname, 'fixtures');
const tmux = new Tmux('e2e-labs');

let home: string;
let data: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-labs-'));
  data = join(home, 'data');
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

const shardlab = () => `CI=false node ${JSON.stringify(builtCli)} --content ${JSON.stringify(fixtures)} --labs ${JSON.stringify(labs)} --data-dir ${JSON.stringify(data)}`;

/** Text typed as one paste-free burst of characters, the way a person types a line. */
async function typeText(text: string): Promise<void> {
  for (const chunk of text.match(/.{1,12}/g) ?? []) {
    tmux.run('send-keys', '-t', tmux.target, '-l', '--', chunk);
    await new Promise((r) => setTimeout(r, 60));
  }
}

describe('labs journey in a real terminal', () => {
  it('opens a commands lab, types two commands (one with Tab), runs it, sees the score, and finds the result on disk', async () => {
    tmux.type(`cd ${JSON.stringify(repoRoot)}; clear; ${shardlab()}; echo EXITED:$?`);
    await tmux.waitForText(/\d {2}Labs/, 20_000);
    const menu = tmux.screen();
    const item = /(\d) {2}Labs/.exec(menu)![1]!;
    await tmux.press(item);
    let text = await tmux.waitForText('Best');
    expect(text).toContain('shardlab › Labs');
    expect(text).toContain('not tried');
    // Walk down to the commands lab.
    for (let n = 0; n < 20 && !/split-hot-shard · solved by: type AWS CLI/.test(text); n++) {
      await tmux.press('j');
      text = tmux.screen();
    }
    await tmux.press('Enter');
    text = await tmux.waitForText('4 Console');
    await tmux.press('4');
    await tmux.waitForText('Tab complete');
    // Never opened before: the console holds the lab's starter lines. Leave the prompt, drop
    // them with d, and go back to typing.
    text = await tmux.waitForText(/✓ aws kinesis list-shards --stream-name events/);
    expect(text).toMatch(/[✓·] at 5s: aws kinesis split-shard/);
    await tmux.press('Escape');
    await tmux.press('d');
    await tmux.press('d');
    await tmux.waitForText('Type AWS CLI commands');
    await tmux.press('Enter');

    await typeText('aws kinesis list-sh');
    await tmux.press('Tab');
    await tmux.waitForText('$ aws kinesis list-shards');
    await typeText('--stream-name events');
    await tmux.press('Enter');
    text = await tmux.waitForText('✓ aws kinesis list-shards --stream-name events');
    expect(text).toContain('"ShardId": "shardId-000000000000"');

    await typeText('at 5s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864');
    await tmux.press('Enter');
    text = await tmux.waitForText(/✓ at 5s: aws kinesis split-shard/);
    expect(text.split('\n').length).toBeLessThan(24);

    await tmux.press('C-r');
    text = await tmux.waitForText(/Score \d+\/100/, 30_000);
    expect(text).toContain('Score 100/100');
    expect(text).toContain('✓ split-done');
    expect(text.split('\n').every((l) => l.length <= 80)).toBe(true);

    const journal = readFileSync(join(data, 'lab-results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l.split('\t')[0]!) as { lab: string; score: number; solve: string; via: string });
    expect(journal).toEqual([expect.objectContaining({ lab: 'split-hot-shard', score: 100, solve: 'commands', via: 'app' })]);
    const draft = JSON.parse(readFileSync(join(data, 'labs', 'split-hot-shard', 'draft.json'), 'utf8')) as { commands: string[] };
    expect(draft.commands).toHaveLength(2);

    // Back to the lab with the section keys live (not the prompt): 2 shows the Task; then back
    // to the list, where the best score is.
    await tmux.press('Escape');
    await tmux.waitForText('4 Console');
    await tmux.press('2');
    text = await tmux.waitFor((t) => !t.includes('$ ') && t.includes('1 Story'), 'the Task section, not a 2 typed at the prompt');
    await tmux.press('q');
    text = await tmux.waitForText('100/100 ✓');
    await tmux.press('q');
    await tmux.waitForText(/\d {2}Labs/);
    await tmux.press('q');
    text = await tmux.waitForText('EXITED:0');
    expect(tmux.paneFlag('alternate_on')).toBe('0');
  }, 90_000);
});
