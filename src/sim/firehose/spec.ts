import { z } from 'zod';
import { duration, rate, size } from '../scenario/spec.js';
import { DEFAULT_START_DATE } from '../core/calendar.js';

// The scenario's `firehose:` section: delivery streams and the Direct PUT traffic written to them.
// docs/scenarios.md documents every field; ranges AWS enforces are checked in check.ts, with the
// values from src/sim/limits.ts, so the messages can name them.

const bufferHints = z.object({ size: size.optional(), interval: duration.optional() }).strict();

const otherDestination = <K extends string>(kind: K) =>
  z
    .object({
      kind: z.literal(kind),
      /** The S3 backup bucket (Redshift: the staging bucket). */
      bucket: z.string().min(1),
      prefix: z.string().optional(),
      errorPrefix: z.string().optional(),
      retryDuration: duration.optional(),
      /** URL, domain or cluster, for describe-delivery-stream. */
      endpoint: z.string().optional(),
    })
    .strict();

const destination = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('s3'), bucket: z.string().min(1), prefix: z.string().optional(), errorPrefix: z.string().optional() }).strict(),
  otherDestination('http'),
  otherDestination('opensearch'),
  otherDestination('splunk'),
  otherDestination('redshift'),
]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const lambda = z
  .object({
    /** A function registered under this name (a lab's code) replaces the rules below. */
    function: z.string().min(1).optional(),
    /** Share of records the function returns as ProcessingFailed. */
    failShare: z.number().min(0).max(1).default(0),
    /** Records whose JSON field has this value fail. */
    failWhen: z.object({ field: z.string().min(1), equals: z.union([scalar, z.null()]) }).strict().optional(),
    /** Share of records the function returns as Dropped. */
    dropShare: z.number().min(0).max(1).default(0),
    /** How long one invocation runs. */
    duration: duration.default(100),
    /** Invocation retries after a function error (NumberOfRetries; AWS's default is 3). */
    retries: z.number().int().min(0).max(300).optional(),
  })
  .strict();

export const deliveryStreamSpec = z
  .object({
    name: z.string().min(1),
    source: z.union([z.literal('direct'), z.object({ kinesisStream: z.string().min(1) }).strict()]).default('direct'),
    buffer: bufferHints.default({}),
    destination,
    compression: z.enum(['none', 'gzip', 'snappy', 'zip']).default('none'),
    transform: z.object({ lambda: lambda.default({ failShare: 0, dropShare: 0, duration: 100 }), buffer: bufferHints.default({}) }).strict().optional(),
    dynamicPartitioning: z.object({ key: z.string().min(1) }).strict().optional(),
    outages: z.array(z.object({ from: duration, to: duration }).strict()).default([]),
  })
  .strict();

const fieldSpec = z.union([
  scalar,
  z.object({ count: z.number().int().min(1), distribution: z.enum(['uniform', 'zipf']).optional(), s: z.number().positive().optional() }).strict(),
  z.object({ values: z.array(scalar).min(1) }).strict(),
  z.object({ min: z.number(), max: z.number() }).strict(),
]);

const sizeSpec = z.union([
  size,
  z.object({ min: size, max: size }).strict(),
  z.object({ mean: size, distribution: z.literal('exponential'), max: size.optional() }).strict(),
]);

const retrySpec = z
  .object({
    max: z.number().int().min(0).default(3),
    backoff: z.enum(['none', 'fixed', 'exponential']).default('exponential'),
    base: duration.default(100),
    cap: duration.default(5000),
    jitter: z.enum(['none', 'full', 'equal']).default('full'),
  })
  .strict();

export const directPutProducerSpec = z
  .object({
    name: z.string().min(1).optional(),
    deliveryStream: z.string().min(1),
    rate: rate.optional(),
    schedule: z.array(z.object({ at: duration, rate }).strict()).min(1).optional(),
    recordSize: sizeSpec.default(512),
    /** JSON fields of each record, e.g. `customerId: {count: 800}`. */
    fields: z.record(z.string(), fieldSpec).default({}),
    /** Record bodies sent in turn, exactly as written (they replace fields and recordSize): a lab's own malformed or odd records. */
    payloads: z.array(z.string().min(1)).min(1).optional(),
    api: z.enum(['PutRecord', 'PutRecordBatch']).default('PutRecordBatch'),
    batch: z.object({ maxRecords: z.number().int().min(1).max(500).default(500), maxWait: duration.default(100) }).strict().default({ maxRecords: 500, maxWait: 100 }),
    retries: retrySpec.default({ max: 3, backoff: 'exponential', base: 100, cap: 5000, jitter: 'full' }),
    start: duration.default(0),
    stop: duration.optional(),
  })
  .strict()
  .refine((p) => (p.rate === undefined) !== (p.schedule === undefined), { message: 'give either `rate` or `schedule`' });

export const firehoseSpec = z
  .object({
    /** The UTC date and time virtual time 0 stands for: S3 keys and timestamps count from it. */
    startDate: z.string().default(DEFAULT_START_DATE),
    deliveryStreams: z.array(deliveryStreamSpec).default([]),
    producers: z.array(directPutProducerSpec).default([]),
  })
  .strict();

export type FirehoseSpec = z.output<typeof firehoseSpec>;
export type DeliveryStreamSpec = z.output<typeof deliveryStreamSpec>;
export type DirectPutProducerSpec = z.output<typeof directPutProducerSpec>;
