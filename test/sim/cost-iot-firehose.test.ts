import { describe, expect, it } from 'vitest';
import type { FirehoseStreamCost, IotCost } from '../../src/sim/cost/index.js';
import { FIREHOSE_PRICES, IOT_PRICES } from '../../src/sim/cost/index.js';
import { formatProblem, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';

// The cost section's IoT Core and Firehose lines: metered messages (none through Basic Ingest),
// rules triggered, actions and connection minutes; Firehose ingestion with each record rounded up
// to 5 KB. Quantities come from the run's own counters, so these follow the arithmetic through.

function run(topic: string) {
  const loaded = loadScenarioText(`
seed: 2
duration: 60s
kinesis:
  streams: [{name: t, shards: 2}]
firehose:
  deliveryStreams:
    - {name: lake, source: {kinesisStream: t}, buffer: {size: 1MiB, interval: 10s}, destination: {kind: s3, bucket: lake-b}}
    - {name: direct, destination: {kind: s3, bucket: direct-d}}
  producers:
    - {deliveryStream: direct, rate: 10/s, recordSize: 6KiB, stop: 10s}
iot:
  devices:
    - {name: m, count: 100, topic: '${topic}', rate: 1/s, stop: 30s, payload: {id: '\${thing}', v: {uniform: [0, 9]}}}
  rules:
    - name: r
      sql: "SELECT * FROM 'm/+/x' WHERE v > 3"
      actions: [{kinesis: {stream: t, partitionKey: '\${topic(2)}'}}]
`, 'cost.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const doc = runScenario(loaded.spec) as Record<string, any>;
  return { doc, iot: doc.cost.iot as IotCost, firehose: doc.cost.firehose as Record<string, FirehoseStreamCost> };
}

describe('IoT Core and Firehose in the cost section', () => {
  it('prices messages, rules, actions and connection minutes from the iot section', () => {
    const { doc, iot } = run('m/\${thing}/x');
    const rule = doc.iot.rules.r;
    expect(iot.breakdown.messages!.quantity).toBeCloseTo(3_000 / 1e6, 9);
    expect(iot.breakdown.rulesTriggered!.quantity).toBeCloseTo(rule.evaluated / 1e6, 9);
    expect(iot.breakdown.actionsExecuted!.quantity).toBeCloseTo(rule.actions.kinesis.invoked / 1e6, 9);
    expect(iot.breakdown.connectionMinutes!.quantity).toBeCloseTo((100 * 1) / 1e6, 9);
    expect(iot.breakdown.messages!.cost).toBeCloseTo(0.003 * IOT_PRICES.messagesPerMillion, 8);
    expect(iot.total).toBeCloseTo(Object.values(iot.breakdown).reduce((n, l) => n + l.cost, 0), 7);
    expect(iot.perHour).toBeCloseTo(iot.total * 60, 6);
  });

  it('Basic Ingest takes the messaging line to zero and leaves the rule lines as they were', () => {
    const broker = run('m/\${thing}/x').iot;
    const ingest = run('$aws/rules/r/m/\${thing}/x').iot;
    expect(ingest.breakdown.messages!.cost).toBe(0);
    expect(ingest.breakdown.rulesTriggered).toEqual(broker.breakdown.rulesTriggered);
    expect(ingest.total).toBeLessThan(broker.total);
  });

  it('bills each Firehose record rounded up to 5 KB, whether read from Kinesis or put directly', () => {
    const { doc, firehose } = run('m/\${thing}/x');
    const lake = doc.firehose.deliveryStreams.lake;
    expect(lake.billedIngestBytes).toBe(lake.recordsIn * 5_120);
    const direct = doc.firehose.deliveryStreams.direct;
    expect(direct.billedIngestBytes).toBe(direct.recordsIn * 10_240);
    expect(firehose.direct!.breakdown.ingestGB!.quantity).toBeCloseTo(direct.billedIngestBytes / 1024 ** 3, 9);
    expect(firehose.lake!.total).toBeCloseTo((lake.billedIngestBytes / 1024 ** 3) * FIREHOSE_PRICES.ingestPerGB, 8);
  });
});
