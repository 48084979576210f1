import { examLine } from '../../../progress/report.js';
import type { ExamStatus } from '../../../progress/snapshot.js';
import type { Settings } from '../../../store/schema.js';

// How times read on the review screen, in Anki's short forms so a learner coming from it reads
// them at a glance: 1m, 10m, 1.5h, 3d, 3.2mo, 1.1y on the grade buttons.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function decimal(x: number): string {
  const rounded = Math.round(x * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** An interval until a card is due again, as the grade buttons show it. */
export function formatInterval(ms: number): string {
  if (ms < MINUTE) return '<1m';
  if (ms < HOUR) return `${Math.round(ms / MINUTE)}m`;
  if (ms < DAY) return `${decimal(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${decimal(days / 30)}mo`;
  return `${decimal(days / 365)}y`;
}

/** A countdown: 0:42, 9:59, 1:04:05. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Time spent: 45 s, 3 min 12 s, 1 h 5 min. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  if (m < 60) return `${m} min${total % 60 ? ` ${total % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** When something next happens, from `now`: in 10m, in 3 h, tomorrow, in 4 days. */
export function formatWhen(at: number, now: number, endOfDay: number): string {
  const ms = at - now;
  if (ms <= 0) return 'now';
  if (at < endOfDay) return ms < HOUR ? `in ${Math.max(1, Math.round(ms / MINUTE))} min` : `in ${decimal(ms / HOUR)} h`;
  if (at < endOfDay + DAY) return 'tomorrow';
  // Days after today: the one starting at endOfDay is 1 (tomorrow), the next 2.
  return `in ${Math.floor((at - endOfDay) / DAY) + 1} days`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The exam-day line on Home and Review, or undefined without an exam date. */
export function examText(status: ExamStatus, settings: Settings): string | undefined {
  const line = examLine(status, settings);
  return line === undefined ? undefined : `Exam ${line}`;
}
