import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assembleExam } from '../../exam/assemble.js';
import { collectProfiles, DEFAULT_PROFILE, profileCoverage, type ExamProfile } from '../../exam/profile.js';
import { ExamRecorder, ExamStateError } from '../../exam/recorder.js';
import { sessionStatus } from '../../exam/session.js';
import { questionJson } from '../../quiz/json.js';
import { limitSourceFrom, LIMITS_FILE } from '../../quiz/limit-lines.js';
import { LockTimeoutError } from '../../store/lock.js';
import { ProgressStore, StoreError } from '../../store/store.js';
import { packageRoot, type Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../serialize.js';

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
  const dir = join(contentDir, 'exams');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => ({ file: relative(process.cwd(), join(dir, f)) || f, text: readFileSync(join(dir, f), 'utf8') }))
    : [];
  const { profiles, problems } = collectProfiles(files);
  const first = problems[0];
  if (first) throw new UsageError(`${first.file}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return profiles;
}

function findProfile(profiles: readonly ExamProfile[], id: string): ExamProfile {
  const p = profiles.find((x) => x.id === id.toLowerCase());
  if (!p) throw new UsageError(`no exam profile "${id}" (expected one of ${profiles.map((x) => x.id).join(', ')})`);
  return p;
}

function limitSource() {
  const file = join(packageRoot, LIMITS_FILE);
  return existsSync(file) ? limitSourceFrom(readFileSync(file, 'utf8')) : undefined;
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
  const source = limitSource();
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
    const resumed = recorder.resume(now());
    if (!resumed) {
      if (opts.json) printJson({ running: false });
      else process.stdout.write('no exam in progress\n');
      return EXIT.ok;
    }
    if (resumed.finished) {
      const r = resumed.report;
      if (opts.json) printJson({ running: false, expiredWhileAway: true, report: r });
      else process.stdout.write(`The exam's time ran out while it was closed; it was submitted at the deadline and scored: ${r.scaledScore}/1000, ${r.passed ? 'pass' : 'fail'} (pass ${r.passingScore}); ${r.correct} of ${r.scored} scored questions right.\n`);
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
