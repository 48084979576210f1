import type { ContentIndex } from '../content/model.js';
import { type ProgressStats, progressStats } from '../srs/stats.js';
import type { Settings } from '../store/schema.js';
import { type ExamStatus, type ProgressSnapshot, type TodayCounts, examStatus, todayCounts } from './snapshot.js';

// The progress report as text: the Progress screen styles these lines and `shardlab progress`
// prints them, so the two always say the same thing. Pure: figures in, lines out.

export interface ProgressFigures {
  stats: ProgressStats;
  today: TodayCounts;
  exam: ExamStatus;
  settings: Settings;
  reviewsToday: number;
  newToday: number;
  orphans: number;
  totalReviews: number;
}

export function progressFigures(index: ContentIndex, snapshot: ProgressSnapshot): ProgressFigures {
  return {
    stats: progressStats({ topics: index.topics, cards: index.cards, stored: snapshot.cards, reviews: snapshot.reviews, startOfToday: snapshot.startOfDay, now: snapshot.now }),
    today: todayCounts(index.cards, snapshot),
    exam: examStatus(index.cards, snapshot),
    settings: snapshot.settings,
    reviewsToday: snapshot.reviewsToday,
    newToday: snapshot.newToday,
    orphans: snapshot.orphans,
    totalReviews: snapshot.reviews.length,
  };
}

const BLOCKS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Rows of a vertical bar chart, top row first: one bar per value, `barWidth` cells wide, in eighths of a row. */
export function barRows(values: readonly number[], height: number, barWidth = 1): string[] {
  const max = Math.max(0, ...values);
  const rows: string[] = [];
  for (let r = height - 1; r >= 0; r--) {
    let line = '';
    for (const v of values) {
      const eighths = max === 0 ? 0 : Math.round((v / max) * height * 8);
      let fill = Math.max(0, Math.min(8, eighths - r * 8));
      // Any day with reviews shows at least a sliver, so a quiet day never looks like a missed one.
      if (r === 0 && v > 0 && fill === 0) fill = 1;
      line += BLOCKS[fill]!.repeat(barWidth);
    }
    rows.push(line);
  }
  return rows;
}

