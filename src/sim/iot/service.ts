import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { ACCOUNT, AwsError, REGION } from '../kinesis/errors.js';
import { IOT } from '../limits.js';
import type { World } from '../world.js';
import { compileAction, type ActionEnv, type RuleAction } from './actions.js';
import { Broker, Subscriber, type Client, type PublishOutcome } from './broker.js';
import { DeviceGroup, type GroupMetrics } from './fleet.js';
import { clientArn, evaluatePolicies, MalformedPolicyError, parsePolicy, type IotAction, type Policy } from './policy.js';
import { TopicRule, type RuleMetrics } from './rules.js';
import { ShadowStore, type ShadowMetrics, type ShadowResult, type Via } from './shadow.js';
import { ShadowDevice, type ShadowDeviceMetrics } from './shadow-device.js';
import { RULE_NAME, THING_NAME, type DeviceGroupSpec, type ShadowDeviceSpec } from './spec.js';
import { parseSql, SqlParseError } from './sql.js';
import { utf8Bytes } from './topics.js';

// IoT Core in the engine: the thing registry, policies, topic rules, the broker, shadows,
// in-engine Lambda functions for the Lambda action, and the device fleet. The command tables
// and the scenario runner both drive this one object.

const MAX_ACTIONS = IOT.actionsPerRule.values[0]!.amount;
/** How long an in-engine function runs when nothing declared its duration. */
export const DEFAULT_FUNCTION_MS = 100;

export interface Thing {
  thingName: string;
  thingArn: string;
  thingId: string;
  attributes: Record<string, string>;
  version: number;
}

interface LambdaFunction {
  durationMs: number;
  invocations: number;
  totalDurationMs: number;
  /** End times of running invocations (a min-heap), for the concurrency figure. */
  running: number[];
  maxConcurrency: number;
}

export interface TopicRulePayload {
  sql: string;
  description?: string;
  actions?: unknown[];
  errorAction?: unknown;
  ruleDisabled?: boolean;
  awsIotSqlVersion?: string;
}

export interface IotMetrics {
  things: number;
  published: number;
  accepted: number;
  rejected: { payloadTooLarge: number; topicInvalid: number; qos2: number; denied: number };
  billableMessages: number;
  billing: { published: number; delivered: number };
  basicIngest: { accepted: number; noSuchRule: number };
  shadowRequests: number;
  serviceMessages: number;
  republishLoopsStopped: number;
  retainedTopics: number;
  perTopicFilter: Record<string, number>;
  subscribers: Record<string, { filter: string; thing: string | null; subscribed: boolean; refused: string | null; received: number; retained: number; bytes: number; receiveDenied: number }>;
  devices: Record<string, { topic: string; basicIngest: string | null; rate: number } & GroupMetrics>;
  rules: Record<string, RuleMetrics>;
  functions: Record<string, { invocations: number; durationMs: number; maxConcurrency: number }>;
  shadows: Record<string, ShadowMetrics & { device: ShadowDeviceMetrics | null }>;
}

function heapPush(h: number[], v: number): void {
  h.push(v);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]! <= v) break;
    h[i] = h[p]!;
    i = p;
  }
  h[i] = v;
}

