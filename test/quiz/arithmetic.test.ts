import { describe, expect, it } from 'vitest';
import {
  KiB,
  MiB,
  ceilSafe,
  classicReadPerConsumer,
  dlqSeconds,
  efoReadPerConsumer,
  fifoMessagesPerSecond,
  firehoseFlushSeconds,
  firehoseObjectsPerHour,
  getRecordsCallsPerConsumer,
  iotRuleDeliveriesPerSecond,
  kclBusyWorkers,
  kplRecordsPerAggregate,
  kplUserRecordsPerShard,
  lambdaKinesisConcurrency,
  onDemandMonthlyCost,
  provisionedMonthlyCost,
  putPayloadUnits,
  putRecordsCalls,
  roundTo,
  shardsForWrites,
  snowballDevices,
  sqsBatchCalls,
  sqsLambdaVisibilityTimeout,
  transferDays,
  updateShardCountCalls,
  updateShardCountWindows,
  visibilityOutcome,
} from '../../src/quiz/arithmetic.js';

// Every expected value below was worked out by hand (or is a worked example in content/), not
// by running the code.

describe('Kinesis writes', () => {
  it.each([
    // records/s, record bytes, shards: why
    [4500, 3 * KiB, 14, '13.18 MiB/s → 14; 4.5k records → 5'],
    [4500, 3000, 13, '12.87 MiB/s → 13'],
    [2500, 200, 3, 'bytes fit in 1 shard, records need 3'],
    [1000, KiB, 1, '0.98 MiB/s and exactly 1,000 records/s'],
    [1024, KiB, 2, 'exactly 1 MiB/s but 1,024 records/s'],
    [1, 1, 1, 'never fewer than one shard'],
  ])('shardsForWrites(%i, %i) = %i (%s)', (rps, bytes, shards) => {
    expect(shardsForWrites(rps, bytes)).toBe(shards);
  });

  it('the misconception variants are the same function with a wrong limit', () => {
    expect(shardsForWrites(4500, 3 * KiB, { bytesPerSecond: 2 * MiB, recordsPerSecond: 1000 })).toBe(7);
    expect(shardsForWrites(4500, 3 * KiB, { bytesPerSecond: 1e6, recordsPerSecond: 1000 })).toBe(14);
  });

  it.each([
    [98_000, 200 * KiB, 1922, '51 records per call'],
    [1000, KiB, 2, '500 records per call'],
    [1000, 20 * KiB, 2, '512 fit by size, 500 by count'],
    [1000, 100 * KiB, 10, '102 per call'],
  ])('putRecordsCalls(%i, %i) = %i (%s)', (records, bytes, calls) => {
    expect(putRecordsCalls(records, bytes)).toBe(calls);
  });
});

describe('Kinesis reads', () => {
  it('classic consumers share 2 MiB/s per shard; enhanced fan-out gives each its own', () => {
    expect(classicReadPerConsumer(12, 5) / MiB).toBeCloseTo(4.8, 10);
    expect(efoReadPerConsumer(12) / MiB).toBe(24);
  });

  it('polling consumers share 5 GetRecords calls per second', () => {
    expect(getRecordsCallsPerConsumer(10)).toBe(0.5);
    expect(getRecordsCallsPerConsumer(5)).toBe(1);
    expect(getRecordsCallsPerConsumer(3)).toBeCloseTo(1.6667, 4);
  });
});

describe('KPL aggregation', () => {
  it('user records per aggregate and per shard', () => {
    expect(kplRecordsPerAggregate(2000)).toBe(524);
    expect(kplRecordsPerAggregate(100, 51_200)).toBe(512);
    expect(kplUserRecordsPerShard(100, true)).toBe(10_485);
    expect(kplUserRecordsPerShard(100, false)).toBe(1000);
    expect(kplUserRecordsPerShard(4096, false)).toBe(256);
  });
});

