import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assembleExam } from '../../exam/assemble.js';
import { attemptHistory } from '../../exam/history.js';
import { collectProfiles, type ProfileSet } from '../../exam/profile.js';
import type { ExamReportAction, ExamRequest } from '../../exam/protocol.js';
import { ExamRecorder } from '../../exam/recorder.js';
import { startSession, unansweredIndices } from '../../exam/session.js';
import { limitSourceFrom, LIMITS_FILE } from '../../quiz/limit-lines.js';
import type { ProgressStore } from '../../store/store.js';
import type { TaskPort } from '../../ui/tasks.js';
import { packageRoot } from '../context.js';

// The app's `exam` port: the exam screens' I/O. Profiles are read from content/exams, papers
// assembled with the engine's limit lines as sources, and every change of the running attempt
// goes through the ExamRecorder, which owns the `exam` section and the attempts journal.

/** The profile files in `<content>/exams/`, named as a compiler would (relative to the working folder). */
export function profileFiles(contentDir: string): { file: string; text: string }[] {
  const dir = join(contentDir, 'exams');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => ({ file: relative(process.cwd(), join(dir, f)) || f, text: readFileSync(join(dir, f), 'utf8') }))
    : [];
}

/** The built-in profiles and those in `<content>/exams/*.yaml`, with any problems at file:line. */
export function readProfiles(contentDir: string): ProfileSet {
  return collectProfiles(profileFiles(contentDir));
}

/** Where calc questions say a limit is written when the notes do not state it. */
export function engineLimitSource() {
  const file = join(packageRoot, LIMITS_FILE);
  return existsSync(file) ? limitSourceFrom(readFileSync(file, 'utf8')) : undefined;
}

/** What to report for `request`; null when there is nothing to say (a save that did not end the attempt). */
function handle(recorder: ExamRecorder, contentDir: string, request: ExamRequest): ExamReportAction | null {
  switch (request.kind) {
    case 'catalog': {
      const { profiles, problems } = readProfiles(contentDir);
      const s = recorder.running();
      const running = s ? { title: s.title, deadline: s.deadline, answered: s.questions.length - unansweredIndices(s).length, total: s.questions.length } : null;
      return { type: 'catalog', profiles, problems: problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`), running };
    }
    case 'start': {
      const source = engineLimitSource();
      const exam = assembleExam(request.index, request.profile, { seed: request.seed, ...(source ? { limitSource: source } : {}) });
      if (exam.questions.length === 0) throw new Error(`the notes give no questions for "${request.profile.id}"`);
      return { type: 'started', state: recorder.start(startSession(exam, request.at)), short: exam.short };
    }
    case 'resume': {
      const s = recorder.running();
      if (!s) return { type: 'nothingToResume' };
      // Past the deadline the screen hands it in, so the misses' cards come from the notes it shows.
      return { type: 'resumed', state: request.at < s.deadline ? recorder.resume(request.at)!.state : s };
    }
    case 'save': {
      const r = recorder.dispatch(request.before, request.action, () => request.dueCards);
      return r.report ? { type: 'recorded', report: r.report, due: r.due?.length ?? 0 } : null;
    }
    case 'history': {
      const { entries, skipped } = recorder.attempts();
      return { type: 'history', attempts: attemptHistory(entries), skipped };
    }
  }
}

export function examPort(store: ProgressStore, contentDir: string): TaskPort {
  const recorder = new ExamRecorder(store);
  return (raw, deliver) => {
    const request = raw as ExamRequest;
    try {
      const report = handle(recorder, contentDir, request);
      if (report) deliver(report);
    } catch (error) {
      deliver({ type: 'portFailed', what: request.kind, message: error instanceof Error ? error.message : String(error) } satisfies ExamReportAction);
    }
  };
}
