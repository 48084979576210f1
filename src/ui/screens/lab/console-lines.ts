import { windowStart } from '../../layout.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncate, truncateStart } from '../../markdown/width.js';
import { starterCommands } from '../../../labs/starter.js';
import type { LabState } from './state.js';

// The lab console as lines: the kept lines (the solution) at the top, the prompt, and under it
// the answer pane (completions, then AWS's answer or the help text). The answer pane scrolls, so
// a help page or a long describe-stream answer is never cut off; the reducer clamps its scroll
// with the same layout the view draws.

const dim: Style = { dim: true };
/** Kept lines that stay in view while a long answer takes the rest of the pane. */
const KEPT_MIN = 3;

export interface ConsolePane {
  lines: Line[];
  /** The answer pane: its first row shown, its rows in all, and the rows it has on screen. */
  output: { top: number; total: number; room: number };
}

/**
 * A line cut to `width` columns without losing any of it: continuation rows keep the line's own
 * indent (JSON nesting, help columns) plus two, and break at a space when one is near the end.
 */
export function hardWrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const indent = `${/^\s*/.exec(text)![0]}  `.slice(0, Math.max(0, Math.floor(width / 2)));
  const out: string[] = [];
  let rest = text;
  let room = width;
  while (rest.length > room) {
    const space = rest.lastIndexOf(' ', room);
    const cut = space > room / 2 ? space : room;
    out.push(rest.slice(0, cut));
    rest = indent + rest.slice(cut).trimStart();
    room = width;
  }
  out.push(rest);
  return out;
}

/** The answer shown: the last one the prompt gave, else the selected (or newest) kept line's. */
function shownAnswer(s: LabState): { text: string; ok: boolean } | null {
  if (s.output) return s.output;
  const a = s.typing ? s.answers.at(-1) : s.answers[s.selected];
  return a ? { text: a.text, ok: a.ok } : null;
}

export function consolePane(s: LabState, width: number, height: number): ConsolePane {
  const kept: Line[] = [];
  /** Row of each kept line in `kept`, so the selected one can be kept in view. */
  const rowOf: number[] = [];
  if (s.commands.length === 0) {
    kept.push([seg(' '), seg('Type AWS CLI commands; Enter runs one, Tab completes, help lists them.', dim)]);
    if (starterCommands(s.lab).length > 0) kept.push([seg(' '), seg("Esc, then s, brings back the lab's starter lines.", dim)]);
  }
  s.commands.forEach((c, i) => {
    const a = s.answers[i];
    rowOf.push(kept.length);
    const picked = !s.typing && i === s.selected;
    const mark = picked ? seg('›', { tone: 'heading', bold: true }) : seg(' ');
    const status = a?.kind === 'later' ? seg('· ', dim) : seg(a?.ok ? '✓ ' : '✗ ', { tone: a?.ok ? 'due' : 'error' });
    // The selected line is shown whole, wrapped under itself: a long update's payload is the part that matters.
    const [first = '', ...more] = picked ? hardWrap(c, width - 4) : [truncate(c, width - 4)];
    kept.push([mark, status, seg(first)], ...more.map((m): Line => [seg('   '), seg(m)]));
    if (a && !a.ok && a.text) kept.push([seg('    '), seg(truncate(a.text.split('\n')[0]!, width - 5), { tone: 'error' })]);
  });

  const below: Line[] = [];
  if (s.completions.length) below.push(...hardWrap(s.completions.join('  '), width - 1).map((l): Line => [seg(' '), seg(l, dim)]));
  const answer = shownAnswer(s);
  if (answer?.text) {
    const style: Style = answer.ok ? dim : { tone: 'error' };
    for (const l of answer.text.split('\n')) below.push(...hardWrap(l, width - 1).map((w): Line => [seg(' '), seg(w, style)]));
  }

  // While typing, a long answer may take all but a few kept lines; while picking a kept line,
  // the list keeps at least half the pane.
  const room = Math.max(3, height) - 1;
  const keepMin = Math.min(kept.length, s.typing ? KEPT_MIN : Math.ceil(room / 2));
  const keptRoom = Math.min(kept.length, Math.max(keepMin, room - below.length));
  const outRoom = Math.max(0, room - keptRoom);
  const selectedRow = s.typing || rowOf.length === 0 ? kept.length - 1 : rowOf[s.selected] ?? kept.length - 1;
  const keptTop = s.typing ? Math.max(0, kept.length - keptRoom) : windowStart(kept.length - keptRoom, selectedRow, keptRoom, kept.length);
  const top = Math.min(s.outputScroll, Math.max(0, below.length - outRoom));
  return {
    lines: [...kept.slice(keptTop, keptTop + keptRoom), promptLine(s, width), ...below.slice(top, top + outRoom)],
    output: { top, total: below.length, room: outRoom },
  };
}

function promptLine(s: LabState, width: number): Line {
  const label = '$ ';
  const room = width - label.length - 2;
  const text = s.input.length > room ? truncateStart(s.input, room) : s.input;
  const cut = s.input.length - text.length;
  const at = s.cursor - cut;
  if (!s.typing) return [seg(' '), seg(label, dim), seg(text || 'Enter or i to type', dim)];
  return [seg(' '), seg(label, { tone: 'heading', bold: true }), seg(text.slice(0, at)), seg(text[at] ?? ' ', { inverse: true }), seg(text.slice(at + 1))];
}

/** `output 1–15/48` for the footer when the answer does not fit its pane. */
export function outputStatus(pane: ConsolePane): string {
  const { top, total, room } = pane.output;
  return total > room ? `output ${top + 1}–${Math.min(total, top + room)}/${total}` : '';
}
