import type { ScreenModel } from '../model.js';
import { examSessionKeys } from './keys.js';
import { type ExamSessionAction, type ExamSessionState, clockExamSession, examSessionReducer, initExamSession, reloadExamSession, resizeExamSession, wakeExamSession } from './state.js';

export const examSessionModel: ScreenModel<ExamSessionState, ExamSessionAction> = {
  init: initExamSession,
  reduce: examSessionReducer,
  keys: examSessionKeys,
  resize: resizeExamSession,
  reload: reloadExamSession,
  wake: wakeExamSession,
  clock: clockExamSession,
};
