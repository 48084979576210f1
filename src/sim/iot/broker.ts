import type { Simulation } from '../core/simulation.js';
import { IOT } from '../limits.js';
import { clientArn, topicArn, topicFilterArn, type IotAction } from './policy.js';
import type { TopicRule } from './rules.js';
import type { SqlMessage } from './sql-eval.js';
import { basicIngest, compileFilter, filterProblem, publishTopicProblem, shadowTopic, utf8Bytes } from './topics.js';

// The message broker: checks each publish (topic, payload size, QoS, policy), keeps retained
// messages, delivers to subscribers and hands messages to the rules whose FROM filter matches.
// Basic Ingest (`$aws/rules/NAME/…`) goes to that one rule and to no subscriber, and is not
// metered. Messages are metered in 5 KB increments, published and delivered alike.

const MAX_PAYLOAD = IOT.payloadBytes.values[0]!.amount;
const METER = IOT.messageMeteringBytes.values[0]!.amount;
/** Republish hops in a row before the engine stops a rule loop (AWS publishes no figure). */
export const MAX_REPUBLISH_DEPTH = 8;
const ROUTE_CACHE_LIMIT = 200_000;

/** An MQTT client: its client id and the thing its certificate is attached to. */
export interface Client {
  clientId: string;
  thing: string | null;
}

export type RejectReason = 'payloadTooLarge' | 'topicInvalid' | 'qos2' | 'denied';
export type PublishOutcome = 'accepted' | RejectReason;

export interface BrokerHooks {
  /** Whether any policy exists; without policies the engine authorizes everything. */
  policiesActive(): boolean;
  authorize(who: Client, action: IotAction, resource: string): boolean;
  rule(name: string): TopicRule | undefined;
  rules(): Iterable<TopicRule>;
  /** A request on a shadow topic (`…/update`, `…/get`, `…/delete`). */
  shadowRequest(thing: string, shadow: string | null, operation: string, payload: string): void;
}

export class Subscriber {
  readonly matches: (topic: string) => boolean;
  readonly client: Client;
  active = false;
  /** Why the subscription was refused, if it was. */
  refused: string | null = null;
  received = 0;
  retainedReceived = 0;
  bytes = 0;
  receiveDenied = 0;
  /** In-engine clients that act on what they receive (a shadow's device) set these. */
  onMessage: ((topic: string, payload: string) => void) | null = null;
  /** A message that matched while the client was offline (not subscribed), so it never arrived. */
  onMissed: ((topic: string) => void) | null = null;

  constructor(
    readonly name: string,
    readonly filter: string,
    thing: string | null,
  ) {
    this.matches = compileFilter(filter);
    this.client = { clientId: name, thing };
  }
}

interface Route {
  problem: string | null;
  ingest: { rule: string; rest: string } | null;
  shadow: { thing: string; shadow: string | null; operation: string } | null;
  subscribers: Subscriber[];
  rules: TopicRule[];
}

export interface Retained {
  payload: string;
  qos: number;
  lastModifiedTime: number;
}

const SHADOW_REQUESTS = new Set(['update', 'get', 'delete']);

export function meteredUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / METER));
}

export class Broker {
  published = 0;
  accepted = 0;
  readonly rejected: Record<RejectReason, number> = { payloadTooLarge: 0, topicInvalid: 0, qos2: 0, denied: 0 };
  basicIngestAccepted = 0;
  basicIngestNoRule = 0;
  shadowRequests = 0;
  serviceMessages = 0;
  billablePublished = 0;
  billableDelivered = 0;
  republishLoopsStopped = 0;
  readonly perTopicFilter = new Map<string, number>();
  readonly retained = new Map<string, Retained>();
  readonly subscribers: Subscriber[] = [];
  private readonly routes = new Map<string, Route>();

  constructor(
    private readonly sim: Simulation,
    private readonly hooks: BrokerHooks,
  ) {}

  /** Rules or subscriptions changed: routes are worked out again on next use. */
  invalidate(): void {
    this.routes.clear();
  }

  private route(topic: string): Route {
    let r = this.routes.get(topic);
    if (r) return r;
    let problem = publishTopicProblem(topic);
    const ingest = problem === null ? basicIngest(topic) : null;
    const shadow = problem === null && !ingest ? shadowTopic(topic) : null;
    if (problem === null && !ingest && topic.startsWith('$') && !(shadow && SHADOW_REQUESTS.has(shadow.operation))) {
      problem = `topic "${topic}" is reserved: topics that begin with $ belong to AWS IoT (clients may publish to $aws/rules/… and shadow update, get and delete topics)`;
    }
    const subscribers = ingest ? [] : this.subscribers.filter((s) => s.matches(topic));
    const rules: TopicRule[] = [];
    if (!ingest) for (const rule of this.hooks.rules()) if (rule.matches?.(topic)) rules.push(rule);
    r = { problem, ingest, shadow, subscribers, rules };
    if (this.routes.size >= ROUTE_CACHE_LIMIT) this.routes.clear();
    this.routes.set(topic, r);
    return r;
  }

  /** Why a client may not publish to `topic` (invalid or reserved), or null. */
  topicProblem(topic: string): string | null {
    return this.route(topic).problem;
  }

