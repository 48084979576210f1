import { createContext, useContext } from 'react';
import type { Notice } from '../router/notice.js';

/** The app's current footer notice (content reloaded), drawn by Frame on every screen. */
export const NoticeContext = createContext<Notice | undefined>(undefined);

export function useNotice(): Notice | undefined {
  return useContext(NoticeContext);
}
