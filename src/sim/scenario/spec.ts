import { z } from 'zod';
import { parseValue } from '../../content/quantity.js';
import type { Dimension } from '../../content/model.js';

// The scenario file format (YAML, DESIGN §5), as zod schemas. Quantities are written the way
// notes write them ("60s", "1KiB", "2500/s", "100ms") and arrive here in base units, so models
// never parse strings. docs/scenarios.md documents every field.

function quantity(dimension: Dimension, what: string) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const parsed = parseValue(value);
    const q = parsed?.form === 'single' ? parsed.quantities[0] : undefined;
    if (!q || q.base.dimension !== dimension) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} (e.g. ${EXAMPLES[dimension]}), got "${value}"` });
      return z.NEVER;
    }
    return q.base.amount;
  });
}

const EXAMPLES: Record<Dimension, string> = { s: '30s, 100ms, 5min', bytes: '1KiB, 200B, 1MiB', 'bytes/s': '1MiB/s', count: '500', 'count/s': '2500/s' };

/** Milliseconds: the engine's clock unit. */
export const duration = quantity('s', 'a duration').transform((s) => Math.round(s * 1000));
export const size = quantity('bytes', 'a size');
export const rate = quantity('count/s', 'a rate in records per second');

const sizeSpec = z.union([
  size,
  z.object({ min: size, max: size }).strict(),
  z.object({ mean: size, distribution: z.literal('exponential'), max: size.optional() }).strict(),
]);

const keysSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uniform'), count: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('fixed'), values: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ kind: z.literal('zipf'), count: z.number().int().min(1), s: z.number().positive() }).strict(),
  /** `count` keys, of which one takes `share` of the traffic (a hot key). */
  z.object({ kind: z.literal('hot'), count: z.number().int().min(2), share: z.number().gt(0).lt(1) }).strict(),
  /** Each record's own random key: as good as it gets for spreading load. */
  z.object({ kind: z.literal('random') }).strict(),
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

const scheduleStep = z.object({ at: duration, rate }).strict();

export const producerSpec = z
  .object({
    name: z.string().min(1).optional(),
    stream: z.string().min(1),
    /** Records per second, constant… */
    rate: rate.optional(),
    /** …or stepping at given times (each step holds until the next). */
    schedule: z.array(scheduleStep).min(1).optional(),
    recordSize: sizeSpec.default(1024),
    keys: keysSpec.default({ kind: 'uniform', count: 1000 }),
    api: z.enum(['PutRecord', 'PutRecords', 'KPL']).default('PutRecords'),
    /** PutRecords batching: send when this many records are waiting or after `maxWait`. */
    batch: z.object({ maxRecords: z.number().int().min(1).max(500).default(500), maxWait: duration.default(100) }).strict().default({ maxRecords: 500, maxWait: 100 }),
    kpl: z
      .object({
        recordMaxBufferedTime: duration.default(100),
        aggregation: z.boolean().default(true),
        maxAggregateSize: size.default(51_200),
      })
      .strict()
      .default({ recordMaxBufferedTime: 100, aggregation: true, maxAggregateSize: 51_200 }),
    retries: retrySpec.default({ max: 3, backoff: 'exponential', base: 100, cap: 5000, jitter: 'full' }),
    start: duration.default(0),
    stop: duration.optional(),
  })
  .strict()
  .refine((p) => (p.rate === undefined) !== (p.schedule === undefined), { message: 'give either `rate` or `schedule`' });

const processingSpec = z
  .object({
    /** Time to process one record (or one Lambda batch: `perBatch`). */
    perRecord: duration.default(0),
    perBatch: duration.default(0),
  })
  .strict()
  .default({ perRecord: 0, perBatch: 0 });

const baseConsumer = {
  name: z.string().min(1),
  stream: z.string().min(1),
  startingPosition: z.enum(['TRIM_HORIZON', 'LATEST']).default('TRIM_HORIZON'),
  processing: processingSpec,
};

export const consumerSpec = z.discriminatedUnion('kind', [
  z.object({ ...baseConsumer, kind: z.literal('polling'), interval: duration.default(1000), limit: z.number().int().min(1).max(10_000).default(10_000) }).strict(),
  z.object({ ...baseConsumer, kind: z.literal('efo') }).strict(),
  z
    .object({
      ...baseConsumer,
      kind: z.literal('kcl'),
      workers: z.number().int().min(1).default(1),
      /** Each worker polls its shards every `interval` (KCL's idleTimeBetweenReadsInMillis). */
      interval: duration.default(1000),
      fanOut: z.enum(['polling', 'efo']).default('polling'),
      checkpoint: z.object({ everyRecords: z.number().int().min(1).optional(), every: duration.optional() }).strict().default({ every: 60_000 }),
      /** Worker failures: the worker stops at `at`; others take its leases after `leaseTimeout`. */
      failures: z.array(z.object({ worker: z.number().int().min(0), at: duration }).strict()).default([]),
      leaseTimeout: duration.default(10_000),
    })
    .strict(),
  z
    .object({
      ...baseConsumer,
      kind: z.literal('lambda'),
      batchSize: z.number().int().min(1).max(10_000).default(100),
      batchingWindow: duration.default(0),
      parallelizationFactor: z.number().int().min(1).max(10).default(1),
      maximumRetryAttempts: z.number().int().min(-1).max(10_000).default(-1),
      maximumRecordAge: duration.optional(),
      bisectBatchOnFunctionError: z.boolean().default(false),
      onFailure: z.string().min(1).optional(),
      /** Records whose partition key is listed always make the function fail (poison records). */
      poisonKeys: z.array(z.string()).default([]),
      /** Otherwise each invocation fails with this probability. */
      errorRate: z.number().min(0).max(1).default(0),
      efo: z.boolean().default(false),
    })
    .strict(),
]);

export const streamSpec = z
  .object({
    name: z.string().min(1),
    mode: z.enum(['provisioned', 'on-demand']).default('provisioned'),
    shards: z.number().int().min(1).optional(),
    retention: duration.default(24 * 3_600_000),
    maxRecordSize: size.optional(),
  })
  .strict();

export const actionSpec = z.object({ at: duration, do: z.string().min(1) }).strict();

export const scenarioSpec = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    seed: z.number().int().default(1),
    duration,
    kinesis: z.object({ streams: z.array(streamSpec).default([]) }).strict().default({ streams: [] }),
    producers: z.array(producerSpec).default([]),
    consumers: z.array(consumerSpec).default([]),
    actions: z.array(actionSpec).default([]),
  })
  .strict();

/** Kinesis-only scenarios are this; services from plug-ins add their own keys (see fullScenarioSpec). */
export type ScenarioSpec = z.output<typeof scenarioSpec> & { [service: string]: unknown };
export type StreamSpec = z.output<typeof streamSpec>;
export type ProducerSpec = z.output<typeof producerSpec>;
export type ConsumerSpec = z.output<typeof consumerSpec>;
export type ActionSpec = z.output<typeof actionSpec>;
