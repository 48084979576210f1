import type { Simulation } from '../core/simulation.js';
import { AwsError } from '../kinesis/errors.js';
import { SQS } from '../limits.js';
import { applyAttributes, defaultConfig, highThroughput, READABLE, renderAttributes, type QueueConfig, type RedrivePolicy } from './attributes.js';
import { DedupWindow } from './dedup.js';
import { isArn, md5, nameFromArn, nameFromUrl, queueArn, queueUrl, sequenceNumberOf, sha256, uuidOf } from './ids.js';
import { GONE, IN_FLIGHT, Message, type MessageOrder } from './message.js';
import { Queue, SQS_TIMINGS, type Waiter } from './queue.js';

// The SQS engine: queues by name, and the operations of the SQS API with AWS's rules and error
// messages (the command table only translates flags). Producers and worker pools call the same
// operations through a few allocation-light internal entry points; the rules are shared.

const MAX_BATCH = SQS.batchEntries.values[0]!.amount;
const BATCH_BYTES = SQS.batchBytes.values[0]!.amount;
const MAX_DELAY = SQS.delay.values[1]!.amount;
const MAX_VISIBILITY = SQS.visibilityTimeout.values[1]!.amount;
const MAX_WAIT = SQS.waitTime.values[1]!.amount;
const NAME_LENGTH = SQS.queueNameLength.values[0]!.amount;
const ID_LENGTH = SQS.batchEntryIdLength.values[0]!.amount;
const GROUP_ID_LENGTH = SQS.messageGroupIdLength.values[0]!.amount;
const RECREATE_MS = SQS.recreateAfterDelete.values[0]!.amount * 1000;
const PURGE_MS = SQS.purgeInterval.values[0]!.amount * 1000;
const MOVE_RATE = SQS.moveTaskMessagesPerSecond.values[0]!.amount;

/** Default share of standard-queue messages stored twice (AWS publishes no rate). */
export const DEFAULT_DUPLICATE_RATE = 0.001;

/** One message to send, as producers, the API and failure records describe it. */
export interface Entry {
  /** The text, or null for generated traffic (which has only a size). */
  body: string | null;
  size: number;
  /** Per-message DelaySeconds in ms, or null for the queue's delay. */
  delayMs: number | null;
  groupId: string | null;
  dedupId: string | null;
  /** The producer's message number: a producer retry sends the same one again. */
  logical: number;
  poison: boolean;
  firstSentAt: number;
  order?: MessageOrder | null;
}

export type SendCode = 'stored' | 'deduplicated';

