import { describe, expect, it } from 'vitest';
import { type KeyBinding, activeHints, activeIn, findBinding, hintLabel, keysLabel } from '../../src/ui/keys/bindings.js';
import { formatKey, toKeyPress, toKeyPresses } from '../../src/ui/keys/keypress.js';
import { helpSections, layoutHelp } from '../../src/ui/router/help.js';
import { lineText } from '../../src/ui/markdown/types.js';
import { key } from './helpers.js';

describe('toKeyPress', () => {
  it('names special keys and keeps typed text', () => {
    expect(key('up')).toEqual({ name: 'up', text: '' });
    expect(key('pagedown')).toEqual({ name: 'pagedown', text: '' });
    expect(key('escape')).toEqual({ name: 'escape', text: '' });
    expect(key('backtab')).toEqual({ name: 'backtab', text: '' });
    expect(key('backspace')).toEqual({ name: 'backspace', text: '' });
    expect(key('ctrl+c')).toEqual({ name: 'ctrl+c', text: '' });
    expect(key('G')).toEqual({ name: 'G', text: 'G' });
    expect(key('space')).toEqual({ name: 'space', text: ' ' });
  });

  const flags = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false };

  it('ignores control bytes and Alt', () => {
    expect(toKeyPress('\u0007', flags)).toBeUndefined();
    expect(toKeyPress('x', { ...flags, meta: true })).toBeUndefined();
    expect(toKeyPresses('x', { ...flags, meta: true })).toEqual([]);
  });

  it('splits a burst of keys that arrived in one chunk into the keys it is made of', () => {
    const names = (input: string) => toKeyPresses(input, flags).map((k) => k.name);
    expect(names('jjk')).toEqual(['j', 'j', 'k']);
    // Backspace twice, a digit and Enter, as `tmux send-keys BSpace BSpace 4 Enter` delivers them.
    expect(names('\u007f\u007f4\r')).toEqual(['backspace', 'backspace', '4', 'enter']);
    expect(toKeyPresses('a b\t', flags)).toEqual([
      { name: 'a', text: 'a' },
      { name: 'space', text: ' ' },
      { name: 'b', text: 'b' },
      { name: 'tab', text: '' },
    ]);
    expect(names('x\u0012\u001c')).toEqual(['x', 'ctrl+r']);
    expect(toKeyPresses('\r', { ...flags, return: true })).toEqual([{ name: 'enter', text: '' }]);
  });

  it('formats keys for help', () => {
    expect(formatKey('pageup')).toBe('PgUp');
    expect(formatKey('ctrl+u')).toBe('Ctrl+U');
    expect(keysLabel(['up', 'k'])).toBe('↑/k');
    expect(hintLabel(['up', 'k', 'down', 'j'])).toBe('↑↓');
    expect(hintLabel(['enter', 'space'])).toBe('Enter');
    expect(hintLabel(['/'])).toBe('/');
  });
});

type S = { typing: boolean };
const table: KeyBinding<S, string>[] = [
  { keys: ['printable'], help: 'Type', group: 'Prompt', when: (s) => s.typing, action: (_, k) => `type:${k.text}` },
  { keys: ['up', 'k'], help: 'Up', group: 'List', hint: 'move', when: (s) => !s.typing, action: () => 'up' },
  { keys: ['down', 'j'], help: 'Down', group: 'List', hint: 'move', when: (s) => !s.typing, action: () => 'down' },
  { keys: ['digit'], help: 'Pick', group: 'List', when: (s) => !s.typing, action: (_, k) => `pick:${k.name}` },
];
const globals: KeyBinding<S, string>[] = [
  { keys: ['q'], help: 'Quit', group: 'Everywhere', hint: 'quit', action: () => 'quit' },
  { keys: ['?'], help: 'Help', group: 'Everywhere', hint: 'keys', action: () => 'help' },
];

describe('key tables', () => {
  it('finds the first binding whose mode applies', () => {
    expect(findBinding(table, { typing: true }, key('k'))?.action({ typing: true }, key('k'))).toBe('type:k');
    expect(findBinding(table, { typing: false }, key('k'))?.action({ typing: false }, key('k'))).toBe('up');
    expect(findBinding(table, { typing: false }, key('7'))?.action({ typing: false }, key('7'))).toBe('pick:7');
    expect(findBinding(table, { typing: false }, key('x'))).toBeUndefined();
  });

  it('builds footer hints from active bindings, merging words and dropping keys taken earlier', () => {
    expect(activeHints([activeIn(table, { typing: false }), activeIn(globals, { typing: false })])).toEqual([
      { keys: '↑↓', label: 'move' },
      { keys: 'q', label: 'quit' },
      { keys: '?', label: 'keys' },
    ]);
    // A prompt takes every printable key, so q and ? are not offered while typing.
    expect(activeHints([activeIn(table, { typing: true }), activeIn(globals, { typing: true })])).toEqual([]);
  });

  it('groups help rows by section, the sections of the current mode first', () => {
    const sections = helpSections([activeIn(table, { typing: false }), activeIn(globals, { typing: false })]);
    expect(sections.map((s) => s.title)).toEqual(['List', 'Everywhere', 'Prompt']);
    expect(sections[0]!.rows).toEqual([
      { keys: '↑/k', help: 'Up' },
      { keys: '↓/j', help: 'Down' },
      { keys: '1–9', help: 'Pick' },
    ]);
  });

  it('flows help into two columns when one would need scrolling', () => {
    const sections = helpSections([activeIn(table, { typing: false }), activeIn(globals, { typing: false })]);
    expect(layoutHelp(sections, 80, 40).length).toBe(11);
    const two = layoutHelp(sections, 80, 8).map(lineText);
    expect(two.length).toBeLessThan(11);
    expect(two[0]).toMatch(/^List +Everywhere$/);
  });
});
