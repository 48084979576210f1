import { topicTitle } from '../../../content/stats.js';
import { topicTrends } from '../../../exam/history.js';
import { chartLines } from '../../../progress/report.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate } from '../../markdown/width.js';
import { percent } from '../review/format.js';
import type { ExamHistoryState } from './state.js';

// The history screen's lines: the scaled score of each attempt as bars, the attempts newest
// first, and per topic a sparkline of its share right across the attempts.

const dim: Style = { dim: true };
const bold: Style = { bold: true };
const SPARK = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Attempts the chart shows: the latest ones that fit two columns each. */
const CHART_HEIGHT = 6;

/** The learner's calendar day of `at`. */
export function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function spark(shares: readonly (number | null)[]): string {
  return shares.map((x) => (x === null ? ' ' : SPARK[Math.min(SPARK.length - 1, Math.floor(x * SPARK.length))]!)).join('');
}

export function historyLines(state: ExamHistoryState, width: number): Line[] {
  if (state.failure) return [[seg(` ${truncate(state.failure, width - 1)}`, { tone: 'error' })]];
  const all = state.attempts;
  if (all === null) return [[seg(' Reading the attempts…', dim)]];
  if (all.length === 0) return [[seg(' No finished attempts yet: start one from Mock exam.', dim)]];
  const out: Line[] = [];
  const fit = Math.max(1, Math.floor((width - 8) / 2));
  const shown = all.slice(-fit);
  const pass = shown[shown.length - 1]!.passingScore;
  out.push([seg(` Scaled score, the last ${shown.length} of ${all.length} attempts`, bold), seg(` (latest pass mark ${pass})`, dim)]);
  const chart = chartLines(
    shown.map((a) => a.scaledScore),
    { width: width - 1, height: CHART_HEIGHT, first: localDay(shown[0]!.at), last: shown.length > 1 ? localDay(shown[shown.length - 1]!.at) : '' },
  );
  chart.forEach((l, i) => out.push([seg(` ${l}`, i < CHART_HEIGHT ? { tone: 'heading' } : dim)]));
  out.push([], [seg(' Attempts, newest first', bold)]);
  for (const a of [...all].reverse()) {
    const verdict = a.passed ? seg('PASS', { tone: 'due', bold: true }) : seg('FAIL', { tone: 'learning', bold: true });
    out.push([seg(`   ${localDay(a.at)}  ${a.profile.padEnd(10)} ${String(a.scaledScore).padStart(4)}  `), verdict, seg(truncate(`  ${a.correct}/${a.scored} right${a.autoSubmitted ? ' · time ran out' : ''}`, Math.max(0, width - 36)), dim)]);
  }
  const trends = topicTrends(all);
  if (trends.length) {
    out.push([], [seg(' Per topic: share right, attempt by attempt (weakest now first)', bold)]);
    const sparkWidth = Math.min(all.length, Math.max(4, Math.floor(width / 3)));
    for (const t of trends) {
      const line = `${spark(t.shares.slice(-sparkWidth)).padEnd(sparkWidth)}  ${percent(t.latest).padStart(4)}  `;
      out.push([seg('   '), seg(line, { tone: 'fact' }), seg(truncate(topicTitle(state.index.topics, t.topic), Math.max(0, width - 3 - line.length)))]);
    }
  }
  if (state.skipped) out.push([], [seg(` ${state.skipped} unreadable line${state.skipped === 1 ? '' : 's'} in exam-attempts.jsonl left out.`, { tone: 'warning' })]);
  return out;
}
