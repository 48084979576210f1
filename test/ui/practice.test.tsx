import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/content/model.js';
import { fixedDayClock } from '../../src/progress/clock.js';
import { ProgressService } from '../../src/progress/service.js';
import { QUIZ_KINDS } from '../../src/quiz/model.js';
import { buildPractice, cardsForMiss } from '../../src/quiz/practice.js';
import { App } from '../../src/ui/app.js';
import { createRouter, screens } from '../../src/ui/screens/registry.js';
import { bytes, press, waitFor } from './helpers.js';
import { DAY, T0, reviewIndex } from './review-fixtures.js';

afterEach(() => {
  cleanup();
});

const SHARDS = 'kinesis-data-streams/shards-and-throughput';

const frame = (app: { lastFrame: () => string | undefined }) => app.lastFrame() ?? '';
/** The frame with wrapped lines joined, so a sentence is found wherever the view broke it. */
const flat = (app: { lastFrame: () => string | undefined }) => frame(app).replace(/\s+/g, ' ');

async function shows(app: { lastFrame: () => string | undefined }, ...needles: string[]): Promise<string> {
  await waitFor(() => {
    for (const n of needles) expect(flat(app)).toContain(n.replace(/\s+/g, ' '));
  });
  return frame(app);
}

/**
 * The app over the review fixture with a real store, and the round the screen will ask: a
 * round's seed is the time of the Enter that starts it, so the test builds the same one.
 */
async function start() {
  // The cards are studied the day before the round, so a due date of "now" is a real change.
  let t = T0 - DAY;
  const clock = fixedDayClock(() => t);
  const service = ProgressService.open(mkdtempSync(join(tmpdir(), 'shardlab-practice-ui-')), { clock, fuzz: false });
  const index = reviewIndex();
  const round = buildPractice(index, { source: 'pick', count: 5, kinds: [...QUIZ_KINDS], topics: [SHARDS], seed: T0 >>> 0 }, []);
  const first = round[0]!.question;
  const src = first.sources[0]!;
  // Cards written next to the first question's source: one studied, one studied then suspended,
  // one never studied. Only the first may be made due by a miss.
  const near = (n: number, front: string): Card => ({ id: `${SHARDS}#near${n}`, topic: SHARDS, front, back: 'See the table', kind: 'basic', source: { file: src.file, line: src.line + n } });
  const studied = near(2, 'Which row of the limits table is this?');
  const suspended = near(1, 'Which row sits above it?');
  const unseen = near(3, 'Which row sits below it?');
  for (const f of index.files) if (f.file === src.file) f.cards.push(studied, suspended, unseen);
  index.cards = index.files.flatMap((f) => f.cards);
  // The extra cards do not change the round: questions come from facts, not from cards.
  expect(buildPractice(index, { source: 'pick', count: 5, kinds: [...QUIZ_KINDS], topics: [SHARDS], seed: T0 >>> 0 }, []).map((i) => i.question.id)).toEqual(round.map((i) => i.question.id));

  service.syncCards(index.cards);
  service.answer(studied, 4);
  service.answer(suspended, 4);
  service.suspend(suspended);
  // Every studied card the first question names by its facts, so the "mentions" rule is exercised too.
  const mentioned = cardsForMiss(index, first).filter((c) => c.source.line !== undefined && Math.abs(c.source.line - src.line) > 3);
  expect(mentioned.length).toBeGreaterThan(0);
  for (const c of mentioned) service.answer(c, 4);
  t = T0;
  const app = render(<App router={createRouter(index, '1.0.0', screens, service.snapshot())} color={false} progress={service} now={() => t} />);
  return { app, service, index, round, studied, suspended, unseen, mentioned, advance: (ms: number) => (t += ms), now: () => t };
}

describe('Practice screen', () => {
  it('from Home: a round of five, a miss with its feedback, the summary; answers stored and the missed passage due', async () => {
    const { app, service, round, studied, suspended, unseen, mentioned, advance, now } = await start();
    await shows(app, 'Practice');
    await press(app.stdin, '5');
    await shows(app, 'shardlab › Practice', 'Choose what to practise; Enter starts.', '‹ the topics and kinds below ›', '‹ 10 ›');

    // Five questions, from the Shards and throughput section only.
    await press(app.stdin, 'j', '-');
    await shows(app, '‹ 5 ›');
    for (let i = 0; i < 30 && !/›\s*\[ \] Shards and throughput/.test(frame(app)); i++) await press(app.stdin, 'j');
    await press(app.stdin, ' ');
    await shows(app, '[x] Shards and throughput');
    await press(app.stdin, bytes.enter);

    // The first question, missed on purpose with an option whose distractor says why it is wrong.
    const q = round[0]!.question;
    await shows(app, 'Question 1 of 5', q.stem);
    const miss = q.distractors.find((d) => q.options.some((o) => o.id === d.optionId))!;
    const missAt = q.options.findIndex((o) => o.id === miss.optionId);
    const rightAt = q.options.findIndex((o) => q.answer.includes(o.id));
    advance(4000);
    await press(app.stdin, String(missAt + 1), bytes.enter);
    await shows(app, '✗ Wrong', `Answer: ${rightAt + 1}. ${q.options[rightAt]!.text}`, `You chose: ${missAt + 1}. ${q.options[missAt]!.text}`, 'Why not the others', miss.why);
    await shows(app, `Source: ${q.sources[0]!.file}:${q.sources[0]!.line}`, '(o opens the note in Study)');
    await waitFor(() => expect(service.quizAnswers()).toHaveLength(1));
    const missedAt = now();

    // The other four, answered right.
    for (let i = 1; i < 5; i++) {
      const next = round[i]!.question;
      advance(1000);
      await press(app.stdin, bytes.enter);
      await shows(app, `Question ${i + 1} of 5`, next.stem);
      const right = next.options.map((o, n) => (next.answer.includes(o.id) ? String(n + 1) : '')).filter(Boolean);
      advance(3000);
      await press(app.stdin, ...right, bytes.enter);
      await shows(app, '✓ Right', `question ${i + 1} of 5`);
    }
    await press(app.stdin, bytes.enter);
    await shows(app, 'shardlab › Practice › Summary', 'Score 4 of 5 right (80%)', 'By kind', 'By topic', 'Shards and throughput');
    expect(frame(app)).not.toContain('Answers were not stored');

    // The journal holds every answer, in order, with the round's seeds and timings.
    const answers = service.quizAnswers();
    expect(answers.map((a) => a.question)).toEqual(round.map((i) => i.question.id));
    expect(answers.map((a) => a.correct)).toEqual([false, true, true, true, true]);
    expect(answers[0]).toMatchObject({ topic: q.topic, chosen: [miss.optionId], at: missedAt, durationMs: 4000, seed: round[0]!.seed, scope: SHARDS });

    // The miss made the studied cards of its passage and of its facts due now; a suspended or
    // never-studied card stays as it was.
    const made = answers[0]!.cards;
    expect(made).toContain(studied.id);
    for (const c of mentioned) expect(made).toContain(c.id);
    expect(made).not.toContain(suspended.id);
    expect(made).not.toContain(unseen.id);
    expect(service.cards[studied.id]!.due).toBe(missedAt);
    expect(service.cards[suspended.id]!.due).toBeGreaterThan(missedAt);
    expect(service.cards[unseen.id]).toBeUndefined();
    expect(answers.slice(1).every((a) => a.cards.length === 0)).toBe(true);

    // q leaves the summary for Home, where the card the miss sent back is due today.
    await press(app.stdin, 'q');
    await waitFor(() => expect(frame(app)).toContain(`${made.length} cards due today`));
  });
});
