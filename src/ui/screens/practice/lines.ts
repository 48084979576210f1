import { topicTitle } from '../../../content/stats.js';
import type { QuizKind } from '../../../quiz/model.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { formatDuration, percent } from '../review/format.js';
import { type PracticeState, SOURCE_NAMES, currentItem, lastResult, sourceCounts } from './state.js';

// The Practice screen's body as styled lines, from the state alone.

const dim: Style = { dim: true };
const bold: Style = { bold: true };

function para(text: string, width: number, style: Style = {}, indent = ' '): Line[] {
  return text.split('\n').flatMap((p) => wrap([seg(p, style)], { width, first: [seg(indent)], rest: [seg(indent)] }));
}

export function practicePath(state: PracticeState): string[] {
  return state.mode === 'setup' ? ['Practice'] : ['Practice', state.mode === 'summary' ? 'Summary' : `Question ${state.at + 1} of ${state.items.length}`];
}

function setupLines(state: PracticeState, width: number, height: number): Line[] {
  const s = state.setup;
  const counts = sourceCounts(state);
  // A retake of a calc miss draws new numbers on purpose (the working is tested, not a figure
  // remembered from the miss); the learner is told before starting rather than surprised.
  const intro = s.source === 'misses' ? 'Enter starts; each miss is asked again, arithmetic with new numbers.' : 'Choose what to practise; Enter starts.';
  const head: Line[] = [[seg(' '), seg(truncate(intro, width - 1), dim)], []];
  const rows = state.rows.map((row, i): Line => {
    const mark = i === s.cursor ? seg('›', { tone: 'heading', bold: true }) : seg(' ');
    const box = (on: boolean) => seg(on ? '[x] ' : '[ ] ', on ? { bold: true } : dim);
    let body: Line;
    switch (row.kind) {
      case 'source': {
        const extra = s.source === 'weak' ? ` (${counts.weak} topics)` : s.source === 'misses' ? ` (${counts.misses} questions)` : '';
        body = [seg('Questions from  ', bold), seg(`‹ ${SOURCE_NAMES[s.source]}${extra} ›`, { tone: 'heading' })];
        break;
      }
      case 'count':
        body = [seg('How many        ', bold), seg(`‹ ${s.count} ›`, { tone: 'heading' })];
        break;
      case 'kind':
        body = [seg('  '), box(s.kinds.has(row.value)), seg(row.value)];
        break;
      case 'all':
        body = [seg('  '), box(s.topics.size === 0), seg('All topics')];
        break;
      case 'topic':
        body = [seg('  '), seg('  '.repeat(row.depth)), box(s.topics.has(row.topic.id)), seg(row.topic.title)];
        break;
    }
    const text = body.map((b) => b.text).join('');
    return [mark, ...(text.length + 1 > width ? [seg(truncate(text, width - 1))] : body)];
  });
  return [...head, ...rows.slice(s.top, s.top + height - head.length)];
}

function questionLines(state: PracticeState, width: number): Line[] {
  const item = currentItem(state);
  if (!item) return [];
  const q = item.question;
  const out: Line[] = [[seg(' '), seg(truncate(`Question ${state.at + 1} of ${state.items.length} · ${q.kind} · ${topicTitle(state.index.topics, q.topic)}`, width - 1), dim)], []];
  out.push(...para(q.stem, width, bold), []);
  q.options.forEach((o, i) => {
    const on = state.chosen.includes(o.id);
    const mark = q.type === 'multiple' ? (on ? '[x]' : '[ ]') : on ? '(•)' : '( )';
    const cursor = i === state.cursor ? '›' : ' ';
    const prefix = `${cursor}${mark} ${i + 1}. `;
    out.push(...wrap([seg(o.text, on ? { bold: true, tone: 'heading' } : {})], { width, first: [seg(prefix, on ? bold : {})], rest: [seg(' '.repeat(prefix.length))] }));
  });
  if (q.type === 'multiple') out.push([], [seg(' '), seg(`Choose ${q.answer.length}: number keys or Space toggle, Enter submits.`, dim)]);
  return out;
}

function optionLabel(state: PracticeState, id: string): string {
  const q = lastResult(state)?.item.question;
  const i = q?.options.findIndex((o) => o.id === id) ?? -1;
  return i < 0 ? id : `${i + 1}. ${q!.options[i]!.text}`;
}

