import { describe, expect, it } from 'vitest';
import type { Card, Topic } from '../../src/content/model.js';
import type { CardState, Review } from '../../src/store/schema.js';
import { examOutlook } from '../../src/srs/exam-day.js';
import { ankiText, revlogCsv } from '../../src/srs/export.js';
import { Scheduler, type Grade4 } from '../../src/srs/fsrs.js';
import { pruneOrphans, syncCardIdentity, textSimilarity } from '../../src/srs/identity.js';
import { buildQueue, deckCounts } from '../../src/srs/queue.js';
import { progressStats } from '../../src/srs/stats.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const card = (id: string, front: string, topic = 'kds/shards'): Card => ({ id, topic, front, back: 'b', kind: 'basic', source: { file: 'kds.md', line: 1 } });
const topic = (id: string, children: Topic[] = []): Topic => ({ id, title: id, file: 'kds.md', line: 1, depth: 0, children, body: '', bodyLine: 1 });

function stateFor(scheduler: Scheduler, c: Card, now: number): CardState {
  return { ...scheduler.newState(now), front: c.front, topic: c.topic, suspended: false, buriedUntil: null, orphanedAt: null };
}

describe('a simulated 60-day study run', () => {
  it('intervals grow with Good, reset with Again, and the queue holds exactly the due cards each day', () => {
    const scheduler = new Scheduler({ desiredRetention: 0.9 });
    const cards = Array.from({ length: 30 }, (_, i) => card(`c${i}`, `front ${i}`));
    const stored: Record<string, CardState> = {};
    const intervals = new Map<string, number[]>();
    const lapseCard = 'c0';
    let lapsed = false;
    let introduced = 0;
    for (let day = 0; day < 60; day++) {
      const dayStart = T0 + day * DAY;
      let now = dayStart + 9 * 3_600_000;
      introduced = 0;
      // Study until the queue is empty, answering learning steps as they come due.
      for (let guard = 0; guard < 500; guard++) {
        const q = buildQueue(cards, stored, { now, endOfDay: dayStart + DAY, newCardsPerDay: 5, newIntroducedToday: introduced });
        const next = q.learning.find((c) => stored[c.id]!.due <= now) ?? q.review[0] ?? q.fresh[0];
        if (!next) {
          const later = q.learning.map((c) => stored[c.id]!.due).sort((a, b) => a - b)[0];
          if (later === undefined) break;
          now = later;
          continue;
        }
        // Every card due today is really due: nothing scheduled for tomorrow sneaks in.
        for (const c of q.review) expect(stored[c.id]!.due).toBeLessThanOrEqual(dayStart + DAY);
        const state = stored[next.id] ?? stateFor(scheduler, next, now);
        if (!stored[next.id]) introduced++;
        // The first time c0 comes up after day 30, the learner has forgotten it.
        const forget = next.id === lapseCard && day >= 30 && !lapsed && state.state === 2;
        if (forget) lapsed = true;
        const grade: Grade4 = forget ? 1 : 3;
        const answered = scheduler.answer(state, grade, now);
        stored[next.id] = { ...state, ...answered.state };
        if (answered.state.state === 2) intervals.set(next.id, [...(intervals.get(next.id) ?? []), answered.state.scheduledDays]);
        now += 10_000;
      }
      expect(introduced).toBeLessThanOrEqual(5);
    }
    // Every card was introduced (5 a day over 6 days), and Good answers keep lengthening intervals.
    expect(Object.keys(stored)).toHaveLength(30);
    const c5 = intervals.get('c5')!;
    expect(c5.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < c5.length; i++) expect(c5[i]!).toBeGreaterThan(c5[i - 1]!);
    // The Again sent c0 back to relearning: one lapse, and its next review interval is short again.
    expect(lapsed).toBe(true);
    expect(stored[lapseCard]!.lapses).toBe(1);
    const c0 = intervals.get(lapseCard)!;
    expect(c0.at(-1)!).toBeLessThan(Math.max(...c0));
  });

  it('preview offers four grades whose intervals are ordered Again < Hard < Good < Easy', () => {
    const scheduler = new Scheduler({ desiredRetention: 0.9 });
    const s = scheduler.newState(T0);
    const p = scheduler.preview(s, T0);
    expect(p[1].intervalMs).toBeLessThan(p[2].intervalMs);
    expect(p[2].intervalMs).toBeLessThan(p[3].intervalMs);
    expect(p[3].intervalMs).toBeLessThan(p[4].intervalMs);
    expect(p[1].intervalMs).toBe(60_000);
  });

  it('an exam date caps intervals so no review is scheduled after it', () => {
    const scheduler = new Scheduler({ desiredRetention: 0.9, maximumIntervalDays: 10 });
    let s = scheduler.newState(T0);
    let now = T0;
    for (let i = 0; i < 8; i++) {
      const a = scheduler.answer(s, 4, now);
      expect(a.state.scheduledDays).toBeLessThanOrEqual(10);
      s = a.state;
      now = s.due;
    }
  });
});

