import { type KeyPress, formatKey } from './keypress.js';

/** A move between screens, decided by a key. `update` is applied to the screen before it. */
export type Nav<A = never> =
  | { nav: 'open'; screen: string; params?: unknown; update?: A }
  | { nav: 'back'; update?: A }
  | { nav: 'quit'; update?: A };

export function isNav<A>(value: A | Nav<A>): value is Nav<A> {
  return typeof value === 'object' && value !== null && 'nav' in value;
}

/**
 * One row of a key table. The same table drives the reducer and the help overlay, so help cannot
 * drift from behaviour. `when` and `action` receive the current state: they run inside the
 * reducer, never in a render-time closure, so keys arriving in one burst each see the state the
 * previous key produced.
 */
export interface KeyBinding<S, A> {
  /** Key names (see KeyPress.name), or the classes `printable` (any typed text) and `digit`. */
  keys: readonly string[];
  help: string;
  /** Section of the help overlay. */
  group: string;
  /** A short word for the footer; bindings without one are listed only in help. */
  hint?: string;
  /** The state (mode, focus) in which the binding applies; bindings are tried in order. */
  when?: (state: S) => boolean;
  /** The action for the key. `undefined` consumes the key without effect. */
  action: (state: S, key: KeyPress) => A | Nav<A> | undefined;
}

export function keyMatches(pattern: string, key: KeyPress): boolean {
  if (pattern === key.name) return true;
  if (pattern === 'printable') return key.text !== '';
  if (pattern === 'digit') return /^[0-9]$/.test(key.name);
  return false;
}

export function findBinding<S, A>(bindings: readonly KeyBinding<S, A>[], state: S, key: KeyPress): KeyBinding<S, A> | undefined {
  return bindings.find((b) => (b.when?.(state) ?? true) && b.keys.some((k) => keyMatches(k, key)));
}

/** All keys of a binding, as help shows them: `↑/k`. */
export function keysLabel(keys: readonly string[]): string {
  return keys.map(formatKey).join('/');
}

const arrows = new Set(['up', 'down', 'left', 'right']);

/** The keys a footer hint shows: the named keys only (`↑↓`, `Enter`), or the first letter key. */
export function hintLabel(keys: readonly string[]): string {
  // A run of digits (the grade keys 1 2 3 4) reads as a range.
  if (keys.length > 1 && keys.every((k) => /^[0-9]$/.test(k))) return `${keys[0]}–${keys[keys.length - 1]}`;
  const named = keys.filter((k) => k.length > 1 && k !== 'printable');
  if (named.length === 0) return formatKey(keys[0] ?? '');
  if (named.every((k) => arrows.has(k))) return named.map(formatKey).join('');
  return formatKey(named[0]!);
}

export interface Hint {
  keys: string;
  label: string;
}

/** A key table and the state its `when` conditions are checked against. */
export interface ActiveTable {
  bindings: readonly KeyBinding<never, unknown>[];
  state: unknown;
}

export function activeIn<S, A>(bindings: readonly KeyBinding<S, A>[], state: S): ActiveTable {
  return { bindings: bindings as readonly KeyBinding<never, unknown>[], state };
}

function claims(pattern: string, name: string): boolean {
  if (pattern === 'printable') return [...name].length === 1 || name === 'space';
  return keyMatches(pattern, { name, text: '' });
}

/**
 * Footer hints for the active bindings of tables tried in this order. A key taken by an earlier
 * binding is not offered again (a text prompt takes `q`, so "q back" is not shown), and each hint
 * word appears once.
 */
export function activeHints(tables: readonly ActiveTable[]): Hint[] {
  const taken: string[] = [];
  const byWord = new Map<string, string[]>();
  for (const { bindings, state } of tables) {
    for (const b of bindings) {
      if (!(b.when?.(state as never) ?? true)) continue;
      const free = b.keys.filter((k) => !taken.some((t) => claims(t, k)));
      taken.push(...b.keys);
      if (!b.hint || free.length === 0) continue;
      // Bindings sharing a word (↑ and ↓ both "move") become one hint.
      byWord.set(b.hint, [...(byWord.get(b.hint) ?? []), ...free]);
    }
  }
  return [...byWord].map(([label, keys]) => ({ keys: hintLabel(keys), label }));
}
