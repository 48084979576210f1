// The Mock exam screens in the app: the real registry, the real `exam` port over a store in a
// temporary data dir, and the app's clock injected, so the countdown and the paper's seed come
// from the test. From Home to the report: start a sprint, answer, flag, the grid, submit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { examPort } from '../../src/cli/commands/exam-port.js';
import { ExamRecorder } from '../../src/exam/recorder.js';
import { fixedDayClock } from '../../src/progress/clock.js';
import { ProgressService } from '../../src/progress/service.js';
import { App } from '../../src/ui/app.js';
import { createRouter, screens } from '../../src/ui/screens/registry.js';
import { shippedIndex } from '../exam/helpers.js';
import { bytes, press, waitFor } from './helpers.js';

const T0 = 1_700_000_000_000;
const contentDir = join(import.meta.dirname, '..', '..', 'content');
const dirs: string[] = [];

afterEach(() => {
  cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Shown = { lastFrame: () => string | undefined };
const frame = (app: Shown) => app.lastFrame() ?? '';
const flat = (app: Shown) => frame(app).replace(/\s+/g, ' ');

async function shows(app: Shown, ...needles: (string | RegExp)[]): Promise<string> {
  await waitFor(() => {
    for (const n of needles) {
      if (typeof n === 'string') expect(flat(app)).toContain(n.replace(/\s+/g, ' '));
      else expect(frame(app)).toMatch(n);
    }
  });
  return frame(app);
}

function start() {
  let t = T0;
  const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-ui-'));
  dirs.push(dir);
  const service = ProgressService.open(dir, { clock: fixedDayClock(() => t), fuzz: false });
  const index = shippedIndex();
  const app = render(<App router={createRouter(index, '1.0.0', screens, service.snapshot())} color={false} progress={service} now={() => t} ports={{ exam: examPort(service.store, contentDir) }} />);
  return { app, service, advance: (ms: number) => (t += ms) };
}

describe('Mock exam in the app', () => {
  it('from Home: a sprint started, an answer, a flag, the review grid, submit confirmed, the report; the attempt recorded', async () => {
    const { app, service, advance } = start();
    await shows(app, 'Mock exam');
    await press(app.stdin, '6');
    await shows(app, 'shardlab › Mock exam', 'Choose a profile; Enter starts the clock.', /Coverage: covers only Domains 1 and 4 of 4/);

    await press(app.stdin, 'j', 'j');
    await shows(app, /› sprint +20 questions · 30 min · pass 720/);
    await press(app.stdin, bytes.enter);
    // The clock is the app's: thirty minutes from the Enter, to the second.
    await shows(app, 'shardlab › Mock exam › Question 1 of 20', /Question 1 of 20 +30:00 left +0 answered · 0 flagged/);
    const recorder = new ExamRecorder(service.store);
    expect(recorder.running()).toMatchObject({ profile: 'sprint', startedAt: T0, deadline: T0 + 30 * 60_000 });

    advance(42_000);
    await press(app.stdin, '1');
    await shows(app, /29:18 left +1 answered · 0 flagged/);
    await press(app.stdin, 'f');
    await shows(app, '1 answered · 1 flagged', '⚑ Flagged for review');
    // Both changes were stored as they happened.
    const running = recorder.running()!;
    expect(running.answers[0]).toHaveLength(1);
    expect(running.flagged[0]).toBe(true);

    await press(app.stdin, 'r');
    const grid = await shows(app, 'shardlab › Mock exam › Review grid', '(✓⚑ answered and flagged)');
    expect(grid).toMatch(/1✓⚑ +2· +3·/);
    expect(flat(app)).toContain('Unanswered (19): 2–20');
    expect(flat(app)).toContain('Flagged (1): 1');

    advance(5000);
    await press(app.stdin, 's');
    await shows(app, 'Submit the exam now?', '19 questions are unanswered and will count as wrong: 2, 3, 4');
    await press(app.stdin, 'y');
    const report = await shows(app, 'shardlab › Mock exam › Report', /(PASS|FAIL) +\d+\/1000 \(pass mark 720\) · [01] of 20 scored questions right/);
    // One right of twenty is far below the pass mark: the scaled score is low and the verdict FAIL.
    expect(report).toContain('FAIL');
    await shows(app, 'Submitted after 47 s.', 'By topic, weakest first');
    await shows(app, /flashcard/);

    // The attempt is in the journal and no longer running.
    expect(recorder.running()).toBeNull();
    const { entries } = recorder.attempts();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.session.submittedAt).toBe(T0 + 47_000);
    expect(frame(app).split('\n').length).toBeLessThanOrEqual(24);
  });
});
