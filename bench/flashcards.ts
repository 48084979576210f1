// Flashcard figures for `npm run bench`: a key press to the next card drawn, due counts over
// 100,000 cards, and one answer written to a store whose review log holds 50,000 entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import type { Card, ContentIndex, Topic } from '../src/content/model.js';
import { DAY_MS, fixedDayClock } from '../src/progress/clock.js';
import { ProgressService } from '../src/progress/service.js';
import { type ProgressSnapshot, todayCounts } from '../src/progress/snapshot.js';
import { Scheduler } from '../src/srs/fsrs.js';
import { buildQueue, deckCounts } from '../src/srs/queue.js';
import { answerCard } from '../src/srs/session.js';
import { appendEntries } from '../src/store/journal.js';
import type { CardState, Review } from '../src/store/schema.js';
import { App } from '../src/ui/app.js';
import { unwrap } from '../src/ui/screens/model.js';
import { createRouter, screens } from '../src/ui/screens/registry.js';
import { type ReviewState, initReview, reviewReducer } from '../src/ui/screens/review/state.js';
import { reviewBody } from '../src/ui/screens/review/view.js';

type Report = (name: string, value: string, target?: string) => void;

const T0 = Date.UTC(2026, 10, 2, 9);
const DAY_START = Date.UTC(2026, 10, 2);

/** A seeded generator, so every run measures the same cards. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** `n` cards over 100 files of 10 headings; about a fifth due today, a fifth later, the rest new. */
export function synthetic(n: number): { index: ContentIndex; stored: Record<string, CardState> } {
  const random = lcg(42);
  const topics: Topic[] = [];
  const leaves: Topic[] = [];
  for (let f = 0; f < 100; f++) {
    const file = `file-${f}.md`;
    const root: Topic = { id: `f${f}`, title: `File ${f}`, file, line: 1, depth: 0, children: [], body: '', bodyLine: 1 };
    for (let h = 0; h < 10; h++) {
      const child: Topic = { id: `f${f}/h${h}`, title: `Heading ${h}`, file, line: h * 100 + 2, depth: 2, parent: root.id, children: [], body: '', bodyLine: h * 100 + 3 };
      root.children.push(child);
      leaves.push(child);
    }
    topics.push(root);
  }
  const scheduler = new Scheduler({ desiredRetention: 0.9 });
  const cards: Card[] = [];
  const stored: Record<string, CardState> = {};
  for (let i = 0; i < n; i++) {
    const topic = leaves[i % leaves.length]!;
    const card: Card = { id: `${topic.id}#${i}`, topic: topic.id, front: `What is limit number ${i} of **service** ${i % 7}?`, back: `${i} MiB/s per shard`, kind: 'basic', source: { file: topic.file, line: topic.bodyLine + i } };
    cards.push(card);
    const r = random();
    if (r < 0.6) continue;
    const ago = Math.floor(random() * 30 + 1) * DAY_MS;
    const due = r < 0.8 ? T0 - Math.floor(random() * 5) * DAY_MS : T0 + Math.floor(random() * 60 + 1) * DAY_MS;
    stored[card.id] = { ...scheduler.newState(T0 - ago), state: 2, due, stability: 1 + random() * 40, difficulty: 3 + random() * 5, reps: 3, lastReview: T0 - ago, scheduledDays: 5, front: card.front, topic: card.topic, suspended: false, buriedUntil: null, orphanedAt: null };
  }
  const index: ContentIndex = { root: '/bench', files: [], topics, cards, facts: [], comparisons: [], questions: [], mentions: [], diagnostics: [] };
  return { index, stored };
}

