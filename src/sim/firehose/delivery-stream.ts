import { Histogram, Series, type HistogramSummary } from '../core/metrics.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { WindowLimiter } from '../kinesis/bucket.js';
import { FIREHOSE_PRICES } from '../cost/prices.js';
import { ACCOUNT, REGION } from '../kinesis/errors.js';
import { FIREHOSE, FIREHOSE_ENGINE } from '../limits.js';
import type { ObjectStore } from '../s3.js';
import { RecordBuffer, type FRecord } from './buffer.js';
import { compress, EXTENSIONS, type Compressed } from './compress.js';
import { ContentTally, type DeliveredContent } from './content.js';
import { ERROR_TYPES, type DeliveryStreamConfig } from './config.js';
import { extract } from './jq.js';
import { evaluatePrefix, objectSuffix, randomString, uuid } from './s3-keys.js';
import { emptyCounters, lambdaArn, TransformStage, type FailedRecord, type TransformCounters, type TransformHandler } from './transform.js';

// One Firehose stream in virtual time: records in (Direct PUT or a Kinesis reader), an optional
// Lambda processing stage, buffers (one per partition with dynamic partitioning) that flush on
// size or interval, whichever comes first, then delivery. S3 objects are real bytes, compressed
// with real GZIP, keyed by the arrival hour of their oldest record. A destination outage makes
// deliveries fail: S3 is retried for up to 24 hours (Direct PUT) and delivered late; other
// destinations are retried for their retry duration, then the batch goes to the S3 backup bucket
// under the error prefix. Every record in is delivered, dropped by the transform, written under
// the error prefix, lost after 24 hours of retries, discarded with a deleted stream, or pending.

/** Spacing of delivery retries. AWS gives no figure for most destinations; 5 s is the engine's. */
export const RETRY_INTERVAL_MS = 5000;
const DIRECT_PUT_RETENTION_MS = FIREHOSE.s3RetryDirectPut.values[0]!.amount * 1000;
const ACTIVE_PARTITIONS = FIREHOSE.activePartitions.values[0]!.amount;
const BILLED_UNIT = FIREHOSE_PRICES.ingestRecordUnitBytes;

export interface StreamContext {
  sim: Simulation;
  store: ObjectStore;
  /** Epoch ms of virtual time 0 (the scenario's start date). */
  epochMs: number;
  resolveFunction(name: string): TransformHandler | undefined;
  /** Objects up to this many bytes keep their body in the store (text, or base64 when compressed). */
  bodyLimit: number;
}

export interface DeliveryStreamMetrics {
  status: 'ACTIVE' | 'DELETED';
  source: 'DirectPut' | 'KinesisStreamAsSource';
  /** Destination kind (s3, http, opensearch, splunk, redshift) and its bucket (backup bucket for the others). */
  destination: string;
  bucket: string;
  /** The settings at the end: buffering hints (bytes, ms) and compression. */
  buffer: { size: number; intervalMs: number };
  compression: string;
  recordsIn: number;
  bytesIn: number;
  /** Ingestion as billed: each record rounded up to whole 5 KB units. */
  billedIngestBytes: number;
  /** Direct PUT records refused with ServiceUnavailableException (every attempt counts). */
  putThrottled: number;
  recordsDelivered: number;
  /** S3 objects written at the destination (for other destinations: batches accepted). */
  objectsDelivered: number;
  /** Bytes stored, after compression. */
  bytesDelivered: number;
  /** The same objects' bytes before compression. */
  rawBytesDelivered: number;
  /** The delivered records read as JSON: counts by shape, totals of numeric fields, the first one. */
  content: DeliveredContent;
  /** Per object: from its oldest record's arrival to the object being written. */
  deliveryLatencyMs: HistogramSummary;
  /** Per object written at the destination: its stored size in bytes, as `aws s3 ls` shows it. */
  objectBytes: HistogramSummary;
  flushes: { bySize: number; byInterval: number };
  transform: TransformCounters;
  /** Objects and records written under the error output prefix, by error output type. */
  errorOutput: { objects: number; records: Record<string, number> };
  /** Most partitions buffering at once (0 without dynamic partitioning). */
  activePartitions: number;
  /** Records refused because the active-partition limit was reached. */
  partitionsExceeded: number;
  /** Delivery attempts after a failed one. */
  retries: number;
  /** Records sent to S3 after their destination's retry duration ran out. */
  backedUp: number;
  /** Records whose S3 delivery still failed 24 hours after arrival (Direct PUT): lost, as on AWS. */
  lost: number;
  /** Records in the buffers of a deleted stream. */
  discarded: number;
  /** Records still inside Firehose at the end: buffered, being transformed, or awaiting a retry. */
  pending: number;
  /** The age of the oldest record not yet delivered, at its worst (DeliveryToS3.DataFreshness). */
  dataFreshnessMs: number;
  /** A Kinesis data stream source: its reads through the shard's shared limits. */
  kinesisSource?: { stream: string; getRecordsCalls: number; readThrottled: number; maxIteratorAgeMs: number };
  series: { recordsInPerSecond: number[]; bytesDeliveredPerSecond: number[] };
}

