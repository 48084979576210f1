import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

// The review screen's `e`: open the card's note at its line in the learner's own editor, the way
// git does ($VISUAL first, then $EDITOR), and come back to the same card when the editor exits.

export type EditorOutcome =
  | { kind: 'missing' }
  | { kind: 'opened'; redraw: boolean }
  | { kind: 'failed'; message: string; redraw: boolean };

export interface EditorCommand {
  command: string;
  args: string[];
}

/** Terminal editors that take `+LINE file`. */
const plusLine = new Set(['vi', 'vim', 'nvim', 'gvim', 'mvim', 'view', 'vis', 'nano', 'pico', 'emacs', 'emacsclient', 'micro', 'kak', 'joe', 'jed', 'ne', 'mg', 'mcedit']);
/** VS Code and its forks: `file:LINE` only with --goto (without it, a file named `x.md:12` is created). */
const gotoFlag = new Set(['code', 'code-insiders', 'codium', 'vscodium', 'cursor', 'windsurf']);
/** Editors that read `file:LINE` as it is. */
const colonLine = new Set(['subl', 'sublime_text', 'zed', 'hx', 'helix']);

/** Splits an editor setting like a shell would for the simple cases: words, and quoted words with spaces. */
export function splitCommand(spec: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(spec); m; m = re.exec(spec)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

/**
 * The command that opens `file` at `line`: $VISUAL, else $EDITOR, with the line in the form that
 * editor understands. An editor not known here gets the file alone (a `+12` it does not expect
 * would open a second, empty file). Undefined when neither variable is set.
 */
export function editorCommand(env: NodeJS.ProcessEnv, file: string, line: number): EditorCommand | undefined {
  const spec = (env['VISUAL'] || env['EDITOR'] || '').trim();
  const [command, ...flags] = splitCommand(spec);
  if (!command) return undefined;
  const name = basename(command).toLowerCase().replace(/\.(exe|cmd)$/, '');
  const at = Math.max(1, Math.floor(line));
  if (plusLine.has(name)) return { command, args: [...flags, `+${at}`, file] };
  if (gotoFlag.has(name)) return { command, args: [...flags, '--goto', `${file}:${at}`] };
  if (colonLine.has(name)) return { command, args: [...flags, `${file}:${at}`] };
  return { command, args: [...flags, file] };
}

export interface TerminalHandover {
  /** Gives the terminal to the editor: raw mode off, the normal screen, the cursor shown. */
  release(): void;
  /** Takes it back: the app's screen, raw mode on, the cursor hidden. */
  reclaim(): void;
}

/**
 * Runs the editor on this process's terminal and waits for it. The app's event loop is blocked
 * meanwhile, so every key goes to the editor; `terminal` hands the screen over and back.
 */
export function runEditor(env: NodeJS.ProcessEnv, file: string, line: number, terminal: TerminalHandover): EditorOutcome {
  const command = editorCommand(env, file, line);
  if (!command) return { kind: 'missing' };
  terminal.release();
  let result;
  try {
    result = spawnSync(command.command, command.args, { stdio: 'inherit' });
  } finally {
    terminal.reclaim();
  }
  if (result.error) return { kind: 'failed', message: `could not run ${command.command}: ${result.error.message}`, redraw: true };
  if (result.status !== 0) return { kind: 'failed', message: `${command.command} exited with ${result.status ?? result.signal ?? 'an error'}`, redraw: true };
  return { kind: 'opened', redraw: true };
}
