import type { KeyBinding } from '../../keys/bindings.js';
import type { StudyAction, StudyState } from './state.js';

type Binding = KeyBinding<StudyState, StudyAction>;

const editing = (s: StudyState) => s.editing;
const onTree = (s: StudyState) => !s.editing && s.focus === 'tree';
const onPane = (s: StudyState) => !s.editing && s.focus === 'pane';
const filtered = (s: StudyState) => !s.editing && s.filter !== '';

const filterGroup = 'Filter prompt';
const treeGroup = 'Topic tree';
const paneGroup = 'Reading pane';

export const studyKeys: readonly Binding[] = [
  // The prompt comes first: while it is open, letters are text, not commands.
  { keys: ['enter'], help: 'Keep the filter, back to the tree', group: filterGroup, hint: 'keep', when: editing, action: () => ({ type: 'keepFilter' }) },
  { keys: ['escape'], help: 'Clear the filter', group: filterGroup, hint: 'clear', when: editing, action: () => ({ type: 'clearFilter' }) },
  { keys: ['up', 'down'], help: 'Move through the matches', group: filterGroup, hint: 'move', when: editing, action: (_, k) => ({ type: 'move', by: k.name === 'up' ? -1 : 1 }) },
  { keys: ['backspace'], help: 'Delete a character', group: filterGroup, when: editing, action: () => ({ type: 'eraseFilter', all: false }) },
  { keys: ['ctrl+u'], help: 'Delete the whole filter', group: filterGroup, when: editing, action: () => ({ type: 'eraseFilter', all: true }) },
  { keys: ['printable'], help: 'Words the titles must contain', group: filterGroup, when: editing, action: (_, k) => ({ type: 'typeFilter', text: k.text }) },

  { keys: ['up', 'k'], help: 'Previous topic', group: treeGroup, hint: 'move', when: onTree, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next topic', group: treeGroup, hint: 'move', when: onTree, action: () => ({ type: 'move', by: 1 }) },
  { keys: ['right', 'l'], help: 'Expand, or go to first subtopic', group: treeGroup, when: onTree, action: () => ({ type: 'expand' }) },
  { keys: ['left', 'h'], help: 'Collapse, or go to parent', group: treeGroup, when: onTree, action: () => ({ type: 'collapse' }) },
  { keys: ['enter', 'space'], help: 'Expand/collapse; read a leaf', group: treeGroup, hint: 'open', when: onTree, action: () => ({ type: 'toggle' }) },
  { keys: ['home', 'g'], help: 'First topic', group: treeGroup, when: onTree, action: () => ({ type: 'moveTo', position: 'first' }) },
  { keys: ['end', 'G'], help: 'Last topic', group: treeGroup, when: onTree, action: () => ({ type: 'moveTo', position: 'last' }) },
  { keys: ['pageup'], help: 'Page the reading pane up', group: treeGroup, when: onTree, action: () => ({ type: 'scrollPage', by: -1 }) },
  { keys: ['pagedown'], help: 'Page the reading pane down', group: treeGroup, when: onTree, action: () => ({ type: 'scrollPage', by: 1 }) },
  { keys: ['tab', 'backtab'], help: 'Focus the reading pane', group: treeGroup, hint: 'pane', when: onTree, action: () => ({ type: 'focus', focus: 'pane' }) },

  { keys: ['up', 'k'], help: 'Scroll up a line', group: paneGroup, hint: 'scroll', when: onPane, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['down', 'j'], help: 'Scroll down a line', group: paneGroup, hint: 'scroll', when: onPane, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['pageup', 'b'], help: 'Scroll up a page', group: paneGroup, when: onPane, action: () => ({ type: 'scrollPage', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Scroll down a page', group: paneGroup, hint: 'page', when: onPane, action: () => ({ type: 'scrollPage', by: 1 }) },
  { keys: ['home', 'g'], help: 'Go to the top', group: paneGroup, when: onPane, action: () => ({ type: 'scrollTo', position: 'top' }) },
  { keys: ['end', 'G'], help: 'Go to the bottom', group: paneGroup, when: onPane, action: () => ({ type: 'scrollTo', position: 'bottom' }) },
  { keys: ['n'], help: 'Next topic', group: paneGroup, when: onPane, action: () => ({ type: 'move', by: 1 }) },
  { keys: ['p'], help: 'Previous topic', group: paneGroup, when: onPane, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['tab', 'backtab'], help: 'Focus the topic tree', group: paneGroup, hint: 'tree', when: onPane, action: () => ({ type: 'focus', focus: 'tree' }) },
  { keys: ['left', 'h'], help: 'Back to the topic tree', group: paneGroup, when: onPane, action: () => ({ type: 'focus', focus: 'tree' }) },

  { keys: ['/'], help: 'Filter topics by title', group: treeGroup, hint: 'filter', when: (s) => !s.editing, action: () => ({ type: 'openFilter' }) },
  { keys: ['escape'], help: 'Clear the filter', group: treeGroup, hint: 'clear filter', when: filtered, action: () => ({ type: 'clearFilter' }) },
];
