import type { KeyBinding, Nav } from '../../keys/bindings.js';
import { type HomeAction, type HomeState, quitEntry } from './state.js';

const group = 'Menu';

function open(state: HomeState, index: number): Nav<HomeAction> | undefined {
  const item = state.items[index];
  if (!item) return undefined;
  const update: HomeAction = { type: 'select', index };
  return item.id === quitEntry.id ? { nav: 'quit', update } : { nav: 'open', screen: item.id, update };
}

export const homeKeys: readonly KeyBinding<HomeState, HomeAction>[] = [
  { keys: ['up', 'k'], help: 'Previous item', group, hint: 'move', action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next item', group, hint: 'move', action: () => ({ type: 'move', by: 1 }) },
  { keys: ['enter', 'space', 'right', 'l'], help: 'Open the highlighted item', group, hint: 'open', action: (s) => open(s, s.selected) },
  { keys: ['digit'], help: 'Open the item with that number', group, action: (s, key) => open(s, Number(key.name) - 1) },
  { keys: ['home', 'g'], help: 'First item', group, action: () => ({ type: 'select', index: 0 }) },
  { keys: ['end', 'G'], help: 'Last item', group, action: (s) => ({ type: 'select', index: s.items.length - 1 }) },
];
