import { describe, expect, it } from 'vitest';
import { bind, Dispatcher, parseCommand } from '../../src/sim/commands/index.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import { iotCommandTable, iotDataCommandTable } from '../../src/sim/iot/commands.js';
import { IotService } from '../../src/sim/iot/service.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';
import { commandRunner } from '../helpers/command-runner.js';

// `aws iot …` and `aws iot-data …`: AWS CLI flags, AWS response shapes, AWS error names.

function setup() {
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const iot = new IotService({ sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', new ObjectStore()]]) });
  const d = new Dispatcher([bind(iotCommandTable, iot), bind(iotDataCommandTable, iot)]);
  const { run, ok, fail } = commandRunner(d);
  return { sim, kinesis, iot, d, run, ok, fail };
}

/** A shell double-quoted word, as one would type JSON holding single quotes. */
const q = (text: string) => `"${text.replace(/[\\"$`]/g, '\\$&')}"`;

const RULE = q(JSON.stringify({
  sql: "SELECT deviceId, temp FROM 'sensors/+/telemetry' WHERE temp > 30",
  actions: [{ kinesis: { streamName: 'telemetry', partitionKey: '${topic(2)}', roleArn: 'arn:aws:iam::123456789012:role/iot' } }],
  errorAction: { s3: { bucketName: 'errors', key: '${timestamp()}', roleArn: 'arn:aws:iam::123456789012:role/iot' } },
  ruleDisabled: false,
  awsIotSqlVersion: '2016-03-23',
}));

