import { topicTitle } from '../../../content/stats.js';
import { isCorrect } from '../../../exam/score.js';
import { reviewGrid, timeLeftMs, unansweredIndices, type SessionState } from '../../../exam/session.js';
import { bodyHeight } from '../../layout.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { formatCountdown, formatDuration, percent, plural } from '../review/format.js';
import { CELL_TEXT, condensedList, gridLayout, gridTop } from './grid.js';
import { reviewList } from './review-list.js';
import type { ExamSessionState } from './state.js';

// The session screen's body as styled lines, from the state alone: the question with the clock,
// the review grid, the submit confirmation, the report and the review of each question.

const dim: Style = { dim: true };
const bold: Style = { bold: true };

export interface Body {
  lines: Line[];
  status: string;
  location?: string;
  /** The `g` prompt while a number is typed. */
  prompt?: Line;
}

function para(text: string, width: number, style: Style = {}, indent = ' '): Line[] {
  return text.split('\n').flatMap((p) => wrap([seg(p, style)], { width, first: [seg(indent)], rest: [seg(indent)] }));
}

/** 1-based numbers as the candidate reads them: "3, 7, 12". */
const numbers = (indices: readonly number[]) => indices.map((i) => i + 1).join(', ');

export function sessionPath(state: ExamSessionState): string[] {
  const s = state.session;
  if (state.phase === 'report') {
    if (state.view === 'review' && s) return ['Mock exam', 'Review', `Question ${(reviewList(state)[state.review.at] ?? 0) + 1} of ${s.questions.length}`];
    return ['Mock exam', 'Report'];
  }
  if (!s || state.phase !== 'running') return ['Mock exam'];
  if (s.view === 'grid') return ['Mock exam', 'Review grid'];
  if (s.view === 'confirm') return ['Mock exam', 'Submit'];
  return ['Mock exam', `Question ${s.current + 1} of ${s.questions.length}`];
}

/** The line that never scrolls away: question i of N, the time left, answered and flagged. */
function clockLine(state: ExamSessionState, s: SessionState, width: number): Line {
  const left = timeLeftMs(s, state.now);
  const answered = s.questions.length - unansweredIndices(s).length;
  const flagged = s.flagged.filter(Boolean).length;
  // The last five minutes are drawn in the warning colour, as the real exam's timer turns.
  const clock = seg(` ${formatCountdown(left)} left `, { bold: true, inverse: true, ...(left <= 5 * 60_000 ? { tone: 'warning' as const } : {}) });
  const text = ` Question ${s.current + 1} of ${s.questions.length}  `;
  const tail = `  ${answered} answered · ${flagged} flagged`;
  return [seg(truncate(text, width), bold), clock, seg(truncate(tail, Math.max(0, width - text.length - clock.text.length)), dim)];
}

function questionLines(state: ExamSessionState, s: SessionState, width: number): Line[] {
  const q = s.questions[s.current]!;
  const chosen = s.answers[s.current] ?? [];
  const out: Line[] = [];
  if (s.flagged[s.current]) out.push([seg(' ⚑ Flagged for review', { tone: 'warning', bold: true })]);
  out.push(...para(q.stem, width, bold), []);
  q.options.forEach((o, i) => {
    const on = chosen.includes(o.id);
    const mark = q.type === 'multiple' ? (on ? '[x]' : '[ ]') : on ? '(•)' : '( )';
    const prefix = `${i === state.cursor ? '›' : ' '}${mark} ${i + 1}. `;
    out.push(...wrap([seg(o.text, on ? { bold: true, tone: 'heading' } : {})], { width, first: [seg(prefix, on ? bold : {})], rest: [seg(' '.repeat(prefix.length))] }));
  });
  out.push([]);
  if (q.type === 'multiple') out.push(...para(`Choose ${q.answer.length}: number keys or Space toggle. Scored all-or-nothing: every right option and no other.`, width, { tone: 'fact' }));
  return out;
}

