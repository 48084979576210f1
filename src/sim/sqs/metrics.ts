import { runSeconds } from '../kinesis/consumers/tracking.js';
import type { SqsProducerMetrics } from './producer.js';
import type { Queue } from './queue.js';
import type { MoveTask, SqsService } from './service.js';
import type { WorkerPoolMetrics } from './workers.js';

// The `sqs` section of the metrics document. Names are stable (docs/scenarios.md lists each) and
// everything comes out in a fixed order, so the same scenario and seed give identical JSON.

export interface QueueMetrics {
  type: 'standard' | 'fifo';
  sent: number;
  deduplicated: number;
  sendThrottled: number;
  received: number;
  receiveCalls: number;
  receiveThrottled: number;
  emptyReceives: number;
  deliveredMoreThanOnce: number;
  duplicatesDelivered: number;
  deleted: number;
  staleDeletes: number;
  inFlight: { now: number; max: number };
  visible: number;
  delayed: number;
  oldestMessageAgeMs: number;
  movedToDlq: number;
  movedIn: number;
  redriven: number;
  expired: number;
  purged: number;
  overLimit: number;
  visibilityChanges: number;
  /** Requests as billed: admitted send, receive, delete and visibility calls, 64 KiB chunks of payload each one more. */
  requests: number;
  series: {
    sentPerSecond: number[];
    receivedPerSecond: number[];
    deletedPerSecond: number[];
    inFlightMaxPerSecond: number[];
    visibleMaxPerSecond: number[];
  };
}

export interface MoveTaskMetrics {
  sourceArn: string;
  destinationArn: string | null;
  status: string;
  startedAtMs: number;
  toMove: number;
  moved: number;
  failureReason: string | null;
}

export interface SqsMetrics {
  queues: Record<string, QueueMetrics>;
  producers: Record<string, SqsProducerMetrics>;
  consumers: Record<string, WorkerPoolMetrics>;
  /** Lambda on-failure records sent to a queue, and those whose destination queue could not take them. */
  lambdaFailureRecords: { delivered: number; undeliverable: number };
  moveTasks: MoveTaskMetrics[];
}

export function queueMetrics(q: Queue, nowMs: number): QueueMetrics {
  const c = q.counters;
  const seconds = runSeconds(nowMs);
  return {
    type: q.fifo ? 'fifo' : 'standard',
    sent: c.sent,
    deduplicated: c.deduplicated,
    sendThrottled: c.sendThrottled,
    received: c.received,
    receiveCalls: c.receiveCalls,
    receiveThrottled: c.receiveThrottled,
    emptyReceives: c.emptyReceives,
    deliveredMoreThanOnce: c.deliveredMoreThanOnce,
    duplicatesDelivered: c.duplicatesDelivered,
    deleted: c.deleted,
    staleDeletes: c.staleDeletes,
    inFlight: { now: q.inFlightCount, max: c.maxInFlight },
    visible: q.visibleCount,
    delayed: q.delayedCount,
    oldestMessageAgeMs: Math.round(Math.max(c.maxOldestMessageAgeMs, q.oldestAge())),
    movedToDlq: c.movedToDlq,
    movedIn: c.movedIn,
    redriven: c.redriven,
    expired: c.expired,
    purged: c.purged,
    overLimit: c.overLimit,
    visibilityChanges: c.visibilityChanges,
    requests: c.requests,
    series: {
      sentPerSecond: q.series.sent.toArray(seconds),
      receivedPerSecond: q.series.received.toArray(seconds),
      deletedPerSecond: q.series.deleted.toArray(seconds),
      inFlightMaxPerSecond: q.series.inFlight.toArray(seconds),
      visibleMaxPerSecond: q.series.visible.toArray(seconds),
    },
  };
}

function taskMetrics(t: MoveTask): MoveTaskMetrics {
  return { sourceArn: t.sourceArn, destinationArn: t.destinationArn, status: t.status, startedAtMs: t.startedAt, toMove: t.toMove, moved: t.moved, failureReason: t.failureReason };
}

export function sqsMetrics(parts: {
  service: SqsService;
  producers: readonly SqsProducerMetrics[];
  consumers: readonly WorkerPoolMetrics[];
  failureRecords: { delivered: number; undeliverable: number };
}): SqsMetrics {
  const now = parts.service.sim.now;
  return {
    queues: Object.fromEntries(parts.service.liveQueues().map((q) => [q.name, queueMetrics(q, now)])),
    producers: Object.fromEntries(parts.producers.map((p) => [p.name, p])),
    consumers: Object.fromEntries(parts.consumers.map((c) => [c.name, c])),
    lambdaFailureRecords: { ...parts.failureRecords },
    moveTasks: parts.service.tasks.map(taskMetrics),
  };
}
