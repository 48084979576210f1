import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEntries } from '../../src/store/journal.js';
import { withLock } from '../../src/store/lock.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { ProgressStore, StoreError } from '../../src/store/store.js';

const now = () => Date.UTC(2026, 10, 22, 12, 0, 0);
const fresh = () => mkdtempSync(join(tmpdir(), 'shardlab-store-'));
const card = (front: string) => ({ due: 0, stability: 1, difficulty: 5, state: 2, reps: 1, lapses: 0, learningSteps: 0, scheduledDays: 1, lastReview: 0, suspended: false, buriedUntil: null, front, topic: 't', orphanedAt: null });

describe('progress store', () => {
  it('starts empty, persists updates, and reads them back in a new instance', () => {
    const dir = fresh();
    const store = ProgressStore.open(dir, { now });
    expect(store.data).toEqual({ schemaVersion: SCHEMA_VERSION, settings: { desiredRetention: 0.9, newCardsPerDay: 20, examDate: null }, cards: {}, sections: {} });
    store.update((doc) => {
      doc.cards.a = card('front a');
      doc.settings.examDate = '2026-12-20';
    });
    const again = ProgressStore.open(dir, { now });
    expect(again.data.cards.a?.front).toBe('front a');
    expect(again.data.settings.examDate).toBe('2026-12-20');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a corrupt file is moved aside with one line naming the kept file, and the app starts fresh', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'progress.json'), '{"schemaVersion": 1, "cards": {');
    const messages: string[] = [];
    const store = ProgressStore.open(dir, { now, notify: (m) => messages.push(m) });
    expect(store.data.cards).toEqual({});
    const kept = join(dir, 'progress.json.corrupt-2026-11-22T12-00-00-000Z');
    expect(messages).toEqual([`shardlab: progress file is not valid JSON; kept it as ${kept} and started fresh`]);
    expect(readFileSync(kept, 'utf8')).toBe('{"schemaVersion": 1, "cards": {');
  });

  it('a file that does not match the schema is set aside too, never silently replaced', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ schemaVersion: 1, cards: { a: { due: 'soon' } } }));
    const messages: string[] = [];
    ProgressStore.open(dir, { now, notify: (m) => messages.push(m) });
    expect(messages[0]).toMatch(/does not match the progress schema \(cards\.a\.due: .*\); kept it as .*corrupt-/);
  });

  it('a file from a newer version is refused and left untouched', () => {
    const dir = fresh();
    const text = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, future: true });
    writeFileSync(join(dir, 'progress.json'), text);
    expect(() => ProgressStore.open(dir, { now })).toThrow(StoreError);
    expect(() => ProgressStore.open(dir, { now })).toThrow(/written by a newer shardlab/);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(text);
  });

  it('an older file is migrated step by step', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ schemaVersion: 0, retention: 0.85 }));
    // A hypothetical v0 kept retention at the top level; the migration moves it into settings.
    const store = ProgressStore.open(dir, {
      now,
      migrations: { 0: (doc) => ({ settings: { desiredRetention: doc.retention }, cards: {} }) },
    });
    expect(store.data.settings.desiredRetention).toBe(0.85);
    expect(store.data.schemaVersion).toBe(1);
  });

  it('journals skip a torn last line and keep every complete one, even after more appends', () => {
    const dir = fresh();
    const store = ProgressStore.open(dir, { now });
    store.append('reviews', [{ card: 'a', at: 1, rating: 3, state: 0, elapsedDays: 0, scheduledDays: 1 }]);
    appendFileSync(store.journalPath('reviews'), '{"card":"b","at":2,"rat');
    store.append('reviews', [{ card: 'c', at: 3, rating: 1, state: 2, elapsedDays: 4, scheduledDays: 1 }]);
    const read = store.reviews();
    expect(read.entries.map((r) => r.card)).toEqual(['a', 'c']);
    expect(read.skipped).toBe(1);
  });

  it('journal lines whose checksum does not match are skipped', () => {
    const dir = fresh();
    const store = ProgressStore.open(dir, { now });
    store.append('answers', [{ q: 1 }, { q: 2 }]);
    const path = store.journalPath('answers');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"q":1', '"q":9'));
    expect(readEntries(path, (v) => v)).toEqual({ entries: [{ q: 2 }], skipped: 1 });
  });

  it('breaks a stale lock left by a process that is gone, and times out on a live one', () => {
    const dir = fresh();
    const lock = join(dir, 'progress.lock');
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, at: now() }));
    expect(withLock(lock, { now }, () => 'ran')).toBe('ran');
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, at: now() }));
    let t = now();
    expect(() => withLock(lock, { now: () => (t += 100), timeoutMs: 1000, sleep: () => {} }, () => 'never')).toThrow(/another shardlab is holding/);
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, at: now() - 60_000 }));
    expect(withLock(lock, { now }, () => 'stale by age')).toBe('stale by age');
  });
});
