// Terminal cell widths. Ink measures with string-width; this is a dependency-free equivalent for
// the characters notes contain (Latin, symbols, CJK, emoji), so pure code can lay text out.

const zeroWidth = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u200B-\u200F\uFE00-\uFE0F]/u;
const pictographic = /\p{Extended_Pictographic}/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x7f) return cp >= 0x20 ? 1 : 0;
  if (zeroWidth.test(ch)) return 0;
  if (isWide(cp)) return 2;
  // Emoji in the supplementary planes draw two cells wide; older symbols (✓, ☐) stay narrow.
  if (cp >= 0x1f000 && pictographic.test(ch)) return 2;
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** The longest prefix of `text` that fits in `width` cells. */
export function sliceToWidth(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width) break;
    used += w;
    out += ch;
  }
  return out;
}

/** `text` cut to `width` cells, ending in `…` when anything was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  return sliceToWidth(text, width - 1) + '…';
}

/** `text` cut from the left to `width` cells, starting with `…` when anything was cut. */
export function truncateStart(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const chars = [...text];
  let used = 1;
  let start = chars.length;
  while (start > 0) {
    const w = charWidth(chars[start - 1]!);
    if (used + w > width) break;
    used += w;
    start--;
  }
  return '…' + chars.slice(start).join('');
}

export function padEnd(text: string, width: number): string {
  const w = textWidth(text);
  return w >= width ? text : text + ' '.repeat(width - w);
}
