import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
/** Built by test/global-setup.ts before any test runs. */
export const cliPath = join(repoRoot, 'dist', 'shardlab.js');

/** Runs the built CLI with stdin closed (not a terminal) and a private data dir. */
export function runBuilt(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cliPath, ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, SHARDLAB_HOME: mkdtempSync(join(tmpdir(), 'shardlab-built-')), ...env },
    timeout: 20_000,
  });
}
