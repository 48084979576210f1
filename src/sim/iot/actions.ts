import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { ACCOUNT, AwsError, REGION } from '../kinesis/errors.js';
import type { PutEntry } from '../kinesis/service.js';
import type { ObjectStore } from '../s3.js';
import type { World } from '../world.js';
import { deliveryStreamSink, queueSink, queueNameFromUrl, queueUrl } from './sinks.js';
import type { SqlMessage } from './sql-eval.js';
import { compileTemplate, TemplateError, type Template } from './template.js';
import { utf8Bytes } from './topics.js';

// Rule actions. Each is stored as AWS writes it in a topic rule payload (`{"kinesis":
// {"streamName": …, "partitionKey": "${topic(2)}", "roleArn": …}}`) and runs against the
// engine's services in the same virtual instant as the message. An action that cannot deliver
// (a throttled Kinesis put, a queue that does not exist) is a failure the rule counts and hands
// to its error action.

export type ActionType = 'kinesis' | 'sqs' | 'firehose' | 'lambda' | 'republish' | 's3';
export const ACTION_TYPES: readonly ActionType[] = ['kinesis', 'sqs', 'firehose', 'lambda', 'republish', 's3'];

/**
 * Payloads kept per stream (its first records) so `aws kinesis get-records` and Firehose see the
 * real JSON; later records keep their size and partition key, which is all the limits need.
 */
export const PAYLOADS_KEPT_PER_STREAM = 100_000;

