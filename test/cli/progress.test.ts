import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localClock } from '../../src/cli/clock.js';
import { main } from '../../src/cli/program.js';
import { loadContent } from '../../src/content/loader.js';
import { ProgressService } from '../../src/progress/service.js';

const notes = join(import.meta.dirname, '..', 'e2e', 'fixtures');
let out = '';
let err = '';
let dir = '';
let home = '';
beforeEach(() => {
  out = '';
  err = '';
  dir = mkdtempSync(join(tmpdir(), 'shardlab-progress-cli-'));
  home = join(dir, 'home');
  process.env.SHARDLAB_HOME = home;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());
const run = (...argv: string[]) => main(['--content', notes, ...argv], { stdinIsTTY: false, stdoutIsTTY: false });

/** Answers every card of the fixture notes Good, as a review session would. */
function studyAll(): void {
  const service = ProgressService.open(home, { clock: localClock() });
  for (const card of loadContent(notes).cards) service.answer(card, 3, { durationMs: 5000 });
}

describe('shardlab progress', () => {
  it('--json: today, settings, 30 days of reviews and forecast, retention, streak, exam, topics', async () => {
    studyAll();
    expect(await run('progress', '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['date', 'today', 'settings', 'reviewsPerDay', 'dueForecast', 'trueRetention', 'streakDays', 'exam', 'topics', 'cards', 'reviews']);
    expect(doc.today).toEqual({ due: 3, learning: 3, review: 0, new: 0, answers: 3, newIntroduced: 3 });
    expect(doc.settings).toEqual({ desiredRetention: 0.9, newCardsPerDay: 20, examDate: null });
    expect(doc.reviewsPerDay).toHaveLength(30);
    expect(doc.reviewsPerDay.at(-1)).toEqual({ date: doc.date, reviews: 3 });
    expect(doc.dueForecast[0]).toEqual({ date: doc.date, due: 3 });
    expect(doc.streakDays).toBe(1);
    expect(doc.exam).toBeNull();
    expect(doc.topics).toEqual([
      { id: 'kinesis', title: 'Kinesis Data Streams', cards: 2, new: 0, learning: 2, young: 0, mature: 0, suspended: 0 },
      { id: 'sqs', title: 'Amazon SQS', cards: 1, new: 0, learning: 1, young: 0, mature: 0, suspended: 0 },
    ]);
    expect(doc.cards).toEqual({ total: 3, studied: 3, orphans: 0 });
    expect(doc.reviews).toEqual({ total: 3, unreadable: 0 });
    expect(err).toBe('');
  });

  it('prints the report with its charts', async () => {
    studyAll();
    expect(await run('progress')).toBe(0);
    expect(out).toContain('Reviews per day, last 30 days (3 answers)');
    expect(out).toMatch(/3 ┤ +█/);
    expect(out).toContain('Streak       1 day');
    expect(out).toMatch(/Kinesis Data Streams +2 +0 +2 +0 +0 +0/);
    expect(out).toContain('Settings: desired retention 0.90 · 20 new cards a day · exam date none');
  });

  it('sets the exam date, retention and new cards a day; the exam outlook then shows', async () => {
    const next = localClock().formatDay(Date.now() + 40 * 86_400_000);
    expect(await run('progress', '--exam-date', next, '--retention', '92%', '--new-per-day', '7')).toBe(0);
    expect(out).toBe(`Settings: desired retention 0.92 · 7 new cards a day · exam date ${next}\n`);
    out = '';
    expect(await run('progress', '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.settings).toEqual({ desiredRetention: 0.92, newCardsPerDay: 7, examDate: next });
    expect(doc.exam).toMatchObject({ date: next, passed: false, daysLeft: 40, predictedRecall: 0 });
    expect(doc.exam.reviewsPerDay).toBeGreaterThan(0);
    out = '';
    expect(await run('progress', '--exam-date', 'none', '--json')).toBe(0);
    expect(JSON.parse(out).settings.examDate).toBeNull();
  });

  it('refuses bad values with one line and exit 2, changing nothing', async () => {
    for (const args of [
      ['--retention', '1.5'],
      ['--retention', 'high'],
      ['--new-per-day', '-3'],
      ['--new-per-day', '2.5'],
      ['--exam-date', '2026-02-30'],
      ['--exam-date', 'next week'],
      ['--exam-date', '2001-01-01'],
    ]) {
      err = '';
      expect(await run('progress', ...args), args.join(' ')).toBe(2);
      expect(err.split('\n').filter(Boolean), args.join(' ')).toHaveLength(1);
      expect(err).toMatch(/^shardlab: --/);
    }
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    expect(await run('progress', 'bogus')).toBe(2);
  });

  it('prune removes the progress of cards no longer in the notes and says how many', async () => {
    const copy = join(dir, 'notes');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(copy);
    for (const f of ['kinesis.md', 'sqs.md']) copyFileSync(join(notes, f), join(copy, f));
    const service = ProgressService.open(home, { clock: localClock() });
    for (const card of loadContent(copy).cards) service.answer(card, 3);
    writeFileSync(join(copy, 'sqs.md'), readFileSync(join(copy, 'sqs.md'), 'utf8').replace('Default visibility timeout? :: 30 seconds', ''));
    const prune = (...argv: string[]) => main(['--content', copy, ...argv], { stdinIsTTY: false, stdoutIsTTY: false });
    expect(await prune('progress', 'prune')).toBe(0);
    expect(out).toBe('Removed the progress of 1 card no longer in the notes.\n');
    out = '';
    expect(await prune('progress', 'prune', '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual({ removed: 0, cards: [] });
  });

  it('unsuspend brings suspended cards back, all or those under a topic', async () => {
    const service = ProgressService.open(home, { clock: localClock() });
    for (const card of loadContent(notes).cards) service.suspend(card);
    expect(await run('progress', 'unsuspend', '--topic', 'sqs')).toBe(0);
    expect(out).toBe('Unsuspended 1 card: back in the queues from now on.\n');
    out = '';
    expect(await run('progress', 'unsuspend', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ unsuspended: 2 });
    out = '';
    expect(await run('progress', 'unsuspend')).toBe(0);
    expect(out).toBe('No suspended cards.\n');
  });

  it('a progress file from a newer shardlab: one line, exit 2, the file untouched', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(home, { recursive: true });
    const text = JSON.stringify({ schemaVersion: 99 });
    writeFileSync(join(home, 'progress.json'), text);
    expect(await run('progress')).toBe(2);
    expect(err).toMatch(/^shardlab: .*progress\.json was written by a newer shardlab \(schema 99; this one knows 1\)\. Update shardlab; the file was left untouched\.\n$/);
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe(text);
  });

  it('a corrupt progress file is set aside with one line and the command goes on', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'progress.json'), '{"schemaVersion": 1, "cards": {');
    expect(await run('progress', '--json')).toBe(0);
    expect(err).toMatch(/^shardlab: progress file is not valid JSON; kept it as .*progress\.json\.corrupt-[^ ]+ and started fresh\n$/);
    expect(JSON.parse(out).today.new).toBe(3);
  });
});

describe('shardlab review without a terminal', () => {
  it('prints what is due and how to review, exit 0', async () => {
    expect(await run('review')).toBe(0);
    expect(out).toBe('0 due (0 learning, 0 review) · 3 new today in all decks; reviewing needs a terminal: run shardlab review in one.\n');
    out = '';
    studyAll();
    expect(await run('review', '--deck', 'Amazon SQS')).toBe(0);
    expect(out).toMatch(/^1 due \(1 learning, 0 review\) · 0 new today in Amazon SQS;/);
  });

  it('an unknown deck is bad usage', async () => {
    expect(await run('review', '--deck', 'nope')).toBe(2);
    expect(err).toBe('shardlab: no deck (topic) "nope" (see: shardlab topics)\n');
  });
});

describe('shardlab export', () => {
  it('anki: the text import with its headers; never replaces a file without --force', async () => {
    const file = join(dir, 'cards.txt');
    expect(await run('export', 'anki', file)).toBe(0);
    expect(out).toContain(`Wrote 3 cards to ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').slice(0, 5)).toEqual(['#separator:tab', '#html:true', '#deck column:3', '#tags column:4', '#notetype:Basic']);
    expect(text).toContain('What is the write limit of one shard?\t1 MiB/s or 1,000 records/s\tshardlab::Kinesis Data Streams::Shards\t');
    writeFileSync(file, 'mine');
    expect(await run('export', 'anki', file)).toBe(2);
    expect(err).toBe(`shardlab: ${file} already exists; add --force to replace it\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(await run('export', 'anki', file, '--force')).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('revlog: the FSRS optimizer CSV of the review log', async () => {
    studyAll();
    const file = join(dir, 'revlog.csv');
    expect(await run('export', 'revlog', file)).toBe(0);
    expect(out).toContain(`Wrote 3 reviews of 3 cards to ${file}`);
    const rows = readFileSync(file, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,elapsed_days');
    expect(rows.slice(1).map((r) => r.split(',').filter((_, i) => i !== 1))).toEqual([
      ['1', '3', '0', '5000', '0'],
      ['2', '3', '0', '5000', '0'],
      ['3', '3', '0', '5000', '0'],
    ]);
  });

  it('a missing folder or a folder as the file is bad usage', async () => {
    expect(await run('export', 'anki', join(dir, 'no', 'such', 'x.txt'))).toBe(2);
    expect(err).toMatch(/^shardlab: no folder /);
    err = '';
    expect(await run('export', 'revlog', dir)).toBe(2);
    expect(err).toMatch(/is a folder; give a file name\n$/);
  });
});

describe('help', () => {
  it('every new command has --help', async () => {
    for (const args of [['review'], ['progress'], ['progress', 'prune'], ['progress', 'unsuspend'], ['export'], ['export', 'anki'], ['export', 'revlog']]) {
      out = '';
      expect(await run(...args, '--help'), args.join(' ')).toBe(0);
      expect(out, args.join(' ')).toMatch(/^Usage: shardlab /);
    }
  });
});