interface Delivery {
  records: number;
  oldest: number;
  firstAt: number;
  /** Last moment worth trying; past it the delivery gives up. */
  deadline: number;
  attempt(): boolean;
  giveUp(): void;
}

export class DeliveryStream {
  readonly arn: string;
  readonly createdAt: number;
  status: 'ACTIVE' | 'DELETED' = 'ACTIVE';
  version = 1;
  updatedAt: number;
  readonly destinationId = 'destinationId-000000000001';

  private readonly main = new RecordBuffer(null);
  private readonly partitions = new Map<string, RecordBuffer>();
  private readonly errorBuffers = new Map<string, RecordBuffer>();
  private readonly inDelivery = new Set<Delivery>();
  private transform: TransformStage | null = null;
  private readonly label: string;
  private readonly keyRng: Rng;

  // Direct PUT quotas, per stream and per second like Kinesis's shard limits.
  private readonly putRequests = new WindowLimiter(FIREHOSE_ENGINE.directPutRequests.values[0]!.amount);
  private readonly putRecords = new WindowLimiter(FIREHOSE_ENGINE.directPutRecords.values[0]!.amount);
  private readonly putBytes = new WindowLimiter(FIREHOSE.directPutBytes.values[0]!.amount);

  recordsIn = 0;
  bytesIn = 0;
  billedIngestBytes = 0;
  putThrottled = 0;
  private recordsDelivered = 0;
  private objectsDelivered = 0;
  private bytesDelivered = 0;
  private rawBytesDelivered = 0;
  private readonly latency = new Histogram();
  private readonly objectSizes = new Histogram();
  private readonly content = new ContentTally();
  private bySize = 0;
  private byInterval = 0;
  private errorObjects = 0;
  private readonly errorRecords = new Map<string, number>();
  private maxActive = 0;
  private partitionsExceeded = 0;
  private retries = 0;
  private backedUp = 0;
  private lost = 0;
  private discarded = 0;
  private worstFreshness = 0;
  private readonly recordsInSeries = new Series();
  private readonly bytesDeliveredSeries = new Series();
  /** Set by the service for a Kinesis data stream source. */
  kinesisSource: (() => NonNullable<DeliveryStreamMetrics['kinesisSource']>) | null = null;
  /** Called when the stream is deleted (stops a Kinesis reader). */
  onDelete: (() => void) | null = null;

  constructor(
    private readonly ctx: StreamContext,
    public config: DeliveryStreamConfig,
    rng: Rng,
  ) {
    this.arn = `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${config.name}`;
    this.createdAt = ctx.sim.now;
    this.updatedAt = ctx.sim.now;
    this.label = `firehose:${config.name}`;
    this.keyRng = rng.fork('keys');
    if (config.transform) {
      this.transform = new TransformStage(ctx.sim, config.transform, this.arn, ctx.epochMs, rng.fork('transform'), (fn) => ctx.resolveFunction(fn), {
        ok: (r) => this.route(r),
        dropped: () => {},
        failed: (failed) => this.processingFailed(failed),
      }, `${this.label}:lambda`);
    }
  }

  get name(): string {
    return this.config.name;
  }

  get type(): 'DirectPut' | 'KinesisStreamAsSource' {
    return this.config.source.kind === 'direct' ? 'DirectPut' : 'KinesisStreamAsSource';
  }

  // --- in -------------------------------------------------------------------------------------

  /** One Direct PUT call against the requests quota; false when it is refused whole. */
  admitCall(): boolean {
    const now = this.ctx.sim.now;
    if (!this.putRequests.canTake(now, 1)) return false;
    this.putRequests.take(now, 1);
    return true;
  }

