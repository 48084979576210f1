import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { clientArn, evaluatePolicies, parsePolicy, topicArn, topicFilterArn, type Principal } from '../../src/sim/iot/policy.js';
import { IotService } from '../../src/sim/iot/service.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';

// IoT policies: Allow and Deny statements over ARNs with wildcards and the thing-name variable;
// an explicit Deny wins; what no statement allows is denied; the broker counts denied publishes.

const A = 'arn:aws:iot:us-east-1:123456789012';

const DEVICE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iot:Connect', Resource: `${A}:client/\${iot:Connection.Thing.ThingName}` },
    { Effect: 'Allow', Action: 'iot:Publish', Resource: `${A}:topic/sensors/\${iot:Connection.Thing.ThingName}/*` },
    { Effect: 'Allow', Action: ['iot:Subscribe'], Resource: `${A}:topicfilter/commands/\${iot:Connection.Thing.ThingName}/#` },
    { Effect: 'Allow', Action: 'iot:Receive', Resource: `${A}:topic/commands/\${iot:Connection.Thing.ThingName}/*` },
    { Effect: 'Deny', Action: 'iot:Publish', Resource: `${A}:topic/sensors/*/debug` },
  ],
};

const dev1: Principal = { clientId: 'thing-0001', thing: 'thing-0001' };
const dev2: Principal = { clientId: 'thing-0002', thing: 'thing-0002' };
const noThing: Principal = { clientId: 'console', thing: null };

function decide(who: Principal, action: 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive', resource: string, docs: unknown[] = [DEVICE_POLICY]) {
  return evaluatePolicies(docs.map((d, i) => parsePolicy(`p${i}`, d)), who, action, resource);
}

describe('policy evaluation with the thing-name variable', () => {
  it.each([
    [dev1, 'iot:Connect', clientArn('thing-0001'), 'Allow'],
    [dev1, 'iot:Connect', clientArn('thing-0002'), 'ImplicitDeny'],
    [dev1, 'iot:Publish', topicArn('sensors/thing-0001/telemetry'), 'Allow'],
    [dev1, 'iot:Publish', topicArn('sensors/thing-0002/telemetry'), 'ImplicitDeny'],
    [dev2, 'iot:Publish', topicArn('sensors/thing-0002/telemetry'), 'Allow'],
    [dev1, 'iot:Publish', topicArn('sensors/thing-0001/debug'), 'ExplicitDeny'],
    [dev1, 'iot:Subscribe', topicFilterArn('commands/thing-0001/#'), 'Allow'],
    // In a policy + and # are plain characters: this filter is not the allowed one.
    [dev1, 'iot:Subscribe', topicFilterArn('commands/+/#'), 'ImplicitDeny'],
    [dev1, 'iot:Receive', topicArn('commands/thing-0001/reboot'), 'Allow'],
    [dev1, 'iot:Receive', topicArn('commands/thing-0002/reboot'), 'ImplicitDeny'],
    // No thing attached: the variable cannot be resolved, so those statements match nothing.
    [noThing, 'iot:Connect', clientArn('console'), 'ImplicitDeny'],
    [noThing, 'iot:Publish', topicArn('sensors//telemetry'), 'ImplicitDeny'],
  ] as const)('%j %s %s → %s', (who, action, resource, decision) => {
    expect(decide(who, action, resource)).toBe(decision);
  });

  it('an explicit Deny in one policy beats an Allow in another; wildcards in actions and ? in resources', () => {
    const allowAll = { Statement: { Effect: 'Allow', Action: 'iot:*', Resource: '*' } };
    const denyRoom = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iot:Pub*', Resource: `${A}:topic/room?/secret` }] };
    expect(decide(dev1, 'iot:Publish', topicArn('anything/at/all'), [allowAll, denyRoom])).toBe('Allow');
    expect(decide(dev1, 'iot:Publish', topicArn('room1/secret'), [allowAll, denyRoom])).toBe('ExplicitDeny');
    expect(decide(dev1, 'iot:Subscribe', topicFilterArn('room1/secret'), [allowAll, denyRoom])).toBe('Allow');
    expect(decide(dev1, 'iot:Publish', topicArn('room12/secret'), [allowAll, denyRoom])).toBe('Allow');
    expect(decide(dev1, 'iot:Publish', topicArn('anything'), [])).toBe('ImplicitDeny');
  });

  it('${iot:ClientId} is the client id; the $ of reserved topics is matched literally', () => {
    const doc = { Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: [`${A}:topic/$aws/rules/hot/*`, `${A}:topic/clients/\${iot:ClientId}`] }] };
    expect(decide(dev1, 'iot:Publish', topicArn('$aws/rules/hot/sensors/thing-0001'), [doc])).toBe('Allow');
    expect(decide(dev1, 'iot:Publish', topicArn('$aws/rules/cold/x'), [doc])).toBe('ImplicitDeny');
    expect(decide(dev1, 'iot:Publish', topicArn('clients/thing-0001'), [doc])).toBe('Allow');
  });

  it('refuses malformed documents', () => {
    expect(() => parsePolicy('p', '{nope')).toThrow('the document is not JSON');
    expect(() => parsePolicy('p', { Statement: [{ Effect: 'Maybe', Action: 'iot:Publish', Resource: '*' }] })).toThrow('Statement[0].Effect must be "Allow" or "Deny"');
    expect(() => parsePolicy('p', { Statement: [{ Effect: 'Allow', Resource: '*' }] })).toThrow('Statement[0] has no Action');
    expect(() => parsePolicy('p', { Version: '2020-01-01', Statement: [] })).toThrow('Version "2020-01-01" is not 2012-10-17');
  });
});

