import type { ContentIndex } from '../../content/model.js';
import type { KeyBinding } from '../keys/bindings.js';
import type { TerminalSize } from '../layout.js';

/** A screen as Home's menu lists it. */
export interface MenuEntry {
  id: string;
  title: string;
  description: string;
}

export interface ScreenContext {
  index: ContentIndex;
  version: string;
  /** The screens Home offers, in order. */
  menu: readonly MenuEntry[];
}

/**
 * The pure half of a screen: its state machine and key table. The router keeps each screen's
 * state on its stack and feeds keys through `keys` → `reduce`, so no screen needs its own
 * useReducer or useInput, and switching screens never mounts or unmounts an input hook.
 */
export interface ScreenModel<S, A> {
  init(ctx: ScreenContext, size: TerminalSize): S;
  reduce(state: S, action: A): S;
  keys: readonly KeyBinding<S, A>[];
  /** Re-fits size-dependent state (windows, scroll bounds) after the terminal is resized. */
  resize(state: S, size: TerminalSize): S;
  /**
   * Moves the state onto reloaded content (`ctx.index` is new), keeping the reader's place where it
   * still exists: selections by id, scroll positions clamped. Without it, a reload opens the
   * screen afresh.
   */
  reload?(state: S, ctx: ScreenContext, size: TerminalSize): S;
}

/** A screen model with its types forgotten, as the router's table holds it. */
export type AnyScreenModel = ScreenModel<unknown, unknown>;

/**
 * The router handles screens of different state types through one table. Each model only ever
 * sees states its own `init`/`reduce` made, which is what makes this widening sound.
 */
export function eraseModel<S, A>(model: ScreenModel<S, A>): AnyScreenModel {
  return model as unknown as AnyScreenModel;
}
