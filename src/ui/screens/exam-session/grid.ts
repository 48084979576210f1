import { textWidth, truncate } from '../../markdown/width.js';

// The review grid's geometry and its condensed lists, shared by the reducer (which keeps the
// cursor's row in view) and the lines (which draw the same window), so the two always agree.
// A full paper (65 questions, or a custom one of 100+) does not fit 80×24 as a list of every
// number, so the grid scrolls by rows and the unanswered and flagged lists shrink to ranges.

/** Rows of ten read as the paper's numbers do (1–10, 11–20); narrow screens get fewer. */
export const GRID_MAX_COLUMNS = 10;

/** A cell: the number right-aligned in four (a space before a three-digit one), the answer mark, the flag. */
export const CELL_TEXT = 6;

/** Lines of the grid view that are not cells: legend, blank, blank, unanswered, flagged. */
const FIXED_LINES = 5;

export interface GridLayout {
  columns: number;
  /** Columns a cell takes on screen, its gap included. */
  cellWidth: number;
  rows: number;
  /** Rows of cells shown at once. */
  room: number;
  /** More rows than room: a line under the cells says what is above and below. */
  windowed: boolean;
}

/** `height` is what the grid view may use: the body less the clock line and the blank under it. */
export function gridLayout(count: number, width: number, height: number): GridLayout {
  const columns = Math.max(1, Math.min(GRID_MAX_COLUMNS, Math.floor((width - 1) / CELL_TEXT)));
  const cellWidth = Math.max(CELL_TEXT, Math.min(CELL_TEXT + 1, Math.floor((width - 1) / columns)));
  const rows = Math.ceil(count / columns);
  const fits = rows <= height - FIXED_LINES;
  return { columns, cellWidth, rows, room: fits ? rows : Math.max(1, height - FIXED_LINES - 1), windowed: !fits };
}

/** The first row shown: as before if the cursor's row is in it, else moved just enough to show it. */
export function gridTop(layout: GridLayout, previous: number, cursor: number): number {
  const row = Math.floor(cursor / layout.columns);
  const top = row < previous ? row : row >= previous + layout.room ? row - layout.room + 1 : previous;
  return Math.min(Math.max(0, top), Math.max(0, layout.rows - layout.room));
}

/** Sorted 0-based indices as the candidate reads them: 1-based, runs of three or more as ranges. */
export function numberRanges(indices: readonly number[]): { text: string; count: number }[] {
  const out: { text: string; count: number }[] = [];
  let i = 0;
  while (i < indices.length) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    const first = indices[i]! + 1;
    const last = indices[j]! + 1;
    // Two neighbours read better as "4, 5" than as a range of two.
    if (j - i >= 2) out.push({ text: `${first}–${last}`, count: j - i + 1 });
    else for (let k = i; k <= j; k++) out.push({ text: String(indices[k]! + 1), count: 1 });
    i = j + 1;
  }
  return out;
}

/**
 * One line: the label, how many, and the ranges that fit in `width`; the rest are counted
 * (`Unanswered (40): 3–20, 31 … +21 more`), so the line never wraps into the rows below.
 */
export function condensedList(label: string, indices: readonly number[], width: number): string {
  const head = `${label} (${indices.length}): `;
  const items = numberRanges(indices);
  const full = head + items.map((r) => r.text).join(', ');
  if (textWidth(full) <= width) return full;
  let shown = '';
  let left = indices.length;
  for (const r of items) {
    const next = shown ? `${shown}, ${r.text}` : r.text;
    if (textWidth(`${head}${next} … +${left - r.count} more`) > width) break;
    shown = next;
    left -= r.count;
  }
  return truncate(`${head}${shown}${shown ? ' ' : ''}… +${left} more`, width);
}

/** The next of `indices` after `from`, round to the first; undefined when there is none. */
export function nextAfter(indices: readonly number[], from: number): number | undefined {
  return indices.find((i) => i > from) ?? indices[0];
}