  /**
   * A client's PUBLISH (a device over MQTT) or the HTTP publish API (`client` null: IAM, not
   * IoT policies, decides). `json` is the payload already parsed, when the caller has it.
   */
  publish(client: Client | null, topic: string, payload: string, json: unknown, qos: number, retain: boolean, bytes = utf8Bytes(payload)): PublishOutcome {
    this.published++;
    const r = this.route(topic);
    if (r.problem !== null) return this.reject('topicInvalid');
    if (bytes > MAX_PAYLOAD) return this.reject('payloadTooLarge');
    if (qos !== 0 && qos !== 1) return this.reject('qos2');
    if (client && this.hooks.policiesActive() && !this.hooks.authorize(client, 'iot:Publish', topicArn(topic))) return this.reject('denied');
    this.accepted++;
    const clientId = client?.clientId ?? 'n/a';
    if (r.ingest) {
      this.basicIngestAccepted++;
      const rule = this.hooks.rule(r.ingest.rule);
      if (!rule || !rule.enabled) this.basicIngestNoRule++;
      else rule.process(this.message(r.ingest.rest, payload, json, clientId), 0);
      return 'accepted';
    }
    // Shadow operations are priced as shadow operations, not as messages.
    if (r.shadow) this.shadowRequests++;
    else this.billablePublished += meteredUnits(bytes);
    if (retain) this.retain(topic, payload, qos, bytes);
    this.deliver(r, topic, payload, json, bytes, clientId, 0);
    if (r.shadow) this.hooks.shadowRequest(r.shadow.thing, r.shadow.shadow, r.shadow.operation, payload);
    return 'accepted';
  }

  /**
   * A message AWS IoT itself publishes (shadow responses, the republish action): no policy or
   * client checks, delivered and metered like any other. Returns a problem with the topic, if any.
   * QoS is accepted for the republish action's sake; the engine delivers every message once.
   */
  publishService(topic: string, payload: string, _qos: number, depth: number): string | null {
    if (depth > MAX_REPUBLISH_DEPTH) {
      this.republishLoopsStopped++;
      return `more than ${MAX_REPUBLISH_DEPTH} republish hops in a row (a rule loop; the engine stops it)`;
    }
    const problem = publishTopicProblem(topic);
    if (problem !== null) return problem;
    const bytes = utf8Bytes(payload);
    if (bytes > MAX_PAYLOAD) return `payload of ${bytes} bytes is over the ${MAX_PAYLOAD}-byte limit`;
    this.serviceMessages++;
    const r = this.route(topic);
    if (r.ingest) {
      const rule = this.hooks.rule(r.ingest.rule);
      if (rule?.enabled) rule.process(this.message(r.ingest.rest, payload, undefined, 'n/a'), depth);
      return null;
    }
    this.deliver(r, topic, payload, undefined, bytes, 'n/a', depth);
    if (r.shadow && SHADOW_REQUESTS.has(r.shadow.operation)) this.hooks.shadowRequest(r.shadow.thing, r.shadow.shadow, r.shadow.operation, payload);
    return null;
  }

  private reject(reason: RejectReason): PublishOutcome {
    this.rejected[reason]++;
    return reason;
  }

  private retain(topic: string, payload: string, qos: number, bytes: number): void {
    // A retained message with an empty payload clears the topic's retained message.
    if (bytes === 0) this.retained.delete(topic);
    else this.retained.set(topic, { payload, qos, lastModifiedTime: this.sim.now });
  }

  private message(topic: string, payload: string, json: unknown, clientId: string): SqlMessage {
    let parsed = json;
    if (parsed === undefined) {
      try {
        parsed = JSON.parse(payload);
      } catch {
        parsed = undefined;
      }
    }
    return { topic, payload: parsed, text: payload, clientId, timestamp: this.sim.now };
  }

  private deliver(r: Route, topic: string, payload: string, json: unknown, bytes: number, clientId: string, depth: number): void {
    const subs = r.subscribers;
    if (subs.length > 0) {
      const units = meteredUnits(bytes);
      const checked = this.hooks.policiesActive();
      for (const s of subs) {
        if (!s.active) {
          s.onMissed?.(topic);
          continue;
        }
        if (checked && !this.hooks.authorize(s.client, 'iot:Receive', topicArn(topic))) {
          s.receiveDenied++;
          continue;
        }
        s.received++;
        s.bytes += bytes;
        this.perTopicFilter.set(s.filter, (this.perTopicFilter.get(s.filter) ?? 0) + 1);
        this.billableDelivered += units;
        s.onMessage?.(topic, payload);
      }
    }
    if (r.rules.length > 0) {
      const m = this.message(topic, payload, json, clientId);
      for (const rule of r.rules) if (rule.enabled) rule.process(m, depth);
    }
  }

  /** Subscribes (Connect and Subscribe checked against policies), then hands over retained messages. */
  subscribe(s: Subscriber): void {
    if (!this.subscribers.includes(s)) this.subscribers.push(s);
    const problem = filterProblem(s.filter) ?? (s.filter.startsWith('$aws/rules/') ? 'Basic Ingest topics cannot be subscribed to' : null);
    if (problem) {
      s.refused = problem;
      return;
    }
    if (this.hooks.policiesActive()) {
      if (!this.hooks.authorize(s.client, 'iot:Connect', clientArn(s.client.clientId))) {
        s.refused = 'iot:Connect denied';
        return;
      }
      if (!this.hooks.authorize(s.client, 'iot:Subscribe', topicFilterArn(s.filter))) {
        s.refused = 'iot:Subscribe denied';
        return;
      }
    }
    s.active = true;
    s.refused = null;
    this.invalidate();
    const checked = this.hooks.policiesActive();
    for (const [topic, m] of this.retained) {
      if (!s.matches(topic)) continue;
      if (checked && !this.hooks.authorize(s.client, 'iot:Receive', topicArn(topic))) {
        s.receiveDenied++;
        continue;
      }
      const bytes = utf8Bytes(m.payload);
      s.received++;
      s.retainedReceived++;
      s.bytes += bytes;
      this.perTopicFilter.set(s.filter, (this.perTopicFilter.get(s.filter) ?? 0) + 1);
      this.billableDelivered += meteredUnits(bytes);
    }
  }
}
