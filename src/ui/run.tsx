import { render } from 'ink';
import type { ContentIndex } from '../content/model.js';
import type { ProgressPort } from '../progress/snapshot.js';
import { App } from './app.js';
import { colorAllowed } from './color.js';
import { type EditorOutcome, runEditor } from './editor.js';
import type { Launch } from './router/state.js';
import { createRouter, screens } from './screens/registry.js';
import type { TaskPorts } from './tasks.js';

export interface AppOptions {
  index: ContentIndex;
  version: string;
  /** Loads the notes again. With `watch`, edits to the notes show in the running app. */
  reload?: () => ContentIndex;
  /** Subscribes to changes of the notes on disk; returns the unsubscribe, called on exit. */
  watch?: (onChange: () => void) => () => void;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Flashcard progress; without it the app shows no due counts and records nothing. */
  progress?: ProgressPort;
  /** A screen to open above Home at start (`shardlab review --deck`). */
  launch?: Launch;
  /** What runs the screens' tasks (labs, exams), by port name. */
  ports?: TaskPorts;
}

const enterAltScreen = '\u001B[?1049h\u001B[H';
const leaveAltScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';

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

  // The editor runs on this process's own terminal, so only when the app is drawn there.
  const ownTerminal = stdin === process.stdin && stdout === process.stdout && fullScreen;
  const openEditor = ownTerminal
    ? (file: string, line: number): EditorOutcome =>
        runEditor(process.env, file, line, {
          release: () => {
            if (stdin.isRaw) stdin.setRawMode(false);
            stdout.write(leaveAltScreen + showCursor);
          },
          reclaim: () => {
            // Back on the app's screen before Ink draws, so nothing is drawn over the shell's.
            stdout.write(enterAltScreen + hideCursor);
            stdin.setRawMode(true);
          },
        })
    : undefined;

  let code = 0;
  const router = createRouter(options.index, options.version, screens, options.progress?.snapshot());
  const app = (
    <App
      router={router}
      color={colorAllowed()}
      reload={options.reload}
      watch={options.watch}
      progress={options.progress}
      openEditor={openEditor}
      launch={options.launch}
      ports={options.ports}
    />
  );
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
