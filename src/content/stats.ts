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
