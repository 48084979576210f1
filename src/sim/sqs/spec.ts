import { z } from 'zod';
import { duration, rate, size } from '../scenario/spec.js';

// The scenario's `sqs:` section: queues created at time 0, producers sending to them and worker
// pools receiving from them. Quantities use the scenario helpers, so they arrive in base units
// (ms, bytes, messages/s). docs/scenarios.md documents every field.

const sizeDist = z.union([
  size,
  z.object({ min: size, max: size }).strict(),
  z.object({ mean: size, distribution: z.literal('exponential'), max: size.optional() }).strict(),
]);

/** Processing time of one message: fixed, uniform between min and max, or exponential. */
export const processingTime = z.union([
  duration,
  z.object({ min: duration, max: duration }).strict(),
  z.object({ mean: duration, distribution: z.literal('exponential'), max: duration.optional() }).strict(),
]);

export const queueSpec = z
  .object({
    name: z.string().min(1),
    /** Defaults from the name: `.fifo` names are FIFO queues, as AWS requires. */
    type: z.enum(['standard', 'fifo']).optional(),
    visibilityTimeout: duration.optional(),
    /** DelaySeconds of the queue. */
    delay: duration.optional(),
    retention: duration.optional(),
    maxMessageSize: size.optional(),
    receiveWaitTime: duration.optional(),
    redrive: z.object({ deadLetterQueue: z.string().min(1), maxReceiveCount: z.number().int() }).strict().optional(),
    /** RedriveAllowPolicy of a dead-letter queue: which source queues may use it. */
    redriveAllow: z
      .object({ permission: z.enum(['allowAll', 'denyAll', 'byQueue']), sourceQueues: z.array(z.string().min(1)).default([]) })
      .strict()
      .optional(),
    contentBasedDeduplication: z.boolean().default(false),
    /** High-throughput FIFO: DeduplicationScope=messageGroup and FifoThroughputLimit=perMessageGroupId. */
    highThroughput: z.boolean().default(false),
    /** Standard queues: the share of messages stored twice, so delivered twice (at-least-once). */
    duplicateRate: z.number().min(0).max(1).default(0.001),
  })
  .strict();

export const sqsProducerSpec = z
  .object({
    name: z.string().min(1).optional(),
    queue: z.string().min(1),
    rate,
    /** Body size in bytes. */
    size: sizeDist.default(1024),
    /**
     * Each message belongs to one of this many customers (`customer-0` …), drawn evenly, and takes
     * the next place in that customer's sequence: worker pools count processing out of that order.
     */
    customers: z.number().int().min(1).optional(),
    /**
     * FIFO MessageGroupId: `random` draws it evenly from `group-0` … `group-(count−1)`; `single`
     * sends everything as `group-0`; `customer`
     * uses the customer id (needs `customers`); `message` gives every message a group of its own.
     */
    groups: z
      .object({ count: z.number().int().min(1).default(1), by: z.enum(['random', 'single', 'customer', 'message']).default('random') })
      .strict()
      .default({ count: 1, by: 'random' }),
    /** Messages per SendMessageBatch call (1 = SendMessage). */
    batch: z.number().int().min(1).max(10).default(1),
    /** A batch leaves when full, or when its first message has waited this long. */
    batchWait: duration.default(100),
    /**
     * `retryDuplicates`: share of sends that repeat a recent message (a producer retry). `id`: the
     * FIFO MessageDeduplicationId is the message's own (`message`) or a fresh one on every send
     * (`attempt`, a UUID per call: retries are not recognised).
     */
    dedup: z
      .object({ retryDuplicates: z.number().min(0).max(1).default(0), id: z.enum(['message', 'attempt']).default('message') })
      .strict()
      .default({ retryDuplicates: 0, id: 'message' }),
    /** Share of messages whose processing always fails (poison messages). */
    poisonShare: z.number().min(0).max(1).default(0),
    /**
     * The claim-check pattern (the Extended Client Library's payload support): a body larger than
     * `over` is written to the engine's S3 as `bucket`/`PRODUCER/N` and the queue gets a small
     * pointer message instead. `enabled: false` keeps the settings but sends every body inline.
     */
    claimCheck: z.object({ bucket: z.string().min(3).max(63), over: size, enabled: z.boolean().default(true) }).strict().optional(),
    /** Throttled sends (FIFO limits) are retried this many times, with exponential backoff. */
    retries: z.number().int().min(0).default(3),
    start: duration.default(0),
    stop: duration.optional(),
  })
  .strict();

export const workerPoolSpec = z
  .object({
    name: z.string().min(1),
    queue: z.string().min(1),
    workers: z.number().int().min(1).default(1),
    /** MaxNumberOfMessages of each ReceiveMessage call. */
    batch: z.number().int().min(1).max(10).default(1),
    /** WaitTimeSeconds; the queue's ReceiveMessageWaitTimeSeconds when absent. */
    waitTime: duration.optional(),
    processing: processingTime.default(100),
    failureRate: z.number().min(0).max(1).default(0),
    /** Duplicates do no harm: processing a message again has no second side effect. */
    idempotent: z.boolean().default(false),
    /** Delete a receive's successful messages with one DeleteMessageBatch after the last of them. */
    deleteInBatch: z.boolean().default(false),
    /** Keep messages invisible while they are processed (ChangeMessageVisibility heartbeats). */
    extendVisibility: z.boolean().default(false),
    /** Reads claim-check pointers: fetches the payload from S3. Without it a pointer message fails processing. */
    claimCheck: z.boolean().default(false),
    start: duration.default(0),
  })
  .strict();

export const sqsSection = z
  .object({
    queues: z.array(queueSpec).default([]),
    producers: z.array(sqsProducerSpec).default([]),
    consumers: z.array(workerPoolSpec).default([]),
  })
  .strict();

export type SqsSection = z.output<typeof sqsSection>;
export type QueueSpec = z.output<typeof queueSpec>;
export type SqsProducerSpec = z.output<typeof sqsProducerSpec>;
export type WorkerPoolSpec = z.output<typeof workerPoolSpec>;
export type ProcessingTime = z.output<typeof processingTime>;
