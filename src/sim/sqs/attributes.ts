import { AwsError } from '../kinesis/errors.js';
import { SQS, type Limit } from '../limits.js';

// Queue attributes as CreateQueue and SetQueueAttributes take them (names and string values, as
// on the wire) and as GetQueueAttributes returns them. Ranges come from the limits module; the
// error codes and messages are SQS's.

export type RedrivePermission = 'allowAll' | 'denyAll' | 'byQueue';

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: RedrivePermission;
  sourceQueueArns: string[];
}

/** A queue's settings in AWS's units (seconds, bytes). */
export interface QueueConfig {
  fifo: boolean;
  visibilityTimeout: number;
  delaySeconds: number;
  messageRetentionPeriod: number;
  maximumMessageSize: number;
  receiveMessageWaitTimeSeconds: number;
  redrivePolicy: RedrivePolicy | null;
  redriveAllowPolicy: RedriveAllowPolicy | null;
  contentBasedDeduplication: boolean;
  deduplicationScope: 'queue' | 'messageGroup';
  fifoThroughputLimit: 'perQueue' | 'perMessageGroupId';
  policy: string | null;
  kmsMasterKeyId: string | null;
  kmsDataKeyReusePeriodSeconds: number;
  sqsManagedSseEnabled: boolean;
}

const low = (l: Limit) => l.values[0]!.amount;
const high = (l: Limit) => l.values[l.values.length - 1]!.amount;

export function defaultConfig(fifo: boolean): QueueConfig {
  return {
    fifo,
    visibilityTimeout: low(SQS.visibilityTimeoutDefault),
    delaySeconds: 0,
    messageRetentionPeriod: low(SQS.retentionDefault),
    maximumMessageSize: low(SQS.messageBytes),
    receiveMessageWaitTimeSeconds: 0,
    redrivePolicy: null,
    redriveAllowPolicy: null,
    contentBasedDeduplication: false,
    deduplicationScope: 'queue',
    fifoThroughputLimit: 'perQueue',
    policy: null,
    kmsMasterKeyId: null,
    // The default SetQueueAttributes documents beside the range in limits.ts.
    kmsDataKeyReusePeriodSeconds: 300,
    sqsManagedSseEnabled: true,
  };
}

const RANGES: Record<string, [number, number]> = {
  VisibilityTimeout: [low(SQS.visibilityTimeout), high(SQS.visibilityTimeout)],
  DelaySeconds: [low(SQS.delay), high(SQS.delay)],
  MessageRetentionPeriod: [low(SQS.retention), high(SQS.retention)],
  MaximumMessageSize: [low(SQS.maximumMessageSizeSetting), high(SQS.maximumMessageSizeSetting)],
  ReceiveMessageWaitTimeSeconds: [low(SQS.waitTime), high(SQS.waitTime)],
  KmsDataKeyReusePeriodSeconds: [low(SQS.kmsDataKeyReusePeriod), high(SQS.kmsDataKeyReusePeriod)],
};

/** Attributes CreateQueue and SetQueueAttributes accept (FIFO-only ones are checked separately). */
export const SETTABLE = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Everything GetQueueAttributes knows, for --attribute-names and Tab. */
export const READABLE = [
  'All',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesDelayed',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  ...SETTABLE,
] as const;

const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

