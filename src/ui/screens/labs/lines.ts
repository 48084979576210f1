import { type Line, type Style, seg } from '../../markdown/types.js';
import { padEnd, truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import type { LabBest } from '../../../labs/results.js';
import { outOf } from './points.js';
import { type LabsState, listHeight, selectedListing } from './state.js';

// The Labs list as styled lines: one row a lab, then the selected lab's details.

const dim: Style = { dim: true };
const LEVEL: Record<string, string> = { beginner: 'beginner', intermediate: 'intermed.', advanced: 'advanced' };

export function bestText(best: LabBest | undefined): string {
  if (!best) return 'not tried';
  return `${outOf(best.score, best.maxScore)}${best.passed ? ' ✓' : ''}`;
}

export function labsBody(state: LabsState, width: number): { lines: Line[]; status: string } {
  if (state.status === 'failed') return { lines: [[seg(' '), seg(truncate(`The labs could not be read: ${state.error ?? ''}`, width - 1), { tone: 'error' })]], status: '' };
  if (state.status !== 'ready') return { lines: [[seg(' Reading the labs…', dim)]], status: '' };
  if (state.labs.length === 0) return { lines: [[seg(' No labs in the labs folder (--labs DIR).', dim)]], status: '' };
  // Title | services | level | min | best
  const fixed = 18 + 10 + 5 + 11 + 3;
  const titleW = Math.max(10, width - fixed);
  const head: Line = [seg(` ${padEnd('Lab', titleW)} ${padEnd('Services', 17)} ${padEnd('Level', 9)} ${padEnd('Min', 4)} Best`, { bold: true })];
  const rows = state.labs.slice(state.top, state.top + listHeight(state.size)).map((l, i): Line => {
    const at = state.top + i;
    const mark = at === state.cursor ? seg('›', { tone: 'heading', bold: true }) : seg(' ');
    const style: Style = at === state.cursor ? { bold: true } : {};
    if (!l.lab) return [mark, seg(truncate(`${padEnd(l.file, titleW)} unavailable: errors in the file`, width - 1), { tone: 'error' })];
    const best = state.best.get(l.lab.id);
    return [
      mark,
      seg(`${padEnd(truncate(l.lab.title, titleW), titleW)} `, style),
      seg(`${padEnd(truncate(l.lab.services.join(', '), 17), 17)} ${padEnd(LEVEL[l.lab.difficulty] ?? l.lab.difficulty, 9)} ${padEnd(String(l.lab.minutes), 4)} `, dim),
      seg(bestText(best), best ? (best.passed ? { tone: 'due', bold: true } : {}) : dim),
    ];
  });
  const out: Line[] = [head, ...rows];
  while (out.length < listHeight(state.size) + 1) out.push([]);
  const sel = selectedListing(state);
  out.push([seg('─'.repeat(Math.max(0, width)), dim)]);
  if (sel?.lab) {
    const l = sel.lab;
    const best = state.best.get(l.id);
    const how = { settings: 'choose settings in a form', commands: 'type AWS CLI commands in the lab console', code: 'write a small module' }[l.solve];
    out.push([seg(' '), seg(truncate(`${l.id} · ${l.points} points · solved by: ${how}`, width - 1), dim)]);
    out.push([seg(' '), seg(truncate(best ? `Best ${bestText(best)} in ${best.runs} run${best.runs === 1 ? '' : 's'}` : 'Not tried yet · Enter opens it', width - 1), dim)]);
  } else if (sel) {
    out.push(...wrap([seg(sel.problem ?? 'this file has errors (shardlab lab lint)', { tone: 'error' })], { width, first: [seg(' ')], rest: [seg(' ')] }).slice(0, 2));
  }
  return { lines: out, status: `${state.cursor + 1}/${state.labs.length}` };
}
