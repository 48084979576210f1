import { describe, expect, it } from 'vitest';
import type { ContentIndex } from '../../src/content/model.js';
import type { ProgressSnapshot } from '../../src/progress/snapshot.js';
import type { ProgressWrite } from '../../src/srs/session.js';
import { lineText } from '../../src/ui/markdown/types.js';
import { formatCountdown, formatInterval, formatWhen } from '../../src/ui/screens/review/format.js';
import { cardLines, deckLines, summaryLines, waitingLines } from '../../src/ui/screens/review/lines.js';
import { type ReviewAction, type ReviewState, clockReview, initReview, reloadReview, reviewReducer, wakeReview } from '../../src/ui/screens/review/state.js';
import { type AppEffect, type ScreenContext, unwrap } from '../../src/ui/screens/model.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { driver } from './helpers.js';
import { DAY, T0, reviewIndex, reviewState, snapshot } from './review-fixtures.js';

const size = { columns: 80, rows: 24 };
const MIN = 60_000;

function ctx(index: ContentIndex = reviewIndex(), progress: ProgressSnapshot | undefined = snapshot()): ScreenContext {
  return { ...createRouter(index, '1').ctx, ...(progress ? { progress } : {}) };
}

/** Applies actions in turn, collecting the effects they ask for. */
function run(state: ReviewState, ...actions: ReviewAction[]): { state: ReviewState; effects: AppEffect[] } {
  const effects: AppEffect[] = [];
  let s = state;
  for (const action of actions) {
    const r = unwrap(reviewReducer(s, action));
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const writes = (effects: AppEffect[]): ProgressWrite[] => effects.flatMap((e) => (e.type === 'progress' ? [e.write] : []));
const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));
const shown = (s: ReviewState) => s.current?.id;

/** Starts a session on every card at T0. */
function session(c: ScreenContext = ctx()) {
  return run(initReview(c, size), { type: 'start', at: T0 }).state;
}

describe('review: the deck list', () => {
  it('lists the topics that have cards with their subtree counts; the new column respects the daily limit', () => {
    const s = initReview(ctx(reviewIndex(), snapshot({ newToday: 17 })), size);
    expect(s.mode).toBe('decks');
    expect(s.rows.map((r) => [r.title, r.counts.new, r.counts.total])).toEqual([
      ['All cards', 6, 6],
      ['Kinesis Data Streams', 4, 4],
      ['Amazon SQS', 2, 2],
    ]);
    const lines = text(deckLines(s, 80, 21));
    expect(lines[0]).toContain('Today  0 answers · 17 of 20 new cards introduced');
    expect(lines.find((l) => l.includes('All cards'))).toMatch(/All cards +3 +0 +0$/);
    // → opens Kinesis's headings, and a second → goes into the first of them.
    const opened = run(s, { type: 'move', by: 1 }, { type: 'expand' }).state;
    expect(opened.rows.map((r) => r.title)).toEqual(['All cards', 'Kinesis Data Streams', 'Shards and throughput', 'Amazon SQS']);
    expect(run(opened, { type: 'expand' }).state.selected).toBe('kinesis-data-streams/shards-and-throughput');
    expect(run(opened, { type: 'expand' }, { type: 'collapse' }).state.selected).toBe('kinesis-data-streams');
  });

  it('studies the highlighted deck only', () => {
    const s = run(initReview(ctx(), size), { type: 'move', by: 2 }, { type: 'start', at: T0 }).state;
    expect(s.deck).toBe('sqs');
    expect([...s.session!.byId.keys()]).toEqual(['sqs/visibility-timeout#c5', 'sqs/fifo-queues#c6']);
  });
});

