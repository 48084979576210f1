import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { RatePlan, TICK_MS } from '../kinesis/producer-traffic.js';
import type { DeviceGroupSpec, FieldSpec } from './spec.js';

// The device fleet: groups of N devices (`thing-0001` …), each publishing at a rate to a topic
// template with a JSON payload built from field generators. A group's messages are spread
// evenly over time and handed out to its devices in turn, so every device publishes at the
// group's per-device rate and the group exactly `count × rate` per second.

export interface FieldContext {
  thing: string;
  group: string;
  sequence: number;
  timestamp: number;
}

type Generator = (c: FieldContext) => unknown;

const GENERATOR_KEYS = new Set(['normal', 'uniform', 'int', 'choice', 'pad']);

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Standard normal draws by Box–Muller, from the group's own random stream. */
function normal(rng: Rng): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = rng.next();
    while (u <= Number.MIN_VALUE) u = rng.next();
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

const PLACEHOLDER = /\$\{(thing|group|sequence|timestamp)\}/g;

/** A text field: split once into constant parts and placeholders, joined per message. */
function stringField(text: string): Generator {
  if (text === '${timestamp}') return (c) => c.timestamp;
  if (text === '${sequence}') return (c) => c.sequence;
  if (text === '${thing}') return (c) => c.thing;
  const parts: (string | keyof FieldContext)[] = [];
  const names: boolean[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, m.index), m[1] as keyof FieldContext);
    names.push(false, true);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return () => text;
  parts.push(text.slice(last));
  names.push(false);
  return (c) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) out += names[i] ? String(c[parts[i] as keyof FieldContext]) : (parts[i] as string);
    return out;
  };
}

export function isGeneratorSpec(v: object): boolean {
  const keys = Object.keys(v);
  return keys.some((k) => GENERATOR_KEYS.has(k)) && keys.every((k) => GENERATOR_KEYS.has(k) || k === 'decimals');
}

function compileField(spec: FieldSpec, rng: Rng): Generator {
  if (typeof spec === 'number' || typeof spec === 'boolean' || spec === null) return () => spec;
  if (typeof spec === 'string') return stringField(spec);
  if (Array.isArray(spec)) {
    const items = spec.map((s) => compileField(s, rng));
    return (c) => items.map((g) => g(c));
  }
  const s = spec as Record<string, unknown>;
  if (isGeneratorSpec(s)) {
    const decimals = typeof s.decimals === 'number' ? s.decimals : 2;
    if ('normal' in s) {
      const [mean, sd] = s.normal as [number, number];
      const z = normal(rng);
      return () => round(mean + sd * z(), decimals);
    }
    if ('uniform' in s) {
      const [min, max] = s.uniform as [number, number];
      return () => round(min + rng.next() * (max - min), decimals);
    }
    if ('int' in s) {
      const [min, max] = s.int as [number, number];
      return () => min + rng.int(max - min + 1);
    }
    if ('choice' in s) {
      const values = s.choice as unknown[];
      return () => values[rng.int(values.length)];
    }
    const pad = 'x'.repeat(Math.max(0, Math.round(s.pad as number)));
    return () => pad;
  }
  const fields = Object.entries(s).map(([k, v]) => [k, compileField(v as FieldSpec, rng)] as const);
  return (c) => {
    const out: Record<string, unknown> = {};
    for (const [k, g] of fields) out[k] = g(c);
    return out;
  };
}

/** The payload generator of a group: one object per message, fields in the order written. */
export function payloadGenerator(payload: Record<string, FieldSpec>, rng: Rng): (c: FieldContext) => Record<string, unknown> {
  return compileField(payload as FieldSpec, rng) as (c: FieldContext) => Record<string, unknown>;
}

/** Thing names of a group: `prefix` and a number from 1, zero-padded to at least four digits. */
export function thingNames(prefix: string, count: number): string[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

export function groupThings(g: Pick<DeviceGroupSpec, 'name' | 'prefix' | 'count'>): string[] {
  return thingNames(g.prefix ?? `${g.name}-`, g.count);
}

export function deviceTopic(template: string, thing: string, group: string, basicIngestRule: string | undefined): string {
  const topic = template.replaceAll('${thing}', thing).replaceAll('${group}', group);
  return basicIngestRule === undefined ? topic : `$aws/rules/${basicIngestRule}/${topic}`;
}

/** One device's connection and its share of the group's counts. */
export interface Device {
  thing: string;
  topic: string;
  connected: boolean;
  sequence: number;
}

export interface GroupMetrics {
  devices: number;
  connected: number;
  connectDenied: number;
  published: number;
  accepted: number;
  rejected: number;
}

export type DevicePublish = (device: Device, payload: string, json: Record<string, unknown>, qos: number, retain: boolean) => boolean;

export class DeviceGroup {
  readonly devices: Device[];
  private readonly generate: (c: FieldContext) => Record<string, unknown>;
  private cursor = 0;
  published = 0;
  accepted = 0;

  constructor(
    private readonly sim: Simulation,
    readonly spec: DeviceGroupSpec,
    rng: Rng,
  ) {
    this.devices = groupThings(spec).map((thing) => ({ thing, topic: deviceTopic(spec.topic, thing, spec.name, spec.basicIngest), connected: true, sequence: 0 }));
    this.generate = payloadGenerator(spec.payload, rng);
  }

  /** Starts publishing at the group's start time; `publish` says whether the broker accepted. */
  start(publish: DevicePublish): void {
    const spec = this.spec;
    const start = Math.max(spec.start, this.sim.now);
    const stop = spec.stop ?? Infinity;
    if (start >= stop) return;
    const plan = new RatePlan({ rate: spec.rate * spec.count }, start);
    const label = `iot:devices:${spec.name}`;
    const tick = () => {
      const now = this.sim.now;
      const due = plan.take(Math.min(now + TICK_MS, stop));
      if (due > 0) this.emit(due, now, publish);
      // Ticks that would publish nothing are skipped (a fleet reporting once a minute).
      const nextDue = plan.nextDue();
      if (nextDue === Infinity) return;
      const next = Math.max(now + TICK_MS, start + Math.floor((nextDue - start) / TICK_MS) * TICK_MS);
      if (next < stop) this.sim.at(next, label, tick);
    };
    this.sim.at(start, label, tick);
  }

  private emit(due: number, now: number, publish: DevicePublish): void {
    const spec = this.spec;
    const devices = this.devices;
    const n = devices.length;
    for (let k = 0; k < due; k++) {
      const device = devices[this.cursor]!;
      this.cursor = this.cursor + 1 === n ? 0 : this.cursor + 1;
      if (!device.connected) continue;
      device.sequence++;
      const json = this.generate({ thing: device.thing, group: spec.name, sequence: device.sequence, timestamp: now });
      this.published++;
      if (publish(device, JSON.stringify(json), json, spec.qos, spec.retain)) this.accepted++;
    }
  }

  metrics(): GroupMetrics {
    const connected = this.devices.filter((d) => d.connected).length;
    return { devices: this.devices.length, connected, connectDenied: this.devices.length - connected, published: this.published, accepted: this.accepted, rejected: this.published - this.accepted };
  }
}
