import type { KeyBinding } from '../../keys/bindings.js';
import { type LabsAction, type LabsState, selectedListing } from './state.js';

type Binding = KeyBinding<LabsState, LabsAction>;

const group = 'Labs';

export const labsKeys: readonly Binding[] = [
  { keys: ['up', 'k'], help: 'Previous lab', group, hint: 'move', action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next lab', group, hint: 'move', action: () => ({ type: 'move', by: 1 }) },
  { keys: ['home', 'g'], help: 'First lab', group, action: (s) => ({ type: 'move', by: -s.cursor }) },
  { keys: ['end', 'G'], help: 'Last lab', group, action: (s) => ({ type: 'move', by: s.labs.length }) },
  {
    keys: ['enter', 'right', 'l'],
    help: 'Open the lab (a file with errors cannot be opened; its first error is shown)',
    group,
    hint: 'open',
    action: (s) => {
      const lab = selectedListing(s)?.lab;
      return lab ? { nav: 'open', screen: 'lab', params: { lab }, update: { type: 'stale' } } : undefined;
    },
  },
  { keys: ['r'], help: 'Read the labs folder again', group, hint: 'reload', action: () => ({ type: 'load' }) },
];
