import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/sim/core/agenda.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { AwsError } from '../../src/sim/kinesis/errors.js';
import { MAX_HASH, md5Hash } from '../../src/sim/kinesis/hash.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { parseSequenceNumber } from '../../src/sim/kinesis/shard.js';

const MiB = 1_048_576;

function setup(shards = 1, seed = 1) {
  const sim = new Simulation({ seed });
  const kinesis = new KinesisService(sim);
  const stream = kinesis.createStream('orders', { shardCount: shards });
  return { sim, kinesis, stream };
}

/** Writes `perSecond` records of `size` bytes, evenly spaced, to one key for `seconds`. */
function steadyLoad(sim: Simulation, kinesis: KinesisService, perSecond: number, size: number, seconds: number, key = 'k') {
  const stream = kinesis.stream('orders');
  let accepted = 0;
  let throttled = 0;
  for (let i = 0; i < perSecond * seconds; i++) {
    sim.at((i * 1000) / perSecond, 'put', () => {
      if (kinesis.putOne(stream, { partitionKey: key, size })) accepted++;
      else throttled++;
    });
  }
  sim.runUntil(seconds * 1000);
  return { accepted, throttled };
}

describe('agenda', () => {
  it('orders by time, then by insertion (FIFO among equals), and skips cancelled events', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 200 }), (events) => {
        const agenda = new Agenda();
        const pushed = events.map(([t, cancel], i) => {
          const e = agenda.push(t, String(i), () => {});
          if (cancel) e.cancelled = true;
          return e;
        });
        const out: number[] = [];
        for (let e = agenda.peek(); e; agenda.pop(), e = agenda.peek()) out.push(e.seq);
        const expected = pushed.filter((e) => !e.cancelled).sort((a, b) => a.time - b.time || a.seq - b.seq).map((e) => e.seq);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('never lets time go back', () => {
    const sim = new Simulation({ seed: 1 });
    const seen: number[] = [];
    for (const t of [30, 10, 20, 10]) sim.at(t, 't', () => seen.push(sim.now));
    sim.runUntil(100);
    expect(seen).toEqual([10, 10, 20, 30]);
    expect(() => sim.at(50, 'late', () => {})).toThrow(/clock is at 100/);
  });
});

describe('writes throttle exactly per shard', () => {
  it('steady load below both limits throttles nothing', () => {
    const { sim, kinesis } = setup();
    expect(steadyLoad(sim, kinesis, 900, 1000, 30)).toEqual({ accepted: 27_000, throttled: 0 });
  });

  it.each([10, 25, 50])('records limit: %i%% over 1,000 records/s throttles that share', (over) => {
    const { sim, kinesis } = setup();
    const rate = 1000 * (1 + over / 100);
    const seconds = 60;
    const { accepted, throttled } = steadyLoad(sim, kinesis, rate, 100, seconds);
    const expected = (rate - 1000) * seconds;
    // The bucket starts full, so one second of burst is allowed on top of the rate.
    expect(Math.abs(throttled - expected) / expected).toBeLessThan(0.02);
    expect(accepted).toBeLessThanOrEqual(1000 * seconds + 1000);
  });

  it.each([10, 25, 50])('bytes limit: %i%% over 1 MiB/s throttles that share', (over) => {
    const { sim, kinesis } = setup();
    const size = 2048;
    const rate = (MiB / size) * (1 + over / 100);
    const seconds = 60;
    const { throttled } = steadyLoad(sim, kinesis, rate, size, seconds);
    const expected = (rate - MiB / size) * seconds;
    expect(Math.abs(throttled - expected) / expected).toBeLessThan(0.02);
  });

  it('shards are independent: two keys on two shards each get a full shard', () => {
    const { sim, kinesis, stream } = setup(2);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const [k1, k2] = [keys.find((k) => stream.route(k, null) === stream.openShards[0])!, keys.find((k) => stream.route(k, null) === stream.openShards[1])!];
    let throttled = 0;
    for (let i = 0; i < 1900 * 10; i++) {
      sim.at((i * 1000) / 1900, 'put', () => {
        if (!kinesis.putOne(stream, { partitionKey: i % 2 ? k1 : k2, size: 10 })) throttled++;
      });
    }
    sim.runUntil(10_000);
    expect(throttled).toBe(0);
  });

  it('PutRecords reports per-entry ProvisionedThroughputExceededException and validates the request', () => {
    const { kinesis } = setup();
    const entries = Array.from({ length: 500 }, (_, i) => ({ partitionKey: `k${i}`, size: 4096 }));
    const r1 = kinesis.putRecords('orders', entries);
    expect(r1.FailedRecordCount).toBe(500 - 256);
    expect(r1.Records[256]).toEqual({ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: expect.stringMatching(/^Rate exceeded for shard shardId-000000000000 in stream orders/) });
    expect(() => kinesis.putRecords('orders', [...entries, { partitionKey: 'x', size: 1 }])).toThrow(AwsError);
    expect(() => kinesis.putRecords('orders', [{ partitionKey: 'x', size: MiB + 1 }])).toThrow(/MaxRecordSizeInKiB/);
    expect(() => kinesis.putRecords('orders', [{ partitionKey: 'x'.repeat(257), size: 1 }])).toThrow(/partitionKey/);
    expect(() => kinesis.putRecords('nope', [{ partitionKey: 'x', size: 1 }])).toThrow(/ResourceNotFound|not found/);
  });

  it('a large record (10 MiB stream) passes a full bucket and then holds the shard back', () => {
    const { sim, kinesis } = setup();
    const stream = kinesis.stream('orders');
    kinesis.setMaxRecordSize(stream, 10240);
    expect(kinesis.putOne(stream, { partitionKey: 'k', size: 5 * MiB })).not.toBeNull();
    sim.runUntil(2000);
    expect(kinesis.putOne(stream, { partitionKey: 'k', size: 1000 })).toBeNull();
    sim.runUntil(5000);
    expect(kinesis.putOne(stream, { partitionKey: 'k', size: 1000 })).not.toBeNull();
  });
});

