import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runApp } from '../../src/ui/run.js';
import { colorAllowed, textProps } from '../../src/ui/color.js';
import { fixtureIndex } from './fixtures.js';
import { bytes, tick } from './helpers.js';

/** Just enough of a terminal's stdin for Ink: raw mode switches are recorded. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  isRaw = false;
  rawModes: boolean[] = [];
  private pending: string | null = null;
  setRawMode(on: boolean) {
    this.isRaw = on;
    this.rawModes.push(on);
    return this;
  }
  setEncoding() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  read() {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  type(data: string) {
    this.pending = data;
    this.emit('readable');
  }
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  output = '';
  write(chunk: string, callback?: () => void) {
    this.output += chunk;
    callback?.();
    return true;
  }
}

async function launch() {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const done = runApp({
    index: fixtureIndex(),
    version: '0.0.1',
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
  });
  await tick(30);
  return { stdin, stdout, done };
}

describe('runApp', () => {
  it('draws on the alternate screen and restores the terminal when q quits', async () => {
    const { stdin, stdout, done } = await launch();
    expect(stdout.output.startsWith('\u001B[?1049h')).toBe(true);
    expect(stdin.isRaw).toBe(true);
    stdin.type('q');
    await expect(done).resolves.toBe(0);
    expect(stdin.isRaw).toBe(false);
    expect(stdout.output.endsWith('\u001B[?1049l\u001B[?25h')).toBe(true);
  });

  it('exits cleanly on Ctrl+C from a screen deep in the stack', async () => {
    const { stdin, stdout, done } = await launch();
    stdin.type(bytes.enter);
    await tick();
    stdin.type('/');
    await tick();
    stdin.type(bytes.ctrlC);
    await expect(done).resolves.toBe(0);
    expect(stdin.isRaw).toBe(false);
    expect(stdout.output).toContain('\u001B[?1049l');
  });

  it('restores the terminal and reports 143 on SIGTERM', async () => {
    // Ink may add its own exit hooks (it does when CI is set), so compare with the count before launch.
    const before = process.listenerCount('SIGTERM');
    const { stdin, stdout, done } = await launch();
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(before);
    process.emit('SIGTERM');
    await expect(done).resolves.toBe(143);
    expect(stdin.isRaw).toBe(false);
    expect(stdout.output).toContain('\u001B[?1049l');
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('watches the notes while it runs and stops watching on every way out', async () => {
    for (const quit of ['q', bytes.ctrlC]) {
      const events: string[] = [];
      const stdin = new FakeStdin();
      const stdout = new FakeStdout();
      const done = runApp({
        index: fixtureIndex(),
        version: '0.0.1',
        stdin: stdin as unknown as NodeJS.ReadStream,
        stdout: stdout as unknown as NodeJS.WriteStream,
        reload: () => fixtureIndex(),
        watch: () => {
          events.push('subscribe');
          return () => events.push('unsubscribe');
        },
      });
      await tick(30);
      expect(events).toEqual(['subscribe']);
      stdin.type(quit);
      await expect(done).resolves.toBe(0);
      expect(events).toEqual(['subscribe', 'unsubscribe']);
    }
  });

  it('refuses to start without a terminal on stdin', async () => {
    const stdin = Object.assign(new FakeStdin(), { isTTY: false });
    await expect(runApp({ index: fixtureIndex(), version: '0', stdin: stdin as unknown as NodeJS.ReadStream })).rejects.toThrow(/needs a terminal/);
  });
});

describe('colour', () => {
  it('is off when NO_COLOR is set to anything but the empty string', () => {
    expect(colorAllowed({ NO_COLOR: '1' })).toBe(false);
    expect(colorAllowed({ NO_COLOR: '' })).toBe(true);
    expect(colorAllowed({})).toBe(true);
  });

  it('maps tones to colours only when allowed, keeping attributes either way', () => {
    expect(textProps({ bold: true, tone: 'fact' }, true)).toEqual({ bold: true, color: 'yellow' });
    expect(textProps({ bold: true, tone: 'fact' }, false)).toEqual({ bold: true });
    expect(textProps({ tone: 'code' }, false)).toEqual({ bold: true });
    expect(textProps({ tone: 'error' }, true)).toEqual({ color: 'red' });
    expect(textProps({ tone: 'error' }, false)).toEqual({ bold: true });
    expect(textProps({ tone: 'warning' }, false)).toEqual({ bold: true });
    expect(textProps({ dim: true, inverse: true }, false)).toEqual({ dimColor: true, inverse: true });
  });
});
