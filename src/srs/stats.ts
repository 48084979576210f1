import type { Card, Topic } from '../content/model.js';
import type { CardState, Review } from '../store/schema.js';
import { bucketOf } from './queue.js';

// The Progress screen's figures, from the review log and the stored states. Days are the
// learner's local days: the caller passes the start of today, so this module reads no clock.

const DAY_MS = 86_400_000;
/** Anki's line between young and mature cards. */
const MATURE_DAYS = 21;

export interface ProgressStats {
  reviewsPerDay: { day: number; reviews: number }[];
  dueForecast: { day: number; due: number }[];
  /** Share of answers to cards in review that were not Again, over the last 30 days (null: none). */
  trueRetention: number | null;
  streakDays: number;
  topics: { id: string; title: string; cards: number; new: number; learning: number; young: number; mature: number; suspended: number }[];
}

export function progressStats(o: {
  topics: readonly Topic[];
  cards: readonly Card[];
  stored: Readonly<Record<string, CardState>>;
  reviews: readonly Review[];
  startOfToday: number;
  now: number;
  days?: number;
}): ProgressStats {
  const days = o.days ?? 30;
  const dayIndex = (t: number) => Math.floor((t - o.startOfToday) / DAY_MS);

  const perDay = new Array<number>(days).fill(0);
  let retained = 0;
  let reviewed = 0;
  const activeDays = new Set<number>();
  for (const r of o.reviews) {
    const d = dayIndex(r.at);
    activeDays.add(d);
    if (d > -days && d <= 0) {
      perDay[days - 1 + d]!++;
      if (r.state === 2) {
        reviewed++;
        if (r.rating > 1) retained++;
      }
    }
  }
  let streakDays = 0;
  // Today counts once studied; a streak still running from yesterday is not broken before then.
  for (let d = activeDays.has(0) ? 0 : -1; activeDays.has(d); d--) streakDays++;

  const forecast = new Array<number>(days).fill(0);
  for (const card of o.cards) {
    const s = o.stored[card.id];
    if (!s || s.state === 0 || s.suspended) continue;
    const d = Math.max(0, dayIndex(s.due));
    if (d < days) forecast[d]!++;
  }

  const byTopic = new Map<string, ProgressStats['topics'][number]>();
  const fileOf = new Map<string, Topic>();
  const index = (t: Topic, root: Topic) => {
    fileOf.set(t.id, root);
    t.children.forEach((c) => index(c, root));
  };
  o.topics.forEach((t) => index(t, t));
  for (const t of o.topics) byTopic.set(t.id, { id: t.id, title: t.title, cards: 0, new: 0, learning: 0, young: 0, mature: 0, suspended: 0 });
  for (const card of o.cards) {
    const root = fileOf.get(card.topic);
    const row = root && byTopic.get(root.id);
    if (!row) continue;
    row.cards++;
    const s = o.stored[card.id];
    const bucket = bucketOf(s, o.now, o.now);
    if (bucket === 'suspended') row.suspended++;
    else if (!s || s.state === 0) row.new++;
    else if (s.state === 1 || s.state === 3) row.learning++;
    else if (s.scheduledDays >= MATURE_DAYS) row.mature++;
    else row.young++;
  }

  return {
    reviewsPerDay: perDay.map((reviews, i) => ({ day: i - (days - 1), reviews })),
    dueForecast: forecast.map((due, day) => ({ day, due })),
    trueRetention: reviewed ? retained / reviewed : null,
    streakDays,
    topics: [...byTopic.values()].filter((t) => t.cards > 0),
  };
}