describe('routing and sequence numbers', () => {
  it('routes by MD5 of the partition key into even 128-bit ranges', () => {
    const { stream } = setup(4);
    expect(stream.openShards.map((s) => s.startingHashKey)).toEqual([0n, 1n << 126n, 2n << 126n, 3n << 126n]);
    expect(stream.openShards[3]!.endingHashKey).toBe(MAX_HASH);
    for (const key of ['ios', 'android', 'device-42', '🦀']) {
      const h = md5Hash(key);
      expect(stream.route(key, null).contains(h)).toBe(true);
    }
    expect(md5Hash('')).toBe(0xd41d8cd98f00b204e9800998ecf8427en);
  });

  it('sequence numbers are 56 digits and increase per shard', () => {
    const { kinesis } = setup(2);
    const seqs = new Map<string, string[]>();
    for (let i = 0; i < 50; i++) {
      const r = kinesis.putRecord('orders', { partitionKey: `k${i}`, size: 10 });
      expect(r.SequenceNumber).toMatch(/^\d{56}$/);
      seqs.set(r.ShardId, [...(seqs.get(r.ShardId) ?? []), r.SequenceNumber]);
    }
    for (const list of seqs.values()) expect([...list].sort()).toEqual(list);
    expect(parseSequenceNumber(seqs.values().next().value![1]!)?.index).toBe(1);
  });
});

