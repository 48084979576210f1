import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { Producer, type ProducerMetrics } from '../../src/sim/kinesis/producer.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import type { Stream } from '../../src/sim/kinesis/stream.js';
import { producerSpec } from '../../src/sim/scenario/spec.js';

const KiB = 1024;
const MiB = 1024 * KiB;

interface RunOptions {
  shards?: number;
  seconds?: number;
  seed?: number;
  id?: number;
  /** Stop the clock here first and check the invariant on the way. */
  checkpointMs?: number;
  /** A stream the producer does not name, to see it refused. */
  streamName?: string;
  reshardAtMs?: number;
}

function run(raw: Record<string, unknown>, options: RunOptions = {}) {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const kinesis = new KinesisService(sim);
  const stream = kinesis.createStream(options.streamName ?? 'orders', { shardCount: options.shards ?? 1 });
  const producer = new Producer({ sim, kinesis }, producerSpec.parse({ stream: 'orders', ...raw }), options.id ?? 0);
  producer.start();
  if (options.reshardAtMs !== undefined) {
    // A split moves keys to new shards while records sit in the KPL's per-shard aggregates.
    sim.at(options.reshardAtMs, 'test:reshard', () => {
      const shard = stream.openShards[0]!;
      kinesis.splitShard(stream.name, shard.id, ((shard.startingHashKey + shard.endingHashKey) / 2n).toString());
    });
  }
  if (options.checkpointMs !== undefined) {
    sim.runUntil(options.checkpointMs);
    expectBalanced(producer.metrics());
  }
  sim.runUntil((options.seconds ?? 10) * 1000);
  return { sim, kinesis, stream, producer, m: producer.metrics() };
}

function expectBalanced(m: ProducerMetrics) {
  const u = m.userRecords;
  expect(u.accepted + u.givenUp + u.rejected + u.pending).toBe(u.produced);
}

/** Every producer tag the stream holds, aggregate members included. */
function storedTags(stream: Stream): number[] {
  const tags: number[] = [];
  for (const shard of stream.shards) {
    for (let i = shard.log.first; i < shard.log.end; i++) {
      const inner = shard.log.aggregateTags.get(i);
      if (inner) tags.push(...inner);
      else tags.push(shard.log.tagAt(i));
    }
  }
  return tags;
}

/** Durations in scenario files are strings (a bare number means seconds). */
const ms = (min: number, max: number) => fc.integer({ min, max }).map((n) => `${n}ms`);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// --- random specs ------------------------------------------------------------------------------

const sizeArb = fc.oneof(
  fc.integer({ min: 0, max: 4000 }),
  fc.record({ min: fc.integer({ min: 0, max: 500 }), max: fc.integer({ min: 500, max: 8000 }) }),
  fc.record({ mean: fc.integer({ min: 10, max: 2000 }), distribution: fc.constant('exponential'), max: fc.option(fc.integer({ min: 2000, max: 20_000 }), { nil: undefined }) }),
);
// Rare records above the 1 MiB limit, at low rates: they must be rejected, never retried.
const OVERSIZE = { min: 1000 * KiB, max: 1030 * KiB };

const keysArb = fc.oneof(
  fc.record({ kind: fc.constant('uniform'), count: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('fixed'), values: fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('zipf'), count: fc.integer({ min: 1, max: 2000 }), s: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('hot'), count: fc.integer({ min: 2, max: 500 }), share: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }),
  fc.constant({ kind: 'random' }),
);

const retriesArb = fc.record({
  max: fc.integer({ min: 0, max: 6 }),
  backoff: fc.constantFrom('none', 'fixed', 'exponential'),
  base: ms(0, 300),
  cap: ms(0, 3000),
  jitter: fc.constantFrom('none', 'full', 'equal'),
});

const rateArb = fc.oneof(
  fc.record({ rate: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ schedule: fc.array(fc.record({ at: ms(0, 6000), rate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })) }), { minLength: 1, maxLength: 4 }) }),
);

