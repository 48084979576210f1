import type { Simulation } from '../core/simulation.js';
import type { FailedBatchInfo } from '../kinesis/consumers/lambda.js';
import { AwsError } from '../kinesis/errors.js';
import type { KinesisService } from '../kinesis/service.js';
import type { PluginRuntime } from '../plugins.js';
import { ObjectStore } from '../s3.js';
import type { World } from '../world.js';
import type { SqsContext } from './commands.js';
import { failureRecord } from './failure-record.js';
import { nameFromArn, nameFromUrl, queueArn } from './ids.js';
import { sqsMetrics, type SqsMetrics } from './metrics.js';
import { SqsProducer } from './producer.js';
import type { Queue } from './queue.js';
import { nonExistent, SqsService, type SendResult } from './service.js';
import type { QueueSpec, SqsSection } from './spec.js';
import { WorkerPool, type PoolObserver } from './workers.js';

// One run's SQS: the queues of the scenario's `sqs:` section, its producers and worker pools,
// and the entry points other services use through `world.services`: 'sqs' (this object; its
// `send` is SendMessage for IoT rule actions and the like) and 'failure-destinations' (where a
// Lambda event source mapping's on-failure records go).

/** The scenario's queue settings as CreateQueue attributes (seconds, bytes, strings). */
export function queueAttributes(q: QueueSpec): Record<string, string> {
  const a: Record<string, string> = {};
  if (queueType(q) === 'fifo') a.FifoQueue = 'true';
  const seconds = (ms: number) => String(ms / 1000);
  if (q.visibilityTimeout !== undefined) a.VisibilityTimeout = seconds(q.visibilityTimeout);
  if (q.delay !== undefined) a.DelaySeconds = seconds(q.delay);
  if (q.retention !== undefined) a.MessageRetentionPeriod = seconds(q.retention);
  if (q.maxMessageSize !== undefined) a.MaximumMessageSize = String(q.maxMessageSize);
  if (q.receiveWaitTime !== undefined) a.ReceiveMessageWaitTimeSeconds = seconds(q.receiveWaitTime);
  if (q.contentBasedDeduplication) a.ContentBasedDeduplication = 'true';
  if (q.highThroughput) {
    a.DeduplicationScope = 'messageGroup';
    a.FifoThroughputLimit = 'perMessageGroupId';
  }
  if (q.redriveAllow) {
    const p = q.redriveAllow;
    a.RedriveAllowPolicy = JSON.stringify(p.permission === 'byQueue' ? { redrivePermission: p.permission, sourceQueueArns: p.sourceQueues.map(queueArn) } : { redrivePermission: p.permission });
  }
  return a;
}

export function queueType(q: QueueSpec): 'standard' | 'fifo' {
  return q.type ?? (q.name.endsWith('.fifo') ? 'fifo' : 'standard');
}

export function redriveAttribute(q: QueueSpec): Record<string, string> {
  return q.redrive ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn(q.redrive.deadLetterQueue), maxReceiveCount: q.redrive.maxReceiveCount }) } : {};
}

/** Creates the section's queues: every queue first, then the redrive policies that point at them. */
export function createQueues(service: SqsService, queues: readonly QueueSpec[]): void {
  for (const q of queues) service.createQueue(q.name, queueAttributes(q), q.duplicateRate);
  for (const q of queues) if (q.redrive) service.setAttributes(service.queueByName(q.name), redriveAttribute(q));
}

export interface SendOptions {
  groupId?: string;
  dedupId?: string;
  delaySeconds?: number;
}

export class SqsRuntime implements PluginRuntime {
  readonly service: SqsService;
  readonly commandContext: SqsContext;
  readonly producers: SqsProducer[];
  readonly pools: WorkerPool[];
  private readonly failures = { delivered: 0, undeliverable: 0 };
  private failureSerial = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly kinesis: KinesisService | null,
    spec: SqsSection,
    observe?: PoolObserver,
    s3: ObjectStore = new ObjectStore(),
  ) {
    this.service = new SqsService(sim);
    this.commandContext = { sim, sqs: this.service };
    createQueues(this.service, spec.queues);
    this.producers = spec.producers.map((p, i) => new SqsProducer(sim, this.service, p, i + 1, s3));
    this.pools = spec.consumers.map((c) => new WorkerPool(sim, this.service, c, observe, s3));
  }

  static create(world: World, spec: SqsSection): SqsRuntime {
    const runtime = new SqsRuntime(world.sim, world.kinesis, spec, undefined, world.services.get('s3') as ObjectStore | undefined);
    world.services.set('sqs', runtime);
    world.services.set('failure-destinations', (destination: string, batch: FailedBatchInfo) => runtime.deliverFailure(destination, batch));
    return runtime;
  }

  start(): void {
    for (const pool of this.pools) pool.start();
    for (const producer of this.producers) producer.start();
  }

  metrics(): SqsMetrics {
    return sqsMetrics({ service: this.service, producers: this.producers.map((p) => p.metrics()), consumers: this.pools.map((p) => p.metrics()), failureRecords: this.failures });
  }

  /** The queue a name, URL or ARN refers to. */
  resolve(target: string): Queue | null {
    const name = nameFromArn(target) ?? nameFromUrl(target) ?? target;
    return this.service.queues.get(name) ?? null;
  }

  /** SendMessage on behalf of another service; throws the AwsError SendMessage would answer. */
  send(target: string, body: string, options: SendOptions = {}): SendResult {
    const queue = this.resolve(target);
    if (!queue) throw nonExistent();
    return this.service.sendMessage(queue, {
      body,
      size: Buffer.byteLength(body, 'utf8'),
      delayMs: options.delaySeconds === undefined ? null : options.delaySeconds * 1000,
      groupId: options.groupId ?? null,
      dedupId: options.dedupId ?? null,
      logical: this.service.logical(),
      poison: false,
      firstSentAt: this.sim.now,
    });
  }

  /** A Lambda on-failure destination: the failure record goes to the queue as a message body. */
  deliverFailure(destination: string, info: FailedBatchInfo): void {
    if (!this.kinesis) return;
    const body = JSON.stringify(failureRecord(info, this.kinesis, ++this.failureSerial));
    const queue = this.resolve(destination);
    // Lambda destinations are standard queues; a FIFO queue cannot take the record.
    if (!queue || queue.fifo) {
      this.failures.undeliverable++;
      return;
    }
    try {
      this.send(destination, body);
      this.failures.delivered++;
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      this.failures.undeliverable++;
    }
  }
}
