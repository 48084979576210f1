import type { Card } from '../../../content/model.js';
import { GRADE_NAMES, type Grade4 } from '../../../srs/fsrs.js';
import { remaining } from '../../../srs/session.js';
import { renderMarkdown } from '../../markdown/render.js';
import { type Line, type Segment, type Style, seg } from '../../markdown/types.js';
import { padEnd, textWidth, truncate, truncateStart } from '../../markdown/width.js';
import { lineWidth, wrap } from '../../markdown/wrap.js';
import { examText, formatCountdown, formatDuration, formatInterval, formatWhen, percent, plural } from './format.js';
import { type ReviewState, cardBreadcrumb, currentCard, deckHeaderRows, deckListRows, deckTitle, newAllowance } from './state.js';

// The Review screen's body as styled lines, from the state alone: the views draw these and the
// benchmark times them, so what is measured is what is drawn.

const dim: Style = { dim: true };
const gradeTone: Record<Grade4, Style> = {
  1: { bold: true, tone: 'learning' },
  2: { bold: true, tone: 'muted' },
  3: { bold: true, tone: 'due' },
  4: { bold: true, tone: 'new' },
};

const COLUMN = 6;

function counts(n: number, tone: Style['tone'], strong = false): Segment {
  const text = String(n).padStart(COLUMN);
  return seg(text, n === 0 ? dim : { tone, ...(strong ? { bold: true } : {}) });
}

/** Today's line and the exam line above the deck list. */
function deckHeader(state: ReviewState, width: number): Line[] {
  const p = state.progress;
  const out: Line[] = [];
  if (!p) {
    out.push([seg(' Progress is not available: flashcards cannot be reviewed in this run.', { tone: 'warning' })]);
  } else {
    const today = `${plural(p.reviewsToday, 'answer')} · ${p.newToday} of ${p.settings.newCardsPerDay} new cards introduced`;
    out.push([seg(' Today  ', { bold: true }), seg(truncate(today, Math.max(0, width - 8)), dim)]);
  }
  const exam = p ? examText(state.exam, p.settings) : undefined;
  if (exam) out.push([seg(' '), seg(truncate(exam, Math.max(0, width - 1)), { tone: 'fact' })]);
  out.push([]);
  const titleWidth = Math.max(4, width - 3 * COLUMN - 1);
  out.push([seg(` ${padEnd('Deck', titleWidth - 1)}`, { bold: true }), seg('New'.padStart(COLUMN), { bold: true }), seg('Learn'.padStart(COLUMN), { bold: true }), seg('Due'.padStart(COLUMN), { bold: true })]);
  return out.slice(0, deckHeaderRows(state));
}

/** The deck list: every topic with cards, its subtree's new / learning / due counts. */
export function deckLines(state: ReviewState, width: number, height: number): Line[] {
  const out = deckHeader(state, width);
  const allowance = newAllowance(state);
  const titleWidth = Math.max(4, width - 3 * COLUMN - 1);
  if (state.rows.length <= 1 && state.rows[0]?.counts.total === 0) {
    out.push([], ...wrap([seg('No flashcards in these notes yet. Write `front :: back` lines in a note (see docs/authoring.md).', dim)], { width, first: [seg(' ')] }));
    return out.slice(0, height);
  }
  const rows = deckListRows(state);
  for (const row of state.rows.slice(state.deckTop, state.deckTop + rows)) {
    const on = row.id === state.selected;
    const marker = row.hasChildren ? (row.open ? '▾ ' : '▸ ') : '  ';
    const lead = `${on ? '❯' : ' '}${'  '.repeat(row.depth)}${marker}`;
    const title = truncate(row.title, Math.max(1, titleWidth - textWidth(lead)));
    const titleStyle: Style = on ? { bold: true, inverse: true } : row.id === null ? { bold: true } : {};
    out.push([
      seg(lead, on ? { bold: true, tone: 'heading' } : dim),
      seg(title, titleStyle),
      seg(' '.repeat(Math.max(0, titleWidth - textWidth(lead) - textWidth(title)))),
      counts(Math.min(row.counts.new, allowance), 'new'),
      counts(row.counts.learning, 'learning'),
      counts(row.counts.due, 'due'),
    ]);
  }
  return out.slice(0, height);
}

/** `New 5  Learn 1  Due 12`, the count of the card shown underlined (Anki does the same). */
function countLine(state: ReviewState): Line {
  const session = state.session;
  if (!session) return [];
  const left = remaining(session);
  const from = state.current?.from;
  const part = (label: string, n: number, tone: Style['tone'], mine: boolean): Segment[] => [
    seg(`${label} `, dim),
    seg(String(n), { tone, bold: mine, underline: mine, ...(n === 0 && !mine ? { dim: true } : {}) }),
  ];
  return [
    seg(' '),
    ...part('New', left.new, 'new', from === 'new'),
    seg('   '),
    ...part('Learn', left.learning, 'learning', from === 'learning'),
    seg('   '),
    ...part('Due', left.review, 'due', from === 'review'),
  ];
}

