import { IOT } from '../limits.js';
import { shadowPrefix, utf8Bytes } from './topics.js';

// Device shadows, classic and named: a JSON document of `desired` and `reported` state with
// per-field metadata, a version that goes up with every accepted update, and the delta (the
// desired fields that reported does not match). Every request answers on the reserved topics
// (`…/update/accepted`, `…/update/rejected`, `…/update/delta`, `…/update/documents`, and the
// get and delete pairs), which the broker delivers like any other message.

const MAX_STATE_BYTES = IOT.shadowBytes.values[0]!.amount;
const MAX_DEPTH = IOT.shadowNestingDepth.values[0]!.amount;
const MAX_TOKEN_BYTES = IOT.shadowClientTokenBytes.values[0]!.amount;

type Json = Record<string, unknown>;

export interface ShadowError {
  /** HTTP-style code the rejected topic carries: 400, 404, 409 or 413. */
  code: number;
  message: string;
}

export type ShadowResult = { ok: true; document: Json } | { ok: false; error: ShadowError };

/** MQTT requests answer on the reserved topics; the HTTP API answers the caller (accepted updates still go out). */
export type Via = 'mqtt' | 'http';

interface ShadowRecord {
  thing: string;
  name: string | null;
  exists: boolean;
  desired: Json | undefined;
  reported: Json | undefined;
  metaDesired: Json | undefined;
  metaReported: Json | undefined;
  version: number;
  timestamp: number;
  updates: number;
  rejected: number;
  conflicts: number;
  deltas: number;
  deletes: number;
  versioned: number;
}

export interface ShadowMetrics {
  version: number;
  exists: boolean;
  updates: number;
  /** Accepted updates that named the version they expected (optimistic locking). */
  versioned: number;
  rejected: number;
  conflicts: number;
  deltas: number;
  deletes: number;
  /** The state at the end: `{}` for a section that is empty or absent. */
  desired: Json;
  reported: Json;
  delta: Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Levels of objects inside a section: a flat object is 1. */
function depth(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((m: number, x) => Math.max(m, depth(x)), 0);
  if (!isObject(v)) return 0;
  let m = 0;
  for (const x of Object.values(v)) m = Math.max(m, depth(x));
  return 1 + m;
}

/** Merges an update into a section: null deletes a key, objects merge, anything else replaces. */
function merge(target: Json | undefined, update: Json): Json {
  const out: Json = target ? { ...target } : {};
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(out[k])) out[k] = merge(out[k] as Json, v);
    else out[k] = clone(v);
  }
  return out;
}

/** Metadata for every field an update sets: the same shape with `{timestamp}` at the leaves. */
function metadataFor(v: unknown, timestamp: number): unknown {
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, metadataFor(x, timestamp)]));
  if (Array.isArray(v)) return v.map((x) => metadataFor(x, timestamp));
  return { timestamp };
}

function mergeMetadata(target: Json | undefined, update: Json, timestamp: number): Json {
  const out: Json = target ? { ...target } : {};
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(out[k]) && !('timestamp' in (out[k] as Json) && Object.keys(out[k] as Json).length === 1)) out[k] = mergeMetadata(out[k] as Json, v, timestamp);
    else out[k] = metadataFor(v, timestamp);
  }
  return out;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Desired fields that reported lacks or holds a different value for (objects compared field by field). */
export function computeDelta(desired: Json | undefined, reported: Json | undefined): Json {
  const delta: Json = {};
  if (!desired) return delta;
  for (const [k, want] of Object.entries(desired)) {
    const have = reported?.[k];
    if (isObject(want) && isObject(have)) {
      const inner = computeDelta(want, have);
      if (Object.keys(inner).length > 0) delta[k] = inner;
    } else if (have === undefined || !equal(want, have)) {
      delta[k] = clone(want);
    }
  }
  return delta;
}

/** The metadata of just the fields in `shape` (for delta messages). */
function metadataSubset(meta: Json | undefined, shape: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(shape)) {
    const m = meta?.[k];
    if (m === undefined) continue;
    out[k] = isObject(v) && isObject(m) && !('timestamp' in m && Object.keys(m).length === 1) ? metadataSubset(m, v) : m;
  }
  return out;
}

function notFound(thing: string, name: string | null): ShadowError {
  return { code: 404, message: `No shadow exists with name: '${name === null ? thing : `${thing}~${name}`}'` };
}

export class ShadowStore {
  private readonly records = new Map<string, ShadowRecord>();
  /** Gets and deletes of shadows that do not exist (they have no record to count on). */
  notFound = 0;

