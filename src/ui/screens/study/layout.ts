import { type TerminalSize, bodyHeight } from '../../layout.js';

export interface StudyLayout {
  /** Side by side on wide terminals, tree above pane on narrow ones. */
  mode: 'columns' | 'stacked';
  body: number;
  /** The tree box; its first row is the tree's title, the rest are topic rows. */
  tree: { width: number; height: number; rows: number };
  /** Text area of the reading pane (without its margin and scroll bar). */
  pane: { width: number; height: number };
}

const columnsFrom = 64;

export function studyLayout(size: TerminalSize): StudyLayout {
  const body = bodyHeight(size);
  if (size.columns >= columnsFrom) {
    const treeWidth = Math.min(40, Math.max(22, Math.round(size.columns * 0.32)));
    // Tree, a separator column, then the pane: a margin column, the text, a gap and the scroll bar.
    const paneWidth = Math.max(1, size.columns - treeWidth - 1 - 3);
    return { mode: 'columns', body, tree: { width: treeWidth, height: body, rows: Math.max(1, body - 1) }, pane: { width: paneWidth, height: body } };
  }
  const treeHeight = Math.max(3, Math.floor(body * 0.4));
  const paneHeight = Math.max(1, body - treeHeight - 1);
  return {
    mode: 'stacked',
    body,
    tree: { width: size.columns, height: treeHeight, rows: treeHeight - 1 },
    pane: { width: Math.max(1, size.columns - 2), height: paneHeight },
  };
}