describe('reads share a shard’s limits', () => {
  function pollers(count: number, perSecond: number, seconds: number) {
    const { sim, kinesis, stream } = setup();
    const shard = stream.openShards[0]!;
    let throttled = 0;
    for (let c = 0; c < count; c++) {
      sim.every(1000 / perSecond, `poll-${c}`, () => {
        try {
          kinesis.read(stream, shard, shard.log.end, 10_000);
        } catch (e) {
          if (e instanceof AwsError && e.code === 'ProvisionedThroughputExceededException') throttled++;
          else throw e;
        }
      });
    }
    sim.runUntil(seconds * 1000 - 1);
    return throttled;
  }

  it('5 consumers polling once a second are not throttled; 6 are', () => {
    expect(pollers(5, 1, 30)).toBe(0);
    expect(pollers(6, 1, 30)).toBeGreaterThanOrEqual(29);
  });

  it('a 10 MiB response locks the shard out for 5 seconds', () => {
    const { sim, kinesis, stream } = setup();
    kinesis.setMaxRecordSize(stream, 10240);
    const shard = stream.openShards[0]!;
    for (let i = 0; i < 10; i++) sim.at(i * 1000, 'put', () => kinesis.putOne(stream, { partitionKey: 'k', size: MiB }));
    sim.runUntil(10_000);
    const r = kinesis.read(stream, shard, shard.log.first, 10_000);
    expect(r.bytes).toBe(10 * MiB);
    sim.runUntil(14_900);
    expect(() => kinesis.read(stream, shard, r.to, 10_000)).toThrow(/Rate exceeded for Shard/);
    sim.runUntil(15_001);
    expect(() => kinesis.read(stream, shard, r.to, 10_000)).not.toThrow();
  });

  it('three polling consumers on a shard taking 1 MiB/s fall behind; three enhanced fan-out consumers do not', () => {
    const seconds = 120;
    const run = (efo: boolean) => {
      const { sim, kinesis, stream } = setup();
      const shard = stream.openShards[0]!;
      sim.every(10, 'producer', () => void kinesis.putOne(stream, { partitionKey: 'k', size: 10_000 }));
      const lag: number[] = [];
      if (efo) {
        const fanOut = new EnhancedFanOut(sim, kinesis);
        const consumers = [0, 1, 2].map((i) => fanOut.register('orders', `app-${i}`));
        sim.at(6000, 'subscribe', () =>
          consumers.forEach((c, i) => {
            const resubscribe = (at: number | null) => {
              if (at === null) return;
              fanOut.subscribe(c.ConsumerARN, shard.id, { type: 'TRIM_HORIZON', position: at }, (e) => (lag[i] = e.millisBehindLatest), resubscribe);
            };
            resubscribe(0);
          }),
        );
      } else {
        [0, 1, 2].forEach((i) => {
          let position = 0;
          sim.every(200, `poll-${i}`, () => {
            try {
              const r = kinesis.read(stream, shard, position, 10_000);
              position = r.to;
              lag[i] = r.millisBehindLatest;
            } catch {
              /* throttled: try again next tick */
            }
          }, 50 * i);
        });
      }
      sim.runUntil(seconds * 1000);
      return Math.max(...lag);
    };
    expect(run(false)).toBeGreaterThan(20_000);
    expect(run(true)).toBeLessThan(1000);
  });
});

