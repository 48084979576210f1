import type { Card, Topic } from '../content/model.js';
import type { CardState } from '../store/schema.js';

// What to study now. Learning cards first (they are minutes from forgetting), then due reviews,
// then new cards up to the day's limit. With an exam date, reviews come in order of how likely
// they are to be forgotten by exam day; otherwise in order of due time.

export interface QueueOptions {
  now: number;
  /** End of the learner's current day (local midnight), passed in: domain code reads no clock. */
  endOfDay: number;
  newCardsPerDay: number;
  /** New cards already introduced today (from the review log). */
  newIntroducedToday: number;
  /** Restrict to these topic ids (a deck and its subtopics). */
  topics?: ReadonlySet<string>;
  /** Probability of recall on exam day, when an exam date is set: lower comes first. */
  riskAtExam?: (state: CardState) => number;
}

export interface Queue {
  learning: Card[];
  review: Card[];
  fresh: Card[];
}

export type Bucket = 'new' | 'learning' | 'review' | 'later' | 'suspended';

export function bucketOf(state: CardState | undefined, now: number, endOfDay: number): Bucket {
  if (state && (state.suspended || (state.buriedUntil !== null && state.buriedUntil > now))) return 'suspended';
  if (!state || state.state === 0) return 'new';
  if (state.state === 1 || state.state === 3) return state.due <= endOfDay ? 'learning' : 'later';
  return state.due <= endOfDay ? 'review' : 'later';
}

export function buildQueue(cards: readonly Card[], stored: Readonly<Record<string, CardState>>, o: QueueOptions): Queue {
  const queue: Queue = { learning: [], review: [], fresh: [] };
  for (const card of cards) {
    if (o.topics && !o.topics.has(card.topic)) continue;
    const state = stored[card.id];
    const bucket = bucketOf(state, o.now, o.endOfDay);
    if (bucket === 'learning') queue.learning.push(card);
    else if (bucket === 'review') queue.review.push(card);
    else if (bucket === 'new') queue.fresh.push(card);
  }
  queue.learning.sort((a, b) => stored[a.id]!.due - stored[b.id]!.due);
  if (o.riskAtExam) {
    const risk = new Map(queue.review.map((c) => [c.id, o.riskAtExam!(stored[c.id]!)]));
    queue.review.sort((a, b) => risk.get(a.id)! - risk.get(b.id)! || stored[a.id]!.due - stored[b.id]!.due);
  } else {
    queue.review.sort((a, b) => stored[a.id]!.due - stored[b.id]!.due);
  }
  queue.fresh = queue.fresh.slice(0, Math.max(0, o.newCardsPerDay - o.newIntroducedToday));
  return queue;
}

export interface DeckCounts {
  new: number;
  learning: number;
  due: number;
  total: number;
}

/** Counts per topic, each including its whole subtree: what the deck list shows. */
export function deckCounts(topics: readonly Topic[], cards: readonly Card[], stored: Readonly<Record<string, CardState>>, now: number, endOfDay: number): Map<string, DeckCounts> {
  const own = new Map<string, DeckCounts>();
  for (const card of cards) {
    let c = own.get(card.topic);
    if (!c) own.set(card.topic, (c = { new: 0, learning: 0, due: 0, total: 0 }));
    c.total++;
    const bucket = bucketOf(stored[card.id], now, endOfDay);
    if (bucket === 'new') c.new++;
    else if (bucket === 'learning') c.learning++;
    else if (bucket === 'review') c.due++;
  }
  const out = new Map<string, DeckCounts>();
  const walk = (t: Topic): DeckCounts => {
    const sum = { ...(own.get(t.id) ?? { new: 0, learning: 0, due: 0, total: 0 }) };
    for (const child of t.children) {
      const c = walk(child);
      sum.new += c.new;
      sum.learning += c.learning;
      sum.due += c.due;
      sum.total += c.total;
    }
    out.set(t.id, sum);
    return sum;
  };
  topics.forEach(walk);
  return out;
}
