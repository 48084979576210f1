import { describe, expect, it } from 'vitest';
import type { KinesisStreamCost } from '../../src/sim/cost/index.js';
import { KDS_PRICES } from '../../src/sim/cost/prices.js';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';

function run(text: string) {
  const r = loadScenarioText(text, 'cost.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const doc = runScenario(r.spec);
  return { doc, cost: doc.cost as { hours: number; kinesis: Record<string, KinesisStreamCost> } };
}

const GB = 1024 ** 3;

describe('the cost section', () => {
  it('prices a provisioned stream by shard-hours and 25 KiB PUT payload units, per hour of the run', () => {
    const { doc, cost } = run(`
duration: 60s
kinesis: {streams: [{name: s, shards: 2}, {name: big, shards: 1}]}
producers:
  - {stream: s, rate: 100/s, recordSize: 1000B, keys: {kind: fixed, values: [k]}}
  - {stream: big, rate: 10/s, recordSize: 30KiB, keys: {kind: fixed, values: [k]}}
`);
    const s = cost.kinesis.s!;
    expect(cost.hours).toBeCloseTo(60 / 3600, 12);
    expect(s.mode).toBe('PROVISIONED');
    expect(s.breakdown.shardHours!.quantity).toBeCloseTo((2 * 60) / 3600, 8);
    expect(s.breakdown.shardHours!.perHour).toBeCloseTo(2 * KDS_PRICES.provisioned.shardHour, 8);
    // One unit per record of 1,001 bytes; the last batch may still be waiting at the end.
    const records = doc.streams.s!.recordsIn;
    expect(records).toBeGreaterThan(5900);
    expect(s.breakdown.putPayloadUnits!.quantity).toBeCloseTo(records / 1e6, 9);
    expect(s.breakdown.putPayloadUnits!.perHour).toBeCloseTo(((records * 60) / 1e6) * KDS_PRICES.provisioned.putPayloadUnitsPerMillion, 7);
    expect(s.breakdown.efoConsumerShardHours!.cost).toBe(0);
    expect(s.breakdown.ingestGB).toMatchObject({ unitPrice: 0, cost: 0, quantity: expect.any(Number) });
    expect(s.perHour).toBeCloseTo(s.breakdown.shardHours!.perHour + s.breakdown.putPayloadUnits!.perHour, 7);
    expect(s.total).toBeCloseTo(s.perHour / 60, 7);
    // A 30 KiB record (plus its key) is two 25 KiB units.
    expect(cost.kinesis.big!.breakdown.putPayloadUnits!.quantity).toBeCloseTo((2 * doc.streams.big!.recordsIn) / 1e6, 9);
  });

  it('counts a closed parent until it closed and its children from when they opened', () => {
    const { doc, cost } = run(`
duration: 120s
kinesis: {streams: [{name: s, shards: 1}]}
actions:
  - {at: 30s, do: "aws kinesis update-shard-count --stream-name s --target-shard-count 2 --scaling-type UNIFORM_SCALING"}
`);
    const shardMs = Object.values(doc.streams.s!.shards).reduce((n, sh) => n + (sh.closedAtMs ?? 120_000) - sh.openedAtMs, 0);
    expect(Object.keys(doc.streams.s!.shards)).toHaveLength(3);
    expect(shardMs).toBeGreaterThan(120_000);
    expect(cost.kinesis.s!.breakdown.shardHours!.quantity).toBeCloseTo(shardMs / 3_600_000, 8);
  });

  it('prices enhanced fan-out by consumer-shard-hours from registration and by the GB pushed', () => {
    const { doc, cost } = run(`
duration: 60s
kinesis: {streams: [{name: s, shards: 3}]}
producers: [{stream: s, rate: 300/s, recordSize: 2KiB}]
consumers:
  - {name: a, stream: s, kind: efo}
  - {name: b, stream: s, kind: efo}
  - {name: p, stream: s, kind: polling}
`);
    const b = cost.kinesis.s!.breakdown;
    expect(b.efoConsumerShardHours!.quantity).toBeCloseTo((2 * 3 * 60) / 3600, 8);
    const pushed = doc.consumers.a!.bytes + doc.consumers.b!.bytes;
    expect(pushed).toBeGreaterThan(0);
    expect(b.efoRetrievalGB!.quantity).toBeCloseTo(pushed / GB, 8);
    expect(b.efoRetrievalGB!.unitPrice).toBe(KDS_PRICES.provisioned.efoRetrievalPerGB);
  });

  it('prices an on-demand stream by stream-hours, KiB-rounded ingest and the GB read', () => {
    const { doc, cost } = run(`
duration: 30s
kinesis: {streams: [{name: od, mode: on-demand}]}
producers: [{stream: od, rate: 200/s, recordSize: 1500B, keys: {kind: uniform, count: 50}}]
consumers: [{name: r, stream: od, kind: polling}]
`);
    const od = cost.kinesis.od!;
    expect(od.mode).toBe('ON_DEMAND');
    expect(od.breakdown.shardHours).toMatchObject({ unitPrice: 0, cost: 0 });
    expect(cost.kinesis.od!.breakdown.putPayloadUnits!.quantity).toBeGreaterThan(0);
    expect(od.breakdown.streamHours!.perHour).toBeCloseTo(KDS_PRICES.onDemand.streamHour, 8);
    // 1,500 bytes plus a key of up to 6 bytes bills as 2 KiB.
    expect(od.breakdown.ingestGB!.quantity).toBeCloseTo((doc.streams.od!.recordsIn * 2048) / GB, 9);
    const read = Object.values(doc.streams.od!.shards).reduce((n, s) => n + s.bytesRead, 0);
    expect(read).toBeGreaterThan(0);
    expect(od.breakdown.retrievalGB!.quantity).toBeCloseTo(read / GB, 9);
  });

  it('leaves the kinesis key out when the run has no stream, and the quiz reads the same table', async () => {
    const { cost } = run(`
duration: 10s
sqs: {queues: [{name: q}]}
`);
    expect(cost.kinesis).toBeUndefined();
    expect(cost).toMatchObject({ currency: 'USD', region: 'us-east-1' });
    const quiz = await import('../../src/quiz/prices.js');
    expect(quiz.KDS_PRICES).toBe(KDS_PRICES);
  });
});
