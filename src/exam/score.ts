// Scoring a finished attempt. Multiple response is all-or-nothing (AWS does not say it gives
// partial credit, so the candidate is not led to expect it). The scaled score is an assumption,
// since AWS publishes no raw-to-scaled conversion: see scaledScore and docs/exam.md.

import type { SessionState } from './session.js';

export const SCALE = { min: 100, max: 1000 } as const;

/**
 * Piecewise linear: 0% right → 100, the profile's passing raw share → its passing score, 100% →
 * 1000. Rounded down, so a raw share below the pass mark never rounds up to a pass.
 */
export function scaledScore(rawShare: number, passingRaw: number, passingScore: number): number {
  const p = Math.min(1, Math.max(0, rawShare));
  const score = p < passingRaw ? SCALE.min + ((passingScore - SCALE.min) * p) / passingRaw : passingScore + ((SCALE.max - passingScore) * (p - passingRaw)) / (1 - passingRaw);
  // A tiny epsilon: 0.7 × 620 / 0.7 is 619.999… in floating point, and must be 620.
  return Math.min(SCALE.max, Math.floor(score + 1e-9));
}

export function isCorrect(given: readonly string[], key: readonly string[]): boolean {
  return given.length === key.length && key.every((k) => given.includes(k));
}

export interface AreaResult {
  area: string;
  correct: number;
  total: number;
  share: number;
}

export interface MissedQuestion {
  index: number;
  id: string;
  topic: string;
  area: string;
  facts: string[];
  given: string[];
  key: string[];
  unanswered: boolean;
}

export interface Pacing {
  targetSeconds: number;
  averageSeconds: number;
  /** Seconds spent on each question, in paper order. */
  perQuestion: number[];
  /** Indices of questions that took more than twice the target. */
  slow: number[];
  usedSeconds: number;
}

export interface ExamReport {
  attempt: string;
  profile: string;
  scaledScore: number;
  passingScore: number;
  passed: boolean;
  correct: number;
  scored: number;
  rawShare: number;
  answered: number;
  total: number;
  autoSubmitted: boolean;
  /** Said on screen: a multiple-response item needs every key and nothing else. */
  multipleResponse: 'all-or-nothing';
  /** Every question (scored or not: each is a chance to learn), weakest first. */
  byArea: AreaResult[];
  byTopic: AreaResult[];
  pacing: Pacing;
  missed: MissedQuestion[];
}

function tally(groups: Map<string, { correct: number; total: number }>): AreaResult[] {
  return [...groups.entries()]
    .map(([area, g]) => ({ area, correct: g.correct, total: g.total, share: g.total ? g.correct / g.total : 0 }))
    .sort((a, b) => a.share - b.share || b.total - a.total || a.area.localeCompare(b.area));
}

/** The file topic a question's topic belongs to ("sqs/fifo-queues" → "sqs"). */
function rootTopic(topic: string): string {
  return topic.split('/')[0] ?? topic;
}

export function scoreSession(s: SessionState): ExamReport {
  const unscored = new Set(s.unscored);
  let correct = 0;
  let scored = 0;
  const byArea = new Map<string, { correct: number; total: number }>();
  const byTopic = new Map<string, { correct: number; total: number }>();
  const missed: MissedQuestion[] = [];
  s.questions.forEach((q, i) => {
    const given = s.answers[i] ?? [];
    const right = isCorrect(given, q.answer);
    if (!unscored.has(i)) {
      scored++;
      if (right) correct++;
    }
    for (const [map, key] of [
      [byArea, q.area],
      [byTopic, rootTopic(q.topic)],
    ] as const) {
      const g = map.get(key) ?? { correct: 0, total: 0 };
      g.total++;
      if (right) g.correct++;
      map.set(key, g);
    }
    if (!right) missed.push({ index: i, id: q.id, topic: q.topic, area: q.area, facts: q.facts ?? [], given: [...given], key: [...q.answer], unanswered: given.length === 0 });
  });
  const rawShare = scored ? correct / scored : 0;
  const scaled = scaledScore(rawShare, s.passingRaw, s.passingScore);
  const durationSeconds = (s.deadline - s.startedAt) / 1000;
  const targetSeconds = durationSeconds / s.questions.length;
  const perQuestion = s.spentMs.map((ms) => Math.round(ms / 100) / 10);
  const usedSeconds = Math.round(((s.submittedAt ?? s.deadline) - s.startedAt) / 1000);
  return {
    attempt: s.id,
    profile: s.profile,
    scaledScore: scaled,
    passingScore: s.passingScore,
    passed: scaled >= s.passingScore,
    correct,
    scored,
    rawShare,
    answered: s.answers.filter((a) => a.length > 0).length,
    total: s.questions.length,
    autoSubmitted: s.autoSubmitted ?? false,
    multipleResponse: 'all-or-nothing',
    byArea: tally(byArea),
    byTopic: tally(byTopic),
    pacing: {
      targetSeconds: Math.round(targetSeconds * 10) / 10,
      averageSeconds: Math.round((s.spentMs.reduce((a, b) => a + b, 0) / 1000 / s.questions.length) * 10) / 10,
      perQuestion,
      slow: s.spentMs.map((ms, i) => (ms > 2 * targetSeconds * 1000 ? i : -1)).filter((i) => i >= 0),
      usedSeconds,
    },
    missed,
  };
}
