import type { ContentIndex } from '../../../content/model.js';
import { contentStats } from '../../../content/stats.js';
import { type TodayCounts, examStatus, todayCounts } from '../../../progress/snapshot.js';
import type { MenuEntry, ScreenContext } from '../model.js';
import { examText } from '../review/format.js';

export const quitEntry: MenuEntry = { id: 'quit', title: 'Quit', description: 'Leave shardlab' };

export interface ContentSummary {
  topics: number;
  cards: number;
  facts: number;
  questions: number;
}

export interface HomeState {
  items: readonly MenuEntry[];
  selected: number;
  summary: ContentSummary;
  version: string;
  /** The notes folder, shown when it holds nothing to study. */
  root: string;
  /** Flashcards waiting today; undefined without progress. */
  today: TodayCounts | undefined;
  /** The exam-day outlook line, when an exam date is set. */
  exam: string | undefined;
}

export type HomeAction = { type: 'move'; by: number } | { type: 'select'; index: number };

export function summarise(index: ContentIndex): ContentSummary {
  const { topics, cards, facts, questions } = contentStats(index, 0);
  return { topics, cards, facts, questions };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(s: ContentSummary): string {
  return [plural(s.topics, 'topic'), plural(s.cards, 'card'), plural(s.facts, 'fact'), plural(s.questions, 'question')].join(' · ');
}

/** Menu items with their live lines (Review's "12 due · 5 new") in place of the description. */
function menuItems(ctx: ScreenContext): MenuEntry[] {
  return [...ctx.menu.map(({ id, title, description, badge }) => ({ id, title, description: badge?.(ctx) ?? description })), quitEntry];
}

function progressFigures(ctx: ScreenContext): Pick<HomeState, 'today' | 'exam'> {
  const p = ctx.progress;
  if (!p) return { today: undefined, exam: undefined };
  return { today: todayCounts(ctx.index.cards, p), exam: examText(examStatus(ctx.index.cards, p), p.settings) };
}

export function todayLine(today: TodayCounts): string {
  if (today.due === 0 && today.new === 0) return 'No cards due today';
  return `${plural(today.due, 'card')} due today · ${today.new.toLocaleString('en-US')} new`;
}

export function initHome(ctx: ScreenContext): HomeState {
  return {
    items: menuItems(ctx),
    selected: 0,
    summary: summarise(ctx.index),
    version: ctx.version,
    root: ctx.index.root,
    ...progressFigures(ctx),
  };
}

export function homeReducer(state: HomeState, action: HomeAction): HomeState {
  const count = state.items.length;
  switch (action.type) {
    case 'move': {
      // Wrapping around keeps every item two key presses away at most in a short menu.
      const selected = (((state.selected + action.by) % count) + count) % count;
      return selected === state.selected ? state : { ...state, selected };
    }
    case 'select':
      if (action.index < 0 || action.index >= count || action.index === state.selected) return state;
      return { ...state, selected: action.index };
  }
}

/** Home on reloaded content: new counts, same highlighted item. */
export function reloadHome(state: HomeState, ctx: ScreenContext): HomeState {
  return { ...state, items: menuItems(ctx), summary: summarise(ctx.index), root: ctx.index.root, ...progressFigures(ctx) };
}

/** Home with progress read again: the due counts and the exam line move, nothing else. */
export function progressHome(state: HomeState, ctx: ScreenContext): HomeState {
  return { ...state, items: menuItems(ctx), ...progressFigures(ctx) };
}
