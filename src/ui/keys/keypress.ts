// One key, in the app's own vocabulary. Ink's Key is a bag of booleans; reducers and key tables
// want a single name to match on and the text typed, so this is the only translation point.

export interface KeyPress {
  /**
   * `up` `down` `left` `right` `pageup` `pagedown` `home` `end` `enter` `escape` `tab` `backtab`
   * `backspace` `space`, `ctrl+<letter>`, or a printable character as itself (`k`, `G`, `/`, `1`).
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
  return [...input].length === 1 ? { name: input, text: input } : undefined;
}

/** Control characters that arrive inside a burst under their own names. */
const burstControls: Readonly<Record<string, string>> = { '\r': 'enter', '\n': 'enter', '\t': 'tab', '\u007f': 'backspace', '\b': 'backspace' };

function burstKey(ch: string): KeyPress | undefined {
  const named = burstControls[ch];
  if (named) return { name: named, text: '' };
  const code = ch.codePointAt(0) ?? 0;
  // Ctrl+A … Ctrl+Z are bytes 1–26 (the ones above, Tab and Enter among them, already taken).
  if (code >= 1 && code <= 26) return { name: `ctrl+${String.fromCharCode(96 + code)}`, text: '' };
  if (control.test(ch)) return undefined;
  return ch === ' ' ? { name: 'space', text: ' ' } : { name: ch, text: ch };
}

/**
 * Every key in one chunk of input. Ink hands over a run of plain bytes (keys typed faster than
 * the terminal is read, tmux send-keys, a paste) as one string with no flags set; taken as one
 * key it would be lost, so it is split into the keys it is made of, each reduced in turn.
 * Escape sequences never reach here joined: Ink's parser separates them first.
 */
export function toKeyPresses(input: string, key: InkKeyFlags): KeyPress[] {
  const flagged = Object.values(key).some((v) => v === true);
  if (flagged || [...input].length <= 1) {
    const one = toKeyPress(input, key);
    return one ? [one] : [];
  }
  return [...input].flatMap((ch) => burstKey(ch) ?? []);
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
