import type { ScreenModel } from '../model.js';
import { examHistoryKeys } from './keys.js';
import { type ExamHistoryAction, type ExamHistoryState, clockExamHistory, examHistoryReducer, initExamHistory, resizeExamHistory, wakeExamHistory } from './state.js';

export const examHistoryModel: ScreenModel<ExamHistoryState, ExamHistoryAction> = {
  init: initExamHistory,
  reduce: examHistoryReducer,
  keys: examHistoryKeys,
  resize: resizeExamHistory,
  wake: wakeExamHistory,
  clock: clockExamHistory,
};