  /** One record against the records and bytes quotas; false (and counted) when refused. */
  admitRecord(size: number): boolean {
    const now = this.ctx.sim.now;
    if (!this.putRecords.canTake(now, 1) || !this.putBytes.canTake(now, size)) {
      this.putThrottled++;
      return false;
    }
    this.putRecords.take(now, 1);
    this.putBytes.take(now, size);
    return true;
  }

  /** A record Firehose has accepted. */
  ingest(body: string, size: number): void {
    if (this.status !== 'ACTIVE') return;
    const now = this.ctx.sim.now;
    this.recordsIn++;
    this.bytesIn += size;
    this.billedIngestBytes += Math.max(1, Math.ceil(size / BILLED_UNIT)) * BILLED_UNIT;
    this.recordsInSeries.add(now);
    const record: FRecord = { body, size, arrival: now };
    if (this.transform) this.transform.add(record);
    else this.route(record);
  }

  // --- buffering ------------------------------------------------------------------------------

  private route(record: FRecord): void {
    const p = this.config.partitioning;
    if (!p) {
      this.add(this.main, record);
      return;
    }
    const value = extract(record.body, p.path);
    if (value === undefined) {
      this.toErrors(ERROR_TYPES.partitionKey, [wrap(record, this.ctx.epochMs, this.ctx.sim.now, 1, 'DynamicPartitioning.MetadataExtractionFailed', `Could not evaluate ${p.path.text} on the record.`)], false);
      return;
    }
    let buffer = this.partitions.get(value);
    if (!buffer) {
      if (this.partitions.size >= ACTIVE_PARTITIONS) {
        this.partitionsExceeded++;
        this.toErrors(ERROR_TYPES.partitions, [wrap(record, this.ctx.epochMs, this.ctx.sim.now, 1, 'DynamicPartitioning.ActivePartitionsLimitExceeded', `The number of active partitions reached the limit of ${ACTIVE_PARTITIONS}.`)], false);
        return;
      }
      buffer = new RecordBuffer(value);
      this.partitions.set(value, buffer);
      if (this.partitions.size > this.maxActive) this.maxActive = this.partitions.size;
    }
    this.add(buffer, record);
  }

  private add(buffer: RecordBuffer, record: FRecord): void {
    buffer.records.push(record);
    buffer.bytes += record.size;
    if (buffer.records.length === 1) {
      buffer.openedAt = this.ctx.sim.now;
      // Interval 0 is zero buffering: what arrives in this instant leaves together, right after it.
      buffer.timer = this.ctx.sim.at(buffer.openedAt + this.config.buffer.interval, this.label, () => this.flush(buffer, 'interval'));
    }
    if (buffer.bytes >= this.config.buffer.size) this.flush(buffer, 'size');
  }

  private flush(buffer: RecordBuffer, reason: 'size' | 'interval'): void {
    if (buffer.records.length === 0) return;
    const records = buffer.take();
    if (buffer.partition !== null) this.partitions.delete(buffer.partition);
    if (reason === 'size') this.bySize++;
    else this.byInterval++;
    this.deliver(records, buffer.partition);
  }

  /** New hints (update-destination) apply to what is buffered now as well. */
  rehint(): void {
    for (const buffer of [this.main, ...this.partitions.values()]) {
      if (buffer.records.length === 0) continue;
      if (buffer.bytes >= this.config.buffer.size) {
        this.flush(buffer, 'size');
        continue;
      }
      if (buffer.timer) buffer.timer.cancelled = true;
      buffer.timer = this.ctx.sim.at(Math.max(this.ctx.sim.now, buffer.openedAt + this.config.buffer.interval), this.label, () => this.flush(buffer, 'interval'));
    }
    if (this.transform && this.config.transform) {
      this.transform.config = this.config.transform;
      this.transform.rehint(this.ctx.sim.now);
    }
  }

  // --- delivery -------------------------------------------------------------------------------

  private down(t: number): boolean {
    for (const o of this.config.outages) if (t >= o.from && t < o.to) return true;
    return false;
  }

  /** How long an undelivered S3 batch is kept: 24 h from arrival for Direct PUT; the stream's data stays readable otherwise. */
  private s3Deadline(oldest: number): number {
    return this.config.source.kind === 'direct' ? oldest + DIRECT_PUT_RETENTION_MS : Infinity;
  }

