import type { ScreenModel } from '../model.js';
import { progressKeys } from './keys.js';
import { type ProgressAction, type ProgressState, initProgress, progressReducer, refreshProgressScreen, resizeProgress } from './state.js';

export const progressModel: ScreenModel<ProgressState, ProgressAction> = {
  init: initProgress,
  reduce: progressReducer,
  keys: progressKeys,
  resize: resizeProgress,
  reload: (state, ctx) => refreshProgressScreen(state, ctx),
  progress: refreshProgressScreen,
};
