import { Simulation } from '../core/simulation.js';
import { AwsError } from '../kinesis/errors.js';
import { SQS } from '../limits.js';
import type { ServicePlugin } from '../plugins.js';
import { sqsCommands } from './commands.js';
import { queueAttributes, queueType, redriveAttribute, SqsRuntime } from './runtime.js';
import { SqsService } from './service.js';
import { sqsSection, type SqsSection } from './spec.js';

// The SQS plug-in: the scenario's `sqs:` section, `aws sqs …`, the runtime and its metrics.

type Problem = { path: (string | number)[]; message: string };

/** Which scenario field an attribute named in an SQS error came from. */
const FIELD_OF: Record<string, string> = {
  VisibilityTimeout: 'visibilityTimeout',
  DelaySeconds: 'delay',
  MessageRetentionPeriod: 'retention',
  MaximumMessageSize: 'maxMessageSize',
  ReceiveMessageWaitTimeSeconds: 'receiveWaitTime',
  ContentBasedDeduplication: 'contentBasedDeduplication',
  DeduplicationScope: 'highThroughput',
  FifoThroughputLimit: 'highThroughput',
  RedriveAllowPolicy: 'redriveAllow',
  RedrivePolicy: 'redrive',
};

const WHOLE_SECONDS = ['visibilityTimeout', 'delay', 'retention', 'receiveWaitTime'] as const;
const MAX_WAIT_MS = SQS.waitTime.values[1]!.amount * 1000;

function check(spec: SqsSection): Problem[] {
  const problems: Problem[] = [];
  const error = (path: (string | number)[], message: string) => problems.push({ path, message });
  const names = new Set<string>();
  spec.queues.forEach((q, i) => {
    if (names.has(q.name)) error(['queues', i, 'name'], `queue "${q.name}" is defined twice`);
    names.add(q.name);
    const fifoName = q.name.endsWith('.fifo');
    if (q.type === 'fifo' && !fifoName) error(['queues', i, 'type'], `a FIFO queue's name must end in .fifo (got "${q.name}")`);
    if (q.type === 'standard' && fifoName) error(['queues', i, 'type'], `a standard queue's name cannot end in .fifo (got "${q.name}")`);
    for (const field of WHOLE_SECONDS) {
      const ms = q[field];
      if (ms !== undefined && ms % 1000 !== 0) error(['queues', i, field], `${field} must be whole seconds; got ${ms} ms`);
    }
    if (q.redrive && !spec.queues.some((d) => d.name === q.redrive!.deadLetterQueue)) {
      error(['queues', i, 'redrive', 'deadLetterQueue'], `queue "${q.redrive.deadLetterQueue}" is not defined under sqs.queues`);
    }
    q.redriveAllow?.sourceQueues.forEach((s, j) => {
      if (!spec.queues.some((d) => d.name === s)) error(['queues', i, 'redriveAllow', 'sourceQueues', j], `queue "${s}" is not defined under sqs.queues`);
    });
  });
  // What SQS itself would refuse, found by creating the queues in a scratch engine.
  if (problems.length === 0) {
    const scratch = new SqsService(new Simulation({ seed: 0 }));
    spec.queues.forEach((q, i) => {
      if (queueType(q) === 'standard' && q.highThroughput) {
        error(['queues', i, 'highThroughput'], 'high throughput is a FIFO queue setting');
        return;
      }
      attempt(() => scratch.createQueue(q.name, queueAttributes(q), q.duplicateRate), ['queues', i], error);
    });
    spec.queues.forEach((q, i) => {
      if (!q.redrive || !scratch.queues.has(q.name)) return;
      attempt(() => scratch.setAttributes(scratch.queueByName(q.name), redriveAttribute(q)), ['queues', i], error);
    });
  }

  const producers = new Set<string>();
  spec.producers.forEach((p, i) => {
    if (p.name !== undefined && producers.has(p.name)) error(['producers', i, 'name'], `producer "${p.name}" is defined twice`);
    if (p.name !== undefined) producers.add(p.name);
    if (!names.has(p.queue)) error(['producers', i, 'queue'], `queue "${p.queue}" is not defined under sqs.queues`);
    if (p.stop !== undefined && p.stop <= p.start) error(['producers', i, 'stop'], 'stop must come after start');
    if (p.groups.by === 'customer' && p.customers === undefined) error(['producers', i, 'groups', 'by'], 'groups.by customer needs customers: the number of customers messages belong to');
  });
  const pools = new Set<string>();
  spec.consumers.forEach((c, i) => {
    if (pools.has(c.name)) error(['consumers', i, 'name'], `consumer "${c.name}" is defined twice`);
    pools.add(c.name);
    if (!names.has(c.queue)) error(['consumers', i, 'queue'], `queue "${c.queue}" is not defined under sqs.queues`);
    if (c.waitTime !== undefined && (c.waitTime < 0 || c.waitTime > MAX_WAIT_MS || c.waitTime % 1000 !== 0)) {
      error(['consumers', i, 'waitTime'], `waitTime is whole seconds from 0s to ${MAX_WAIT_MS / 1000}s (WaitTimeSeconds)`);
    }
  });
  return problems;
}

function attempt(run: () => void, base: (string | number)[], error: (path: (string | number)[], message: string) => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    const attribute = Object.keys(FIELD_OF).find((a) => e.message.includes(a));
    error([...base, attribute ? FIELD_OF[attribute]! : 'name'], `${e.code}: ${e.message}`);
  }
}

export const sqsPlugin: ServicePlugin<SqsSection> = {
  key: 'sqs',
  schema: sqsSection,
  order: 1,
  commands: sqsCommands,
  create: (world, spec) => SqsRuntime.create(world, spec),
  check: (spec) => check(spec),
};