/** What the rows above and below the grid's window hold: `↑ 1–30 above   ↓ 101–120 below`. */
function gridScrollLine(above: [number, number] | null, below: [number, number] | null, width: number): Line {
  const span = ([a, b]: [number, number]) => (a === b ? `${a + 1}` : `${a + 1}–${b + 1}`);
  const parts = [above ? `↑ ${span(above)} above` : '', below ? `↓ ${span(below)} below` : ''].filter(Boolean).join('   ');
  return [seg(truncate(` ${parts}   (PgUp/PgDn)`, width), dim)];
}

function gridLines(state: ExamSessionState, s: SessionState, width: number, height: number): Line[] {
  const cells = reviewGrid(s);
  const layout = gridLayout(cells.length, width, height);
  // A cell carries two marks, the answer's and the flag's, so a flagged question still says
  // whether it was answered (the real exam's review screen shows both too). The cursor is drawn
  // inverse, an attribute that NO_COLOR keeps.
  const legend: Line = [seg(' '), seg('✓ answered', { tone: 'due' }), seg('   · unanswered', dim), seg('   ⚑ flagged', { tone: 'warning' }), seg(truncate('   (✓⚑ answered and flagged)', Math.max(0, width - 39)), dim)];
  const out: Line[] = [legend, []];
  const top = gridTop(layout, state.gridTop, state.gridCursor);
  const first = top * layout.columns;
  const last = Math.min(cells.length, (top + layout.room) * layout.columns);
  for (let row = first; row < last; row += layout.columns) {
    const line: Line = [];
    for (const c of cells.slice(row, Math.min(last, row + layout.columns))) {
      const cursor: Style = c.index === state.gridCursor ? { inverse: true, bold: true } : {};
      line.push(seg(`${String(c.index + 1).padStart(CELL_TEXT - 2)}${c.answered ? '✓' : '·'}`, { ...(c.answered ? { tone: 'due' as const } : { dim: true }), ...cursor }));
      line.push(seg(c.flagged ? '⚑' : ' ', { tone: 'warning', ...cursor }), seg(' '.repeat(layout.cellWidth - CELL_TEXT)));
    }
    out.push(line);
  }
  if (layout.windowed) out.push(gridScrollLine(first > 0 ? [0, first - 1] : null, last < cells.length ? [last, cells.length - 1] : null, width));
  const unanswered = unansweredIndices(s);
  const flagged = cells.filter((c) => c.flagged).map((c) => c.index);
  out.push([]);
  out.push(unanswered.length ? [seg(truncate(` ${condensedList('Unanswered', unanswered, width - 1)}`, width), { tone: 'warning' })] : [seg(' Every question is answered.')]);
  if (flagged.length) out.push([seg(` ${condensedList('Flagged', flagged, width - 1)}`)]);
  return out;
}

function confirmLines(s: SessionState, width: number): Line[] {
  const unanswered = unansweredIndices(s);
  const out: Line[] = [[seg(' Submit the exam now?', bold)], []];
  if (unanswered.length) {
    out.push(...para(`${plural(unanswered.length, 'question is', 'questions are')} unanswered and will count as wrong: ${numbers(unanswered)}`, width, { tone: 'warning' }));
  } else out.push(...para('Every question is answered.', width));
  const flagged = s.flagged.flatMap((f, i) => (f ? [i] : []));
  if (flagged.length) out.push(...para(`Still flagged: ${numbers(flagged)}`, width));
  out.push([], [seg(' y', bold), seg(' or Enter submits; ', dim), seg('n', bold), seg(' or Esc goes back to the exam.', dim)]);
  return out;
}

function clock(seconds: number): string {
  return formatCountdown(seconds * 1000);
}

