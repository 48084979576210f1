// A practice round in a pseudo-terminal (tmux at 80×24) through the built CLI: open Practice from
// Home, a round of five questions from the fixture notes answered with number keys and Enter,
// the feedback after each and the summary at the end; quit, and the terminal is the shell's again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, builtCli, ensureBuilt, repoRoot } from '../helpers/tmux.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const tmux = new Tmux('e2e-practice');

let home: string;
let data: string;

beforeAll(async () => {
  await ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'shardlab-pty-practice-'));
  data = join(home, 'data');
  tmux.start(home);
});

afterAll(() => {
  tmux.kill();
  // The shell may still be writing into its home while the server goes down.
  if (home) rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

// CI sets CI=true, and Ink then draws nothing until exit; a learner's terminal has no CI. A
// function: the data folder exists only once beforeAll has run.
const shardlab = () => `CI=false SHARDLAB_HOME=${JSON.stringify(data)} node ${JSON.stringify(builtCli)} --content ${JSON.stringify(fixtures)}`;

describe('practice journey in a real terminal', () => {
  it('answers five questions, sees the feedback after each and the summary, quits, and the terminal is restored', async () => {
    tmux.type(`cd ${JSON.stringify(repoRoot)}; clear; ${shardlab()}; echo EXITED:$?; stty -a`);
    let text = await tmux.waitForText(/5 {2}Practice/, 20_000);
    await tmux.press('5');
    text = await tmux.waitForText('Choose what to practise; Enter starts.');
    expect(text).toContain('shardlab › Practice');
    expect(text).toContain('‹ the topics and kinds below ›');
    expect(tmux.paneFlag('alternate_on')).toBe('1');

    // The second row is the count: one step left makes it five.
    await tmux.press('j');
    await tmux.press('-');
    await tmux.waitForText('‹ 5 ›');
    await tmux.press('Enter');

    let right = 0;
    for (let i = 1; i <= 5; i++) {
      text = await tmux.waitForText(`Question ${i} of 5`);
      expect(text).toMatch(/› ?[([][ •x][)\]] 1\. /);
      expect(text.split('\n').length).toBeLessThan(24);
      // Whatever the question, option 1 is an answer to give: right or wrong, feedback follows.
      await tmux.press('1');
      await tmux.press('Enter');
      text = await tmux.waitForText(new RegExp(`(✓ Right|✗ Wrong) +question ${i} of 5`));
      expect(text).toContain('Answer: ');
      if (text.includes('✓ Right')) right++;
      else expect(text).toContain('You chose: 1. ');
      // The source sits at the end of the feedback: scroll to it when the question is long.
      for (let n = 0; n < 30 && !/Source: \S+\.md:\d+/.test(text); n++) {
        await tmux.press('j');
        text = tmux.screen();
      }
      expect(text).toMatch(/Source: (kinesis|sqs)\.md:\d+/);
      await tmux.press('Enter');
    }

    text = await tmux.waitForText('shardlab › Practice › Summary');
    expect(text).toMatch(new RegExp(`Score +${right} of 5 right`));
    expect(text).toContain('By kind');
    expect(text).toContain('By topic');
    expect(text).not.toContain('Answers were not stored');

    // Every answer reached the journal on disk (a line is the entry, a tab and its checksum).
    const journal = readFileSync(join(data, 'quiz-answers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l.split('\t')[0]!) as { correct: boolean });
    expect(journal).toHaveLength(5);
    expect(journal.filter((a) => a.correct)).toHaveLength(right);

    await tmux.press('q');
    await tmux.waitForText(/5 {2}Practice/);
    await tmux.press('q');
    text = await tmux.waitForText('EXITED:0');
    // Back on the shell's own screen, with the cursor shown and the line discipline as it was.
    expect(tmux.paneFlag('alternate_on')).toBe('0');
    expect(tmux.paneFlag('cursor_flag')).toBe('1');
    expect(text).not.toContain('Question 1 of 5');
    const stty = await tmux.waitForText(/\bicanon\b[\s\S]*\becho\b|\becho\b[\s\S]*\bicanon\b/);
    const modes = stty.slice(stty.indexOf('EXITED:0'));
    expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
    expect(modes).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
  }, 90_000);
});
