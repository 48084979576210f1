import { join } from 'node:path';
import { loadContent } from '../../src/content/loader.js';
import type { ContentIndex } from '../../src/content/model.js';

let cached: ContentIndex | undefined;

/** The shipped notes, parsed once per test file. */
export function shippedIndex(): ContentIndex {
  cached ??= loadContent(join(import.meta.dirname, '..', '..', 'content'), {});
  return cached;
}