  private deliver(records: FRecord[], partition: string | null): void {
    const sim = this.ctx.sim;
    const dest = this.config.destination;
    const oldest = oldestOf(records);
    const n = records.length;
    if (dest.kind === 's3' || dest.kind === 'redshift') {
      const raw = joinBodies(records);
      const rawLength = raw.length;
      const packed = compress(this.config.compression, raw);
      const keys = partition !== null && this.config.partitioning ? { [this.config.partitioning.key]: partition } : undefined;
      if (dest.kind === 's3') {
        this.send({
          records: n,
          oldest,
          firstAt: sim.now,
          deadline: this.s3Deadline(oldest),
          attempt: () => {
            if (this.down(sim.now)) return false;
            this.writeObject(dest.prefix, oldest, keys, undefined, rawLength, packed, n);
            this.delivered(records, packed.size, rawLength, oldest);
            return true;
          },
          giveUp: () => {
            this.lost += n;
          },
        });
        return;
      }
      // Redshift: the batch is staged in S3 at once; the COPY is what an outage holds back.
      const staged = this.writeObject(dest.prefix, oldest, keys, undefined, rawLength, packed, n);
      this.send({
        records: n,
        oldest,
        firstAt: sim.now,
        deadline: sim.now + dest.retryDuration,
        attempt: () => {
          if (this.down(sim.now)) return false;
          this.delivered(records, packed.size, rawLength, oldest);
          return true;
        },
        giveUp: () => this.skipCopy(staged, n, oldest),
      });
      return;
    }
    this.send({
      records: n,
      oldest,
      firstAt: sim.now,
      deadline: sim.now + dest.retryDuration,
      attempt: () => {
        if (this.down(sim.now)) return false;
        let bytes = 0;
        for (const r of records) bytes += r.size;
        this.delivered(records, bytes, bytes, oldest);
        return true;
      },
      giveUp: () => {
        this.backedUp += n;
        const type = ERROR_TYPES[dest.kind as 'http' | 'opensearch' | 'splunk'];
        const now = sim.now;
        const attempts = 1 + Math.floor(dest.retryDuration / RETRY_INTERVAL_MS);
        const message = `The ${dest.kind} destination did not accept the batch within the retry duration of ${dest.retryDuration / 1000} s.`;
        this.toErrors(type, records.map((r) => wrap(r, this.ctx.epochMs, now, attempts, `${DESTINATION_CODES[dest.kind]}`, message)), true);
      },
    });
  }

  private delivered(records: readonly FRecord[], stored: number, raw: number, oldest: number): void {
    const now = this.ctx.sim.now;
    this.recordsDelivered += records.length;
    this.content.add(records);
    this.objectsDelivered++;
    this.bytesDelivered += stored;
    this.rawBytesDelivered += raw;
    this.bytesDeliveredSeries.add(now, stored);
    this.latency.record(now - oldest);
    this.objectSizes.record(stored);
    if (now - oldest > this.worstFreshness) this.worstFreshness = now - oldest;
  }

  /** Redshift gave up on a COPY: a manifest of the staged object goes under errors/manifests/. */
  private skipCopy(staged: { bucket: string; key: string }, records: number, oldest: number): void {
    this.backedUp += records;
    const manifest = `${JSON.stringify({ entries: [{ url: `s3://${staged.bucket}/${staged.key}`, mandatory: true }] })}\n`;
    const raw = Buffer.from(manifest, 'utf8');
    this.writeObject(`${ERROR_TYPES.redshift}/`, oldest, undefined, ERROR_TYPES.redshift, raw.length, { size: raw.length, body: raw }, records);
    this.errorObjects++;
    this.errorRecords.set(ERROR_TYPES.redshift, (this.errorRecords.get(ERROR_TYPES.redshift) ?? 0) + records);
  }

  private send(delivery: Delivery): void {
    this.inDelivery.add(delivery);
    this.tryDelivery(delivery, true);
  }