export function reportLines(state: ExamSessionState, width: number): Line[] {
  const r = state.report;
  const s = state.session;
  if (!r || !s) return [];
  const verdict = r.passed ? seg(' PASS ', { bold: true, inverse: true, tone: 'due' }) : seg(' FAIL ', { bold: true, inverse: true, tone: 'learning' });
  const out: Line[] = [
    [verdict, seg(` ${r.scaledScore}/1000`, bold), seg(` (pass mark ${r.passingScore}) · ${r.correct} of ${r.scored} scored questions right (${percent(r.rawShare)})`)],
  ];
  const how = state.expiredWhileAway ? "Time ran out while shardlab was closed: scored as it stood at the deadline." : r.autoSubmitted ? 'Time ran out: the exam submitted itself.' : `Submitted after ${formatDuration(r.pacing.usedSeconds * 1000)}.`;
  out.push(...para(`${how} ${r.answered} of ${r.total} answered.`, width, dim));
  out.push(...para(`Multiple response is all-or-nothing. The scaled score is an estimate: ${percent(s.passingRaw)} right is taken as the pass mark (docs/exam.md).`, width, dim));
  out.push([]);
  const dueLine = state.saveError ? `Not stored: ${state.saveError}` : state.due === null ? 'Storing the attempt…' : state.due > 0 ? `${plural(state.due, 'flashcard')} on your misses made due now.` : 'No studied flashcard on your misses to make due.';
  out.push(...para(dueLine, width, state.saveError ? { tone: 'error' } : { tone: 'fact' }));
  out.push([], [seg(' By topic, weakest first', bold)]);
  for (const t of r.byTopic) out.push([seg(truncate(`   ${percent(t.share).padStart(4)}  ${`${t.correct}/${t.total}`.padStart(5)}  ${topicTitle(state.index.topics, t.area)}`, width), t.share < s.passingRaw ? { tone: 'warning' } : {})]);
  if (r.byArea.length > 1 || (r.byArea[0] && r.byArea[0].area !== r.byTopic[0]?.area)) {
    out.push([], [seg(' By domain', bold)]);
    for (const a of r.byArea) out.push([seg(truncate(`   ${percent(a.share).padStart(4)}  ${`${a.correct}/${a.total}`.padStart(5)}  ${a.area}`, width))]);
  }
  const p = r.pacing;
  out.push([], [seg(' Pacing', bold)]);
  out.push(...para(`Target ${clock(Math.round(p.targetSeconds))} a question, average ${clock(Math.round(p.averageSeconds))}; used ${formatDuration(p.usedSeconds * 1000)}.`, width, {}, '   '));
  out.push(...para(p.slow.length ? `Over twice the target: ${numbers(p.slow)}` : 'No question took over twice the target.', width, p.slow.length ? { tone: 'warning' } : {}, '   '));
  if (state.short > 0) out.push([], ...para(`The notes gave only ${s.questions.length} of the profile's questions.`, width, dim));
  return out;
}

function optionMark(key: boolean, chosen: boolean): { mark: string; style: Style } {
  if (key) return { mark: chosen ? '✓' : '✓', style: { tone: 'due', bold: chosen } };
  return chosen ? { mark: '✗', style: { tone: 'learning', bold: true } } : { mark: ' ', style: {} };
}

export function reviewLines(state: ExamSessionState, width: number): Line[] {
  const s = state.session;
  const list = reviewList(state);
  const i = list[state.review.at];
  if (!s || i === undefined) return [];
  const q = s.questions[i]!;
  const given = s.answers[i] ?? [];
  const right = isCorrect(given, q.answer);
  const verdict = given.length === 0 ? seg('– Unanswered', { bold: true, tone: 'warning' }) : right ? seg('✓ Right', { bold: true, tone: 'due' }) : seg('✗ Wrong', { bold: true, tone: 'learning' });
  const where = `  ${state.review.at + 1} of ${list.length}${state.review.missesOnly ? ' misses' : ''} · ${topicTitle(state.index.topics, q.topic)}`;
  const out: Line[] = [[seg(' '), verdict, seg(truncate(where, Math.max(0, width - verdict.text.length - 1)), dim)], []];
  out.push(...para(q.stem, width, bold), []);
  q.options.forEach((o, n) => {
    const { mark, style } = optionMark(q.answer.includes(o.id), given.includes(o.id));
    const prefix = ` ${mark} ${n + 1}. `;
    out.push(...wrap([seg(o.text, style)], { width, first: [seg(prefix, style)], rest: [seg(' '.repeat(prefix.length))] }));
  });
  const label = (ids: readonly string[]) => ids.map((id) => String(q.options.findIndex((o) => o.id === id) + 1)).join(', ');
  out.push([], [seg(' Your answer: ', dim), seg(given.length ? label(given) : 'none'), seg('   Key: ', dim), seg(label(q.answer), bold), seg(q.type === 'multiple' ? '  (all-or-nothing)' : '', dim)]);
  const wrong = q.distractors.filter((d) => q.options.some((o) => o.id === d.optionId));
  if (wrong.length) {
    out.push([], [seg(' Why not the others', bold)]);
    for (const d of wrong) out.push(...wrap([seg(`${label([d.optionId])}. `, dim), seg(d.why)], { width, first: [seg('  • ')], rest: [seg('    ')] }));
  }
  out.push([], [seg(' Explanation', bold)], ...para(q.explanation, width));
  const src = q.sources.map((x) => `${x.file}:${x.line}`).join(', ');
  if (src) out.push([], ...wrap([seg(src, { tone: 'fact' })], { width, first: [seg(' Source: ')], rest: [seg('   ')] }));
  return out;
}

