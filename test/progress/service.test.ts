import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import type { Card } from '../../src/content/model.js';
import { DAY_MS, fixedDayClock } from '../../src/progress/clock.js';
import { ProgressService, SettingsError } from '../../src/progress/service.js';
import { sessionSetup, todayCounts } from '../../src/progress/snapshot.js';
import type { Grade4 } from '../../src/srs/fsrs.js';
import { bucketOf } from '../../src/srs/queue.js';
import { answer, bury, mergedStates, nextCard, renameInSession, startSession, suspend, undo, type Session } from '../../src/srs/session.js';

const T0 = Date.UTC(2026, 10, 2);
const fresh = () => mkdtempSync(join(tmpdir(), 'shardlab-progress-'));
const card = (i: number, topic = 'kds/shards'): Card => ({ id: `kds/c${i}`, topic, front: `front ${i}`, back: `back ${i}`, kind: 'basic', source: { file: 'kds.md', line: i + 1 } });

/** A clock the test moves by hand; days are UTC days. */
function testClock(start = T0 + 9 * 3_600_000) {
  let t = start;
  const clock = fixedDayClock(() => t);
  return { clock, set: (to: number) => (t = to), advance: (ms: number) => (t += ms), get now() { return t; } };
}

describe('progress service', () => {
  it('records an answer as the card state and one review line, written together', () => {
    const dir = fresh();
    const time = testClock();
    const service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    const c = card(1);
    const done = service.answer(c, 3, { durationMs: 4200 });
    expect(service.cards[c.id]).toMatchObject({ state: 1, reps: 1, front: 'front 1', topic: 'kds/shards' });
    expect(service.reviews()).toEqual([{ card: c.id, at: time.now, rating: 3, state: 0, elapsedDays: 0, scheduledDays: 0, durationMs: 4200 }]);
    expect(done.intervalMs).toBe(10 * 60_000);
    // A second instance (the next start of the app) reads both back.
    const again = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    expect(again.cards[c.id]).toEqual(service.cards[c.id]);
    expect(again.reviews()).toHaveLength(1);
  });

  it('undo restores the previous state and marks the answer undone; the log itself is never edited', () => {
    const dir = fresh();
    const time = testClock();
    const service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    const c = card(1);
    service.answer(c, 3);
    time.advance(600_000);
    const before = service.cards[c.id];
    const second = service.answer(c, 1);
    const logBefore = readFileSync(service.store.journalPath('reviews'), 'utf8');
    service.undo(second);
    expect(service.cards[c.id]).toEqual(before);
    expect(readFileSync(service.store.journalPath('reviews'), 'utf8')).toBe(logBefore);
    expect(service.reviews().map((r) => r.rating)).toEqual([3]);
    // Undoing the first answer makes the card new again: no progress at all.
    service.undo(service.answer(card(2), 4));
    expect(service.cards[card(2).id]).toBeUndefined();
    expect(service.snapshot().newToday).toBe(1);
  });

  it('suspends, and buries until the next day starts', () => {
    const time = testClock();
    const service = ProgressService.open(fresh(), { clock: time.clock, fuzz: false });
    service.suspend(card(1));
    service.bury(card(2));
    const endOfDay = time.clock.nextDay(time.now);
    expect(service.cards[card(1).id]).toMatchObject({ suspended: true, state: 0 });
    expect(service.cards[card(2).id]).toMatchObject({ buriedUntil: endOfDay });
    expect(bucketOf(service.cards[card(2).id], time.now, endOfDay)).toBe('suspended');
    time.set(endOfDay + 1);
    expect(bucketOf(service.cards[card(2).id], time.now, time.clock.nextDay(time.now))).toBe('new');
  });

  it('counts new cards introduced today from the log, so the daily limit holds across restarts', () => {
    const dir = fresh();
    const time = testClock();
    let service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    service.setSettings({ newCardsPerDay: 3 });
    const cards = Array.from({ length: 6 }, (_, i) => card(i));
    service.answer(cards[0]!, 3);
    service.answer(cards[1]!, 3);
    service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    const snap = service.snapshot();
    expect(snap.newToday).toBe(2);
    expect(todayCounts(cards, snap)).toEqual({ due: 2, learning: 2, review: 0, new: 1 });
    time.advance(DAY_MS);
    expect(service.snapshot().newToday).toBe(0);
  });

  it('validates settings: retention in 0.7–0.99, whole new-card counts, real dates', () => {
    const service = ProgressService.open(fresh(), { clock: testClock().clock });
    expect(service.setSettings({ desiredRetention: 0.85, examDate: '2026-12-20' })).toEqual({ desiredRetention: 0.85, newCardsPerDay: 20, examDate: '2026-12-20' });
    expect(() => service.setSettings({ desiredRetention: 1.2 })).toThrow(SettingsError);
    expect(() => service.setSettings({ newCardsPerDay: 2.5 })).toThrow(SettingsError);
    expect(() => service.setSettings({ examDate: '2026-02-30' })).toThrow(/not a date/);
    expect(service.settings.desiredRetention).toBe(0.85);
  });

  it('an exam date caps every interval at the days left', () => {
    const time = testClock();
    const service = ProgressService.open(fresh(), { clock: time.clock, fuzz: false });
    service.setSettings({ examDate: time.clock.formatDay(time.now + 5 * DAY_MS) });
    const c = card(1);
    service.answer(c, 4);
    expect(service.cards[c.id]!.due - time.now).toBeLessThanOrEqual(5 * DAY_MS);
  });

  it('picks up what another running instance wrote', () => {
    const dir = fresh();
    const time = testClock();
    const a = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    const b = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    expect(a.snapshot().reviews).toHaveLength(0);
    b.answer(card(1), 3);
    const snap = a.snapshot();
    expect(snap.reviews).toHaveLength(1);
    expect(snap.cards[card(1).id]).toBeDefined();
    // Earlier snapshots keep what they were given.
    a.answer(card(2), 3);
    expect(snap.reviews).toHaveLength(1);
    expect(a.snapshot().reviews).toHaveLength(2);
  });

  it('reads a log whose last line was torn, and the lines appended after it', () => {
    const dir = fresh();
    const time = testClock();
    const service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    service.answer(card(1), 3);
    expect(service.reviews()).toHaveLength(1);
    writeFileSync(service.store.journalPath('reviews'), '{"card":"torn', { flag: 'a' });
    expect(service.reviews()).toHaveLength(1);
    service.answer(card(2), 3);
    expect(service.reviews().map((r) => r.card)).toEqual([card(1).id, card(2).id]);
    expect(service.skippedReviews()).toBe(1);
  });

  it('prunes orphaned progress and says how much', () => {
    const time = testClock();
    const service = ProgressService.open(fresh(), { clock: time.clock, fuzz: false });
    service.answer(card(1), 3);
    service.answer(card(2), 3);
    expect(service.syncCards([card(2)]).orphaned).toEqual([card(1).id]);
    expect(service.snapshot().orphans).toBe(1);
    expect(service.prune()).toEqual([card(1).id]);
    expect(service.prune()).toEqual([]);
    expect(Object.keys(service.cards)).toEqual([card(2).id]);
  });
});