const specArb = fc
  .record({
    api: fc.constantFrom('PutRecord', 'PutRecords', 'KPL'),
    recordSize: sizeArb,
    keys: keysArb,
    retries: retriesArb,
    batch: fc.record({ maxRecords: fc.integer({ min: 1, max: 500 }), maxWait: ms(0, 400) }),
    kpl: fc.record({ recordMaxBufferedTime: ms(0, 600), aggregation: fc.boolean(), maxAggregateSize: fc.oneof(fc.integer({ min: 64, max: 2000 }), fc.integer({ min: 2000, max: 200_000 }), fc.integer({ min: 200_000, max: 2 * MiB })) }),
    start: ms(0, 2000),
    stop: fc.option(ms(0, 8000), { nil: undefined }),
  })
  .chain((spec) => rateArb.map((rate) => ({ ...spec, ...rate })));

const worldArb = fc.record({
  spec: fc.oneof({ weight: 9, arbitrary: specArb }, { weight: 1, arbitrary: specArb.map((s) => ({ ...s, schedule: undefined, recordSize: OVERSIZE, rate: 3 })) }),
  shards: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  seconds: fc.integer({ min: 1, max: 20 }),
  checkpointMs: fc.integer({ min: 0, max: 8000 }),
  reshardAtMs: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  id: fc.integer({ min: 0, max: 1000 }),
});

describe('every user record is counted exactly once', () => {
  it('produced = accepted + givenUp + rejected + pending, at any time, for random specs and seeds', () => {
    fc.assert(
      // Unbiased: small-value bias would make most runs produce nothing.
      fc.property(fc.noBias(worldArb), (w) => {
        const seconds = Math.max(w.seconds, Math.ceil(w.checkpointMs / 1000));
        const { m, stream } = run(w.spec, { shards: w.shards, seed: w.seed, seconds, checkpointMs: w.checkpointMs, reshardAtMs: w.reshardAtMs, id: w.id });
        expectBalanced(m);
        // What the producer calls accepted is exactly what the stream holds, once each.
        expect(stream.userRecordsIn).toBe(m.userRecords.accepted);
        expect(stream.recordsIn).toBe(m.kinesisRecords.accepted);
        const tags = storedTags(stream);
        expect(tags.length).toBe(m.userRecords.accepted);
        expect(new Set(tags).size).toBe(tags.length);
        expect(tags.every((t) => Math.floor(t / 2 ** 32) === w.id)).toBe(true);
        // Kinesis records: each attempt ends accepted, throttled or rejected; each throttle is retried or given up.
        const k = m.kinesisRecords;
        expect(k.sent).toBe(k.accepted + k.throttled + k.rejected);
        expect(m.retries).toBeLessThanOrEqual(k.throttled - k.givenUp);
        expect(m.latencyMs.count).toBe(m.userRecords.accepted);
        const rejected = Object.values(m.rejectedByCode).reduce((a, b) => a + b, 0);
        expect(rejected).toBe(m.userRecords.rejected);
        expect(Object.keys(m.rejectedByCode).every((c) => c === 'ValidationException')).toBe(true);
        expect(m.series.producedPerSecond.length).toBe(seconds);
      }),
      { numRuns: 100 },
    );
  });

  it('a missing stream refuses every record with ResourceNotFoundException, for every API', () => {
    for (const api of ['PutRecord', 'PutRecords', 'KPL']) {
      const { m } = run({ api, rate: 100 }, { streamName: 'other', seconds: 3 });
      expectBalanced(m);
      expect(m.userRecords.accepted).toBe(0);
      expect(m.userRecords.rejected).toBe(m.userRecords.produced - m.userRecords.pending);
      expect(Object.keys(m.rejectedByCode)).toEqual(['ResourceNotFoundException']);
      expect(m.retries).toBe(0);
    }
  });
});

describe('reproducible', () => {
  it('the same seed gives identical metrics; another seed does not', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 1e6 }), (spec, seed) => {
        const a = run(spec, { shards: 2, seed, seconds: 6 }).m;
        const b = run(spec, { shards: 2, seed, seconds: 6 }).m;
        expect(b).toEqual(a);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      }),
      { numRuns: 25 },
    );
    const spec = { rate: 3000, recordSize: { min: 50, max: 500 }, keys: { kind: 'hot', count: 50, share: 0.5 }, retries: { max: 3 } };
    expect(run(spec, { shards: 2, seed: 1 }).m).not.toEqual(run(spec, { shards: 2, seed: 2 }).m);
  });
});

