// The timed session as a pure reducer: every action carries the time it happened (`at`, epoch
// ms from an injected clock), so the countdown, auto-submit and time per question are testable
// and replayable. There is no pause action, as in the real exam. The state is plain data that
// the exam recorder stores after every change, so a crash resumes with the real time left.

import { z } from 'zod';
import type { Exam } from './assemble.js';

const sourceSchema = z.object({ file: z.string(), line: z.number().int().min(1) });

export const examQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(['recall', 'cloze', 'calc', 'compare', 'authored']),
  type: z.enum(['single', 'multiple']),
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })).min(2),
  answer: z.array(z.string()).min(1),
  explanation: z.string(),
  topic: z.string(),
  area: z.string(),
  sources: z.array(sourceSchema),
  distractors: z.array(z.object({ optionId: z.string(), why: z.string() })),
  facts: z.array(z.string()).optional(),
});

export type StoredQuestion = z.output<typeof examQuestionSchema>;

export const sessionSchema = z
  .object({
    id: z.string(),
    profile: z.string(),
    title: z.string(),
    seed: z.number().int(),
    startedAt: z.number(),
    deadline: z.number(),
    passingScore: z.number().int(),
    passingRaw: z.number().gt(0).lt(1),
    questions: z.array(examQuestionSchema).min(1),
    unscored: z.array(z.number().int().min(0)),
    answers: z.array(z.array(z.string())),
    flagged: z.array(z.boolean()),
    /** Time spent on each question so far, in ms. */
    spentMs: z.array(z.number().min(0)),
    current: z.number().int().min(0),
    /** When the current question was shown (its time is added when the candidate leaves it). */
    enteredAt: z.number(),
    view: z.enum(['question', 'grid', 'confirm']),
    phase: z.enum(['running', 'finished']),
    submittedAt: z.number().optional(),
    autoSubmitted: z.boolean().optional(),
  })
  .refine((s) => [s.answers, s.flagged, s.spentMs].every((a) => a.length === s.questions.length), 'answers, flags and times must have one entry per question')
  .refine((s) => s.current < s.questions.length, 'current question out of range')
  .refine((s) => s.unscored.every((i) => i < s.questions.length), 'unscored index out of range');

export type SessionState = z.output<typeof sessionSchema>;

export type SessionAction =
  | { type: 'answer'; at: number; /** 1-based, as the number keys. */ key: number }
  | { type: 'clear'; at: number }
  | { type: 'next'; at: number }
  | { type: 'prev'; at: number }
  | { type: 'jump'; at: number; index: number }
  | { type: 'flag'; at: number }
  | { type: 'grid'; at: number }
  | { type: 'back'; at: number }
  | { type: 'submit'; at: number }
  | { type: 'confirm'; at: number }
  | { type: 'tick'; at: number };

export function startSession(exam: Exam, at: number): SessionState {
  const n = exam.questions.length;
  return {
    id: `${exam.profile.id}-${at}-${exam.seed}`,
    profile: exam.profile.id,
    title: exam.profile.title,
    seed: exam.seed,
    startedAt: at,
    deadline: at + exam.durationSeconds * 1000,
    passingScore: exam.profile.passingScore,
    passingRaw: exam.profile.passingRaw,
    questions: exam.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      type: q.type,
      stem: q.stem,
      options: q.options.map((o) => ({ id: o.id, text: o.text })),
      answer: [...q.answer],
      explanation: q.explanation,
      topic: q.topic,
      area: q.area,
      sources: q.sources.map((s) => ({ file: s.file, line: s.line })),
      distractors: q.distractors.map((d) => ({ optionId: d.optionId, why: d.why })),
      ...(q.facts ? { facts: [...q.facts] } : {}),
    })),
    unscored: [...exam.unscored],
    answers: Array.from({ length: n }, () => []),
    flagged: Array.from({ length: n }, () => false),
    spentMs: Array.from({ length: n }, () => 0),
    current: 0,
    enteredAt: at,
    view: 'question',
    phase: 'running',
  };
}

