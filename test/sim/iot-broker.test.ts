import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { meteredUnits } from '../../src/sim/iot/broker.js';
import { IotService, type TopicRulePayload } from '../../src/sim/iot/service.js';
import { AwsError } from '../../src/sim/kinesis/errors.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';

// The broker and the rules engine: limits on what a client may publish, Basic Ingest, metering,
// retained messages, and every rule action (with stand-ins for the SQS and Firehose services).

function setup(services: [string, unknown][] = []) {
  const sim = new Simulation({ seed: 7 });
  const kinesis = new KinesisService(sim);
  const s3 = new ObjectStore();
  const world = { sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', s3], ...services]) };
  const iot = new IotService(world);
  const device = (thing = 'thing-0001') => ({ clientId: thing, thing });
  const pub = (topic: string, payload: unknown, options: { qos?: number; retain?: boolean; thing?: string } = {}) => {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return iot.broker.publish(device(options.thing), topic, text, undefined, options.qos ?? 0, options.retain ?? false);
  };
  const rule = (name: string, sql: string, actions: unknown[] = [], errorAction?: unknown) => {
    const payload: TopicRulePayload = { sql, actions, awsIotSqlVersion: '2016-03-23' };
    if (errorAction !== undefined) payload.errorAction = errorAction;
    return iot.createTopicRule(name, payload);
  };
  return { sim, kinesis, s3, world, iot, pub, rule };
}

describe('what a client may publish', () => {
  it('payloads up to 128 KB pass and larger ones are rejected; QoS 2 is rejected; invalid and reserved topics are rejected', () => {
    const { iot, pub } = setup();
    expect(pub('a/b', 'x'.repeat(128_000))).toBe('accepted');
    expect(pub('a/b', 'x'.repeat(128_001))).toBe('payloadTooLarge');
    expect(pub('a/b', '{}', { qos: 1 })).toBe('accepted');
    expect(pub('a/b', '{}', { qos: 2 })).toBe('qos2');
    expect(pub('a/+', '{}')).toBe('topicInvalid');
    expect(pub('1/2/3/4/5/6/7/8/9', '{}')).toBe('topicInvalid');
    expect(pub('$aws/things/t/shadow/update/accepted', '{}')).toBe('topicInvalid');
    expect(pub('$SYS/broker', '{}')).toBe('topicInvalid');
    expect(iot.broker.topicProblem('$SYS/broker')).toContain('is reserved');
    expect(iot.metrics()).toMatchObject({ published: 8, accepted: 2, rejected: { payloadTooLarge: 1, topicInvalid: 4, qos2: 1, denied: 0 } });
  });

  it('meters messages in 5 KB increments, published and delivered alike', () => {
    expect([0, 1, 5_000, 5_001, 8_000, 10_000, 128_000].map(meteredUnits)).toEqual([1, 1, 1, 2, 2, 2, 26]);
    const { iot, pub } = setup();
    iot.subscribe('a', 'm/#', null);
    iot.subscribe('b', 'm/+', null);
    pub('m/1', 'x'.repeat(8_000));
    pub('m/1/2', 'x'.repeat(100));
    expect(iot.metrics()).toMatchObject({ billableMessages: 2 + 1 + 2 + 2 + 1, billing: { published: 3, delivered: 5 }, perTopicFilter: { 'm/#': 2, 'm/+': 1 } });
  });
});

describe('Basic Ingest', () => {
  it('reaches only the named rule, whatever its FROM clause, and no subscriber, at no messaging cost', () => {
    const { iot, pub, rule } = setup();
    const a = rule('A', "SELECT topic() AS t, topic(1) AS first FROM 'other/#'", [{ s3: { bucketName: 'out', key: 'a/${timestamp()}' } }]);
    const b = rule('B', "SELECT * FROM 'sensors/#'");
    const any = iot.subscribe('any', '#', null);
    const sensors = iot.subscribe('sensors', 'sensors/#', null);
    const rules = iot.subscribe('rules', '$aws/rules/#', null);
    expect(rules.refused).toBe('Basic Ingest topics cannot be subscribed to');
    expect(pub('$aws/rules/A/sensors/t1/telemetry', { temp: 1 })).toBe('accepted');
    expect(pub('$aws/rules/missing/sensors/t1/telemetry', { temp: 1 })).toBe('accepted');
    expect([a.evaluated, a.matched, b.evaluated, any.received, sensors.received]).toEqual([1, 1, 0, 0, 0]);
    const out = (iot.world.services.get('s3') as ObjectStore).list('out');
    // topic() does not see the $aws/rules/A prefix.
    expect(JSON.parse(out[0]!.body!)).toEqual({ t: 'sensors/t1/telemetry', first: 'sensors' });
    // The same message through the broker reaches B and both subscribers instead.
    pub('sensors/t1/telemetry', { temp: 1 });
    expect([a.evaluated, b.evaluated, any.received, sensors.received]).toEqual([1, 1, 1, 1]);
    expect(iot.metrics()).toMatchObject({ published: 3, accepted: 3, basicIngest: { accepted: 2, noSuchRule: 1 }, billing: { published: 1, delivered: 2 } });
  });

  it('a disabled rule receives nothing, through the broker or Basic Ingest', () => {
    const { iot, pub, rule } = setup();
    const r = rule('off', "SELECT * FROM 'x/#'");
    r.options.disabled = true;
    pub('x/1', '{}');
    pub('$aws/rules/off/x/1', '{}');
    expect(r.evaluated).toBe(0);
    expect(iot.metrics().basicIngest.noSuchRule).toBe(1);
  });
});

describe('retained messages', () => {
  it('a new subscriber gets the last retained message of each matching topic; an empty payload clears it', () => {
    const { iot, pub } = setup();
    pub('status/t1', '{"v": 1}', { retain: true });
    pub('status/t1', '{"v": 2}', { retain: true, qos: 1 });
    pub('status/t2', '{"v": 3}', { retain: true });
    pub('status/t3', '{"v": 4}');
    const late = iot.subscribe('late', 'status/+', null);
    expect([late.received, late.retainedReceived]).toEqual([2, 2]);
    expect(iot.broker.retained.get('status/t1')).toEqual({ payload: '{"v": 2}', qos: 1, lastModifiedTime: 0 });
    pub('status/t1', '', { retain: true });
    const later = iot.subscribe('later', 'status/#', null);
    expect(later.retainedReceived).toBe(1);
    expect(iot.metrics().retainedTopics).toBe(1);
  });
});

describe('rule actions', () => {
  it('Kinesis: partition keys from a template, real throttling as an action error, each error to the error action', () => {
    const { sim, kinesis, iot, s3, rule } = setup();
    kinesis.createStream('telemetry', { shardCount: 1 });
    const r = rule('hot', "SELECT deviceId, temp FROM 'sensors/+/telemetry' WHERE temp > 30", [{ kinesis: { streamName: 'telemetry', partitionKey: '${topic(2)}' } }], { s3: { bucketName: 'errors', key: 'hot/${timestamp()}/${cloudwatchTraceId}' } });
    // 1,500 hot readings in one second against a shard's 1,000 records/s, and 500 cool ones.
    sim.at(0, 'burst', () => {
      for (let i = 0; i < 2_000; i++) {
        const thing = `thing-${String(i % 50).padStart(4, '0')}`;
        iot.broker.publish({ clientId: thing, thing }, `sensors/${thing}/telemetry`, JSON.stringify({ deviceId: thing, temp: i < 1_500 ? 35 : 20 }), undefined, 0, false);
      }
    });
    sim.runUntil(100);
    const m = r.metrics();
    expect(m).toMatchObject({ evaluated: 2_000, matched: 1_500, notMatched: 500, actions: { kinesis: { invoked: 1_500, failed: 500 } }, errorAction: { type: 's3', invoked: 500, failed: 0 } });
    const stream = kinesis.stream('telemetry');
    expect(stream.recordsIn).toBe(1_000);
    expect(stream.writeThrottled).toBe(500);
    expect(stream.keys.slice(0, 2)).toEqual(['thing-0000', 'thing-0001']);
    const shard = stream.shards[0]!;
    expect(Buffer.from(shard.log.data.get(0)!, 'base64').toString()).toBe('{"deviceId":"thing-0000","temp":35}');
    expect(shard.log.sizeAt(0)).toBe('{"deviceId":"thing-0000","temp":35}'.length + 'thing-0000'.length);
    const errors = s3.list('errors');
    expect(errors).toHaveLength(500);
    // Keys end in the trace id, so the listing order is the ids'; read one by its client.
    const body = errors.map((o) => JSON.parse(o.body!)).find((b) => b.clientId === 'thing-0007');
    expect(body).toMatchObject({ ruleName: 'hot', topic: 'sensors/thing-0007/telemetry', clientId: 'thing-0007', failures: [{ failedAction: 'KinesisAction', failedResource: 'telemetry' }] });
    expect(body.cloudwatchTraceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Buffer.from(body.base64OriginalPayload, 'base64').toString()).toBe('{"deviceId":"thing-0007","temp":35}');
    expect(body.failures[0].errorMessage).toBe(
      'Failed to put record to Kinesis stream. The error received was Rate exceeded for shard shardId-000000000000 in stream telemetry under account 123456789012. (Service: AmazonKinesis; Status Code: 400; Error Code: ProvisionedThroughputExceededException). Message arrived on: sensors/thing-0007/telemetry, Action: kinesis, Stream: telemetry',
    );
  });

  it('Kinesis: a missing stream fails; without a partition key each record gets a random one', () => {
    const { kinesis, iot, pub, rule } = setup();
    const r = rule('r', "SELECT * FROM 'a'", [{ kinesis: { streamName: 'nope' } }]);
    pub('a', '{}');
    expect(r.metrics().actions.kinesis).toEqual({ invoked: 1, failed: 1 });
    kinesis.createStream('nope', { shardCount: 1 });
    pub('a', '{}');
    pub('a', '{}');
    expect(kinesis.stream('nope').keys).toHaveLength(2);
    expect(kinesis.stream('nope').keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(iot.metrics().rules.r!.actions.kinesis).toEqual({ invoked: 3, failed: 1 });
  });

  it('SQS and Firehose reach their services through world.services; refusals are action errors', () => {
    const sent: [string, string][] = [];
    const records: [string, string][] = [];
    const sqs = {
      send(url: string, body: string) {
        if (url.endsWith('/gone')) throw new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
        sent.push([url, body]);
      },
    };
    const firehose = { putRecord: (name: string, data: string) => void records.push([name, data]) };
    const { iot, pub, rule } = setup([
      ['sqs', sqs],
      ['firehose', firehose],
    ]);
    const r = rule('fan', "SELECT temp FROM 'x'", [{ sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/alerts' } }, { sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/gone', useBase64: true } }, { firehose: { deliveryStreamName: 'lake', separator: '\n' } }], {
      sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/dead-letters' },
    });
    pub('x', '{"temp": 3}');
    expect(sent[0]).toEqual(['https://sqs.us-east-1.amazonaws.com/123456789012/alerts', '{"temp":3}']);
    expect(records).toEqual([['lake', '{"temp":3}\n']]);
    expect(sent[1]![0]).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/dead-letters');
    expect(JSON.parse(sent[1]![1]).failures[0]).toMatchObject({ failedAction: 'SqsAction', failedResource: 'https://sqs.us-east-1.amazonaws.com/123456789012/gone' });
    expect(r.metrics()).toMatchObject({ matched: 1, actions: { sqs: { invoked: 2, failed: 1 }, firehose: { invoked: 1, failed: 0 } }, errorAction: { type: 'sqs', invoked: 1, failed: 0 } });
    expect(iot.metrics().rules.fan!.outputBytes).toBe(10);
  });

  it('SQS and Firehose without those services are action errors', () => {
    const { pub, rule } = setup();
    const r = rule('lost', "SELECT * FROM 'x'", [{ sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q' } }, { firehose: { deliveryStreamName: 'f' } }]);
    pub('x', '{}');
    expect(r.metrics().actions).toEqual({ sqs: { invoked: 1, failed: 1 }, firehose: { invoked: 1, failed: 1 } });
  });

  it('Lambda: in-engine functions count invocations, their duration and the most running at once', () => {
    const { sim, iot, rule } = setup();
    iot.declareFunction('enrich', 250);
    rule('l', "SELECT * FROM 'x'", [{ lambda: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:enrich' } }]);
    sim.every(100, 'pub', () => void iot.broker.publish(null, 'x', '{}', undefined, 0, false));
    sim.runUntil(999);
    expect(iot.metrics().functions).toEqual({ enrich: { invocations: 10, durationMs: 2_500, maxConcurrency: 3 } });
  });

  it('republish: to a topic from a template, with subscribers and rules downstream; loops are stopped', () => {
    const { iot, pub, rule } = setup();
    rule('alert', "SELECT temp, topic(2) AS thing FROM 'sensors/+/telemetry' WHERE temp > 30", [{ republish: { topic: 'alerts/${topic(2)}', qos: 1 } }]);
    const alerts = iot.subscribe('ops', 'alerts/+', null);
    pub('sensors/t9/telemetry', '{"temp": 40}');
    pub('sensors/t9/telemetry', '{"temp": 20}');
    expect(alerts.received).toBe(1);
    const loop = rule('loop', "SELECT * FROM 'loop/#'", [{ republish: { topic: 'loop/again' } }]);
    pub('loop/start', '{}');
    expect(loop.metrics()).toMatchObject({ evaluated: 9, actions: { republish: { invoked: 9, failed: 1 } } });
    expect(iot.metrics()).toMatchObject({ republishLoopsStopped: 1, serviceMessages: 1 + 8 });
  });

  it('S3: objects under a key template', () => {
    const { s3, pub, rule } = setup();
    rule('archive', "SELECT * FROM 'sensors/+/telemetry'", [{ s3: { bucketName: 'raw', key: '${topic(2)}/${timestamp()}.json' } }]);
    pub('sensors/t1/telemetry', '{"a": 1}');
    expect(s3.list('raw')).toEqual([{ key: 't1/0.json', size: 8, writtenAt: 0, records: 1, body: '{"a": 1}' }]);
  });

  it('refuses bad payloads at creation with AWS’s exceptions', () => {
    const { iot, rule } = setup();
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof AwsError) return `${e.code}: ${e.message}`;
        throw e;
      }
      return 'ok';
    };
    expect(err(() => rule('bad', "SELECT * FROM 'a' WHER x"))).toBe("SqlParseException: Line 1:18 mismatched input 'WHER' expecting WHERE or <EOF>");
    expect(err(() => rule('bad', "SELECT * FROM 'a'", [{ dynamoDB: { tableName: 't' } }]))).toBe('InvalidRequestException: topicRulePayload.actions.1.member.dynamoDB: the engine models the kinesis, sqs, firehose, lambda, republish, s3 actions');
    expect(err(() => rule('bad', "SELECT * FROM 'a'", [{ kinesis: { partitionKey: 'k' } }]))).toBe("InvalidRequestException: 1 validation error detected: Value at 'topicRulePayload.actions.1.member.kinesis.streamName' failed to satisfy constraint: Member must not be null");
    expect(err(() => rule('bad', "SELECT * FROM 'a'", [{ kinesis: { streamName: 's', partitionKey: '${topic(}' } }]))).toContain('InvalidRequestException: topicRulePayload.actions.1.member.kinesis.partitionKey: substitution template');
    expect(err(() => rule('bad', "SELECT * FROM 'a'", Array.from({ length: 11 }, () => ({ lambda: { functionArn: 'f' } }))))).toContain('Member must have length less than or equal to 10');
    expect(err(() => rule('bad-name', "SELECT * FROM 'a'"))).toContain("Value 'bad-name' at 'ruleName' failed to satisfy constraint");
    rule('dup', "SELECT * FROM 'a'");
    expect(err(() => rule('dup', "SELECT * FROM 'a'"))).toBe('ResourceAlreadyExistsException: Rule dup already exists');
    expect(iot.rules.size).toBe(1);
  });
});

describe('accounting', () => {
  it('every publish is accepted or rejected for one reason; every accepted one reaches the matching rules and subscribers', () => {
    const topic = fc.constantFrom('sensors/a/telemetry', 'sensors/b/telemetry', 'other/x', 'sensors/+/bad', '$aws/rules/r/sensors/c/telemetry', '$aws/rules/none/x', '1/2/3/4/5/6/7/8/9', '$SYS/x');
    const publish = fc.record({ topic, size: fc.constantFrom(10, 4_999, 5_001, 128_000, 128_001), qos: fc.constantFrom(0, 1, 2) });
    fc.assert(
      fc.property(fc.array(publish, { maxLength: 60 }), (publishes) => {
        const { iot, rule } = setup();
        const r = rule('r', "SELECT * FROM 'sensors/+/telemetry'");
        const sub = iot.subscribe('s', 'sensors/#', null);
        let expectedRule = 0;
        let expectedSub = 0;
        let expectedIngest = 0;
        for (const p of publishes) {
          const outcome = iot.broker.publish({ clientId: 'c', thing: null }, p.topic, 'x'.repeat(p.size), undefined, p.qos, false);
          if (outcome !== 'accepted') continue;
          if (p.topic.startsWith('$aws/rules/')) expectedIngest++;
          if (p.topic.startsWith('$aws/rules/r/') || /^sensors\/[ab]\/telemetry$/.test(p.topic)) expectedRule++;
          if (/^sensors\/[ab]\/telemetry$/.test(p.topic)) expectedSub++;
        }
        const m = iot.metrics();
        expect(m.published).toBe(publishes.length);
        expect(m.published).toBe(m.accepted + m.rejected.payloadTooLarge + m.rejected.topicInvalid + m.rejected.qos2 + m.rejected.denied);
        expect(r.evaluated).toBe(expectedRule);
        expect(r.matched + r.notMatched).toBe(r.evaluated);
        expect(sub.received).toBe(expectedSub);
        expect(m.basicIngest.accepted).toBe(expectedIngest);
      }),
      { numRuns: 100 },
    );
  });
});
