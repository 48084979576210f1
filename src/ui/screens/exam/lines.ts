import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { formatCountdown } from '../review/format.js';
import { type ExamStartState, coverageOf, selected } from './state.js';

// The start screen's body: the profiles, then what the selected one asks and covers.

const dim: Style = { dim: true };
const bold: Style = { bold: true };

function para(text: string, width: number, style: Style = {}, indent = ' '): Line[] {
  return wrap([seg(text, style)], { width, first: [seg(indent)], rest: [seg(indent)] });
}

export function startLines(state: ExamStartState, width: number): Line[] {
  const out: Line[] = [];
  if (state.running) {
    const r = state.running;
    out.push(...para(`An exam is running: ${r.title}`, width, { bold: true, tone: 'warning' }));
    out.push(...para(`${formatCountdown(r.deadline - state.now)} left · ${r.answered} of ${r.total} answered. Enter resumes it; the clock has been running all along.`, width));
    out.push([]);
  } else out.push([seg(' '), seg(truncate('Choose a profile; Enter starts the clock. There is no pause.', width - 1), dim)], []);
  state.profiles.forEach((p, i) => {
    const on = i === state.cursor && !state.running;
    const text = `${p.id.padEnd(12)} ${p.questions} questions · ${p.minutes} min · pass ${p.passingScore}`;
    out.push([seg(on ? '›' : ' ', { tone: 'heading', bold: true }), seg(truncate(` ${text}`, width - 1), on ? { bold: true, tone: 'heading' } : state.running ? dim : {})]);
  });
  const p = selected(state);
  if (p && !state.running) {
    const c = coverageOf(state, p);
    out.push([], ...para(p.title, width, bold));
    out.push(...para(`${p.questions} questions${p.unscored ? ` (${p.unscored} of them unscored, not shown which)` : ''} in ${p.minutes} minutes; pass mark ${p.passingScore} of 1000.`, width));
    const partial = c.missing.length > 0 || c.buckets.length === 0;
    out.push(...para(`Coverage: ${c.summary}${c.missing.length && !c.unknownTopics.length ? ` (missing: ${c.missing.join(', ')})` : ''}.`, width, partial ? { tone: 'warning' } : {}));
    if (p.note) out.push(...para(p.note, width, dim));
    if (p.source) out.push(...para(`From ${p.source.file}`, width, dim));
  }
  if (state.problems.length) {
    out.push([], [seg(' Profiles not loaded', { bold: true, tone: 'error' })]);
    for (const problem of state.problems) out.push(...para(problem, width, { tone: 'error' }, '  '));
  }
  return out;
}
