import type { ContentIndex } from '../../content/model.js';
import type { ProgressSnapshot } from '../../progress/snapshot.js';
import type { QuizAnswer } from '../../quiz/practice.js';
import type { ProgressWrite } from '../../srs/session.js';
import type { KeyBinding } from '../keys/bindings.js';
import type { AppTask } from '../tasks.js';
import type { TerminalSize } from '../layout.js';

/** A screen as Home's menu lists it. */
export interface MenuEntry {
  id: string;
  title: string;
  description: string;
  /** A live line shown instead of the description when it has one (the Review item's "12 due · 5 new"). */
  badge?: (ctx: ScreenContext) => string | undefined;
}

export interface ScreenContext {
  index: ContentIndex;
  version: string;
  /** The screens Home offers, in order. */
  menu: readonly MenuEntry[];
  /** Flashcard progress as last read; absent when the app runs without a progress store. */
  progress?: ProgressSnapshot;
}

/**
 * What a screen asks the app to do outside its state: record progress, open the editor, show a
 * notice. Reducers stay pure by returning these; the app runs them after the frame is drawn.
 */
export type AppEffect =
  | { type: 'progress'; write: ProgressWrite }
  /** Opens `file` (absolute) at `line` in the learner's editor, then reloads the notes. */
  | { type: 'editor'; file: string; line: number }
  | { type: 'notice'; text: string; tone: 'info' | 'error' }
  /** Reads progress again (after a session, so today's counts include it). */
  | { type: 'refreshProgress' }
  /** Stores a practice answer; a miss makes `cards` (flashcard ids) due now. */
  | { type: 'quizAnswer'; entry: QuizAnswer; cards: readonly string[] }
  /** Work for a port (src/ui/tasks.ts); what it reports comes back to this screen as actions. */
  | { type: 'task'; task: AppTask };

const reduced = Symbol('reduced');

/** A new state together with the effects it asks for. */
export interface Reduced<S> {
  readonly [reduced]: true;
  state: S;
  effects: readonly AppEffect[];
}

export function withEffects<S>(state: S, ...effects: AppEffect[]): Reduced<S> {
  return { [reduced]: true, state, effects };
}

export function isReduced(value: unknown): value is Reduced<unknown> {
  return typeof value === 'object' && value !== null && reduced in value;
}

/** The state and effects of a reducer's result, whichever form it took. */
export function unwrap<S>(result: S | Reduced<S>): { state: S; effects: readonly AppEffect[] } {
  return isReduced(result) ? { state: result.state as S, effects: result.effects } : { state: result, effects: [] };
}

/** What changed in a reload besides the notes: cards whose edited front was relinked to their progress. */
export interface ReloadChange {
  renamed: Readonly<Record<string, string>>;
}

/**
 * The pure half of a screen: its state machine and key table. The router keeps each screen's
 * state on its stack and feeds keys through `keys` → `reduce`, so no screen needs its own
 * useReducer or useInput, and switching screens never mounts or unmounts an input hook.
 */
export interface ScreenModel<S, A> {
  /** `params` come from whoever opened the screen (the CLI's `review --deck`). */
  init(ctx: ScreenContext, size: TerminalSize, params?: unknown): S;
  reduce(state: S, action: A): S | Reduced<S>;
  keys: readonly KeyBinding<S, A>[];
  /** Re-fits size-dependent state (windows, scroll bounds) after the terminal is resized. */
  resize(state: S, size: TerminalSize): S;
  /**
   * Moves the state onto reloaded content (`ctx.index` is new), keeping the reader's place where it
   * still exists: selections by id, scroll positions clamped. Without it, a reload opens the
   * screen afresh.
   */
  reload?(state: S, ctx: ScreenContext, size: TerminalSize, change?: ReloadChange): S;
  /** Takes a new progress snapshot (`ctx.progress`); screens without it keep what they had. */
  progress?(state: S, ctx: ScreenContext): S;
  /** When the screen wants `clock` called (a countdown), as epoch ms; undefined: never. */
  wake?(state: S): number | undefined;
  clock?(state: S, at: number): S | Reduced<S>;
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