describe('card identity across edits', () => {
  const scheduler = new Scheduler({ desiredRetention: 0.9 });
  const original = card('kds/aaa', 'What is the write limit of one shard?');

  it('a small edit to the front within the same topic keeps the progress', () => {
    const stored: Record<string, CardState> = { 'kds/aaa': { ...stateFor(scheduler, original, T0), reps: 7 } };
    const edited = card('kds/bbb', 'What is the write limit of a single shard?');
    const sync = syncCardIdentity([edited], stored, T0);
    expect(sync.relinked).toEqual([{ from: 'kds/aaa', to: 'kds/bbb', similarity: expect.any(Number) }]);
    expect(stored['kds/bbb']!.reps).toBe(7);
    expect(stored['kds/aaa']).toBeUndefined();
  });

  it('a different card, or the same words in another topic, does not inherit it; the old one becomes an orphan until pruned', () => {
    const stored: Record<string, CardState> = { 'kds/aaa': stateFor(scheduler, original, T0) };
    const other = card('kds/ccc', 'How long are records retained by default?');
    const moved = card('sqs/ddd', 'What is the write limit of one shard?', 'sqs/limits');
    const sync = syncCardIdentity([other, moved], stored, T0 + 5);
    expect(sync.relinked).toEqual([]);
    expect(sync.orphaned).toEqual(['kds/aaa']);
    expect(stored['kds/aaa']!.orphanedAt).toBe(T0 + 5);
    // It comes back if the card returns before a prune.
    expect(syncCardIdentity([original], stored, T0 + 6).restored).toEqual(['kds/aaa']);
    syncCardIdentity([], stored, T0 + 7);
    expect(pruneOrphans(stored)).toEqual(['kds/aaa']);
    expect(stored).toEqual({});
  });

  it('similarity is symmetric, 1 for equal text after folding case and space', () => {
    expect(textSimilarity('A  b', 'a b')).toBe(1);
    expect(textSimilarity('abc', 'abd')).toBeCloseTo(textSimilarity('abd', 'abc'));
    expect(textSimilarity('short', 'a much longer sentence entirely')).toBeLessThan(0.5);
  });
});

describe('deck counts', () => {
  it('count new, learning and due cards over each topic subtree', () => {
    const scheduler = new Scheduler({ desiredRetention: 0.9 });
    const tree = [topic('kds', [topic('kds/shards'), topic('kds/reads')])];
    const cards = [card('a', 'a'), card('b', 'b'), card('c', 'c', 'kds/reads'), card('d', 'd', 'kds')];
    const stored: Record<string, CardState> = {
      a: { ...stateFor(scheduler, cards[0]!, T0), state: 2, due: T0 - 1, lastReview: T0 - DAY },
      b: { ...stateFor(scheduler, cards[1]!, T0), state: 1, due: T0 + 60_000, lastReview: T0 },
      c: { ...stateFor(scheduler, cards[2]!, T0), state: 2, due: T0 + 5 * DAY, lastReview: T0 },
    };
    const counts = deckCounts(tree, cards, stored, T0, T0 + DAY);
    expect(counts.get('kds')).toEqual({ new: 1, learning: 1, due: 1, total: 4 });
    expect(counts.get('kds/shards')).toEqual({ new: 0, learning: 1, due: 1, total: 2 });
    expect(counts.get('kds/reads')).toEqual({ new: 0, learning: 0, due: 0, total: 1 });
  });
});

