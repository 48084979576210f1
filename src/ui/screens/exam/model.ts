import type { ScreenModel } from '../model.js';
import { examStartKeys } from './keys.js';
import { type ExamStartAction, type ExamStartState, clockExamStart, examStartReducer, initExamStart, reloadExamStart, resizeExamStart, wakeExamStart } from './state.js';

export const examStartModel: ScreenModel<ExamStartState, ExamStartAction> = {
  init: initExamStart,
  reduce: examStartReducer,
  keys: examStartKeys,
  resize: resizeExamStart,
  reload: reloadExamStart,
  wake: wakeExamStart,
  clock: clockExamStart,
};
