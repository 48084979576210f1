import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import type { Lab } from '../../src/labs/model.js';
import { labSolution, runLab, runLabText, type LabRunResult } from '../../src/labs/run.js';
import { verifyLab } from '../../src/labs/verify.js';
import { inProcessCodeRunner } from '../helpers/in-process-code-runner.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');

function lab(path: string): Lab {
  const loaded = loadLabFile(join(fixtures, path), path);
  if (!loaded.lab) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.lab;
}

const rightSize = lab('right-size.md');
const split = lab('split-hot-shard.md');
const code = lab('code/partition-key.md');

async function run(l: Lab, which: 'starter' | 'solution', options = {}): Promise<LabRunResult> {
  const s = labSolution(l, which);
  if (!s.ok) throw new Error(JSON.stringify(s.problems));
  const out = await runLab(l, s.solution, options);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

async function runText(l: Lab, language: 'yaml' | 'sh' | 'ts' | 'js', text: string, options = {}) {
  const out = await runLabText(l, language, text, `mine.${language}`, options);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.result;
}

describe('a settings lab', () => {
  it('the reference solution scores full marks, with the numbers in each detail', async () => {
    const r = await run(rightSize, 'solution');
    expect({ ...r, metrics: undefined }).toEqual({
      lab: 'right-size',
      score: 100,
      maxScore: 100,
      passed: true,
      checks: [
        { id: 'no-throttling', passed: true, points: 60, maxPoints: 60, detail: 'No write was throttled: 59,700 records in, 58.7 MiB.' },
        { id: 'lowest-cost', passed: true, points: 40, maxPoints: 40, detail: '4 shards carry the load with room to spare.' },
      ],
      metrics: undefined,
    });
    // The metrics document is the engine's, plus the settings the run used.
    expect(Object.keys(r.metrics!)).toEqual(['scenario', 'seed', 'durationMs', 'events', 'streams', 'producers', 'consumers', 'actions', 'cost', 'settings']);
    expect(r.metrics!.settings).toEqual({ shards: 4, api: 'PutRecords' });
    expect(r.metrics!.scenario).toBe('right-size');
  });

  it('the starter fails, with partial credit for the share that got through', async () => {
    const r = await run(rightSize, 'starter');
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => [c.id, c.passed, c.points])).toEqual([
      ['no-throttling', false, 5.85],
      ['lowest-cost', false, 0],
    ]);
    expect(r.score).toBe(5.85);
    expect(r.checks[0]!.detail).toBe('185,000 writes were throttled (90.2% of attempts) on 1 shard(s).');
  });

  it('partial credit scales with the measured numbers', async () => {
    const three = await runText(rightSize, 'yaml', 'shards: 3\n');
    expect(three.checks[0]).toEqual({ id: 'no-throttling', passed: false, points: 54.53, maxPoints: 60, detail: '5,947 writes were throttled (9.1% of attempts) on 3 shard(s).' });
    const five = await runText(rightSize, 'yaml', 'shards: 5\napi: PutRecords\n');
    expect(five.checks.map((c) => [c.passed, c.points])).toEqual([
      [true, 60],
      [false, 0],
    ]);
    expect(five.score).toBe(60);
  });

  it('the same lab and solution give the same result, byte for byte', async () => {
    const a = JSON.stringify(await runText(rightSize, 'yaml', 'shards: 3'));
    const b = JSON.stringify(await runText(rightSize, 'yaml', 'shards: 3'));
    expect(a).toBe(b);
  });

  it('a solution that cannot be applied is reported at its line, not run', async () => {
    expect(await runLabText(rightSize, 'yaml', 'shards: 2\nshard: 3\napi: Kinesis\n', 'mine.yaml')).toEqual({
      ok: false,
      problems: [
        { file: 'mine.yaml', line: 2, column: 1, message: 'unknown setting "shard" (this lab has: shards, api)' },
        { file: 'mine.yaml', line: 3, column: 6, message: 'api must be one of PutRecord, PutRecords; got "Kinesis"' },
      ],
    });
    expect(await runLabText(rightSize, 'yaml', 'shards: 17', 'mine.yaml')).toMatchObject({ ok: false, problems: [{ line: 1, message: 'shards must be a whole number from 1 to 16; got 17' }] });
    expect(await runLabText(rightSize, 'sh', 'aws kinesis list-streams', 'mine.sh')).toMatchObject({ ok: false, problems: [{ message: 'this lab is solved with settings (a .yaml file); this is commands' }] });
    expect(await runLabText(rightSize, 'yaml', 'shards: [', 'mine.yaml')).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringMatching(/^not valid YAML/) }] });
  });
});

