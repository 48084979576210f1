import type { ScreenModel } from '../model.js';
import { labsKeys } from './keys.js';
import { type LabsAction, type LabsState, initLabs, labsReducer, resizeLabs } from './state.js';

export const labsModel: ScreenModel<LabsState, LabsAction> = {
  init: initLabs,
  reduce: labsReducer,
  keys: labsKeys,
  resize: resizeLabs,
  // Reading the list is I/O, which init cannot ask for: the screen asks to be woken at once.
  wake: (s) => (s.status === 'idle' ? 0 : undefined),
  clock: (s) => (s.status === 'idle' ? labsReducer(s, { type: 'load' }) : s),
};