describe('throttling as the shard limits say', () => {
  it('1,500 records/s of 100 B with PutRecords and no retries on one shard: ≈1,000/s accepted, ≈500/s throttled', () => {
    const { m } = run({ rate: 1500, recordSize: 100, api: 'PutRecords', retries: { max: 0 } }, { seconds: 60 });
    expectBalanced(m);
    // Second 0 starts with an empty batch; from then on every second is alike.
    const accepted = m.series.acceptedPerSecond.slice(1);
    const throttled = m.series.throttledPerSecond.slice(1);
    expect(Math.abs(mean(accepted) - 1000) / 1000).toBeLessThan(0.02);
    expect(Math.abs(mean(throttled) - 500) / 500).toBeLessThan(0.02);
    expect(Math.abs(m.userRecords.accepted / 60 - 1000) / 1000).toBeLessThan(0.02);
    expect(m.userRecords.givenUp).toBe(m.kinesisRecords.throttled);
    expect(m.retries).toBe(0);
  });

  it('with retries (exponential, full jitter, max 10) every record is accepted, no faster than the shard allows', () => {
    const { m } = run(
      { rate: 1500, recordSize: 100, stop: '5s', retries: { max: 10, backoff: 'exponential', base: '100ms', cap: '5s', jitter: 'full' } },
      { seconds: 60 },
    );
    expectBalanced(m);
    expect(m.userRecords).toEqual({ produced: 7500, accepted: 7500, givenUp: 0, rejected: 0, pending: 0 });
    expect(Math.max(...m.series.acceptedPerSecond)).toBeLessThanOrEqual(1000);
    // 7,500 records at 1,000/s need more than the 5 seconds they were produced in.
    expect(m.series.acceptedPerSecond.slice(5).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2500);
    expect(m.retries).toBeGreaterThan(0);
    expect(m.kinesisRecords.throttled).toBe(m.retries);
    expect(m.latencyMs.max).toBeGreaterThan(1000);
  });

  it('no backoff burns the retries in the same second and gives records up', () => {
    const { m } = run({ rate: 1500, recordSize: 100, retries: { max: 2, backoff: 'none' } }, { seconds: 10 });
    expectBalanced(m);
    expect(m.userRecords.givenUp).toBeGreaterThan(0);
    expect(m.kinesisRecords.throttled).toBe(m.retries + m.kinesisRecords.givenUp);
  });

  it('a hot key (share 0.9) over 4 shards throttles only its own shard', () => {
    const { m, stream } = run({ rate: 2000, recordSize: 100, keys: { kind: 'hot', count: 100, share: 0.9 }, retries: { max: 0 } }, { shards: 4, seconds: 30 });
    expectBalanced(m);
    const hot = stream.route('key-0', null);
    expect(hot.writeThrottled).toBeGreaterThan(0);
    for (const shard of stream.openShards) if (shard !== hot) expect(shard.writeThrottled).toBe(0);
    // The hot shard takes 1,000/s; the other three carry the rest of the 10%.
    expect(hot.recordsIn / 30).toBeGreaterThan(980);
    expect(hot.recordsIn / 30).toBeLessThanOrEqual(1000 + 1000 / 30);
  });
});

