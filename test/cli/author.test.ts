import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

let out = '';
let err = '';
let dir = '';
beforeEach(() => {
  out = '';
  err = '';
  dir = mkdtempSync(join(tmpdir(), 'shardlab-author-'));
  process.env.SHARDLAB_HOME = join(dir, 'home');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());
const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });

describe('content new', () => {
  it('writes a skeleton that lints clean and yields one of each construct', async () => {
    expect(await run('--content', dir, 'content', 'new', 'Amazon MSK', '--json')).toBe(0);
    const { file, id } = JSON.parse(out);
    expect(file).toBe(join(dir, 'amazon-msk.md'));
    expect(id).toBe('amazon-msk');
    expect(readFileSync(file, 'utf8')).toMatch(/^---\nid: amazon-msk\ntitle: Amazon MSK\n/);
    out = '';
    expect(await run('content', 'lint', '--json', dir)).toBe(0);
    expect(JSON.parse(out).diagnostics).toEqual([]);
    out = '';
    expect(await run('--content', dir, 'content', 'stats', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ files: 1, facts: 2, comparisons: 1, cards: 5, questions: 1 });
  });

  it('never overwrites an existing note', async () => {
    await run('--content', dir, 'content', 'new', 'Amazon MSK');
    const before = readFileSync(join(dir, 'amazon-msk.md'), 'utf8');
    expect(await run('--content', dir, 'content', 'new', 'Amazon MSK')).toBe(2);
    expect(err).toMatch(/^shardlab: .*amazon-msk\.md already exists/);
    expect(readFileSync(join(dir, 'amazon-msk.md'), 'utf8')).toBe(before);
  });
});

describe('content preview', () => {
  const authored = join(import.meta.dirname, '..', 'fixtures', 'styles', 'authored.md');

  it('lists what a note yields, with parsed values', async () => {
    expect(await run('content', 'preview', authored)).toBe(0);
    expect(out).toContain('Facts (3)');
    expect(out).toContain('17: Write throughput = 1 MiB/s or 1,000 records/s  → alternatives: 1 MiB/s = 1048576 bytes/s; 1000 records/s = 1000 count/s  (per shard)');
    expect(out).toContain('Cards (9)');
    expect(out).toContain('Questions (2)');
    expect(out).toContain('Diagnostics (0)');
  });

  it('--json carries topics, cards, facts, questions and diagnostics; errors give exit 1', async () => {
    expect(await run('content', 'preview', '--json', join(import.meta.dirname, '..', 'fixtures', 'lint', 'E006.md'))).toBe(1);
    const doc = JSON.parse(out);
    expect(doc.facts).toHaveLength(1);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'E006', line: 8 })]);
  });

  it('a missing file or a folder is bad input', async () => {
    expect(await run('content', 'preview', join(dir, 'nope.md'))).toBe(2);
    expect(await run('content', 'preview', dir)).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(2);
  });
});
