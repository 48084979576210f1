import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KclConsumer } from '../../src/sim/kinesis/consumers/index.js';
import { consumer, keys, produce, world } from './consumer-world.js';

const FAIL_AT = 23_500;

/** Two shards, two workers; worker 0 stops at 23.5 s and its lease expires 10 s later. */
function failover(checkpoint: Record<string, unknown>) {
  const w = world({ shards: 2 });
  const stored = produce(w, { perSecond: 230, size: 200, keys: keys(37), until: 50_000 });
  const kcl = consumer(w, { name: 'app', kind: 'kcl', workers: 2, interval: '1s', checkpoint, failures: [{ worker: 0, at: '23.5s' }], leaseTimeout: '10s' }) as KclConsumer;
  w.sim.runUntil(FAIL_AT);
  // What the failed worker had processed but not checkpointed when it stopped.
  const lost = kcl.leaseTable().filter((l) => l.owner === 0);
  const uncheckpointed = lost.reduce((n, l) => n + l.processed - (l.checkpoint as number), 0);
  w.sim.runUntil(80_000);
  return { w, stored, kcl, m: kcl.metrics(), lost, uncheckpointed };
}

describe('KCL lease table', () => {
  it('balances one lease per shard over the workers; more workers than shards leaves the rest idle', () => {
    const w = world({ shards: 4 });
    produce(w, { perSecond: 100, size: 100, keys: keys(20), until: 10_000 });
    const kcl = consumer(w, { name: 'app', kind: 'kcl', workers: 6 });
    w.sim.runUntil(15_000);
    expect(kcl.metrics()).toMatchObject({ workers: 6, leasesPerWorker: [1, 1, 1, 1, 0, 0], idleWorkers: 2, leaseTakeovers: 0, reprocessed: 0, userRecords: 1000, duplicates: 0 });
  });

  it('spreads 5 shards over 2 workers as 3 and 2', () => {
    const w = world({ shards: 5 });
    const kcl = consumer(w, { name: 'app', kind: 'kcl', workers: 2 });
    w.sim.runUntil(1000);
    expect(kcl.metrics()).toMatchObject({ leasesPerWorker: [3, 2], idleWorkers: 0 });
  });

  it('a worker failure reprocesses exactly the records after its last checkpoint, and loses none', () => {
    const { stored, m, lost, uncheckpointed } = failover({ everyRecords: 100 });
    expect(lost.map((l) => l.shardId)).toEqual(['shardId-000000000000']);
    expect(uncheckpointed).toBeGreaterThan(0);
    expect(uncheckpointed).toBeLessThan(100);
    expect(m.kind === 'kcl' && m.reprocessed).toBe(uncheckpointed);
    expect(m.duplicates).toBe(uncheckpointed);
    expect(m.userRecords - m.duplicates).toBe(stored.stored);
    expect(m.orderingViolations).toBe(0);
    expect(m).toMatchObject({ leaseTakeovers: 1, leasesPerWorker: [0, 2], idleWorkers: 0 });
    // The dead worker's shard went unread for the lease timeout. MillisBehindLatest does not show
    // it (the first read after the takeover reaches the tip), the records' latency does.
    expect(m.latencyMs.max).toBeGreaterThanOrEqual(10_000);
  });

  it('checkpointing more often trades checkpoint writes for fewer reprocessed records', () => {
    const runs = [10, 100, 1000].map((everyRecords) => ({ everyRecords, ...failover({ everyRecords }) }));
    for (const r of runs) {
      if (r.m.kind !== 'kcl') throw new Error('kcl');
      expect(r.m.reprocessed).toBe(r.uncheckpointed);
      expect(r.m.reprocessed).toBeLessThan(r.everyRecords);
      expect(r.m.userRecords - r.m.duplicates).toBe(r.stored.stored);
    }
    const reprocessed = runs.map((r) => (r.m.kind === 'kcl' ? r.m.reprocessed : 0));
    const checkpoints = runs.map((r) => (r.m.kind === 'kcl' ? r.m.checkpoints : 0));
    expect(reprocessed[0]!).toBeLessThan(reprocessed[1]!);
    expect(reprocessed[1]!).toBeLessThan(reprocessed[2]!);
    expect(checkpoints[0]!).toBeGreaterThan(checkpoints[1]!);
    expect(checkpoints[1]!).toBeGreaterThan(checkpoints[2]!);
    // One write per 10 records processed by each holder of a lease.
    expect(Math.abs(checkpoints[0]! - runs[0]!.m.records / 10)).toBeLessThanOrEqual(2);
  });

  it('checkpoints by time too: with every 5s, the loss is at most about 5 s of one shard', () => {
    const { m, uncheckpointed } = failover({ every: '5s' });
    expect(m.kind === 'kcl' && m.reprocessed).toBe(uncheckpointed);
    // Checkpointed at the 20 s poll; the polls at 21, 22 and 23 s are lost: about 3 s of one shard.
    expect(uncheckpointed).toBeGreaterThan(200);
    expect(uncheckpointed).toBeLessThan(500);
  });

  it('all workers failing leaves the leases unowned and the shards unread', () => {
    const w = world({ shards: 2 });
    produce(w, { perSecond: 100, size: 100, keys: keys(20), until: 30_000 });
    const kcl = consumer(w, { name: 'app', kind: 'kcl', workers: 1, failures: [{ worker: 0, at: '5s' }], leaseTimeout: '10s' }) as KclConsumer;
    w.sim.runUntil(30_000);
    expect(kcl.leaseTable().map((l) => l.owner)).toEqual([null, null]);
    expect(kcl.metrics()).toMatchObject({ leasesPerWorker: [0], idleWorkers: 0, leaseTakeovers: 0 });
  });

  it('after a split, child leases wait for the parent lease to reach SHARD_END, and workers rebalance', () => {
    const w = world({ shards: 2 });
    const stored = produce(w, { perSecond: 300, size: 200, keys: keys(60), until: 40_000 });
    w.sim.at(10_000, 'split', () => w.kinesis.splitShard('orders', 'shardId-000000000000', (1n << 126n).toString()));
    const kcl = consumer(w, { name: 'app', kind: 'kcl', workers: 3, interval: '500ms' }) as KclConsumer;
    w.sim.runUntil(60_000);
    const table = kcl.leaseTable();
    expect(table.map((l) => [l.shardId, l.checkpoint === 'SHARD_END'])).toEqual([
      ['shardId-000000000000', true],
      ['shardId-000000000001', false],
      ['shardId-000000000002', false],
      ['shardId-000000000003', false],
    ]);
    const m = kcl.metrics();
    expect(m).toMatchObject({ orderingViolations: 0, duplicates: 0, userRecords: stored.stored });
    if (m.kind !== 'kcl') throw new Error('kcl');
    expect([...m.leasesPerWorker].sort()).toEqual([1, 1, 1]);
  });
});

