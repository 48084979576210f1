import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBuilt } from '../helpers/built-cli.js';

// The bundle is what users run: these catch bundling mistakes (a CommonJS dependency that needs
// `require`, an optional peer that is imported statically) that in-process tests cannot see.
describe('the built CLI', () => {
  it('without a terminal prints the summary and command list, exit 0, no stack trace', () => {
    const r = runBuilt([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^shardlab: \d+ topics · \d+ cards · \d+ facts · \d+ questions in \d+ files/);
    expect(r.stdout).toContain('Commands:');
    expect(r.stderr).toBe('');
  });

  it('reads the shipped content with no lint error', () => {
    const r = runBuilt(['content', 'lint', '--json']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });

  // The seeds sit beside the repository in the workspace, not in it: a bare clone has none.
  const seeds = join(repoRoot, '..', 'shared', 'seeds');
  it.skipIf(!existsSync(seeds))('reads all five seed notes: topics and numeric material in each, no loader error', () => {
    const stats = runBuilt(['--content', seeds, 'content', 'stats', '--json']);
    expect(stats.status).toBe(0);
    const doc = JSON.parse(stats.stdout) as { files: number; errors: number; perFile: { file: string; topics: number; facts: number; mentions: number; errors: number }[] };
    expect(doc).toMatchObject({ files: 5, errors: 0 });
    expect(doc.perFile).toHaveLength(5);
    for (const f of doc.perFile) {
      expect(f.topics, f.file).toBeGreaterThan(1);
      expect(f.facts + f.mentions, f.file).toBeGreaterThan(0);
    }
  });

  it('prints --version and exits 2 with one line on an unknown command', () => {
    expect(runBuilt(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = runBuilt(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(["shardlab: unknown command 'frobnicate' (see: shardlab --help)"]);
  });
});

describe('the built CLI in a pipeline', () => {
  it('exits quietly when the reader closes the pipe early', async () => {
    const { spawn } = await import('node:child_process');
    const { cliPath } = await import('../helpers/built-cli.js');
    const child = spawn(process.execPath, [cliPath, 'facts'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('the built CLI runs code labs in the sandbox', () => {
  const labs = join(repoRoot, 'test', 'fixtures', 'labs', 'code');
  const solution = (name: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-code-'));
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('scores a correct partition key, and lab verify runs the code lab', () => {
    const file = solution('key.ts', 'export function partitionKey(record: { customerId: string }): string {\n  return record.customerId;\n}\n');
    const r = runBuilt(['--labs', labs, 'lab', 'run', 'partition-key', '--solution', file, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ lab: 'partition-key', score: 100, passed: true });
    const verify = runBuilt(['--labs', labs, 'lab', 'verify', '--json']);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject([{ id: 'partition-key', ok: true, reference: { score: 100 } }]);
  });

  it('stops an endless loop at the limit and reports a refused file read with its line', () => {
    const loop = runBuilt(['--labs', labs, 'lab', 'run', 'partition-key', '--solution', solution('loop.ts', 'export function partitionKey(record: object): string {\n  for (;;) {}\n}\n')]);
    expect(loop.status).toBe(1);
    expect(loop.stdout).toContain('Your code did not run (timeout): ');
    expect(loop.stdout).toContain('stopped after 2000 ms: an endless loop?');
    const read = runBuilt(['--labs', labs, 'lab', 'run', 'partition-key', '--solution', solution('read.js', 'export function partitionKey(record) {\n  return require("fs").readFileSync("/etc/hostname", "utf8");\n}\n'), '--json']);
    expect(read.status).toBe(1);
    expect(JSON.parse(read.stdout).error).toMatchObject({ reason: 'contract', line: 2, message: expect.stringContaining('require("fs") is refused') as unknown });
  });
});
