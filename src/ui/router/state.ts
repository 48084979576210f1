import { type Hint, type KeyBinding, type Nav, activeHints, activeIn, findBinding, isNav } from '../keys/bindings.js';
import type { KeyPress } from '../keys/keypress.js';
import { type TerminalSize, bodyHeight } from '../layout.js';
import type { Line } from '../markdown/types.js';
import type { ContentIndex } from '../../content/model.js';
import type { ProgressSnapshot } from '../../progress/snapshot.js';
import { type AnyScreenModel, type AppEffect, type ScreenContext, unwrap } from '../screens/model.js';
import { BACK_GROUP, BACK_HELP } from './back.js';
import { helpSections, layoutHelp } from './help.js';
import { type Notice, reloadNotice } from './notice.js';

export interface ScreenEntry {
  id: string;
  state: unknown;
}

export interface AppState {
  size: TerminalSize;
  /** Open screens, the first at the bottom; never empty. */
  stack: ScreenEntry[];
  /** States of screens left with Back, so opening one again resumes where the reader was. */
  parked: Readonly<Record<string, unknown>>;
  help: { open: boolean; scroll: number };
  quit: boolean;
  /** What the screens read: the content as last loaded. Starts as the router's. */
  ctx: ScreenContext;
  /** A brief message in the footer (content reloaded); the app clears it after a while. */
  notice: Notice | undefined;
  /** Numbers notices, so clearing an old one never clears a newer one. */
  noticeSeq: number;
  /** Effects screens asked for (record an answer, open the editor), run by the app after drawing. */
  effects: readonly QueuedEffect[];
  effectSeq: number;
}

export interface QueuedEffect {
  seq: number;
  effect: AppEffect;
  /** The screen whose reducer asked for it: what a task reports goes back there. */
  screen: string;
}

/** A screen to open at start, above the first one (the CLI's `review --deck`). */
export interface Launch {
  screen: string;
  params?: unknown;
}

export type AppAction =
  | { type: 'key'; key: KeyPress }
  | { type: 'resize'; size: TerminalSize }
  | { type: 'open'; screen: string }
  | { type: 'back' }
  | { type: 'quit' }
  | { type: 'toggleHelp' }
  | { type: 'scrollHelp'; by: number }
  /**
   * The notes changed on disk and were loaded again; `progress` is the snapshot after re-linking
   * edited cards, `renamed` the cards whose id changed with their edit.
   */
  | { type: 'reload'; index: ContentIndex; progress?: ProgressSnapshot; renamed?: Readonly<Record<string, string>> }
  | { type: 'reloadFailed'; message: string }
  | { type: 'clearNotice'; seq: number }
  /** Progress as read again (a screen opened, a minute passed, another instance wrote). */
  | { type: 'progress'; snapshot: ProgressSnapshot }
  /** The app ran the queued effects up to `upTo`. */
  | { type: 'effectsDone'; upTo: number }
  | { type: 'notice'; text: string; tone: 'info' | 'error' }
  /** The time a screen asked to be woken at (see ScreenModel.wake) has come. */
  | { type: 'clock'; at: number }
  /** A task's report for the screen that asked for it, open or parked; dropped when it is closed. */
  | { type: 'deliver'; screen: string; action: unknown };

export interface Router {
  models: Readonly<Record<string, AnyScreenModel>>;
  /** The context the app starts with; a reload replaces the one in AppState. */
  ctx: ScreenContext;
}

const everywhere = BACK_GROUP;
const helpGroup = 'Key help';

/** Keys every screen shares. They are tried after the screen's own table, which may override. */
export const globalKeys: readonly KeyBinding<AppState, AppAction>[] = [
  { keys: ['?'], help: 'Show or hide this help', group: everywhere, hint: 'keys', action: () => ({ type: 'toggleHelp' }) },
  {
    keys: ['escape', 'q'],
    help: BACK_HELP,
    group: everywhere,
    hint: 'back',
    when: (s) => s.stack.length > 1,
    action: () => ({ nav: 'back' }),
  },
  { keys: ['q'], help: 'Quit shardlab', group: everywhere, hint: 'quit', when: (s) => s.stack.length === 1, action: () => ({ nav: 'quit' }) },
  { keys: ['ctrl+c'], help: 'Quit from any screen', group: everywhere, action: () => ({ nav: 'quit' }) },
];

