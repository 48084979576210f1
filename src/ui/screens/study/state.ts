import type { Fact, Topic } from '../../../content/model.js';
import { type TerminalSize, windowStart } from '../../layout.js';
import { sectionLines } from '../../markdown/section.js';
import type { ScreenContext } from '../model.js';
import { studyLayout } from './layout.js';
import { type TreeRow, ancestorIds, indexTopics, visibleRows } from './tree.js';

export type StudyFocus = 'tree' | 'pane';

export interface StudyState {
  topics: readonly Topic[];
  facts: readonly Fact[];
  byId: ReadonlyMap<string, Topic>;
  /** The notes folder, named when there is nothing to show. */
  root: string;
  expanded: ReadonlySet<string>;
  /** Id of the topic shown in the pane; undefined only when there are no topics. */
  selected: string | undefined;
  /** First tree row in view. */
  treeTop: number;
  focus: StudyFocus;
  /** Filter query; empty means no filter. */
  filter: string;
  /** Whether the filter prompt has the keyboard. */
  editing: boolean;
  /** First pane line in view. */
  paneTop: number;
  size: TerminalSize;
}

export type StudyAction =
  | { type: 'move'; by: number }
  | { type: 'moveTo'; position: 'first' | 'last' }
  | { type: 'expand' }
  | { type: 'collapse' }
  | { type: 'toggle' }
  | { type: 'focus'; focus: StudyFocus }
  | { type: 'scroll'; by: number }
  | { type: 'scrollPage'; by: number }
  | { type: 'scrollTo'; position: 'top' | 'bottom' }
  | { type: 'openFilter' }
  | { type: 'typeFilter'; text: string }
  | { type: 'eraseFilter'; all: boolean }
  | { type: 'keepFilter' }
  | { type: 'clearFilter' };

export function rowsOf(state: StudyState): TreeRow[] {
  return visibleRows(state.topics, state.expanded, state.filter);
}

export function selectedTopic(state: StudyState): Topic | undefined {
  return state.selected === undefined ? undefined : state.byId.get(state.selected);
}

export function paneLines(state: StudyState) {
  const topic = selectedTopic(state);
  return topic ? sectionLines(topic, state.facts, studyLayout(state.size).pane.width) : [];
}

export function maxPaneTop(state: StudyState): number {
  return Math.max(0, paneLines(state).length - studyLayout(state.size).pane.height);
}

/** Topic titles from the file down to the selected topic. */
export function breadcrumb(state: StudyState): string[] {
  if (state.selected === undefined) return [];
  return [...ancestorIds(state.byId, state.selected), state.selected].map((id) => state.byId.get(id)?.title ?? id);
}

export interface StudyParams {
  /** Open on this topic (Practice's `o`: the note a question came from), its parents expanded. */
  topic?: string;
}

export function initStudy(ctx: ScreenContext, size: TerminalSize, params?: unknown): StudyState {
  const topics = ctx.index.topics;
  const first = topics[0];
  const byId = indexTopics(topics);
  const wanted = (params as StudyParams | undefined)?.topic;
  const at = wanted !== undefined && byId.has(wanted) ? wanted : undefined;
  return settle({
    topics,
    facts: ctx.index.facts,
    byId,
    root: ctx.index.root,
    // A single file opens with its sections showing; several files start as a list of files.
    expanded: new Set(at !== undefined ? ancestorIds(byId, at) : topics.length === 1 && first ? [first.id] : []),
    selected: at ?? first?.id,
    treeTop: 0,
    focus: 'tree',
    filter: '',
    editing: false,
    paneTop: 0,
    size,
  });
}

/**
 * Restores the invariants every action relies on: the selection is a visible row (a match when
 * filtering), the tree window shows it, and the pane is scrolled within its content.
 */
function settle(state: StudyState, previous?: StudyState): StudyState {
  const rows = rowsOf(state);
  let selected = state.selected;
  let index = rows.findIndex((r) => r.topic.id === selected);
  if (rows.length > 0 && (index < 0 || (state.filter !== '' && !rows[index]!.match))) {
    const firstMatch = rows.findIndex((r) => r.match);
    index = firstMatch >= 0 ? firstMatch : 0;
    selected = rows[index]!.topic.id;
  }
  const layout = studyLayout(state.size);
  const treeTop = index < 0 ? 0 : windowStart(state.treeTop, index, layout.tree.rows, rows.length);
  const next = { ...state, selected, treeTop };
  const paneTop = previous && previous.selected !== selected ? 0 : Math.min(Math.max(0, state.paneTop), maxPaneTop(next));
  return { ...next, paneTop };
}

function select(state: StudyState, rows: readonly TreeRow[], index: number): StudyState {
  const row = rows[Math.min(Math.max(0, index), rows.length - 1)];
  return row ? { ...state, selected: row.topic.id } : state;
}

function withExpanded(state: StudyState, id: string, open: boolean): StudyState {
  if (state.expanded.has(id) === open) return state;
  const expanded = new Set(state.expanded);
  if (open) expanded.add(id);
  else expanded.delete(id);
  return { ...state, expanded };
}