export interface SendResult {
  MD5OfMessageBody: string;
  MessageId: string;
  SequenceNumber?: string;
}

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export interface BatchResult<T> {
  Successful: T[];
  Failed: BatchFailure[];
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface MoveTask {
  handle: string;
  sourceArn: string;
  destinationArn: string | null;
  rate: number;
  status: MoveTaskStatus;
  startedAt: number;
  toMove: number;
  moved: number;
  failureReason: string | null;
}

const GROUP_ID = /^[\x21-\x7e]+$/;
const BATCH_ID = /^[A-Za-z0-9_-]+$/;

function invalidParameter(value: string | number, parameter: string, reason: string): AwsError {
  return new AwsError('InvalidParameterValue', `Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

export class SqsService {
  readonly queues = new Map<string, Queue>();
  /** Every queue ever created, in creation order (metrics list the ones still there). */
  private readonly created: Queue[] = [];
  private readonly deletedAt = new Map<string, number>();
  readonly dedup = new Map<Queue, DedupWindow>();
  readonly tasks: MoveTask[] = [];
  private nextUid = 1;
  private nextLogical = 1;
  /** The MessageId and sequence number of the last accepted send (saves an object per message). */
  lastUid = 0;
  lastFifoSeq = 0;
  private sweeping = false;

  constructor(readonly sim: Simulation) {}

  /** A fresh logical message number (producers, API sends). */
  logical(): number {
    return this.nextLogical++;
  }

  /** Starts the once-a-second retention sweep; the first queue does it on its own. */
  private startSweep(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    this.sim.every(SQS_TIMINGS.sweepMs, 'sqs:sweep', () => {
      for (const q of this.queues.values()) q.sweep();
    }, Math.ceil(this.sim.now / SQS_TIMINGS.sweepMs) * SQS_TIMINGS.sweepMs);
  }

  // --- queues --------------------------------------------------------------------------------

  /** CreateQueue: the URL of a new queue, or of an existing one with the same attributes. */
  createQueue(name: string, attributes: Record<string, string> = {}, duplicateRate = DEFAULT_DUPLICATE_RATE): Queue {
    const fifo = String(attributes.FifoQueue ?? '').toLowerCase() === 'true';
    this.checkName(name, fifo);
    const existing = this.queues.get(name);
    const base = existing ? existing.config : defaultConfig(fifo);
    const config = applyAttributes(base, attributes, true);
    if (existing) {
      const now = renderAttributes(existing.config);
      const wanted = renderAttributes(config);
      for (const key of Object.keys(attributes)) {
        if (key !== 'FifoQueue' && now[key] !== wanted[key]) {
          throw new AwsError('QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${key}`);
        }
      }
      return existing;
    }
    const deleted = this.deletedAt.get(name);
    if (deleted !== undefined && this.sim.now - deleted < RECREATE_MS) {
      throw new AwsError('AWS.SimpleQueueService.QueueDeletedRecently', `You must wait ${RECREATE_MS / 1000} seconds after deleting a queue before you can create another with the same name.`);
    }
    const arn = queueArn(name);
    if (config.redrivePolicy) this.checkRedrive(arn, config.fifo, config.redrivePolicy);
    const queue = new Queue(this.sim, name, arn, queueUrl(name), config, fifo ? 0 : duplicateRate, this.sim.rng.fork(`sqs:queue:${name}`), this, this.sim.now);
    this.queues.set(name, queue);
    this.created.push(queue);
    this.dedup.set(queue, new DedupWindow());
    this.startSweep();
    return queue;
  }

  private checkName(name: string, fifo: boolean): void {
    const base = name.endsWith('.fifo') ? name.slice(0, -5) : name;
    const valid = BATCH_ID.test(base) && name.length <= NAME_LENGTH;
    if (fifo && (!name.endsWith('.fifo') || !valid)) {
      throw new AwsError('InvalidParameterValue', `The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to ${NAME_LENGTH} in length.`);
    }
    if (!fifo && (name.endsWith('.fifo') || !valid)) {
      throw new AwsError('InvalidParameterValue', `Can only include alphanumeric characters, hyphens, or underscores. 1 to ${NAME_LENGTH} in length`);
    }
  }

  /** A source queue's RedrivePolicy must name an existing queue of its type that allows it. */
  private checkRedrive(sourceArn: string, fifo: boolean, policy: RedrivePolicy): void {
    const json = JSON.stringify(policy);
    const target = this.queueByArnOrNull(policy.deadLetterTargetArn);
    if (!target) throw invalidParameter(json, 'RedrivePolicy', 'Dead letter target does not exist.');
    if (target.fifo !== fifo) throw invalidParameter(json, 'RedrivePolicy', 'Dead-letter queue must be the same type of queue as the source queue.');
    if (target.arn === sourceArn) throw invalidParameter(json, 'RedrivePolicy', 'A queue cannot be its own dead-letter queue.');
    const allow = target.config.redriveAllowPolicy;
    if (allow && (allow.redrivePermission === 'denyAll' || (allow.redrivePermission === 'byQueue' && !allow.sourceQueueArns.includes(sourceArn)))) {
      throw invalidParameter(json, 'RedrivePolicy', `The RedriveAllowPolicy of ${target.name} does not allow this queue as a source queue.`);
    }
  }

  /** The queue a URL names; AWS answers NonExistentQueue for anything else. */
  queueByUrl(url: string): Queue {
    const name = nameFromUrl(url);
    const queue = name === null ? undefined : this.queues.get(name);
    if (!queue) throw nonExistent();
    return queue;
  }

  queueByName(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw nonExistent();
    return queue;
  }

  queueByArnOrNull(arn: string): Queue | null {
    const name = nameFromArn(arn);
    return name === null ? null : (this.queues.get(name) ?? null);
  }

  deleteQueue(queue: Queue): void {
    this.queues.delete(queue.name);
    this.deletedAt.set(queue.name, this.sim.now);
    queue.close();
  }

  listQueues(prefix = ''): Queue[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  setAttributes(queue: Queue, attributes: Record<string, string>): void {
    const config = applyAttributes(queue.config, attributes, false);
    if (attributes.RedrivePolicy !== undefined && config.redrivePolicy) this.checkRedrive(queue.arn, config.fifo, config.redrivePolicy);
    queue.reconfigure(config, this.sim.now);
  }

  /** GetQueueAttributes: the named attributes (or All), as strings. */
  getAttributes(queue: Queue, names: readonly string[]): Record<string, string> {
    for (const n of names) if (!(READABLE as readonly string[]).includes(n)) throw new AwsError('InvalidAttributeName', `Unknown Attribute ${n}.`);
    const all: Record<string, string> = {
      ApproximateNumberOfMessages: String(queue.visibleCount),
      ApproximateNumberOfMessagesDelayed: String(queue.delayedCount),
      ApproximateNumberOfMessagesNotVisible: String(queue.inFlightCount),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.lastModified / 1000)),
      QueueArn: queue.arn,
      ...renderAttributes(queue.config),
    };
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const out: Record<string, string> = {};
    for (const key of [...wanted].sort()) if (all[key] !== undefined) out[key] = all[key];
    return out;
  }

  purge(queue: Queue): number {
    if (this.sim.now - queue.lastPurgeAt < PURGE_MS) {
      throw new AwsError('AWS.SimpleQueueService.PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every ${PURGE_MS / 1000} seconds.`);
    }
    return queue.purge();
  }

  // --- sending -------------------------------------------------------------------------------

  /**
   * Checks one entry against the queue's rules; returns null when it may be sent, else the
   * error. `batch` picks the wording SQS uses inside SendMessageBatch results.
   */
  validate(queue: Queue, e: Entry, batch: boolean): AwsError | null {
    if (e.body === '') return new AwsError('MissingParameter', 'The request must contain the parameter MessageBody.');
    if (e.size > queue.config.maximumMessageSize) {
      return new AwsError('InvalidParameterValue', `One or more parameters ${batch ? 'cannot be validated' : 'are invalid'}. Reason: Message must be shorter than ${queue.config.maximumMessageSize} bytes.`);
    }
    if (e.delayMs !== null) {
      const seconds = e.delayMs / 1000;
      if (queue.fifo) return invalidParameter(seconds, 'DelaySeconds', 'The request include parameter that is not valid for this queue type.');
      if (seconds < 0 || seconds > MAX_DELAY) return invalidParameter(seconds, 'DelaySeconds', `DelaySeconds must be >= 0 and <= ${MAX_DELAY}.`);
    }
    if (e.groupId !== null && (e.groupId.length > GROUP_ID_LENGTH || !GROUP_ID.test(e.groupId))) {
      return invalidParameter(e.groupId, 'MessageGroupId', `MessageGroupId can only include alphanumeric and punctuation characters. 1 to ${GROUP_ID_LENGTH} in length.`);
    }
    if (e.dedupId !== null && (e.dedupId.length > GROUP_ID_LENGTH || !GROUP_ID.test(e.dedupId))) {
      return invalidParameter(e.dedupId, 'MessageDeduplicationId', `MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to ${GROUP_ID_LENGTH} in length.`);
    }
    if (queue.fifo) {
      if (e.groupId === null) return new AwsError(batch ? 'InvalidParameterValue' : 'MissingParameter', 'The request must contain the parameter MessageGroupId.');
      if (e.dedupId === null && !queue.config.contentBasedDeduplication) {
        return new AwsError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
    } else if (e.dedupId !== null) {
      return invalidParameter(e.dedupId, 'MessageDeduplicationId', 'The request includes a parameter that is not valid for this queue type.');
    }
    return null;
  }

  /**
   * Stores a validated entry, or recognises it as a duplicate of one sent in the last 5 minutes
   * (FIFO). Sets lastUid and lastFifoSeq.
   */
  store(queue: Queue, e: Entry): SendCode {
    const now = this.sim.now;
    let key: string | null = null;
    if (queue.fifo) {
      const id = e.dedupId ?? (e.body === null ? `#${e.logical}` : sha256(e.body));
      key = queue.config.deduplicationScope === 'messageGroup' ? `${e.groupId ?? ''}\u0000${id}` : id;
      const prior = this.dedup.get(queue)!.seen(key, now);
      if (prior) {
        queue.counters.deduplicated++;
        this.lastUid = prior.uid;
        this.lastFifoSeq = prior.fifoSeq;
        return 'deduplicated';
      }
    }
    const message = new Message({
      uid: this.nextUid++,
      logical: e.logical,
      sentAt: now,
      firstSentAt: e.firstSentAt,
      size: e.size,
      body: e.body,
      groupId: e.groupId,
      dedupId: e.dedupId,
      poison: e.poison,
      sourceArn: null,
      order: e.order ?? null,
    });
    queue.enqueue(message, e.delayMs ?? queue.config.delaySeconds * 1000);
    if (key !== null) this.dedup.get(queue)!.record(key, message.uid, message.fifoSeq, now);
    queue.counters.sent++;
    queue.series.sent.add(now);
    this.lastUid = message.uid;
    this.lastFifoSeq = message.fifoSeq;
    return 'stored';
  }

  /** One SendMessage or SendMessageBatch call's share of the FIFO throughput, and its count. */
  admitSend(queue: Queue, entries: readonly Entry[]): boolean {
    const bytes = entries.reduce((n, e) => n + e.size, 0);
    if (queue.admit('send', queue.fifo && highThroughput(queue.config) ? entries.map((e) => e.groupId) : undefined, bytes)) return true;
    queue.counters.sendThrottled += entries.length;
    return false;
  }

  /** SendMessage: validates, applies the FIFO throughput, stores, and wakes waiting long polls. */
  sendMessage(queue: Queue, e: Entry): SendResult {
    const error = this.validate(queue, e, false);
    if (error) throw error;
    if (!this.admitSend(queue, [e])) throw throttled();
    this.store(queue, e);
    queue.dispatch();
    return this.sendResult(queue, e);
  }

  /** SendMessageBatch: request-level checks first, then each entry succeeds or fails on its own. */
  sendMessageBatch(queue: Queue, entries: readonly (Entry & { id: string })[]): BatchResult<SendResult & { Id: string }> {
    this.checkBatch(entries.map((e) => e.id), 'SendMessageBatchRequestEntry');
    const total = entries.reduce((n, e) => n + e.size, 0);
    if (total > BATCH_BYTES) {
      throw new AwsError('AWS.SimpleQueueService.BatchRequestTooLong', `Batch requests cannot be longer than ${BATCH_BYTES} bytes. You have sent ${total} bytes.`);
    }
    if (!this.admitSend(queue, entries)) throw throttled();
    const out: BatchResult<SendResult & { Id: string }> = { Successful: [], Failed: [] };
    for (const e of entries) {
      const error = this.validate(queue, e, true);
      if (error) {
        out.Failed.push({ Id: e.id, SenderFault: true, Code: error.code, Message: error.message });
        continue;
      }
      this.store(queue, e);
      out.Successful.push({ Id: e.id, ...this.sendResult(queue, e) });
    }
    queue.dispatch();
    return out;
  }

  private sendResult(queue: Queue, e: Entry): SendResult {
    const result: SendResult = { MD5OfMessageBody: md5(e.body ?? ''), MessageId: uuidOf(this.lastUid) };
    if (queue.fifo) result.SequenceNumber = sequenceNumberOf(this.lastFifoSeq);
    return result;
  }

  /** The request-level rules every batch action shares: 1 to 10 entries with distinct, valid ids. */
  checkBatch(ids: readonly string[], entryName: string): void {
    if (ids.length === 0) throw new AwsError('AWS.SimpleQueueService.EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
    if (ids.length > MAX_BATCH) {
      throw new AwsError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${ids.length}.`);
    }
    for (const id of ids) {
      if (id.length > ID_LENGTH || !BATCH_ID.test(id)) {
        throw new AwsError('AWS.SimpleQueueService.InvalidBatchEntryId', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most ${ID_LENGTH} letters long.`);
      }
    }
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new AwsError('AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
      seen.add(id);
    }
  }

  // --- receiving -----------------------------------------------------------------------------

  /**
   * ReceiveMessage for the engine's consumers: `deliver` gets the messages at once, or when a
   * long poll is answered (early, as soon as a message is visible), or [] when its wait ends.
   * Errors arrive as `deliver(null, error)`.
   */
  receive(queue: Queue, max: number, waitMs: number, visibilityMs: number, deliver: (messages: Message[] | null, error?: AwsError) => void): void {
    const error = this.receiveGate(queue, waitMs);
    if (error) {
      deliver(null, error);
      return;
    }
    const messages = queue.take(max, visibilityMs, waitMs === 0);
    if (messages.length > 0 || waitMs === 0) {
      if (messages.length === 0) queue.counters.emptyReceives++;
      deliver(messages);
      return;
    }
    const waiter: Waiter = { max, visibilityMs, timer: null, done: false, deliver: (m) => {
      if (m.length === 0) queue.counters.emptyReceives++;
      deliver(m);
    } };
    waiter.timer = this.sim.after(waitMs, `sqs:${queue.name}:long-poll`, () => {
      if (waiter.done) return;
      waiter.done = true;
      queue.counters.emptyReceives++;
      deliver([]);
    });
    queue.wait(waiter);
  }

  /** Counts the call and applies the throughput and in-flight rules before any message moves. */
  receiveGate(queue: Queue, waitMs: number): AwsError | null {
    queue.counters.receiveCalls++;
    if (!queue.admit('receive')) {
      queue.counters.receiveThrottled++;
      return throttled();
    }
    // Standard queues refuse short polls at the in-flight quota; long polls and FIFO queues just wait.
    if (!queue.fifo && waitMs === 0 && queue.inFlightCount >= queue.inFlightLimit) {
      queue.counters.overLimit++;
      return new AwsError('OverLimit', `The maximum number of in flight messages (${queue.inFlightLimit}) is reached for queue ${queue.name}.`);
    }
    return null;
  }

  /** MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout of a ReceiveMessage request. */
  checkReceive(max: number | undefined, waitSeconds: number | undefined, visibility: number | undefined): void {
    if (max !== undefined && (max < 1 || max > MAX_BATCH)) throw invalidParameter(max, 'MaxNumberOfMessages', `Must be between 1 and ${MAX_BATCH}, if provided.`);
    if (waitSeconds !== undefined && (waitSeconds < 0 || waitSeconds > MAX_WAIT)) throw invalidParameter(waitSeconds, 'WaitTimeSeconds', `Must be >= 0 and <= ${MAX_WAIT}, if provided.`);
    if (visibility !== undefined && (visibility < 0 || visibility > MAX_VISIBILITY)) throw invalidParameter(visibility, 'VisibilityTimeout', `Must be >= 0 and <= ${MAX_VISIBILITY}, if provided.`);
  }

  // --- after a receive -----------------------------------------------------------------------

  /**
   * DeleteMessage with the handle of receive number `receipt`. Standard queues accept an old
   * handle but keep the message (AWS: "the request succeeds, but the message will not be
   * deleted"); FIFO queues refuse a handle whose visibility timeout has passed.
   */
  deleteMessage(queue: Queue, message: Message, receipt: number, handle = '', admitted = false): 'deleted' | 'stale' | 'gone' {
    if (!admitted && !queue.admit('delete')) throw throttled();
    if (message.state === GONE) return 'gone';
    const current = queue.isCurrent(message, receipt);
    if (queue.fifo) {
      if (!current || message.state !== IN_FLIGHT || this.sim.now >= message.visibleAt) {
        queue.counters.staleDeletes++;
        throw invalidParameter(handle || '<receipt handle>', 'ReceiptHandle', 'The receipt handle has expired.');
      }
    } else if (!current) {
      queue.counters.staleDeletes++;
      return 'stale';
    }
    queue.delete(message);
    return 'deleted';
  }

  /**
   * DeleteMessageBatch: one call of the FIFO allowance for up to 10 deletes; each entry succeeds
   * or fails on its own (`resolve` turns an entry into its message, or throws its error).
   */
  deleteMessageBatch<T extends { id: string }>(queue: Queue, entries: readonly T[], resolve: (entry: T) => { message: Message; receipt: number; handle: string }): BatchResult<{ Id: string; outcome: 'deleted' | 'stale' | 'gone' }> {
    this.checkBatch(entries.map((e) => e.id), 'DeleteMessageBatchRequestEntry');
    if (!queue.admit('delete')) throw throttled();
    const out: BatchResult<{ Id: string; outcome: 'deleted' | 'stale' | 'gone' }> = { Successful: [], Failed: [] };
    for (const e of entries) {
      try {
        const { message, receipt, handle } = resolve(e);
        out.Successful.push({ Id: e.id, outcome: this.deleteMessage(queue, message, receipt, handle, true) });
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        out.Failed.push({ Id: e.id, SenderFault: true, Code: error.code, Message: error.message });
      }
    }
    return out;
  }

  /** ChangeMessageVisibility: a new timeout from now, at most 12 hours after the receive. */
  changeVisibility(queue: Queue, message: Message, receipt: number, seconds: number, handle = ''): void {
    if (seconds < 0 || seconds > MAX_VISIBILITY) throw invalidParameter(seconds, 'VisibilityTimeout', `Must be >= 0 and <= ${MAX_VISIBILITY}, if provided.`);
    if (!queue.admit('change')) throw throttled();
    if (message.state !== IN_FLIGHT || !queue.isCurrent(message, receipt)) {
      throw invalidParameter(handle || '<receipt handle>', 'ReceiptHandle', 'Message does not exist or is not available for visibility timeout change.');
    }
    if (this.sim.now + seconds * 1000 - message.receivedAt > MAX_VISIBILITY * 1000) {
      throw invalidParameter(seconds, 'VisibilityTimeout', `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY} seconds]`);
    }
    queue.changeVisibility(message, seconds * 1000);
  }

  // --- dead-letter queues --------------------------------------------------------------------

  /** QueueHooks: a receive found a message past maxReceiveCount. */
  moveToDeadLetter(source: Queue, message: Message): boolean {
    const policy = source.config.redrivePolicy;
    const target = policy ? this.queueByArnOrNull(policy.deadLetterTargetArn) : null;
    if (!target || target === source) return false;
    source.remove(message);
    // A standard queue's DLQ keeps the original enqueue time (retention runs on); FIFO restarts it.
    this.moveInto(target, message, target.fifo ? this.sim.now : message.sentAt, source.arn);
    return true;
  }

  private moveInto(target: Queue, message: Message, sentAt: number, sourceArn: string | null): void {
    const moved = new Message({ ...message, sentAt, sourceArn });
    target.enqueue(moved, 0, false);
    target.counters.movedIn++;
    target.dispatch();
  }

  /** The queues whose RedrivePolicy names `queue` as their dead-letter queue. */
  sourcesOf(queue: Queue): Queue[] {
    return [...this.queues.values()].filter((q) => q.config.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  /** StartMessageMoveTask: moves a dead-letter queue's messages back (or to a destination). */
  startMoveTask(sourceArn: string, destinationArn: string | null, rate: number | null): MoveTask {
    if (!isArn(sourceArn)) throw new AwsError('InvalidParameterValue', 'You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>');
    const source = this.queueByArnOrNull(sourceArn);
    if (!source) throw new AwsError('ResourceNotFoundException', 'The resource that you specified for the SourceArn parameter doesn\'t exist.');
    if (this.sourcesOf(source).length === 0) throw new AwsError('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
    if (destinationArn !== null && !this.queueByArnOrNull(destinationArn)) {
      throw new AwsError('ResourceNotFoundException', 'The resource that you specified for the DestinationArn parameter doesn\'t exist.');
    }
    if (rate !== null && (rate < 1 || rate > MOVE_RATE)) throw invalidParameter(rate, 'MaxNumberOfMessagesPerSecond', `Must be between 1 and ${MOVE_RATE}.`);
    if (this.tasks.some((t) => t.sourceArn === source.arn && t.status === 'RUNNING')) {
      throw new AwsError('InvalidParameterValue', 'There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
    }
    const id = this.tasks.length + 1;
    const task: MoveTask = {
      handle: Buffer.from(JSON.stringify({ taskId: `task-${id}`, sourceArn: source.arn }), 'utf8').toString('base64'),
      sourceArn: source.arn,
      destinationArn,
      rate: rate ?? MOVE_RATE,
      status: 'RUNNING',
      startedAt: this.sim.now,
      toMove: source.visibleCount,
      moved: 0,
      failureReason: null,
    };
    this.tasks.push(task);
    this.sim.every(1000, `sqs:move-task:${id}`, () => this.runMoveTask(task));
    return task;
  }

  /** One second of a move task; false when it is done. */
  private runMoveTask(task: MoveTask): boolean {
    if (task.status !== 'RUNNING') return false;
    const source = this.queueByArnOrNull(task.sourceArn);
    if (!source) return this.failTask(task, 'AWS.SimpleQueueService.NonExistentQueue');
    const batch = source.takeForMove(Math.min(task.rate, task.toMove - task.moved));
    for (const m of batch) {
      const target = this.queueByArnOrNull(task.destinationArn ?? m.sourceArn ?? '');
      if (!target || target.fifo !== source.fifo) {
        // Back where it was; the task stops, as AWS stops a task it cannot finish.
        this.moveInto(source, m, m.sentAt, m.sourceArn);
        source.counters.movedIn--;
        return this.failTask(task, target ? 'The destination queue type does not match the source queue type.' : 'AWS.SimpleQueueService.NonExistentQueue');
      }
      this.moveInto(target, m, this.sim.now, null);
      source.counters.redriven++;
      task.moved++;
    }
    if (task.moved >= task.toMove || batch.length === 0) {
      task.status = 'COMPLETED';
      return false;
    }
    return true;
  }

  private failTask(task: MoveTask, reason: string): false {
    task.status = 'FAILED';
    task.failureReason = reason;
    return false;
  }

  /** Every queue still there, in creation order. */
  liveQueues(): Queue[] {
    return this.created.filter((q) => !q.deleted);
  }

  configOf(queue: Queue): QueueConfig {
    return queue.config;
  }
}

export function nonExistent(): AwsError {
  return new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
}

export function throttled(): AwsError {
  return new AwsError('ThrottlingException', 'Rate exceeded');
}

export { BATCH_BYTES, MAX_BATCH };
