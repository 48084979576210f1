import { type Line, type Style, seg } from '../../markdown/types.js';
import { textWidth, truncate, truncateStart } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { studyLayout } from './layout.js';
import { type StudyState, paneLines, rowsOf, selectedTopic } from './state.js';

/** The tree box: a title row, then the window of topic rows. */
export function treeLines(state: StudyState): Line[] {
  const { tree } = studyLayout(state.size);
  const rows = rowsOf(state);
  const index = rows.findIndex((r) => r.topic.id === state.selected);
  const focused = state.focus === 'tree' || state.editing;
  const title: Line = state.filter
    ? [seg('Filter ', { bold: true }), seg(truncate(state.filter, Math.max(1, tree.width - 16)), { tone: 'match', bold: true }), seg(` · ${rows.filter((r) => r.match).length} found`, { dim: true })]
    : [seg('Topics', { bold: focused }), ...(rows.length > 0 ? [seg(` ${index + 1}/${rows.length}`, { dim: true })] : [])];
  const out: Line[] = [title];
  if (state.topics.length === 0) {
    out.push([seg('No topics yet', { dim: true })]);
    return out;
  }
  if (rows.length === 0) {
    out.push(...wrap([seg('No titles match.', { dim: true })], { width: tree.width - 1 }));
    return out;
  }
  for (const row of rows.slice(state.treeTop, state.treeTop + tree.rows)) {
    const indent = '  '.repeat(row.level);
    const marker = row.hasChildren ? (row.open ? '▾ ' : '▸ ') : '  ';
    const text = truncate(row.topic.title, Math.max(1, tree.width - 1 - textWidth(indent) - 2));
    const selected = row.topic.id === state.selected;
    const style: Style = selected
      ? focused
        ? { inverse: true, bold: true }
        : { bold: true, underline: true }
      : row.match
        ? row.level === 0
          ? { bold: true }
          : {}
        : { dim: true };
    out.push([seg(indent + marker, { dim: true }), seg(text, style)]);
  }
  return out;
}

/** The pane's visible lines and where they sit in the whole section. */
export function paneWindow(state: StudyState): { lines: Line[]; top: number; total: number; height: number } {
  const { pane } = studyLayout(state.size);
  const all = paneLines(state);
  if (!selectedTopic(state)) {
    const message = [
      ...wrap([seg('There are no notes to study yet.', { bold: true })], { width: pane.width }),
      [],
      ...wrap(
        [
          seg('shardlab reads markdown notes from '),
          seg(state.root, { tone: 'code' }),
          seg('. Add .md files there (a file is a topic, its headings are subtopics), or start shardlab with --content DIR.'),
        ],
        { width: pane.width },
      ),
    ];
    return { lines: message, top: 0, total: message.length, height: pane.height };
  }
  return { lines: all.slice(state.paneTop, state.paneTop + pane.height), top: state.paneTop, total: all.length, height: pane.height };
}

// Shared with other scrolling views; kept under these names for the Study screen's callers.
export { scrollStatus as paneStatus, scrollThumb } from '../../layout.js';

/** The footer prompt while the filter is being typed. */
export function filterPrompt(state: StudyState): Line | undefined {
  if (!state.editing) return undefined;
  // The end of a long query is where typing happens, so that is the part kept in view.
  return [seg('/', { bold: true, tone: 'match' }), seg(truncateStart(state.filter, Math.max(1, state.size.columns - 32))), seg(' ', { inverse: true })];
}
