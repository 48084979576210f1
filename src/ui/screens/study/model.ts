import type { ScreenModel } from '../model.js';
import { studyKeys } from './keys.js';
import { type StudyAction, type StudyState, initStudy, reloadStudy, resizeStudy, studyReducer } from './state.js';

export const studyModel: ScreenModel<StudyState, StudyAction> = {
  init: initStudy,
  reduce: studyReducer,
  keys: studyKeys,
  resize: resizeStudy,
  reload: reloadStudy,
};
