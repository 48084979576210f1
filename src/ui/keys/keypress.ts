// One key, in the app's own vocabulary. Ink's Key is a bag of booleans; reducers and key tables
// want a single name to match on and the text typed, so this is the only translation point.

export interface KeyPress {
  /**
   * `up` `down` `left` `right` `pageup` `pagedown` `home` `end` `enter` `escape` `tab` `backtab`
   * `backspace` `space`, `ctrl+<letter>`, a printable character as itself (`k`, `G`, `/`, `1`),
   * or `text` for several characters arriving as one paste.
   */
  name: string;
  /** What the key types; empty for keys that type nothing. */
  text: string;
  /** When the key arrived (epoch ms), stamped by the input hook: reducers that time answers read it. */
  at?: number;
}

/** The fields of Ink's `Key` this module reads (structural, so pure code needs no Ink import). */
export interface InkKeyFlags {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
}

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f\u007f]/;

export function toKeyPress(input: string, key: InkKeyFlags): KeyPress | undefined {
  const special = (name: string): KeyPress => ({ name, text: '' });
  if (key.upArrow) return special('up');
  if (key.downArrow) return special('down');
  if (key.leftArrow) return special('left');
  if (key.rightArrow) return special('right');
  if (key.pageUp) return special('pageup');
  if (key.pageDown) return special('pagedown');
  if (key.home) return special('home');
  if (key.end) return special('end');
  if (key.return) return special('enter');
  if (key.escape) return special('escape');
  if (key.tab) return special(key.shift ? 'backtab' : 'tab');
  // Most terminals send DEL (reported as `delete`) for the Backspace key; both erase backwards.
  if (key.backspace || key.delete) return special('backspace');
  if (key.ctrl && /^[a-z]$/i.test(input)) return special(`ctrl+${input.toLowerCase()}`);
  if (key.meta || input === '' || control.test(input)) return undefined;
  if (input === ' ') return { name: 'space', text: ' ' };
  if ([...input].length === 1) return { name: input, text: input };
  return { name: 'text', text: input };
}

const names: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backtab: 'Shift+Tab',
  backspace: 'Backspace',
  space: 'Space',
  printable: 'type',
  digit: '1–9',
};

/** How a key name is written in help and hints. */
export function formatKey(name: string): string {
  const known = names[name];
  if (known) return known;
  if (name.startsWith('ctrl+')) return `Ctrl+${name.slice(5).toUpperCase()}`;
  return name;
}
