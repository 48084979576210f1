import { describe, expect, it } from 'vitest';
import { bind, Dispatcher, type Outcome } from '../../src/sim/commands/index.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import { iotCommandTable, iotDataCommandTable } from '../../src/sim/iot/commands.js';
import { IotService } from '../../src/sim/iot/service.js';
import { computeDelta, ShadowStore } from '../../src/sim/iot/shadow.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';

// Device shadows: desired, reported and the delta between them, versions and conflicts, the
// accepted/rejected/delta/documents topics, the 8 KB state limit, and the CLI's view.

function store() {
  let now = 5_000;
  const published: { topic: string; body: any }[] = [];
  const s = new ShadowStore(
    () => now,
    (topic, payload) => published.push({ topic, body: JSON.parse(payload) }),
  );
  return { s, published, at: (ms: number) => (now = ms) };
}

function iot() {
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const service = new IotService({ sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', new ObjectStore()]]) });
  const d = new Dispatcher([bind(iotCommandTable, service), bind(iotDataCommandTable, service)]);
  const ok = (line: string): any => {
    const o: Outcome = d.execute(line);
    if (o.kind !== 'response') throw new Error(`${line}\n→ ${o.text}`);
    return o.response;
  };
  const fail = (line: string): string => {
    const o = d.execute(line);
    if (o.ok) throw new Error(`expected ${line} to fail, got ${o.text}`);
    return o.error;
  };
  return { sim, service, d, ok, fail };
}

describe('delta: desired fields that reported does not match', () => {
  it.each([
    [{ led: 'on' }, undefined, { led: 'on' }],
    [{ led: 'on' }, { led: 'on' }, {}],
    [{ led: 'on', fan: 2 }, { led: 'off', fan: 2 }, { led: 'on' }],
    [{ cfg: { a: 1, b: 2 } }, { cfg: { a: 1, b: 3 } }, { cfg: { b: 2 } }],
    [{ cfg: { a: 1 } }, { cfg: { a: 1, extra: 9 } }, {}],
    [{ list: [1, 2] }, { list: [1, 2, 3] }, { list: [1, 2] }],
    [{ list: [1, 2] }, { list: [1, 2] }, {}],
    [undefined, { led: 'on' }, {}],
    [{ n: 1 }, { n: '1' }, { n: 1 }],
  ])('desired %j, reported %j → %j', (desired, reported, delta) => {
    expect(computeDelta(desired as any, reported as any)).toEqual(delta);
  });
});

describe('shadow updates', () => {
  it('versions go up by one per accepted update; accepted, documents and delta are published', () => {
    const { s, published } = store();
    const r = s.update('lamp', null, JSON.stringify({ state: { desired: { led: 'on' } }, clientToken: 'app-1' }), 'mqtt');
    expect(r).toEqual({ ok: true, document: { state: { desired: { led: 'on' } }, metadata: { desired: { led: { timestamp: 5 } } }, version: 1, timestamp: 5, clientToken: 'app-1' } });
    expect(published.map((p) => p.topic)).toEqual(['$aws/things/lamp/shadow/update/accepted', '$aws/things/lamp/shadow/update/documents', '$aws/things/lamp/shadow/update/delta']);
    expect(published[1]!.body).toEqual({ current: { state: { desired: { led: 'on' } }, metadata: { desired: { led: { timestamp: 5 } } }, version: 1 }, timestamp: 5, clientToken: 'app-1' });
    expect(published[2]!.body).toEqual({ version: 1, timestamp: 5, state: { led: 'on' }, metadata: { led: { timestamp: 5 } }, clientToken: 'app-1' });

    published.length = 0;
    const report = s.update('lamp', null, JSON.stringify({ state: { reported: { led: 'on' } } }), 'mqtt');
    expect(report.ok && report.document.version).toBe(2);
    // Reported caught up with desired: no delta this time.
    expect(published.map((p) => p.topic)).toEqual(['$aws/things/lamp/shadow/update/accepted', '$aws/things/lamp/shadow/update/documents']);
    expect(published[1]!.body.previous).toEqual({ state: { desired: { led: 'on' } }, metadata: { desired: { led: { timestamp: 5 } } }, version: 1 });
    expect(s.metrics().lamp).toEqual({ version: 2, exists: true, updates: 2, versioned: 0, rejected: 0, conflicts: 0, deltas: 1, deletes: 0, desired: { led: 'on' }, reported: { led: 'on' }, delta: {} });
  });

  it('a request with a stale version is rejected 409 Version conflict and changes nothing', () => {
    const { s, published } = store();
    s.update('lamp', null, '{"state": {"desired": {"led": "on"}}}', 'mqtt');
    s.update('lamp', null, '{"state": {"reported": {"led": "off"}}, "version": 1}', 'mqtt');
    published.length = 0;
    const stale = s.update('lamp', null, '{"state": {"desired": {"led": "off"}}, "version": 1, "clientToken": "late"}', 'mqtt');
    expect(stale).toEqual({ ok: false, error: { code: 409, message: 'Version conflict' } });
    expect(published).toEqual([{ topic: '$aws/things/lamp/shadow/update/rejected', body: { code: 409, message: 'Version conflict', timestamp: 5, clientToken: 'late' } }]);
    const current = s.update('lamp', null, '{"state": {"desired": {"led": "off"}}, "version": 2}', 'mqtt');
    expect(current.ok && current.document.version).toBe(3);
    expect(s.metrics().lamp).toMatchObject({ version: 3, updates: 3, rejected: 1, conflicts: 1 });
  });

  it('null deletes a field or a whole section; objects merge', () => {
    const { s } = store();
    s.update('t', null, JSON.stringify({ state: { desired: { a: 1, cfg: { x: 1, y: 2 } }, reported: { a: 1 } } }), 'mqtt');
    s.update('t', null, JSON.stringify({ state: { desired: { cfg: { y: null, z: 3 }, a: null } } }), 'mqtt');
    expect(s.get('t', null, 'http')).toMatchObject({ ok: true, document: { state: { desired: { cfg: { x: 1, z: 3 } }, reported: { a: 1 }, delta: { cfg: { x: 1, z: 3 } } }, version: 2 } });
    s.update('t', null, JSON.stringify({ state: { desired: null } }), 'mqtt');
    const doc = s.get('t', null, 'http');
    expect(doc.ok && doc.document.state).toEqual({ reported: { a: 1 } });
  });

  it('refuses state over 8 KB (desired plus reported, metadata not counted) with 413', () => {
    const { s } = store();
    const big = 'x'.repeat(7_900);
    expect(s.update('t', null, JSON.stringify({ state: { desired: { big } } }), 'http').ok).toBe(true);
    const r = s.update('t', null, JSON.stringify({ state: { reported: { more: 'y'.repeat(200) } } }), 'http');
    expect(r).toMatchObject({ ok: false, error: { code: 413 } });
    expect(s.metrics().t).toMatchObject({ version: 1, rejected: 1 });
  });

  it('refuses malformed requests with 400 and AWS’s messages', () => {
    const { s } = store();
    const code = (payload: string) => {
      const r = s.update('t', null, payload, 'http');
      return r.ok ? 'ok' : `${r.error.code} ${r.error.message}`;
    };
    expect(code('not json')).toBe('400 Invalid JSON');
    expect(code('{"version": 1}')).toBe('400 Missing required node: state');
    expect(code('{"state": 1}')).toBe('400 State node must be an object');
    expect(code('{"state": {"desired": 5}}')).toBe('400 Desired node must be an object');
    expect(code('{"state": {"wanted": {}}}')).toBe("400 State contains an invalid node: 'wanted'");
    expect(code('{"state": {"reported": {"a": {"b": {"c": {"d": {"e": {"f": {"g": 1}}}}}}}}}')).toBe('400 JSON contains too many levels of nesting; maximum is 6');
    expect(code('{"state": {"reported": {"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}}}')).toBe('ok');
    expect(code(`{"state": {}, "clientToken": "${'c'.repeat(65)}"}`)).toBe('400 Invalid clientToken');
    expect(code('{"state": {}, "version": "1"}')).toBe('400 Invalid version');
  });

  it('named shadows are separate documents with their own topics and versions', () => {
    const { s, published } = store();
    s.update('t', 'config', '{"state": {"desired": {"rate": 5}}}', 'mqtt');
    s.update('t', null, '{"state": {"reported": {"up": true}}}', 'mqtt');
    expect(published[0]!.topic).toBe('$aws/things/t/shadow/name/config/update/accepted');
    expect(s.names('t')).toEqual(['config']);
    expect(Object.keys(s.metrics())).toEqual(['t', 't/config']);
    expect(s.metrics()['t/config']).toMatchObject({ version: 1, deltas: 1 });
  });

  it('delete publishes delete/accepted; a shadow created again keeps counting versions', () => {
    const { s, published } = store();
    s.update('t', null, '{"state": {"reported": {"a": 1}}}', 'mqtt');
    published.length = 0;
    expect(s.delete('t', null, 'mqtt')).toEqual({ ok: true, document: { version: 1, timestamp: 5 } });
    expect(published[0]!.topic).toBe('$aws/things/t/shadow/delete/accepted');
    expect(s.get('t', null, 'mqtt')).toEqual({ ok: false, error: { code: 404, message: "No shadow exists with name: 't'" } });
    expect(published[1]).toEqual({ topic: '$aws/things/t/shadow/get/rejected', body: { code: 404, message: "No shadow exists with name: 't'", timestamp: 5 } });
    const again = s.update('t', null, '{"state": {"reported": {"a": 2}}}', 'mqtt');
    expect(again.ok && again.document.version).toBe(2);
  });
});

describe('shadows through the broker and the CLI', () => {
  it('devices publishing on the update topic get answers on the reserved topics subscribers can follow', () => {
    const { service } = iot();
    const deltas = service.subscribe('app', '$aws/things/+/shadow/update/delta', null);
    const everything = service.subscribe('all', '$aws/things/lamp/shadow/#', null);
    const client = { clientId: 'lamp', thing: 'lamp' };
    expect(service.broker.publish(client, '$aws/things/lamp/shadow/update', '{"state": {"desired": {"led": "on"}}}', undefined, 1, false)).toBe('accepted');
    expect(service.broker.publish(client, '$aws/things/lamp/shadow/update', '{"state": {"desired": {"led": "off"}}, "version": 9}', undefined, 1, false)).toBe('accepted');
    expect(service.broker.publish(client, '$aws/things/lamp/shadow/get', '', undefined, 0, false)).toBe('accepted');
    expect(deltas.received).toBe(1);
    // update, accepted, documents, delta; update, rejected; get, get/accepted
    expect(everything.received).toBe(8);
    expect(service.metrics()).toMatchObject({ published: 3, shadowRequests: 3, billing: { published: 0 }, shadows: { lamp: { version: 1, updates: 1, rejected: 1, conflicts: 1, deltas: 1 } } });
  });

  it('update-thing-shadow prints the accepted document; errors are the CLI’s', () => {
    const { ok, fail, sim } = iot();
    sim.runUntil(12_000);
    expect(ok(`aws iot-data update-thing-shadow --thing-name lamp --cli-binary-format raw-in-base64-out --payload '{"state": {"desired": {"led": "on"}}}' out.json`)).toEqual({
      state: { desired: { led: 'on' } },
      metadata: { desired: { led: { timestamp: 12 } } },
      version: 1,
      timestamp: 12,
    });
    const b64 = Buffer.from('{"state": {"reported": {"led": "off"}}}').toString('base64');
    expect(ok(`aws iot-data update-thing-shadow --thing-name lamp --payload ${b64} out.json`).version).toBe(2);
    expect(ok('aws iot-data get-thing-shadow --thing-name lamp out.json')).toEqual({
      state: { desired: { led: 'on' }, reported: { led: 'off' }, delta: { led: 'on' } },
      metadata: { desired: { led: { timestamp: 12 } }, reported: { led: { timestamp: 12 } } },
      version: 2,
      timestamp: 12,
    });
    expect(fail(`aws iot-data update-thing-shadow --thing-name lamp --payload '{"state": {"desired": {"led": "x"}}, "version": 1}'`)).toBe('An error occurred (ConflictException) when calling the UpdateThingShadow operation: Version conflict');
    expect(fail('aws iot-data get-thing-shadow --thing-name lamp --shadow-name cfg')).toBe("An error occurred (ResourceNotFoundException) when calling the GetThingShadow operation: No shadow exists with name: 'lamp~cfg'");
    expect(fail(`aws iot-data update-thing-shadow --thing-name lamp --payload '{"state": {"desired": {"big": "${'x'.repeat(9000)}"}}}'`)).toContain('(RequestEntityTooLargeException) when calling the UpdateThingShadow operation: The payload exceeds the maximum size allowed');
    expect(ok('aws iot-data delete-thing-shadow --thing-name lamp')).toEqual({ version: 2, timestamp: 12 });
    expect(fail('aws iot-data update-thing-shadow --thing-name lamp')).toBe('aws: error: the following arguments are required: --payload');
  });
});
