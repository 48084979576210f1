import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { AwsError } from '../../src/sim/kinesis/errors.js';
import type { Message } from '../../src/sim/sqs/message.js';
import type { Queue } from '../../src/sim/sqs/queue.js';
import { SqsRuntime } from '../../src/sim/sqs/runtime.js';
import type { Entry, SqsService } from '../../src/sim/sqs/service.js';
import { sqsSection } from '../../src/sim/sqs/spec.js';
import type { PoolObserver } from '../../src/sim/sqs/workers.js';

// The SQS engine against the behaviour issue 8 asks for: visibility timeouts and redelivery,
// dead-letter queues, FIFO order and deduplication, long and short polling, the in-flight quota
// and the FIFO throughput limits.

function world(section: Record<string, unknown>, options: { seed?: number; observe?: PoolObserver } = {}) {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const runtime = new SqsRuntime(sim, null, sqsSection.parse(section), options.observe);
  runtime.start();
  const sqs = runtime.service;
  const metrics = () => runtime.metrics();
  return { sim, runtime, sqs, metrics };
}

function entry(sqs: SqsService, sim: Simulation, fields: Partial<Entry> = {}): Entry {
  const body = fields.body ?? `m${sim.now}`;
  return { body, size: body === null ? 100 : Buffer.byteLength(body), delayMs: null, groupId: null, dedupId: null, logical: sqs.logical(), poison: false, firstSentAt: sim.now, ...fields };
}

/** Sends with the service's own rules (as SendMessage does), at the current virtual time. */
function send(sqs: SqsService, queue: Queue, sim: Simulation, fields: Partial<Entry> = {}) {
  return sqs.sendMessage(queue, entry(sqs, sim, fields));
}

describe('visibility timeout', () => {
  const run = (processing: string, extendVisibility = false) => {
    const w = world({
      queues: [{ name: 'jobs', visibilityTimeout: '10s', duplicateRate: 0 }],
      producers: [{ name: 'p', queue: 'jobs', rate: '20/s', stop: '1s' }],
      consumers: [{ name: 'workers', queue: 'jobs', workers: 40, batch: 1, waitTime: '20s', processing, extendVisibility }],
    });
    w.sim.runUntil(120_000);
    return w.metrics();
  };

  it('processing longer than the visibility timeout: every message is delivered more than once', () => {
    const m = run('15s');
    const q = m.queues.jobs!;
    expect(q.sent).toBe(20);
    expect(q.deliveredMoreThanOnce).toBe(20);
    expect(q.duplicatesDelivered).toBeGreaterThanOrEqual(20);
    // Each late delete carries the handle of an earlier receive: it succeeds and deletes nothing.
    expect(q.staleDeletes).toBeGreaterThan(0);
    expect(m.consumers.workers!.processedTwice).toBeGreaterThanOrEqual(20);
  });

  it('processing shorter than the visibility timeout: none is', () => {
    const m = run('5s');
    const q = m.queues.jobs!;
    expect(q.sent).toBe(20);
    expect(q.deliveredMoreThanOnce).toBe(0);
    expect(q.duplicatesDelivered).toBe(0);
    expect(q.deleted).toBe(20);
    expect(m.consumers.workers!).toMatchObject({ processed: 20, processedTwice: 0, deleted: 20, staleDeletes: 0 });
    expect(m.consumers.workers!.latencyMs.min).toBe(5000);
  });

  it('extending the visibility while processing keeps a long job to one delivery', () => {
    const m = run('25s', true);
    expect(m.queues.jobs!.deliveredMoreThanOnce).toBe(0);
    expect(m.queues.jobs!.deleted).toBe(20);
    expect(m.consumers.workers!.visibilityExtensions).toBeGreaterThanOrEqual(20 * 4);
  });

  it('a standard queue stores a share of messages twice (at-least-once), a FIFO queue never', () => {
    const run = (name: string) => {
      const w = world({
        queues: [{ name, duplicateRate: 0.05, contentBasedDeduplication: name.endsWith('.fifo') }],
        producers: [{ name: 'p', queue: name, rate: '200/s', stop: '10s', groups: { count: 20 } }],
        consumers: [{ name: 'w', queue: name, workers: 20, batch: 10, waitTime: '20s', processing: '1ms', idempotent: true }],
      });
      w.sim.runUntil(30_000);
      return w.metrics();
    };
    const standard = run('plain');
    expect(standard.queues.plain!.sent).toBe(2000);
    // About 5% of 2,000, drawn from the queue's own random stream.
    expect(standard.queues.plain!.deliveredMoreThanOnce).toBeGreaterThan(60);
    expect(standard.queues.plain!.deliveredMoreThanOnce).toBeLessThan(140);
    expect(standard.consumers.w!.processedTwice).toBe(0);
    expect(standard.consumers.w!.duplicatesSkipped).toBe(standard.queues.plain!.duplicatesDelivered);
    const fifo = run('ordered.fifo');
    expect(fifo.queues['ordered.fifo']!.deliveredMoreThanOnce).toBe(0);
    expect(fifo.queues['ordered.fifo']!.deleted).toBe(2000);
  });
});