describe('aws iot: the registry', () => {
  it('create-thing, describe-thing, list-things', () => {
    const { ok, fail } = setup();
    expect(ok('aws iot create-thing --thing-name thing-0001')).toEqual({ thingName: 'thing-0001', thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/thing-0001', thingId: '00000001-0000-4000-8000-000000000001' });
    ok(`aws iot create-thing --thing-name gw --attribute-payload '{"attributes": {"site": "north"}}'`);
    expect(ok('aws iot create-thing --thing-name thing-0001').thingName).toBe('thing-0001');
    expect(fail(`aws iot create-thing --thing-name thing-0001 --attribute-payload '{"attributes": {"x": "1"}}'`)).toBe('An error occurred (ResourceAlreadyExistsException) when calling the CreateThing operation: Thing thing-0001 already exists in account with different attributes');
    expect(fail('aws iot create-thing --thing-name bad/name')).toContain('(InvalidRequestException) when calling the CreateThing operation');
    expect(ok('aws iot list-things')).toEqual({
      things: [
        { thingName: 'thing-0001', thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/thing-0001', attributes: {}, version: 1 },
        { thingName: 'gw', thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/gw', attributes: { site: 'north' }, version: 1 },
      ],
    });
    expect(ok('aws iot list-things --attribute-name site --attribute-value north').things.map((t: any) => t.thingName)).toEqual(['gw']);
    expect(ok('aws iot describe-thing --thing-name gw')).toMatchObject({ defaultClientId: 'gw', thingName: 'gw', attributes: { site: 'north' } });
    expect(fail('aws iot describe-thing --thing-name nope')).toBe('An error occurred (ResourceNotFoundException) when calling the DescribeThing operation: Thing nope cannot be found.');
  });
});

describe('aws iot: topic rules', () => {
  it('create-topic-rule, get-topic-rule, list-topic-rules, disable, delete', () => {
    const { ok, fail, sim } = setup();
    sim.runUntil(42_000);
    expect(ok(`aws iot create-topic-rule --rule-name hot --topic-rule-payload ${RULE}`)).toBeNull();
    expect(ok('aws iot get-topic-rule --rule-name hot')).toEqual({
      ruleArn: 'arn:aws:iot:us-east-1:123456789012:rule/hot',
      rule: {
        ruleName: 'hot',
        sql: "SELECT deviceId, temp FROM 'sensors/+/telemetry' WHERE temp > 30",
        description: '',
        createdAt: 42,
        actions: [{ kinesis: { streamName: 'telemetry', roleArn: 'arn:aws:iam::123456789012:role/iot', partitionKey: '${topic(2)}' } }],
        ruleDisabled: false,
        awsIotSqlVersion: '2016-03-23',
        errorAction: { s3: { bucketName: 'errors', key: '${timestamp()}', roleArn: 'arn:aws:iam::123456789012:role/iot' } },
      },
    });
    ok(`aws iot create-topic-rule --rule-name all --topic-rule-payload ${q(`{"sql": "SELECT * FROM '#'"}`)}`);
    expect(ok('aws iot get-topic-rule --rule-name all').rule.awsIotSqlVersion).toBe('2015-10-08');
    expect(ok('aws iot list-topic-rules')).toEqual({
      rules: [
        { ruleArn: 'arn:aws:iot:us-east-1:123456789012:rule/all', ruleName: 'all', topicPattern: '#', createdAt: 42, ruleDisabled: false },
        { ruleArn: 'arn:aws:iot:us-east-1:123456789012:rule/hot', ruleName: 'hot', topicPattern: 'sensors/+/telemetry', createdAt: 42, ruleDisabled: false },
      ],
    });
    expect(ok("aws iot list-topic-rules --topic 'sensors/+/telemetry'").rules).toHaveLength(1);
    ok('aws iot disable-topic-rule --rule-name all');
    expect(ok('aws iot list-topic-rules --rule-disabled').rules.map((r: any) => r.ruleName)).toEqual(['all']);
    ok('aws iot delete-topic-rule --rule-name all');
    expect(fail('aws iot get-topic-rule --rule-name all')).toBe('An error occurred (UnauthorizedException) when calling the GetTopicRule operation: Rule all does not exist');
    expect(fail(`aws iot create-topic-rule --rule-name hot --topic-rule-payload ${RULE}`)).toBe('An error occurred (ResourceAlreadyExistsException) when calling the CreateTopicRule operation: Rule hot already exists');
  });

  it('a statement that does not parse is a SqlParseException with its position', () => {
    const { fail } = setup();
    expect(fail(`aws iot create-topic-rule --rule-name r --topic-rule-payload '{"sql": "SELECT temp FROM sensors"}'`)).toBe(
      "An error occurred (SqlParseException) when calling the CreateTopicRule operation: Line 1:17 mismatched input 'sensors' expecting a topic filter in single quotes, e.g. 'sensors/+/telemetry'",
    );
    expect(fail(`aws iot create-topic-rule --rule-name r --topic-rule-payload '{"sql": }'`)).toContain('(InvalidRequestException) when calling the CreateTopicRule operation: topicRulePayload is not valid JSON');
    expect(fail(`aws iot create-topic-rule --rule-name r --topic-rule-payload '{"actions": []}'`)).toContain("Value null at 'topicRulePayload.sql'");
  });

  it('replace-topic-rule swaps the statement and keeps the counts apart', () => {
    const { ok, iot } = setup();
    ok(`aws iot create-topic-rule --rule-name r --topic-rule-payload ${q(`{"sql": "SELECT * FROM 'a'"}`)}`);
    iot.publishHttp('a', '{}', 0, false);
    ok(`aws iot replace-topic-rule --rule-name r --topic-rule-payload ${q(`{"sql": "SELECT * FROM 'b'"}`)}`);
    iot.publishHttp('a', '{}', 0, false);
    iot.publishHttp('b', '{}', 0, false);
    expect(iot.metrics().rules.r).toMatchObject({ sql: "SELECT * FROM 'b'", evaluated: 1 });
  });
});

describe('aws iot: policies', () => {
  it('create-policy, get-policy, list-policies; malformed documents are refused', () => {
    const { ok, fail } = setup();
    const doc = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:Publish", "Resource": "arn:aws:iot:us-east-1:123456789012:topic/sensors/${iot:Connection.Thing.ThingName}/*"}]}';
    const created = ok(`aws iot create-policy --policy-name devices --policy-document '${doc}'`);
    expect(created).toEqual({ policyName: 'devices', policyArn: 'arn:aws:iot:us-east-1:123456789012:policy/devices', policyDocument: JSON.stringify(JSON.parse(doc)), policyVersionId: '1' });
    expect(ok('aws iot get-policy --policy-name devices')).toMatchObject({ policyName: 'devices', defaultVersionId: '1' });
    expect(ok('aws iot list-policies')).toEqual({ policies: [{ policyName: 'devices', policyArn: 'arn:aws:iot:us-east-1:123456789012:policy/devices' }] });
    expect(fail(`aws iot create-policy --policy-name devices --policy-document '${doc}'`)).toBe('An error occurred (ResourceAlreadyExistsException) when calling the CreatePolicy operation: Policy cannot be created - name already exists (name=devices)');
    expect(fail(`aws iot create-policy --policy-name bad --policy-document '{"Statement": [{"Effect": "Allow"}]}'`)).toBe('An error occurred (MalformedPolicyException) when calling the CreatePolicy operation: Policy document is malformed: Statement[0] has no Action');
  });
});

describe('aws iot-data', () => {
  it('publish: text or base64 payloads, QoS, retained messages and the limits as AWS errors', () => {
    const { ok, fail, iot } = setup();
    const sub = iot.subscribe('s', 'sensors/#', null);
    expect(ok(`aws iot-data publish --topic sensors/t1/telemetry --cli-binary-format raw-in-base64-out --payload '{"temp": 31}'`)).toBeNull();
    ok(`aws iot-data publish --topic sensors/t1/status --payload ${Buffer.from('{"up": true}').toString('base64')} --qos 1 --retain`);
    expect(sub.received).toBe(2);
    expect(ok('aws iot-data get-retained-message --topic sensors/t1/status')).toEqual({ topic: 'sensors/t1/status', payload: Buffer.from('{"up": true}').toString('base64'), qos: 1, lastModifiedTime: 0 });
    expect(ok('aws iot-data list-retained-messages')).toEqual({ retainedTopics: [{ topic: 'sensors/t1/status', payloadSize: 12, qos: 1, lastModifiedTime: 0 }] });
    expect(fail('aws iot-data get-retained-message --topic nope')).toBe('An error occurred (ResourceNotFoundException) when calling the GetRetainedMessage operation: No retained message exists for topic nope');
    expect(fail('aws iot-data publish --topic a --qos 2')).toBe("An error occurred (InvalidRequestException) when calling the Publish operation: 1 validation error detected: Value '2' at 'qos' failed to satisfy constraint: Member must have value less than or equal to 1");
    expect(fail("aws iot-data publish --topic 'a/+'")).toBe('An error occurred (InvalidRequestException) when calling the Publish operation: topic "a/+" contains a wildcard; + and # are only for topic filters');
    expect(fail(`aws iot-data publish --topic a --cli-binary-format raw-in-base64-out --payload ${'x'.repeat(128_001)}`)).toBe('An error occurred (RequestEntityTooLargeException) when calling the Publish operation: The payload exceeds the maximum size allowed (128001 bytes)');
    expect(iot.metrics()).toMatchObject({ published: 5, accepted: 2, rejected: { qos2: 1, topicInvalid: 1, payloadTooLarge: 1 } });
  });

  it('help lists both services, and Tab offers rule and thing names', () => {
    const { run, d, ok } = setup();
    ok('aws iot create-thing --thing-name lamp');
    ok(`aws iot create-topic-rule --rule-name hot --topic-rule-payload ${q(`{"sql": "SELECT * FROM 'a'"}`)}`);
    expect(run('aws help').text).toContain('iot-data');
    expect(run('aws iot help').text).toContain('create-topic-rule');
    expect(run('aws iot-data update-thing-shadow help').text).toContain('--shadow-name');
    expect(d.complete('aws iot get-topic-rule --rule-name ').candidates).toEqual(['hot']);
    expect(d.complete('aws iot-data get-thing-shadow --thing-name l').candidates).toEqual(['lamp']);
    expect(d.complete('aws iot-data pub').candidates).toEqual(['publish']);
  });

  it('scenario actions can use both services (the registry knows the tables)', () => {
    expect(parseCommand('aws iot list-things').kind).toBe('invocation');
    expect(parseCommand("aws iot-data publish --topic a --payload '{}'").kind).toBe('invocation');
    expect(parseCommand('aws iot-data publsh --topic a')).toMatchObject({ kind: 'usage-error', invalid: 'publsh' });
  });
});