describe('KCL invariants', () => {
  it('for any workers, failures and checkpoint settings: nothing lost, repeats are exactly the reprocessed records, order kept', () => {
    fc.assert(
      fc.property(
        fc.record({
          shards: fc.integer({ min: 1, max: 3 }),
          workers: fc.integer({ min: 2, max: 4 }),
          failAt: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 0, maxLength: 3 }),
          everyRecords: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
          every: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
          split: fc.boolean(),
        }),
        ({ shards, workers, failAt, everyRecords, every, split }) => {
          const w = world({ shards });
          const stored = produce(w, { perSecond: 150, size: 300, keys: keys(23), until: 35_000 });
          if (split) w.sim.at(12_000, 'split', () => w.kinesis.splitShard('orders', 'shardId-000000000000', '123456789012345678901234567890'));
          // Worker 0 never fails, so someone is always left to take the leases over.
          const failures = failAt.map((s, i) => ({ worker: 1 + (i % (workers - 1)), at: `${s}s` }));
          const checkpoint = everyRecords === undefined && every === undefined ? { every: '3s' } : { ...(everyRecords ? { everyRecords } : {}), ...(every ? { every: `${every}s` } : {}) };
          const kcl = consumer(w, { name: 'app', kind: 'kcl', workers, checkpoint, failures, leaseTimeout: '5s' });
          w.sim.runUntil(90_000);
          const m = kcl.metrics();
          if (m.kind !== 'kcl') throw new Error('kcl');
          expect(m.userRecords - m.duplicates).toBe(stored.stored);
          expect(m.duplicates).toBe(m.reprocessed);
          expect(m.orderingViolations).toBe(0);
          const live = m.leasesPerWorker.filter((_, i) => !failures.some((f) => f.worker === i));
          expect(Math.max(...live) - Math.min(...live)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
