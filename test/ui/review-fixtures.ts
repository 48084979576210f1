// A content index with enough flashcards for review sessions, and progress snapshots made by
// hand: reducer tests need no store and no clock, only the times they pass in.
import type { Card, ContentIndex } from '../../src/content/model.js';
import type { ProgressSnapshot } from '../../src/progress/snapshot.js';
import { Scheduler } from '../../src/srs/fsrs.js';
import type { CardState } from '../../src/store/schema.js';
import { fixtureIndex, fixtureTopic } from './fixtures.js';

export const DAY = 86_400_000;
/** 09:00 UTC on a Monday; days are UTC days. */
export const T0 = Date.UTC(2026, 10, 2, 9);
export const DAY_START = Date.UTC(2026, 10, 2);

function card(topicTitle: string, n: number, line: number, front = `Question ${n}?`, back = `Answer ${n}`): Card {
  const topic = fixtureTopic(topicTitle);
  return { id: `${topic.id}#c${n}`, topic: topic.id, front, back, kind: 'basic', source: { file: topic.file, line } };
}

/**
 * Six cards: four under Kinesis (two of them a card and its reverse, written on one line) and two
 * under SQS, each on its own line otherwise.
 */
export function reviewIndex(): ContentIndex {
  const index = structuredClone(fixtureIndex());
  const cards: Card[] = [
    card('Shards and throughput', 1, 20, 'What is the write limit of one shard?', '1 MiB/s or 1,000 records/s'),
    card('Shards and throughput', 2, 21, 'How many GetRecords calls per second per shard?', '5'),
    { ...card('Hot shards', 3, 30, 'What makes a shard hot?', 'A low-cardinality partition key'), kind: 'reversed' },
    { ...card('Hot shards', 4, 30, 'A low-cardinality partition key', 'What makes a shard hot?'), kind: 'reversed' },
    card('Visibility timeout', 5, 12, 'Default visibility timeout?', '30 seconds'),
    card('FIFO queues', 6, 14, 'What orders messages in a FIFO queue?', 'The message group ID'),
  ];
  for (const f of index.files) f.cards = cards.filter((c) => c.source.file === f.file);
  index.cards = index.files.flatMap((f) => f.cards);
  return index;
}

export function snapshot(over: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    now: T0,
    startOfDay: DAY_START,
    endOfDay: DAY_START + DAY,
    settings: { desiredRetention: 0.9, newCardsPerDay: 20, examDate: null },
    examAt: null,
    cards: {},
    reviews: [],
    newToday: 0,
    reviewsToday: 0,
    orphans: 0,
    fuzz: false,
    ...over,
  };
}

/** A card in review, last studied `ago` ms before T0 with the given stability, due at `due`. */
export function reviewState(c: Card, o: { due: number; stability: number; ago: number }): CardState {
  const base = new Scheduler({ desiredRetention: 0.9 }).newState(T0 - o.ago);
  return { ...base, state: 2, due: o.due, stability: o.stability, difficulty: 5, reps: 3, scheduledDays: Math.round(o.ago / DAY), lastReview: T0 - o.ago, front: c.front, topic: c.topic, suspended: false, buriedUntil: null, orphanedAt: null };
}