describe('dead-letter queues', () => {
  it('a poison message lands in the DLQ after exactly maxReceiveCount receives', () => {
    const failures = new Map<number, number>();
    const w = world(
      {
        queues: [{ name: 'orders', visibilityTimeout: '5s', redrive: { deadLetterQueue: 'orders-dlq', maxReceiveCount: 4 } }, { name: 'orders-dlq' }],
        producers: [{ name: 'p', queue: 'orders', rate: '10/s', stop: '1s', poisonShare: 0.3 }],
        consumers: [{ name: 'w', queue: 'orders', workers: 3, waitTime: '20s', processing: '10ms' }],
      },
      { observe: (event, m) => event === 'failed' && failures.set(m.uid, (failures.get(m.uid) ?? 0) + 1) },
    );
    w.sim.runUntil(120_000);
    const m = w.metrics();
    const poisoned = failures.size;
    expect(poisoned).toBeGreaterThan(0);
    expect([...failures.values()].every((n) => n === 4)).toBe(true);
    expect(m.queues.orders!.movedToDlq).toBe(poisoned);
    expect(m.queues['orders-dlq']!.movedIn).toBe(poisoned);
    expect(m.queues['orders-dlq']!.visible).toBe(poisoned);
    expect(m.queues.orders!.deleted + poisoned).toBe(m.queues.orders!.sent);
    // In the DLQ each message keeps its MessageId and names the queue it came from.
    const dlq = w.sqs.queueByName('orders-dlq');
    const moved = dlq.takeForMove(100);
    expect(new Set(moved.map((x) => x.uid))).toEqual(new Set(failures.keys()));
    expect(moved.every((x) => x.sourceArn === 'arn:aws:sqs:us-east-1:123456789012:orders')).toBe(true);
  });

  it('a message move task redrives the DLQ back to the source queue', () => {
    const w = world({
      queues: [{ name: 'src', visibilityTimeout: '2s', redrive: { deadLetterQueue: 'dlq', maxReceiveCount: 1 } }, { name: 'dlq' }],
    });
    const src = w.sqs.queueByName('src');
    const dlq = w.sqs.queueByName('dlq');
    for (let i = 0; i < 5; i++) send(w.sqs, src, w.sim);
    expect(src.take(10, 2000, false)).toHaveLength(5);
    w.sim.runUntil(3000);
    // The next receive would be the second: past maxReceiveCount, so all five move instead.
    expect(src.take(10, 2000, false)).toHaveLength(0);
    expect(dlq.visibleCount).toBe(5);
    w.sim.runUntil(4000);
    const task = w.sqs.startMoveTask(dlq.arn, null, 2);
    expect(() => w.sqs.startMoveTask(dlq.arn, null, null)).toThrow(/already a task running/);
    expect(() => w.sqs.startMoveTask(src.arn, null, null)).toThrow(/must be configured as a Dead Letter Queue/);
    w.sim.runUntil(10_000);
    expect(task).toMatchObject({ status: 'COMPLETED', toMove: 5, moved: 5 });
    expect(src.visibleCount).toBe(5);
    expect(dlq.visibleCount).toBe(0);
    // Back in the source with a fresh receive count.
    expect(src.take(10, 2000, false).map((m) => m.receiveCount)).toEqual([1, 1, 1, 1, 1]);
  });

  it('the DLQ must exist, be of the same type, and allow the source (RedriveAllowPolicy)', () => {
    const w = world({ queues: [{ name: 'a' }, { name: 'b.fifo' }, { name: 'closed', redriveAllow: { permission: 'denyAll' } }, { name: 'picky', redriveAllow: { permission: 'byQueue', sourceQueues: ['a'] } }, { name: 'other' }] });
    const a = w.sqs.queueByName('a');
    const other = w.sqs.queueByName('other');
    const redrive = (target: string) => ({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:123456789012:${target}`, maxReceiveCount: 3 }) });
    expect(() => w.sqs.setAttributes(a, redrive('nope'))).toThrow(/Dead letter target does not exist/);
    expect(() => w.sqs.setAttributes(a, redrive('b.fifo'))).toThrow(/same type/);
    expect(() => w.sqs.setAttributes(a, redrive('closed'))).toThrow(/RedriveAllowPolicy of closed does not allow/);
    expect(() => w.sqs.setAttributes(other, redrive('picky'))).toThrow(/RedriveAllowPolicy of picky/);
    w.sqs.setAttributes(a, redrive('picky'));
    expect(a.config.redrivePolicy).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:picky', maxReceiveCount: 3 });
    expect(() => w.sqs.setAttributes(a, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:picky', maxReceiveCount: 1001 }) })).toThrow(/valid values are from 1 to 1000/);
  });
});

describe('FIFO queues', () => {
  type Plan = { group: number; gap: number }[];

  /** Sends the plan's messages at their times; workers process them; returns what each group saw. */
  function runFifo(plan: Plan, pool: { workers: number; batch: number; min: number; max: number; failureRate: number }, seed: number) {
    const processed = new Map<string, string[]>();
    const w = world(
      {
        queues: [{ name: 'orders.fifo', visibilityTimeout: '30s', contentBasedDeduplication: true }],
        consumers: [{ name: 'w', queue: 'orders.fifo', workers: pool.workers, batch: pool.batch, waitTime: '20s', processing: { min: `${pool.min}ms`, max: `${pool.max}ms` }, failureRate: pool.failureRate }],
      },
      {
        seed,
        observe: (event, m) => {
          if (event !== 'processed') return;
          const list = processed.get(m.groupId!) ?? [];
          list.push(m.body!);
          processed.set(m.groupId!, list);
        },
      },
    );
    const sent = new Map<string, string[]>();
    let t = 0;
    plan.forEach((p, i) => {
      t += p.gap;
      const group = `g${p.group}`;
      const body = `${group}-${i}`;
      const list = sent.get(group) ?? [];
      list.push(body);
      sent.set(group, list);
      w.sim.at(t, 'send', () => w.runtime.send('orders.fifo', body, { groupId: group }));
    });
    w.sim.runUntil(t + 600_000);
    return { sent, processed, m: w.metrics() };
  }

  const plan = fc.array(fc.record({ group: fc.integer({ min: 0, max: 3 }), gap: fc.integer({ min: 0, max: 200 }) }), { minLength: 1, maxLength: 60 });

  it('keeps each group in send order under random interleavings, batches and worker timings (property)', () => {
    fc.assert(
      fc.property(
        plan,
        fc.record({ workers: fc.integer({ min: 1, max: 6 }), batch: fc.integer({ min: 1, max: 10 }), min: fc.integer({ min: 0, max: 300 }), max: fc.integer({ min: 0, max: 3000 }) }),
        fc.integer({ min: 1, max: 1000 }),
        (p, pool, seed) => {
          const { sent, processed, m } = runFifo(p, { ...pool, failureRate: 0 }, seed);
          // Exactly once and in order, per group.
          expect(processed).toEqual(sent);
          expect(m.queues['orders.fifo']!.deliveredMoreThanOnce).toBe(0);
        },
      ),
      { numRuns: process.env.CI ? 60 : 120 },
    );
  });

  it('a failed message blocks its group until it succeeds, so order holds through retries (property)', () => {
    fc.assert(
      fc.property(plan, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1000 }), (p, workers, seed) => {
        const { sent, processed } = runFifo(p, { workers, batch: 1, min: 5, max: 500, failureRate: 0.3 }, seed);
        expect(processed).toEqual(sent);
      }),
      { numRuns: process.env.CI ? 40 : 80 },
    );
  });

  it('a group with a message in flight gives nothing to other receivers', () => {
    const w = world({ queues: [{ name: 'q.fifo', contentBasedDeduplication: true }] });
    const q = w.sqs.queueByName('q.fifo');
    for (const body of ['a1', 'a2', 'b1']) send(w.sqs, q, w.sim, { body, groupId: body[0]! });
    const first = q.take(1, 30_000, false);
    expect(first.map((m) => m.body)).toEqual(['a1']);
    // Group a is blocked: the next receiver gets b1, then nothing.
    expect(q.take(10, 30_000, false).map((m) => m.body)).toEqual(['b1']);
    expect(q.take(10, 30_000, false)).toEqual([]);
    w.sqs.deleteMessage(q, first[0]!, first[0]!.receiveCount);
    expect(q.take(10, 30_000, false).map((m) => m.body)).toEqual(['a2']);
  });

  it('fills a receive from one group first, in order', () => {
    const w = world({ queues: [{ name: 'q.fifo', contentBasedDeduplication: true }] });
    const q = w.sqs.queueByName('q.fifo');
    for (const body of ['a1', 'b1', 'a2', 'b2', 'a3']) send(w.sqs, q, w.sim, { body, groupId: body[0]! });
    expect(q.take(10, 30_000, false).map((m) => m.body)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('deduplicates an id for 5 minutes from its first send, and not after', () => {
    const w = world({ queues: [{ name: 'q.fifo' }] });
    const q = w.sqs.queueByName('q.fifo');
    const first = send(w.sqs, q, w.sim, { groupId: 'g', dedupId: 'order-1' });
    w.sim.runUntil(299_999);
    const repeat = send(w.sqs, q, w.sim, { groupId: 'g', dedupId: 'order-1', body: 'different body' });
    expect(repeat.MessageId).toBe(first.MessageId);
    expect(repeat.SequenceNumber).toBe(first.SequenceNumber);
    w.sim.runUntil(300_000);
    const later = send(w.sqs, q, w.sim, { groupId: 'g', dedupId: 'order-1' });
    expect(later.MessageId).not.toBe(first.MessageId);
    expect(q.counters).toMatchObject({ sent: 2, deduplicated: 1 });
    expect(q.visibleCount).toBe(2);
  });

  it('deduplicates by the body’s SHA-256 with ContentBasedDeduplication, per group with DeduplicationScope=messageGroup', () => {
    const w = world({ queues: [{ name: 'c.fifo', contentBasedDeduplication: true }, { name: 'h.fifo', contentBasedDeduplication: true, highThroughput: true }] });
    const c = w.sqs.queueByName('c.fifo');
    const h = w.sqs.queueByName('h.fifo');
    send(w.sqs, c, w.sim, { body: 'same', groupId: 'a' });
    send(w.sqs, c, w.sim, { body: 'same', groupId: 'b' });
    send(w.sqs, c, w.sim, { body: 'other', groupId: 'a' });
    expect(c.counters).toMatchObject({ sent: 2, deduplicated: 1 });
    send(w.sqs, h, w.sim, { body: 'same', groupId: 'a' });
    send(w.sqs, h, w.sim, { body: 'same', groupId: 'b' });
    send(w.sqs, h, w.sim, { body: 'same', groupId: 'a' });
    expect(h.counters).toMatchObject({ sent: 2, deduplicated: 1 });
  });

  it('producer retries within 5 minutes are absorbed by FIFO deduplication and stored twice by a standard queue', () => {
    const run = (name: string) => {
      const w = world({
        queues: [{ name, duplicateRate: 0 }],
        producers: [{ name: 'p', queue: name, rate: '50/s', stop: '20s', groups: { count: 5 }, dedup: { retryDuplicates: 0.1 } }],
        consumers: [{ name: 'w', queue: name, workers: 10, batch: 10, waitTime: '20s', processing: '1ms' }],
      });
      w.sim.runUntil(60_000);
      return w.metrics();
    };
    const fifo = run('q.fifo');
    const p = fifo.producers.p!;
    expect(p.retryDuplicates).toBeGreaterThan(50);
    expect(p.deduplicated).toBe(p.retryDuplicates);
    expect(p.produced).toBe(p.sent + p.deduplicated + p.givenUp + p.rejected + p.pending);
    expect(fifo.consumers.w!.processedTwice).toBe(0);
    const standard = run('q');
    expect(standard.producers.p!.deduplicated).toBe(0);
    expect(standard.consumers.w!.processedTwice).toBe(standard.producers.p!.retryDuplicates);
  });

  it('300 calls/s per action: unbatched sends above it are throttled, batches of 10 carry 3,000 messages/s', () => {
    const run = (batch: number, rate: string, highThroughput = false, groups = 1) => {
      const w = world({
        queues: [{ name: 'q.fifo', contentBasedDeduplication: true, highThroughput }],
        producers: [{ name: 'p', queue: 'q.fifo', rate, stop: '10s', batch, retries: 0, groups: { count: groups } }],
      });
      w.sim.runUntil(12_000);
      return w.metrics();
    };
    const single = run(1, '500/s');
    expect(single.queues['q.fifo']!.sent).toBe(3000);
    expect(single.queues['q.fifo']!.sendThrottled).toBe(2000);
    const batched = run(10, '3000/s');
    expect(batched.queues['q.fifo']!.sent).toBe(30_000);
    expect(batched.queues['q.fifo']!.sendThrottled).toBe(0);
    // High throughput: the limit is per message group (its partition), 300 calls/s each.
    const spread = run(1, '2000/s', true, 20);
    expect(spread.queues['q.fifo']!.sendThrottled).toBe(0);
    const hot = run(1, '500/s', true, 1);
    expect(hot.queues['q.fifo']!.sendThrottled).toBe(2000);
  });
});

describe('polling', () => {
  it('a long poll returns as soon as a message arrives, and empty when its wait ends', () => {
    const w = world({ queues: [{ name: 'q' }] });
    const q = w.sqs.queueByName('q');
    const answers: { at: number; n: number }[] = [];
    w.sqs.receive(q, 10, 20_000, 30_000, (m) => answers.push({ at: w.sim.now, n: m!.length }));
    w.sim.at(3_250, 'send', () => {
      send(w.sqs, q, w.sim);
      q.dispatch();
    });
    w.sim.runUntil(5_000);
    expect(answers).toEqual([{ at: 3_250, n: 1 }]);
    w.sqs.receive(q, 10, 20_000, 30_000, (m) => answers.push({ at: w.sim.now, n: m!.length }));
    w.sim.runUntil(40_000);
    expect(answers[1]).toEqual({ at: 25_000, n: 0 });
    expect(q.counters.emptyReceives).toBe(1);
  });

  it('a short poll samples part of the queue: with few messages it can come back empty', () => {
    const w = world({ queues: [{ name: 'q' }] });
    const q = w.sqs.queueByName('q');
    send(w.sqs, q, w.sim);
    send(w.sqs, q, w.sim);
    let empty = 0;
    let got = 0;
    for (let i = 0; i < 200; i++) {
      // Visibility 0: the message is visible again straight after each receive.
      w.sim.at(i * 10, 'poll', () => w.sqs.receive(q, 10, 0, 0, (m) => (m!.length === 0 ? empty++ : (got += 1))));
    }
    w.sim.runUntil(2_000);
    expect(empty).toBeGreaterThan(10);
    expect(got).toBeGreaterThan(10);
    // A long poll queries every unit: never empty while a message is visible.
    let longEmpty = 0;
    for (let i = 0; i < 50; i++) w.sim.at(3_000 + i * 10, 'poll', () => w.sqs.receive(q, 10, 1_000, 0, (m) => m!.length === 0 && longEmpty++));
    w.sim.runUntil(5_000);
    expect(longEmpty).toBe(0);
  });

  it('a delayed message stays invisible for the delay; a FIFO queue refuses a per-message delay', () => {
    const w = world({ queues: [{ name: 'q', delay: '10s' }, { name: 'f.fifo', contentBasedDeduplication: true }] });
    const q = w.sqs.queueByName('q');
    send(w.sqs, q, w.sim);
    send(w.sqs, q, w.sim, { delayMs: 2_000 });
    expect(q.delayedCount).toBe(2);
    w.sim.runUntil(2_000);
    expect(q.visibleCount).toBe(1);
    w.sim.runUntil(10_000);
    expect(q.visibleCount).toBe(2);
    expect(q.delayedCount).toBe(0);
    expect(() => send(w.sqs, w.sqs.queueByName('f.fifo'), w.sim, { groupId: 'g', delayMs: 2_000 })).toThrow('Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.');
  });

  it('messages past the retention period expire', () => {
    const w = world({ queues: [{ name: 'q', retention: '60s' }] });
    const q = w.sqs.queueByName('q');
    for (let i = 0; i < 3; i++) send(w.sqs, q, w.sim);
    w.sim.runUntil(59_000);
    expect(q.visibleCount).toBe(3);
    w.sim.runUntil(61_000);
    expect(q.visibleCount).toBe(0);
    expect(q.counters.expired).toBe(3);
  });
});

describe('receipt handles', () => {
  it('only the latest receive’s handle deletes a standard queue’s message; an older one succeeds and deletes nothing', () => {
    const w = world({ queues: [{ name: 'q', duplicateRate: 0 }] });
    const q = w.sqs.queueByName('q');
    send(w.sqs, q, w.sim);
    const [m] = q.take(1, 1_000, false) as [Message];
    const first = m.receiveCount;
    w.sim.runUntil(1_500);
    expect(q.take(1, 1_000, false)).toEqual([m]);
    const second = m.receiveCount;
    expect(second).not.toBe(first);
    expect(w.sqs.deleteMessage(q, m, first)).toBe('stale');
    expect(q.inFlightCount).toBe(1);
    expect(w.sqs.deleteMessage(q, m, second)).toBe('deleted');
    expect(q.inFlightCount).toBe(0);
    expect(w.sqs.deleteMessage(q, m, second)).toBe('gone');
  });

  it('a FIFO queue refuses a handle whose visibility timeout has passed', () => {
    const w = world({ queues: [{ name: 'q.fifo', contentBasedDeduplication: true }] });
    const q = w.sqs.queueByName('q.fifo');
    send(w.sqs, q, w.sim, { groupId: 'g' });
    const [m] = q.take(1, 1_000, false) as [Message];
    w.sim.runUntil(1_000);
    expect(() => w.sqs.deleteMessage(q, m, m.receiveCount, 'HANDLE')).toThrow('Value HANDLE for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.');
    expect(q.visibleCount).toBe(1);
  });

  it('ChangeMessageVisibility: 0 returns the message at once; the total is capped at 12 hours from the receive', () => {
    const w = world({ queues: [{ name: 'q' }] });
    const q = w.sqs.queueByName('q');
    send(w.sqs, q, w.sim);
    const [m] = q.take(1, 30_000, false) as [Message];
    w.sqs.changeVisibility(q, m, m.receiveCount, 0);
    expect(q.visibleCount).toBe(1);
    const [again] = q.take(1, 43_200_000, false) as [Message];
    w.sim.runUntil(3_600_000);
    w.sqs.changeVisibility(q, again, again.receiveCount, 39_600);
    expect(() => w.sqs.changeVisibility(q, again, again.receiveCount, 43_200)).toThrow(/Total VisibilityTimeout for the message is beyond the limit \[43200 seconds\]/);
    expect(() => w.sqs.changeVisibility(q, again, again.receiveCount - 1, 10)).toThrow(/Message does not exist or is not available for visibility timeout change/);
  });
});

describe('the in-flight quota (120,000)', () => {
  function fill(name: string) {
    const w = world({ queues: [{ name, contentBasedDeduplication: name.endsWith('.fifo'), duplicateRate: 0 }] });
    const q = w.sqs.queueByName(name);
    for (let i = 0; i < 120_005; i++) w.sqs.store(q, entry(w.sqs, w.sim, { body: null, groupId: name.endsWith('.fifo') ? `g${i}` : null }));
    while (q.take(10, 600_000, false).length > 0);
    return { w, q };
  }

  it('standard: a short poll at the quota answers OverLimit; a long poll waits without an error', () => {
    const { w, q } = fill('std');
    expect(q.inFlightCount).toBe(120_000);
    expect(q.visibleCount).toBe(5);
    let error: AwsError | undefined;
    w.sqs.receive(q, 10, 0, 30_000, (_m, e) => (error = e));
    expect(error?.code).toBe('OverLimit');
    const answers: number[] = [];
    w.sqs.receive(q, 10, 20_000, 30_000, (m, e) => {
      expect(e).toBeUndefined();
      answers.push(m!.length);
    });
    w.sim.runUntil(25_000);
    expect(answers).toEqual([0]);
    expect(q.counters.overLimit).toBe(1);
  });

  it('FIFO: at the quota receives come back empty (processing stalls) until messages are deleted', () => {
    const { w, q } = fill('f.fifo');
    expect(q.inFlightCount).toBe(120_000);
    const got: number[] = [];
    w.sqs.receive(q, 10, 0, 30_000, (m, e) => {
      expect(e).toBeUndefined();
      got.push(m!.length);
    });
    expect(got).toEqual([0]);
  });
});
