import type { Card } from '../../../content/model.js';
import { GRADE_NAMES, type Grade4 } from '../../../srs/fsrs.js';
import { renderMarkdown } from '../../markdown/render.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { truncateStart } from '../../markdown/width.js';
import { lineWidth } from '../../markdown/wrap.js';
import { formatInterval } from './format.js';

// Where each part of a card goes on the screen. Pure and free of the screen's state, so the
// reducer can ask where the answer starts (to scroll a long card to it) and the view can draw it
// from the same numbers.

const dim: Style = { dim: true };
const gradeTone: Record<Grade4, Style> = {
  1: { bold: true, tone: 'learning' },
  2: { bold: true, tone: 'muted' },
  3: { bold: true, tone: 'due' },
  4: { bold: true, tone: 'new' },
};

/** Below this many rows the card drops its blank separator rows: the answer must fit on a small terminal. */
const ROOMY = 16;

/** The grade buttons, laid out in as many rows as the width needs. */
function buttonLines(intervals: Readonly<Record<Grade4, number>>, width: number): Line[] {
  const buttons = ([1, 2, 3, 4] as Grade4[]).map((g): Line => [seg(` ${g} `, { inverse: true, bold: true }), seg(` ${GRADE_NAMES[g]} `, gradeTone[g]), seg(formatInterval(intervals[g]), dim)]);
  const lines: Line[] = [];
  let current: Line = [seg(' ')];
  for (const b of buttons) {
    if (current.length > 1 && lineWidth(current) + 3 + lineWidth(b) > width) {
      lines.push(current);
      current = [seg(' ')];
    }
    if (current.length > 1) current.push(seg('   '));
    current.push(...b);
  }
  lines.push(current);
  return lines;
}

// Rendering a card's markdown is the costliest part of drawing it; the same card is drawn many
// times (reveal, scroll, resize), so the last few renderings are kept.
const rendered = new Map<string, Line[]>();

function cardText(text: string, width: number): Line[] {
  const key = `${width}\u0000${text}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  const lines = renderMarkdown(text, { width: Math.max(1, width - 2) }).map((l) => (l.length ? [seg(' '), ...l] : l));
  if (rendered.size > 32) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, lines);
  return lines;
}

export interface CardView {
  card: Card;
  /** Topic titles from the file down, joined. */
  crumb: string;
  /** The count line above the card. */
  count: Line;
  revealed: boolean;
  intervals: Readonly<Record<Grade4, number>> | undefined;
  scroll: number;
}

export interface CardLayout {
  lines: Line[];
  /** Rows of card text above and below the view (the learner scrolls with j/k). */
  above: number;
  below: number;
  /** Row of the card's text where the answer starts (its rule). */
  backAt: number;
  /** Largest useful scroll. */
  maxScroll: number;
}

/** A card: counts, breadcrumb, front, and once shown the back and the four grades. */
export function layoutCard(v: CardView, width: number, height: number): CardLayout {
  const roomy = height >= ROOMY;
  const crumb: Line = [seg(' '), seg(truncateStart(v.crumb, Math.max(1, width - 2)), dim)];
  const head: Line[] = roomy ? [v.count, [], crumb, []] : [v.count, crumb];
  const text: Line[] = cardText(v.card.front, width).map((l) => l.map((s) => seg(s.text, { ...s.style, bold: true })));
  const backAt = text.length + (roomy ? 1 : 0);
  if (v.revealed) {
    const rule: Line = [seg(` ${'─'.repeat(Math.max(1, Math.min(width - 2, 60)))}`, dim)];
    text.push(...(roomy ? [[], rule, []] : [rule]), ...cardText(v.card.back, width));
  }
  const prompt = v.revealed && v.intervals ? buttonLines(v.intervals, width) : [[seg(' '), seg(' Space ', { inverse: true, bold: true }), seg(' show answer', dim)]];
  const foot: Line[] = roomy ? [[], ...prompt] : prompt;
  const room = Math.max(1, height - head.length - foot.length);
  const maxScroll = Math.max(0, text.length - room);
  const top = Math.min(Math.max(0, v.scroll), maxScroll);
  const lines = [...head, ...text.slice(top, top + room)];
  while (lines.length < height - foot.length) lines.push([]);
  // The buttons stay on the last rows, where the eye expects them, however long the card.
  return { lines: [...lines, ...foot].slice(-height), above: top, below: Math.max(0, text.length - top - room), backAt, maxScroll };
}
