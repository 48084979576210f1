import { createHash } from 'node:crypto';

/** GitHub-style heading slug, so ids match the anchors a reader sees on GitHub. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return slug || 'untitled';
}

/** Short stable hash for ids derived from text (card fronts survive reordering this way). */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 10);
}

/** Hands out `base`, `base-2`, `base-3`… so ids stay unique within one scope. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();

  take(base: string): string {
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}

/** Offsets of each line start, for turning string offsets into 1-based line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * File stem turned into a readable title: `kinesis-data-streams.md` → `Kinesis data streams`.
 * Undefined when the stem says nothing (an export's hash or a bare number), so the caller can
 * fall back to the file's first heading.
 */
export function titleFromFileName(file: string): string | undefined {
  const stem = (file.split('/').pop() ?? file).replace(/\.(md|markdown|txt)$/i, '');
  const words = stem.replace(/^\d+[-_ ]+/, '').replace(/[-_]+/g, ' ').trim();
  if (!words || /^[0-9a-f ]{8,}$/i.test(words) || /^\d+$/.test(words)) return undefined;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