describe('KPL', () => {
  it('aggregation gets 5,000 records/s of 100 B through one shard with no throttling', () => {
    const { m, stream } = run({ rate: 5000, recordSize: 100, api: 'KPL', keys: { kind: 'uniform', count: 1000 } }, { seconds: 30 });
    expectBalanced(m);
    expect(m.kinesisRecords.throttled).toBe(0);
    expect(stream.writeThrottled).toBe(0);
    expect(mean(m.series.acceptedPerSecond.slice(1))).toBeGreaterThan(4900);
    expect(stream.recordsIn / 30).toBeLessThan(1000);
    // A 100 ms window holds 500 user records, but 50 KiB holds only ~450 of ~113 bytes.
    const perAggregate = m.aggregation.recordsPerAggregate;
    expect(perAggregate).toBeGreaterThan(400);
    expect(perAggregate).toBeLessThan(500);
    // Each aggregate fills up to the 50 KiB bound (the next user record would not fit) and stops there.
    const shard = stream.shards[0]!;
    const sizes = Array.from({ length: shard.log.length }, (_, i) => shard.log.sizeAt(shard.log.first + i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50 * KiB);
    expect(Math.min(...sizes)).toBeGreaterThan(50 * KiB - 120);
    // Aggregated user records are accepted or still waiting in the collector.
    expect(m.aggregation.userRecords).toBeGreaterThanOrEqual(m.userRecords.accepted);
    expect(m.aggregation.userRecords).toBeLessThanOrEqual(m.userRecords.accepted + m.userRecords.pending);
    // Every user record waits in the buffer, at most RecordMaxBufferedTime.
    expect(m.latencyMs.max).toBeLessThanOrEqual(100);
    expect(m.latencyMs.mean).toBeGreaterThan(30);
  });

  it('below the size bound an aggregate holds one RecordMaxBufferedTime of records, and latency follows it', () => {
    const { m } = run({ rate: 500, recordSize: 100, api: 'KPL', kpl: { recordMaxBufferedTime: '500ms' } }, { seconds: 30 });
    expectBalanced(m);
    expect(m.aggregation.recordsPerAggregate).toBe(250);
    expect(m.latencyMs.max).toBe(500);
    expect(Math.abs(m.latencyMs.mean - 250) / 250).toBeLessThan(0.05);
    expect(m.calls.total).toBe(m.kinesisRecords.sent);
  });

  it('an aggregate takes its first user record’s key and carries every user record’s tag', () => {
    const { m, stream } = run({ rate: 1000, recordSize: 50, api: 'KPL', keys: { kind: 'uniform', count: 10 } }, { shards: 2, seconds: 5, id: 7 });
    let users = 0;
    for (const shard of stream.shards) {
      for (let i = shard.log.first; i < shard.log.end; i++) {
        const n = shard.log.usersAt(i);
        users += n;
        const tags = shard.log.aggregateTags.get(i);
        if (n > 1) {
          expect(tags!.length).toBe(n);
          expect(tags![0]).toBe(shard.log.tagAt(i));
          // A producer's user records bound for one shard keep their order inside aggregates.
          for (let j = 1; j < n; j++) expect(tags![j]!).toBeGreaterThan(tags![j - 1]!);
        }
        // Aggregates go to the shard their first key maps to: the KPL's shard prediction.
        expect(stream.route(stream.keys[shard.log.keyAt(i)]!, null)).toBe(shard);
      }
    }
    expect(users).toBe(m.userRecords.accepted);
    expect(storedTags(stream).every((t) => Math.floor(t / 2 ** 32) === 7)).toBe(true);
  });

  it('with aggregation off the KPL only collects: one Kinesis record per user record, so one shard throttles', () => {
    const { m } = run({ rate: 5000, recordSize: 100, api: 'KPL', kpl: { aggregation: false }, retries: { max: 0 } }, { seconds: 10 });
    expectBalanced(m);
    expect(m.aggregation.aggregates).toBe(0);
    expect(m.kinesisRecords.accepted).toBe(m.userRecords.accepted);
    expect(mean(m.series.acceptedPerSecond.slice(1))).toBeCloseTo(1000, -1);
    expect(m.kinesisRecords.throttled).toBeGreaterThan(30_000);
  });

  it('rejects an oversized user record on its own, before buffering it', () => {
    const { m } = run({ rate: 2, api: 'KPL', recordSize: { min: 1000 * KiB, max: 1040 * KiB } }, { seconds: 30 });
    expectBalanced(m);
    expect(m.userRecords.rejected).toBeGreaterThan(0);
    expect(m.userRecords.accepted).toBeGreaterThan(0);
    expect(m.kinesisRecords.rejected).toBe(0);
    expect(m.rejectedByCode).toEqual({ ValidationException: m.userRecords.rejected });
  });
});

describe('APIs and calls', () => {
  it('PutRecord makes one call per record; PutRecords one per batch, flushed when full or after maxWait', () => {
    const base = { rate: 1000, stop: '10s', recordSize: 100 };
    const single = run({ ...base, api: 'PutRecord' }, { shards: 4, seconds: 11 }).m;
    expect(single.calls.total).toBe(10_000);
    expect(single.latencyMs.max).toBe(0);
    const timed = run({ ...base, api: 'PutRecords', batch: { maxRecords: 500, maxWait: '100ms' } }, { shards: 4, seconds: 11 }).m;
    expect(timed.calls.total).toBe(100);
    expect(timed.latencyMs.max).toBe(100);
    const full = run({ ...base, api: 'PutRecords', batch: { maxRecords: 50, maxWait: '1s' } }, { shards: 4, seconds: 11 }).m;
    expect(full.calls.total).toBe(200);
    for (const m of [single, timed, full]) expect(m.userRecords).toEqual({ produced: 10_000, accepted: 10_000, givenUp: 0, rejected: 0, pending: 0 });
  });

  it('a PutRecords batch never passes the 10 MiB request limit', () => {
    const { m } = run({ rate: 100, recordSize: 300 * KiB, api: 'PutRecords', batch: { maxRecords: 500, maxWait: '1s' } }, { shards: 8, seconds: 5 });
    expectBalanced(m);
    expect(m.kinesisRecords.rejected).toBe(0);
    // 100 records of 300 KiB in a second make 3 MiB… but requests stop below 10 MiB (34 records).
    expect(m.calls.total).toBeGreaterThanOrEqual(15);
  });

  it('an oversized record fails its whole PutRecords call; with PutRecord it fails alone; neither is retried', () => {
    const spec = { rate: 4, recordSize: { min: 1000 * KiB, max: 1040 * KiB }, batch: { maxRecords: 4, maxWait: '1s' } };
    const batched = run({ ...spec, api: 'PutRecords' }, { shards: 16, seconds: 30 }).m;
    const single = run({ ...spec, api: 'PutRecord' }, { shards: 16, seconds: 30 }).m;
    for (const m of [batched, single]) {
      expectBalanced(m);
      expect(m.rejectedByCode).toEqual({ ValidationException: m.userRecords.rejected });
      expect(m.kinesisRecords.rejected).toBe(m.userRecords.rejected);
    }
    // The same records are drawn in both runs: a batch refuses its good records too.
    expect(batched.userRecords.rejected).toBeGreaterThan(single.userRecords.rejected);
    expect(single.userRecords.accepted).toBeGreaterThan(0);
    expect(batched.calls.failedEntirely).toBeGreaterThan(0);
  });
});

describe('rates', () => {
  it('schedule steps change the rate at the right second', () => {
    const { m } = run({ schedule: [{ at: 0, rate: 100 }, { at: '3s', rate: 1000 }, { at: '5s', rate: 0 }, { at: '7s', rate: 250 }], api: 'PutRecord' }, { seconds: 10 });
    expect(m.series.producedPerSecond).toEqual([100, 100, 100, 1000, 1000, 0, 0, 250, 250, 250]);
  });

  it('before its first step a schedule produces nothing; start and stop bound generation', () => {
    const { m } = run({ schedule: [{ at: '2s', rate: 100 }], start: '1s', stop: '6s', api: 'PutRecord' }, { seconds: 10 });
    expect(m.series.producedPerSecond).toEqual([0, 0, 100, 100, 100, 100, 0, 0, 0, 0]);
    const low = run({ rate: 0.5, api: 'PutRecord' }, { seconds: 10 }).m;
    expect(low.series.producedPerSecond).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('a producer name and id label its records and metrics', () => {
    const named = run({ name: 'clicks', rate: 10 }, { seconds: 2, id: 3 });
    expect(named.m.name).toBe('clicks');
    expect(run({ rate: 10 }, { seconds: 1, id: 4 }).producer.name).toBe('producer-4');
    expect(storedTags(named.stream).every((t) => t >= 3 * 2 ** 32 && t < 4 * 2 ** 32)).toBe(true);
  });

  it('key kinds spread as they say', () => {
    const counts = (keys: Record<string, unknown>) => {
      const { stream } = run({ rate: 2000, recordSize: 10, keys, api: 'PutRecords' }, { shards: 64, seconds: 5 });
      const perKey = new Map<string, number>();
      for (const shard of stream.shards) for (let i = shard.log.first; i < shard.log.end; i++) {
        const key = stream.keys[shard.log.keyAt(i)]!;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
      return perKey;
    };
    const hot = counts({ kind: 'hot', count: 10, share: 0.5 });
    expect(hot.get('key-0')! / 10_000).toBeCloseTo(0.5, 1);
    const zipf = counts({ kind: 'zipf', count: 100, s: 1.2 });
    expect(zipf.get('key-0')!).toBeGreaterThan(zipf.get('key-1')!);
    expect(zipf.get('key-1')!).toBeGreaterThan(zipf.get('key-9')!);
    const fixed = counts({ kind: 'fixed', values: ['ios', 'android'] });
    expect([...fixed.keys()].sort()).toEqual(['android', 'ios']);
    const random = counts({ kind: 'random' });
    expect(random.size).toBe(10_000);
    expect([...random.keys()].every((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(k))).toBe(true);
  });
});
