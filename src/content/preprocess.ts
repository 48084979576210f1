// Notes written before shardlab existed use styles markdown does not know. These passes turn
// them into markdown the parser understands, always keeping one output line per input line so
// every `file:line` still points at the right place.

const BANNER = /^#{5,}\s*$/;
const SINGLE_HASH_LINE = /^#\s+\S/;
const DOCTOC_START = /<!--\s*START doctoc/i;
const DOCTOC_END = /<!--\s*END doctoc/i;
const TOC_TITLE = /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:table of contents|contents|toc)\s*:?\s*(?:\*\*|__)?\s*$/i;
const ANCHOR_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]*\]\(#[^)]*\)\s*$/;

export interface Preprocessed {
  text: string;
  /** True when the file used `#####` banners for its sections. */
  bannerStyle: boolean;
}

export function preprocess(text: string): Preprocessed {
  const lines = text.split('\n');
  const bannerStyle = convertBanners(lines);
  blankGeneratedTableOfContents(lines);
  return { text: lines.join('\n'), bannerStyle };
}

/**
 * `##########` / `title` / `##########` blocks become `## title`. In such files a line starting
 * with a single `#` is a bullet the author typed, not a heading, so it becomes a list item.
 */
function convertBanners(lines: string[]): boolean {
  let found = false;
  for (let i = 0; i + 2 < lines.length; i++) {
    const title = lines[i + 1]?.trim() ?? '';
    if (BANNER.test(lines[i] ?? '') && BANNER.test(lines[i + 2] ?? '') && title && !title.startsWith('#')) {
      lines[i] = '';
      lines[i + 1] = `## ${title}`;
      lines[i + 2] = '';
      found = true;
      i += 2;
    }
  }
  if (!found) return false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (SINGLE_HASH_LINE.test(line)) lines[i] = `- ${line.replace(/^#\s+/, '')}`;
    else if (BANNER.test(line)) lines[i] = '';
  }
  return true;
}

/** A table of contents repeats the headings; as study text it would only add noise and duplicates. */
function blankGeneratedTableOfContents(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (DOCTOC_START.test(lines[i] ?? '')) {
      let end = i;
      while (end < lines.length && !DOCTOC_END.test(lines[end] ?? '')) end++;
      if (end === lines.length) return;
      for (let j = i; j <= end; j++) lines[j] = '';
      i = end;
      continue;
    }
    if (TOC_TITLE.test(lines[i] ?? '')) {
      let j = i + 1;
      while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
      const first = j;
      while (j < lines.length && ANCHOR_ITEM.test(lines[j] ?? '')) j++;
      if (j > first) {
        for (let k = i; k < j; k++) lines[k] = '';
        i = j - 1;
      }
    }
  }
}
