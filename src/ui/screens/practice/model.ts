import type { ScreenModel } from '../model.js';
import { practiceKeys } from './keys.js';
import { type PracticeAction, type PracticeState, initPractice, practiceReducer, progressPractice, reloadPractice, resizePractice } from './state.js';

export const practiceModel: ScreenModel<PracticeState, PracticeAction> = {
  init: initPractice,
  reduce: practiceReducer,
  keys: practiceKeys,
  resize: resizePractice,
  reload: reloadPractice,
  progress: progressPractice,
};