describe('review: the card flow', () => {
  it('front, Space reveals the back with four graded intervals, a grade records the answer and shows the next card', () => {
    let s = session();
    expect(s.mode).toBe('card');
    expect(shown(s)).toBe('kinesis-data-streams/shards-and-throughput#c1');
    let lines = text(cardLines(s, 80, 21).lines);
    expect(lines[0]).toMatch(/New 5 +Learn 0 +Due 0/);
    expect(lines[2]).toContain('Kinesis Data Streams › Shards and throughput');
    expect(lines.join('\n')).toContain('What is the write limit of one shard?');
    expect(lines.join('\n')).not.toContain('1,000 records/s');
    expect(lines.at(-1)).toContain('Space  show answer');

    s = run(s, { type: 'reveal', at: T0 + 5000 }).state;
    expect(s.current!.intervals).toEqual({ 1: MIN, 2: 6 * MIN, 3: 10 * MIN, 4: 8 * DAY });
    lines = text(cardLines(s, 80, 21).lines);
    expect(lines.join('\n')).toContain('1 MiB/s or 1,000 records/s');
    expect(lines.at(-1)).toMatch(/1 +Again 1m +2 +Hard 6m +3 +Good 10m +4 +Easy 8d/);

    const graded = run(s, { type: 'grade', grade: 3, at: T0 + 9000 });
    expect(writes(graded.effects)).toEqual([
      {
        kind: 'answer',
        card: 'kinesis-data-streams/shards-and-throughput#c1',
        after: expect.objectContaining({ state: 1, due: T0 + 9000 + 10 * MIN }),
        review: { card: 'kinesis-data-streams/shards-and-throughput#c1', at: T0 + 9000, rating: 3, state: 0, elapsedDays: 0, scheduledDays: 0, durationMs: 9000 },
      },
    ]);
    expect(shown(graded.state)).toBe('kinesis-data-streams/shards-and-throughput#c2');
    expect(graded.state.current!.revealed).toBe(false);
  });

  it('grades only once the answer is shown', () => {
    const s = session();
    expect(run(s, { type: 'grade', grade: 4, at: T0 }).state).toBe(s);
  });

  it('a card in a learning step comes back when due; with nothing else left the session waits, counting down', () => {
    const index = reviewIndex();
    index.cards = index.cards.slice(0, 1);
    let s = session(ctx(index));
    s = run(s, { type: 'reveal', at: T0 }, { type: 'grade', grade: 3, at: T0 + 1000 }).state;
    expect(s.mode).toBe('waiting');
    expect(s.waitUntil).toBe(T0 + 1000 + 10 * MIN);
    expect(text(waitingLines(s, 80, 21)).join('\n')).toContain('1 card in a learning step comes back in this session; the next one in 10:00.');
    // The countdown ticks each second, and the card comes back the moment it is due.
    expect(wakeReview(s)).toBe(T0 + 2000);
    s = clockReview(s, T0 + 61_000);
    expect(s.mode).toBe('waiting');
    expect(text(waitingLines(s, 80, 21)).join('\n')).toContain('in 9:00.');
    s = clockReview(s, T0 + 1000 + 10 * MIN);
    expect(s.mode).toBe('card');
    expect(s.current).toMatchObject({ id: 'kinesis-data-streams/shards-and-throughput#c1', from: 'learning' });
    // Good on the last step graduates it: out of the session, into review days from now.
    const done = run(s, { type: 'reveal', at: s.now }, { type: 'grade', grade: 3, at: s.now + 1000 });
    expect(done.state.mode).toBe('summary');
    const after = writes(done.effects)[0]!;
    expect(after.kind === 'answer' && after.after.state).toBe(2);
    expect(wakeReview(done.state)).toBeUndefined();
  });

  it('Again puts a card back into the session before new cards run out; learning cards come first once due', () => {
    let s = session();
    s = run(s, { type: 'reveal', at: T0 }, { type: 'grade', grade: 1, at: T0 + 1000 }).state;
    expect(s.session!.learning).toEqual(['kinesis-data-streams/shards-and-throughput#c1']);
    // A minute later, after one more new card, the forgotten card is due and comes before the rest.
    s = run(s, { type: 'reveal', at: T0 + 30_000 }, { type: 'grade', grade: 3, at: T0 + 70_000 }).state;
    expect(s.current).toMatchObject({ id: 'kinesis-data-streams/shards-and-throughput#c1', from: 'learning' });
  });

  it('the waiting card can be studied at once, or the session ended', () => {
    const index = reviewIndex();
    index.cards = index.cards.slice(0, 1);
    const waiting = run(session(ctx(index)), { type: 'reveal', at: T0 }, { type: 'grade', grade: 1, at: T0 }).state;
    expect(run(waiting, { type: 'studyNow', at: T0 + 5000 }).state.current).toMatchObject({ id: 'kinesis-data-streams/shards-and-throughput#c1', shownAt: T0 + 5000 });
    expect(run(waiting, { type: 'end', at: T0 + 5000 }).state.mode).toBe('summary');
  });

  it('a card and its reverse are not shown on the same day', () => {
    let s = session();
    const seen: string[] = [];
    for (let i = 0; i < 10 && s.mode === 'card'; i++) {
      seen.push(shown(s)!);
      s = run(s, { type: 'reveal', at: T0 + i * 1000 }, { type: 'grade', grade: 4, at: T0 + i * 1000 + 500 }).state;
    }
    expect(seen).toEqual(['kinesis-data-streams/shards-and-throughput#c1', 'kinesis-data-streams/shards-and-throughput#c2', 'kinesis-data-streams/shards-and-throughput/hot-shards#c3', 'sqs/visibility-timeout#c5', 'sqs/fifo-queues#c6']);
  });
});

