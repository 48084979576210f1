import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { ScenarioSpec } from '../../src/sim/scenario/spec.js';

function spec(text: string): ScenarioSpec {
  const r = loadScenarioText(text, 'test.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.spec;
}

const RESHARD = `
name: reshard
seed: 5
duration: 120s
kinesis:
  streams:
    - {name: orders, shards: 2, retention: 48h}
actions:
  - {at: 1s, do: "aws kinesis put-record --stream-name orders --partition-key a --data hello --explicit-hash-key 0"}
  - {at: 2s, do: "kinesis split-shard --stream-name orders --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864"}
  - {at: 3s, do: "kinesis update-shard-count --stream-name orders --target-shard-count 4 --scaling-type UNIFORM_SCALING"}
  - {at: 30s, do: "kinesis update-shard-count --stream-name orders --target-shard-count 4 --scaling-type UNIFORM_SCALING"}
  - {at: 100s, do: "kinesis create-stream --stream-name later --stream-mode-details StreamMode=ON_DEMAND"}
`;

describe('runScenario: streams and actions', () => {
  it('creates the streams, runs each action at its time and records its answer', () => {
    const doc = runScenario(spec(RESHARD));
    expect(doc).toMatchObject({ scenario: 'reshard', seed: 5, durationMs: 120_000, producers: {}, consumers: {} });
    expect(doc.actions.map((a) => [a.atMs, a.ok])).toEqual([
      [1000, true],
      [2000, true],
      [3000, false],
      [30_000, true],
      [100_000, true],
    ]);
    expect(doc.actions[0]!.output).toEqual({ ShardId: 'shardId-000000000000', SequenceNumber: '49000000000100000000000000000000000000000000000000000000' });
    expect(doc.actions[1]!.output).toBeNull();
    expect(doc.actions[2]!.error).toBe('An error occurred (ResourceInUseException) when calling the UpdateShardCount operation: Stream orders under account 123456789012 not ACTIVE, instead in state UPDATING');
    expect(doc.actions[3]!.output).toEqual({ StreamName: 'orders', CurrentShardCount: 3, TargetShardCount: 4, StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders' });
    expect(Object.keys(doc.streams)).toEqual(['orders', 'later']);
  });

  it('reports streams and shards under the documented names', () => {
    const doc = runScenario(spec(RESHARD));
    const orders = doc.streams.orders!;
    expect(orders).toMatchObject({ mode: 'PROVISIONED', status: 'ACTIVE', retentionHours: 48, openShards: 4, totalShards: 8, recordsIn: 1, userRecordsIn: 1, bytesIn: 6, writeThrottled: 0, expiredRecords: 0, readThrottled: 0, getRecordsCalls: 0 });
    expect(orders.reshards).toEqual([
      { atMs: 12_000, kind: 'split', from: 2, to: 3 },
      { atMs: 47_000, kind: 'update', from: 3, to: 4 },
    ]);
    expect(orders.series.recordsInPerSecond).toHaveLength(120);
    expect(orders.series.recordsInPerSecond[1]).toBe(1);
    expect(orders.series.bytesInPerSecond[1]).toBe(6);
    expect(orders.series.writeThrottledPerSecond.every((v) => v === 0)).toBe(true);
    expect(orders.shards['shardId-000000000000']).toEqual({
      open: false,
      parents: [],
      hashKeyRange: ['0', '170141183460469231731687303715884105727'],
      openedAtMs: 0,
      closedAtMs: 12_000,
      recordsIn: 1,
      userRecordsIn: 1,
      bytesIn: 6,
      writeThrottled: 0,
      getRecordsCalls: 0,
      readThrottled: 0,
      recordsRead: 0,
      bytesRead: 0,
      expired: 0,
    });
    expect(orders.shards['shardId-000000000003']).toMatchObject({ open: false, parents: ['shardId-000000000000'], hashKeyRange: ['85070591730234615865843651857942052864', '170141183460469231731687303715884105727'] });
    // Uniform scaling from the uneven three: each new shard names the old shards its range overlaps.
    expect([4, 5, 6, 7].map((n) => orders.shards[`shardId-00000000000${n}`]!.parents)).toEqual([['shardId-000000000002'], ['shardId-000000000003'], ['shardId-000000000001'], ['shardId-000000000001']]);
    expect(doc.streams.later).toMatchObject({ mode: 'ON_DEMAND', openShards: 4, onDemandCapacity: { bytesPerSecond: 4 * 1024 * 1024, recordsPerSecond: 4000 } });
  });

  it('is deterministic: the same file gives byte-identical JSON', () => {
    expect(JSON.stringify(runScenario(spec(RESHARD)))).toBe(JSON.stringify(runScenario(spec(RESHARD))));
  });

  it('adds the event trace only when asked', () => {
    expect(runScenario(spec(RESHARD)).trace).toBeUndefined();
    const traced = runScenario(spec(RESHARD), { trace: true });
    expect(traced.trace!.length).toBe(traced.events);
    expect(traced.trace!.filter((t) => t.label.startsWith('action:')).map((t) => t.time)).toEqual([1000, 2000, 3000, 30_000, 100_000]);
  });
});

const TRAFFIC = `
seed: 12
duration: 30s
kinesis:
  streams:
    - {name: orders, shards: 2}
producers:
  - {stream: orders, rate: 2500/s, recordSize: {min: 200B, max: 1KiB}, keys: {kind: zipf, count: 500, s: 1.1}}
  - {name: kpl, stream: orders, rate: 1000/s, recordSize: 100B, api: KPL}
consumers:
  - {name: reader, stream: orders, kind: polling, interval: 500ms}
  - {name: fan, stream: orders, kind: efo}
actions:
  - {at: 8s, do: "kinesis update-shard-count --stream-name orders --target-shard-count 4 --scaling-type UNIFORM_SCALING"}
`;

describe('runScenario: producers and consumers', () => {
  it('reports each producer and consumer under its name (producers default to producer-N)', () => {
    const doc = runScenario(spec(TRAFFIC));
    expect(Object.keys(doc.producers)).toEqual(['producer-1', 'kpl']);
    expect(Object.keys(doc.consumers)).toEqual(['reader', 'fan']);
    const p = doc.producers['producer-1']!;
    expect(p.userRecords.produced).toBe(75_000);
    expect(p.userRecords.accepted + p.userRecords.givenUp + p.userRecords.rejected + p.userRecords.pending).toBe(p.userRecords.produced);
    expect(doc.producers.kpl!.aggregation.aggregates).toBeGreaterThan(0);
    // Every accepted user record reaches both readers; the stream counts what the producers say.
    const accepted = p.userRecords.accepted + doc.producers.kpl!.userRecords.accepted;
    expect(doc.streams.orders!.userRecordsIn).toBe(accepted);
    expect(doc.consumers.reader!.userRecords).toBeGreaterThan(0.9 * accepted);
    expect(doc.consumers.fan!).toMatchObject({ kind: 'efo', duplicates: 0 });
    expect(doc.streams.orders!.reshards).toEqual([{ atMs: 8000 + 15_000 + 500 * 4, kind: 'update', from: 2, to: 4 }]);
  });

  it('same seed → byte-identical JSON; another seed → different metrics', () => {
    const a = JSON.stringify(runScenario(spec(TRAFFIC)));
    expect(JSON.stringify(runScenario(spec(TRAFFIC)))).toBe(a);
    const other = JSON.stringify(runScenario({ ...spec(TRAFFIC), seed: 13 }));
    expect(other).not.toBe(a);
    expect(JSON.parse(other).seed).toBe(13);
  });
});
