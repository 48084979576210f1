import { FIREHOSE, FIREHOSE_ENGINE } from '../limits.js';
import type { Compression } from './compress.js';
import { keyName, parsePath, type JqPath } from './jq.js';
import { prefixProblems } from './s3-keys.js';
import type { TransformConfig } from './transform.js';

// One delivery stream's settings, the same whether a scenario file or `aws firehose
// create-delivery-stream` made it, and the checks AWS would make on them.

export type DestinationKind = 's3' | 'http' | 'opensearch' | 'splunk' | 'redshift';

export interface DestinationConfig {
  kind: DestinationKind;
  /** The destination bucket (S3), the staging bucket (Redshift) or the backup bucket (the others). */
  bucket: string;
  prefix: string;
  errorPrefix: string;
  /** How long a failing delivery is retried before backup (not S3), in ms. */
  retryDuration: number;
  /** URL, domain or cluster; shown by describe, not otherwise used. */
  endpoint: string | null;
}

export interface DeliveryStreamConfig {
  name: string;
  source: { kind: 'direct' } | { kind: 'kinesis'; stream: string };
  /** Bytes and ms. */
  buffer: { size: number; interval: number };
  destination: DestinationConfig;
  compression: Compression;
  transform: TransformConfig | null;
  partitioning: { path: JqPath; key: string } | null;
  /** Times the destination refuses every write: [from, to) in ms. */
  outages: { from: number; to: number }[];
}

/** `!{firehose:error-output-type}` per failure; Redshift leaves manifests under `errors/` instead. */
export const ERROR_TYPES = {
  processing: 'processing-failed',
  partitions: 'activePartitionExceeded',
  partitionKey: 'partitionKeyExtraction-failed',
  http: 'http-endpoint-failed',
  opensearch: 'AmazonOpenSearchService-failed',
  splunk: 'splunk-failed',
  redshift: 'errors/manifests',
} as const;

export const DEFAULT_ERROR_PREFIX = '!{firehose:error-output-type}/';
export const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const MiB = 1024 * 1024;
const one = (l: { values: { amount: number }[] }) => l.values[0]!.amount;
const range = (l: { values: { amount: number }[] }): [number, number] => [l.values[0]!.amount, l.values[1]!.amount];

/** Buffer size (bytes) and interval (s) each destination accepts. */
export function bufferRange(kind: DestinationKind): { size: [number, number]; interval: [number, number] } {
  const size = kind === 'http' ? FIREHOSE.bufferSizeHttp : kind === 'opensearch' ? FIREHOSE.bufferSizeOpenSearch : kind === 'splunk' ? FIREHOSE.bufferSizeSplunk : FIREHOSE.bufferSize;
  const interval = kind === 'splunk' ? FIREHOSE.bufferIntervalSplunk : FIREHOSE.bufferInterval;
  return { size: range(size), interval: range(interval) };
}

/** Buffering hints a destination gets when none are given: bytes and ms. */
export function defaultBuffer(kind: DestinationKind): { size: number; interval: number } {
  return { size: one(FIREHOSE_ENGINE.bufferSizeDefault), interval: (kind === 'splunk' ? one(FIREHOSE_ENGINE.bufferIntervalDefaultSplunk) : one(FIREHOSE_ENGINE.bufferIntervalDefault)) * 1000 };
}

export function defaultRetryDuration(kind: DestinationKind): number {
  if (kind === 's3') return 0;
  return (kind === 'redshift' ? one(FIREHOSE_ENGINE.retryDurationDefaultRedshift) : one(FIREHOSE_ENGINE.retryDurationDefault)) * 1000;
}

export function defaultTransformBuffer(kind: DestinationKind): { size: number; interval: number } {
  return { size: kind === 'splunk' ? one(FIREHOSE_ENGINE.lambdaBufferSizeDefaultSplunk) : one(FIREHOSE_ENGINE.lambdaBufferSizeDefault), interval: one(FIREHOSE_ENGINE.lambdaBufferIntervalDefault) * 1000 };
}

/** The prefix a dynamically partitioned stream gets when none is given: Hive style. */
export function partitionedPrefix(key: string): string {
  return `${key}=!{partitionKeyFromQuery:${key}}/`;
}

export function partitioningFrom(query: string): { path: JqPath; key: string } | null {
  const path = parsePath(query);
  return path ? { path, key: keyName(path) } : null;
}

export interface ConfigProblem {
  /** Where in the scenario's delivery stream entry (for file:line positions). */
  path: (string | number)[];
  message: string;
}