describe('the broker enforces policies', () => {
  function service() {
    const sim = new Simulation({ seed: 1 });
    const kinesis = new KinesisService(sim);
    return new IotService({ sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', new ObjectStore()]]) });
  }

  it('counts denied publishes, refuses a denied subscription and withholds denied deliveries', () => {
    const iot = service();
    // Without any policy nothing is checked.
    expect(iot.broker.publish(dev1, 'sensors/thing-0002/telemetry', '{}', {}, 0, false)).toBe('accepted');
    iot.createPolicy('devices', JSON.stringify(DEVICE_POLICY));
    const own = iot.subscribe('thing-0001', 'commands/thing-0001/#', 'thing-0001');
    const other = iot.subscribe('thing-0002', 'commands/thing-0001/#', 'thing-0002');
    const watcher = iot.subscribe('thing-0003', '#', 'thing-0003');
    expect([own.active, other.active, watcher.active]).toEqual([true, false, false]);
    expect(other.refused).toBe('iot:Subscribe denied');
    expect(iot.broker.publish(dev1, 'sensors/thing-0001/telemetry', '{}', {}, 0, false)).toBe('accepted');
    expect(iot.broker.publish(dev1, 'sensors/thing-0002/telemetry', '{}', {}, 0, false)).toBe('denied');
    expect(iot.broker.publish(dev1, 'sensors/thing-0001/debug', '{}', {}, 0, false)).toBe('denied');
    // The HTTP API is authorized by IAM, not by IoT policies.
    expect(iot.publishHttp('commands/thing-0001/reboot', '{}', 0, false)).toBe('accepted');
    expect(own.received).toBe(1);
    const m = iot.metrics();
    expect(m).toMatchObject({ published: 5, accepted: 3, rejected: { denied: 2, payloadTooLarge: 0, topicInvalid: 0, qos2: 0 } });
    expect(m.subscribers['thing-0002']).toMatchObject({ subscribed: false, refused: 'iot:Subscribe denied', received: 0 });
  });

  it('a device whose connection is denied publishes nothing', () => {
    const iot = service();
    iot.createPolicy('only-0001', { Statement: [{ Effect: 'Allow', Action: ['iot:Connect', 'iot:Publish'], Resource: [`${A}:client/thing-0001`, `${A}:topic/*`] }] });
    const group = iot.addDeviceGroup({ name: 'thing', count: 2, topic: 'sensors/${thing}/telemetry', rate: 1, payload: {}, qos: 0, retain: false, start: 0 });
    iot.startDeviceGroup(group);
    iot.sim.runUntil(9_999);
    expect(group.metrics()).toEqual({ devices: 2, connected: 1, connectDenied: 1, published: 10, accepted: 10, rejected: 0 });
  });
});
