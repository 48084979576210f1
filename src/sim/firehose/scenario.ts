import { FIREHOSE_ENGINE } from '../limits.js';
import { configProblems, DEFAULT_ERROR_PREFIX, defaultBuffer, defaultRetryDuration, defaultTransformBuffer, partitionedPrefix, partitioningFrom, type DeliveryStreamConfig } from './config.js';
import { parsePath } from './jq.js';
import type { DeliveryStreamSpec, FirehoseSpec } from './spec.js';
import { parseUtc } from '../core/calendar.js';

// From the scenario's `firehose:` section to delivery stream settings, and the load-time checks
// that need the whole scenario (stream names, producers pointing at delivery streams).

const RETRIES_DEFAULT = FIREHOSE_ENGINE.lambdaRetriesDefault.values[0]!.amount;

export function configFromSpec(s: DeliveryStreamSpec): DeliveryStreamConfig {
  const kind = s.destination.kind;
  const partitioning = s.dynamicPartitioning ? partitioningFrom(s.dynamicPartitioning.key) : null;
  const defaults = defaultBuffer(kind);
  const d = s.destination;
  const config: DeliveryStreamConfig = {
    name: s.name,
    source: s.source === 'direct' ? { kind: 'direct' } : { kind: 'kinesis', stream: s.source.kinesisStream },
    buffer: { size: s.buffer.size ?? defaults.size, interval: s.buffer.interval ?? defaults.interval },
    destination: {
      kind,
      bucket: d.bucket,
      prefix: d.prefix ?? (partitioning ? partitionedPrefix(partitioning.key) : ''),
      errorPrefix: d.errorPrefix ?? DEFAULT_ERROR_PREFIX,
      retryDuration: 'retryDuration' in d && d.retryDuration !== undefined ? d.retryDuration : defaultRetryDuration(kind),
      endpoint: 'endpoint' in d ? (d.endpoint ?? null) : null,
    },
    compression: s.compression,
    transform: null,
    partitioning,
    outages: s.outages.map((o) => ({ from: o.from, to: o.to })),
  };
  if (s.transform) {
    const l = s.transform.lambda;
    const tb = defaultTransformBuffer(kind);
    const failPath = l.failWhen ? parsePath(l.failWhen.field.startsWith('.') ? l.failWhen.field : `.${l.failWhen.field}`) : null;
    config.transform = {
      function: l.function ?? `${s.name}-transform`,
      rules: { failShare: l.failShare, failWhen: failPath && l.failWhen ? { path: failPath, equals: l.failWhen.equals } : null, dropShare: l.dropShare },
      duration: l.duration,
      retries: l.retries ?? RETRIES_DEFAULT,
      buffer: { size: s.transform.buffer.size ?? tb.size, interval: s.transform.buffer.interval ?? tb.interval },
    };
  }
  return config;
}

export function checkFirehose(spec: FirehoseSpec, scenario: { streams: string[] }): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (parseUtc(spec.startDate) === null) out.push({ path: ['startDate'], message: `"${spec.startDate}" is not an ISO 8601 UTC date, e.g. 2026-01-01T00:00:00Z` });
  const names = new Set<string>();
  const direct = new Set<string>();
  spec.deliveryStreams.forEach((s, i) => {
    const base = ['deliveryStreams', i];
    if (names.has(s.name)) out.push({ path: [...base, 'name'], message: `delivery stream "${s.name}" is defined twice` });
    names.add(s.name);
    if (s.source === 'direct') direct.add(s.name);
    else if (!scenario.streams.includes(s.source.kinesisStream)) {
      out.push({ path: [...base, 'source', 'kinesisStream'], message: `stream "${s.source.kinesisStream}" is not defined under kinesis.streams` });
    }
    if (s.dynamicPartitioning && !parsePath(s.dynamicPartitioning.key)) {
      out.push({ path: [...base, 'dynamicPartitioning', 'key'], message: `"${s.dynamicPartitioning.key}" is not a path the engine evaluates (write .field or .a.b)` });
      return;
    }
    if (s.transform?.lambda.failWhen && !parsePath(`.${s.transform.lambda.failWhen.field.replace(/^\./, '')}`)) {
      out.push({ path: [...base, 'transform', 'lambda', 'failWhen', 'field'], message: `"${s.transform.lambda.failWhen.field}" is not a field name or path` });
    }
    for (const p of configProblems(configFromSpec(s))) out.push({ path: [...base, ...p.path], message: p.message });
  });
  const producers = new Set<string>();
  spec.producers.forEach((p, i) => {
    const base = ['producers', i];
    if (p.name !== undefined) {
      if (producers.has(p.name)) out.push({ path: [...base, 'name'], message: `producer "${p.name}" is defined twice` });
      producers.add(p.name);
    }
    if (!names.has(p.deliveryStream)) out.push({ path: [...base, 'deliveryStream'], message: `delivery stream "${p.deliveryStream}" is not defined under firehose.deliveryStreams` });
    else if (!direct.has(p.deliveryStream)) out.push({ path: [...base, 'deliveryStream'], message: `"${p.deliveryStream}" reads a Kinesis data stream; Direct PUT is disabled for it (write to the stream instead)` });
    if (p.stop !== undefined && p.stop <= p.start) out.push({ path: [...base, 'stop'], message: 'stop must come after start' });
  });
  return out;
}
