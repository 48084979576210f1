import { AwsError } from '../kinesis/errors.js';
import type { Args, CommandSpec, FlagSpec, ServiceTable } from '../commands/types.js';
import type { IotService, TopicRulePayload } from './service.js';
import { publishTopicProblem, utf8Bytes } from './topics.js';

// `aws iot …` (registry, rules, policies) and `aws iot-data …` (publish, shadows, retained
// messages) against the engine. Flag names and response shapes follow the AWS CLI; the
// service enforces the rules.

type Flag = FlagSpec<IotService>;

const thingName: Flag = { name: 'thing-name', type: 'string', required: true, help: 'The name of the thing.', suggest: (ctx) => [...ctx.things.keys()] };
const ruleName: Flag = { name: 'rule-name', type: 'string', required: true, help: 'The name of the rule.', suggest: (ctx) => [...ctx.rules.keys()] };
const shadowName: Flag = {
  name: 'shadow-name',
  type: 'string',
  help: 'The name of a named shadow; leave it out for the classic shadow.',
  suggest: (ctx, args) => ctx.shadows.names(args.optString('thing-name') ?? ''),
};
const binaryFormat: Flag = {
  name: 'cli-binary-format',
  type: 'string',
  help: 'raw-in-base64-out sends --payload as the text itself; otherwise valid base64 is decoded first (AWS CLI v2).',
  choices: ['base64', 'raw-in-base64-out'],
};
const outfile = { name: 'outfile', help: 'Where the CLI writes the document; the engine prints it instead.' };

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AwsError('InvalidRequestException', `${field} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The CLI sends a blob as base64 when it reads as base64 and raw-in-base64-out is not set. */
function payloadText(args: Args, flag = 'payload'): string {
  const text = args.optString(flag) ?? '';
  if (args.optString('cli-binary-format') === 'raw-in-base64-out') return text;
  const base64 = text.length > 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text);
  return base64 ? Buffer.from(text, 'base64').toString('utf8') : text;
}

const iotCommands: CommandSpec<IotService>[] = [
  {
    name: 'create-thing',
    operation: 'CreateThing',
    summary: 'Registers a thing (a device) in the registry.',
    flags: [
      { ...thingName, suggest: undefined },
      { name: 'attribute-payload', type: 'string', help: 'JSON {"attributes": {"key": "value"}}.' },
    ],
    run(ctx, args) {
      const raw = args.optString('attribute-payload');
      let attributes: Record<string, string> = {};
      if (raw !== undefined) {
        const parsed = parseJson(raw, 'attributePayload') as { attributes?: Record<string, unknown> };
        attributes = Object.fromEntries(Object.entries(parsed?.attributes ?? {}).map(([k, v]) => [k, String(v)]));
      }
      const t = ctx.createThing(args.string('thing-name'), attributes);
      return { thingName: t.thingName, thingArn: t.thingArn, thingId: t.thingId };
    },
  },
  {
    name: 'describe-thing',
    operation: 'DescribeThing',
    summary: 'Describes a thing: its ARN, id, attributes and version.',
    flags: [thingName],
    run(ctx, args) {
      const name = args.string('thing-name');
      const t = ctx.things.get(name);
      if (!t) throw new AwsError('ResourceNotFoundException', `Thing ${name} cannot be found.`);
      return { defaultClientId: t.thingName, thingName: t.thingName, thingId: t.thingId, thingArn: t.thingArn, attributes: t.attributes, version: t.version };
    },
  },
  {
    name: 'list-things',
    operation: 'ListThings',
    summary: 'Lists the things in the registry.',
    flags: [
      { name: 'attribute-name', type: 'string', help: 'Only things with this attribute…' },
      { name: 'attribute-value', type: 'string', help: '…set to this value.' },
      { name: 'max-results', type: 'integer', help: 'At most this many things (the engine does not page).' },
    ],
    run(ctx, args) {
      const attr = args.optString('attribute-name');
      const value = args.optString('attribute-value');
      let things = [...ctx.things.values()].filter((t) => attr === undefined || (t.attributes[attr] !== undefined && (value === undefined || t.attributes[attr] === value)));
      const max = args.optInt('max-results');
      if (max !== undefined) things = things.slice(0, Math.max(1, max));
      return { things: things.map((t) => ({ thingName: t.thingName, thingArn: t.thingArn, attributes: t.attributes, version: t.version })) };
    },
  },
  {
    name: 'create-topic-rule',
    operation: 'CreateTopicRule',
    summary: 'Creates a rule: SQL over a topic filter and the actions for matching messages.',
    flags: [
      { ...ruleName, suggest: undefined },
      { name: 'topic-rule-payload', type: 'string', required: true, help: 'JSON {"sql": "SELECT … FROM \'topic/+\' WHERE …", "actions": [{"kinesis": {"streamName": …, "partitionKey": "${topic(2)}"}}], "errorAction": {…}, "ruleDisabled": false, "awsIotSqlVersion": "2016-03-23"}.' },
    ],
    run(ctx, args) {
      ctx.createTopicRule(args.string('rule-name'), rulePayload(args));
      return undefined;
    },
  },
  {
    name: 'replace-topic-rule',
    operation: 'ReplaceTopicRule',
    summary: 'Replaces a rule’s SQL and actions.',
    flags: [ruleName, { name: 'topic-rule-payload', type: 'string', required: true, help: 'The new payload, as for create-topic-rule.' }],
    run(ctx, args) {
      const name = args.string('rule-name');
      ctx.topicRule(name);
      ctx.createTopicRule(name, rulePayload(args), true);
      return undefined;
    },
  },
  {
    name: 'get-topic-rule',
    operation: 'GetTopicRule',
    summary: 'Shows a rule: its SQL, actions and error action.',
    flags: [ruleName],
    run(ctx, args) {
      const rule = ctx.topicRule(args.string('rule-name'));
      return { ruleArn: rule.arn, rule: rule.definition() };
    },
  },
  {
    name: 'list-topic-rules',
    operation: 'ListTopicRules',
    summary: 'Lists the rules, optionally those on one topic.',
    flags: [
      { name: 'topic', type: 'string', help: 'Only rules whose FROM topic filter is this.' },
      { name: 'rule-disabled', type: 'boolean', help: 'Only disabled (or, with --no-rule-disabled, enabled) rules.' },
    ],
    run(ctx, args) {
      const topic = args.optString('topic');
      const disabled = args.has('rule-disabled') ? args.bool('rule-disabled') : undefined;
      const rules = [...ctx.rules.values()]
        .filter((r) => (topic === undefined || r.query.from === topic) && (disabled === undefined || r.options.disabled === disabled))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      return { rules: rules.map((r) => ({ ruleArn: r.arn, ruleName: r.name, topicPattern: r.query.from ?? '', createdAt: r.options.createdAt, ruleDisabled: r.options.disabled })) };
    },
  },
  {
    name: 'delete-topic-rule',
    operation: 'DeleteTopicRule',
    summary: 'Deletes a rule.',
    flags: [ruleName],
    run(ctx, args) {
      ctx.deleteTopicRule(args.string('rule-name'));
      return undefined;
    },
  },
  {
    name: 'enable-topic-rule',
    operation: 'EnableTopicRule',
    summary: 'Enables a rule.',
    flags: [ruleName],
    run(ctx, args) {
      ctx.topicRule(args.string('rule-name')).options.disabled = false;
      return undefined;
    },
  },
  {
    name: 'disable-topic-rule',
    operation: 'DisableTopicRule',
    summary: 'Disables a rule: it sees no messages until enabled.',
    flags: [ruleName],
    run(ctx, args) {
      ctx.topicRule(args.string('rule-name')).options.disabled = true;
      return undefined;
    },
  },
  {
    name: 'create-policy',
    operation: 'CreatePolicy',
    summary: 'Creates a policy (Allow and Deny over iot:Connect, Publish, Subscribe, Receive).',
    flags: [
      { name: 'policy-name', type: 'string', required: true, help: 'The name of the policy.' },
      { name: 'policy-document', type: 'string', required: true, help: 'JSON {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:Publish", "Resource": "arn:aws:iot:us-east-1:123456789012:topic/sensors/${iot:Connection.Thing.ThingName}/*"}]}.' },
    ],
    run(ctx, args) {
      const p = ctx.createPolicy(args.string('policy-name'), args.string('policy-document'));
      return { policyName: p.name, policyArn: p.arn, policyDocument: p.document, policyVersionId: '1' };
    },
  },
  {
    name: 'get-policy',
    operation: 'GetPolicy',
    summary: 'Shows a policy document.',
    flags: [{ name: 'policy-name', type: 'string', required: true, help: 'The name of the policy.', suggest: (ctx) => [...ctx.policies.keys()] }],
    run(ctx, args) {
      const name = args.string('policy-name');
      const p = ctx.policies.get(name);
      if (!p) throw new AwsError('ResourceNotFoundException', `Policy not found (name=${name})`);
      return { policyName: p.name, policyArn: p.arn, policyDocument: p.document, defaultVersionId: '1' };
    },
  },
  {
    name: 'list-policies',
    operation: 'ListPolicies',
    summary: 'Lists the policies.',
    flags: [],
    run(ctx) {
      return { policies: [...ctx.policies.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => ({ policyName: p.name, policyArn: p.arn })) };
    },
  },
];

function rulePayload(args: Args): TopicRulePayload {
  const payload = parseJson(args.string('topic-rule-payload'), 'topicRulePayload');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new AwsError('InvalidRequestException', 'topicRulePayload must be a JSON object with at least "sql"');
  return payload as TopicRulePayload;
}

const dataCommands: CommandSpec<IotService>[] = [
  {
    name: 'publish',
    operation: 'Publish',
    summary: 'Publishes a message to a topic (QoS 0 or 1, optionally retained).',
    flags: [
      { name: 'topic', type: 'string', required: true, help: 'The topic, e.g. sensors/thing-0001/telemetry or $aws/rules/RULE/…' },
      { name: 'payload', type: 'blob', help: 'The message: base64, or text (with --cli-binary-format raw-in-base64-out always text).' },
      { name: 'qos', type: 'integer', help: '0 (default) or 1; IoT Core refuses 2.' },
      { name: 'retain', type: 'boolean', help: 'Keep it as the topic’s retained message (an empty payload clears it).' },
      binaryFormat,
    ],
    run(ctx, args) {
      const topic = args.string('topic');
      const payload = payloadText(args);
      const qos = args.optInt('qos') ?? 0;
      const outcome = ctx.publishHttp(topic, payload, qos, args.bool('retain'));
      switch (outcome) {
        case 'accepted':
          return undefined;
        case 'topicInvalid':
          throw new AwsError('InvalidRequestException', ctx.broker.topicProblem(topic) ?? publishTopicProblem(topic) ?? `Invalid topic: ${topic}`);
        case 'payloadTooLarge':
          throw new AwsError('RequestEntityTooLargeException', `The payload exceeds the maximum size allowed (${utf8Bytes(payload)} bytes)`);
        case 'qos2':
          throw new AwsError('InvalidRequestException', `1 validation error detected: Value '${qos}' at 'qos' failed to satisfy constraint: Member must have value less than or equal to 1`);
        case 'denied':
          throw new AwsError('InvalidRequestException', 'Not authorized');
      }
    },
  },
  {
    name: 'update-thing-shadow',
    operation: 'UpdateThingShadow',
    summary: 'Updates a shadow’s desired or reported state; prints the accepted document.',
    flags: [thingName, shadowName, { name: 'payload', type: 'blob', required: true, help: 'JSON {"state": {"desired": {…}, "reported": {…}}, "version": N, "clientToken": "…"}.' }, binaryFormat],
    positional: outfile,
    run(ctx, args) {
      return ctx.shadowHttp('update', args.string('thing-name'), args.optString('shadow-name') ?? null, payloadText(args));
    },
  },
  {
    name: 'get-thing-shadow',
    operation: 'GetThingShadow',
    summary: 'Prints a shadow: state (desired, reported, delta), metadata, version.',
    flags: [thingName, shadowName],
    positional: outfile,
    run(ctx, args) {
      return ctx.shadowHttp('get', args.string('thing-name'), args.optString('shadow-name') ?? null);
    },
  },
  {
    name: 'delete-thing-shadow',
    operation: 'DeleteThingShadow',
    summary: 'Deletes a shadow.',
    flags: [thingName, shadowName],
    positional: outfile,
    run(ctx, args) {
      return ctx.shadowHttp('delete', args.string('thing-name'), args.optString('shadow-name') ?? null);
    },
  },
  {
    name: 'list-named-shadows-for-thing',
    operation: 'ListNamedShadowsForThing',
    summary: 'Lists a thing’s named shadows.',
    flags: [thingName],
    run(ctx, args) {
      return { results: ctx.shadows.names(args.string('thing-name')), timestamp: Math.floor(ctx.sim.now / 1000) };
    },
  },
  {
    name: 'get-retained-message',
    operation: 'GetRetainedMessage',
    summary: 'Shows the retained message of a topic.',
    flags: [{ name: 'topic', type: 'string', required: true, help: 'The topic.', suggest: (ctx) => [...ctx.broker.retained.keys()] }],
    run(ctx, args) {
      const topic = args.string('topic');
      const m = ctx.broker.retained.get(topic);
      if (!m) throw new AwsError('ResourceNotFoundException', `No retained message exists for topic ${topic}`);
      return { topic, payload: Buffer.from(m.payload, 'utf8').toString('base64'), qos: m.qos, lastModifiedTime: m.lastModifiedTime };
    },
  },
  {
    name: 'list-retained-messages',
    operation: 'ListRetainedMessages',
    summary: 'Lists the topics that have a retained message.',
    flags: [],
    run(ctx) {
      return {
        retainedTopics: [...ctx.broker.retained.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([topic, m]) => ({ topic, payloadSize: utf8Bytes(m.payload), qos: m.qos, lastModifiedTime: m.lastModifiedTime })),
      };
    },
  },
];

export const iotCommandTable: ServiceTable<IotService> = { service: 'iot', summary: 'AWS IoT Core: things, topic rules, policies', commands: iotCommands };
export const iotDataCommandTable: ServiceTable<IotService> = { service: 'iot-data', summary: 'AWS IoT data plane: publish, device shadows, retained messages', commands: dataCommands };
