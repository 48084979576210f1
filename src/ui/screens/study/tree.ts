import type { Topic } from '../../../content/model.js';

export interface TreeRow {
  topic: Topic;
  /** Nesting in the tree: 0 for a file. */
  level: number;
  hasChildren: boolean;
  /** Whether the row's children are shown below it. */
  open: boolean;
  /** Whether the title matches the filter (always true without one). */
  match: boolean;
}

export function filterTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every term appears in the title, in any order, ignoring case. */
export function titleMatches(title: string, terms: readonly string[]): boolean {
  const lower = title.toLowerCase();
  return terms.every((t) => lower.includes(t));
}

/**
 * The rows the tree shows. Without a filter, children of expanded topics; with one, the topics
 * whose title matches plus their ancestors (opened so every match is visible), nothing else.
 */
export function visibleRows(roots: readonly Topic[], expanded: ReadonlySet<string>, query: string): TreeRow[] {
  const terms = filterTerms(query);
  const rows: TreeRow[] = [];
  if (terms.length === 0) {
    const visit = (t: Topic, level: number) => {
      const open = t.children.length > 0 && expanded.has(t.id);
      rows.push({ topic: t, level, hasChildren: t.children.length > 0, open, match: true });
      if (open) for (const c of t.children) visit(c, level + 1);
    };
    for (const r of roots) visit(r, 0);
    return rows;
  }
  // Collect bottom-up which subtrees hold a match, then emit top-down.
  const visit = (t: Topic, level: number): TreeRow[] => {
    const below = t.children.flatMap((c) => visit(c, level + 1));
    const match = titleMatches(t.title, terms);
    if (!match && below.length === 0) return [];
    return [{ topic: t, level, hasChildren: t.children.length > 0, open: below.length > 0, match }, ...below];
  };
  for (const r of roots) rows.push(...visit(r, 0));
  return rows;
}

/** Ids of a topic's ancestors, outermost first. */
export function ancestorIds(byId: ReadonlyMap<string, Topic>, id: string): string[] {
  const out: string[] = [];
  let parent = byId.get(id)?.parent;
  while (parent !== undefined) {
    out.unshift(parent);
    parent = byId.get(parent)?.parent;
  }
  return out;
}

export function indexTopics(roots: readonly Topic[]): Map<string, Topic> {
  const map = new Map<string, Topic>();
  const visit = (t: Topic) => {
    map.set(t.id, t);
    t.children.forEach(visit);
  };
  roots.forEach(visit);
  return map;
}
