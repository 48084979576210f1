import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { IotService, type IotMetrics } from '../../src/sim/iot/service.js';
import { iotSpec } from '../../src/sim/iot/spec.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';
import { renderSummary } from '../../src/sim/report.js';
import { formatProblem, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { ScenarioSpec } from '../../src/sim/scenario/spec.js';

// The `iot:` section of a scenario: what the loader refuses (with file:line:column), and a run's
// metrics, which add up and come out the same for the same seed.

function load(text: string) {
  return loadScenarioText(text, 'iot.yaml');
}

function spec(text: string): ScenarioSpec {
  const r = load(text);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.spec;
}

function problems(text: string): string[] {
  const r = load(text);
  return r.ok ? r.warnings.map(formatProblem) : r.problems.map(formatProblem);
}

const FLEET = `
seed: 4
duration: 30s
kinesis:
  streams: [{name: telemetry, shards: 1}]
iot:
  fleet: {count: 3, prefix: spare-}
  things: [gateway, {name: lamp, attributes: {room: hall}}]
  devices:
    - name: sensor
      count: 40
      topic: 'sensors/\${thing}/telemetry'
      rate: 2/s
      qos: 1
      payload:
        deviceId: '\${thing}'
        seq: '\${sequence}'
        ts: '\${timestamp}'
        temp: {normal: [25, 5], decimals: 1}
        mode: {choice: [eco, boost]}
        level: {int: [1, 3]}
        meta: {fw: '1.2', tags: [a, b]}
    - name: big
      count: 2
      topic: 'blobs/\${thing}'
      rate: 1/s
      payload: {blob: {pad: 130KB}}
    - name: old
      count: 1
      topic: 'legacy/\${thing}'
      rate: 1/s
      qos: 2
  subscribers:
    - {name: all-sensors, filter: 'sensors/#'}
    - {name: one, filter: 'sensors/sensor-0001/+', at: 10s}
  rules:
    - name: hot
      sql: "SELECT deviceId, temp, mode FROM 'sensors/+/telemetry' WHERE temp > 30 AND mode = 'boost'"
      actions:
        - kinesis: {stream: telemetry, partitionKey: '\${deviceId}'}
        - lambda: {function: notify, duration: 300ms}
        - s3: {bucket: hot, key: '\${topic(2)}/\${seq}.json'}
  shadows:
    - {thing: lamp, name: config, desired: {brightness: 50}, updates: [{at: 2s, reported: {brightness: 50}}]}
actions:
  - {at: 5s, do: "aws iot-data publish --topic sensors/manual/telemetry --cli-binary-format raw-in-base64-out --payload '{\\"temp\\": 40, \\"mode\\": \\"boost\\", \\"deviceId\\": \\"manual\\"}'"}
  - {at: 6s, do: "aws iot list-things --max-results 2"}
`;

describe('a scenario with an iot section', () => {
  it('runs devices, rules, subscribers and shadows, and its counts add up', () => {
    const doc = runScenario(spec(FLEET));
    const iot = doc.iot as IotMetrics;
    expect(iot.things).toBe(3 + 2 + 40 + 2 + 1);
    expect(iot.devices.sensor).toMatchObject({ devices: 40, connected: 40, published: 2_400, accepted: 2_400, rejected: 0, basicIngest: null });
    expect(iot.devices.big).toMatchObject({ published: 60, accepted: 0, rejected: 60 });
    expect(iot.devices.old).toMatchObject({ published: 30, accepted: 0 });
    expect(iot.rejected).toEqual({ payloadTooLarge: 60, topicInvalid: 0, qos2: 30, denied: 0 });
    // Devices, one shadow update and one CLI publish.
    expect(iot.published).toBe(2_400 + 60 + 30 + 1 + 1);
    expect(iot.published).toBe(iot.accepted + Object.values(iot.rejected).reduce((a, b) => a + b, 0));
    expect(iot.subscribers['all-sensors']!.received).toBe(2_401);
    // sensor-0001 publishes every 0.5 s; the subscriber joins at 10 s.
    expect(iot.subscribers.one!.received).toBe(40);
    const hot = iot.rules.hot!;
    expect(hot.evaluated).toBe(2_401);
    expect(hot.matched + hot.notMatched).toBe(hot.evaluated);
    expect(hot.matched).toBeGreaterThan(100);
    for (const type of ['kinesis', 'lambda', 's3'] as const) expect(hot.actions[type]).toEqual({ invoked: hot.matched, failed: 0 });
    expect(doc.streams.telemetry!.recordsIn).toBe(hot.matched);
    expect(iot.functions.notify).toMatchObject({ invocations: hot.matched, durationMs: hot.matched * 300 });
    expect((doc.s3 as Record<string, { objects: number }>).hot!.objects).toBe(hot.matched);
    expect(iot.shadows['lamp/config']).toEqual({ version: 2, exists: true, updates: 2, versioned: 0, rejected: 0, conflicts: 0, deltas: 1, deletes: 0, desired: { brightness: 50 }, reported: { brightness: 50 }, delta: {}, device: null });
    expect(doc.actions.map((a) => a.ok)).toEqual([true, true]);
    expect((doc.actions[1]!.output as { things: { thingName: string }[] }).things.map((t) => t.thingName)).toEqual(['gateway', 'lamp']);
    for (const line of renderSummary(doc).split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('the same seed gives the same document, and another seed other readings', () => {
    const a = runScenario(spec(FLEET));
    const b = runScenario(spec(FLEET));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = runScenario({ ...spec(FLEET), seed: 5 });
    expect((c.iot as IotMetrics).rules.hot!.matched).not.toBe((a.iot as IotMetrics).rules.hot!.matched);
  });

  it('device payloads are the JSON the generators describe', () => {
    const sim = new Simulation({ seed: 4 });
    const kinesis = new KinesisService(sim);
    const s3 = new ObjectStore();
    const iot = new IotService({ sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', s3]]) });
    const parsed = iotSpec.parse({
      devices: [
        {
          name: 'sensor',
          count: 40,
          topic: 'sensors/${thing}/telemetry',
          rate: '2/s',
          payload: { deviceId: '${thing}', seq: '${sequence}', ts: '${timestamp}', label: '${group}:${thing}#${sequence}', temp: { normal: [25, 5], decimals: 1 }, mode: { choice: ['eco', 'boost'] }, level: { int: [1, 3] }, meta: { fw: '1.2', tags: ['a', 'b'] } },
        },
      ],
    });
    iot.createTopicRule('keep', { sql: "SELECT * FROM 'sensors/sensor-0002/telemetry'", actions: [{ s3: { bucketName: 'b', key: '${seq}' } }] });
    iot.startDeviceGroup(iot.addDeviceGroup(parsed.devices[0]!));
    sim.runUntil(29_999);
    const bodies = s3.list('b').map((o) => JSON.parse(o.body!) as Record<string, unknown>);
    expect(bodies).toHaveLength(60);
    const first = bodies.find((b) => b.seq === 1)!;
    expect(Object.keys(first)).toEqual(['deviceId', 'seq', 'ts', 'label', 'temp', 'mode', 'level', 'meta']);
    // 80 messages/s from 40 devices: sensor-0002 publishes second, in the 10 ms tick.
    expect(first).toMatchObject({ deviceId: 'sensor-0002', seq: 1, ts: 10, label: 'sensor:sensor-0002#1', meta: { fw: '1.2', tags: ['a', 'b'] } });
    for (const b of bodies) {
      const t = b.temp as number;
      expect(Math.abs(Math.round(t * 10) - t * 10)).toBeLessThan(1e-9);
      expect(['eco', 'boost']).toContain(b.mode);
      expect([1, 2, 3]).toContain(b.level);
    }
    expect(bodies.map((b) => b.seq as number).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const temps = bodies.map((b) => b.temp as number);
    const mean = temps.reduce((a, b) => a + b, 0) / temps.length;
    expect(mean).toBeGreaterThan(23);
    expect(mean).toBeLessThan(27);
  });
});

describe('the loader checks the iot section', () => {
  it('reports schema mistakes at their line and column', () => {
    expect(
      problems(`duration: 10s
iot:
  devices:
    - name: s
      topic: t
      rate: fast
      payload: {temp: {normal: [25]}}
  rules:
    - {name: bad-name, sql: "SELECT * FROM 'a'"}
  colour: blue
`),
    ).toEqual([
      'iot.yaml:6:13 error iot.devices[0].rate: expected a rate in records per second (e.g. 2500/s), got "fast"',
      'iot.yaml:7:23 error iot.devices[0].payload.temp: a generator is one of {normal: [mean, sd]}, {uniform: [min, max]} (each with an optional decimals), {int: [min, max]}, {choice: [...]}, {pad: SIZE}',
      'iot.yaml:9:14 error iot.rules[0].name: a rule name is 1–128 of a-z A-Z 0-9 _',
      'iot.yaml:10:3 error iot.colour: unknown field',
    ]);
  });

  it('reports what the schema cannot see: SQL, names, topics, policies', () => {
    const out = problems(`duration: 10s
kinesis:
  streams: [{name: telemetry}]
iot:
  things: [a, a]
  devices:
    - {name: s, topic: 'x/\${thing}/+', rate: 1/s, basicIngest: nope}
    - {name: s, topic: 'ok', rate: 1/s}
  subscribers:
    - {name: sub, filter: 'a/#/b'}
    - {name: sub2, filter: '$aws/rules/r/#'}
  rules:
    - name: r
      sql: "SELECT temp FROM 'a' WHER temp > 1"
    - name: k
      sql: "SELECT * FROM 'a'"
      actions:
        - kinesis: {stream: telemtry}
        - sqs: {queue: q}
        - kinesis: {stream: telemetry, partitionKey: '\${topic(2}'}
        - republish: {topic: 'alerts/#'}
  policies:
    - {name: p, document: {Statement: [{Effect: Permit, Action: 'iot:*', Resource: '*'}]}}
`);
    expect(out).toEqual([
      'iot.yaml:5:15 error iot.things[1]: thing "a" is already registered (by things.0)',
      "iot.yaml:14:12 error iot.rules[0].sql: SQL does not parse: Line 1:21 mismatched input 'WHER' expecting WHERE or <EOF>",
      "iot.yaml:20:11 error iot.rules[1].actions[2]: substitution template ${topic(2} in \"${topic(2}\": Line 1:7 mismatched input '<EOF>' expecting ')'",
      'iot.yaml:18:29 error iot.rules[1].actions[0].kinesis.stream: stream "telemtry" is not defined under kinesis.streams',
      'iot.yaml:19:24 error iot.rules[1].actions[1].sqs.queue: queue "q": the scenario has no sqs section',
      'iot.yaml:21:30 error iot.rules[1].actions[3].republish.topic: topic "alerts/#" contains a wildcard; + and # are only for topic filters',
      'iot.yaml:8:14 error iot.devices[1].name: device group "s" is defined twice',
      'iot.yaml:7:64 error iot.devices[0].basicIngest: rule "nope" is not defined under iot.rules',
      'iot.yaml:7:24 error iot.devices[0].topic: topic "$aws/rules/nope/x/s-0001/+" contains a wildcard; + and # are only for topic filters',
      'iot.yaml:10:27 error iot.subscribers[0].filter: "#" must be a whole level and the last one ("a/#/b")',
      'iot.yaml:11:28 error iot.subscribers[1].filter: Basic Ingest topics cannot be subscribed to',
      'iot.yaml:23:27 error iot.policies[0].document: Policy document is malformed: Statement[0].Effect must be "Allow" or "Deny"',
    ]);
  });
});