function reduce(state: StudyState, action: StudyAction): StudyState {
  const rows = rowsOf(state);
  const index = rows.findIndex((r) => r.topic.id === state.selected);
  const row = rows[index];
  const filtering = state.filter !== '';
  switch (action.type) {
    case 'move':
      return select(state, rows, index + action.by);
    case 'moveTo':
      return select(state, rows, action.position === 'first' ? 0 : rows.length - 1);
    case 'expand':
      if (!row) return state;
      if (!row.hasChildren) return { ...state, focus: 'pane' };
      // While filtering the tree shows only matches, so expanding means stepping into them.
      if (!row.open && !filtering) return withExpanded(state, row.topic.id, true);
      return rows[index + 1]?.topic.parent === row.topic.id ? select(state, rows, index + 1) : state;
    case 'collapse':
      if (!row) return state;
      if (row.open && !filtering) return withExpanded(state, row.topic.id, false);
      return row.topic.parent !== undefined ? { ...state, selected: row.topic.parent } : state;
    case 'toggle':
      if (!row) return state;
      if (!row.hasChildren || filtering) return { ...state, focus: 'pane' };
      return withExpanded(state, row.topic.id, !row.open);
    case 'focus':
      return { ...state, focus: action.focus };
    case 'scroll':
      return { ...state, paneTop: state.paneTop + action.by };
    case 'scrollPage': {
      // A page keeps two lines of the previous one in view, so the reader does not lose the thread.
      const page = Math.max(1, studyLayout(state.size).pane.height - 2);
      return { ...state, paneTop: state.paneTop + action.by * page };
    }
    case 'scrollTo':
      return { ...state, paneTop: action.position === 'top' ? 0 : maxPaneTop(state) };
    case 'openFilter':
      return { ...state, editing: true, focus: 'tree' };
    case 'typeFilter':
      return { ...state, filter: state.filter + action.text.replace(/[\r\n\t]/g, ' ') };
    case 'eraseFilter':
      return { ...state, filter: action.all ? '' : [...state.filter].slice(0, -1).join('') };
    case 'keepFilter': {
      const filter = state.filter.trim();
      return filter === '' ? revealSelection({ ...state, editing: false, filter }) : { ...state, editing: false, filter };
    }
    case 'clearFilter':
      return revealSelection({ ...state, editing: false, filter: '' });
  }
}

/** After the filter goes, opens the selection's ancestors so the reader stays where they were. */
function revealSelection(state: StudyState): StudyState {
  if (state.selected === undefined) return state;
  const expanded = new Set(state.expanded);
  for (const id of ancestorIds(state.byId, state.selected)) expanded.add(id);
  return { ...state, expanded };
}

export function studyReducer(state: StudyState, action: StudyAction): StudyState {
  const next = reduce(state, action);
  return next === state ? state : settle(next, state);
}

/**
 * Where the reader lands when the selected topic is gone from reloaded content: the topic now in
 * its place under the same parent (a renamed heading is usually that one), else the parent, going
 * up until something survives; a whole file gone gives way to the file now in its place.
 */
function replacement(old: StudyState, topics: readonly Topic[], byId: ReadonlyMap<string, Topic>, id: string): string | undefined {
  let gone = old.byId.get(id);
  while (gone) {
    const parentId = gone.parent;
    const siblings = parentId === undefined ? old.topics : (old.byId.get(parentId)?.children ?? []);
    const position = Math.max(0, siblings.findIndex((t) => t.id === gone!.id));
    if (parentId === undefined) return topics[Math.min(position, topics.length - 1)]?.id;
    const parent = byId.get(parentId);
    if (parent) return parent.children[Math.min(position, parent.children.length - 1)]?.id ?? parent.id;
    gone = old.byId.get(parentId);
  }
  return topics[0]?.id;
}

/**
 * The tree and pane on reloaded content, keeping the reader's place: the same topic selected (by
 * id) with the pane at the same scroll, clamped to the new text; expanded topics that still exist
 * stay open; the filter and focus stay as they were.
 */
export function reloadStudy(state: StudyState, ctx: ScreenContext, size: TerminalSize): StudyState {
  const topics = ctx.index.topics;
  const byId = indexTopics(topics);
  const expanded = new Set([...state.expanded].filter((id) => byId.has(id)));
  const first = topics[0];
  // Notes arriving in an empty folder open as they would at start-up.
  if (state.topics.length === 0 && topics.length === 1 && first) expanded.add(first.id);
  const kept = state.selected !== undefined && byId.has(state.selected);
  const selected = kept || state.selected === undefined ? (state.selected ?? first?.id) : replacement(state, topics, byId, state.selected);
  // The same topic keeps its scroll (settle clamps it to the new text); a replacement starts at its top.
  return settle({ ...state, topics, facts: ctx.index.facts, byId, root: ctx.index.root, expanded, selected, paneTop: kept ? state.paneTop : 0, size });
}

export function resizeStudy(state: StudyState, size: TerminalSize): StudyState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  return settle({ ...state, size });
}
