import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsPort } from '../../src/cli/commands/lab-port.js';
import { loadLabFile } from '../../src/labs/load.js';
import type { LabReport, LabRequest } from '../../src/labs/protocol.js';

const root = join(import.meta.dirname, '..', '..');
const split = loadLabFile(join(root, 'test', 'fixtures', 'labs', 'split-hot-shard.md'), 'split-hot-shard.md').lab!;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function port() {
  const dataDir = mkdtempSync(join(tmpdir(), 'shardlab-port-'));
  dirs.push(dataDir);
  const call = labsPort({ labsDir: join(root, 'test', 'fixtures', 'labs'), dataDir, now: () => 1 });
  /** Sends a request and resolves with the first report matching `type`. */
  const ask = <T extends LabReport['type']>(request: LabRequest, type: T, reports: LabReport[] = []) =>
    new Promise<Extract<LabReport, { type: T }>>((resolve) => {
      call(request, (a) => {
        const r = a as LabReport;
        reports.push(r);
        if (r.type === type) resolve(r as Extract<LabReport, { type: T }>);
      });
    });
  return { call, ask };
}

describe('the labs port', () => {
  it('previews timed console lines with the traffic and delivers them under the id asked with', async () => {
    const { ask } = port();
    const lines = ['aws kinesis list-shards --stream-name events', 'at 5s: aws kinesis describe-stream-summary --stream-name events'];
    const done = await ask({ kind: 'preview', previewId: 7, lab: split, commands: lines }, 'previewed');
    expect(done.previewId).toBe(7);
    expect(done.answers.map((a) => a.kind)).toEqual(['response', 'response']);
    expect(done.answers[1]!.atMs).toBe(5000);
  });

  it('a newer preview of the same lab replaces one still going: only the newer is delivered', async () => {
    const { call, ask } = port();
    const older: LabReport[] = [];
    call({ kind: 'preview', previewId: 1, lab: split, commands: ['at 19s: aws kinesis list-shards --stream-name events'] }, (a) => older.push(a as LabReport));
    const newer = await ask({ kind: 'preview', previewId: 2, lab: split, commands: ['at 1s: aws kinesis list-shards --stream-name events'] }, 'previewed');
    expect(newer.previewId).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(older).toEqual([]);
  });
});
