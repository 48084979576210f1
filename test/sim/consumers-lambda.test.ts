import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsumerMetrics, FailedBatchInfo, LambdaMetrics } from '../../src/sim/kinesis/consumers/index.js';
import type { DeliveryMetrics } from '../../src/sim/kinesis/consumers/tracking.js';
import { consumer, keys, PRODUCER_SPAN, produce, world, type World } from './consumer-world.js';

type Lm = DeliveryMetrics & LambdaMetrics;

function lambda(m: ConsumerMetrics): Lm {
  if (m.kind !== 'lambda') throw new Error(`expected a lambda consumer, got ${m.kind}`);
  return m;
}

/** 100 records/s over 20 keys, plus one record with the key `poison` at 5 s. */
function withPoison(w: World) {
  const stored = produce(w, { perSecond: 100, size: 100, keys: keys(20), until: 30_000 });
  let poisonStored = 0;
  w.sim.at(5_005, 'poison', () => {
    if (w.kinesis.putOne(w.stream, { partitionKey: 'poison', size: 100, tag: 1 * PRODUCER_SPAN })) poisonStored++;
  });
  return { stored, total: () => stored.stored + poisonStored };
}

describe('Lambda event source mapping: batching', () => {
  it('parallelization factor raises throughput and keeps per-key order', () => {
    const run = (parallelizationFactor: number) => {
      const w = world();
      const stored = produce(w, { perSecond: 400, size: 100, keys: keys(100), until: 50_000 });
      // 5 ms a record: one lane does at most 200 records/s, half of what arrives.
      const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, parallelizationFactor, processing: { perRecord: '5ms' } });
      w.sim.runUntil(60_000);
      return { stored: stored.stored, m: lambda(c.metrics()) };
    };
    const one = run(1);
    const four = run(4);
    expect(one.m.concurrency).toBe(1);
    expect(four.m.concurrency).toBe(4);
    expect(one.m.succeeded.records).toBeLessThan(0.65 * one.stored);
    expect(four.m.succeeded.records).toBe(four.stored);
    expect(four.m.succeeded.records).toBeGreaterThan(1.5 * one.m.succeeded.records);
    for (const { m } of [one, four]) {
      expect(m.orderingViolations).toBe(0);
      expect(m.duplicates).toBe(0);
      expect(m.errors).toBe(0);
    }
    // Falling behind shows as Lambda's IteratorAge (the last record's age at invocation).
    expect(one.m.maxIteratorAgeMs).toBeGreaterThan(20_000);
    expect(four.m.maxIteratorAgeMs).toBeLessThan(2_000);
  });

  it('a batching window trades latency for fewer, fuller invocations', () => {
    const run = (batchingWindow: string) => {
      const w = world();
      produce(w, { perSecond: 10, size: 100, keys: keys(5), until: 60_000 });
      const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, batchingWindow });
      w.sim.runUntil(70_000);
      return lambda(c.metrics());
    };
    const none = run('0s');
    const five = run('5s');
    expect(none.succeeded.records).toBe(600);
    expect(five.succeeded.records).toBe(600);
    // Without a window Lambda invokes once per poll, about once a second.
    expect(none.invocations).toBeGreaterThanOrEqual(59);
    // With 5 s it waits for the window (about 50 records each), well under the batch size.
    expect(five.invocations).toBeLessThanOrEqual(13);
    expect(five.latencyMs.p50).toBeGreaterThan(2 * none.latencyMs.p50);
  });

  it('caps a batch at the 6 MB invocation payload', () => {
    const w = world();
    // 1,000,000-byte records, one a second: six fill the 6 MB payload.
    const stored = produce(w, { perSecond: 1, size: 1_000_000, keys: keys(3), until: 20_000 });
    const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, batchingWindow: '60s' });
    w.sim.runUntil(120_000);
    const m = lambda(c.metrics());
    expect(stored.stored).toBe(20);
    // 6 + 6 + 6 when each payload fills, then the last 2 when the window ends.
    expect(m.invocations).toBe(4);
    expect(m.succeeded.records).toBe(20);
  });
});

