import type { ScreenModel } from '../model.js';
import { reviewKeys } from './keys.js';
import { type ReviewAction, type ReviewState, clockReview, initReview, progressReview, reloadReview, resizeReview, reviewReducer, wakeReview } from './state.js';

export const reviewModel: ScreenModel<ReviewState, ReviewAction> = {
  init: initReview,
  reduce: reviewReducer,
  keys: reviewKeys,
  resize: resizeReview,
  reload: reloadReview,
  progress: progressReview,
  wake: wakeReview,
  clock: clockReview,
};
