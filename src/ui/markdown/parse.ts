import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

// Scrolling and resizing re-render the same bodies over and over; parsing is the costly part.
const cache = new Map<string, Root>();
const cacheLimit = 512;

export function parseMarkdown(markdown: string): Root {
  const hit = cache.get(markdown);
  if (hit) return hit;
  const tree = processor.parse(markdown);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(markdown, tree);
  return tree;
}