/** S3 objects written by the S3 action keep their body when it is at most this big. */
const S3_BODY_KEPT_BYTES = 4096;

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/iot-rule-actions`;

export interface ActionFailure {
  failedAction: string;
  failedResource: string;
  errorMessage: string;
}

export interface ActionEnv {
  sim: Simulation;
  world: World;
  /** Random partition keys when a Kinesis action gives none. */
  rng: Rng;
  /** Publishes on the broker for the republish action; a problem with the topic comes back as text. */
  republish(topic: string, payload: string, qos: number, depth: number): string | null;
  /** Runs an in-engine Lambda function for its duration. */
  invokeFunction(name: string, durationMs: number): void;
  functionDuration(name: string): number;
}

export interface RuleAction {
  readonly type: ActionType;
  /** The action as AWS returns it in get-topic-rule. */
  readonly definition: Record<string, Record<string, unknown>>;
  invoke(m: SqlMessage, output: string, depth: number): ActionFailure | null;
}

function invalid(path: string, message: string): AwsError {
  return new AwsError('InvalidRequestException', `1 validation error detected: Value at '${path}' failed to satisfy constraint: ${message}`);
}

function requiredString(body: Record<string, unknown>, field: string, path: string): string {
  const v = body[field];
  if (typeof v !== 'string' || v.length === 0) throw invalid(`${path}.${field}`, 'Member must not be null');
  return v;
}

function template(text: string, path: string): Template {
  try {
    return compileTemplate(text);
  } catch (e) {
    if (e instanceof TemplateError) throw new AwsError('InvalidRequestException', `${path}: ${e.message}`);
    throw e;
  }
}

function uuid(rng: Rng): string {
  const hex = (n: number) => rng.int(2 ** (4 * n)).toString(16).padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + rng.int(4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

function failure(failedAction: string, failedResource: string, errorMessage: string): ActionFailure {
  return { failedAction, failedResource, errorMessage };
}

/** Reads one action of a topic rule payload (`actions[i]` or `errorAction`) and binds it to the engine. */
export function compileAction(raw: unknown, path: string, env: ActionEnv): RuleAction {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(path, 'Member must be an object');
  const keys = Object.keys(raw);
  if (keys.length !== 1) throw new AwsError('InvalidRequestException', `${path} must name exactly one action; got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  const type = keys[0]!;
  const body = (raw as Record<string, unknown>)[type];
  if (!(ACTION_TYPES as readonly string[]).includes(type)) {
    throw new AwsError('InvalidRequestException', `${path}.${type}: the engine models the ${ACTION_TYPES.join(', ')} actions`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid(`${path}.${type}`, 'Member must be an object');
  const b = body as Record<string, unknown>;
  const where = `${path}.${type}`;
  const roleArn = typeof b.roleArn === 'string' ? b.roleArn : ROLE_ARN;
  switch (type as ActionType) {
    case 'kinesis':
      return kinesisAction(requiredString(b, 'streamName', where), typeof b.partitionKey === 'string' ? b.partitionKey : undefined, roleArn, where, env);
    case 'sqs':
      return sqsAction(requiredString(b, 'queueUrl', where), roleArn, b.useBase64 === true, env);
    case 'firehose':
      return firehoseAction(requiredString(b, 'deliveryStreamName', where), typeof b.separator === 'string' ? b.separator : undefined, roleArn, env);
    case 'lambda':
      return lambdaAction(requiredString(b, 'functionArn', where), env);
    case 'republish': {
      const qos = b.qos === undefined ? 0 : b.qos;
      if (qos !== 0 && qos !== 1) throw invalid(`${where}.qos`, 'Member must have value less than or equal to 1');
      return republishAction(requiredString(b, 'topic', where), qos, roleArn, where, env);
    }
    case 's3':
      return s3Action(requiredString(b, 'bucketName', where), requiredString(b, 'key', where), roleArn, where, env);
  }
}

function kinesisAction(streamName: string, partitionKey: string | undefined, roleArn: string, where: string, env: ActionEnv): RuleAction {
  const key = partitionKey === undefined ? null : template(partitionKey, `${where}.partitionKey`);
  const entry: PutEntry = { partitionKey: '', size: 0 };
  const fail = (m: SqlMessage, code: string, message: string) =>
    failure('KinesisAction', streamName, `Failed to put record to Kinesis stream. The error received was ${message} (Service: AmazonKinesis; Status Code: 400; Error Code: ${code}). Message arrived on: ${m.topic}, Action: kinesis, Stream: ${streamName}`);
  const definition: Record<string, unknown> = { streamName, roleArn };
  if (partitionKey !== undefined) definition.partitionKey = partitionKey;
  return {
    type: 'kinesis',
    definition: { kinesis: definition },
    invoke(m, output) {
      const kinesis = env.world.kinesis;
      const stream = kinesis.streams.get(streamName);
      if (!stream || stream.status === 'DELETING') return fail(m, 'ResourceNotFoundException', `Stream ${streamName} under account ${ACCOUNT} not found.`);
      const pk = key ? key(m) : uuid(env.rng);
      entry.partitionKey = pk;
      entry.size = utf8Bytes(output) + utf8Bytes(pk);
      entry.data = undefined;
      try {
        kinesis.validateEntry(stream, entry);
      } catch (e) {
        if (e instanceof AwsError) return fail(m, e.code, e.message);
        throw e;
      }
      if (stream.recordsIn < PAYLOADS_KEPT_PER_STREAM) entry.data = Buffer.from(output, 'utf8').toString('base64');
      const put = kinesis.putOne(stream, entry);
      if (!put) {
        const shard = stream.route(pk, null);
        return fail(m, 'ProvisionedThroughputExceededException', `Rate exceeded for shard ${shard.id} in stream ${streamName} under account ${ACCOUNT}.`);
      }
      return null;
    },
  };
}

function sqsAction(url: string, roleArn: string, useBase64: boolean, env: ActionEnv): RuleAction {
  const name = queueNameFromUrl(url);
  return {
    type: 'sqs',
    definition: { sqs: { queueUrl: url, roleArn, useBase64 } },
    invoke(m, output) {
      const sink = queueSink(env.world);
      const body = useBase64 ? Buffer.from(output, 'utf8').toString('base64') : output;
      const problem = sink ? sink(name, body) : { code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.' };
      if (problem === null) return null;
      return failure('SqsAction', url, `Failed to send message to SQS queue. The error received was ${problem.message} (Service: AmazonSQS; Status Code: 400; Error Code: ${problem.code}). Message arrived on: ${m.topic}, Action: sqs, Queue: ${url}`);
    },
  };
}

function firehoseAction(deliveryStreamName: string, separator: string | undefined, roleArn: string, env: ActionEnv): RuleAction {
  const definition: Record<string, unknown> = { deliveryStreamName, roleArn, batchMode: false };
  if (separator !== undefined) definition.separator = separator;
  return {
    type: 'firehose',
    definition: { firehose: definition },
    invoke(m, output) {
      const sink = deliveryStreamSink(env.world);
      const data = separator === undefined ? output : output + separator;
      const problem = sink ? sink(deliveryStreamName, data) : { code: 'ResourceNotFoundException', message: `Firehose ${deliveryStreamName} under account ${ACCOUNT} not found.` };
      if (problem === null) return null;
      return failure('FirehoseAction', deliveryStreamName, `Failed to send record to Firehose. The error received was ${problem.message} (Service: Firehose; Status Code: 400; Error Code: ${problem.code}). Message arrived on: ${m.topic}, Action: firehose, Stream: ${deliveryStreamName}`);
    },
  };
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

function lambdaAction(arnOrName: string, env: ActionEnv): RuleAction {
  const name = arnOrName.startsWith('arn:') ? arnOrName.slice(arnOrName.lastIndexOf(':') + 1) : arnOrName;
  const arn = arnOrName.startsWith('arn:') ? arnOrName : functionArn(arnOrName);
  return {
    type: 'lambda',
    definition: { lambda: { functionArn: arn } },
    // IoT invokes Lambda asynchronously: the action succeeds once the event is queued.
    invoke() {
      env.invokeFunction(name, env.functionDuration(name));
      return null;
    },
  };
}

function republishAction(topicText: string, qos: 0 | 1, roleArn: string, where: string, env: ActionEnv): RuleAction {
  const topic = template(topicText, `${where}.topic`);
  return {
    type: 'republish',
    definition: { republish: { topic: topicText, roleArn, qos } },
    invoke(m, output, depth) {
      const target = topic(m);
      const problem = env.republish(target, output, qos, depth + 1);
      if (problem === null) return null;
      return failure('RepublishAction', target, `Failed to republish to topic. The error received was ${problem}. Message arrived on: ${m.topic}, Action: republish, Topic: ${target}`);
    },
  };
}

function s3Action(bucket: string, keyText: string, roleArn: string, where: string, env: ActionEnv): RuleAction {
  const key = template(keyText, `${where}.key`);
  return {
    type: 's3',
    definition: { s3: { bucketName: bucket, key: keyText, roleArn } },
    invoke(m, output) {
      const store = env.world.services.get('s3') as ObjectStore | undefined;
      const objectKey = key(m);
      if (!store || objectKey.length === 0) return failure('S3Action', bucket, `Failed to put S3 object. The error received was ${objectKey.length === 0 ? 'the key template gave an empty key' : 'no object store'}. Message arrived on: ${m.topic}, Action: s3, Bucket: ${bucket}, Key: "${objectKey}"`);
      const size = utf8Bytes(output);
      store.put(bucket, { key: objectKey, size, writtenAt: env.sim.now, records: 1, ...(size <= S3_BODY_KEPT_BYTES ? { body: output } : {}) });
      return null;
    },
  };
}

/** The scenario's short form of an action, written as AWS's topic rule payload. */
export function scenarioActionJson(action: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const [type, body] = Object.entries(action)[0]!;
  switch (type) {
    case 'kinesis':
      return { kinesis: { streamName: body.stream, ...(body.partitionKey !== undefined ? { partitionKey: body.partitionKey } : {}), roleArn: ROLE_ARN } };
    case 'sqs':
      return { sqs: { queueUrl: queueUrl(String(body.queue)), roleArn: ROLE_ARN, useBase64: false } };
    case 'firehose':
      return { firehose: { deliveryStreamName: body.deliveryStream, roleArn: ROLE_ARN, ...(body.separator !== undefined ? { separator: body.separator } : {}) } };
    case 'lambda':
      return { lambda: { functionArn: functionArn(String(body.function)) } };
    case 'republish':
      return { republish: { topic: body.topic, roleArn: ROLE_ARN, qos: body.qos ?? 0 } };
    case 's3':
      return { s3: { bucketName: body.bucket, key: body.key, roleArn: ROLE_ARN } };
    default:
      throw new Error(`unknown action ${type}`);
  }
}
