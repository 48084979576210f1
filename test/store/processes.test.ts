import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/store/store.js';

// Real processes, because locks, renames and appends only prove themselves across processes.
// The writer is bundled once so each start costs a bare node start, not a TypeScript compile.
let writer = '';
beforeAll(() => {
  writer = join(mkdtempSync(join(tmpdir(), 'shardlab-writer-')), 'writer.mjs');
  buildSync({ entryPoints: [join(import.meta.dirname, 'fixtures', 'writer.ts')], bundle: true, platform: 'node', format: 'esm', outfile: writer, logLevel: 'silent', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
});

function start(dir: string, name: string, count: number): { child: ChildProcess; acks: string[]; done: Promise<number | null> } {
  const child = spawn(process.execPath, [writer, dir, name, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (d) => {
    buffered += String(d);
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const l of lines) if (l.startsWith('ack ')) acks.push(l.slice(4));
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, acks, done };
}

const open = (dir: string, notices: string[] = []) => ProgressStore.open(dir, { now: () => Date.now(), notify: (m) => notices.push(m) });

describe('progress across processes', () => {
  it('two processes recording 1,000 reviews each end with all 2,000', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-two-'));
    const a = start(dir, 'a', 1000);
    const b = start(dir, 'b', 1000);
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);
    const store = open(dir);
    expect(Object.keys(store.data.cards)).toHaveLength(2000);
    const reviews = store.reviews();
    expect(reviews.entries).toHaveLength(2000);
    expect(reviews.skipped).toBe(0);
  }, 60_000);

  it('SIGKILL at 60 random moments never leaves an invalid file or loses an acknowledged review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-kill-'));
    const acknowledged: string[] = [];
    let seed = 20261122;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 60; round++) {
      const run = start(dir, `r${round}`, 100_000);
      // Wait for the first ack so the kill lands mid-stream, then kill after a random delay.
      while (run.acks.length === 0 && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, 1 + random() * 25));
      run.child.kill('SIGKILL');
      await run.done;
      acknowledged.push(...run.acks);
    }
    const notices: string[] = [];
    const store = open(dir, notices);
    expect(notices).toEqual([]);
    const cards = store.data.cards;
    const journal = new Set(store.reviews().entries.map((r) => r.card));
    const missing = acknowledged.filter((id) => !cards[id] || !journal.has(id));
    expect(acknowledged.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  }, 120_000);
});
