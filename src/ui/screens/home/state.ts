import type { ContentIndex } from '../../../content/model.js';
import { contentStats } from '../../../content/stats.js';
import type { MenuEntry, ScreenContext } from '../model.js';

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

export function initHome(ctx: ScreenContext): HomeState {
  return {
    items: [...ctx.menu, quitEntry],
    selected: 0,
    summary: summarise(ctx.index),
    version: ctx.version,
    root: ctx.index.root,
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
  return { ...state, summary: summarise(ctx.index), root: ctx.index.root };
}
