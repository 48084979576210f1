import type { FileStats } from '../../../content/stats.js';
import { type Line, type Segment, type Style, seg } from '../../markdown/types.js';
import { padEnd, textWidth, truncateStart } from '../../markdown/width.js';
import { lineWidth, wrap } from '../../markdown/wrap.js';
import type { FileViewSection } from './file-view.js';
import { type ContentState, listRows, openView, viewRows } from './state.js';

type Column = 'topics' | 'cards' | 'facts' | 'questions' | 'errors' | 'warnings';
type Counts = Pick<FileStats, Column>;

const columns: readonly Column[] = ['topics', 'cards', 'facts', 'questions', 'errors', 'warnings'];
const longLabels: readonly string[] = ['topics', 'cards', 'facts', 'questions', 'errors', 'warnings'];
const shortLabels: readonly string[] = ['top', 'crd', 'fct', 'qst', 'err', 'wrn'];
const dim: Style = { dim: true };

export function totals(rows: readonly FileStats[]): Counts {
  const sum: Counts = { topics: 0, cards: 0, facts: 0, questions: 0, errors: 0, warnings: 0 };
  for (const row of rows) for (const c of columns) sum[c] += row[c];
  return sum;
}

const number = (n: number) => n.toLocaleString('en-US');

interface Table {
  fileWidth: number;
  labels: readonly string[];
  widths: number[];
}

/** Column widths for the list: full labels when the file names keep enough room, else short ones. */
function table(rows: readonly FileStats[], sum: Counts, width: number): Table {
  const names = Math.max(4, textWidth(`${rows.length} files`), ...rows.map((r) => textWidth(r.file)));
  let chosen: Table | undefined;
  for (const labels of [longLabels, shortLabels]) {
    const widths = columns.map((c, i) => Math.max(textWidth(labels[i]!), number(sum[c]).length));
    const room = width - 2 - widths.reduce((n, w) => n + w + 1, 0);
    chosen = { fileWidth: Math.max(4, Math.min(names, room)), labels, widths };
    if (room >= Math.min(names, 30)) break;
  }
  return chosen!;
}

/** Problems stand out; zeros step back. */
function countStyle(column: Column, value: number): Style {
  if (value === 0) return dim;
  if (column === 'errors') return { bold: true, tone: 'error' };
  if (column === 'warnings') return { bold: true, tone: 'warning' };
  return {};
}

function cells(counts: Counts, layout: Table): Segment[] {
  return columns.flatMap((c, i) => [seg(' '), seg(number(counts[c]).padStart(layout.widths[i]!), countStyle(c, counts[c]))]);
}

/** The list: a header row, the window of files around the selection, a rule and the totals. */
export function listLines(state: ContentState, width: number, height: number): Line[] {
  if (state.rows.length === 0) {
    return [
      [],
      ...wrap([seg('No notes here yet.', { bold: true })], { width, first: [seg(' ')] }),
      [],
      ...wrap([seg('shardlab reads notes from '), seg(state.index.root, { tone: 'code' }), seg('. Add .md files there, or start shardlab with --content DIR.')], {
        width,
        first: [seg(' ')],
      }),
    ];
  }
  const sum = totals(state.rows);
  const layout = table(state.rows, sum, width);
  const out: Line[] = [[seg('  '), seg(padEnd('file', layout.fileWidth), dim), ...layout.labels.flatMap((l, i) => [seg(' '), seg(l.padStart(layout.widths[i]!), dim)])]];
  const visible = state.rows.slice(state.listTop, state.listTop + listRows(state.size));
  visible.forEach((row, offset) => {
    const on = state.listTop + offset === state.selected;
    const name = padEnd(truncateStart(row.file, layout.fileWidth), layout.fileWidth);
    out.push([seg(on ? '❯ ' : '  ', on ? { bold: true, tone: 'heading' } : {}), seg(name, on ? { bold: true, inverse: true } : {}), ...cells(row, layout)]);
  });
  const tableWidth = lineWidth(out[0]!);
  out.push([seg('  '), seg('─'.repeat(Math.max(0, tableWidth - 2)), dim)]);
  const files = `${number(state.rows.length)} file${state.rows.length === 1 ? '' : 's'}`;
  out.push([seg('  '), seg(padEnd(files, layout.fileWidth), { bold: true }), ...cells(sum, layout)]);
  if (out.length + 2 <= height) {
    out.push([], ...wrap([seg('Enter shows what a file yields: its topics, facts with parsed values, cards, questions and problems.', dim)], { width, first: [seg('  ')] }));
  }
  return out.slice(0, height);
}

function barItem(section: FileViewSection, index: number, labelled: boolean): Segment[] {
  const parts = [seg(`${index + 1}`, dim)];
  if (!labelled) return parts;
  parts.push(seg(` ${section.label}`));
  if (section.id === 'diagnostics' && section.count > 0) {
    const errors = section.errors > 0;
    parts.push(seg(` ${errors ? section.errors : section.warnings}`, { bold: true, tone: errors ? 'error' : 'warning' }));
  }
  return parts;
}

/**
 * The row above the file view: every section with its number key, the current one highlighted,
 * its problems counted. Narrower terminals get tighter spacing, then only the numbers of the
 * sections other than the current one.
 */
export function sectionBar(sections: readonly FileViewSection[], current: number, width: number): Line {
  const build = (mode: 'padded' | 'tight' | 'numbers'): Line => {
    const line: Line = [];
    sections.forEach((s, i) => {
      const on = i === current;
      const item = barItem(s, i, mode !== 'numbers' || on);
      const pad = mode === 'padded' || on ? ' ' : '';
      if (i > 0 && mode !== 'padded') line.push(seg(' '));
      const parts = [seg(pad), ...item, seg(pad)].filter((p) => p.text !== '');
      line.push(...(on ? parts.map((p) => seg(p.text, { bold: true, inverse: true, ...(p.style.tone ? { tone: p.style.tone } : {}) })) : parts));
    });
    return line;
  };
  const padded = build('padded');
  if (lineWidth(padded) <= width) return padded;
  const tight = build('tight');
  return lineWidth(tight) <= width ? tight : build('numbers');
}

/** The file view's visible lines and where they sit in the whole view. */
export function fileWindow(state: ContentState): { lines: Line[]; top: number; total: number; height: number } {
  const view = openView(state);
  const height = viewRows(state.size);
  if (!view) return { lines: [], top: 0, total: 0, height };
  return { lines: view.lines.slice(state.scroll, state.scroll + height), top: state.scroll, total: view.lines.length, height };
}
