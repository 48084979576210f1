import { render } from 'ink';
import type { ContentIndex } from '../content/model.js';
import { App } from './app.js';
import { colorAllowed } from './color.js';
import { createRouter } from './screens/registry.js';

export interface AppOptions {
  index: ContentIndex;
  version: string;
  /** Loads the notes again. With `watch`, edits to the notes show in the running app. */
  reload?: () => ContentIndex;
  /** Subscribes to changes of the notes on disk; returns the unsubscribe, called on exit. */
  watch?: (onChange: () => void) => () => void;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

const enterAltScreen = '\u001B[?1049h\u001B[H';
const leaveAltScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

// Exit codes follow the shell's 128 + signal number convention.
const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Runs the interactive app until the reader quits (q on Home, or Ctrl+C anywhere) and resolves
 * with the exit code. It never calls process.exit and leaves the terminal as it found it: the
 * screen it drew on is the alternate one, and raw mode and the cursor are restored on every way
 * out (quit, Ctrl+C, SIGINT/SIGTERM/SIGHUP, or an error while rendering, which is rethrown).
 */
export async function runApp(options: AppOptions): Promise<number> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY) throw new Error('The interactive app needs a terminal on standard input.');

  const fullScreen = stdout.isTTY === true;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    if (fullScreen) stdout.write(leaveAltScreen + showCursor);
  };
  // Last resort for a process.exit() elsewhere while the app is up: writes to a TTY are synchronous.
  process.once('exit', restore);
  if (fullScreen) stdout.write(enterAltScreen);

  let code = 0;
  const app = <App router={createRouter(options.index, options.version)} color={colorAllowed()} reload={options.reload} watch={options.watch} />;
  const instance = render(app, {
    stdin,
    stdout,
    exitOnCtrlC: true,
    // Stray console output would tear the frame, but only when it shares the frame's stream.
    patchConsole: stdout === process.stdout,
  });
  const onSignal = (signal: keyof typeof signals) => {
    code = signals[signal];
    instance.unmount();
  };
  const handlers = Object.keys(signals).map((name) => {
    const signal = name as keyof typeof signals;
    const handler = () => onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    await instance.waitUntilExit();
    return code;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    instance.cleanup();
    restore();
    process.off('exit', restore);
  }
}