describe('a commands lab', () => {
  it('the reference solution scores full marks; each line’s answer is in the document', async () => {
    const r = await run(split, 'solution');
    expect(r.score).toBe(100);
    expect(r.passed).toBe(true);
    const commands = r.metrics!.commands as { line: number; atMs: number; command: string; ok: boolean }[];
    expect(commands.map((c) => [c.line, c.atMs, c.ok, c.command.slice(0, 36)])).toEqual([
      [split.solution.line, 0, true, 'aws kinesis list-shards --stream-nam'],
      [split.solution.line + 1, 5000, true, 'aws kinesis split-shard --stream-nam'],
    ]);
    // A continued line is one command.
    expect(commands[1]!.command).toBe('aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864');
  });

  it('the starter fails but keeps the points it earns', async () => {
    const r = await run(split, 'starter');
    expect(r.passed).toBe(false);
    expect(r.checks.map((c) => [c.id, c.passed, c.points])).toEqual([
      ['split-done', true, 20],
      ['no-throttling-after', false, 0],
      ['hot-shard-halved', false, 0],
    ]);
    expect(r.checks[2]!.detail).toBe('Shard 0 was not split into two busy halves: its children took [] records.');
  });

  it('a failing command is reported on its line and the run goes on', async () => {
    const text = [
      '# my attempt',
      'aws kinesis describe-stream-summary --stream-name nope',
      'aws kinesis split-shard --stream-name events',
      'at 5s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864',
      'at 6s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000001 --new-starting-hash-key 255211775190703847597530955573826158592',
      'at 90s: aws kinesis list-shards --stream-name events',
      'at 1s: aws kinesis list-streams',
    ].join('\n');
    const r = await runText(split, 'sh', text);
    expect(r.metrics!.commands).toEqual([
      { line: 2, atMs: 0, command: 'aws kinesis describe-stream-summary --stream-name nope', ok: false, error: 'An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream nope under account 123456789012 not found.' },
      { line: 3, atMs: 0, command: 'aws kinesis split-shard --stream-name events', ok: false, error: 'aws: error: the following arguments are required: --shard-to-split, --new-starting-hash-key' },
      { line: 4, atMs: 5000, command: expect.stringContaining('shardId-000000000000'), ok: true, output: null },
      { line: 5, atMs: 6000, command: expect.stringContaining('shardId-000000000001'), ok: false, error: 'An error occurred (ResourceInUseException) when calling the SplitShard operation: Stream events under account 123456789012 not ACTIVE, instead in state UPDATING' },
      { line: 6, atMs: null, command: 'aws kinesis list-shards --stream-name events', ok: false, error: 'not run: at 90s is at or after the end of the run (30s)' },
      { line: 7, atMs: 1000, command: 'aws kinesis list-streams', ok: true, output: { StreamNames: ['events'], HasMoreStreams: false, StreamSummaries: expect.any(Array) } },
    ]);
    expect(r.score).toBe(100);
  });

  it('lines without `at` run before any traffic', async () => {
    const r = await runText(split, 'sh', 'aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864');
    const streams = r.metrics!.streams as { events: { reshards: { atMs: number }[] } };
    expect(streams.events.reshards[0]!.atMs).toBe(10_000);
  });

  it('a bad time is reported at its line', async () => {
    expect(await runLabText(split, 'sh', '\nat soon: aws kinesis list-streams', 'mine.sh')).toEqual({
      ok: false,
      problems: [{ file: 'mine.sh', line: 2, column: 4, message: '"soon" is not a time: write it with a unit, e.g. at 30s: or at 1min:' }],
    });
  });
});

describe('a code lab with an injected runner', () => {
  const options = { codeRunner: inProcessCodeRunner };

  it('the reference scores full marks and the starter fails; the code section says what the hook did', async () => {
    const ref = await run(code, 'solution', options);
    expect(ref.score).toBe(100);
    expect(ref.metrics!.code).toEqual({ kind: 'partition-key', calls: 2000, distinctKeys: 1631, topKeyShare: 0.002 });
    const starter = await run(code, 'starter', options);
    expect(starter.passed).toBe(false);
    expect(starter.metrics!.code).toMatchObject({ distinctKeys: 3 });
    expect(starter.checks[0]!.detail).toMatch(/^[\d,]+ writes throttled: the busiest key took 3\d\.\d% of the records\.$/);
  });

  it('code that throws is reported at the learner’s line; every check fails', async () => {
    const r = await runText(code, 'ts', 'export function partitionKey(record: { customerId: string }): string {\n  if (record.customerId.endsWith("7")) throw new Error("no sevens");\n  return record.customerId;\n}\n', options);
    expect(r.error).toMatchObject({ file: 'mine.ts', reason: 'contract', line: 2, message: expect.stringMatching(/^partitionKey\(\{"customerId":"c-\d*7","deviceType":"\w+"\}\) threw: no sevens$/) });
    expect(r.metrics).toBeNull();
    expect(r.score).toBe(0);
    expect(r.checks.map((c) => c.detail)).toEqual(['Not checked: the code did not run (mine.ts:2).', 'Not checked: the code did not run (mine.ts:2).']);
  });

  it('an endless loop is stopped at the limit; a missing export and a wrong return are named', async () => {
    const loop = await runText(code, 'js', 'export function partitionKey() { for (;;) {} }', options);
    expect(loop.error).toMatchObject({ reason: 'timeout', message: 'stopped after 2000 ms' });
    const missing = await runText(code, 'js', 'export function key(r) { return r.customerId; }', options);
    expect(missing.error).toMatchObject({ reason: 'missing-export', message: 'the module does not export a function named partitionKey' });
    const wrong = await runText(code, 'js', 'export function partitionKey(r) { return 42; }', options);
    expect(wrong.error).toMatchObject({ reason: 'contract', message: expect.stringMatching(/returned 42; a partition key is text of 1 to 256 characters$/) });
  });

  it('without a runner a code lab does not run, and verify says it skipped it', async () => {
    const r = await runText(code, 'ts', code.solution.text);
    expect(r.error).toMatchObject({ reason: 'no-runner' });
    expect(await verifyLab(code)).toMatchObject({ ok: true, skipped: expect.stringContaining('sandboxed code runner'), reference: null, starter: null });
  });
});

describe('verify', () => {
  it('both fixtures: full marks for the reference, a failing starter', async () => {
    for (const l of [rightSize, split]) {
      const v = await verifyLab(l);
      expect(v).toMatchObject({ id: l.id, ok: true, problems: [], reference: { score: 100, maxScore: 100, passed: true, failed: [] }, starter: { passed: false } });
    }
  });
});
