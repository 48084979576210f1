// A pseudo-terminal for journeys through the built CLI: a private tmux server with one 80×24
// session running a plain bash, driven one key at a time and read back as the screen a person sees.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const builtCli = join(repoRoot, 'dist', 'shardlab.js');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the bundle when a source file is newer: test/global-setup.ts does it, this covers running one file alone. */
export async function ensureBuilt(): Promise<void> {
  // @ts-expect-error: plain ESM build script without type declarations.
  const build = (await import('../../scripts/build.mjs')) as { isStale(): boolean; bundle(): Promise<void> };
  if (build.isStale()) await build.bundle();
}

export class Tmux {
  private readonly socket: string;

  constructor(
    name: string,
    readonly target = 'journey',
  ) {
    this.socket = `shardlab-${name}-${process.pid}-${Date.now()}`;
  }

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** A shell without user start-up files, so the pane is the same on every machine. */
  start(home: string): void {
    this.run('new-session', '-d', '-s', this.target, '-x', '80', '-y', '24', 'env', '-i', `PATH=${process.env['PATH'] ?? ''}`, 'TERM=xterm-256color', `HOME=${home}`, 'HISTFILE=/dev/null', 'PS1=$ ', 'bash', '--norc', '--noprofile');
  }

  /** Types a command line and runs it. */
  type(line: string): void {
    this.run('send-keys', '-t', this.target, '-l', line);
    this.run('send-keys', '-t', this.target, 'Enter');
  }

  /** The visible screen, wrapped lines joined, trailing blanks dropped. */
  screen(): string {
    return this.run('capture-pane', '-p', '-J', '-t', this.target).replace(/\s+$/, '');
  }

  paneFlag(name: string): string {
    return this.run('display-message', '-p', '-t', this.target, `#{${name}}`).trim();
  }

  async waitFor(test: (text: string) => boolean, what: string, timeout = 10_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      text = this.screen();
      if (test(text)) return text;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
  }

  waitForText(needle: string | RegExp, timeout?: number): Promise<string> {
    return this.waitFor((t) => (typeof needle === 'string' ? t.includes(needle) : needle.test(t)), String(needle), timeout);
  }

  /** One key per write with a pause, as a person types: keys in one chunk are a different test. */
  async press(key: string): Promise<void> {
    this.run('send-keys', '-t', this.target, key);
    await sleep(150);
  }

  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      // Already gone: the server exits with its last session.
    }
  }
}
