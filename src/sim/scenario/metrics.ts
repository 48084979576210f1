import type { TraceEntry } from '../core/simulation.js';
import { costSection } from '../cost/index.js';
import type { ConsumerMetrics } from '../kinesis/consumers/index.js';
import type { ProducerMetrics } from '../kinesis/producer.js';
import type { KinesisService } from '../kinesis/service.js';
import type { Shard } from '../kinesis/shard.js';
import type { Stream } from '../kinesis/stream.js';

// The metrics document `shardlab sim --json` prints and lab checks read. Field names are stable:
// docs/scenarios.md lists every one, and checks refer to them by name. Everything here is
// computed from counters the engine keeps, in a fixed order, so the same scenario and seed give
// byte-identical JSON.

export interface ShardMetrics {
  open: boolean;
  parents: string[];
  /** Decimal strings: the 128-bit hash keys do not fit a JSON number. */
  hashKeyRange: [string, string];
  openedAtMs: number;
  closedAtMs: number | null;
  recordsIn: number;
  userRecordsIn: number;
  bytesIn: number;
  writeThrottled: number;
  getRecordsCalls: number;
  readThrottled: number;
  recordsRead: number;
  bytesRead: number;
  expired: number;
}

export interface StreamMetrics {
  mode: 'PROVISIONED' | 'ON_DEMAND';
  status: string;
  retentionHours: number;
  openShards: number;
  totalShards: number;
  recordsIn: number;
  userRecordsIn: number;
  bytesIn: number;
  writeThrottled: number;
  expiredRecords: number;
  readThrottled: number;
  getRecordsCalls: number;
  reshards: { atMs: number; kind: string; from: number; to: number }[];
  /** On-demand streams only: the write capacity in force at the end, in bytes/s and records/s. */
  onDemandCapacity?: { bytesPerSecond: number; recordsPerSecond: number };
  series: { recordsInPerSecond: number[]; bytesInPerSecond: number[]; writeThrottledPerSecond: number[] };
  shards: Record<string, ShardMetrics>;
}

export interface ActionResult {
  atMs: number;
  command: string;
  ok: boolean;
  /** The AWS response object, or null when AWS answers with an empty body. */
  output?: object | null;
  /** The AWS CLI's error line, e.g. `An error occurred (…) when calling the … operation: …`. */
  error?: string;
}

export interface MetricsDocument<P = unknown, C = unknown> {
  scenario: string;
  seed: number;
  durationMs: number;
  events: number;
  streams: Record<string, StreamMetrics>;
  producers: Record<string, P>;
  consumers: Record<string, C>;
  actions: ActionResult[];
  trace?: TraceEntry[];
  /** Sections of plug-in services (`sqs`, `firehose`, `iot`), present when the scenario uses them. */
  [service: string]: unknown;
}

/** What runScenario returns: the document with the producers' and consumers' own metrics. */
export type ScenarioMetrics = MetricsDocument<ProducerMetrics, ConsumerMetrics>;

export function shardMetrics(shard: Shard): ShardMetrics {
  return {
    open: shard.open,
    parents: [...shard.parents],
    hashKeyRange: [shard.startingHashKey.toString(), shard.endingHashKey.toString()],
    openedAtMs: shard.openedAt,
    closedAtMs: shard.closedAt,
    recordsIn: shard.recordsIn,
    userRecordsIn: shard.userRecordsIn,
    bytesIn: shard.bytesIn,
    writeThrottled: shard.writeThrottled,
    getRecordsCalls: shard.getRecordsCalls,
    readThrottled: shard.readThrottled,
    recordsRead: shard.recordsRead,
    bytesRead: shard.bytesRead,
    expired: shard.expired,
  };
}

export function streamMetrics(stream: Stream, seconds: number): StreamMetrics {
  const shards: Record<string, ShardMetrics> = {};
  let readThrottled = 0;
  let getRecordsCalls = 0;
  for (const shard of stream.shards) {
    shards[shard.id] = shardMetrics(shard);
    readThrottled += shard.readThrottled;
    getRecordsCalls += shard.getRecordsCalls;
  }
  const out: StreamMetrics = {
    mode: stream.mode,
    status: stream.status,
    retentionHours: stream.retentionHours,
    openShards: stream.openShards.length,
    totalShards: stream.shards.length,
    recordsIn: stream.recordsIn,
    userRecordsIn: stream.userRecordsIn,
    bytesIn: stream.bytesIn,
    writeThrottled: stream.writeThrottled,
    expiredRecords: stream.expiredRecords,
    readThrottled,
    getRecordsCalls,
    reshards: stream.reshards.map((r) => ({ atMs: r.at, kind: r.kind, from: r.from, to: r.to })),
    series: {
      recordsInPerSecond: stream.recordsInSeries.toArray(seconds),
      bytesInPerSecond: stream.bytesInSeries.toArray(seconds),
      writeThrottledPerSecond: stream.throttledSeries.toArray(seconds),
    },
    shards,
  };
  if (stream.onDemand) {
    out.onDemandCapacity = { bytesPerSecond: stream.onDemand.bytes.limit, recordsPerSecond: stream.onDemand.records.limit };
  }
  return out;
}

export function assembleMetrics<P extends { name: string }, C extends { name: string }>(parts: {
  scenario: string;
  seed: number;
  durationMs: number;
  events: number;
  kinesis: KinesisService;
  producers: readonly P[];
  consumers: readonly C[];
  actions: ActionResult[];
  trace: TraceEntry[] | null;
  /** Plug-in services' sections, by their scenario key (sqs, firehose, iot). */
  services?: Record<string, unknown>;
}): MetricsDocument<P, C> {
  const seconds = Math.ceil(parts.durationMs / 1000);
  const streams: Record<string, StreamMetrics> = {};
  // Streams in creation order (the service's map keeps insertion order).
  for (const stream of parts.kinesis.streams.values()) streams[stream.name] = streamMetrics(stream, seconds);
  const doc: MetricsDocument<P, C> = {
    scenario: parts.scenario,
    seed: parts.seed,
    durationMs: parts.durationMs,
    events: parts.events,
    streams,
    producers: Object.fromEntries(parts.producers.map((p) => [p.name, p])),
    consumers: Object.fromEntries(parts.consumers.map((c) => [c.name, c])),
    actions: parts.actions,
  };
  // Services after the Kinesis parts and before the trace, in plug-in order: a fixed key order
  // keeps the JSON byte-identical from run to run.
  for (const [key, section] of Object.entries(parts.services ?? {})) doc[key] = section;
  // Priced last, from the counters and the finished sections, so a check reads what the run cost.
  doc.cost = costSection({ durationMs: parts.durationMs, kinesis: parts.kinesis, metrics: doc });
  if (parts.trace) doc.trace = parts.trace;
  return doc;
}
