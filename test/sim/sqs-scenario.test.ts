import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { SqsMetrics } from '../../src/sim/sqs/metrics.js';
import { SqsRuntime } from '../../src/sim/sqs/runtime.js';
import { sqsSection } from '../../src/sim/sqs/spec.js';
import { consumer, produce, world } from './consumer-world.js';

// The SQS plug-in inside the scenario runner: the `sqs:` section's load-time checks, the Lambda
// on-failure path from a Kinesis event source mapping into a queue, actions, and determinism.

function load(yaml: string) {
  const loaded = loadScenarioText(yaml, 'test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return loaded.spec;
}

function problems(yaml: string): string[] {
  const loaded = loadScenarioText(yaml, 'test.yaml');
  return loaded.ok ? [] : loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

function sqsOf(doc: ReturnType<typeof runScenario>): SqsMetrics {
  return doc.sqs as SqsMetrics;
}

describe('the sqs: section', () => {
  it('reports mistakes with their line and column', () => {
    expect(
      problems(`duration: 10s
sqs:
  queues:
    - {name: orders, redrive: {deadLetterQueue: orders-dl, maxReceiveCount: 3}}
    - {name: plain, type: fifo}
    - {name: slow, visibilityTimeout: 1500ms}
  producers:
    - {queue: order, rate: 10/s}
  consumers:
    - {name: w, queue: orders, waitTime: 25s}
`),
    ).toEqual([
      '4:49 sqs.queues[0].redrive.deadLetterQueue: queue "orders-dl" is not defined under sqs.queues',
      '5:27 sqs.queues[1].type: a FIFO queue\'s name must end in .fifo (got "plain")',
      '6:39 sqs.queues[2].visibilityTimeout: visibilityTimeout must be whole seconds; got 1500 ms',
      '8:15 sqs.producers[0].queue: queue "order" is not defined under sqs.queues',
      '10:42 sqs.consumers[0].waitTime: waitTime is whole seconds from 0s to 20s (WaitTimeSeconds)',
    ]);
    expect(
      problems(`duration: 10s
sqs:
  queues:
    - {name: orders, visibilityTimeout: 13h}
    - {name: q, contentBasedDeduplication: true}
    - {name: dlq.fifo}
    - {name: src, redrive: {deadLetterQueue: dlq.fifo, maxReceiveCount: 3}}
  producers:
    - {queue: order, rate: 10/s}
  consumers:
    - {name: w, queue: orders, waitTime: 25s}
`),
    ).toEqual([
      '4:41 sqs.queues[0].visibilityTimeout: InvalidAttributeValue: Invalid value for the parameter VisibilityTimeout.',
      '5:44 sqs.queues[1].contentBasedDeduplication: InvalidAttributeName: Unknown Attribute ContentBasedDeduplication.',
      '7:28 sqs.queues[3].redrive: InvalidParameterValue: Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq.fifo","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be the same type of queue as the source queue.',
      '9:15 sqs.producers[0].queue: queue "order" is not defined under sqs.queues',
      '11:42 sqs.consumers[0].waitTime: waitTime is whole seconds from 0s to 20s (WaitTimeSeconds)',
    ]);
    expect(problems('duration: 10s\nsqs:\n  queues: [{name: q, colour: red}]\n')).toEqual(['3:22 sqs.queues[0].colour: unknown field']);
    expect(problems('duration: 10s\nactions: [{at: 1s, do: "aws sqs send-message --queue-url x"}]\n')).toEqual([
      '2:24 actions[0].do: command does not parse: aws: error: the following arguments are required: --message-body',
    ]);
  });

  it('the same scenario and seed give the same metrics; another seed other draws', () => {
    const yaml = (seed: number) => `seed: ${seed}
duration: 30s
sqs:
  queues: [{name: q, visibilityTimeout: 5s, duplicateRate: 0.01}]
  producers: [{queue: q, rate: 100/s, size: {min: 100B, max: 2KiB}, batch: 5}]
  consumers: [{name: w, queue: q, workers: 4, batch: 5, waitTime: 2s, processing: {mean: 30ms, distribution: exponential}, failureRate: 0.05}]
`;
    const a = JSON.stringify(runScenario(load(yaml(1))));
    expect(JSON.stringify(runScenario(load(yaml(1))))).toBe(a);
    expect(JSON.stringify(runScenario(load(yaml(2))))).not.toBe(a);
  });

  it('the metrics document has the documented names, per-second series included', () => {
    const doc = runScenario(
      load(`duration: 5s
sqs:
  queues: [{name: q}]
  producers: [{name: p, queue: q, rate: 10/s}]
  consumers: [{name: w, queue: q, waitTime: 1s}]
`),
    );
    const sqs = sqsOf(doc);
    expect(Object.keys(sqs)).toEqual(['queues', 'producers', 'consumers', 'lambdaFailureRecords', 'moveTasks']);
    const q = sqs.queues.q!;
    expect(Object.keys(q)).toEqual([
      'type', 'sent', 'deduplicated', 'sendThrottled', 'received', 'receiveCalls', 'receiveThrottled', 'emptyReceives', 'deliveredMoreThanOnce', 'duplicatesDelivered', 'deleted', 'staleDeletes',
      'inFlight', 'visible', 'delayed', 'oldestMessageAgeMs', 'movedToDlq', 'movedIn', 'redriven', 'expired', 'purged', 'overLimit', 'visibilityChanges', 'requests', 'series',
    ]);
    expect(Object.keys(q.series)).toEqual(['sentPerSecond', 'receivedPerSecond', 'deletedPerSecond', 'inFlightMaxPerSecond', 'visibleMaxPerSecond']);
    expect(q.series.sentPerSecond).toEqual([10, 10, 10, 10, 10]);
    expect(Object.keys(sqs.consumers.w!)).toEqual([
      'name', 'queue', 'workers', 'receiveCalls', 'emptyReceives', 'received', 'processed', 'failed', 'processedTwice', 'duplicatesSkipped', 'orderViolations', 'deleted', 'staleDeletes', 'visibilityExtensions', 'payloadsFetched', 'pointersUnreadable', 'errors', 'latencyMs',
    ]);
    expect(Object.keys(sqs.producers.p!)).toEqual(['name', 'queue', 'produced', 'poison', 'oversize', 'offloaded', 'offloadedBytes', 'sent', 'deduplicated', 'retryDuplicates', 'throttled', 'retries', 'givenUp', 'rejected', 'pending', 'calls', 'rejectedByCode']);
  });

  it('actions run aws sqs commands against the scenario’s queues', () => {
    const doc = runScenario(
      load(`duration: 10s
sqs:
  queues: [{name: q}]
actions:
  - {at: 1s, do: "aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/q --message-body hi"}
  - {at: 2s, do: "aws sqs get-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/q --attribute-names ApproximateNumberOfMessages"}
  - {at: 3s, do: "aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/nope"}
`),
    );
    expect(doc.actions[1]).toMatchObject({ ok: true, output: { Attributes: { ApproximateNumberOfMessages: '1' } } });
    expect(doc.actions[2]).toMatchObject({ ok: false, error: 'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the PurgeQueue operation: The specified queue does not exist.' });
  });
});

describe('Lambda on-failure destination → SQS', () => {
  const yaml = (destination: string) => `seed: 4
duration: 60s
kinesis:
  streams: [{name: orders, shards: 2}]
producers:
  - {stream: orders, rate: 50/s, keys: {kind: fixed, values: [a, b, c, poison]}}
consumers:
  - {name: fn, stream: orders, kind: lambda, batchSize: 20, maximumRetryAttempts: 1, bisectBatchOnFunctionError: true, onFailure: "${destination}", poisonKeys: [poison]}
sqs:
  queues: [{name: failed-batches}, {name: fifo-dest.fifo}]
  consumers: [{name: oncall, queue: failed-batches, waitTime: 20s, processing: 10ms}]
`;

  it('sends each discarded batch’s record, shaped like AWS’s, to the queue', () => {
    const doc = runScenario(load(yaml('arn:aws:sqs:us-east-1:123456789012:failed-batches')));
    const lambda = doc.consumers.fn as { sentToOnFailure: { batches: number } };
    const sqs = sqsOf(doc);
    expect(lambda.sentToOnFailure.batches).toBeGreaterThan(0);
    expect(sqs.lambdaFailureRecords).toEqual({ delivered: lambda.sentToOnFailure.batches, undeliverable: 0 });
    expect(sqs.queues['failed-batches']!.sent).toBe(lambda.sentToOnFailure.batches);
    expect(sqs.consumers.oncall!.processed).toBe(lambda.sentToOnFailure.batches);
  });

  it('a record names the shard, its sequence numbers, the batch size and the arrival times', () => {
    // The same path wired by hand, so the queue's messages can be read after the run.
    const w = world({ shards: 1 });
    const runtime = new SqsRuntime(w.sim, w.kinesis, sqsSection.parse({ queues: [{ name: 'failed-batches' }] }));
    w.ctx.onFailure = (destination, batch) => runtime.deliverFailure(destination, batch);
    runtime.start();
    produce(w, { perSecond: 20, size: 100, keys: ['a', 'b', 'poison'], until: 20_000 });
    const fn = consumer(w, { name: 'fn', kind: 'lambda', batchSize: 10, maximumRetryAttempts: 1, bisectBatchOnFunctionError: true, onFailure: 'failed-batches', poisonKeys: ['poison'] });
    w.sim.runUntil(60_000);
    const failed = (fn.metrics() as { failedBatches: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number }[] }).failedBatches;
    expect(failed.length).toBeGreaterThan(0);
    const queue = runtime.service.queueByName('failed-batches');
    const records = queue.take(10, 1000, false).map((m) => JSON.parse(m.body!));
    expect(records).toHaveLength(Math.min(10, failed.length));
    const first = records[0];
    expect(first).toEqual({
      requestContext: { requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/), condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^1970-01-01T00:00:\d\d\.\d{3}Z$/),
      KinesisBatchInfo: {
        shardId: failed[0]!.shardId,
        startSequenceNumber: failed[0]!.startSequenceNumber,
        endSequenceNumber: failed[0]!.endSequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^1970-01-01T00:00:\d\d\.\d{3}Z$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^1970-01-01T00:00:\d\d\.\d{3}Z$/),
        batchSize: failed[0]!.batchSize,
        streamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders',
      },
    });
    expect(first.KinesisBatchInfo.approximateArrivalOfFirstRecord <= first.KinesisBatchInfo.approximateArrivalOfLastRecord).toBe(true);
    expect(first.timestamp > first.KinesisBatchInfo.approximateArrivalOfLastRecord).toBe(true);
  });

  it('a FIFO queue or a missing queue cannot take the record: counted as undeliverable', () => {
    for (const destination of ['fifo-dest.fifo', 'missing']) {
      const doc = runScenario(load(yaml(destination)));
      const sent = (doc.consumers.fn as { sentToOnFailure: { batches: number } }).sentToOnFailure.batches;
      expect(sqsOf(doc).lambdaFailureRecords).toEqual({ delivered: 0, undeliverable: sent });
    }
  });
});
