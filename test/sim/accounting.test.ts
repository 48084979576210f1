import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { Producer } from '../../src/sim/kinesis/producer.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { producerSpec } from '../../src/sim/scenario/spec.js';

// Every record a producer makes ends in exactly one place: stored in a shard, expired from one
// after the retention period, given up after its retries, refused as invalid, or still pending
// (buffered or waiting to retry). Run past the 24-hour retention so expiry takes part, with
// resharding, so records also move between parent and child shards.
describe('end-to-end accounting', () => {
  it('produced = stored + expired + given up + rejected + pending, for random loads, seeds and reshards', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('PutRecord', 'PutRecords', 'KPL'),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, shards, api, rate, maxRetries) => {
          const sim = new Simulation({ seed });
          const kinesis = new KinesisService(sim);
          const stream = kinesis.createStream('orders', { shardCount: shards });
          const producer = new Producer(
            { sim, kinesis },
            producerSpec.parse({ stream: 'orders', api, rate: `${rate}/s`, recordSize: '600KiB', keys: { kind: 'hot', count: 50, share: 0.6 }, retries: { max: maxRetries } }),
            1,
          );
          producer.start();
          sim.at(3_600_000, 'split', () => {
            const s = stream.openShards[0]!;
            kinesis.splitShard('orders', s.id, ((s.startingHashKey + s.endingHashKey + 1n) / 2n).toString());
          });
          sim.runUntil(26 * 3_600_000);
          const u = producer.metrics().userRecords;
          let stored = 0;
          for (const shard of stream.shards) for (let i = shard.log.first; i < shard.log.end; i++) stored += shard.log.usersAt(i);
          expect(u.accepted).toBe(stream.userRecordsIn);
          expect(stored + stream.expiredUserRecords).toBe(u.accepted);
          expect(stream.expiredUserRecords).toBeGreaterThan(0);
          expect(stored + stream.expiredUserRecords + u.givenUp + u.rejected + u.pending).toBe(u.produced);
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);
});