/** `an S3 destination`, `a Splunk destination`: for messages. */
const A_DESTINATION: Record<DestinationKind, string> = { s3: 'an S3 destination', http: 'an HTTP endpoint destination', opensearch: 'an OpenSearch destination', splunk: 'a Splunk destination', redshift: 'a Redshift destination' };

function mib(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

/** Everything AWS would refuse in these settings (names of other resources are checked elsewhere). */
export function configProblems(c: DeliveryStreamConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path, message });
  if (!STREAM_NAME.test(c.name)) add(['name'], `"${c.name}" is not a valid delivery stream name: 1–64 of a-z A-Z 0-9 _ . -`);
  const kind = c.destination.kind;
  const r = bufferRange(kind);
  if (c.buffer.size < r.size[0] || c.buffer.size > r.size[1]) add(['buffer', 'size'], `buffer size must be ${mib(r.size[0])} to ${mib(r.size[1])} for ${A_DESTINATION[kind]}; got ${mib(c.buffer.size)}`);
  if (c.buffer.interval % 1000 !== 0 || c.buffer.interval < r.interval[0] * 1000 || c.buffer.interval > r.interval[1] * 1000) {
    add(['buffer', 'interval'], `buffer interval must be whole seconds from ${r.interval[0]} to ${r.interval[1]} s for ${A_DESTINATION[kind]}; got ${c.buffer.interval / 1000} s`);
  }
  if (!BUCKET_NAME.test(c.destination.bucket)) add(['destination', 'bucket'], `"${c.destination.bucket}" is not a valid S3 bucket name (3–63 of a-z 0-9 . -)`);
  const key = c.partitioning?.key ?? null;
  for (const m of prefixProblems(c.destination.prefix, 'Prefix', key)) add(['destination', 'prefix'], m);
  for (const m of prefixProblems(c.destination.errorPrefix, 'ErrorOutputPrefix', null)) add(['destination', 'errorPrefix'], m);
  if (kind === 's3' && c.destination.retryDuration !== 0) add(['destination', 'retryDuration'], 'an S3 destination has no retry duration: Firehose retries S3 for up to 24 hours');
  if (kind !== 's3') {
    const [min, max] = range(FIREHOSE.retryDuration);
    const s = c.destination.retryDuration / 1000;
    if (!Number.isInteger(s) || s < min || s > max) add(['destination', 'retryDuration'], `retry duration must be whole seconds from ${min} to ${max}; got ${s} s`);
  }
  if (c.compression !== 'none' && kind !== 's3' && !(kind === 'redshift' && c.compression === 'gzip')) {
    add(['compression'], kind === 'redshift' ? 'Redshift COPY reads only GZIP or uncompressed staging objects' : `compression applies to S3 delivery only, not to ${A_DESTINATION[kind]}`);
  }
  if (c.partitioning) {
    if (kind !== 's3') add(['dynamicPartitioning'], 'dynamic partitioning works only with an S3 destination');
    if (c.buffer.interval === 0) add(['buffer', 'interval'], 'zero buffering (interval 0) cannot be combined with dynamic partitioning');
  }
  const t = c.transform;
  if (t) {
    const [smin, smax] = range(FIREHOSE.lambdaBufferSize);
    if (t.buffer.size < smin || t.buffer.size > smax) add(['transform', 'buffer', 'size'], `the Lambda processing buffer must be 0.2 MB to 3 MB; got ${t.buffer.size} bytes`);
    const [imin, imax] = range(FIREHOSE.lambdaBufferInterval);
    if (t.buffer.interval % 1000 !== 0 || t.buffer.interval < imin * 1000 || t.buffer.interval > imax * 1000) add(['transform', 'buffer', 'interval'], `the Lambda processing interval must be whole seconds from ${imin} to ${imax}; got ${t.buffer.interval / 1000} s`);
    const maxDuration = one(FIREHOSE.lambdaDuration) * 1000;
    if (t.duration > maxDuration) add(['transform', 'lambda', 'duration'], `a transformation invocation may run at most ${maxDuration / 60_000} minutes; got ${t.duration / 1000} s`);
    if (t.rules.failShare + t.rules.dropShare > 1) add(['transform', 'lambda'], `failShare plus dropShare is more than 1 (${t.rules.failShare} + ${t.rules.dropShare})`);
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(t.function)) add(['transform', 'lambda', 'function'], `"${t.function}" is not a valid Lambda function name`);
  }
  c.outages.forEach((o, i) => {
    if (o.to <= o.from) add(['outages', i, 'to'], `an outage must end after it starts (${o.from / 1000} s to ${o.to / 1000} s)`);
  });
  return out;
}
