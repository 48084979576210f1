import type { KeyBinding } from '../../keys/bindings.js';
import type { ContentAction, ContentState } from './state.js';

type Binding = KeyBinding<ContentState, ContentAction>;

const onList = (s: ContentState) => s.open === undefined;
const onFile = (s: ContentState) => s.open !== undefined;

const listGroup = 'File list';
const fileGroup = 'File view';

export const contentKeys: readonly Binding[] = [
  { keys: ['up', 'k'], help: 'Previous file', group: listGroup, hint: 'move', when: onList, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next file', group: listGroup, hint: 'move', when: onList, action: () => ({ type: 'move', by: 1 }) },
  { keys: ['pageup'], help: 'Up a page of files', group: listGroup, when: onList, action: () => ({ type: 'movePage', by: -1 }) },
  { keys: ['pagedown'], help: 'Down a page of files', group: listGroup, when: onList, action: () => ({ type: 'movePage', by: 1 }) },
  { keys: ['home', 'g'], help: 'First file', group: listGroup, when: onList, action: () => ({ type: 'moveTo', position: 'first' }) },
  { keys: ['end', 'G'], help: 'Last file', group: listGroup, when: onList, action: () => ({ type: 'moveTo', position: 'last' }) },
  { keys: ['enter', 'right', 'l', 'space'], help: 'Show what the file yields', group: listGroup, hint: 'open', when: onList, action: () => ({ type: 'openFile' }) },

  { keys: ['up', 'k'], help: 'Scroll up a line', group: fileGroup, hint: 'scroll', when: onFile, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['down', 'j'], help: 'Scroll down a line', group: fileGroup, hint: 'scroll', when: onFile, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['pageup', 'b'], help: 'Scroll up a page', group: fileGroup, when: onFile, action: () => ({ type: 'scrollPage', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Scroll down a page', group: fileGroup, when: onFile, action: () => ({ type: 'scrollPage', by: 1 }) },
  { keys: ['home', 'g'], help: 'Go to the top', group: fileGroup, when: onFile, action: () => ({ type: 'scrollTo', position: 'top' }) },
  { keys: ['end', 'G'], help: 'Go to the bottom', group: fileGroup, when: onFile, action: () => ({ type: 'scrollTo', position: 'bottom' }) },
  { keys: ['tab'], help: 'Next section', group: fileGroup, hint: 'section', when: onFile, action: () => ({ type: 'cycleSection', by: 1 }) },
  { keys: ['backtab'], help: 'Previous section', group: fileGroup, when: onFile, action: () => ({ type: 'cycleSection', by: -1 }) },
  { keys: ['digit'], help: 'Go to the section with that number on the bar', group: fileGroup, when: onFile, action: (_, k) => ({ type: 'jump', section: Number(k.name) - 1 }) },
  { keys: ['escape', 'q', 'left', 'h'], help: 'Back to the file list', group: fileGroup, hint: 'files', when: onFile, action: () => ({ type: 'closeFile' }) },
];
