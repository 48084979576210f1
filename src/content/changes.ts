import type { ContentIndex } from './model.js';

export interface ContentChanges {
  added: string[];
  removed: string[];
  /** Files whose topics, cards, facts, questions or diagnostics differ. */
  modified: string[];
}

/** Which note files differ between two loads of the same folder, each list in path order. */
export function contentChanges(before: ContentIndex, after: ContentIndex): ContentChanges {
  const old = new Map(before.files.map((f) => [f.file, f]));
  const now = new Map(after.files.map((f) => [f.file, f]));
  const added = after.files.filter((f) => !old.has(f.file)).map((f) => f.file);
  const removed = before.files.filter((f) => !now.has(f.file)).map((f) => f.file);
  const modified = after.files
    .filter((f) => {
      const was = old.get(f.file);
      // Loads build fresh objects (from the parser or the cache), so compare what they hold.
      return was !== undefined && was !== f && JSON.stringify(was) !== JSON.stringify(f);
    })
    .map((f) => f.file);
  return { added, removed, modified };
}
