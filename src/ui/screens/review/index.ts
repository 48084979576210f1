import { todayCounts } from '../../../progress/snapshot.js';
import { defineScreen } from '../definition.js';
import type { ScreenContext } from '../model.js';
import { reviewModel } from './model.js';
import { ReviewView } from './view.js';

/** Home's menu line for Review: what is waiting today. */
function reviewBadge(ctx: ScreenContext): string | undefined {
  if (!ctx.progress) return undefined;
  const c = todayCounts(ctx.index.cards, ctx.progress);
  return `${c.due.toLocaleString('en-US')} due · ${c.new.toLocaleString('en-US')} new`;
}

export const reviewScreen = defineScreen({
  id: 'review',
  title: 'Review',
  description: 'Flashcards due today, on FSRS',
  menu: true,
  badge: reviewBadge,
  model: reviewModel,
  View: ReviewView,
});
