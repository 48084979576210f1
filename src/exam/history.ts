// Past attempts as the history command and screen show them: one row per attempt in the order
// taken, and for each topic its share right across the attempts that asked about it.

import type { AttemptRecord } from './recorder.js';
import type { AreaResult } from './score.js';

export interface AttemptSummary {
  attempt: string;
  profile: string;
  title: string;
  /** When it was handed in (epoch ms). */
  at: number;
  scaledScore: number;
  passingScore: number;
  passed: boolean;
  correct: number;
  scored: number;
  autoSubmitted: boolean;
  byTopic: { topic: string; correct: number; total: number }[];
  byArea: { area: string; correct: number; total: number }[];
  /** Flashcards its misses made due. */
  due: number;
}

export function summarize(record: AttemptRecord): AttemptSummary {
  const { session: s, report: r } = record;
  // The journal's schema insists only on the headline fields; a breakdown may be missing.
  const rows = (list: readonly AreaResult[] | undefined) => (list ?? []).map((row) => ({ name: row.area, correct: row.correct, total: row.total }));
  return {
    attempt: s.id,
    profile: s.profile,
    title: s.title,
    at: s.submittedAt ?? s.deadline,
    scaledScore: r.scaledScore,
    passingScore: r.passingScore ?? s.passingScore,
    passed: r.passed,
    correct: r.correct,
    scored: r.scored,
    autoSubmitted: r.autoSubmitted ?? false,
    byTopic: rows(r.byTopic).map(({ name, ...t }) => ({ topic: name, ...t })),
    byArea: rows(r.byArea).map(({ name, ...t }) => ({ area: name, ...t })),
    due: record.due?.length ?? 0,
  };
}

/** Attempts oldest first. */
export function attemptHistory(records: readonly AttemptRecord[]): AttemptSummary[] {
  return records.map(summarize).sort((a, b) => a.at - b.at);
}

export interface TopicTrend {
  topic: string;
  /** Share right in each attempt, oldest first; null where the attempt asked nothing on it. */
  shares: (number | null)[];
  latest: number;
}

/** Per topic, its share right attempt by attempt; weakest latest share first. */
export function topicTrends(history: readonly AttemptSummary[]): TopicTrend[] {
  const topics = new Map<string, (number | null)[]>();
  history.forEach((a, i) => {
    for (const t of a.byTopic) {
      const shares = topics.get(t.topic) ?? Array.from({ length: history.length }, () => null);
      shares[i] = t.total ? t.correct / t.total : 0;
      topics.set(t.topic, shares);
    }
  });
  return [...topics.entries()]
    .map(([topic, shares]) => ({ topic, shares, latest: [...shares].reverse().find((x): x is number => x !== null) ?? 0 }))
    .sort((a, b) => a.latest - b.latest || a.topic.localeCompare(b.topic));
}