describe('review: undo, suspend, bury, edit', () => {
  it('undo takes back the last answer: the same card, front first, the log entry marked undone', () => {
    const s = session();
    const answered = run(s, { type: 'reveal', at: T0 }, { type: 'grade', grade: 2, at: T0 + 4000 });
    const review = (writes(answered.effects)[0] as ProgressWrite & { kind: 'answer' }).review;
    const undone = run(answered.state, { type: 'undo', at: T0 + 6000 });
    expect(writes(undone.effects)).toEqual([{ kind: 'undo', card: 'kinesis-data-streams/shards-and-throughput#c1', restore: null, undoes: review }]);
    expect(undone.state.current).toMatchObject({ id: 'kinesis-data-streams/shards-and-throughput#c1', revealed: false, shownAt: T0 + 6000 });
    expect(undone.state.session!.tally.answers).toBe(0);
    expect(undone.state.flash).toBe('Undone');
    // The flash goes with the next key.
    expect(run(undone.state, { type: 'reveal', at: T0 + 7000 }).state.flash).toBeUndefined();
    expect(run(s, { type: 'undo', at: T0 }).state.flash).toBe('Nothing to undo');
  });

  it('undo works from the summary too, and brings the session back', () => {
    const index = reviewIndex();
    index.cards = index.cards.slice(0, 1);
    const done = run(session(ctx(index)), { type: 'reveal', at: T0 }, { type: 'grade', grade: 4, at: T0 + 1000 }).state;
    expect(done.mode).toBe('summary');
    const back = run(done, { type: 'undo', at: T0 + 2000 }).state;
    expect(back.mode).toBe('card');
    expect(back.summary).toBeUndefined();
  });

  it('suspend and bury take the card out of the session and say how to undo it', () => {
    const s = session();
    const suspended = run(s, { type: 'suspend', at: T0 });
    expect(writes(suspended.effects)).toEqual([{ kind: 'suspend', card: 'kinesis-data-streams/shards-and-throughput#c1', after: expect.objectContaining({ suspended: true, state: 0 }) }]);
    expect(shown(suspended.state)).toBe('kinesis-data-streams/shards-and-throughput#c2');
    expect(suspended.state.flash).toBe('Suspended · u undoes');
    const buried = run(s, { type: 'bury', at: T0 });
    expect(writes(buried.effects)[0]).toMatchObject({ kind: 'bury', after: { buriedUntil: T0 - 9 * 3_600_000 + DAY } });
    const restored = run(buried.state, { type: 'undo', at: T0 + 1 });
    expect(shown(restored.state)).toBe('kinesis-data-streams/shards-and-throughput#c1');
    expect(writes(restored.effects)).toEqual([{ kind: 'undo', card: 'kinesis-data-streams/shards-and-throughput#c1', restore: null }]);
    // Neither counts as introducing a new card.
    expect(suspended.state.session!.newLeft).toBe(s.session!.newLeft);
  });

  it('e asks the app to open the note at the card line', () => {
    const r = run(session(), { type: 'edit' });
    expect(r.effects).toEqual([{ type: 'editor', file: '/notes/kinesis-data-streams.md', line: 20 }]);
    // The card stays on screen: the learner comes back to it from the editor.
    expect(r.state.current!.id).toBe('kinesis-data-streams/shards-and-throughput#c1');
  });
});

