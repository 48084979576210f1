import type { ContentIndex } from '../../../content/model.js';
import { type FileStats, fileStats } from '../../../content/stats.js';
import { type TerminalSize, bodyHeight, windowStart } from '../../layout.js';
import type { ScreenContext } from '../model.js';
import { fileView } from './file-view.js';

export interface ContentState {
  index: ContentIndex;
  /** One row per note file, in path order, with what it yields. */
  rows: readonly FileStats[];
  /** The highlighted row of the list. */
  selected: number;
  /** First list row in view. */
  listTop: number;
  /** Path of the file whose view is open; undefined shows the list. */
  open: string | undefined;
  /** First line of the file view in view. */
  scroll: number;
  /** The file view's current section (an index into its sections). */
  section: number;
  size: TerminalSize;
}

export type ContentAction =
  | { type: 'move'; by: number }
  | { type: 'movePage'; by: number }
  | { type: 'moveTo'; position: 'first' | 'last' }
  | { type: 'openFile' }
  | { type: 'closeFile' }
  | { type: 'scroll'; by: number }
  | { type: 'scrollPage'; by: number }
  | { type: 'scrollTo'; position: 'top' | 'bottom' }
  | { type: 'jump'; section: number }
  | { type: 'cycleSection'; by: number };

/** Rows of the list between its header row and its total rows. */
export function listRows(size: TerminalSize): number {
  return Math.max(1, bodyHeight(size) - 3);
}

/** Rows of the file view below its section bar. */
export function viewRows(size: TerminalSize): number {
  return Math.max(1, bodyHeight(size) - 1);
}

/** Columns of the file view's text: a gap and the scroll bar take the last two. */
export function viewWidth(size: TerminalSize): number {
  return Math.max(1, size.columns - 2);
}

/** The open file's view at the current width, or undefined on the list. */
export function openView(state: ContentState) {
  return state.open === undefined ? undefined : fileView(state.index, state.open, viewWidth(state.size));
}

export function maxScroll(state: ContentState): number {
  const view = openView(state);
  return view ? Math.max(0, view.lines.length - viewRows(state.size)) : 0;
}

export function initContent(ctx: ScreenContext, size: TerminalSize): ContentState {
  const index = ctx.index;
  return settle({ index, rows: fileStats(index), selected: 0, listTop: 0, open: undefined, scroll: 0, section: 0, size });
}

/** The section whose heading is the last one at or above `line`. */
function sectionAt(starts: readonly number[], line: number): number {
  let found = 0;
  starts.forEach((start, i) => {
    if (start <= line) found = i;
  });
  return found;
}

/**
 * Restores what every action relies on: the selection is a row and in view, the open file exists
 * and the scroll is within its text. `follow` makes the current section the one at the top of the
 * view (after the reader scrolled); otherwise it stays the one jumped to.
 */
function settle(state: ContentState, follow = false): ContentState {
  const count = state.rows.length;
  const selected = count === 0 ? 0 : Math.min(Math.max(0, state.selected), count - 1);
  const listTop = windowStart(state.listTop, selected, listRows(state.size), count);
  const next = { ...state, selected, listTop };
  const view = openView(next);
  if (!view) return { ...next, open: undefined, scroll: 0, section: 0 };
  const scroll = Math.min(Math.max(0, state.scroll), Math.max(0, view.lines.length - viewRows(state.size)));
  const starts = view.sections.map((s) => s.start);
  const section = follow ? sectionAt(starts, scroll) : Math.min(Math.max(0, state.section), Math.max(0, starts.length - 1));
  return { ...next, scroll, section };
}

function jumpTo(state: ContentState, section: number): ContentState {
  const view = openView(state);
  if (!view || section < 0 || section >= view.sections.length) return state;
  // The heading goes to the top of the view, as far as the text below it allows; settle clamps.
  return { ...state, section, scroll: view.sections[section]!.start };
}

function reduce(state: ContentState, action: ContentAction): ContentState {
  switch (action.type) {
    case 'move':
      return { ...state, selected: state.selected + action.by };
    case 'movePage':
      return { ...state, selected: state.selected + action.by * Math.max(1, listRows(state.size) - 1) };
    case 'moveTo':
      return { ...state, selected: action.position === 'first' ? 0 : state.rows.length - 1 };
    case 'openFile': {
      const row = state.rows[state.selected];
      return row ? { ...state, open: row.file, scroll: 0, section: 0 } : state;
    }
    case 'closeFile':
      return { ...state, open: undefined };
    case 'scroll':
      return { ...state, scroll: state.scroll + action.by };
    case 'scrollPage':
      // A page keeps two lines of the previous one in view, as the reading pane does.
      return { ...state, scroll: state.scroll + action.by * Math.max(1, viewRows(state.size) - 2) };
    case 'scrollTo':
      return { ...state, scroll: action.position === 'top' ? 0 : maxScroll(state) };
    case 'jump':
      return jumpTo(state, action.section);
    case 'cycleSection': {
      const count = openView(state)?.sections.length ?? 0;
      if (count === 0) return state;
      return jumpTo(state, (((state.section + action.by) % count) + count) % count);
    }
  }
}

const scrolls = new Set<ContentAction['type']>(['scroll', 'scrollPage', 'scrollTo']);

export function contentReducer(state: ContentState, action: ContentAction): ContentState {
  const next = reduce(state, action);
  if (next === state) return state;
  let settled = settle(next);
  // Scrolling moves the current section along, but a key that cannot scroll further changes nothing.
  if (scrolls.has(action.type) && settled.scroll !== state.scroll) settled = settle(next, true);
  const same =
    settled.selected === state.selected &&
    settled.listTop === state.listTop &&
    settled.open === state.open &&
    settled.scroll === state.scroll &&
    settled.section === state.section;
  return same ? state : settled;
}

export function resizeContent(state: ContentState, size: TerminalSize): ContentState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  return settle({ ...state, size });
}

/**
 * The screen on reloaded notes, keeping the reader's place: the same file highlighted (by path),
 * its view still open in the same section, as far below the section's heading as before (clamped),
 * if it still exists; a file that was removed gives way to the list, with the row now in its place
 * highlighted.
 */
export function reloadContent(state: ContentState, ctx: ScreenContext, size: TerminalSize): ContentState {
  const index = ctx.index;
  const rows = fileStats(index);
  const file = state.rows[state.selected]?.file;
  const found = file === undefined ? -1 : rows.findIndex((r) => r.file === file);
  const open = state.open !== undefined && rows.some((r) => r.file === state.open) ? state.open : undefined;
  const next = { ...state, index, rows, selected: found >= 0 ? found : state.selected, open, size };
  // Rows added above move the text down: keep the same distance from the current section's heading.
  const before = openView(state)?.sections[state.section];
  const after = openView(next)?.sections[state.section];
  const scroll = before && after ? after.start + (state.scroll - before.start) : state.scroll;
  return settle({ ...next, scroll });
}

/** Title of the open file (its topic), for the breadcrumb. */
export function openTitle(state: ContentState): string | undefined {
  if (state.open === undefined) return undefined;
  return state.index.files.find((f) => f.file === state.open)?.topic.title ?? state.open;
}