  private tryDelivery(delivery: Delivery, first: boolean): void {
    if (this.status !== 'ACTIVE' || !this.inDelivery.has(delivery)) return;
    if (!first) this.retries++;
    if (delivery.attempt()) {
      this.inDelivery.delete(delivery);
      return;
    }
    const now = this.ctx.sim.now;
    if (now >= delivery.deadline) {
      this.inDelivery.delete(delivery);
      delivery.giveUp();
      return;
    }
    this.ctx.sim.at(Math.min(now + RETRY_INTERVAL_MS, delivery.deadline), `${this.label}:retry`, () => this.tryDelivery(delivery, false));
  }

  /** Puts one object in the bucket; returns where. */
  private writeObject(prefix: string, oldest: number, partitionKeys: Record<string, string> | undefined, errorType: string | undefined, rawLength: number, packed: Compressed, records: number): { bucket: string; key: string } {
    const now = this.ctx.sim.now;
    const epoch = this.ctx.epochMs;
    const values: Parameters<typeof evaluatePrefix>[1] = { oldestMs: epoch + oldest, random: () => randomString(this.keyRng) };
    if (partitionKeys) values.partitionKeys = partitionKeys;
    if (errorType !== undefined) values.errorType = errorType;
    const compressed = errorType === undefined && this.config.compression !== 'none';
    const key = evaluatePrefix(prefix, values) + objectSuffix(this.name, this.version, epoch + now, uuid(this.keyRng), compressed ? EXTENSIONS[this.config.compression] : '');
    const bucket = this.config.destination.bucket;
    const object: Parameters<ObjectStore['put']>[1] = { key, size: packed.size, writtenAt: now, records };
    if (compressed) object.rawSize = rawLength;
    if (packed.body && packed.size <= this.ctx.bodyLimit) object.body = compressed ? packed.body.toString('base64') : packed.body.toString('utf8');
    this.ctx.store.put(bucket, object);
    return { bucket, key };
  }

  // --- error output ---------------------------------------------------------------------------

  private processingFailed(failed: FailedRecord[]): void {
    const now = this.ctx.sim.now;
    const arn = lambdaArn(this.config.transform?.function ?? 'transform');
    this.toErrors(ERROR_TYPES.processing, failed.map((f) => wrap(f.record, this.ctx.epochMs, now, f.attempts, f.errorCode, f.errorMessage, arn)), false);
  }

  /**
   * Failed records, already in their error JSON, buffered per error type with the stream's hints
   * (a batch backed up after its retry duration leaves at once).
   */
  private toErrors(type: string, records: FRecord[], now: boolean): void {
    let buffer = this.errorBuffers.get(type);
    if (!buffer) this.errorBuffers.set(type, (buffer = new RecordBuffer(type)));
    for (const r of records) {
      buffer.records.push(r);
      buffer.bytes += r.size;
    }
    const b = buffer;
    if (now || b.bytes >= this.config.buffer.size) {
      this.flushErrors(b);
      return;
    }
    if (!b.timer) {
      b.openedAt = this.ctx.sim.now;
      b.timer = this.ctx.sim.at(b.openedAt + this.config.buffer.interval, `${this.label}:errors`, () => this.flushErrors(b));
    }
  }

  private flushErrors(buffer: RecordBuffer): void {
    const type = buffer.partition!;
    const records = buffer.take();
    if (records.length === 0) return;
    const raw = joinBodies(records);
    const oldest = oldestOf(records);
    const n = records.length;
    // Errors go to the destination bucket (S3) or the backup bucket (others); only S3's outage affects them.
    const s3 = this.config.destination.kind === 's3';
    this.send({
      records: n,
      oldest,
      firstAt: this.ctx.sim.now,
      deadline: s3 ? this.s3Deadline(oldest) : Infinity,
      attempt: () => {
        if (s3 && this.down(this.ctx.sim.now)) return false;
        this.writeObject(this.config.destination.errorPrefix, oldest, undefined, type, raw.length, { size: raw.length, body: raw }, n);
        this.errorObjects++;
        this.errorRecords.set(type, (this.errorRecords.get(type) ?? 0) + n);
        return true;
      },
      giveUp: () => {
        this.lost += n;
      },
    });
  }

  // --- lifecycle and metrics ------------------------------------------------------------------

  delete(): void {
    if (this.status !== 'ACTIVE') return;
    this.discarded += this.pendingRecords();
    for (const b of [this.main, ...this.partitions.values(), ...this.errorBuffers.values()]) b.take();
    this.partitions.clear();
    this.transform?.discard();
    this.inDelivery.clear();
    this.status = 'DELETED';
    this.onDelete?.();
  }

