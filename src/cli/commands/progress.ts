import { sandboxRunner } from '../../labs/sandbox/index.js';
import { labsPort } from './lab-port.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { findTopic, topicSubtreeIds } from '../../content/stats.js';
import { watchContent } from '../../content/watch.js';
import { DAY_MS } from '../../progress/clock.js';
import { examLine, progressFigures, reportSections } from '../../progress/report.js';
import { ProgressService, SettingsError } from '../../progress/service.js';
import { todayCounts } from '../../progress/snapshot.js';
import { ankiText, revlogCsv } from '../../srs/export.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { LockTimeoutError } from '../../store/lock.js';
import type { Settings } from '../../store/schema.js';
import { StoreError } from '../../store/store.js';
import type { Launch } from '../../ui/router/state.js';
import { localClock } from '../clock.js';
import { type Context, VERSION } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { examPort } from './exam-port.js';
import { printJson } from '../serialize.js';

// Flashcard commands: `review` (the app on the Review screen), `progress` (the report, settings,
// prune) and `export` (Anki text, the FSRS optimizer's review log). All go through the one
// ProgressService, with the learner's local days.

export interface CommandDeps {
  ctx: () => Context;
  io: { stdinIsTTY: boolean; stdoutIsTTY: boolean };
  result: { code: number; run?: () => Promise<number> };
}

/**
 * The progress in the data dir, its cards in step with the notes. A file from a newer shardlab,
 * or a lock held by a stuck instance, is bad input: one line and exit 2, never a stack trace.
 */
export function openProgress(c: Context): ProgressService {
  try {
    const service = ProgressService.open(c.dataDir, { clock: localClock(), notify: (m) => process.stderr.write(`${m}\n`) });
    service.syncCards(c.index().cards);
    return service;
  } catch (error) {
    if (error instanceof StoreError || error instanceof LockTimeoutError) throw new UsageError(error.message);
    throw error;
  }
}

/** Runs the app with progress, optionally opened on a screen above Home. */
export function appRunner(c: Context, launch?: Launch): () => Promise<number> {
  const index = c.index();
  const progress = openProgress(c);
  return async () => {
    const { runApp } = await import('../../ui/run.js');
    // Edits to the notes show in the running app: an instructor writes in one pane and reads here.
    return runApp({
      index,
      version: VERSION,
      reload: () => c.reloadIndex(),
      watch: (onChange) => watchContent(c.contentDir, onChange),
      progress,
      ...(launch ? { launch } : {}),
      ports: { exam: examPort(progress.store, c.contentDir), labs: labsPort({ labsDir: c.labsDir, dataDir: c.dataDir, codeRunner: sandboxRunner, now: Date.now }) },
    });
  };
}

function deckOf(c: Context, deck: string | undefined) {
  if (deck === undefined) return undefined;
  const topic = findTopic(c.index().topics, deck);
  if (!topic) throw new UsageError(`no deck (topic) "${deck}" (see: shardlab topics)`);
  return topic;
}

export function reviewCommand(deps: CommandDeps, opts: { deck?: string }): void {
  const c = deps.ctx();
  const topic = deckOf(c, opts.deck);
  if (!deps.io.stdinIsTTY || !deps.io.stdoutIsTTY) {
    const service = openProgress(c);
    const counts = todayCounts(c.index().cards, service.snapshot(), topic ? topicSubtreeIds(topic) : undefined);
    const where = topic ? topic.title : 'all decks';
    process.stdout.write(`${counts.due} due (${counts.learning} learning, ${counts.review} review) · ${counts.new} new today in ${where}; reviewing needs a terminal: run shardlab review in one.\n`);
    deps.result.code = EXIT.ok;
    return;
  }
  deps.result.run = appRunner(c, { screen: 'review', params: { deck: topic ? topic.id : null } });
}

function parseRetention(value: string): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const n = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0.7 && n <= 0.99)) throw new UsageError(`--retention takes a number from 0.70 to 0.99 (e.g. 0.9 or 90%), not '${value}'`);
  return n;
}

function parseNewPerDay(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 9999) throw new UsageError(`--new-per-day takes a whole number from 0 to 9999, not '${value}'`);
  return Number(value);
}