describe('resharding', () => {
  const coverage = (shards: readonly { startingHashKey: bigint; endingHashKey: bigint }[]) => {
    const sorted = [...shards].sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
    expect(sorted[0]!.startingHashKey).toBe(0n);
    expect(sorted.at(-1)!.endingHashKey).toBe(MAX_HASH);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startingHashKey).toBe(sorted[i - 1]!.endingHashKey + 1n);
  };

  it('after any sequence of split, merge and update-shard-count the open shards cover the hash space exactly', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('split' as const), pick: fc.nat(), at: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }),
      fc.record({ kind: fc.constant('merge' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('update' as const), factor: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 12 }), (initial, ops) => {
        const { sim, kinesis, stream } = setup(initial);
        for (const o of ops) {
          const open = [...stream.openShards];
          try {
            if (o.kind === 'split') {
              const s = open[o.pick % open.length]!;
              const span = s.endingHashKey - s.startingHashKey;
              const key = s.startingHashKey + 1n + (span * BigInt(Math.floor(o.at * 1e6))) / 1_000_000n;
              if (span > 1n) kinesis.splitShard('orders', s.id, key.toString());
            } else if (o.kind === 'merge' && open.length > 1) {
              const i = o.pick % (open.length - 1);
              kinesis.mergeShards('orders', open[i]!.id, open[i + 1]!.id);
            } else if (o.kind === 'update') {
              kinesis.updateShardCount('orders', Math.max(Math.ceil(open.length / 2), Math.min(open.length * 2, Math.round(open.length * o.factor))));
            }
          } catch (e) {
            if (!(e instanceof AwsError)) throw e;
          }
          sim.runUntil(sim.now + 3_600_000);
          coverage(stream.openShards);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('enforces adjacency, one operation at a time, the 2×/half rule and 10 calls per rolling 24 h', () => {
    const { sim, kinesis, stream } = setup(4);
    const [a, , c] = stream.openShards;
    expect(() => kinesis.mergeShards('orders', a!.id, c!.id)).toThrow(/not an adjacent pair/);
    expect(() => kinesis.updateShardCount('orders', 9)).toThrow(/over double/);
    expect(() => kinesis.updateShardCount('orders', 1)).toThrow(/below half/);
    kinesis.updateShardCount('orders', 8);
    expect(() => kinesis.updateShardCount('orders', 6)).toThrow(/not ACTIVE, instead in state UPDATING/);
    sim.runUntil(sim.now + 60_000);
    expect(stream.openShards).toHaveLength(8);
    for (let i = 0; i < 9; i++) {
      kinesis.updateShardCount('orders', i % 2 ? 8 : 6);
      sim.runUntil(sim.now + 60_000);
    }
    expect(() => kinesis.updateShardCount('orders', 6)).toThrow(/LimitExceeded|10 UpdateShardCount calls/);
    sim.runUntil(24 * 3_600_000 + 1);
    expect(() => kinesis.updateShardCount('orders', 6)).not.toThrow();
  });

  it('parents close but stay readable until their data expires; children name their parents', () => {
    const { sim, kinesis, stream } = setup(1);
    const parent = stream.openShards[0]!;
    kinesis.putOne(stream, { partitionKey: 'k', size: 10 });
    kinesis.splitShard('orders', parent.id, (1n << 127n).toString());
    sim.runUntil(20_000);
    const shards = kinesis.listShards('orders').Shards;
    expect(shards.map((s) => [s.ShardId, 'ParentShardId' in s ? s.ParentShardId : undefined])).toEqual([
      ['shardId-000000000000', undefined],
      ['shardId-000000000001', 'shardId-000000000000'],
      ['shardId-000000000002', 'shardId-000000000000'],
    ]);
    expect(shards[0]!.SequenceNumberRange).toHaveProperty('EndingSequenceNumber');
    const it = kinesis.getShardIterator('orders', parent.id, 'TRIM_HORIZON').ShardIterator;
    const r = kinesis.getRecords(it);
    expect(r.Records).toHaveLength(1);
    expect(r.NextShardIterator).toBeNull();
    expect(r.ChildShards?.map((c) => c.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    sim.runUntil(25 * 3_600_000);
    expect(kinesis.listShards('orders').Shards.map((s) => s.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    expect(stream.expiredRecords).toBe(1);
  });
});

describe('iterators', () => {
  it('expire after 5 minutes', () => {
    const { sim, kinesis } = setup();
    const it = kinesis.getShardIterator('orders', 'shardId-000000000000', 'LATEST').ShardIterator;
    sim.runUntil(300_001);
    expect(() => kinesis.getRecords(it)).toThrow(/Iterator expired/);
  });

  it('AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER and AT_TIMESTAMP start where they say', () => {
    const { sim, kinesis } = setup();
    const seqs: string[] = [];
    for (let i = 0; i < 5; i++) sim.at(i * 1000, 'put', () => seqs.push(kinesis.putRecord('orders', { partitionKey: 'k', size: 10, data: `r${i}` }).SequenceNumber));
    sim.runUntil(5000);
    const read = (type: Parameters<KinesisService['getShardIterator']>[2], o = {}) =>
      kinesis.getRecords(kinesis.getShardIterator('orders', 'shardId-000000000000', type, o).ShardIterator).Records.map((r) => r.Data);
    expect(read('AT_SEQUENCE_NUMBER', { startingSequenceNumber: seqs[2] })).toEqual(['r2', 'r3', 'r4']);
    sim.runUntil(5200);
    expect(read('AFTER_SEQUENCE_NUMBER', { startingSequenceNumber: seqs[2] })).toEqual(['r3', 'r4']);
    sim.runUntil(5400);
    expect(read('AT_TIMESTAMP', { timestampMs: 3000 })).toEqual(['r3', 'r4']);
    sim.runUntil(5600);
    expect(read('LATEST')).toEqual([]);
  });
});

describe('on-demand capacity', () => {
  it('starts at 4 MiB/s, follows twice the peak, and throttles a sudden spike', () => {
    const sim = new Simulation({ seed: 3 });
    const kinesis = new KinesisService(sim);
    const stream = kinesis.createStream('od', { mode: 'ON_DEMAND' });
    let throttled = 0;
    let t = 0;
    const load = (perSecond: number, seconds: number) => {
      const end = t + seconds * 1000;
      for (; t < end; t += 1000 / perSecond) {
        const at = t;
        sim.at(at, 'put', () => {
          if (!kinesis.putOne(stream, { partitionKey: `k${Math.floor(at) % 5000}`, size: 1000 })) throttled++;
        });
      }
      sim.runUntil(end);
    };
    load(3000, 300);
    expect(throttled).toBe(0);
    load(5500, 300);
    expect(throttled).toBe(0);
    load(30_000, 60);
    expect(throttled).toBeGreaterThan(0);
  });
});
