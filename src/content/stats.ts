import type { ContentIndex, Topic } from './model.js';

export function countTopics(topics: Topic[]): number {
  return topics.reduce((n, t) => n + 1 + countTopics(t.children), 0);
}

export interface ContentStats {
  files: number;
  topics: number;
  cards: number;
  facts: number;
  questions: number;
  comparisons: number;
  mentions: number;
  labs: number;
  errors: number;
  warnings: number;
}

export interface FileStats {
  file: string;
  topics: number;
  cards: number;
  facts: number;
  questions: number;
  mentions: number;
  errors: number;
  warnings: number;
}

/** Per-file counts, so an instructor sees which note yields little and which has problems. */
export function fileStats(index: ContentIndex): FileStats[] {
  const questionsPerFile = new Map<string, number>();
  for (const q of index.questions) questionsPerFile.set(q.source.file, (questionsPerFile.get(q.source.file) ?? 0) + 1);
  return index.files.map((f) => ({
    file: f.file,
    topics: countTopics([f.topic]),
    cards: f.cards.length,
    facts: f.facts.length,
    questions: questionsPerFile.get(f.file) ?? 0,
    mentions: f.mentions.length,
    errors: index.diagnostics.filter((d) => d.file === f.file && d.severity === 'error').length,
    warnings: index.diagnostics.filter((d) => d.file === f.file && d.severity === 'warning').length,
  }));
}

export function contentStats(index: ContentIndex, labs: number): ContentStats {
  return {
    files: index.files.length,
    topics: countTopics(index.topics),
    cards: index.cards.length,
    facts: index.facts.length,
    questions: index.questions.length,
    comparisons: index.comparisons.length,
    mentions: index.mentions.length,
    labs,
    errors: index.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: index.diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** The first topic (depth first) whose id or title equals `query`, ignoring case. */
export function findTopic(topics: Topic[], query: string): Topic | undefined {
  const q = query.toLowerCase();
  for (const t of topics) {
    if (t.id.toLowerCase() === q || t.title.toLowerCase() === q) return t;
    const inner = findTopic(t.children, query);
    if (inner) return inner;
  }
  return undefined;
}

/** A topic's title by its exact id, or the id itself when the notes no longer have it. */
export function topicTitle(topics: readonly Topic[], id: string): string {
  const walk = (list: readonly Topic[]): Topic | undefined => {
    for (const t of list) {
      if (t.id === id) return t;
      const inner = walk(t.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(topics)?.title ?? id;
}

export function topicSubtreeIds(topic: Topic): Set<string> {
  const ids = new Set<string>();
  const walk = (t: Topic) => {
    ids.add(t.id);
    t.children.forEach(walk);
  };
  walk(topic);
  return ids;
}

export function flattenTopics(topics: Topic[]): Topic[] {
  return topics.flatMap((t) => [t, ...flattenTopics(t.children)]);
}
