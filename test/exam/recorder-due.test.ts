// A finished attempt makes the studied flashcards on its misses due in the write that records
// it: once, with the cards kept in the journal entry; new, suspended and unknown cards stay.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/exam/profile.js';
import { ExamRecorder } from '../../src/exam/recorder.js';
import { startSession } from '../../src/exam/session.js';
import type { CardState } from '../../src/store/schema.js';
import { ProgressStore } from '../../src/store/store.js';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

const card = (over: Partial<CardState>): CardState => ({ due: T0 + 10 * DAY, stability: 5, difficulty: 5, state: 2, reps: 3, lapses: 0, learningSteps: 0, scheduledDays: 10, lastReview: T0 - DAY, suspended: false, buriedUntil: null, front: 'f', topic: 'sqs', orphanedAt: null, ...over });

describe('recorder: misses make their cards due', () => {
  it('makes studied cards due at the submit time, once, and journals which', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-exam-due-'));
    const store = ProgressStore.open(dir, { now: () => T0 });
    store.update((doc) => {
      doc.cards.studied = card({});
      doc.cards.fresh = card({ state: 0 });
      doc.cards.suspended = card({ suspended: true });
    });
    const sprint = BUILTIN_PROFILES.find((p) => p.id === 'sprint')!;
    const q = { id: 'q', kind: 'authored' as const, type: 'single' as const, stem: 's', options: [{ id: 'a', text: 'a' }, { id: 'b', text: 'b' }], answer: ['a'], explanation: 'e', topic: 'sqs', sources: [], distractors: [], area: 'D1' };
    const exam = { profile: sprint, seed: 1, questions: [q], unscored: [], durationSeconds: 60, coverage: { buckets: [], missing: [], unknownTopics: [], summary: '' }, short: 0 };
    const rec = new ExamRecorder(store);
    let s = rec.start(startSession(exam, T0));
    s = rec.dispatch(s, { type: 'submit', at: T0 + 1000 }).state;
    const done = rec.dispatch(s, { type: 'confirm', at: T0 + 2000 }, () => ['studied', 'fresh', 'suspended', 'gone', 'studied']);
    expect(done.due).toEqual(['studied']);
    const cards = store.refresh().cards;
    expect(cards.studied!.due).toBe(T0 + 2000);
    expect(cards.fresh!.due).toBe(T0 + 10 * DAY);
    expect(cards.suspended!.due).toBe(T0 + 10 * DAY);
    expect(rec.attempts().entries.map((e) => e.due)).toEqual([['studied']]);
    // The attempt is over: the same confirm again changes nothing and records nothing.
    expect(rec.dispatch(done.state, { type: 'confirm', at: T0 + 3000 }, () => ['studied']).report).toBeUndefined();
    expect(rec.attempts().entries).toHaveLength(1);
  });
});
