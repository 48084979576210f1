import type { KeyBinding } from '../../keys/bindings.js';
import type { ProgressAction, ProgressState } from './state.js';

const group = 'Progress';

export const progressKeys: readonly KeyBinding<ProgressState, ProgressAction>[] = [
  { keys: ['up', 'k'], help: 'Scroll up a line', group, hint: 'scroll', action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['down', 'j'], help: 'Scroll down a line', group, hint: 'scroll', action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['pageup', 'b'], help: 'Scroll up a page', group, action: () => ({ type: 'scrollPage', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Scroll down a page', group, action: () => ({ type: 'scrollPage', by: 1 }) },
  { keys: ['home', 'g'], help: 'Go to the top', group, action: () => ({ type: 'scrollTo', position: 'top' }) },
  { keys: ['end', 'G'], help: 'Go to the bottom', group, action: () => ({ type: 'scrollTo', position: 'bottom' }) },
];