function parseExamDate(value: string, service: ProgressService): string | null {
  if (/^(none|off|clear)$/i.test(value)) return null;
  const clock = localClock();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? clock.parseDay(value) : undefined;
  if (day === undefined) throw new UsageError(`--exam-date takes a date as YYYY-MM-DD (or none to clear it), not '${value}'`);
  if (day < clock.startOfDay(service.now())) throw new UsageError(`--exam-date ${value} is in the past`);
  return value;
}

export function settingsLine(s: Settings): string {
  return `desired retention ${s.desiredRetention.toFixed(2)} · ${s.newCardsPerDay} new cards a day · exam date ${s.examDate ?? 'none'}`;
}

interface ProgressOptions {
  json?: boolean;
  examDate?: string;
  retention?: string;
  newPerDay?: string;
}

export function progressCommand(deps: CommandDeps, opts: ProgressOptions): void {
  const c = deps.ctx();
  // Values are checked before the store is touched: a typo changes nothing.
  const change: Partial<Settings> = {};
  if (opts.retention !== undefined) change.desiredRetention = parseRetention(opts.retention);
  if (opts.newPerDay !== undefined) change.newCardsPerDay = parseNewPerDay(opts.newPerDay);
  const service = openProgress(c);
  if (opts.examDate !== undefined) change.examDate = parseExamDate(opts.examDate, service);
  if (Object.keys(change).length > 0) {
    let settings: Settings;
    try {
      settings = service.setSettings(change);
    } catch (error) {
      if (error instanceof SettingsError) throw new UsageError(error.message);
      throw error;
    }
    if (opts.json) printJson({ settings });
    else process.stdout.write(`Settings: ${settingsLine(settings)}\n`);
    deps.result.code = EXIT.ok;
    return;
  }
  const index = c.index();
  const snapshot = service.snapshot();
  const figures = progressFigures(index, snapshot);
  const clock = localClock();
  // Noon of each day names it: safe on the days a clock change makes 23 or 25 hours long.
  const dayName = (offset: number) => clock.formatDay(snapshot.startOfDay + offset * DAY_MS + DAY_MS / 2);
  if (opts.json) {
    const exam = figures.exam;
    printJson({
      date: dayName(0),
      today: { ...figures.today, answers: figures.reviewsToday, newIntroduced: figures.newToday },
      settings: figures.settings,
      reviewsPerDay: figures.stats.reviewsPerDay.map((d) => ({ date: dayName(d.day), reviews: d.reviews })),
      dueForecast: figures.stats.dueForecast.map((d) => ({ date: dayName(d.day), due: d.due })),
      trueRetention: figures.stats.trueRetention,
      streakDays: figures.stats.streakDays,
      exam:
        exam.kind === 'none'
          ? null
          : exam.kind === 'passed'
            ? { date: figures.settings.examDate, passed: true }
            : { date: figures.settings.examDate, passed: false, daysLeft: exam.daysLeft, predictedRecall: exam.predictedRecall, reviewsPerDay: exam.reviewsPerDay, totalReviews: exam.totalReviews },
      topics: figures.stats.topics,
      cards: { total: index.cards.length, studied: index.cards.filter((card) => snapshot.cards[card.id]).length, orphans: snapshot.orphans },
      reviews: { total: figures.totalReviews, unreadable: service.skippedReviews() },
    });
    deps.result.code = EXIT.ok;
    return;
  }
  const width = Math.max(60, Math.min(100, process.stdout.columns || 80));
  const out: string[] = [];
  for (const section of reportSections(figures, width)) {
    if (out.length > 0) out.push('');
    out.push(section.title, ...section.lines.map((l) => `  ${l.text}`));
  }
  out.push('', `Settings: ${settingsLine(figures.settings)} (change with --retention, --new-per-day, --exam-date)`);
  process.stdout.write(`${out.join('\n')}\n`);
  deps.result.code = EXIT.ok;
}

export function pruneCommand(deps: CommandDeps, opts: { json?: boolean }): void {
  const removed = openProgress(deps.ctx()).prune();
  if (opts.json) printJson({ removed: removed.length, cards: removed });
  else process.stdout.write(removed.length === 0 ? 'No orphaned progress: every card with progress is still in the notes.\n' : `Removed the progress of ${removed.length} card${removed.length === 1 ? '' : 's'} no longer in the notes.\n`);
  deps.result.code = EXIT.ok;
}

