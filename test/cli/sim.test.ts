import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

const root = join(import.meta.dirname, '..', '..');
const tiny = join(root, 'test', 'fixtures', 'scenarios', 'tiny.yaml');
const bad = join(root, 'test', 'fixtures', 'scenarios', 'bad-stream.yaml');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.env.SHARDLAB_HOME = mkdtempSync(join(tmpdir(), 'shardlab-sim-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });

describe('shardlab sim', () => {
  it('--json prints the metrics document and nothing else', async () => {
    expect(await run('sim', tiny, '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['scenario', 'seed', 'durationMs', 'events', 'streams', 'producers', 'consumers', 'actions', 'cost']);
    expect(doc).toMatchObject({ scenario: 'tiny', seed: 2, durationMs: 5000 });
    expect(Object.keys(doc.streams.orders)).toEqual(
      expect.arrayContaining(['mode', 'openShards', 'totalShards', 'recordsIn', 'userRecordsIn', 'bytesIn', 'writeThrottled', 'expiredRecords', 'readThrottled', 'getRecordsCalls', 'reshards', 'series', 'shards']),
    );
    expect(Object.keys(doc.streams.orders.series)).toEqual(['recordsInPerSecond', 'bytesInPerSecond', 'writeThrottledPerSecond']);
    expect(doc.streams.orders.series.recordsInPerSecond).toHaveLength(5);
    expect(doc.streams.orders.writeThrottled).toBeGreaterThan(0);
    expect(doc.producers.busy.userRecords.produced).toBe(7500);
    expect(doc.actions).toEqual([
      { atMs: 1000, command: 'aws kinesis describe-stream-summary --stream-name nope', ok: false, error: 'An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream nope under account 123456789012 not found.' },
    ]);
    expect(err).toBe('');
  });

  it('the global --seed replaces the file’s seed, before or after the command', async () => {
    expect(await run('--seed', '9', 'sim', tiny, '--json')).toBe(0);
    expect(JSON.parse(out).seed).toBe(9);
    out = '';
    expect(await run('sim', tiny, '--json', '--seed', '10')).toBe(0);
    expect(JSON.parse(out).seed).toBe(10);
  });

  it('--trace adds every event', async () => {
    expect(await run('sim', tiny, '--json', '--trace')).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.trace).toHaveLength(doc.events);
    expect(doc.trace[0]).toEqual({ time: 0, label: expect.any(String) });
  });

  it('prints an 80-column summary with the per-shard bar chart and the throttling timeline', async () => {
    expect(await run('sim', tiny)).toBe(0);
    expect(out).toContain('Scenario tiny · seed 2 · 5 s simulated');
    expect(out).toContain('Writes per shard, average while open (│ = limit 1,000 records/s, 1 MiB/s)');
    expect(out).toMatch(/ {4}records\/s █+│░+ 1,\d{3} \+[\d,]+ refused/);
    expect(out).toMatch(/Throttled writes per second: peak [\d,]+\/s, total [\d,]+ records\n {2}[▁▂▃▄▅▆▇█ ]{5}\n/);
    expect(out).toContain('busy → orders (PutRecords)');
    expect(out).toContain('An error occurred (ResourceNotFoundException)');
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('a bad file: one file:line:col line on stderr, exit 2, nothing on stdout', async () => {
    expect(await run('sim', bad, '--json')).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${relative(process.cwd(), bad)}:7:14 error producers[0].stream: stream "ordres" is not defined under kinesis.streams; did you mean "orders"?\n`);
  });

  it('a missing file or argument is bad usage', async () => {
    expect(await run('sim', join(root, 'nope.yaml'))).toBe(2);
    expect(err).toMatch(/nope\.yaml:1:1 error no such file\n$/);
    err = '';
    expect(await run('sim')).toBe(2);
    expect(err).toMatch(/^shardlab: missing required argument 'file'/);
  });
});
