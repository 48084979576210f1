import { describe, expect, it } from 'vitest';
import type { ConsumerMetrics } from '../../src/sim/kinesis/consumers/index.js';
import { DeliveryTracker } from '../../src/sim/kinesis/consumers/tracking.js';
import { consumer, keys, produce, world, type World } from './consumer-world.js';

const SPLIT_AT = 10_000;

function split(w: World, at = SPLIT_AT) {
  w.sim.at(at, 'split', () => w.kinesis.splitShard('orders', 'shardId-000000000000', (1n << 127n).toString()));
}

function sum(ms: ConsumerMetrics[], f: (m: ConsumerMetrics) => number): number {
  return ms.reduce((a, m) => a + f(m), 0);
}

describe('read sharing: polling consumers share a shard, enhanced fan-out consumers do not', () => {
  // 100 records/s of 10,240 B is 1,024,000 B/s: just under the shard's 1 MiB/s write limit.
  const load = { perSecond: 100, size: 10_240, keys: keys(100), from: 6000, until: 120_000 };

  it('three polling consumers on a shard taking 1 MiB/s fall behind: 3 MiB/s wanted, 2 MiB/s allowed', () => {
    const w = world();
    const stored = produce(w, load);
    const cs = [0, 1, 2].map((i) => consumer(w, { name: `poll-${i}`, kind: 'polling' }));
    w.sim.runUntil(120_000);
    const ms = cs.map((c) => c.metrics());
    expect(stored.throttled).toBe(0);
    const worst = ms.reduce((a, m) => (m.maxIteratorAgeMs > a.maxIteratorAgeMs ? m : a));
    // The iterator age grows over the run: far higher at the end than a third of the way in.
    expect(worst.series.maxIteratorAgeMsPerSecond[119]!).toBeGreaterThan(60_000);
    expect(worst.series.maxIteratorAgeMsPerSecond[119]!).toBeGreaterThan(2 * worst.series.maxIteratorAgeMsPerSecond[40]!);
    expect(sum(ms, (m) => m.readThrottled)).toBeGreaterThan(100);
    // Together they read no more than the shard's 2 MiB/s allows.
    expect(sum(ms, (m) => m.bytes)).toBeLessThanOrEqual(2 * 1_048_576 * 120 + 10_240 * 100);
    expect(sum(ms, (m) => m.records)).toBeLessThan(3 * stored.stored);
  });

  it('three enhanced fan-out consumers on the same shard each keep up (own 2 MiB/s, ~70 ms)', () => {
    const w = world();
    const stored = produce(w, load);
    const cs = [0, 1, 2].map((i) => consumer(w, { name: `efo-${i}`, kind: 'efo' }));
    w.sim.runUntil(120_000);
    for (const m of cs.map((c) => c.metrics())) {
      expect(m.maxIteratorAgeMs).toBeLessThan(1000);
      expect(m.readThrottled).toBe(0);
      expect(m.records).toBeGreaterThanOrEqual(stored.stored - 10);
      expect(m.latencyMs.p50).toBeLessThan(200);
      // One subscription per shard every 5 minutes at most: one here.
      expect(m.subscribeToShardCalls).toBe(1);
    }
  });

  it('5 consumers polling once a second are never throttled; a 6th makes exactly one call a second fail', () => {
    const run = (n: number) => {
      const w = world();
      produce(w, { perSecond: 50, size: 100, keys: keys(10), until: 30_000 });
      const cs = Array.from({ length: n }, (_, i) => consumer(w, { name: `p${i}`, kind: 'polling', interval: '1s' }));
      w.sim.runUntil(29_999);
      return cs.map((c) => c.metrics());
    };
    const five = run(5);
    expect(sum(five, (m) => m.readThrottled)).toBe(0);
    expect(sum(five, (m) => m.getRecordsCalls)).toBe(5 * 30);
    const six = run(6);
    // 30 seconds × (6 calls − 5 allowed): one call refused in every second.
    expect(sum(six, (m) => m.readThrottled)).toBe(30);
    expect(sum(six, (m) => m.getRecordsCalls)).toBe(6 * 30);
  });
});

