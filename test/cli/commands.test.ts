import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const styles = join(fixtures, 'styles');
const seeds = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.env.SHARDLAB_HOME = mkdtempSync(join(tmpdir(), 'shardlab-cli-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });

describe('shardlab commands', () => {
  it('content stats --json prints exactly the DESIGN counts', async () => {
    expect(await run('--content', styles, 'content', 'stats', '--json')).toBe(0);
    const stats = JSON.parse(out);
    expect(stats).toMatchObject({ files: 5, cards: 9, facts: 3, questions: 2, comparisons: 1 });
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['files', 'topics', 'cards', 'facts', 'questions', 'labs', 'perFile']));
    expect(stats.perFile.find((f: { file: string }) => f.file === 'authored.md')).toMatchObject({ cards: 9, facts: 3, questions: 2 });
    expect(err).toBe('');
  });

  it('content lint prints compiler-style lines and exits 1 on errors', async () => {
    expect(await run('content', 'lint', join(fixtures, 'lint', 'E006.md'))).toBe(1);
    expect(out).toMatch(/E006\.md:8:16 error E006 limit "Read speed": value "quite fast" does not parse/);
    expect(out).toMatch(/1 error, 0 warnings in 1 file/);
  });

  it('content lint --json gives {diagnostics} and exits 0 when there are only warnings', async () => {
    expect(await run('content', 'lint', '--json', join(fixtures, 'lint', 'W002.md'))).toBe(0);
    const { diagnostics } = JSON.parse(out);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'warning', code: 'W002' })]);
    expect(diagnostics[0].file).toMatch(/W002\.md$/);
  });

  it('content lint over a folder reports cross-file duplicates', async () => {
    expect(await run('content', 'lint', '--json', join(fixtures, 'lint', 'E005'))).toBe(1);
    expect(JSON.parse(out).diagnostics.map((d: { code: string }) => d.code)).toEqual(['E005']);
  });

  it('topics --json is the tree of {id, title, file, children}', async () => {
    await run('--content', styles, 'topics', '--json');
    const topics = JSON.parse(out);
    const bullet = topics.find((t: { id: string }) => t.id === 'bullet-notes');
    expect(bullet).toMatchObject({ title: '2-Streaming', file: 'bullet-notes.md' });
    expect(bullet.children[0]).toMatchObject({ id: 'bullet-notes/shard-capacity', children: [expect.objectContaining({ title: 'Record anatomy' })] });
  });

  it('cards --topic filters to a subtree and --json has the DESIGN fields', async () => {
    await run('--content', styles, 'cards', '--topic', 'authored-sample/fan-out', '--json');
    const cards = JSON.parse(out);
    expect(cards).toHaveLength(9);
    expect(Object.keys(cards[0]).sort()).toEqual(['back', 'front', 'id', 'kind', 'source', 'topic']);
    expect(cards[0].source).toEqual({ file: 'authored.md', line: 28 });
  });

  it('facts TEXT searches names and topics; values carry base units', async () => {
    await run('--content', styles, 'facts', 'write', '--json');
    const facts = JSON.parse(out);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      name: 'Write throughput',
      scope: 'per shard',
      values: [
        { amount: 1, unit: 'MiB/s', base: { amount: 1_048_576, dimension: 'bytes/s' } },
        { amount: 1000, unit: 'records/s', base: { amount: 1000, dimension: 'count/s' } },
      ],
      source: { file: 'authored.md', line: 17 },
    });
  });

  // The seeds sit beside the repository in the workspace, not in it: a bare clone has none.
  it.skipIf(!existsSync(seeds))('reads all five seed notes with topics and numeric material in each, and no error', async () => {
    expect(await run('--content', seeds, 'content', 'lint', '--json')).toBe(0);
    expect(JSON.parse(out).diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    out = '';
    await run('--content', seeds, 'topics', '--json');
    const topics = JSON.parse(out);
    expect(topics).toHaveLength(5);
    for (const t of topics) expect(t.children.length).toBeGreaterThan(0);
  });

  it('bad usage is one line on stderr and exit 2', async () => {
    expect(await run('bogus')).toBe(2);
    expect(await run('--bogus')).toBe(2);
    expect(await run('content', 'lint', '--jsn')).toBe(2);
    expect(await run('--content', '/no/such/dir', 'topics')).toBe(2);
    expect(await run('cards', '--topic', 'no-such-topic')).toBe(2);
    expect(await run('--seed', 'abc', 'topics')).toBe(2);
    expect(await run('content', 'lint', '/no/such/file.md')).toBe(2);
    const lines = err.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).toMatch(/^shardlab: /);
    expect(out).toBe('');
  });

  it('without a terminal, shardlab prints a summary and the command list and exits 0', async () => {
    expect(await run('--content', styles)).toBe(0);
    expect(out).toMatch(/^shardlab: \d+ topics · 9 cards · 3 facts · 2 questions in 5 files/);
    expect(out).toContain('Commands:');
    expect(out).toContain('content');
    expect(out).toMatch(/interactive terminal/);
  });

  it('--help and --version exit 0', async () => {
    expect(await run('--help')).toBe(0);
    expect(await run('facts', '--help')).toBe(0);
    expect(await run('--version')).toBe(0);
  });
});
