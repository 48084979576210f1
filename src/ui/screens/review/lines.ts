import type { Card } from '../../../content/model.js';
import { remaining } from '../../../srs/session.js';
import { type Line, type Segment, type Style, seg } from '../../markdown/types.js';
import { padEnd, textWidth, truncate } from '../../markdown/width.js';
import { lineWidth, wrap } from '../../markdown/wrap.js';
import { type CardLayout, layoutCard } from './card-layout.js';
import { examText, formatCountdown, formatDuration, formatWhen, percent, plural } from './format.js';
import { type ReviewState, cardBreadcrumb, currentCard, deckHeaderRows, deckListRows, deckTitle, newAllowance } from './state.js';

// The Review screen's body as styled lines, from the state alone: the views draw these and the
// benchmark times them, so what is measured is what is drawn.

const dim: Style = { dim: true };

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

export type { CardLayout } from './card-layout.js';

/** The card on screen, laid out (see card-layout.ts). */
export function cardLines(state: ReviewState, width: number, height: number): CardLayout {
  const card = currentCard(state);
  const current = state.current;
  if (!card || !current) return { lines: [], above: 0, below: 0, backAt: 0, maxScroll: 0 };
  return layoutCard({ card, crumb: cardBreadcrumb(state, card).join(' › '), count: countLine(state), revealed: current.revealed, intervals: current.intervals, scroll: current.scroll }, width, height);
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

/** `Label   value  note`; on a narrow screen the note goes to the next row. */
function row(label: string, value: string, note: string, width: number): Line[] {
  const main: Line = [seg(`   ${padEnd(label, 16)}`, dim), seg(value, { bold: true })];
  if (!note) return [main];
  if (lineWidth(main) + 2 + textWidth(note) <= width) return [[...main, seg(`  ${note}`, dim)]];
  return [main, ...wrap([seg(note, dim)], { width, first: [seg(' '.repeat(19))] })];
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
    out.push(...row('Cards studied', String(t.cards), t.answers !== t.cards ? `${plural(t.answers, 'answer')} with learning steps` : '', width));
    if (t.answers > 0) out.push(...row('Again', String(t.again), `${percent((t.answers - t.again) / t.answers)} remembered`, width));
    out.push(...row('New cards', String(t.newCards), '', width));
    out.push(...row('Time', formatDuration(t.studyMs), t.cards > 0 ? `${formatDuration(t.studyMs / Math.max(1, t.answers))} an answer` : '', width));
    if (t.suspended || t.buried) out.push(...row('Set aside', `${t.suspended} suspended · ${t.buried} buried`, '', width));
  }
  out.push([]);
  out.push(...row('Next due', s.nextDue === undefined ? 'no cards studied yet' : formatWhen(s.nextDue, state.now, endOfDay), s.dueTomorrow > 0 ? `${plural(s.dueTomorrow, 'card')} due by the end of tomorrow` : '', width));
  if (s.newLeft > 0 || s.newWaiting > 0) {
    const note = s.newWaiting > 0 ? `${s.newWaiting} more after today's limit of ${state.progress?.settings.newCardsPerDay ?? 0}` : '';
    out.push(...row('New left today', String(s.newLeft), note, width));
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
