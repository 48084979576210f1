import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate, truncateStart } from '../../markdown/width.js';
import { hardWrap } from './console-lines.js';
import type { InspectState } from './inspect.js';

// The inspect console as lines: what it is for, the last few lines typed with ✓/✗, the prompt,
// and the newest answer, wrapped and scrolled by PgUp/PgDn.

const dim: Style = { dim: true };
/** Earlier lines kept in view above the prompt. */
const HISTORY = 3;

export function inspectLines(i: InspectState, width: number, height: number): { lines: Line[]; status: string } {
  const head: Line[] = [[seg(' '), seg('Inspect', { bold: true }), seg(truncate('  the world as your run left it · Esc: back to the result', width - 9), dim)], []];
  const history = i.log.slice(-HISTORY - 1, -1).map((l): Line => [seg(' '), seg(l.answer ? (l.answer.ok ? '✓ ' : '✗ ') : '· ', l.answer?.ok ? { tone: 'due' } : { tone: 'error' }), seg(truncate(l.line, width - 4), dim)]);
  const newest = i.log.at(-1);
  if (newest) history.push([seg(' '), seg('$ ', dim), seg(truncate(newest.line, width - 4))]);
  const label = '$ ';
  const room = width - label.length - 2;
  const text = i.input.length > room ? truncateStart(i.input, room) : i.input;
  const at = i.cursor - (i.input.length - text.length);
  const prompt: Line = [seg(' '), seg(label, { tone: 'heading', bold: true }), seg(text.slice(0, at)), seg(text[at] ?? ' ', { inverse: true }), seg(text.slice(at + 1))];

  const below: Line[] = [];
  if (i.completions.length) below.push(...hardWrap(i.completions.join('  '), width - 1).map((l): Line => [seg(' '), seg(l, dim)]));
  if (newest && !i.completions.length) {
    const answer = newest.answer;
    const style: Style = !answer || answer.ok ? dim : { tone: 'error' };
    const body = answer ? answer.text || '(no output)' : 'asking…';
    for (const l of body.split('\n')) below.push(...hardWrap(l, width - 1).map((w): Line => [seg(' '), seg(w, style)]));
  }
  if (!newest) below.push([seg(' '), seg(truncate('e.g. aws s3 ls s3://bucket/errors/ --recursive, aws sqs receive-message --queue-url …; help lists them', width - 1), dim)]);
  const outRoom = Math.max(1, height - head.length - history.length - 1);
  const top = Math.min(i.scroll, Math.max(0, below.length - outRoom));
  return {
    lines: [...head, ...history, prompt, ...below.slice(top, top + outRoom)],
    status: below.length > outRoom ? `output ${top + 1}–${Math.min(below.length, top + outRoom)}/${below.length}` : '',
  };
}
