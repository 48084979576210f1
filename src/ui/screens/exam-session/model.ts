import type { ScreenModel } from '../model.js';
import { reduceExamSession } from './typed-ahead.js';
import { examSessionKeys } from './keys.js';
import { type ExamSessionAction, type ExamSessionState, clockExamSession, initExamSession, reloadExamSession, resizeExamSession, wakeExamSession } from './state.js';

export const examSessionModel: ScreenModel<ExamSessionState, ExamSessionAction> = {
  init: initExamSession,
  reduce: reduceExamSession,
  keys: examSessionKeys,
  resize: resizeExamSession,
  reload: reloadExamSession,
  wake: wakeExamSession,
  clock: clockExamSession,
};