/** Keys while the help overlay is open; anything else is ignored so a stray key changes nothing. */
export const helpKeys: readonly KeyBinding<AppState, AppAction>[] = [
  { keys: ['up', 'k'], help: 'Scroll up', group: helpGroup, hint: 'scroll', action: () => ({ type: 'scrollHelp', by: -1 }) },
  { keys: ['down', 'j'], help: 'Scroll down', group: helpGroup, hint: 'scroll', action: () => ({ type: 'scrollHelp', by: 1 }) },
  { keys: ['pageup'], help: 'Scroll up a page', group: helpGroup, action: (s) => ({ type: 'scrollHelp', by: -bodyHeight(s.size) }) },
  { keys: ['pagedown'], help: 'Scroll down a page', group: helpGroup, action: (s) => ({ type: 'scrollHelp', by: bodyHeight(s.size) }) },
  { keys: ['?', 'escape', 'q'], help: 'Close the help', group: helpGroup, hint: 'close', action: () => ({ type: 'toggleHelp' }) },
  { keys: ['ctrl+c'], help: 'Quit from any screen', group: helpGroup, action: () => ({ nav: 'quit' }) },
];

export function topEntry(state: AppState): ScreenEntry {
  return state.stack[state.stack.length - 1]!;
}

export function initAppState(router: Router, size: TerminalSize, first: string, launch?: Launch): AppState {
  const model = router.models[first];
  if (!model) throw new Error(`No screen called "${first}"`);
  const stack: ScreenEntry[] = [{ id: first, state: model.init(router.ctx, size) }];
  const above = launch && launch.screen !== first ? router.models[launch.screen] : undefined;
  if (launch && above) stack.push({ id: launch.screen, state: above.init(router.ctx, size, launch.params) });
  return {
    size,
    stack,
    parked: {},
    help: { open: false, scroll: 0 },
    quit: false,
    ctx: router.ctx,
    notice: undefined,
    noticeSeq: 0,
    effects: [],
    effectSeq: 0,
  };
}

/** The help overlay's lines for the screen on top: its key table, then the shared keys. */
export function helpLines(router: Router, state: AppState): Line[] {
  const model = router.models[topEntry(state).id];
  const closed = { ...state, help: { open: false, scroll: 0 } };
  const shared = globalKeys.filter((b) => b.when?.(closed) ?? true);
  const sections = helpSections([...(model ? [activeIn(model.keys, topEntry(state).state)] : []), activeIn(shared, closed)]);
  return layoutHelp(sections, state.size.columns, bodyHeight(state.size));
}

/** Footer hints for what the keys do right now, from the same tables the reducer uses. */
export function footerHints(router: Router, state: AppState): Hint[] {
  if (state.help.open) return activeHints([activeIn(helpKeys, state)]);
  const top = topEntry(state);
  const model = router.models[top.id];
  return activeHints([...(model ? [activeIn(model.keys, top.state)] : []), activeIn(globalKeys, state)]);
}

function clampHelp(router: Router, state: AppState, scroll: number): number {
  const max = Math.max(0, helpLines(router, state).length - bodyHeight(state.size));
  return Math.min(Math.max(0, scroll), max);
}

function withTop(state: AppState, screenState: unknown): AppState {
  const stack = state.stack.slice();
  stack[stack.length - 1] = { ...topEntry(state), state: screenState };
  return { ...state, stack };
}

function notify(state: AppState, text: string, tone: 'info' | 'error'): AppState {
  const seq = state.noticeSeq + 1;
  return { ...state, noticeSeq: seq, notice: { text, tone, seq } };
}

