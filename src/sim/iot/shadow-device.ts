import { Subscriber, type Broker } from './broker.js';
import type { ShadowStore } from './shadow.js';
import type { ShadowDeviceSpec } from './spec.js';
import { shadowPrefix } from './topics.js';

// The thing behind a shadow, behaving like typical device firmware: it subscribes to its shadow's
// response topics, applies each delta it receives and reports the applied fields back, `applyAfter`
// later. Its session is clean and QoS 0, so a delta published while it is offline is gone; what
// it does on connecting (ask for the document, or wait) decides whether it ever catches up. This
// is what a lab needs to show desired and reported converging, or not.

type Json = Record<string, unknown>;

/** One report of applied fields: when, what the delta asked, and the whole reported state after it. */
export interface AppliedReport {
  atMs: number;
  state: Json;
  reported: Json;
}

export interface ShadowDeviceMetrics {
  /** Delta messages that reached the device. */
  deltasReceived: number;
  /** Delta messages published while it was offline. */
  deltasMissed: number;
  /** Get requests it made on connecting. */
  gets: number;
  /** Reports of applied fields it published. */
  reports: number;
  /** Deltas it could not report because it went offline before applying them. */
  lostWhileApplying: number;
  /** Scripted updates of this shadow not sent because the device was offline at the time. */
  updatesWhileOffline: number;
  /** Its first 100 reports. */
  applied: AppliedReport[];
}

const APPLIED_KEPT = 100;

interface DeviceEnv {
  sim: { now: number; at(time: number, label: string, run: () => void): unknown };
  broker: Broker;
  shadows: ShadowStore;
  /** Subscribes the client (policies checked) and returns it. */
  subscribe(s: Subscriber): void;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ShadowDevice {
  private readonly prefix: string;
  private readonly client: Subscriber;
  private readonly m: ShadowDeviceMetrics = { deltasReceived: 0, deltasMissed: 0, gets: 0, reports: 0, lostWhileApplying: 0, updatesWhileOffline: 0, applied: [] };

  constructor(
    private readonly env: DeviceEnv,
    readonly thing: string,
    private readonly shadow: string | null,
    private readonly spec: ShadowDeviceSpec,
  ) {
    this.prefix = shadowPrefix(thing, shadow);
    // One filter covers the shadow's own `update/delta` and `get/accepted` (and no named shadow's).
    this.client = new Subscriber(shadow === null ? thing : `${thing}/${shadow}`, `${this.prefix}/+/+`, thing);
    this.client.onMessage = (topic, payload) => this.receive(topic, payload);
    this.client.onMissed = (topic) => {
      if (topic === `${this.prefix}/update/delta`) this.m.deltasMissed++;
    };
  }

  online(at: number): boolean {
    return !this.spec.offline.some((w) => at >= w.from && at < w.to);
  }

  /** Connects now if online, and at the end of each offline window; drops off at each start. */
  start(): void {
    const sim = this.env.sim;
    if (this.online(sim.now)) this.connect();
    for (const w of this.spec.offline) {
      if (w.to <= w.from) continue;
      if (w.from > sim.now) sim.at(w.from, `iot:device:${this.thing}:offline`, () => void (this.client.active = false));
      sim.at(Math.max(w.to, sim.now), `iot:device:${this.thing}:online`, () => {
        if (this.online(sim.now)) this.connect();
      });
    }
  }

  /** A scripted update of the shadow by this thing: sent only while it is online. */
  mayPublish(at: number): boolean {
    if (this.online(at)) return true;
    this.m.updatesWhileOffline++;
    return false;
  }

  private connect(): void {
    this.env.subscribe(this.client);
    if (!this.client.active || this.spec.onConnect !== 'get') return;
    this.m.gets++;
    this.publish(`${this.prefix}/get`, '');
  }

  private receive(topic: string, payload: string): void {
    const operation = topic.slice(this.prefix.length + 1);
    if (operation !== 'update/delta' && operation !== 'get/accepted') return;
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (!isObject(message) || !isObject(message.state)) return;
    const wanted = operation === 'update/delta' ? message.state : message.state.delta;
    if (operation === 'update/delta') this.m.deltasReceived++;
    if (!isObject(wanted) || Object.keys(wanted).length === 0) return;
    const state = wanted;
    this.env.sim.at(this.env.sim.now + this.spec.applyAfter, `iot:device:${this.thing}:apply`, () => this.report(state));
  }

  private report(state: Json): void {
    const sim = this.env.sim;
    if (!this.online(sim.now)) {
      this.m.lostWhileApplying++;
      return;
    }
    this.m.reports++;
    this.publish(`${this.prefix}/update`, JSON.stringify({ state: { reported: state } }));
    if (this.m.applied.length < APPLIED_KEPT) {
      this.m.applied.push({ atMs: sim.now, state, reported: this.env.shadows.peek(this.thing, this.shadow)?.reported ?? {} });
    }
  }

  private publish(topic: string, payload: string): void {
    this.env.broker.publish(this.client.client, topic, payload, undefined, 0, false);
  }

  metrics(): ShadowDeviceMetrics {
    return { ...this.m, applied: this.m.applied.map((a) => ({ ...a })) };
  }
}