  constructor(
    /** Virtual epoch milliseconds. */
    private readonly now: () => number,
    /** Publishes a response on the broker (topic, JSON text). */
    private readonly publish: (topic: string, payload: string) => void,
  ) {}

  private key(thing: string, name: string | null): string {
    return name === null ? thing : `${thing}/${name}`;
  }

  private record(thing: string, name: string | null): ShadowRecord {
    const key = this.key(thing, name);
    let r = this.records.get(key);
    if (!r) {
      r = { thing, name, exists: false, desired: undefined, reported: undefined, metaDesired: undefined, metaReported: undefined, version: 0, timestamp: 0, updates: 0, rejected: 0, conflicts: 0, deltas: 0, deletes: 0, versioned: 0 };
      this.records.set(key, r);
    }
    return r;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private reject(r: ShadowRecord | null, where: { thing: string; name: string | null; operation: string; via: Via }, error: ShadowError, clientToken?: string): ShadowResult {
    if (r) {
      r.rejected++;
      if (error.code === 409) r.conflicts++;
    } else {
      this.notFound++;
    }
    if (where.via === 'mqtt') {
      const body: Json = { code: error.code, message: error.message, timestamp: this.seconds() };
      if (clientToken !== undefined) body.clientToken = clientToken;
      this.publish(`${shadowPrefix(where.thing, where.name)}/${where.operation}/rejected`, JSON.stringify(body));
    }
    return { ok: false, error };
  }

  private stateOf(r: ShadowRecord): Json {
    const state: Json = {};
    if (r.desired !== undefined) state.desired = clone(r.desired);
    if (r.reported !== undefined) state.reported = clone(r.reported);
    return state;
  }

  private metadataOf(r: ShadowRecord): Json {
    const meta: Json = {};
    if (r.metaDesired !== undefined) meta.desired = clone(r.metaDesired);
    if (r.metaReported !== undefined) meta.reported = clone(r.metaReported);
    return meta;
  }

  update(thing: string, name: string | null, payload: string, via: Via): ShadowResult {
    const r = this.record(thing, name);
    const at = { thing, name, operation: 'update', via };
    let request: unknown;
    try {
      request = JSON.parse(payload);
    } catch {
      return this.reject(r, at, { code: 400, message: 'Invalid JSON' });
    }
    if (!isObject(request)) return this.reject(r, at, { code: 400, message: 'Invalid JSON' });
    const token = request.clientToken;
    if (token !== undefined && (typeof token !== 'string' || utf8Bytes(token) > MAX_TOKEN_BYTES)) return this.reject(r, at, { code: 400, message: 'Invalid clientToken' });
    const clientToken = token as string | undefined;
    const state = request.state;
    if (state === undefined) return this.reject(r, at, { code: 400, message: 'Missing required node: state' }, clientToken);
    if (!isObject(state)) return this.reject(r, at, { code: 400, message: 'State node must be an object' }, clientToken);
    for (const key of Object.keys(state)) {
      if (key !== 'desired' && key !== 'reported') return this.reject(r, at, { code: 400, message: `State contains an invalid node: '${key}'` }, clientToken);
    }
    for (const section of ['desired', 'reported'] as const) {
      const v = state[section];
      if (v !== undefined && v !== null && !isObject(v)) return this.reject(r, at, { code: 400, message: `${section === 'desired' ? 'Desired' : 'Reported'} node must be an object` }, clientToken);
      if (depth(v) > MAX_DEPTH) return this.reject(r, at, { code: 400, message: `JSON contains too many levels of nesting; maximum is ${MAX_DEPTH}` }, clientToken);
    }
    const version = request.version;
    if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) return this.reject(r, at, { code: 400, message: 'Invalid version' }, clientToken);
    if (version !== undefined && version !== r.version) return this.reject(r, at, { code: 409, message: 'Version conflict' }, clientToken);

    const ts = this.seconds();
    const desired = state.desired === null ? undefined : isObject(state.desired) ? merge(r.desired, state.desired) : r.desired;
    const reported = state.reported === null ? undefined : isObject(state.reported) ? merge(r.reported, state.reported) : r.reported;
    const size = utf8Bytes(JSON.stringify({ desired, reported }));
    if (size > MAX_STATE_BYTES) return this.reject(r, at, { code: 413, message: `The payload exceeds the maximum size allowed (state of ${size} bytes; desired and reported together may hold ${MAX_STATE_BYTES})` }, clientToken);