/** The current question's time, counted up to `at` (never past the deadline). */
function settle(s: SessionState, at: number): SessionState {
  const until = Math.min(at, s.deadline);
  const spentMs = [...s.spentMs];
  spentMs[s.current] = (spentMs[s.current] ?? 0) + Math.max(0, until - s.enteredAt);
  return { ...s, spentMs, enteredAt: Math.max(s.enteredAt, until) };
}

function finish(s: SessionState, at: number, auto: boolean): SessionState {
  const settled = settle(s, at);
  return { ...settled, phase: 'finished', view: 'question', submittedAt: Math.min(at, s.deadline), autoSubmitted: auto };
}

function moveTo(s: SessionState, index: number, at: number): SessionState {
  if (index < 0 || index >= s.questions.length) return s;
  if (index === s.current) return s.view === 'question' ? s : { ...s, view: 'question' };
  return { ...settle(s, at), current: index, view: 'question' };
}

export function reduceSession(s: SessionState, action: SessionAction): SessionState {
  if (s.phase === 'finished') return s;
  // Whatever the candidate pressed, once the clock has run out the paper is handed in as it was.
  if (action.at >= s.deadline) return finish(s, s.deadline, true);
  switch (action.type) {
    case 'tick':
      return s;
    case 'answer': {
      const q = s.questions[s.current]!;
      const option = q.options[action.key - 1];
      if (!option || s.view !== 'question') return s;
      const answers = [...s.answers];
      const now = answers[s.current] ?? [];
      answers[s.current] = q.type === 'single' ? [option.id] : now.includes(option.id) ? now.filter((id) => id !== option.id) : [...now, option.id].sort();
      return { ...s, answers };
    }
    case 'clear': {
      const answers = [...s.answers];
      answers[s.current] = [];
      return { ...s, answers };
    }
    case 'next':
      return moveTo(s, s.current + 1, action.at);
    case 'prev':
      return moveTo(s, s.current - 1, action.at);
    case 'jump':
      return moveTo(s, action.index, action.at);
    case 'flag': {
      const flagged = [...s.flagged];
      flagged[s.current] = !flagged[s.current];
      return { ...s, flagged };
    }
    case 'grid':
      return { ...s, view: 'grid' };
    case 'back':
      return s.view === 'question' ? s : { ...s, view: 'question' };
    case 'submit':
      return { ...s, view: 'confirm' };
    case 'confirm':
      return s.view === 'confirm' ? finish(s, action.at, false) : s;
  }
}

// --- what the screen shows ---------------------------------------------------------------------

export function timeLeftMs(s: SessionState, now: number): number {
  if (s.phase === 'finished') return 0;
  return Math.max(0, s.deadline - now);
}

export function isAnswered(s: SessionState, i: number): boolean {
  return (s.answers[i]?.length ?? 0) > 0;
}

export interface GridCell {
  index: number;
  answered: boolean;
  flagged: boolean;
  current: boolean;
}

/** The review grid: one cell per question, as the real exam's review screen lists them. */
export function reviewGrid(s: SessionState): GridCell[] {
  return s.questions.map((_, i) => ({ index: i, answered: isAnswered(s, i), flagged: s.flagged[i] ?? false, current: i === s.current }));
}

/** Question numbers (0-based) still unanswered: what the submit confirmation lists. */
export function unansweredIndices(s: SessionState): number[] {
  return s.questions.map((_, i) => i).filter((i) => !isAnswered(s, i));
}

export interface SessionStatus {
  id: string;
  profile: string;
  title: string;
  phase: SessionState['phase'];
  secondsLeft: number;
  answered: number;
  flagged: number;
  total: number;
  current: number;
}

export function sessionStatus(s: SessionState, now: number): SessionStatus {
  return {
    id: s.id,
    profile: s.profile,
    title: s.title,
    phase: s.phase,
    secondsLeft: Math.ceil(timeLeftMs(s, now) / 1000),
    answered: s.questions.length - unansweredIndices(s).length,
    flagged: s.flagged.filter(Boolean).length,
    total: s.questions.length,
    current: s.current + 1,
  };
}
