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

describe('the inspect console in the labs port', () => {
  const line = 'aws kinesis describe-stream-summary --stream-name events';
  const split2 = 'aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864';

  it("answers with the world the lab's last run left, until the lab is left", async () => {
    const { ask } = port();
    const before = await ask({ kind: 'inspect', lab: split.id, id: 1, line }, 'inspected');
    expect(before.answer).toMatchObject({ ok: false, kind: 'not-run' });
    // The run splits a shard at 5 s: the world it leaves has three open shards, the scenario two.
    const done = await ask({ kind: 'run', runId: 1, lab: split, language: 'sh', text: `at 5s: ${split2}`, file: 'console' }, 'runDone');
    expect(done.outcome.ok).toBe(true);
    const after = await ask({ kind: 'inspect', lab: split.id, id: 2, line }, 'inspected');
    expect(after.id).toBe(2);
    expect(after.answer.ok).toBe(true);
    expect(JSON.parse(after.answer.text).StreamDescriptionSummary.OpenShardCount).toBe(3);
    const timed = await ask({ kind: 'inspect', lab: split.id, id: 3, line: `at 5s: ${line}` }, 'inspected');
    expect(timed.answer).toMatchObject({ ok: false, kind: 'usage' });
  });

  it('lets the world go when the lab is left or runs again', async () => {
    const { call, ask } = port();
    await ask({ kind: 'run', runId: 1, lab: split, language: 'sh', text: '', file: 'console' }, 'runDone');
    expect((await ask({ kind: 'inspect', lab: split.id, id: 1, line }, 'inspected')).answer.ok).toBe(true);
    call({ kind: 'release', lab: split.id }, () => undefined);
    expect((await ask({ kind: 'inspect', lab: split.id, id: 2, line }, 'inspected')).answer.kind).toBe('not-run');
    await ask({ kind: 'run', runId: 2, lab: split, language: 'sh', text: '', file: 'console' }, 'runDone');
    const reports: unknown[] = [];
    call({ kind: 'run', runId: 3, lab: split, language: 'sh', text: '', file: 'console' }, (r) => reports.push(r));
    // While the next run is going, the last one's world is already gone.
    expect((await ask({ kind: 'inspect', lab: split.id, id: 3, line }, 'inspected')).answer.kind).toBe('not-run');
    call({ kind: 'cancel', runId: 3 }, () => undefined);
  });
});
