import { assembleExam } from '../../exam/assemble.js';
import { DEFAULT_PROFILE, profileCoverage, type ExamProfile } from '../../exam/profile.js';
import { ExamRecorder, ExamStateError } from '../../exam/recorder.js';
import { sessionStatus } from '../../exam/session.js';
import { questionJson } from '../../quiz/json.js';
import { LockTimeoutError } from '../../store/lock.js';
import { ProgressStore, StoreError } from '../../store/store.js';
import type { Context } from '../context.js';
import { engineLimitSource, readProfiles } from './exam-port.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../serialize.js';
import type { Launch } from '../../ui/router/state.js';
import { attemptHistory } from '../../exam/history.js';
import { missCards } from '../../exam/misses.js';
import { localClock } from '../clock.js';

// `shardlab exam`: the paper a profile assembles (--dry-run), the profiles (--list-profiles) and
// the running attempt's status (--resume without a terminal). The timed session screen itself is
// the app's, built on src/exam's reducer.

export interface ExamOptions {
  profile?: string;
  seed?: number;
  dryRun?: boolean;
  listProfiles?: boolean;
  resume?: boolean;
  json?: boolean;
}

/** The custom profiles in `<content>/exams/*.yaml`; a broken one is bad input, reported at file:line. */
export function loadProfiles(contentDir: string): ExamProfile[] {
  const { profiles, problems } = readProfiles(contentDir);
  const first = problems[0];
  if (first) throw new UsageError(`${first.file}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return profiles;
}

function findProfile(profiles: readonly ExamProfile[], id: string): ExamProfile {
  const p = profiles.find((x) => x.id === id.toLowerCase());
  if (!p) throw new UsageError(`no exam profile "${id}" (expected one of ${profiles.map((x) => x.id).join(', ')})`);
  return p;
}

function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function examCommand(ctx: Context, opts: ExamOptions, now: () => number, fallbackSeed: () => number): number {
  const modes = [opts.dryRun, opts.listProfiles, opts.resume].filter(Boolean).length;
  if (modes > 1) throw new UsageError('choose one of --dry-run, --list-profiles and --resume');
  const profiles = loadProfiles(ctx.contentDir);
  if (opts.listProfiles) {
    const index = ctx.index();
    const rows = profiles.map((p) => ({
      id: p.id,
      title: p.title,
      questions: p.questions,
      unscored: p.unscored,
      minutes: p.minutes,
      passingScore: p.passingScore,
      coverage: profileCoverage(p, index).summary,
      ...(p.note ? { note: p.note } : {}),
      ...(p.source ? { file: p.source.file } : {}),
    }));
    if (opts.json) printJson(rows);
    else for (const r of rows) process.stdout.write(`${r.id.padEnd(10)} ${r.questions} questions in ${r.minutes} min, pass ${r.passingScore}/1000 — ${r.title}\n${' '.repeat(11)}${r.coverage}${r.note ? `; ${r.note}` : ''}\n`);
    return EXIT.ok;
  }
  if (opts.resume) return resumeStatus(ctx, opts, now);
  const profile = findProfile(profiles, opts.profile ?? DEFAULT_PROFILE);
  const index = ctx.index();
  const coverage = profileCoverage(profile, index);
  if (coverage.unknownTopics.length) throw new UsageError(`profile "${profile.id}": ${coverage.summary}`);
  if (coverage.buckets.length === 0) throw new UsageError(`profile "${profile.id}": ${coverage.summary}`);
  if (!opts.dryRun) {
    // Without a dry run this describes what the session would be; the timed screen runs in the app.
    process.stdout.write(`${profile.title}\n${profile.questions} questions in ${profile.minutes} minutes, pass ${profile.passingScore}/1000; ${coverage.summary}.\n`);
    process.stdout.write('Print the paper with --dry-run; see the running attempt with --resume.\n');
    return EXIT.ok;
  }
  const seed = opts.seed ?? ctx.options.seed ?? fallbackSeed();
  const source = engineLimitSource();
  const exam = assembleExam(index, profile, { seed, ...(source ? { limitSource: source } : {}) });
  if (exam.short > 0) process.stderr.write(`shardlab: only ${exam.questions.length} of ${profile.questions} questions could be made from these notes\n`);
  if (opts.json) {
    printJson({ profile: profile.id, durationSeconds: exam.durationSeconds, passingScore: profile.passingScore, questions: exam.questions.map(questionJson) });
    return EXIT.ok;
  }
  process.stdout.write(`${profile.title} (seed ${seed}): ${exam.questions.length} questions, ${formatClock(exam.durationSeconds)}, pass ${profile.passingScore}/1000; ${coverage.summary}.\n\n`);
  exam.questions.forEach((q, i) => {
    const lines = [`${i + 1}. ${q.stem.replace(/\n/g, '\n   ')}`, ...q.options.map((o) => `   ${o.id}) ${o.text}`), `   Answer: ${q.answer.join(', ')}`];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  });
  return EXIT.ok;
}

function resumeStatus(ctx: Context, opts: ExamOptions, now: () => number): number {
  let recorder: ExamRecorder;
  try {
    recorder = new ExamRecorder(ProgressStore.open(ctx.dataDir, { now, notify: (m) => process.stderr.write(`${m}\n`) }));
    const index = ctx.index();
    const resumed = recorder.resume(now(), (finished) => missCards(index, finished));
    if (!resumed) {
      if (opts.json) printJson({ running: false });
      else process.stdout.write('no exam in progress\n');
      return EXIT.ok;
    }
    if (resumed.finished) {
      const r = resumed.report;
      if (opts.json) printJson({ running: false, expiredWhileAway: true, report: r, due: resumed.due.length });
      else process.stdout.write(`The exam's time ran out while it was closed; it was submitted at the deadline and scored: ${r.scaledScore}/1000, ${r.passed ? 'pass' : 'fail'} (pass ${r.passingScore}); ${r.correct} of ${r.scored} scored questions right; ${resumed.due.length} flashcards on the misses made due.\n`);
      return EXIT.ok;
    }
    const status = sessionStatus(resumed.state, now());
    if (opts.json) printJson({ running: true, ...status });
    else process.stdout.write(`${status.title}: ${formatClock(status.secondsLeft)} left, ${status.answered} of ${status.total} answered, ${status.flagged} flagged, on question ${status.current}.\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof StoreError || error instanceof LockTimeoutError || error instanceof ExamStateError) throw new UsageError(error.message);
    throw error;
  }
}

function storeError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof StoreError || error instanceof LockTimeoutError || error instanceof ExamStateError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * In a terminal, `shardlab exam` is the app: the start screen, a new attempt straight away with
 * --profile, or the running one with --resume. Undefined when the plain output is wanted instead
 * (no terminal, a listing, a dry run, JSON).
 */
export function examLaunch(ctx: Context, opts: ExamOptions, io: { stdinIsTTY: boolean; stdoutIsTTY: boolean }, now: () => number): Launch | undefined {
  if (!io.stdinIsTTY || !io.stdoutIsTTY || opts.dryRun || opts.listProfiles || opts.json) return undefined;
  if (opts.resume) {
    if (opts.profile) throw new UsageError('choose one of --profile and --resume');
    const running = storeError(() => new ExamRecorder(ProgressStore.open(ctx.dataDir, { now, notify: (m) => process.stderr.write(`${m}\n`) })).running());
    // Nothing to resume is no reason to open the app: the plain answer says so.
    return running ? { screen: 'exam-session', params: { resume: true } } : undefined;
  }
  if (!opts.profile) return { screen: 'exam', params: {} };
  const profile = findProfile(loadProfiles(ctx.contentDir), opts.profile);
  const coverage = profileCoverage(profile, ctx.index());
  if (coverage.unknownTopics.length || coverage.buckets.length === 0) throw new UsageError(`profile "${profile.id}": ${coverage.summary}`);
  const seed = opts.seed ?? ctx.options.seed ?? now() % 2 ** 31;
  return { screen: 'exam-session', params: { start: { profile, seed } } };
}

/** `shardlab exam history`: every finished attempt from the journal, oldest first. */
export function examHistoryCommand(ctx: Context, opts: { json?: boolean }, now: () => number): number {
  const { entries, skipped } = storeError(() => new ExamRecorder(ProgressStore.open(ctx.dataDir, { now, notify: (m) => process.stderr.write(`${m}\n`) })).attempts());
  const attempts = attemptHistory(entries);
  if (skipped) process.stderr.write(`shardlab: ${skipped} unreadable line${skipped === 1 ? '' : 's'} in exam-attempts.jsonl left out\n`);
  const clock = localClock(now);
  if (opts.json) {
    printJson(attempts.map((a) => ({ ...a, date: clock.formatDay(a.at) })));
    return EXIT.ok;
  }
  if (attempts.length === 0) {
    process.stdout.write('no finished exam attempts\n');
    return EXIT.ok;
  }
  for (const a of attempts) {
    const topics = a.byTopic.map((t) => `${t.topic} ${t.correct}/${t.total}`).join(', ');
    process.stdout.write(`${clock.formatDay(a.at)}  ${a.profile.padEnd(10)} ${String(a.scaledScore).padStart(4)}/1000 ${a.passed ? 'pass' : 'FAIL'}  ${a.correct}/${a.scored} right${a.autoSubmitted ? ' (time ran out)' : ''}\n    ${topics}\n`);
  }
  return EXIT.ok;
}