/** Plays one day's session to the end, as a learner answering `grade(card)`; returns what it saw. */
function studyDay(service: ProgressService, cards: readonly Card[], time: ReturnType<typeof testClock>, grade: (id: string, s: Session) => Grade4) {
  let session = service.session(cards);
  const shown: string[] = [];
  const dueAtStart = new Set(session.review);
  for (let guard = 0; guard < 1000; guard++) {
    const next = nextCard(session, time.now);
    if (next.kind === 'done') break;
    if (next.kind === 'wait') {
      time.set(next.until);
      continue;
    }
    shown.push(next.id);
    time.advance(8_000);
    const result = answer(session, next.id, grade(next.id, session), time.now, time.now - 8_000)!;
    service.apply(result.write);
    session = result.session;
    time.advance(2_000);
  }
  return { session, shown, dueAtStart };
}

describe('a simulated 60-day study run through the service', () => {
  it('intervals grow with Good and reset with Again; each day the queue holds exactly what is due; the new limit holds', () => {
    const dir = fresh();
    const time = testClock();
    const cards = Array.from({ length: 40 }, (_, i) => card(i));
    let service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
    service.setSettings({ newCardsPerDay: 5 });
    let forgotten = false;

    for (let day = 0; day < 60; day++) {
      time.set(T0 + day * DAY_MS + 9 * 3_600_000);
      // A fresh start of the app each day: everything comes back from disk.
      service = ProgressService.open(dir, { clock: time.clock, fuzz: false });
      const endOfDay = time.clock.nextDay(time.now);
      const expectedDue = cards.filter((c) => bucketOf(service.cards[c.id], time.now, endOfDay) === 'review').map((c) => c.id);
      const { session, dueAtStart } = studyDay(service, cards, time, (id, s) => {
        const state = s.changed.get(id) ?? s.base[id];
        // The first time c0 comes up from day 30 on, the learner has forgotten it.
        if (id === 'kds/c0' && day >= 30 && state?.state === 2 && !forgotten) {
          forgotten = true;
          return 1;
        }
        return 3;
      });
      expect([...dueAtStart].sort()).toEqual(expectedDue.sort());
      // What the session believes and what is on disk agree, card for card.
      const merged = mergedStates(session);
      for (const c of cards) expect(service.cards[c.id]).toEqual(merged[c.id]);
      // The day is finished: nothing is left due before tomorrow.
      const left = todayCounts(cards, service.snapshot());
      expect(left.due + left.new).toBe(0);
      expect(service.newIntroduced(time.clock.startOfDay(time.now), endOfDay)).toBeLessThanOrEqual(5);
    }
    expect(Object.keys(service.cards)).toHaveLength(40);
    expect(forgotten).toBe(true);
    // Good after Good: each interval c5 is given is longer than the one before.
    const c5 = service.reviews().filter((r) => r.card === 'kds/c5' && r.scheduledDays > 0).map((r) => r.scheduledDays);
    expect(c5.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < c5.length; i++) expect(c5[i]!).toBeGreaterThan(c5[i - 1]!);
    // The Again on day 30 made c0 a lapse, and its next interval is short again.
    const c0 = service.cards['kds/c0']!;
    expect(c0.lapses).toBe(1);
    const c0Reviews = service.reviews().filter((r) => r.card === 'kds/c0');
    const lapse = c0Reviews.findIndex((r) => r.rating === 1 && r.state === 2);
    const beforeLapse = c0Reviews[lapse - 1]!.scheduledDays;
    const relearned = c0Reviews.slice(lapse + 1).find((r) => r.scheduledDays > 0)!;
    expect(relearned.scheduledDays).toBeLessThan(beforeLapse);
  });
});

