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

  it('reads all five seed notes: topics and numeric material in each, no loader error', () => {
    const seeds = join(repoRoot, '..', 'shared', 'seeds');
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