/** A bar chart with its scale on the left and the first and last day named under it. */
export function chartLines(values: readonly number[], o: { width: number; height: number; first: string; last: string }): string[] {
  const max = Math.max(0, ...values);
  const scale = String(max).length;
  const barWidth = Math.max(1, Math.min(2, Math.floor((o.width - scale - 3) / Math.max(1, values.length))));
  const bars = barRows(values, o.height, barWidth);
  const lines = bars.map((row, i) => `${(i === 0 ? String(max) : '').padStart(scale)} ${i === 0 ? '┤' : '│'}${row}`);
  const span = values.length * barWidth;
  lines.push(`${'0'.padStart(scale)} └${'─'.repeat(span)}`);
  const gap = Math.max(1, span - o.first.length - o.last.length);
  lines.push(`${' '.repeat(scale + 2)}${o.first}${' '.repeat(gap)}${o.last}`);
  return lines;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export interface ReportSection {
  title: string;
  /**
   * Lines under the title; `chart` lines are bars, drawn in colour by the app. `hang` is the
   * indent of a line's continuation when a narrow screen wraps it (the labelled overview lines).
   */
  lines: { text: string; chart?: boolean; strong?: boolean; hang?: number }[];
}

/** The exam line (shared with Home and Review), without the leading word. */
export function examLine(exam: ExamStatus, settings: Settings): string | undefined {
  if (exam.kind === 'none') return undefined;
  if (exam.kind === 'passed') return `${settings.examDate ?? ''} has passed; set the next one with shardlab progress --exam-date YYYY-MM-DD`;
  const when = exam.daysLeft === 0 ? 'today' : exam.daysLeft === 1 ? 'tomorrow' : `in ${exam.daysLeft} days`;
  const needed = exam.reviewsPerDay === 0 ? 'on track, no reviews needed' : `${plural(exam.reviewsPerDay, 'review')} a day to reach ${pct(settings.desiredRetention)}`;
  return `${settings.examDate ?? ''} ${when} · predicted recall on the day ${pct(exam.predictedRecall)} · ${needed}`;
}

/** The whole report for a terminal `width` wide. */
export function reportSections(f: ProgressFigures, width: number): ReportSection[] {
  const s = f.stats;
  const sections: ReportSection[] = [];
  const retention = s.trueRetention === null ? 'no answers to cards in review yet' : `${pct(s.trueRetention)} of review answers not Again`;
  const hang = 13;
  const overview: ReportSection['lines'] = [
    { text: `Today        ${plural(f.reviewsToday, 'answer')} · ${plural(f.today.due, 'card')} due (${f.today.learning} learning) · ${f.today.new} new left`, hang },
    { text: `Streak       ${plural(s.streakDays, 'day')}`, hang },
    { text: `Retention    ${retention} (last 30 days; desired ${pct(f.settings.desiredRetention)})`, hang },
    { text: `New a day    ${f.settings.newCardsPerDay} (${f.newToday} introduced today)`, hang },
  ];
  const exam = examLine(f.exam, f.settings);
  overview.push({ text: `Exam         ${exam ?? 'no date set (shardlab progress --exam-date YYYY-MM-DD)'}`, hang, ...(exam ? { strong: true } : {}) });
  if (f.orphans > 0) overview.push({ text: `Orphans      ${plural(f.orphans, 'card')} no longer in the notes keep progress (shardlab progress prune)`, hang });
  sections.push({ title: 'Overview', lines: overview });

  const reviews = s.reviewsPerDay.map((d) => d.reviews);
  const reviewed = reviews.reduce((a, b) => a + b, 0);
  sections.push({
    title: `Reviews per day, last 30 days (${plural(reviewed, 'answer')})`,
    lines: chartLines(reviews, { width, height: 5, first: '30 days ago', last: 'today' }).map((text, i, all) => ({ text, chart: i < all.length - 2 })),
  });
  const due = s.dueForecast.map((d) => d.due);
  const dueTotal = due.reduce((a, b) => a + b, 0);
  sections.push({
    title: `Due per day, next 30 days (${plural(dueTotal, 'card')}; overdue count as today)`,
    lines: chartLines(due, { width, height: 5, first: 'today', last: 'in 29 days' }).map((text, i, all) => ({ text, chart: i < all.length - 2 })),
  });
  sections.push({ title: 'Mastery by topic (mature: interval of 21 days or more)', lines: topicTable(s.topics, width) });
  return sections;
}

function topicTable(topics: ProgressStats['topics'], width: number): { text: string; strong?: boolean }[] {
  if (topics.length === 0) return [{ text: 'No flashcards in these notes yet.' }];
  const cols: { name: string; get: (t: ProgressStats['topics'][number]) => string; w: number }[] = [
    { name: 'Cards', get: (t) => String(t.cards), w: 6 },
    { name: 'New', get: (t) => String(t.new), w: 5 },
    { name: 'Learn', get: (t) => String(t.learning), w: 6 },
    { name: 'Young', get: (t) => String(t.young), w: 6 },
    { name: 'Mature', get: (t) => String(t.mature), w: 7 },
    { name: 'Susp', get: (t) => String(t.suspended), w: 5 },
  ];
  // Narrow terminals keep the columns that say most: cards, new and mature.
  const shown = width >= 70 ? cols : cols.filter((c) => ['Cards', 'New', 'Mature'].includes(c.name));
  const barWidth = width >= 90 ? 10 : width >= 80 ? 6 : 0;
  const numbers = shown.reduce((n, c) => n + c.w, 0);
  // The last column: a bar of the mature share (when there is room) and the share itself.
  const last = barWidth > 0 ? barWidth + 5 : 4;
  const titleWidth = Math.max(8, width - numbers - last - 2);
  const cut = (text: string) => (text.length > titleWidth ? `${text.slice(0, titleWidth - 1)}…` : text.padEnd(titleWidth));
  const head = `${cut('Topic')}${shown.map((c) => c.name.padStart(c.w)).join('')}  ${(barWidth > 0 ? '% mature' : 'Mat.').padStart(last)}`;
  const rows = topics.map((t) => {
    const share = t.cards ? t.mature / t.cards : 0;
    const filled = Math.round(share * barWidth);
    const bar = barWidth > 0 ? `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ` : '';
    return { text: `${cut(t.title)}${shown.map((c) => c.get(t).padStart(c.w)).join('')}  ${bar}${pct(share).padStart(4)}` };
  });
  return [{ text: head, strong: true }, ...rows];
}