describe('exam day', () => {
  it('predicts recall on the day and the reviews a day needed to reach the target', () => {
    const scheduler = new Scheduler({ desiredRetention: 0.9 });
    const cards = Array.from({ length: 20 }, (_, i) => card(`c${i}`, `f${i}`));
    const stored: Record<string, CardState> = {};
    for (const c of cards.slice(0, 10)) {
      const s = scheduler.answer(stateFor(scheduler, c, T0), 3, T0);
      const again = scheduler.answer({ ...stateFor(scheduler, c, T0), ...s.state }, 3, s.state.due);
      stored[c.id] = { ...stateFor(scheduler, c, T0), ...again.state };
    }
    const outlook = examOutlook(cards, stored, { now: T0 + DAY, examAt: T0 + 29 * DAY, desiredRetention: 0.9 });
    expect(outlook.daysLeft).toBe(28);
    expect(outlook.predictedRecall).toBeGreaterThan(0);
    expect(outlook.predictedRecall).toBeLessThan(0.5);
    expect(outlook.totalReviews).toBeGreaterThanOrEqual(20);
    expect(outlook.reviewsPerDay).toBe(Math.ceil(outlook.totalReviews / 28));
  });
});

describe('progress figures and exports', () => {
  const reviews: Review[] = [
    { card: 'a', at: T0 - 2 * DAY + 1000, rating: 3, state: 0, elapsedDays: 0, scheduledDays: 0 },
    { card: 'a', at: T0 - DAY + 1000, rating: 1, state: 2, elapsedDays: 1, scheduledDays: 1 },
    { card: 'b', at: T0 + 1000, rating: 3, state: 2, elapsedDays: 3, scheduledDays: 3 },
    { card: 'b', at: T0 + 2000, rating: 4, state: 2, elapsedDays: 0, scheduledDays: 9 },
  ];

  it('reviews per day, true retention and the streak', () => {
    const s = progressStats({ topics: [topic('kds/shards')], cards: [card('a', 'a'), card('b', 'b')], stored: {}, reviews, startOfToday: T0, now: T0 + 3000 });
    expect(s.reviewsPerDay.slice(-3).map((d) => d.reviews)).toEqual([1, 1, 2]);
    expect(s.trueRetention).toBeCloseTo(2 / 3);
    expect(s.streakDays).toBe(3);
    expect(s.topics).toEqual([{ id: 'kds/shards', title: 'kds/shards', cards: 2, new: 2, learning: 0, young: 0, mature: 0, suspended: 0 }]);
  });

  it('the FSRS optimizer CSV and the Anki text import', () => {
    const { csv } = revlogCsv(reviews);
    expect(csv.split('\n').slice(0, 3)).toEqual(['card_id,review_time,review_rating,review_state,review_duration,elapsed_days', `1,${T0 - 2 * DAY + 1000},3,0,0,0`, `1,${T0 - DAY + 1000},1,2,0,1`]);
    const text = ankiText([topic('kds', [topic('kds/shards')])], [{ ...card('a', 'Write **limit** <per shard>?'), back: 'line1\nline2' }]);
    expect(text.split('\n')).toEqual([
      '#separator:tab',
      '#html:true',
      '#deck column:3',
      '#tags column:4',
      '#notetype:Basic',
      'Write <b>limit</b> &lt;per shard&gt;?\tline1<br>line2\tshardlab::kds::kds/shards\tshardlab::basic shardlab::source::kds.md',
      '',
    ]);
  });
});