describe('Lambda event source mapping: errors', () => {
  it('a poison record with bisect and maximumRetryAttempts ends in the on-failure destination alone', () => {
    const w = world();
    const sent: [string, FailedBatchInfo][] = [];
    w.ctx.onFailure = (destination, info) => sent.push([destination, info]);
    const { total } = withPoison(w);
    const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, bisectBatchOnFunctionError: true, maximumRetryAttempts: 2, onFailure: 'dlq', poisonKeys: ['poison'] });
    w.sim.runUntil(60_000);
    const m = lambda(c.metrics());
    expect(m.sentToOnFailure).toEqual({ destination: 'dlq', batches: 1, records: 1 });
    expect(m.discarded).toEqual({ batches: 1, records: 1 });
    expect(m.failedBatches).toHaveLength(1);
    expect(m.failedBatches[0]).toMatchObject({ destination: 'dlq', condition: 'RetryAttemptsExhausted', batchSize: 1, partitionKeys: ['poison'], approximateInvokeCount: 3, shardId: 'shardId-000000000000' });
    expect(m.failedBatches[0]!.startSequenceNumber).toBe(m.failedBatches[0]!.endSequenceNumber);
    expect(sent).toEqual([['dlq', m.failedBatches[0]]]);
    // Everything else was processed; the poison record alone was not.
    expect(m.succeeded.records).toBe(total() - 1);
    expect(m.userRecords - m.duplicates).toBe(total());
    expect(m.orderingViolations).toBe(0);
    // Halving a batch of at most 100 isolates one record in at most 7 splits; then 2 retries.
    expect(m.bisections).toBeGreaterThanOrEqual(1);
    expect(m.bisections).toBeLessThanOrEqual(7);
    expect(m.retries).toBe(2);
    expect(m.errors).toBe(m.bisections + 3);
  });

  it('without bisect the whole batch around the poison record is discarded', () => {
    const w = world();
    const { total } = withPoison(w);
    const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, maximumRetryAttempts: 2, onFailure: 'dlq', poisonKeys: ['poison'] });
    w.sim.runUntil(60_000);
    const m = lambda(c.metrics());
    expect(m.sentToOnFailure.batches).toBe(1);
    expect(m.sentToOnFailure.records).toBeGreaterThan(1);
    expect(m.failedBatches[0]!.partitionKeys).toContain('poison');
    expect(m.succeeded.records + m.sentToOnFailure.records).toBe(total());
    expect(m).toMatchObject({ errors: 3, retries: 2, bisections: 0 });
  });

  it('by default a poison record blocks its lane until maximumRecordAge discards it', () => {
    const w = world();
    const { total } = withPoison(w);
    const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 100, maximumRecordAge: '60s', poisonKeys: ['poison'] });
    w.sim.runUntil(40_000);
    const stalled = lambda(c.metrics());
    // Retried once a second while everything behind it waits: the iterator age keeps growing.
    expect(stalled.retries).toBeGreaterThan(30);
    expect(stalled.maxIteratorAgeMs).toBeGreaterThan(30_000);
    expect(stalled.succeeded.records).toBeLessThan(700);
    w.sim.runUntil(120_000);
    const m = lambda(c.metrics());
    // The poison batch goes, and so do batches that waited behind it past the same 60 s.
    expect(m.failedBatches[0]!.partitionKeys).toContain('poison');
    expect(m.discarded.batches).toBe(m.failedBatches.length);
    expect(m.failedBatches.every((b) => b.condition === 'RecordAgeExceeded')).toBe(true);
    expect(m.sentToOnFailure).toEqual({ destination: null, batches: 0, records: 0 });
    expect(m.succeeded.records + m.discarded.records).toBe(total());
  });

  it('random errors are retried: the retried records count as duplicates, in order, none lost', () => {
    const w = world();
    const stored = produce(w, { perSecond: 200, size: 100, keys: keys(30), until: 30_000 });
    const c = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 50, parallelizationFactor: 2, errorRate: 0.2 });
    w.sim.runUntil(60_000);
    const m = lambda(c.metrics());
    expect(m.errors).toBeGreaterThan(0);
    expect(m.retries).toBe(m.errors);
    expect(m.duplicates).toBeGreaterThan(0);
    expect(m.userRecords - m.duplicates).toBe(stored.stored);
    expect(m.succeeded.records).toBe(stored.stored);
    expect(m.orderingViolations).toBe(0);
  });

  it('reads through enhanced fan-out when efo is set', () => {
    const w = world();
    const stored = produce(w, { perSecond: 100, size: 100, keys: keys(10), from: 6000, until: 30_000 });
    const c = consumer(w, { name: 'fn', kind: 'lambda', efo: true });
    w.sim.runUntil(40_000);
    const m = lambda(c.metrics());
    expect(m.getRecordsCalls).toBe(0);
    expect(m.subscribeToShardCalls).toBe(1);
    expect(m.succeeded.records).toBe(stored.stored);
    expect(m.latencyMs.p99).toBeLessThan(200);
  });
});

