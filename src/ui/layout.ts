// Geometry shared by reducers (to clamp scrolling and paging) and views (to draw), so both
// always agree on how many rows a list or pane has.

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const fallbackSize: TerminalSize = { columns: 80, rows: 24 };

/**
 * Rows the app may draw. One row is kept free: when Ink's output is as tall as the terminal it
 * falls back to clearing the whole screen on every frame, which flickers.
 */
export function frameHeight(size: TerminalSize): number {
  return Math.max(1, size.rows - 1);
}

/** Rows between the header line and the footer line. */
export function bodyHeight(size: TerminalSize): number {
  return Math.max(1, frameHeight(size) - 2);
}

/** Smallest terminal the screens are laid out for; below it a notice asks for more room. */
export const minimumSize: TerminalSize = { columns: 40, rows: 8 };

export function tooSmall(size: TerminalSize): boolean {
  return size.columns < minimumSize.columns || size.rows < minimumSize.rows;
}

/** First row of a window of `height` rows over `count` rows that keeps `cursor` in view. */
export function windowStart(previous: number, cursor: number, height: number, count: number): number {
  const maxStart = Math.max(0, count - height);
  let start = Math.min(Math.max(0, previous), maxStart);
  if (cursor < start) start = cursor;
  else if (cursor >= start + height) start = cursor - height + 1;
  return Math.min(Math.max(0, start), maxStart);
}

/** Rows of a scroll bar beside `height` rows showing `total` from `top`: which of them show the thumb. */
export function scrollThumb(total: number, height: number, top: number): { start: number; size: number } | undefined {
  if (total <= height || height <= 0) return undefined;
  const size = Math.max(1, Math.round((height * height) / total));
  const start = Math.round((top / (total - height)) * (height - size));
  return { start: Math.min(height - size, Math.max(0, start)), size };
}

/** `12–32/85` for the footer, or nothing when everything is in view. */
export function scrollStatus(top: number, height: number, total: number): string {
  if (total <= height) return '';
  return `${top + 1}–${Math.min(total, top + height)}/${total}`;
}