describe('card identity through the service and a reloaded index', () => {
  it('an edited front keeps its progress, in the store and in a running session', () => {
    const notes = fresh();
    const file = join(notes, 'kds.md');
    const text = ['---', 'title: Kinesis', 'id: kds', '---', '', '## Shards', '', 'What is the write limit of one shard? :: 1 MiB/s', 'How many reads per second? :: 5', ''].join('\n');
    writeFileSync(file, text);
    const time = testClock();
    const service = ProgressService.open(fresh(), { clock: time.clock, fuzz: false });
    const index = loadContent(notes);
    service.syncCards(index.cards);
    let session = startSession(sessionSetup(service.snapshot(), index.cards, time.now));
    const first = nextCard(session, time.now);
    expect(first.kind).toBe('card');
    const id = (first as { id: string }).id;
    const answered = answer(session, id, 3, time.now)!;
    service.apply(answered.write);
    session = answered.session;

    // The instructor fixes the wording of the front (and the back) while the learner studies.
    writeFileSync(file, text.replace('What is the write limit of one shard?', 'What is the write limit of a single shard?').replace('1 MiB/s', '1 MiB/s or 1,000 records/s'));
    const reloaded = loadContent(notes);
    const sync = service.syncCards(reloaded.cards);
    const edited = reloaded.cards.find((c) => c.front.startsWith('What is the write limit of a single'))!;
    expect(sync.relinked).toEqual([{ from: id, to: edited.id, similarity: expect.any(Number) }]);
    expect(service.cards[edited.id]).toMatchObject({ reps: 1, state: 1, front: edited.front });
    expect(service.cards[id]).toBeUndefined();

    session = renameInSession(session, reloaded.cards, { [id]: edited.id });
    expect(session.learning).toEqual([edited.id]);
    time.advance(10 * 60_000);
    const next = nextCard(session, time.now);
    expect(next).toEqual({ kind: 'card', id: edited.id, from: 'learning' });
    // Undo still finds the answer under the id it was logged with.
    session = suspend(session, 'kds/none', time.now)?.session ?? session;
    const undone = undo(session)!;
    service.apply(undone.write);
    expect(service.cards[edited.id]).toBeUndefined();
    expect(service.reviews()).toEqual([]);
    expect(bury(undone.session, edited.id, time.now)?.write).toMatchObject({ kind: 'bury', card: edited.id });
  });
});
