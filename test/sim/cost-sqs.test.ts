import { describe, expect, it } from 'vitest';
import type { SqsQueueCost } from '../../src/sim/cost/index.js';
import { SQS_PRICES } from '../../src/sim/cost/index.js';
import { billedRequests } from '../../src/sim/sqs/queue.js';
import { formatProblem, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';

// The cost section's SQS lines: each queue's billed requests (every admitted send, receive, delete
// and visibility call, plus one for each further 64 KB of its payload) at the standard or FIFO rate.

function run(body: string) {
  const loaded = loadScenarioText(body, 'sqs-cost.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const doc = runScenario(loaded.spec) as Record<string, any>;
  return { doc, cost: doc.cost.sqs as Record<string, SqsQueueCost> };
}

const SENDS_ONLY = `
seed: 3
duration: 10s
sqs:
  queues:
    - {name: small}
    - {name: large}
    - {name: large.fifo, contentBasedDeduplication: true}
  producers:
    - {queue: small, rate: 20/s, size: 1KiB, stop: 1s}
    - {queue: large, rate: 20/s, size: 100KiB, stop: 1s}
    - {queue: large.fifo, rate: 20/s, size: 100KiB, stop: 1s}
`;

describe('SQS in the cost section', () => {
  it('counts a request per 64 KB chunk of a payload, at least one', () => {
    expect(billedRequests(0)).toBe(1);
    expect(billedRequests(64 * 1024)).toBe(1);
    expect(billedRequests(64 * 1024 + 1)).toBe(2);
    expect(billedRequests(256 * 1024)).toBe(4);
  });

  it('bills a 100 KiB send as two requests, and a FIFO queue at its own rate', () => {
    const { doc, cost } = run(SENDS_ONLY);
    const q = doc.sqs.queues;
    expect(q.small.sent).toBe(20);
    expect(q.small.requests).toBe(20);
    expect(q.large.requests).toBe(2 * q.large.sent);
    expect(q['large.fifo'].requests).toBe(2 * q['large.fifo'].sent);
    expect(cost.small).toMatchObject({ type: 'standard', breakdown: { requests: { quantity: 20 / 1e6, unitPrice: SQS_PRICES.standardPerMillion } } });
    expect(cost['large.fifo']!.type).toBe('fifo');
    expect(cost['large.fifo']!.breakdown.requests!.unitPrice).toBe(SQS_PRICES.fifoPerMillion);
    expect(cost['large.fifo']!.total).toBeCloseTo((q['large.fifo'].requests / 1e6) * SQS_PRICES.fifoPerMillion, 10);
    expect(cost.large!.perHour).toBeCloseTo(cost.large!.total * 360, 8);
  });

  it('counts receives, empty ones included, and deletes; a receive of large messages bills its chunks', () => {
    const { doc } = run(`${SENDS_ONLY}
  consumers:
    - {name: w, queue: large, workers: 1, batch: 1, waitTime: 1s, processing: 10ms}
`);
    const q = doc.sqs.queues.large;
    const c = doc.sqs.consumers.w;
    expect(q.deleted).toBe(q.sent);
    // A send carries one 100 KiB message: two requests. Every receive call is one (the long poll
    // still waiting at the end included), and each one that hands out a message one more.
    expect(q.received).toBe(q.sent);
    expect(c.emptyReceives).toBeGreaterThan(0);
    expect(q.requests).toBe(2 * q.sent + c.receiveCalls + q.received + q.deleted);
  });
});
