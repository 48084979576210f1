import type { KeyBinding } from '../../keys/bindings.js';
import type { ExamHistoryAction, ExamHistoryState } from './state.js';

const group = 'Exam history';

export const examHistoryKeys: readonly KeyBinding<ExamHistoryState, ExamHistoryAction>[] = [
  { keys: ['down', 'j'], help: 'Scroll down', group, hint: 'scroll', action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll up', group, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Scroll down a page', group, action: (s) => ({ type: 'scroll', by: Math.max(1, s.size.rows - 6) }) },
  { keys: ['pageup', 'b'], help: 'Scroll up a page', group, action: (s) => ({ type: 'scroll', by: -Math.max(1, s.size.rows - 6) }) },
];