export function feedbackLines(state: PracticeState, width: number): Line[] {
  const r = lastResult(state);
  if (!r) return [];
  const q = r.item.question;
  const out: Line[] = [[seg(' '), seg(r.correct ? '✓ Right' : '✗ Wrong', { bold: true, tone: r.correct ? 'new' : 'learning' }), seg(`  question ${state.at + 1} of ${state.items.length}`, dim)], []];
  out.push(...para(q.stem, width, dim), []);
  const right = q.answer.map((id) => optionLabel(state, id)).join('; ');
  out.push(...wrap([seg(right, bold)], { width, first: [seg(' Answer: ', bold)], rest: [seg('   ')] }));
  if (!r.correct) out.push(...wrap([seg(r.chosen.map((id) => optionLabel(state, id)).join('; '))], { width, first: [seg(' You chose: ', dim)], rest: [seg('   ')] }));
  const wrong = q.distractors.filter((d) => q.options.some((o) => o.id === d.optionId));
  if (wrong.length) {
    out.push([], [seg(' Why not the others', bold)]);
    for (const d of wrong) out.push(...wrap([seg(`${optionLabel(state, d.optionId)}: `, dim), seg(d.why)], { width, first: [seg('  • ')], rest: [seg('    ')] }));
  }
  out.push([], [seg(' Explanation', bold)], ...para(q.explanation, width));
  const src = q.sources.map((s) => `${s.file}:${s.line}`).join(', ');
  out.push([], ...wrap([seg(src, { tone: 'fact' }), seg('  (o opens the note in Study)', dim)], { width, first: [seg(' Source: ')], rest: [seg('   ')] }));
  return out;
}

function tally<K extends string>(state: PracticeState, key: (r: PracticeState['results'][number]) => K): [K, { right: number; total: number }][] {
  const m = new Map<K, { right: number; total: number }>();
  for (const r of state.results) {
    const t = m.get(key(r)) ?? { right: 0, total: 0 };
    t.total++;
    if (r.correct) t.right++;
    m.set(key(r), t);
  }
  return [...m];
}

export function summaryLines(state: PracticeState, width: number): Line[] {
  const n = state.results.length;
  const right = state.results.filter((r) => r.correct).length;
  const out: Line[] = [
    [seg(' Score  ', bold), seg(`${right} of ${n} right`, { bold: true, tone: 'heading' }), seg(n ? ` (${percent(right / n)})` : ''), seg(` · ${formatDuration(state.endedAt - state.startedAt)}`, dim)],
  ];
  if (n < state.items.length) out.push([seg(' '), seg(`Ended after ${n} of ${state.items.length} questions.`, dim)]);
  out.push([], [seg(' By kind', bold)]);
  for (const [kind, t] of tally(state, (r): QuizKind => r.item.question.kind)) out.push([seg(truncate(`   ${kind.padEnd(10)} ${t.right}/${t.total}`, width))]);
  out.push([], [seg(' By topic', bold)]);
  for (const [topic, t] of tally(state, (r) => r.item.question.topic)) out.push([seg(truncate(`   ${t.right}/${t.total}  ${topicTitle(state.index.topics, topic)}`, width))]);
  if (!state.stored) out.push([], [seg(' Answers were not stored: progress is not available in this run.', { tone: 'warning' })]);
  return out;
}

export function practiceBody(state: PracticeState, width: number, height: number): { lines: Line[]; status: string; location?: string } {
  switch (state.mode) {
    case 'setup':
      return { lines: setupLines(state, width, height), status: state.flash ?? '' };
    case 'question': {
      const lines = questionLines(state, width);
      return { lines: lines.slice(0, height), status: state.flash ?? (lines.length > height ? `↓ ${lines.length - height} more` : '') };
    }
    case 'feedback': {
      const lines = feedbackLines(state, width);
      const top = Math.min(state.scroll, Math.max(0, lines.length - height));
      const below = Math.max(0, lines.length - top - height);
      const src = lastResult(state)?.item.question.sources[0];
      return { lines: lines.slice(top, top + height), status: state.flash ?? (below > 0 ? `↓ ${below} more (j)` : ''), ...(src ? { location: `${src.file}:${src.line}` } : {}) };
    }
    case 'summary': {
      const lines = summaryLines(state, width);
      return { lines: lines.slice(0, height), status: state.flash ?? '' };
    }
  }
}
