import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { SqsMetrics } from '../../src/sim/sqs/metrics.js';

// Engine features the SQS labs score on: the producer's poison count (the DLQ lab compares the
// dead-letter queue's arrivals with it) and the claim check (bodies over a threshold travel
// through S3 as a pointer message), and per-customer order on FIFO queues (message groups by
// customer, by message or one for all; deduplication ids per message or per call).

function runDoc(yaml: string) {
  const loaded = loadScenarioText(yaml, 'test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return runScenario(loaded.spec);
}

function run(yaml: string): SqsMetrics {
  return runDoc(yaml).sqs as SqsMetrics;
}

describe('poison messages', () => {
  it('the producer counts the poison messages it made, and exactly those reach the DLQ', () => {
    const sqs = run(`seed: 3
duration: 3min
sqs:
  queues:
    - {name: jobs, visibilityTimeout: 5s, redrive: {deadLetterQueue: jobs-dlq, maxReceiveCount: 2}, duplicateRate: 0}
    - {name: jobs-dlq}
  producers:
    - {name: app, queue: jobs, rate: 20/s, poisonShare: 0.1, stop: 30s}
  consumers:
    - {name: w, queue: jobs, workers: 4, waitTime: 20s, processing: 10ms}
`);
    const app = sqs.producers.app!;
    expect(app.produced).toBe(600);
    expect(app.poison).toBeGreaterThan(30);
    expect(app.poison).toBeLessThan(90);
    expect(sqs.queues['jobs-dlq']!.movedIn).toBe(app.poison);
    expect(sqs.consumers.w!.deleted).toBe(app.produced - app.poison);
  });

  it('a producer without poisonShare reports none', () => {
    const sqs = run(`duration: 5s
sqs:
  queues: [{name: q}]
  producers: [{name: p, queue: q, rate: 10/s}]
`);
    expect(sqs.producers.p!.poison).toBe(0);
  });
});

const claims = (producer: string, pool: string) => `seed: 2
duration: 2min
sqs:
  queues:
    - {name: claims, redrive: {deadLetterQueue: claims-dlq, maxReceiveCount: 2}, visibilityTimeout: 5s, duplicateRate: 0}
    - {name: claims-dlq}
  producers:
    - {name: intake, queue: claims, rate: 10/s, size: {mean: 400KiB, distribution: exponential, max: 6MiB}, stop: 30s${producer}}
  consumers:
    - {name: assess, queue: claims, workers: 5, waitTime: 20s, processing: 20ms${pool}}
`;

describe('the claim check', () => {
  it('bodies over the threshold go to S3 and a pointer goes through the queue; a pool that reads pointers assesses them all', () => {
    const doc = runDoc(claims(', claimCheck: {bucket: payloads, over: 1MiB}', ', claimCheck: true'));
    const sqs = doc.sqs as SqsMetrics;
    const intake = sqs.producers.intake!;
    expect(intake.oversize).toBeGreaterThan(0);
    expect(intake.offloaded).toBe(intake.oversize);
    expect(intake.rejected).toBe(0);
    expect(intake.offloadedBytes).toBeGreaterThan(intake.offloaded * 1024 * 1024);
    expect(doc.s3).toEqual({ payloads: expect.objectContaining({ objects: intake.offloaded, bytes: intake.offloadedBytes }) });
    expect(sqs.consumers.assess).toMatchObject({ payloadsFetched: intake.offloaded, pointersUnreadable: 0, failed: 0, deleted: intake.produced });
  });

  it('a pool that does not read pointers fails on every one, and they end in the DLQ', () => {
    const sqs = run(claims(', claimCheck: {bucket: payloads, over: 1MiB}', ''));
    const intake = sqs.producers.intake!;
    expect(sqs.consumers.assess).toMatchObject({ payloadsFetched: 0, pointersUnreadable: 2 * intake.offloaded, deleted: intake.produced - intake.offloaded });
    expect(sqs.queues['claims-dlq']!.movedIn).toBe(intake.offloaded);
  });

  it('with payload support off, or no claim check, bodies over MaximumMessageSize are refused', () => {
    for (const producer of [', claimCheck: {bucket: payloads, over: 1MiB, enabled: false}', '']) {
      const sqs = run(claims(producer, ', claimCheck: true'));
      const intake = sqs.producers.intake!;
      expect(intake.offloaded).toBe(0);
      expect(intake.rejected).toBe(intake.oversize);
      expect(intake.rejectedByCode).toEqual({ InvalidParameterValue: intake.oversize });
    }
  });

  it('a receive from the console shows the Extended Client pointer as the body', () => {
    const doc = runDoc(`duration: 5s
sqs:
  queues: [{name: claims}]
  producers:
    - {name: intake, queue: claims, rate: 1/s, size: 2MiB, stop: 1s, claimCheck: {bucket: payloads, over: 1MiB}}
actions:
  - {at: 2s, do: "aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/claims"}
`);
    const answer = JSON.stringify((doc.actions as { output?: unknown }[])[0]!.output);
    expect(answer).toContain('software.amazon.payloadoffloading.PayloadS3Pointer');
    expect(answer).toContain('payloads');
  });
});

const ledger = (groups: string, batch: number, id: string) => `seed: 9
duration: 40s
sqs:
  queues: [{name: ledger.fifo}]
  producers:
    - {name: wallet, queue: ledger.fifo, rate: 400/s, customers: 500, groups: {by: ${groups}}, batch: ${batch}, dedup: {retryDuplicates: 0.05, id: ${id}}, stop: 10s}
  consumers:
    - {name: posting, queue: ledger.fifo, workers: 20, batch: 10, waitTime: 20s, processing: {mean: 8ms, distribution: exponential, max: 200ms}, deleteInBatch: true}
`;

describe('per-customer order on a FIFO queue', () => {
  it('groups by customer keep every customer in order; a group per message does not', () => {
    const byCustomer = run(ledger('customer', 10, 'message')).consumers.posting!;
    expect(byCustomer.orderViolations).toBe(0);
    expect(byCustomer.processedTwice).toBe(0);
    const byMessage = run(ledger('message', 10, 'message')).consumers.posting!;
    expect(byMessage.orderViolations).toBeGreaterThan(0);
  });

  it('one group for everything keeps order but lets one worker at a time post', () => {
    const sqs = run(ledger('single', 10, 'message'));
    expect(sqs.consumers.posting!.orderViolations).toBe(0);
    expect(sqs.consumers.posting!.latencyMs.p99).toBeGreaterThan(5000);
    expect(run(ledger('customer', 10, 'message')).consumers.posting!.latencyMs.p99).toBeLessThan(1000);
  });

  it('a deduplication id drawn per call lets a resend through, stored a second time', () => {
    const sqs = run(ledger('customer', 10, 'attempt'));
    const wallet = sqs.producers.wallet!;
    expect(wallet.retryDuplicates).toBeGreaterThan(0);
    expect(sqs.queues['ledger.fifo']!.deduplicated).toBe(0);
    expect(sqs.consumers.posting!.processedTwice).toBe(wallet.retryDuplicates);
  });

  it('groups by customer need customers', () => {
    const loaded = loadScenarioText(`duration: 5s
sqs:
  queues: [{name: q.fifo}]
  producers: [{queue: q.fifo, rate: 1/s, groups: {by: customer}}]
`, 'test.yaml');
    expect(loaded.ok ? [] : loaded.problems.map((p) => p.message)).toEqual([expect.stringContaining('groups.by customer needs customers')]);
  });
});
