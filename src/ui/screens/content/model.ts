import type { ScreenModel } from '../model.js';
import { contentKeys } from './keys.js';
import { type ContentAction, type ContentState, contentReducer, initContent, reloadContent, resizeContent } from './state.js';

export const contentModel: ScreenModel<ContentState, ContentAction> = {
  init: initContent,
  reduce: contentReducer,
  keys: contentKeys,
  resize: resizeContent,
  reload: reloadContent,
};
