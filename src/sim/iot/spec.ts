import { z } from 'zod';
import { duration, rate, size } from '../scenario/spec.js';

// The scenario's `iot:` section (docs/scenarios.md, "IoT Core"): the thing registry, device
// groups and their payloads, subscribers, topic rules and their actions, policies and shadows.

/** A payload field: a constant, a `${thing}`-style template, a generator, or nested fields. */
export type FieldSpec = string | number | boolean | null | FieldSpec[] | { [key: string]: FieldSpec };

const pair = z.tuple([z.number(), z.number()]);
const GENERATOR_KEYS = ['normal', 'uniform', 'int', 'choice', 'pad'];
const decimals = z.number().int().min(0).max(10).optional();

export const fieldSpec: z.ZodType<FieldSpec, unknown> = z.lazy(() =>
  z.union([
    z.number(),
    z.boolean(),
    z.null(),
    z.string(),
    z.object({ normal: pair, decimals }).strict(),
    z.object({ uniform: pair, decimals }).strict(),
    z.object({ int: z.tuple([z.number().int(), z.number().int()]) }).strict(),
    z.object({ choice: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1) }).strict(),
    z.object({ pad: size }).strict(),
    z.array(fieldSpec),
    // Nested fields; a key of a generator here is a generator written wrongly, not a field.
    z.record(z.string(), fieldSpec).refine((o) => !Object.keys(o).some((k) => GENERATOR_KEYS.includes(k)), {
      message: 'a generator is one of {normal: [mean, sd]}, {uniform: [min, max]} (each with an optional decimals), {int: [min, max]}, {choice: [...]}, {pad: SIZE}',
    }),
  ]),
) as z.ZodType<FieldSpec, unknown>;

export const THING_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;
export const RULE_NAME = /^[a-zA-Z0-9_]{1,128}$/;

const thingName = z.string().regex(THING_NAME, 'a thing name is 1–128 of a-z A-Z 0-9 : _ -');
const ruleName = z.string().regex(RULE_NAME, 'a rule name is 1–128 of a-z A-Z 0-9 _');

export const deviceGroupSpec = z
  .object({
    name: thingName,
    count: z.number().int().min(1).default(1),
    /** Thing names are PREFIX0001…; the default prefix is `NAME-`. */
    prefix: z.string().regex(/^[a-zA-Z0-9:_-]*$/).optional(),
    /** `${thing}` is the device's thing name, `${group}` the group's name. */
    topic: z.string().min(1),
    /** Messages per second per device. */
    rate,
    payload: z.record(z.string(), fieldSpec).default({}),
    /** Publish through Basic Ingest to this rule: `$aws/rules/RULE/` + topic. */
    basicIngest: ruleName.optional(),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    retain: z.boolean().default(false),
    start: duration.default(0),
    stop: duration.optional(),
  })
  .strict();

export const subscriberSpec = z
  .object({
    name: z.string().min(1),
    filter: z.string().min(1),
    /** The thing the client's certificate is attached to (policies' thing-name variable). */
    thing: thingName.optional(),
    /** When it subscribes; retained messages matching its filter arrive then. */
    at: duration.default(0),
  })
  .strict();

const kinesisAction = z.object({ stream: z.string().min(1), partitionKey: z.string().min(1).optional() }).strict();
const sqsAction = z.object({ queue: z.string().min(1) }).strict();
const firehoseAction = z.object({ deliveryStream: z.string().min(1), separator: z.enum(['\n', '\t', '\r\n', ',']).optional() }).strict();
const lambdaAction = z.object({ function: z.string().min(1), duration: duration.default(100) }).strict();
const republishAction = z.object({ topic: z.string().min(1), qos: z.union([z.literal(0), z.literal(1)]).default(0) }).strict();
const s3Action = z.object({ bucket: z.string().min(1), key: z.string().min(1) }).strict();

export const ruleActionSpec = z.union([
  z.object({ kinesis: kinesisAction }).strict(),
  z.object({ sqs: sqsAction }).strict(),
  z.object({ firehose: firehoseAction }).strict(),
  z.object({ lambda: lambdaAction }).strict(),
  z.object({ republish: republishAction }).strict(),
  z.object({ s3: s3Action }).strict(),
]);

export const ruleSpec = z
  .object({
    name: ruleName,
    sql: z.string().min(1),
    description: z.string().optional(),
    actions: z.array(ruleActionSpec).default([]),
    errorAction: ruleActionSpec.optional(),
    disabled: z.boolean().default(false),
    sqlVersion: z.enum(['2016-03-23', '2015-10-08', 'beta']).default('2016-03-23'),
  })
  .strict();

export const policySpec = z
  .object({
    name: z.string().regex(/^[\w+=,.@-]{1,128}$/, 'a policy name is 1–128 of a-z A-Z 0-9 _ + = , . @ -'),
    /** The policy document, as YAML or as JSON text. */
    document: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  })
  .strict();

const stateSection = z.record(z.string(), z.unknown());

/** The thing behind a shadow, acting on its deltas as device firmware does. */
export const shadowDeviceSpec = z
  .object({
    /** Time from a delta (or a get answer holding one) to the report of the applied fields. */
    applyAfter: duration.default(1000),
    /** Times the device is disconnected: deltas published meanwhile never reach it. */
    offline: z.array(z.object({ from: duration, to: duration }).strict()).default([]),
    /** On connecting: `get` asks for the document and applies its delta; `none` waits for the next delta. */
    onConnect: z.enum(['get', 'none']).default('get'),
  })
  .strict();

export const shadowSpec = z
  .object({
    thing: thingName,
    /** A named shadow; the classic (unnamed) shadow without it. */
    name: z.string().regex(/^[$a-zA-Z0-9:_-]{1,64}$/).optional(),
    desired: stateSection.optional(),
    reported: stateSection.optional(),
    device: shadowDeviceSpec.optional(),
    updates: z
      .array(
        z
          .object({
            at: duration,
            desired: stateSection.nullable().optional(),
            reported: stateSection.nullable().optional(),
            version: z.number().int().optional(),
            clientToken: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const iotSpec = z
  .object({
    things: z.array(z.union([thingName, z.object({ name: thingName, attributes: z.record(z.string(), z.string()).default({}) }).strict()])).default([]),
    /** Registers COUNT things PREFIX0001… (no traffic of their own). */
    fleet: z.object({ count: z.number().int().min(1), prefix: z.string().regex(/^[a-zA-Z0-9:_-]*$/).default('thing-') }).strict().optional(),
    devices: z.array(deviceGroupSpec).default([]),
    subscribers: z.array(subscriberSpec).default([]),
    rules: z.array(ruleSpec).default([]),
    policies: z.array(policySpec).default([]),
    shadows: z.array(shadowSpec).default([]),
  })
  .strict();

export type IotSpec = z.output<typeof iotSpec>;
export type DeviceGroupSpec = z.output<typeof deviceGroupSpec>;
export type SubscriberSpec = z.output<typeof subscriberSpec>;
export type RuleSpec = z.output<typeof ruleSpec>;
export type RuleActionSpec = z.output<typeof ruleActionSpec>;
export type PolicySpec = z.output<typeof policySpec>;
export type ShadowSpec = z.output<typeof shadowSpec>;
export type ShadowDeviceSpec = z.output<typeof shadowDeviceSpec>;