/** Queues effects for the app; a notice needs no outside help and is shown at once. */
function queueEffects(state: AppState, effects: readonly AppEffect[], screen: string): AppState {
  let out = state;
  for (const effect of effects) {
    if (effect.type === 'notice') out = notify(out, effect.text, effect.tone);
    else out = { ...out, effectSeq: out.effectSeq + 1, effects: [...out.effects, { seq: out.effectSeq + 1, effect, screen }] };
  }
  return out;
}

/** Applies a screen reducer's result (a state, or a state with effects) to the screen on top. */
function applyTop(state: AppState, result: unknown): AppState {
  const top = topEntry(state);
  const { state: next, effects } = unwrap(result);
  return queueEffects(next === top.state ? state : withTop(state, next), effects, top.id);
}

/** A task's report, reduced by the screen it is for wherever that screen is: on the stack or parked. */
function deliver(router: Router, state: AppState, screen: string, action: unknown): AppState {
  const model = router.models[screen];
  if (!model) return state;
  const at = state.stack.findIndex((e) => e.id === screen);
  const current = at >= 0 ? state.stack[at]!.state : state.parked[screen];
  if (current === undefined) return state;
  const { state: next, effects } = unwrap(model.reduce(current, action));
  let out = state;
  if (next !== current) {
    if (at >= 0) {
      const stack = state.stack.slice();
      stack[at] = { id: screen, state: next };
      out = { ...state, stack };
    } else out = { ...state, parked: { ...state.parked, [screen]: next } };
  }
  return queueEffects(out, effects, screen);
}

function updateTop(router: Router, state: AppState, action: unknown): AppState {
  const top = topEntry(state);
  const model = router.models[top.id];
  if (!model) return state;
  return applyTop(state, model.reduce(top.state, action));
}

function navigate(router: Router, state: AppState, nav: Nav<unknown>): AppState {
  const base = nav.update === undefined ? state : updateTop(router, state, nav.update);
  const closed = { ...base, help: { open: false, scroll: 0 } };
  switch (nav.nav) {
    case 'quit':
      return { ...closed, quit: true };
    case 'back': {
      if (closed.stack.length <= 1) return { ...closed, quit: true };
      const top = topEntry(closed);
      return { ...closed, stack: closed.stack.slice(0, -1), parked: { ...closed.parked, [top.id]: top.state } };
    }
    case 'open': {
      const model = router.models[nav.screen];
      if (!model || closed.stack.some((e) => e.id === nav.screen)) return closed;
      const parked = closed.parked[nav.screen];
      // A parked screen resumes where the reader left it; new params mean a new start.
      const screenState = parked === undefined || nav.params !== undefined ? model.init(closed.ctx, closed.size, nav.params) : model.resize(parked, closed.size);
      const { [nav.screen]: _resumed, ...rest } = closed.parked;
      return { ...closed, stack: [...closed.stack, { id: nav.screen, state: screenState }], parked: rest };
    }
  }
}

function apply(router: Router, state: AppState, result: AppAction | Nav<unknown> | undefined): AppState {
  if (result === undefined) return state;
  return isNav(result) ? navigate(router, state, result) : reduceApp(router, state, result);
}

function handleKey(router: Router, state: AppState, key: KeyPress): AppState {
  if (state.help.open) {
    const binding = findBinding(helpKeys, state, key);
    return binding ? apply(router, state, binding.action(state, key)) : state;
  }
  const top = topEntry(state);
  const model = router.models[top.id];
  // Ctrl+C is checked before the screen so no mode (a text prompt) can swallow it.
  if (key.name !== 'ctrl+c' && model) {
    const binding = findBinding(model.keys, top.state, key);
    if (binding) {
      const result = binding.action(top.state, key);
      if (result === undefined) return state;
      return isNav(result) ? navigate(router, state, result) : updateTop(router, state, result);
    }
  }
  const global = findBinding(globalKeys, state, key);
  return global ? apply(router, state, global.action(state, key)) : state;
}

/**
 * Hands every screen, open or parked, the reloaded content. Screens with `reload` keep the reader's
 * place (selection by id, scroll clamped); others start afresh on the new content.
 */
