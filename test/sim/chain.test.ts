import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IotMetrics } from '../../src/sim/iot/service.js';
import { renderSummary } from '../../src/sim/report.js';
import type { ObjectStore } from '../../src/sim/s3.js';
import { loadScenarioFile } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { World } from '../../src/sim/world.js';

// The services wired together (labs/scenarios/iot-chain.yaml): devices → IoT rule (hot readings
// only) → Kinesis stream → Firehose (Kinesis source) → S3, and a Lambda consumer of the stream
// whose failed batches go to an SQS queue. Every message is followed end to end: each one is
// accounted for at every hop, and nothing disappears without a counted reason.

interface FirehoseStreamFigures {
  recordsIn: number;
  recordsDelivered: number;
  objectsDelivered: number;
  pending: number;
  lost: number;
  backedUp: number;
  discarded: number;
  errorOutput: { objects: number; records: Record<string, number> };
}

function run() {
  const loaded = loadScenarioFile(join(import.meta.dirname, '..', '..', 'labs', 'scenarios', 'iot-chain.yaml'));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  let world: World | undefined;
  const doc = runScenario(loaded.spec, { setup: (r) => void (world = r.world) });
  return { doc, world: world! };
}

describe('devices → IoT rule → Kinesis → Firehose → S3, and Lambda → SQS', () => {
  const { doc, world } = run();
  const iot = doc.iot as IotMetrics;
  const hot = iot.rules.hot!;
  const put = hot.actions.kinesis!;
  const stream = doc.streams.telemetry!;
  const lake = (doc.firehose as { deliveryStreams: Record<string, FirehoseStreamFigures> }).deliveryStreams.lake!;
  const queues = (doc.sqs as { queues: Record<string, { sent: number; visible: number }> }).queues;
  const lambda = doc.consumers.alerts as unknown as {
    succeeded: { batches: number; records: number };
    discarded: { batches: number; records: number };
    sentToOnFailure: { batches: number; records: number };
  };

  it('every published message is accepted or rejected for a counted reason, and the rule matches it or not', () => {
    expect(iot.published).toBe(6_000 * 120);
    expect(iot.published).toBe(iot.accepted + Object.values(iot.rejected).reduce((a, b) => a + b, 0));
    expect(hot.evaluated).toBe(iot.accepted);
    expect(hot.matched + hot.notMatched).toBe(hot.evaluated);
    // temp ~ normal(25, 5): P(temp > 30) ≈ 15.9%
    expect(hot.matched / hot.evaluated).toBeGreaterThan(0.15);
    expect(hot.matched / hot.evaluated).toBeLessThan(0.17);
  });

  it('every matched message is put into Kinesis or counted as an action error, and each error reaches the error queue', () => {
    expect(put.invoked).toBe(hot.matched);
    expect(put.failed).toBeGreaterThan(0);
    expect(stream.recordsIn).toBe(put.invoked - put.failed);
    expect(stream.writeThrottled).toBe(put.failed);
    expect(hot.errorAction).toEqual({ type: 'sqs', invoked: put.failed, failed: 0 });
    expect(queues['iot-errors']!.sent).toBe(put.failed);
  });

  it('every record in the stream is in an S3 object, buffered in Firehose, or not yet read at the end', () => {
    expect(stream.expiredRecords).toBe(0);
    const unread = stream.recordsIn - lake.recordsIn;
    // Firehose polls each shard once a second: at most about a second of records is unread.
    expect(unread).toBeGreaterThanOrEqual(0);
    expect(unread).toBeLessThan(1_100);
    expect(lake.lost + lake.backedUp + lake.discarded).toBe(0);
    expect(lake.errorOutput.objects).toBe(0);
    expect(lake.recordsIn).toBe(lake.recordsDelivered + lake.pending);
    const objects = (world.services.get('s3') as ObjectStore).list('lake');
    expect(objects).toHaveLength(lake.objectsDelivered);
    expect(objects.reduce((n, o) => n + (o.records ?? 0), 0)).toBe(lake.recordsDelivered);
    expect(objects.every((o) => o.key.startsWith('telemetry/'))).toBe(true);
    expect(lake.recordsDelivered + lake.pending + unread).toBe(stream.recordsIn);
  });

  it('the Lambda consumer succeeds or discards each batch it finishes, and every discarded batch is a message in the on-failure queue', () => {
    expect(lambda.discarded.batches).toBeGreaterThan(0);
    expect(lambda.sentToOnFailure).toEqual({ destination: 'arn:aws:sqs:us-east-1:123456789012:lambda-failures', ...lambda.discarded });
    expect(queues['lambda-failures']!.sent).toBe(lambda.discarded.batches);
    expect(lambda.succeeded.records + lambda.discarded.records).toBeLessThanOrEqual(stream.recordsIn);
  });

  it('reports every hop in 80 columns', () => {
    const text = renderSummary(doc);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('IoT Core');
  });
});
