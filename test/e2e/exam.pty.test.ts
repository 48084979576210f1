// A sprint mock exam in a pseudo-terminal (tmux at 80×24) through the built CLI on the shipped
// notes: `shardlab exam` opens the start screen, the sprint starts, two answers, a flag, the
// review grid, the submit confirmation listing the unanswered, the report; then `exam history
// --json` finds the attempt in the journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuilt } from '../helpers/built-cli.js';
import { Tmux, builtCli, ensureBuilt, repoRoot } from '../helpers/tmux.js';

const tmux = new Tmux('e2e-exam');

let home: string;
let data: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-exam-'));
  data = join(home, 'data');
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

// CI=false: with CI=true Ink draws nothing until exit.
const shardlab = (args: string) => `CI=false node ${JSON.stringify(builtCli)} --data-dir ${JSON.stringify(data)} ${args}`;

describe('mock exam journey in a real terminal', () => {
  it('starts a sprint, answers two, flags one, opens the review grid, submits and sees the report; history lists it', async () => {
    tmux.type(`cd ${JSON.stringify(repoRoot)}; clear; ${shardlab('exam')}; echo EXITED:$?`);
    let text = await tmux.waitForText('Choose a profile; Enter starts the clock.', 20_000);
    expect(text).toContain('shardlab › Mock exam');
    expect(text).toMatch(/Coverage: covers only Domains 1 and 4 of 4/);

    // The third profile is the sprint.
    for (let i = 0; i < 2; i++) await tmux.press('j');
    await tmux.waitForText(/› sprint +20 questions · 30 min · pass 720/);
    await tmux.press('Enter');
    text = await tmux.waitForText(/Question 1 of 20 +\d+:\d\d left +0 answered · 0 flagged/, 20_000);
    expect(text).toContain('shardlab › Mock exam › Question 1 of 20');
    expect(text.split('\n').length).toBeLessThanOrEqual(24);

    await tmux.press('1');
    await tmux.waitForText('1 answered · 0 flagged');
    await tmux.press('n');
    await tmux.waitForText(/Question 2 of 20 +\d+:\d\d left/);
    await tmux.press('1');
    await tmux.press('f');
    text = await tmux.waitForText('2 answered · 1 flagged');
    expect(text).toContain('⚑ Flagged for review');

    await tmux.press('r');
    text = await tmux.waitForText('shardlab › Mock exam › Review grid');
    expect(text).toMatch(/1✓ +2✓⚑ +3·/);
    expect(text).toContain('(✓⚑ answered and flagged)');
    expect(text.replace(/\s+/g, ' ')).toContain('Unanswered (18): 3–20');
    expect(text).toContain('Flagged (1): 2');

    await tmux.press('s');
    text = await tmux.waitForText('Submit the exam now?');
    expect(text.replace(/\s+/g, ' ')).toContain('18 questions are unanswered and will count as wrong: 3, 4, 5');
    await tmux.press('y');
    text = await tmux.waitForText('shardlab › Mock exam › Report');
    expect(text).toMatch(/(PASS|FAIL) +\d+\/1000 \(pass mark 720\) · \d of 20 scored questions right/);
    expect(text).toContain('By topic, weakest first');
    expect(text).toContain('Multiple response is all-or-nothing.');
    await tmux.waitForText(/flashcard/);

    // Back to the start screen, which no longer offers a running attempt, then Home, then out.
    await tmux.press('q');
    await tmux.waitForText('Choose a profile; Enter starts the clock.');
    await tmux.press('q');
    await tmux.press('q');
    await tmux.waitForText('EXITED:0');

    const history = runBuilt(['--data-dir', data, 'exam', 'history', '--json']);
    expect(history.status).toBe(0);
    const attempts = JSON.parse(history.stdout) as { profile: string; scored: number; correct: number; scaledScore: number; byTopic: unknown[] }[];
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ profile: 'sprint', scored: 20 });
    expect(attempts[0]!.correct).toBeLessThanOrEqual(2);
    expect(attempts[0]!.byTopic.length).toBeGreaterThan(0);
  }, 120_000);
});
