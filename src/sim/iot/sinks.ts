import { ACCOUNT, AwsError, REGION } from '../kinesis/errors.js';
import type { World } from '../world.js';

// The one place that knows how the SQS and Firehose plug-ins take a message, so rule actions
// reach them through `world.services` without importing them. A sink answers null when the
// message was taken, or the AWS error code and message when it was refused.

export type SinkProblem = { code: string; message: string } | null;
export type Sink = (name: string, body: string) => SinkProblem;

export function queueUrl(name: string): string {
  return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
}

export function queueNameFromUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url.slice(url.lastIndexOf('/') + 1) : url;
}

function call(run: () => unknown): SinkProblem {
  try {
    run();
    return null;
  } catch (e) {
    if (e instanceof AwsError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** The SQS runtime's SendMessage for other services (a queue URL, ARN or name). */
interface QueueService {
  send(target: string, body: string): unknown;
}

/** Firehose's PutRecord (text is taken as its UTF-8 bytes). */
interface DeliveryService {
  putRecord(deliveryStreamName: string, data: string): unknown;
}

export function queueSink(world: World): Sink | null {
  const sqs = world.services.get('sqs') as Partial<QueueService> | undefined;
  if (!sqs || typeof sqs.send !== 'function') return null;
  return (name, body) => call(() => sqs.send!(queueUrl(name), body));
}

export function deliveryStreamSink(world: World): Sink | null {
  const firehose = world.services.get('firehose') as Partial<DeliveryService> | undefined;
  if (!firehose || typeof firehose.putRecord !== 'function') return null;
  return (name, data) => call(() => firehose.putRecord!(name, data));
}