  private pendingRecords(): number {
    if (this.status !== 'ACTIVE') return 0;
    let n = this.main.records.length + (this.transform ? this.transform.buffered + this.transform.inFlight : 0);
    for (const b of this.partitions.values()) n += b.records.length;
    for (const b of this.errorBuffers.values()) n += b.records.length;
    for (const d of this.inDelivery) n += d.records;
    return n;
  }

  /** The oldest record still inside Firehose, for data freshness at the end of the run. */
  private oldestPending(): number {
    if (this.status !== 'ACTIVE') return Infinity;
    let oldest = Infinity;
    for (const b of [this.main, ...this.partitions.values()]) if (b.records.length) oldest = Math.min(oldest, b.oldest);
    for (const d of this.inDelivery) oldest = Math.min(oldest, d.oldest);
    return oldest;
  }

  metrics(seconds: number): DeliveryStreamMetrics {
    const t = this.transform?.counters ?? emptyCounters();
    const oldest = this.oldestPending();
    const freshness = Math.max(this.worstFreshness, oldest === Infinity ? 0 : this.ctx.sim.now - oldest);
    const out: DeliveryStreamMetrics = {
      status: this.status,
      source: this.type,
      destination: this.config.destination.kind,
      bucket: this.config.destination.bucket,
      buffer: { size: this.config.buffer.size, intervalMs: this.config.buffer.interval },
      compression: this.config.compression,
      recordsIn: this.recordsIn,
      bytesIn: this.bytesIn,
      billedIngestBytes: this.billedIngestBytes,
      putThrottled: this.putThrottled,
      recordsDelivered: this.recordsDelivered,
      objectsDelivered: this.objectsDelivered,
      bytesDelivered: this.bytesDelivered,
      rawBytesDelivered: this.rawBytesDelivered,
      content: this.content.summary(),
      deliveryLatencyMs: this.latency.summary(),
      objectBytes: this.objectSizes.summary(),
      flushes: { bySize: this.bySize, byInterval: this.byInterval },
      transform: { ...t, failedBy: { ...t.failedBy }, firstError: { ...t.firstError } },
      errorOutput: { objects: this.errorObjects, records: Object.fromEntries([...this.errorRecords].sort(([a], [b]) => (a < b ? -1 : 1))) },
      activePartitions: this.maxActive,
      partitionsExceeded: this.partitionsExceeded,
      retries: this.retries,
      backedUp: this.backedUp,
      lost: this.lost,
      discarded: this.discarded,
      pending: this.pendingRecords(),
      dataFreshnessMs: Math.round(freshness * 1000) / 1000,
      series: { recordsInPerSecond: this.recordsInSeries.toArray(seconds), bytesDeliveredPerSecond: this.bytesDeliveredSeries.toArray(seconds) },
    };
    if (this.kinesisSource) {
      const { series, ...rest } = out;
      return { ...rest, kinesisSource: this.kinesisSource(), series };
    }
    return out;
  }
}

/** The error code a failed delivery's records carry in the backup bucket (the engine's names). */
const DESTINATION_CODES: Record<string, string> = {
  http: 'HttpEndpoint.DestinationException',
  opensearch: 'OS.DestinationUnavailable',
  splunk: 'Splunk.DestinationUnavailable',
};

function oldestOf(records: readonly FRecord[]): number {
  let oldest = Infinity;
  for (const r of records) if (r.arrival < oldest) oldest = r.arrival;
  return oldest;
}

function joinBodies(records: readonly FRecord[]): Buffer {
  let text = '';
  for (const r of records) text += r.body;
  return Buffer.from(text, 'utf8');
}

/** A failed record as Firehose writes it under the error prefix: one JSON line with the original data. */
function wrap(record: FRecord, epochMs: number, now: number, attempts: number, errorCode: string, errorMessage: string, lambda?: string): FRecord {
  const line = {
    attemptsMade: attempts,
    arrivalTimestamp: epochMs + record.arrival,
    errorCode,
    errorMessage,
    attemptEndingTimestamp: epochMs + now,
    rawData: Buffer.from(record.body, 'utf8').toString('base64'),
    ...(lambda ? { lambdaArn: lambda } : {}),
  };
  const body = `${JSON.stringify(line)}\n`;
  return { body, size: body.length, arrival: record.arrival };
}