    const previous = r.exists ? { state: this.stateOf(r), metadata: this.metadataOf(r), version: r.version } : null;
    const deltaBefore = computeDelta(r.desired, r.reported);
    r.metaDesired = state.desired === null ? undefined : isObject(state.desired) ? mergeMetadata(r.metaDesired, state.desired, ts) : r.metaDesired;
    r.metaReported = state.reported === null ? undefined : isObject(state.reported) ? mergeMetadata(r.metaReported, state.reported, ts) : r.metaReported;
    r.desired = desired;
    r.reported = reported;
    r.exists = true;
    r.version++;
    r.timestamp = ts;
    r.updates++;
    if (version !== undefined) r.versioned++;

    const requestMeta: Json = {};
    for (const section of ['desired', 'reported'] as const) {
      const v = state[section];
      if (isObject(v)) requestMeta[section] = metadataFor(v, ts);
    }
    const accepted: Json = { state: clone(state), metadata: requestMeta, version: r.version, timestamp: ts };
    if (clientToken !== undefined) accepted.clientToken = clientToken;
    const prefix = shadowPrefix(thing, name);
    this.publish(`${prefix}/update/accepted`, JSON.stringify(accepted));

    const documents: Json = {};
    if (previous) documents.previous = previous;
    documents.current = { state: this.stateOf(r), metadata: this.metadataOf(r), version: r.version };
    documents.timestamp = ts;
    if (clientToken !== undefined) documents.clientToken = clientToken;
    this.publish(`${prefix}/update/documents`, JSON.stringify(documents));

    // A delta goes out when desired and reported differ after a change to desired, or when a
    // report moves the difference (a device reporting a value it was not asked for).
    const delta = computeDelta(r.desired, r.reported);
    if (Object.keys(delta).length > 0 && (isObject(state.desired) || !equal(delta, deltaBefore))) {
      r.deltas++;
      const message: Json = { version: r.version, timestamp: ts, state: delta, metadata: metadataSubset(r.metaDesired, delta) };
      if (clientToken !== undefined) message.clientToken = clientToken;
      this.publish(`${prefix}/update/delta`, JSON.stringify(message));
    }
    return { ok: true, document: accepted };
  }

  /** The whole document (state with delta, metadata, version, timestamp), or 404. */
  get(thing: string, name: string | null, via: Via): ShadowResult {
    const r = this.records.get(this.key(thing, name));
    if (!r?.exists) return this.reject(r ?? null, { thing, name, operation: 'get', via }, notFound(thing, name));
    const state = this.stateOf(r);
    const delta = computeDelta(r.desired, r.reported);
    if (Object.keys(delta).length > 0) state.delta = delta;
    const document: Json = { state, metadata: this.metadataOf(r), version: r.version, timestamp: this.seconds() };
    if (via === 'mqtt') this.publish(`${shadowPrefix(thing, name)}/get/accepted`, JSON.stringify(document));
    return { ok: true, document };
  }

  /** Deletes the document; its version carries on if it is created again (as within AWS's 48 hours). */
  delete(thing: string, name: string | null, via: Via): ShadowResult {
    const r = this.records.get(this.key(thing, name));
    if (!r?.exists) return this.reject(r ?? null, { thing, name, operation: 'delete', via }, notFound(thing, name));
    r.exists = false;
    r.desired = r.reported = r.metaDesired = r.metaReported = undefined;
    r.deletes++;
    const document: Json = { version: r.version, timestamp: this.seconds() };
    this.publish(`${shadowPrefix(thing, name)}/delete/accepted`, JSON.stringify(document));
    return { ok: true, document };
  }

  /** The current state without a request (no message, nothing counted), or null when there is no shadow. */
  peek(thing: string, name: string | null): { desired: Json; reported: Json; version: number } | null {
    const r = this.records.get(this.key(thing, name));
    if (!r?.exists) return null;
    return { desired: clone(r.desired) ?? {}, reported: clone(r.reported) ?? {}, version: r.version };
  }

  /** Named shadows of a thing that exist now. */
  names(thing: string): string[] {
    return [...this.records.values()].filter((r) => r.thing === thing && r.name !== null && r.exists).map((r) => r.name!).sort();
  }

  metrics(): Record<string, ShadowMetrics> {
    const out: Record<string, ShadowMetrics> = {};
    for (const [key, r] of [...this.records.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      out[key] = {
        version: r.version,
        exists: r.exists,
        updates: r.updates,
        versioned: r.versioned,
        rejected: r.rejected,
        conflicts: r.conflicts,
        deltas: r.deltas,
        deletes: r.deletes,
        desired: clone(r.desired) ?? {},
        reported: clone(r.reported) ?? {},
        delta: computeDelta(r.desired, r.reported),
      };
    }
    return out;
  }
}