export function invalidValue(name: string, reason?: string): AwsError {
  return new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`);
}

function integer(name: string, value: string): number {
  const range = RANGES[name]!;
  if (!/^\d+$/.test(value.trim())) throw invalidValue(name);
  const n = Number(value.trim());
  if (n < range[0] || n > range[1]) throw invalidValue(name);
  return n;
}

function boolean(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') throw invalidValue(name);
  return v === 'true';
}

function policyError(name: string, value: string, reason: string): AwsError {
  return new AwsError('InvalidParameterValue', `Value ${value} for parameter ${name} is invalid. Reason: ${reason}`);
}

export function parseRedrivePolicy(value: string): RedrivePolicy {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw policyError('RedrivePolicy', value, 'Invalid JSON.');
  }
  const o = (json ?? {}) as Record<string, unknown>;
  if (typeof o.deadLetterTargetArn !== 'string' || o.deadLetterTargetArn === '') {
    throw new AwsError('InvalidParameterValue', "The required parameter 'deadLetterTargetArn' is missing");
  }
  if (o.maxReceiveCount === undefined) throw new AwsError('InvalidParameterValue', "The required parameter 'maxReceiveCount' is missing");
  const count = Number(o.maxReceiveCount);
  const [min, max] = [low(SQS.maxReceiveCount), high(SQS.maxReceiveCount)];
  if (!Number.isInteger(count) || count < min || count > max) {
    throw policyError('RedrivePolicy', value, `Invalid value for maxReceiveCount: ${String(o.maxReceiveCount)}, valid values are from ${min} to ${max} both inclusive.`);
  }
  return { deadLetterTargetArn: o.deadLetterTargetArn, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw policyError('RedriveAllowPolicy', value, 'Invalid JSON.');
  }
  const o = (json ?? {}) as Record<string, unknown>;
  const permission = o.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw policyError('RedriveAllowPolicy', value, 'redrivePermission must be one of allowAll, denyAll, byQueue.');
  }
  const arns = Array.isArray(o.sourceQueueArns) ? o.sourceQueueArns.filter((a): a is string => typeof a === 'string') : [];
  const most = low(SQS.redriveAllowSources);
  if (permission === 'byQueue' && (arns.length === 0 || arns.length > most)) {
    throw policyError('RedriveAllowPolicy', value, `byQueue takes 1 to ${most} sourceQueueArns.`);
  }
  if (permission !== 'byQueue' && arns.length > 0) throw policyError('RedriveAllowPolicy', value, 'sourceQueueArns is only valid with byQueue.');
  return { redrivePermission: permission, sourceQueueArns: arns };
}

/**
 * Applies attributes to a copy of `config`. `creating` says whether this is CreateQueue (where
 * FifoQueue chooses the type) or SetQueueAttributes (where the type cannot change).
 */
export function applyAttributes(config: QueueConfig, attributes: Record<string, string>, creating: boolean): QueueConfig {
  const next: QueueConfig = { ...config };
  for (const [name, raw] of Object.entries(attributes)) {
    const value = String(raw);
    if (!(SETTABLE as readonly string[]).includes(name)) throw new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    if (!config.fifo && FIFO_ONLY.has(name)) {
      if (name === 'ContentBasedDeduplication') throw new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
      throw new AwsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
    }
    switch (name) {
      case 'FifoQueue':
        if (!config.fifo) throw new AwsError('InvalidAttributeName', 'Unknown Attribute FifoQueue.');
        if (!creating) throw invalidValue('FifoQueue', 'Modifying queue type is not supported.');
        if (!boolean(name, value)) throw invalidValue('FifoQueue');
        break;
      case 'VisibilityTimeout':
        next.visibilityTimeout = integer(name, value);
        break;
      case 'DelaySeconds':
        next.delaySeconds = integer(name, value);
        break;
      case 'MessageRetentionPeriod':
        next.messageRetentionPeriod = integer(name, value);
        break;
      case 'MaximumMessageSize':
        next.maximumMessageSize = integer(name, value);
        break;
      case 'ReceiveMessageWaitTimeSeconds':
        next.receiveMessageWaitTimeSeconds = integer(name, value);
        break;
      case 'KmsDataKeyReusePeriodSeconds':
        next.kmsDataKeyReusePeriodSeconds = integer(name, value);
        break;
      case 'RedrivePolicy':
        next.redrivePolicy = value === '' ? null : parseRedrivePolicy(value);
        break;
      case 'RedriveAllowPolicy':
        next.redriveAllowPolicy = value === '' ? null : parseRedriveAllowPolicy(value);
        break;
      case 'Policy':
        next.policy = value === '' ? null : value;
        break;
      case 'KmsMasterKeyId':
        next.kmsMasterKeyId = value === '' ? null : value;
        if (next.kmsMasterKeyId) next.sqsManagedSseEnabled = false;
        break;
      case 'SqsManagedSseEnabled':
        next.sqsManagedSseEnabled = boolean(name, value);
        break;
      case 'ContentBasedDeduplication':
        next.contentBasedDeduplication = boolean(name, value);
        break;
      case 'DeduplicationScope':
        if (value !== 'queue' && value !== 'messageGroup') throw invalidValue(name);
        next.deduplicationScope = value;
        break;
      case 'FifoThroughputLimit':
        if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidValue(name);
        next.fifoThroughputLimit = value;
        break;
    }
  }
  if (next.fifoThroughputLimit === 'perMessageGroupId' && next.deduplicationScope !== 'messageGroup') {
    throw invalidValue('FifoThroughputLimit', 'perMessageGroupId is only valid when DeduplicationScope is messageGroup.');
  }
  return next;
}

/** Whether the queue runs in high-throughput FIFO mode. */
export function highThroughput(config: QueueConfig): boolean {
  return config.fifo && config.fifoThroughputLimit === 'perMessageGroupId' && config.deduplicationScope === 'messageGroup';
}

/** The settable attributes as GetQueueAttributes renders them (strings; unset policies left out). */
export function renderAttributes(config: QueueConfig): Record<string, string> {
  const out: Record<string, string> = {
    DelaySeconds: String(config.delaySeconds),
    MaximumMessageSize: String(config.maximumMessageSize),
    MessageRetentionPeriod: String(config.messageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(config.receiveMessageWaitTimeSeconds),
    VisibilityTimeout: String(config.visibilityTimeout),
    SqsManagedSseEnabled: String(config.sqsManagedSseEnabled),
  };
  if (config.redrivePolicy) out.RedrivePolicy = JSON.stringify(config.redrivePolicy);
  if (config.redriveAllowPolicy) {
    const p = config.redriveAllowPolicy;
    out.RedriveAllowPolicy = JSON.stringify(p.redrivePermission === 'byQueue' ? p : { redrivePermission: p.redrivePermission });
  }
  if (config.policy) out.Policy = config.policy;
  if (config.kmsMasterKeyId) {
    out.KmsMasterKeyId = config.kmsMasterKeyId;
    out.KmsDataKeyReusePeriodSeconds = String(config.kmsDataKeyReusePeriodSeconds);
  }
  if (config.fifo) {
    out.FifoQueue = 'true';
    out.ContentBasedDeduplication = String(config.contentBasedDeduplication);
    out.DeduplicationScope = config.deduplicationScope;
    out.FifoThroughputLimit = config.fifoThroughputLimit;
  }
  return out;
}
