// What the exam screens ask the `exam` port for and what it reports back. Plain data: the
// screens' reducers build requests and reduce reports, the CLI's port does the I/O (profiles on
// disk, the recorder's writes), and tests play either side by hand.

import type { ContentIndex } from '../content/model.js';
import type { ExamProfile } from './profile.js';
import type { AttemptSummary } from './history.js';
import type { ExamReport } from './score.js';
import type { SessionAction, SessionState } from './session.js';

export const EXAM_PORT = 'exam';

export type ExamRequest =
  /** The profiles (built-in and content/exams/*.yaml) and the attempt in progress, if any. */
  | { kind: 'catalog' }
  /** Assembles a paper from `index` and stores it as the running attempt, its clock from `at`. */
  | { kind: 'start'; index: ContentIndex; profile: ExamProfile; seed: number; at: number }
  /** The running attempt, with the time it really has left at `at`. */
  | { kind: 'resume'; at: number }
  /** Stores the change `action` makes to `before`; when it ends the attempt, `dueCards` are made due. */
  | { kind: 'save'; before: SessionState; action: SessionAction; dueCards: readonly string[] }
  | { kind: 'history' };

export interface RunningInfo {
  title: string;
  deadline: number;
  answered: number;
  total: number;
}

export type ExamReportAction =
  | { type: 'catalog'; profiles: ExamProfile[]; problems: string[]; running: RunningInfo | null }
  | { type: 'started'; state: SessionState; short: number }
  /** `state` is running at `at`; past its deadline the screen submits it as it was at the deadline. */
  | { type: 'resumed'; state: SessionState }
  | { type: 'nothingToResume' }
  | { type: 'recorded'; report: ExamReport; due: number }
  | { type: 'history'; attempts: AttemptSummary[]; skipped: number }
  /** The port could not do it; `what` says which request. */
  | { type: 'portFailed'; what: ExamRequest['kind']; message: string };