/** The grade buttons, laid out in as many rows as the width needs. */
function buttonLines(intervals: Readonly<Record<Grade4, number>>, width: number): Line[] {
  const buttons = ([1, 2, 3, 4] as Grade4[]).map((g): Line => [seg(` ${g} `, { inverse: true, bold: true }), seg(` ${GRADE_NAMES[g]} `, gradeTone[g]), seg(formatInterval(intervals[g]), dim)]);
  const lines: Line[] = [];
  let current: Line = [seg(' ')];
  for (const b of buttons) {
    const gap = current.length > 1 ? 3 : 0;
    if (current.length > 1 && lineWidth(current) + gap + lineWidth(b) > width) {
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

export interface CardLayout {
  lines: Line[];
  /** Rows of card text hidden below the view (the learner can scroll with j/↓). */
  below: number;
}

/** A card: counts, breadcrumb, front, and once shown the back and the four grades. */
export function cardLines(state: ReviewState, width: number, height: number): CardLayout {
  const card = currentCard(state);
  const current = state.current;
  if (!card || !current) return { lines: [], below: 0 };
  const crumb = cardBreadcrumb(state, card).join(' › ');
  const head: Line[] = [countLine(state), [], [seg(' '), seg(truncateStart(crumb, Math.max(1, width - 2)), dim)], []];
  const text: Line[] = cardText(card.front, width).map((l) => l.map((s) => seg(s.text, { ...s.style, bold: true })));
  if (current.revealed) {
    text.push([], [seg(` ${'─'.repeat(Math.max(1, Math.min(width - 2, 60)))}`, dim)], [], ...cardText(card.back, width));
  }
  const foot: Line[] = current.revealed && current.intervals
    ? [[], ...buttonLines(current.intervals, width)]
    : [[], [seg(' '), seg(' Space ', { inverse: true, bold: true }), seg(' show answer', dim)]];
  const room = Math.max(1, height - head.length - foot.length);
  const maxScroll = Math.max(0, text.length - room);
  const top = Math.min(current.scroll, maxScroll);
  const shown = text.slice(top, top + room);
  const lines = [...head, ...shown];
  while (lines.length < height - foot.length) lines.push([]);
  // The buttons stay on the last rows, where the eye expects them, however long the card.
  return { lines: [...lines, ...foot].slice(-height), below: Math.max(0, text.length - top - room) };
}

export function waitingLines(state: ReviewState, width: number, height: number): Line[] {
  const session = state.session;
  const until = state.waitUntil ?? state.now;
  const waitingCount = session ? remaining(session).learning : 0;
  const out: Line[] = [
    countLine(state),
    [],
    [seg(' Nothing else is due right now.', { bold: true })],
    [],
    ...wrap([seg(`${plural(waitingCount, 'card')} in a learning step ${waitingCount === 1 ? 'comes' : 'come'} back in this session; the next one in `), seg(formatCountdown(until - state.now), { bold: true, tone: 'learning' }), seg('.')], { width, first: [seg(' ')] }),
    [],
    [seg(' '), seg(' Enter ', { inverse: true, bold: true }), seg(' study it now   ', dim), seg(' q ', { inverse: true, bold: true }), seg(' end the session', dim)],
  ];
  return out.slice(0, height);
}

function row(label: string, value: string, note = ''): Line {
  return [seg(`   ${padEnd(label, 16)}`, dim), seg(value, { bold: true }), ...(note ? [seg(`  ${note}`, dim)] : [])];
}

export function summaryLines(state: ReviewState, width: number, height: number): Line[] {
  const s = state.summary;
  if (!s) return [];
  const t = s.tally;
  const deck = deckTitle(state, state.deck);
  const endOfDay = state.progress?.endOfDay ?? state.now;
  const out: Line[] = [[]];
  if (t.answers === 0 && t.suspended === 0 && t.buried === 0) {
    out.push(...wrap([seg(`Nothing to review in ${deck} right now.`, { bold: true })], { width, first: [seg(' ')] }));
  } else {
    out.push(...wrap([seg(`Session done: ${deck}`, { bold: true, tone: 'heading' })], { width, first: [seg(' ')] }));
    out.push([]);
    out.push(row('Cards studied', String(t.cards), t.answers !== t.cards ? `${plural(t.answers, 'answer')} with learning steps` : ''));
    if (t.answers > 0) out.push(row('Again', String(t.again), `${percent((t.answers - t.again) / t.answers)} remembered`));
    out.push(row('New cards', String(t.newCards)));
    out.push(row('Time', formatDuration(t.studyMs), t.cards > 0 ? `${formatDuration(t.studyMs / Math.max(1, t.answers))} an answer` : ''));
    if (t.suspended || t.buried) out.push(row('Set aside', `${t.suspended} suspended · ${t.buried} buried`));
  }
  out.push([]);
  out.push(row('Next due', s.nextDue === undefined ? 'no cards studied yet' : formatWhen(s.nextDue, state.now, endOfDay), s.dueTomorrow > 0 ? `${plural(s.dueTomorrow, 'card')} due by the end of tomorrow` : ''));
  if (s.newLeft > 0 || s.newWaiting > 0) {
    const note = s.newWaiting > 0 ? `${s.newWaiting} more after today's limit of ${state.progress?.settings.newCardsPerDay ?? 0}` : '';
    out.push(row('New left today', String(s.newLeft), note));
  }
  out.push([]);
  const keys: Line = [seg(' '), seg(' Enter ', { inverse: true, bold: true }), seg(' back to the decks', dim)];
  if ((state.session?.history.length ?? 0) > 0) keys.push(seg('   '), seg(' u ', { inverse: true, bold: true }), seg(' undo the last answer', dim));
  out.push(keys);
  return out.slice(0, height);
}

/** The header path: the deck, then nothing more (the card's breadcrumb is in the body). */
export function reviewPath(state: ReviewState): string[] {
  return state.mode === 'decks' ? ['Review'] : ['Review', deckTitle(state, state.deck)];
}

/** `file:line` of the card shown, for the header's right side. */
export function reviewLocation(state: ReviewState): string {
  const card: Card | undefined = currentCard(state);
  return card ? `${card.source.file}:${card.source.line}` : '';
}
