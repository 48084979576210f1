import { expect } from 'vitest';
import { createAppReducer, initAppState, type AppAction, type AppState, type Router } from '../../src/ui/router/state.js';
import { toKeyPress } from '../../src/ui/keys/keypress.js';
import type { KeyPress } from '../../src/ui/keys/keypress.js';

/** Byte sequences a terminal sends, for ink-testing-library's stdin. */
export const bytes = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Lets React commit and Ink's input effects re-subscribe before the next key. */
export function tick(ms = 25): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` stops throwing: for effects (resize, exit) that land after an unknown delay under load. */
export async function waitFor(check: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await tick(10);
    }
  }
}

export async function press(stdin: { write: (data: string) => void }, ...sequence: string[]): Promise<void> {
  for (const data of sequence) {
    stdin.write(data);
    await tick();
  }
}

const noFlags = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

/** A KeyPress by name, as toKeyPress would make it: `k`, `up`, `enter`, `ctrl+c`, `space`. */
export function key(name: string): KeyPress {
  const flag: Record<string, Partial<typeof noFlags>> = {
    up: { upArrow: true },
    down: { downArrow: true },
    left: { leftArrow: true },
    right: { rightArrow: true },
    pageup: { pageUp: true },
    pagedown: { pageDown: true },
    home: { home: true },
    end: { end: true },
    enter: { return: true },
    escape: { escape: true, meta: true },
    tab: { tab: true },
    backtab: { tab: true, shift: true },
    backspace: { delete: true },
  };
  if (name.startsWith('ctrl+')) return toKeyPress(name.slice(5), { ...noFlags, ctrl: true })!;
  const press = toKeyPress(name === 'space' ? ' ' : flag[name] ? '' : name, { ...noFlags, ...flag[name] });
  if (!press) throw new Error(`no key ${name}`);
  return press;
}

/** Drives the app reducer with named keys, as the running app would. */
export function driver(router: Router, size = { columns: 80, rows: 24 }, first = 'home') {
  const reduce = createAppReducer(router);
  let state: AppState = initAppState(router, size, first);
  return {
    get state() {
      return state;
    },
    dispatch(action: AppAction) {
      state = reduce(state, action);
      return state;
    },
    keys(...names: string[]) {
      for (const name of names) state = reduce(state, { type: 'key', key: key(name) });
      return state;
    },
  };
}

type Rendered = { stdout: NodeJS.EventEmitter; lastFrame: () => string | undefined };

/** Tells a rendered app its terminal is now `columns`×`rows`, as a real resize would. */
export function resizeTo(app: Rendered, columns: number, rows: number): void {
  Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
  app.stdout.emit('resize');
}

/**
 * Resizes to each size in turn and waits until the frame fills the terminal (one row left for
 * the cursor), draws nothing wider, and still shows `marker`.
 */
export async function expectFitsAt(app: Rendered, sizes: readonly (readonly [number, number])[], marker: string): Promise<void> {
  for (const [columns, rows] of sizes) {
    resizeTo(app, columns, rows);
    await waitFor(() => {
      const frame = app.lastFrame() ?? '';
      const lines = frame.split('\n');
      expect(lines.length).toBe(rows - 1);
      expect(lines.every((l) => l.length <= columns)).toBe(true);
      expect(frame).toContain(marker);
    });
  }
}
