import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { SqsMetrics } from '../../src/sim/sqs/metrics.js';

// Engine features the SQS labs score on: the producer's poison count (the DLQ lab compares the
// dead-letter queue's arrivals with it).

function run(yaml: string): SqsMetrics {
  const loaded = loadScenarioText(yaml, 'test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return runScenario(loaded.spec).sqs as SqsMetrics;
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