describe('Lambda invariants', () => {
  it('for any batching, parallelism and error settings: every record succeeds or is discarded once, in key order', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1000 }),
          // Each error costs a 1 s pause: tiny batches with many errors would not finish in the run.
          batchSize: fc.integer({ min: 10, max: 300 }),
          batchingWindow: fc.constantFrom('0s', '500ms', '3s'),
          parallelizationFactor: fc.integer({ min: 1, max: 10 }),
          errorRate: fc.constantFrom(0, 0.05, 0.3),
          bisectBatchOnFunctionError: fc.boolean(),
          maximumRetryAttempts: fc.constantFrom(-1, 0, 1, 3),
          poison: fc.boolean(),
          split: fc.boolean(),
        }),
        ({ seed, poison, split, ...settings }) => {
          const w = world({ seed });
          const stored = produce(w, { perSecond: 120, size: 300, keys: keys(17), until: 20_000 });
          let poisoned = 0;
          if (poison) {
            for (const at of [3_001, 9_001, 15_001]) {
              w.sim.at(at, 'poison', () => void (w.kinesis.putOne(w.stream, { partitionKey: 'poison', size: 300, tag: PRODUCER_SPAN + poisoned }) && poisoned++));
            }
          }
          if (split) w.sim.at(6_000, 'split', () => w.kinesis.splitShard('orders', 'shardId-000000000000', (1n << 127n).toString()));
          const retriesForever = settings.maximumRetryAttempts === -1 && (poison || settings.errorRate > 0);
          const c = consumer(w, {
            name: 'fn',
            kind: 'lambda',
            ...settings,
            // Unbounded retries of a poison record would hold the shard for the whole retention.
            ...(retriesForever && poison ? { maximumRecordAge: '60s' } : {}),
            poisonKeys: poison ? ['poison'] : [],
            processing: { perBatch: '20ms', perRecord: '1ms' },
          });
          w.sim.runUntil(400_000);
          const m = lambda(c.metrics());
          expect(m.succeeded.records + m.discarded.records).toBe(stored.stored + poisoned);
          expect(m.orderingViolations).toBe(0);
          expect(m.concurrency).toBeLessThanOrEqual(settings.parallelizationFactor * (split ? 3 : 1));
          if (!poison && settings.maximumRetryAttempts === -1) expect(m.discarded.records).toBe(0);
          if (poison && settings.bisectBatchOnFunctionError && settings.errorRate === 0 && !retriesForever) {
            // Bisection isolates the poison records: only they are discarded.
            expect(m.failedBatches.every((b) => b.batchSize === 1 && b.partitionKeys[0] === 'poison')).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