describe('delivery accounting', () => {
  it('counts records, bytes and latency of a polling consumer; LATEST skips what came before', () => {
    const w = world();
    const stored = produce(w, { perSecond: 10, size: 1000, keys: keys(5), until: 10_000 });
    const all = consumer(w, { name: 'all', kind: 'polling', interval: '1s' });
    const late = consumer(w, { name: 'late', kind: 'polling', interval: '1s', startingPosition: 'LATEST' }, 5000);
    w.sim.runUntil(12_000);
    const m = all.metrics();
    expect(m).toMatchObject({ name: 'all', kind: 'polling', stream: 'orders', records: 100, userRecords: 100, bytes: 100_000, duplicates: 0, orderingViolations: 0, readThrottled: 0 });
    expect(stored.stored).toBe(100);
    // Polled once a second, a record waits up to a second (plus nothing for processing here).
    expect(m.latencyMs.max).toBeLessThanOrEqual(1000);
    expect(m.latencyMs.count).toBe(100);
    expect(m.series.recordsPerSecond).toHaveLength(12);
    expect(m.series.recordsPerSecond.reduce((a, b) => a + b, 0)).toBe(100);
    expect(late.metrics().records).toBe(50);
  });

  it('processing time adds to latency and holds the next GetRecords back', () => {
    const w = world();
    produce(w, { perSecond: 100, size: 100, keys: keys(5), until: 60_000 });
    // 100 records a call at 20 ms each is 2 s of work: one call every 2 s, half the arrival rate.
    const slow = consumer(w, { name: 'slow', kind: 'polling', interval: '1s', limit: 100, processing: { perRecord: '20ms' } });
    w.sim.runUntil(60_000);
    const m = slow.metrics();
    // Calls at 0 s (one record, 20 ms of work), at 1 s (99 records, 1.98 s of work), then every
    // 2 s from 2.98 s to 58.98 s with a full 100 each.
    expect(m.getRecordsCalls).toBe(31);
    expect(m.records).toBe(1 + 99 + 29 * 100);
    // Each call finds the next record 1 s older than the call before did.
    expect(m.series.maxIteratorAgeMsPerSecond[58]!).toBe(28_980);
    expect(m.maxIteratorAgeMs).toBe(28_980);
    expect(m.latencyMs.max).toBeGreaterThan(30_000);
  });

  it('de-aggregates KPL records and flags duplicates and per-key order errors', () => {
    const w = world();
    const t = new DeliveryTracker();
    const shard = w.stream.openShards[0]!;
    const P = 4_294_967_296;
    w.kinesis.putOne(w.stream, { partitionKey: 'a', size: 10, tag: 0 });
    w.kinesis.putOne(w.stream, { partitionKey: 'a', size: 30, users: 3, aggregateTags: new Float64Array([1, 2, 3]) });
    w.kinesis.putOne(w.stream, { partitionKey: 'b', size: 10, tag: P + 7 });
    w.kinesis.putOne(w.stream, { partitionKey: 'b', size: 10, tag: P + 5 });
    w.kinesis.putOne(w.stream, { partitionKey: 'a', size: 10, tag: 2 });
    w.kinesis.putOne(w.stream, { partitionKey: 'c', size: 10 });
    t.deliver(shard, 0, 6, 0);
    const m = t.metrics(1);
    expect(m).toMatchObject({ records: 6, userRecords: 8, bytes: 80, duplicates: 1, orderingViolations: 1 });
  });
});

describe('resharding: parents before children keeps per-key order', () => {
  // The consumer starts after the split has finished, so the parent still holds 25 s of records
  // while the children already hold 5 s: reading them at once would break per-key order.
  const scenario = (spec: Record<string, unknown>) => {
    const w = world();
    const stored = produce(w, { perSecond: 200, size: 500, keys: keys(50), until: 50_000 });
    split(w);
    const c = consumer(w, spec, 25_000);
    w.sim.runUntil(90_000);
    return { w, stored, m: c.metrics() };
  };

  it('a reader that ignores the lineage would see order errors (the check can fail)', () => {
    const w = world();
    produce(w, { perSecond: 200, size: 500, keys: keys(50), until: 50_000 });
    split(w);
    w.sim.runUntil(60_000);
    const t = new DeliveryTracker();
    for (const shard of [...w.stream.shards].reverse()) t.deliver(shard, shard.log.first, shard.log.end, w.sim.now);
    expect(t.metrics(60).orderingViolations).toBeGreaterThan(0);
  });

  it.each([
    ['polling', { name: 'p', kind: 'polling', interval: '200ms' }],
    ['efo', { name: 'e', kind: 'efo' }],
    ['kcl (polling)', { name: 'k', kind: 'kcl', workers: 2, interval: '200ms' }],
    ['kcl (efo)', { name: 'k', kind: 'kcl', workers: 3, fanOut: 'efo' }],
    ['lambda', { name: 'l', kind: 'lambda', batchSize: 500, parallelizationFactor: 3 }],
  ])('%s: no ordering violation across parent and children, nothing lost or repeated', (_, spec) => {
    const { w, stored, m } = scenario(spec);
    expect(w.stream.shards).toHaveLength(3);
    expect(w.stream.shards[1]!.recordsIn).toBeGreaterThan(1000);
    expect(w.stream.shards[2]!.recordsIn).toBeGreaterThan(1000);
    expect(stored.throttled).toBe(0);
    expect(m.orderingViolations).toBe(0);
    expect(m.duplicates).toBe(0);
    expect(m.userRecords).toBe(stored.stored);
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const w = world({ shards: 2, seed });
    produce(w, { perSecond: 300, size: 700, keys: keys(80), until: 50_000 });
    produce(w, { perSecond: 50, size: 2000, keys: keys(10, 'x'), until: 50_000, producer: 1 });
    w.sim.at(15_000, 'split', () => w.kinesis.splitShard('orders', 'shardId-000000000001', ((3n << 126n) + 12345n).toString()));
    const cs = [
      consumer(w, { name: 'poll', kind: 'polling', interval: '500ms', limit: 200 }),
      consumer(w, { name: 'fan', kind: 'efo', processing: { perRecord: '1ms' } }),
      consumer(w, { name: 'kcl', kind: 'kcl', workers: 3, checkpoint: { everyRecords: 250, every: '7s' }, failures: [{ worker: 1, at: '21s' }] }),
      consumer(w, { name: 'fn', kind: 'lambda', batchSize: 64, parallelizationFactor: 3, errorRate: 0.1, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1, onFailure: 'dlq' }),
    ];
    w.sim.runUntil(70_000);
    return JSON.stringify(cs.map((c) => c.metrics()));
  };

  it('the same seed gives the same metrics, bit for bit; another seed changes the random errors', () => {
    const a = run(7);
    expect(run(7)).toBe(a);
    const parsed = JSON.parse(a) as ConsumerMetrics[];
    const fn = parsed.find((m) => m.name === 'fn')!;
    expect(fn.kind === 'lambda' && fn.errors).toBeGreaterThan(0);
    const other = JSON.parse(run(8)) as ConsumerMetrics[];
    expect(other.find((m) => m.name === 'fn')).not.toEqual(fn);
  });
});