describe('Firehose buffering', () => {
  it('delivers at whichever hint is reached first', () => {
    expect(firehoseFlushSeconds(128 * MiB, 600, 64 * KiB)).toBe(600);
    expect(firehoseFlushSeconds(5 * MiB, 300, 100 * KiB)).toBeCloseTo(51.2, 10);
    expect(firehoseObjectsPerHour(5 * MiB, 300, 100 * KiB)).toBe(70);
    expect(firehoseObjectsPerHour(128 * MiB, 600, 64 * KiB)).toBe(6);
  });
});

describe('SQS', () => {
  it('FIFO throughput counts calls, each carrying up to 10 messages', () => {
    expect(fifoMessagesPerSecond(1, false)).toBe(300);
    expect(fifoMessagesPerSecond(10, false)).toBe(3000);
    expect(fifoMessagesPerSecond(4, true)).toBe(280_000);
    expect(fifoMessagesPerSecond(10, true)).toBe(700_000);
  });

  it('batches hold 10 messages and 1 MiB', () => {
    expect(sqsBatchCalls(9800, 256 * KiB)).toBe(2450);
    expect(sqsBatchCalls(100, KiB)).toBe(10);
    expect(sqsBatchCalls(95, KiB)).toBe(10);
  });

  it('visibility timeout, dead-letter queue and the Lambda recommendation', () => {
    expect(visibilityOutcome(30, 45)).toBe('redelivered');
    expect(visibilityOutcome(30, 30)).toBe('redelivered');
    expect(visibilityOutcome(30, 20)).toBe('once');
    expect(dlqSeconds(9, 300)).toBe(2700);
    expect(sqsLambdaVisibilityTimeout(600)).toBe(3600);
  });
});

describe('consumers', () => {
  it('one KCL worker per shard; Lambda runs shards × parallelization factor', () => {
    expect(kclBusyWorkers(5, 16)).toBe(5);
    expect(kclBusyWorkers(20, 4)).toBe(4);
    expect(lambdaKinesisConcurrency(40, 9)).toBe(360);
  });
});

describe('resharding (the worked examples in content/kinesis-scaling.md)', () => {
  it.each([
    [10, 35, 2],
    [20, 100, 3],
    [400, 90, 3],
    [1, 1000, 10],
    [392, 10_000, 5],
    [7, 3, 2],
  ])('UpdateShardCount %i → %i takes %i calls', (from, to, calls) => {
    expect(updateShardCountCalls(from, to)).toBe(calls);
  });

  it('10 calls fit in one rolling 24 hours; the 11th waits', () => {
    expect(updateShardCountWindows(1, 1000)).toBe(1);
    expect(updateShardCountWindows(2, 5000)).toBe(2);
  });
});

describe('moving data (the worked examples in content/snow-family.md)', () => {
  it('network days', () => {
    expect(transferDays(200, 500, 80)).toBeCloseTo(46.296, 3);
    expect(transferDays(180, 100, 100)).toBeCloseTo(166.667, 3);
  });

  it('Snowball Edge devices of 210 TB', () => {
    expect(snowballDevices(1960)).toBe(10);
    expect(snowballDevices(210)).toBe(1);
    expect(snowballDevices(211)).toBe(2);
  });

  it('IoT rule deliveries', () => {
    expect(iotRuleDeliveriesPerSecond(20_000, 30, 2, 3)).toBeCloseTo(40, 10);
  });
});

describe('cost', () => {
  it('provisioned: 24 shards and 15,505.2 million PUT payload units', () => {
    expect(provisionedMonthlyCost(5900, 4)).toBeCloseTo(262.8 + 217.0728, 6);
    expect(putPayloadUnits(24)).toBe(1);
    expect(putPayloadUnits(26)).toBe(2);
  });

  it('on-demand: stream hours, 2,506.26 GB written and read once', () => {
    expect(onDemandMonthlyCost(1000, 1, 1)).toBeCloseTo(29.2 + (2_628_000_000 / 1_048_576) * 0.12, 6);
    expect(onDemandMonthlyCost(1000, 1, 1)).toBeCloseTo(329.95, 2);
  });
});

describe('rounding', () => {
  it('does not let float noise change a ceiling or a rounding', () => {
    expect(ceilSafe(0.1 * 3 * 10)).toBe(3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });
});