export function unsuspendCommand(deps: CommandDeps, opts: { topic?: string; json?: boolean }): void {
  const c = deps.ctx();
  const topic = deckOf(c, opts.topic);
  const ids = openProgress(c).unsuspend(topic ? topicSubtreeIds(topic) : undefined);
  if (opts.json) printJson({ unsuspended: ids.length, cards: ids });
  else process.stdout.write(ids.length === 0 ? 'No suspended cards.\n' : `Unsuspended ${ids.length} card${ids.length === 1 ? '' : 's'}: back in the queues from now on.\n`);
  deps.result.code = EXIT.ok;
}

/** Writes `text` to `file` in one atomic step, refusing to replace a file unless told to. */
function writeExport(file: string, text: string, force: boolean): string {
  const path = resolve(file);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`${file} is a folder; give a file name`);
    if (!force) throw new UsageError(`${file} already exists; add --force to replace it`);
  }
  if (!existsSync(dirname(path))) throw new UsageError(`no folder ${dirname(path)} for ${file}`);
  writeFileAtomic(path, text);
  return path;
}

export function exportCommand(deps: CommandDeps, kind: 'anki' | 'revlog', file: string, opts: { force?: boolean }): void {
  const c = deps.ctx();
  if (kind === 'anki') {
    const index = c.index();
    writeExport(file, ankiText(index.topics, index.cards), opts.force === true);
    process.stdout.write(`Wrote ${index.cards.length} cards to ${file} (Anki: File › Import; one deck per topic under shardlab::)\n`);
  } else {
    const reviews = openProgress(c).reviews();
    const { csv, cardIds } = revlogCsv(reviews);
    writeExport(file, csv, opts.force === true);
    process.stdout.write(`Wrote ${reviews.length} reviews of ${cardIds.size} cards to ${file} (the FSRS optimizer's review-log CSV)\n`);
  }
  deps.result.code = EXIT.ok;
}

/** Adds review, progress (with prune) and export to the program. */
export function addProgressCommands(program: Command, deps: CommandDeps, json: () => Option): void {
  program
    .command('review')
    .description('review flashcards due today (opens the app on the Review screen)')
    .option('--deck <topic>', 'only the cards under this topic (id or title)')
    .action((opts: { deck?: string }) => reviewCommand(deps, opts));

  const progress = program
    .command('progress')
    .description('show reviews, forecast, retention, streak, mastery and the exam outlook; change settings')
    .option('--exam-date <date>', 'set the exam day (YYYY-MM-DD; none clears it)')
    .option('--retention <r>', 'desired retention, 0.70 to 0.99 (default 0.9)')
    .option('--new-per-day <n>', 'new cards a day (default 20)')
    .addOption(json())
    .action((opts: ProgressOptions) => progressCommand(deps, opts));
  progress
    .command('prune')
    .description('remove the progress of cards no longer in the notes')
    .addOption(json())
    // `progress prune --json`: the parent's own --json may take the flag, so both are read.
    .action((_opts: { json?: boolean }, cmd: Command) => pruneCommand(deps, cmd.optsWithGlobals<{ json?: boolean }>()));

  progress
    .command('unsuspend')
    .description('bring suspended cards back into the review queues')
    .option('--topic <id>', 'only the cards under this topic (id or title)')
    .addOption(json())
    .action((_opts: { topic?: string; json?: boolean }, cmd: Command) => unsuspendCommand(deps, cmd.optsWithGlobals<{ topic?: string; json?: boolean }>()));

  const exporter = program.command('export').description('write flashcards or the review log for other tools');
  const force = () => new Option('--force', 'replace FILE if it exists');
  exporter
    .command('anki')
    .description('write an Anki text import of every card (tab-separated, one deck per topic)')
    .argument('<file>', 'the file to write')
    .addOption(force())
    .action((file: string, opts: { force?: boolean }) => exportCommand(deps, 'anki', file, opts));
  exporter
    .command('revlog')
    .description('write the review log as CSV for the FSRS optimizer')
    .argument('<file>', 'the file to write')
    .addOption(force())
    .action((file: string, opts: { force?: boolean }) => exportCommand(deps, 'revlog', file, opts));

  for (const cmd of [progress, exporter, ...progress.commands, ...exporter.commands]) {
    cmd.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
  }
}