describe('review: limits, order, summary', () => {
  it('shows no more new cards than the day allows, and says how many wait', () => {
    let s = session(ctx(reviewIndex(), snapshot({ settings: { desiredRetention: 0.9, newCardsPerDay: 3, examDate: null }, newToday: 1 })));
    const seen: string[] = [];
    while (s.mode === 'card') {
      seen.push(shown(s)!);
      s = run(s, { type: 'reveal', at: T0 }, { type: 'grade', grade: 4, at: T0 + 1000 }).state;
    }
    expect(seen).toHaveLength(2);
    expect(s.summary).toMatchObject({ newLeft: 0, newWaiting: 4 });
    expect(text(summaryLines(s, 80, 21)).join('\n')).toMatch(/New left today +0 +4 more after today's limit of 3/);
  });

  it('due reviews come before new cards, oldest due first; with an exam date, the most at risk on exam day first', () => {
    const index = reviewIndex();
    const [c1, c2] = index.cards;
    const cards = {
      // Due earlier, but stable: it will still be remembered on exam day.
      [c1!.id]: reviewState(c1!, { due: T0 - 2 * DAY, stability: 60, ago: 10 * DAY }),
      // Due later, and fragile.
      [c2!.id]: reviewState(c2!, { due: T0 - DAY, stability: 2, ago: 3 * DAY }),
    };
    expect(shown(session(ctx(index, snapshot({ cards }))))).toBe(c1!.id);
    const exam = snapshot({ cards, examAt: T0 + 20 * DAY, settings: { desiredRetention: 0.9, newCardsPerDay: 20, examDate: '2026-11-22' } });
    const s = session(ctx(index, exam));
    expect(shown(s)).toBe(c2!.id);
    expect(s.current!.from).toBe('review');
    // With the exam 20 days away no interval may pass it.
    const revealed = run(s, { type: 'reveal', at: T0 }).state;
    expect(Math.max(...Object.values(revealed.current!.intervals!))).toBeLessThanOrEqual(20 * DAY);
  });

  it('the summary counts cards, answers, Again, new cards and time (each answer counted up to a minute), and the next due', () => {
    const index = reviewIndex();
    index.cards = index.cards.slice(0, 2);
    let s = session(ctx(index));
    s = run(s, { type: 'reveal', at: T0 + 5000 }, { type: 'grade', grade: 1, at: T0 + 10_000 }).state;
    // The learner walked away for ten minutes on this one: it counts one minute.
    s = run(s, { type: 'reveal', at: T0 + 600_000 }, { type: 'grade', grade: 4, at: T0 + 610_000 }).state;
    s = run(s, { type: 'reveal', at: T0 + 612_000 }, { type: 'grade', grade: 3, at: T0 + 615_000 }).state;
    s = run(s, { type: 'end', at: T0 + 616_000 }).state;
    expect(s.summary!.tally).toMatchObject({ answers: 3, cards: 2, again: 1, newCards: 2, studyMs: 10_000 + 60_000 + 5000 });
    const lines = text(summaryLines(s, 80, 21)).join('\n');
    expect(lines).toContain('Session done: All cards');
    expect(lines).toMatch(/Cards studied +2 +3 answers with learning steps/);
    expect(lines).toMatch(/Again +1 +67% remembered/);
    expect(lines).toMatch(/Time +1 min 15 s/);
    expect(lines).toMatch(/Next due +in 10 min +1 card due by the end of tomorrow/);
    // Back to the decks: counts include this session, and the app is asked for fresh figures.
    const decks = run(s, { type: 'decks', at: T0 + 617_000 });
    expect(decks.effects).toEqual([{ type: 'refreshProgress' }]);
    expect(decks.state.rows[0]!.counts).toEqual({ new: 0, learning: 1, due: 0, total: 2 });
  });

  it('says there is nothing to review, and when there will be', () => {
    const index = reviewIndex();
    const [c1] = index.cards;
    index.cards = [c1!];
    const s = session(ctx(index, snapshot({ cards: { [c1!.id]: reviewState(c1!, { due: T0 + 3 * DAY, stability: 5, ago: DAY }) } })));
    expect(s.mode).toBe('summary');
    expect(text(summaryLines(s, 80, 21)).join('\n')).toMatch(/Nothing to review in All cards right now[\s\S]*Next due +in 3 days/);
  });
});

describe('review: small terminals and long cards', () => {
  it('on a 40×12 terminal the front, the answer and the grades fit without blank separator rows', () => {
    const small = { columns: 40, rows: 12 };
    const s = run(initReview(ctx(), small), { type: 'start', at: T0 }, { type: 'reveal', at: T0 }).state;
    const lines = text(cardLines(s, 40, 9).lines);
    expect(lines).toHaveLength(9);
    expect(lines.join('\n')).toContain('What is the write limit of one shard?');
    expect(lines.join('\n')).toContain('1 MiB/s or 1,000 records/s');
    expect(lines.slice(-2).join(' ')).toMatch(/Again 1m[\s\S]*Easy 8d/);
  });

  it('a card taller than the screen opens at its answer when revealed, and scrolls only as far as there is text', () => {
    const index = reviewIndex();
    const long = Array.from({ length: 30 }, (_, i) => `- point ${i + 1}`).join('\n');
    index.cards = [{ ...index.cards[0]!, front: `Name the thirty points:\n\n${long}`, back: 'All of them.' }];
    let s = run(initReview(ctx(index), size), { type: 'start', at: T0 }).state;
    expect(cardLines(s, 80, 21).below).toBeGreaterThan(0);
    s = run(s, { type: 'reveal', at: T0 }).state;
    const layout = cardLines(s, 80, 21);
    expect(layout.above).toBeGreaterThan(0);
    expect(text(layout.lines).join('\n')).toContain('All of them.');
    expect(text(layout.lines).join('\n')).toContain('point 30');
    const bottom = run(s, ...Array.from({ length: 50 }, () => ({ type: 'scroll', by: 1 }) as const)).state;
    expect(bottom.current!.scroll).toBe(layout.maxScroll);
    expect(run(bottom, { type: 'scroll', by: -1 }).state.current!.scroll).toBe(layout.maxScroll - 1);
  });
});

describe('review: reloaded notes', () => {
  it('the card on screen follows its new id after its front was edited, and a deleted one gives way to the next', () => {
    const s = session();
    const index = reviewIndex();
    const edited = { ...index.cards[0]!, id: 'kinesis-data-streams/shards-and-throughput#c1-edited', front: 'What is the write limit of a single shard?' };
    index.cards = [edited, ...index.cards.slice(1)];
    const moved = reloadReview(s, ctx(index), size, { renamed: { 'kinesis-data-streams/shards-and-throughput#c1': edited.id } });
    expect(moved.current!.id).toBe(edited.id);
    expect(text(cardLines(moved, 80, 21).lines).join('\n')).toContain('What is the write limit of a single shard?');
    const gone = reviewIndex();
    gone.cards = gone.cards.slice(1);
    expect(reloadReview(s, ctx(gone), size).current!.id).toBe('kinesis-data-streams/shards-and-throughput#c2');
  });
});

describe('review keys through the router', () => {
  it('digits do nothing until the answer is shown; Space then means Good; q ends the session, then goes back to the decks', () => {
    const router = createRouter(reviewIndex(), '1', undefined, snapshot());
    const d = driver(router);
    d.keys('2', 'enter');
    const top = () => d.state.stack.at(-1)!.state as ReviewState;
    expect(top().mode).toBe('card');
    d.keys('3');
    expect(top().current!.revealed).toBe(false);
    expect(d.state.effects).toEqual([]);
    d.keys('space', 'space');
    expect(d.state.effects.map((e) => e.effect)).toEqual([expect.objectContaining({ type: 'progress', write: expect.objectContaining({ kind: 'answer', review: expect.objectContaining({ rating: 3 }) }) })]);
    d.keys('q');
    expect(top().mode).toBe('summary');
    d.keys('q');
    expect(top().mode).toBe('decks');
    d.keys('q');
    expect(d.state.stack.map((e) => e.id)).toEqual(['home']);
  });
});

describe('review formats', () => {
  it('intervals as Anki writes them', () => {
    expect([30_000, MIN, 10 * MIN, 90 * MIN, 26 * 3_600_000, 8 * DAY, 96 * DAY, 400 * DAY].map(formatInterval)).toEqual(['<1m', '1m', '10m', '1.5h', '1d', '8d', '3.2mo', '1.1y']);
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(3_845_000)).toBe('1:04:05');
    const end = T0 + 15 * 3_600_000;
    expect([formatWhen(T0 + 10 * MIN, T0, end), formatWhen(end + 1, T0, end), formatWhen(end + DAY, T0, end)]).toEqual(['in 10 min', 'tomorrow', 'in 2 days']);
  });
});
