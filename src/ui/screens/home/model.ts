import type { ScreenModel } from '../model.js';
import { homeKeys } from './keys.js';
import { type HomeAction, type HomeState, homeReducer, initHome, progressHome, reloadHome } from './state.js';

export const homeModel: ScreenModel<HomeState, HomeAction> = {
  init: initHome,
  reduce: homeReducer,
  keys: homeKeys,
  resize: (state) => state,
  reload: reloadHome,
  progress: progressHome,
};