function applyReload(router: Router, state: AppState, index: ContentIndex, progress?: ProgressSnapshot, renamed: Readonly<Record<string, string>> = {}): AppState {
  const ctx: ScreenContext = { ...state.ctx, index, ...(progress ? { progress } : {}) };
  const refit = (id: string, screenState: unknown): unknown => {
    const model = router.models[id];
    if (!model) return screenState;
    return model.reload ? model.reload(screenState, ctx, state.size, { renamed }) : model.init(ctx, state.size);
  };
  const stack = state.stack.map((e) => ({ ...e, state: refit(e.id, e.state) }));
  const parked: Record<string, unknown> = {};
  for (const [id, screenState] of Object.entries(state.parked)) {
    if (router.models[id]?.reload) parked[id] = refit(id, screenState);
  }
  const seq = state.noticeSeq + 1;
  const reloaded: AppState = { ...state, ctx, stack, parked, noticeSeq: seq, notice: { ...reloadNotice(state.ctx.index, index), seq } };
  return { ...reloaded, help: { ...reloaded.help, scroll: clampHelp(router, reloaded, reloaded.help.scroll) } };
}

/** Hands every screen that shows progress, open or parked, the new snapshot. */
function applyProgress(router: Router, state: AppState, snapshot: ProgressSnapshot): AppState {
  const ctx: ScreenContext = { ...state.ctx, progress: snapshot };
  const refit = (id: string, screenState: unknown): unknown => router.models[id]?.progress?.(screenState, ctx) ?? screenState;
  const stack = state.stack.map((e) => ({ ...e, state: refit(e.id, e.state) }));
  const parked: Record<string, unknown> = {};
  for (const [id, screenState] of Object.entries(state.parked)) parked[id] = refit(id, screenState);
  return { ...state, ctx, stack, parked };
}

function reduceApp(router: Router, state: AppState, action: AppAction): AppState {
  if (state.quit) return state;
  switch (action.type) {
    case 'key':
      return handleKey(router, state, action.key);
    case 'resize': {
      const { size } = action;
      if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
      const stack = state.stack.map((e) => {
        const model = router.models[e.id];
        return model ? { ...e, state: model.resize(e.state, size) } : e;
      });
      const resized = { ...state, size, stack };
      return { ...resized, help: { ...resized.help, scroll: clampHelp(router, resized, resized.help.scroll) } };
    }
    case 'open':
      return navigate(router, state, { nav: 'open', screen: action.screen });
    case 'back':
      return navigate(router, state, { nav: 'back' });
    case 'quit':
      return navigate(router, state, { nav: 'quit' });
    case 'toggleHelp':
      return { ...state, help: { open: !state.help.open, scroll: 0 } };
    case 'scrollHelp':
      return { ...state, help: { ...state.help, scroll: clampHelp(router, state, state.help.scroll + action.by) } };
    case 'reload':
      return applyReload(router, state, action.index, action.progress, action.renamed);
    case 'reloadFailed': {
      // The screens keep the content they have: a half-saved folder is no reason to lose it.
      const seq = state.noticeSeq + 1;
      return { ...state, noticeSeq: seq, notice: { text: `reload failed: ${action.message}`, tone: 'error', seq } };
    }
    case 'clearNotice':
      return state.notice?.seq === action.seq ? { ...state, notice: undefined } : state;
    case 'progress':
      return applyProgress(router, state, action.snapshot);
    case 'effectsDone': {
      const effects = state.effects.filter((e) => e.seq > action.upTo);
      return effects.length === state.effects.length ? state : { ...state, effects };
    }
    case 'notice':
      return notify(state, action.text, action.tone);
    case 'clock': {
      const top = topEntry(state);
      const model = router.models[top.id];
      return model?.clock ? applyTop(state, model.clock(top.state, action.at)) : state;
    }
    case 'deliver':
      return deliver(router, state, action.screen, action.action);
  }
}

export function createAppReducer(router: Router): (state: AppState, action: AppAction) => AppState {
  return (state, action) => reduceApp(router, state, action);
}