export function snapshotOf(stored: Record<string, CardState>, over: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    now: T0,
    startOfDay: DAY_START,
    endOfDay: DAY_START + DAY_MS,
    settings: { desiredRetention: 0.9, newCardsPerDay: 20, examDate: null },
    examAt: null,
    cards: stored,
    reviews: [],
    newToday: 0,
    reviewsToday: 0,
    orphans: 0,
    fuzz: true,
    ...over,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

const ms = (x: number, digits = 2) => `${x.toFixed(digits).padStart(8)} ms`;

export async function flashcardBench(report: Report): Promise<void> {
  // --- key press → next card ----------------------------------------------------------------
  const { index, stored } = synthetic(10_000);
  const size = { columns: 80, rows: 24 };
  const ctx = { ...createRouter(index, 'bench').ctx, progress: snapshotOf(stored) };
  let state = unwrap(reviewReducer(initReview(ctx, size), { type: 'start', at: T0 })).state as ReviewState;
  const pure: number[] = [];
  let t = T0;
  for (let i = 0; i < 300 && state.mode === 'card'; i++) {
    state = unwrap(reviewReducer(state, { type: 'reveal', at: (t += 3000) })).state;
    reviewBody(state, size.columns, 21);
    // The key that matters: a grade, then the next card's lines ready to draw.
    const t0 = performance.now();
    state = unwrap(reviewReducer(state, { type: 'grade', grade: i % 5 === 0 ? 1 : 3, at: (t += 2000) })).state;
    reviewBody(state, size.columns, 21);
    pure.push(performance.now() - t0);
  }
  console.log(`review session over ${index.cards.length.toLocaleString('en-US')} cards, ${pure.length} answers timed`);
  report('key → next card: reducer + its lines, median', ms(median(pure)), '≤ 16 ms');
  report('key → next card: reducer + its lines, p95', ms(p95(pure)));

  // The same through Ink: from writing the key to the terminal's stdin to the frame being written.
  let clock = T0;
  const app = render(createElement(App, { router: createRouter(index, 'bench', screens, snapshotOf(stored)), color: false, now: () => clock, launch: { screen: 'review', params: { deck: null } } }));
  const nextFrame = async (before: number): Promise<number> => {
    const t0 = performance.now();
    for (let spins = 0; app.frames.length === before && spins < 100_000; spins++) await new Promise((resolve) => setImmediate(resolve));
    return performance.now() - t0;
  };
  // Ink subscribes to input in an effect: keys written before it runs are lost.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const drawn: number[] = [];
  for (let i = 0; i < 150; i++) {
    clock += 3000;
    let before = app.frames.length;
    app.stdin.write(' ');
    await nextFrame(before);
    clock += 2000;
    before = app.frames.length;
    const t0 = performance.now();
    app.stdin.write('3');
    await nextFrame(before);
    drawn.push(performance.now() - t0);
  }
  app.unmount();
  report('key → next card drawn by Ink, median', ms(median(drawn)), '≤ 16 ms');
  report('key → next card drawn by Ink, p95', ms(p95(drawn)));

  // --- due counts over 100,000 cards --------------------------------------------------------
  const big = synthetic(100_000);
  const snap = snapshotOf(big.stored);
  const decks: number[] = [];
  const today: number[] = [];
  let summary = '';
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const perDeck = deckCounts(big.index.topics, big.index.cards, big.stored, T0, DAY_START + DAY_MS);
    decks.push(performance.now() - t0);
    t0 = performance.now();
    const now = todayCounts(big.index.cards, snap);
    today.push(performance.now() - t0);
    summary = `${perDeck.size.toLocaleString('en-US')} decks, ${now.due.toLocaleString('en-US')} due, ${now.new} new`;
  }
  console.log(`100,000 cards: ${summary}`);
  report('due counts for every deck (the deck list), median', ms(median(decks), 1), '≤ 200 ms');
  report("today's due and new counts (Home), median", ms(median(today), 1), '≤ 200 ms');
  const queues: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    buildQueue(big.index.cards, big.stored, { now: T0, endOfDay: DAY_START + DAY_MS, newCardsPerDay: 20, newIntroducedToday: 0 });
    queues.push(performance.now() - t0);
  }
  report('session queue (sorted by due), median', ms(median(queues), 1));

  // --- one answer written with a 50,000-entry review log ---------------------------------------
  for (const cardCount of [1_000, 5_000, 10_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-bench-store-'));
    let now = T0;
    const service = ProgressService.open(dir, { clock: fixedDayClock(() => now) });
    const deck = synthetic(cardCount);
    // Every card has a state here: the store's size is what is measured.
    const scheduler0 = new Scheduler({ desiredRetention: 0.9 });
    service.store.update((doc) => {
      for (const card of deck.index.cards) doc.cards[card.id] = deck.stored[card.id] ?? { ...scheduler0.newState(T0 - DAY_MS), state: 1, due: T0 + 600_000, lastReview: T0 - 600_000, front: card.front, topic: card.topic, suspended: false, buriedUntil: null, orphanedAt: null };
    });
    const log: Review[] = Array.from({ length: 50_000 }, (_, i) => ({ card: deck.index.cards[i % cardCount]!.id, at: T0 - 40 * DAY_MS + i * 60_000, rating: 3, state: 2, elapsedDays: 3, scheduledDays: 9, durationMs: 6000 }));
    appendEntries(service.store.journalPath('reviews'), log);
    service.reviews();
    const scheduler = service.scheduler();
    const writes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const card = deck.index.cards[i]!;
      const done = answerCard(scheduler, card, service.cards[card.id], 3, (now += 5000), 5000);
      const t0 = performance.now();
      service.apply({ kind: 'answer', card: card.id, after: done.after, review: done.review });
      writes.push(performance.now() - t0);
    }
    const t0 = performance.now();
    const entries = service.reviews().length;
    const tail = performance.now() - t0;
    report(`one answer saved, ${cardCount.toLocaleString('en-US')} cards, 50,000-entry log`, ms(median(writes)), '≤ 20 ms');
    report(`  then the log's new lines read (${entries.toLocaleString('en-US')} in all)`, ms(tail));
    rmSync(dir, { recursive: true, force: true });
  }
}