function heapPop(h: number[]): void {
  const last = h.pop()!;
  if (h.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const c = l + 1 < h.length && h[l + 1]! < h[l]! ? l + 1 : l;
    if (h[c]! >= last) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
}

export class IotService {
  readonly sim: Simulation;
  readonly things = new Map<string, Thing>();
  readonly policies = new Map<string, Policy>();
  readonly rules = new Map<string, TopicRule>();
  readonly functions = new Map<string, LambdaFunction>();
  readonly broker: Broker;
  readonly shadows: ShadowStore;
  readonly groups: DeviceGroup[] = [];
  /** The devices behind shadows, by shadow key (`THING` or `THING/NAME`). */
  readonly shadowDevices = new Map<string, ShadowDevice>();
  private readonly decisions = new Map<string, boolean>();
  private readonly actionEnv: ActionEnv;
  private readonly ruleRng: Rng;
  private readonly fleetRng: Rng;
  private nextThingId = 1;

  constructor(readonly world: World) {
    this.sim = world.sim;
    this.ruleRng = world.sim.rng.fork('iot:rules');
    this.fleetRng = world.sim.rng.fork('iot:fleet');
    this.broker = new Broker(this.sim, {
      policiesActive: () => this.policies.size > 0,
      authorize: (who, action, resource) => this.authorize(who, action, resource),
      rule: (name) => this.rules.get(name),
      rules: () => this.rules.values(),
      shadowRequest: (thing, shadow, operation, payload) => this.shadowRequest(thing, shadow, operation, payload),
    });
    this.shadows = new ShadowStore(
      () => this.sim.now,
      (topic, payload) => void this.broker.publishService(topic, payload, 0, 0),
    );
    this.actionEnv = {
      sim: this.sim,
      world,
      rng: world.sim.rng.fork('iot:partition-keys'),
      republish: (topic, payload, qos, depth) => this.broker.publishService(topic, payload, qos, depth),
      invokeFunction: (name, ms) => this.invokeFunction(name, ms),
      functionDuration: (name) => this.functions.get(name)?.durationMs ?? DEFAULT_FUNCTION_MS,
    };
  }

  // --- registry ------------------------------------------------------------------------------

  createThing(name: string, attributes: Record<string, string> = {}): Thing {
    if (!THING_NAME.test(name)) throw new AwsError('InvalidRequestException', `1 validation error detected: Value '${name}' at 'thingName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+`);
    const existing = this.things.get(name);
    if (existing) {
      // Creating a thing that exists with the same attributes is not an error on AWS.
      if (JSON.stringify(existing.attributes) === JSON.stringify(attributes)) return existing;
      throw new AwsError('ResourceAlreadyExistsException', `Thing ${name} already exists in account with different attributes`);
    }
    const id = this.nextThingId++;
    const thing: Thing = {
      thingName: name,
      thingArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thing/${name}`,
      thingId: `${id.toString(16).padStart(8, '0')}-0000-4000-8000-${id.toString(16).padStart(12, '0')}`,
      attributes,
      version: 1,
    };
    this.things.set(name, thing);
    return thing;
  }

  // --- policies ------------------------------------------------------------------------------

  createPolicy(name: string, document: unknown): Policy {
    if (this.policies.has(name)) throw new AwsError('ResourceAlreadyExistsException', `Policy cannot be created - name already exists (name=${name})`);
    let policy: Policy;
    try {
      policy = parsePolicy(name, document);
    } catch (e) {
      if (e instanceof MalformedPolicyError) throw new AwsError('MalformedPolicyException', `Policy document is malformed: ${e.message}`);
      throw e;
    }
    this.policies.set(name, policy);
    this.decisions.clear();
    return policy;
  }

  /**
   * Every policy applies to every client, as if attached to each device's certificate. Without
   * any policy the engine lets everything through (authorization is then not part of the lab).
   */
  authorize(who: Client, action: IotAction, resource: string): boolean {
    if (this.policies.size === 0) return true;
    const key = `${action}\u0000${who.clientId}\u0000${who.thing ?? ''}\u0000${resource}`;
    let allowed = this.decisions.get(key);
    if (allowed === undefined) {
      allowed = evaluatePolicies(this.policies.values(), who, action, resource) === 'Allow';
      if (this.decisions.size > 100_000) this.decisions.clear();
      this.decisions.set(key, allowed);
    }
    return allowed;
  }

  // --- rules ---------------------------------------------------------------------------------

  createTopicRule(name: string, payload: TopicRulePayload, replace = false): TopicRule {
    if (!RULE_NAME.test(name)) throw new AwsError('InvalidRequestException', `1 validation error detected: Value '${name}' at 'ruleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_]+$`);
    if (this.rules.has(name) && !replace) throw new AwsError('ResourceAlreadyExistsException', `Rule ${name} already exists`);
    if (typeof payload.sql !== 'string' || payload.sql.length === 0) throw new AwsError('InvalidRequestException', "1 validation error detected: Value null at 'topicRulePayload.sql' failed to satisfy constraint: Member must not be null");
    let query;
    try {
      query = parseSql(payload.sql);
    } catch (e) {
      if (e instanceof SqlParseError) throw new AwsError('SqlParseException', e.message);
      throw e;
    }
    const version = payload.awsIotSqlVersion ?? '2015-10-08';
    if (!['2015-10-08', '2016-03-23', 'beta'].includes(version)) throw new AwsError('InvalidRequestException', `Invalid SQL version: ${version}`);
    const raw = payload.actions ?? [];
    if (!Array.isArray(raw)) throw new AwsError('InvalidRequestException', "1 validation error detected: Value at 'topicRulePayload.actions' failed to satisfy constraint: Member must be a list");
    if (raw.length > MAX_ACTIONS) throw new AwsError('InvalidRequestException', `1 validation error detected: Value at 'topicRulePayload.actions' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`);
    const actions: RuleAction[] = raw.map((a, i) => compileAction(a, `topicRulePayload.actions.${i + 1}.member`, this.actionEnv));
    const errorAction = payload.errorAction === undefined ? null : compileAction(payload.errorAction, 'topicRulePayload.errorAction', this.actionEnv);
    const rule = new TopicRule(name, query, actions, errorAction, { description: payload.description ?? '', disabled: payload.ruleDisabled === true, sqlVersion: version, createdAt: Math.floor(this.sim.now / 1000) }, this.ruleRng.fork(name));
    this.rules.set(name, rule);
    this.broker.invalidate();
    return rule;
  }

  deleteTopicRule(name: string): void {
    if (!this.rules.delete(name)) throw new AwsError('UnauthorizedException', `Rule ${name} does not exist`);
    this.broker.invalidate();
  }

  topicRule(name: string): TopicRule {
    const rule = this.rules.get(name);
    if (!rule) throw new AwsError('UnauthorizedException', `Rule ${name} does not exist`);
    return rule;
  }

  // --- functions -----------------------------------------------------------------------------

  declareFunction(name: string, durationMs: number): void {
    if (!this.functions.has(name)) this.functions.set(name, { durationMs, invocations: 0, totalDurationMs: 0, running: [], maxConcurrency: 0 });
  }

  private invokeFunction(name: string, durationMs: number): void {
    let f = this.functions.get(name);
    if (!f) {
      this.declareFunction(name, durationMs);
      f = this.functions.get(name)!;
    }
    const now = this.sim.now;
    while (f.running.length > 0 && f.running[0]! <= now) heapPop(f.running);
    heapPush(f.running, now + durationMs);
    f.invocations++;
    f.totalDurationMs += durationMs;
    if (f.running.length > f.maxConcurrency) f.maxConcurrency = f.running.length;
  }

  // --- messages and shadows -------------------------------------------------------------------

  /** The HTTP publish API (aws iot-data publish): IAM decides, not IoT policies. */
  publishHttp(topic: string, payload: string, qos: number, retain: boolean): PublishOutcome {
    return this.broker.publish(null, topic, payload, undefined, qos, retain);
  }

  private shadowRequest(thing: string, shadow: string | null, operation: string, payload: string): void {
    if (operation === 'update') this.shadows.update(thing, shadow, payload, 'mqtt');
    else if (operation === 'get') this.shadows.get(thing, shadow, 'mqtt');
    else if (operation === 'delete') this.shadows.delete(thing, shadow, 'mqtt');
  }

  /** A shadow request over the HTTP API: errors come back as AWS errors. */
  shadowHttp(operation: 'update' | 'get' | 'delete', thing: string, shadow: string | null, payload = ''): Record<string, unknown> {
    if (!THING_NAME.test(thing)) throw new AwsError('InvalidRequestException', `1 validation error detected: Value '${thing}' at 'thingName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+`);
    const via: Via = 'http';
    const result: ShadowResult = operation === 'update' ? this.shadows.update(thing, shadow, payload, via) : operation === 'get' ? this.shadows.get(thing, shadow, via) : this.shadows.delete(thing, shadow, via);
    if (result.ok) return result.document;
    const { code, message } = result.error;
    if (code === 404) throw new AwsError('ResourceNotFoundException', message);
    if (code === 409) throw new AwsError('ConflictException', message);
    if (code === 413) throw new AwsError('RequestEntityTooLargeException', message);
    throw new AwsError('InvalidRequestException', message);
  }

  // --- fleet and subscribers ------------------------------------------------------------------

  addDeviceGroup(spec: DeviceGroupSpec): DeviceGroup {
    const group = new DeviceGroup(this.sim, spec, this.fleetRng.fork(spec.name));
    for (const d of group.devices) this.createThing(d.thing);
    this.groups.push(group);
    return group;
  }

  /** Connects the group's devices (iot:Connect against the policies) and starts their traffic. */
  startDeviceGroup(group: DeviceGroup): void {
    for (const d of group.devices) d.connected = this.authorize({ clientId: d.thing, thing: d.thing }, 'iot:Connect', clientArn(d.thing));
    const broker = this.broker;
    group.start((device, payload, json, qos, retain) => {
      const client: Client = { clientId: device.thing, thing: device.thing };
      return broker.publish(client, device.topic, payload, json, qos, retain, utf8Bytes(payload)) === 'accepted';
    });
  }

  addShadowDevice(thing: string, shadow: string | null, spec: ShadowDeviceSpec): ShadowDevice {
    const device = new ShadowDevice({ sim: this.sim, broker: this.broker, shadows: this.shadows, subscribe: (s) => this.broker.subscribe(s) }, thing, shadow, spec);
    this.shadowDevices.set(shadow === null ? thing : `${thing}/${shadow}`, device);
    return device;
  }

  subscribe(name: string, filter: string, thing: string | null): Subscriber {
    const s = new Subscriber(name, filter, thing);
    this.broker.subscribe(s);
    return s;
  }

  // --- metrics --------------------------------------------------------------------------------

  metrics(): IotMetrics {
    const b = this.broker;
    const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
    return {
      things: this.things.size,
      published: b.published,
      accepted: b.accepted,
      rejected: { ...b.rejected },
      billableMessages: b.billablePublished + b.billableDelivered,
      billing: { published: b.billablePublished, delivered: b.billableDelivered },
      basicIngest: { accepted: b.basicIngestAccepted, noSuchRule: b.basicIngestNoRule },
      shadowRequests: b.shadowRequests,
      serviceMessages: b.serviceMessages,
      republishLoopsStopped: b.republishLoopsStopped,
      retainedTopics: b.retained.size,
      perTopicFilter: Object.fromEntries(sorted(b.perTopicFilter)),
      subscribers: Object.fromEntries(
        b.subscribers.map((s) => [s.name, { filter: s.filter, thing: s.client.thing, subscribed: s.active, refused: s.refused, received: s.received, retained: s.retainedReceived, bytes: s.bytes, receiveDenied: s.receiveDenied }]),
      ),
      devices: Object.fromEntries(this.groups.map((g) => [g.spec.name, { topic: g.spec.topic, basicIngest: g.spec.basicIngest ?? null, rate: g.spec.rate, ...g.metrics() }])),
      rules: Object.fromEntries([...this.rules.values()].map((r) => [r.name, r.metrics()])),
      functions: Object.fromEntries(sorted(this.functions).map(([name, f]) => [name, { invocations: f.invocations, durationMs: f.totalDurationMs, maxConcurrency: f.maxConcurrency }])),
      shadows: Object.fromEntries(Object.entries(this.shadows.metrics()).map(([key, m]) => [key, { ...m, device: this.shadowDevices.get(key)?.metrics() ?? null }])),
    };
  }
}
