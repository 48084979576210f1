import { type Line, type Style, seg } from '../../markdown/types.js';
import { padEnd, truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import type { LabBest } from '../../../labs/results.js';
import { outOf } from './points.js';
import { DETAIL_LINES, type LabsState, listHeight, selectedListing } from './state.js';

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
  out.push([seg('─'.repeat(Math.max(0, width)), dim)]);
  out.push(...detailLines(state, width));
  return { lines: out, status: `${state.cursor + 1}/${state.labs.length}` };
}

const HOW = { settings: 'choose settings in a form', commands: 'type AWS CLI commands in the lab console', code: 'write a small module' } as const;

/**
 * The selected lab under the list: its whole title (the row cuts it), what it covers and how it
 * is solved, and the best score; a file that does not load shows its first error instead.
 */
function detailLines(state: LabsState, width: number): Line[] {
  const sel = selectedListing(state);
  const room = DETAIL_LINES - 1;
  const indent = { width, first: [seg(' ')], rest: [seg(' ')] };
  if (!sel) return [];
  if (!sel.lab) return wrap([seg(sel.problem ?? 'this file has errors (shardlab lab lint)', { tone: 'error' })], indent).slice(0, room);
  const l = sel.lab;
  const best = state.best.get(l.id);
  const facts = `${l.services.join(', ')} · ${l.difficulty} · ${l.minutes} min · ${l.points} points`;
  const tail: Line[] = [
    [seg(' '), seg(truncate(facts, width - 1))],
    [seg(' '), seg(truncate(`${l.id} · solved by: ${HOW[l.solve]}`, width - 1), dim)],
    [seg(' '), seg(truncate(best ? `Best ${bestText(best)} in ${best.runs} run${best.runs === 1 ? '' : 's'}` : 'Not tried yet · Enter opens it', width - 1), best?.passed ? { tone: 'due' } : dim)],
  ];
  const title = wrap([seg(l.title, { bold: true })], indent);
  // A title longer than its rows ends in an ellipsis rather than losing words silently.
  const titleRows = room - tail.length;
  const shown = title.length <= titleRows ? title : [...title.slice(0, titleRows - 1), [seg(' '), seg(truncate(title.slice(titleRows - 1).map((r) => r.map((x) => x.text).join('').trim()).join(' '), width - 1), { bold: true })]];
  return [...shown, ...tail];
}