function window(lines: Line[], top: number, height: number): { lines: Line[]; below: number } {
  const start = Math.min(top, Math.max(0, lines.length - height));
  return { lines: lines.slice(start, start + height), below: Math.max(0, lines.length - start - height) };
}

export function sessionBody(state: ExamSessionState, width: number, height: number): Body {
  const s = state.session;
  const saving = state.saveError ? `NOT SAVED: ${state.saveError}` : undefined;
  if (state.phase === 'loading') return { lines: [[seg(' Preparing the paper…', dim)]], status: '' };
  if (state.phase === 'failed' || !s) return { lines: para(state.failure ?? 'No exam.', width, { tone: 'error' }), status: '' };
  if (state.phase === 'report') {
    if (state.view === 'review') {
      const w = window(reviewLines(state, width), state.review.scroll, height);
      const q = s.questions[reviewList(state)[state.review.at] ?? 0];
      const src = q?.sources[0];
      return { lines: w.lines, status: state.flash ?? (w.below > 0 ? `↓ ${w.below} more (j)` : ''), ...(src ? { location: `${src.file}:${src.line}` } : {}) };
    }
    const w = window(reportLines(state, width), state.reportScroll, height);
    return { lines: w.lines, status: state.flash ?? (w.below > 0 ? `↓ ${w.below} more (j)` : '') };
  }
  const pinned = [clockLine(state, s, width)];
  const rest = height - pinned.length - 1;
  const body = s.view === 'grid' ? gridLines(state, s, width, rest) : s.view === 'confirm' ? confirmLines(s, width) : questionLines(state, s, width);
  const w = window(body, s.view === 'question' ? state.scroll : 0, rest);
  const prompt: Line | undefined = state.jump !== null ? [seg('Go to question: ', bold), seg(`${state.jump}▏`)] : undefined;
  return { lines: [...pinned, [], ...w.lines], status: state.flash ?? saving ?? (w.below > 0 ? `↓ ${w.below} more (PgDn)` : ''), ...(prompt ? { prompt } : {}) };
}

/** The views that scroll, each measured against its own room on the screen. */
export type Scrolled = 'question' | 'report' | 'review';

/**
 * The furthest a view can scroll: its last line at the bottom of the screen. The reducer keeps
 * its positions within this, so a key pressed past the end is not owed back before scrolling up.
 */
export function maxScroll(state: ExamSessionState, view: Scrolled): number {
  const width = state.size.columns;
  const height = bodyHeight(state.size);
  const s = state.session;
  if (!s) return 0;
  const measured: Record<Scrolled, () => [number, number]> = {
    // The question shares the screen with the clock line and a blank line under it.
    question: () => [questionLines(state, s, width).length, height - 2],
    report: () => [reportLines(state, width).length, height],
    review: () => [reviewLines(state, width).length, height],
  };
  const [lines, room] = measured[view]();
  return Math.max(0, lines - Math.max(1, room));
}
