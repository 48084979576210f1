import type { ScreenModel } from '../model.js';
import { labKeys } from './keys.js';
import { type LabAction, type LabState, initLab, labReducer, resizeLab } from './state.js';

export const labModel: ScreenModel<LabState, LabAction> = {
  init: initLab,
  reduce: labReducer,
  keys: labKeys,
  resize: resizeLab,
  // The draft is read through the port, which init cannot ask for: the screen asks to be woken at once.
  wake: (s) => (s.draft === 'idle' ? 0 : undefined),
  clock: (s) => (s.draft === 'idle' ? labReducer(s, { type: 'loadDraft' }) : s),
};
