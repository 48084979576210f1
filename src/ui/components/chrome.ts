// Pure layout of the header and footer rows, kept apart from the components so it can be tested.
import type { Hint } from '../keys/bindings.js';
import { type Line, type Segment, seg } from '../markdown/types.js';
import { textWidth, truncate, truncateStart } from '../markdown/width.js';
import { lineWidth } from '../markdown/wrap.js';

const dim = { dim: true };

/** `shardlab › Study › Kinesis › Limits` on the left, `file:line` on the right; the path gives way first. */
export function headerLine(path: readonly string[], right: string, width: number): Line {
  const rightText = right ? truncateStart(right, Math.max(0, Math.floor(width / 2))) : '';
  const room = Math.max(0, width - textWidth(rightText) - (rightText ? 2 : 0));
  const full = ['shardlab', ...path].join(' › ');
  const shown = truncateStart(full, room);
  const line: Line = [];
  // Style the app name and separators apart from the path, as far as they survived truncation.
  const appName = shown.startsWith('shardlab') ? 'shardlab' : '';
  if (appName) line.push(seg(appName, { bold: true, tone: 'heading' }));
  for (const part of shown.slice(appName.length).split(/( › )/)) {
    if (part === '') continue;
    line.push(seg(part, part === ' › ' ? dim : { bold: true }));
  }
  if (rightText) {
    const gap = width - textWidth(shown) - textWidth(rightText);
    line.push(seg(' '.repeat(Math.max(1, gap))), seg(rightText, dim));
  }
  return line;
}

const separator = '  ';

function hintWidth(h: Hint): number {
  return textWidth(h.keys) + 1 + textWidth(h.label);
}

/**
 * The footer: optional prompt, key hints, then on the right a notice (content reloaded) and a
 * status (a scroll position). Hints that do not fit are dropped from the end, except the one for
 * `?`, which leads to all the others; a notice too long for the row is shortened.
 */
export function footerLine(hints: readonly Hint[], width: number, status = '', prompt?: Line, notice?: Segment): Line {
  const promptWidth = prompt ? lineWidth(prompt) + 2 : 0;
  const statusWidth = status ? textWidth(status) + 2 : 0;
  // Room is left for the `?` hint, so the way to the key help never disappears behind a notice.
  const noticeText = notice ? truncate(notice.text, Math.max(0, width - promptWidth - statusWidth - 10)) : '';
  const noticeWidth = noticeText ? textWidth(noticeText) + 2 : 0;
  const room = width - promptWidth - statusWidth - noticeWidth;
  const kept = [...hints];
  const total = () => kept.reduce((n, h, i) => n + hintWidth(h) + (i > 0 ? separator.length : 0), 0);
  while (kept.length > 0 && total() > room) {
    const help = kept.findIndex((h) => h.keys === '?');
    kept.splice(help === kept.length - 1 && kept.length > 1 ? kept.length - 2 : kept.length - 1, 1);
  }
  const line: Line = prompt ? [...prompt, seg(separator)] : [];
  kept.forEach((h, i) => {
    if (i > 0) line.push(seg(separator));
    line.push(seg(h.keys, { bold: true }), seg(` ${h.label}`, dim));
  });
  const right: Line = [];
  if (noticeText && notice) right.push(seg(noticeText, notice.style));
  if (noticeText && status) right.push(seg(separator));
  if (status) right.push(seg(status, dim));
  if (right.length > 0) line.push(seg(' '.repeat(Math.max(2, width - lineWidth(line) - lineWidth(right)))), ...right);
  return line;
}
