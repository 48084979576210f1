import { windowStart } from '../../layout.js';
import { type Line, seg } from '../../markdown/types.js';
import { padEnd, textWidth, truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { type HomeState, summaryLine, todayLine } from './state.js';

const tagline = 'Study the AWS data-collection services in the terminal.';

/** Home's body as lines: title, summary, then as much of the menu as fits around the selection. */
export function homeLines(state: HomeState, width: number, height: number): Line[] {
  const head: Line[] = [
    [],
    [seg(' shardlab', { bold: true, tone: 'heading' }), seg(`  ${state.version}`, { dim: true })],
    ...wrap([seg(tagline, { dim: true })], { width, first: [seg(' ')] }),
    [],
    ...wrap([seg(summaryLine(state.summary))], { width, first: [seg(' ')] }),
  ];
  if (state.today) {
    const waiting = state.today.due + state.today.new > 0;
    head.push(...wrap([seg(todayLine(state.today), waiting ? { bold: true, tone: 'due' } : { dim: true })], { width, first: [seg(' ')] }));
  }
  if (state.exam) head.push(...wrap([seg(state.exam, { tone: 'fact' })], { width, first: [seg(' ')] }));
  if (state.summary.topics === 0) {
    head.push(
      ...wrap(
        [seg(`No notes found in ${state.root}. Add markdown files there, or start shardlab with --content DIR.`, { tone: 'fact' })],
        { width, first: [seg(' ')] },
      ),
    );
  }
  head.push([]);

  const titleWidth = Math.max(...state.items.map((i) => textWidth(i.title)));
  const numberWidth = String(state.items.length).length;
  // The menu is what Home is for: on a short terminal it keeps its rows and the summary gives way.
  const room = Math.max(1, Math.max(height - head.length, Math.min(state.items.length, height - 2)));
  const start = windowStart(0, state.selected, room, state.items.length);
  const menu = state.items.slice(start, start + room).map((item, offset): Line => {
    const i = start + offset;
    const on = i === state.selected;
    const lead = `${on ? ' ❯ ' : '   '}${String(i + 1).padStart(numberWidth)}  `;
    const title = padEnd(item.title, titleWidth);
    const description = truncate(item.description, Math.max(0, width - textWidth(lead) - titleWidth - 3));
    return [
      seg(lead, on ? { bold: true, tone: 'heading' } : { dim: true }),
      seg(title, on ? { bold: true, inverse: true } : { bold: true }),
      seg('   '),
      seg(description, on ? {} : { dim: true }),
    ];
  });
  return [...head.slice(0, Math.max(0, height - menu.length)), ...menu];
}
