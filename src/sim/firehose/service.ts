import { AwsError } from '../kinesis/errors.js';
import { FIREHOSE } from '../limits.js';
import type { ObjectStore } from '../s3.js';
import type { World } from '../world.js';
import { configProblems, STREAM_NAME, type DeliveryStreamConfig } from './config.js';
import { DeliveryStream, type DeliveryStreamMetrics } from './delivery-stream.js';
import { KinesisSource } from './kinesis-source.js';
import type { DirectPutProducer, DirectPutProducerMetrics } from './producer.js';
import { handlerFromHook, type TransformHandler, type TransformHook } from './transform.js';

// The Firehose API of the engine: delivery streams by name, PutRecord and PutRecordBatch with
// AWS's answers and error names, and the registry of transformation code. A lab supplies a
// learner's function with registerTransform(name, hook) (or a whole Lambda handler) before
// traffic starts, through runScenario's `setup`; a delivery stream whose transform names that
// function runs it instead of the scenario's rules.

export interface FirehoseMetrics {
  deliveryStreams: Record<string, DeliveryStreamMetrics>;
  producers: Record<string, DirectPutProducerMetrics>;
}

const MAX_RECORD = FIREHOSE.recordBytes.values[0]!.amount;
const MAX_BATCH_RECORDS = FIREHOSE.batchRecords.values[0]!.amount;
const MAX_BATCH_BYTES = FIREHOSE.batchBytes.values[0]!.amount;

export class FirehoseService {
  readonly streams = new Map<string, DeliveryStream>();
  /** Every stream ever created, in order: deleted ones keep their figures in the metrics document. */
  private readonly all: DeliveryStream[] = [];
  private readonly functions = new Map<string, TransformHandler>();
  private readonly sources = new Map<DeliveryStream, KinesisSource>();
  readonly producers: DirectPutProducer[] = [];
  private started = false;
  private nextRecordId = 0;
  /** Objects up to this many bytes keep their bytes in the store (tests raise it). */
  bodyLimit = 64 * 1024;

  constructor(
    readonly world: World,
    /** Epoch ms of virtual time 0. */
    readonly epochMs: number,
  ) {}

  get store(): ObjectStore {
    return this.world.services.get('s3') as ObjectStore;
  }

  // --- transformation code --------------------------------------------------------------------

  /** Code for the Lambda function `name` (or its ARN): one record in, `{result, data}` out. */
  registerTransform(name: string, hook: TransformHook): void {
    this.functions.set(functionName(name), handlerFromHook(hook));
  }

  /** A whole handler for `name`: Firehose's event `{invocationId, deliveryStreamArn, region, records}` in, `{records}` out. */
  registerTransformHandler(name: string, handler: TransformHandler): void {
    this.functions.set(functionName(name), handler);
  }

  // --- control plane --------------------------------------------------------------------------

  create(config: DeliveryStreamConfig): DeliveryStream {
    if (!STREAM_NAME.test(config.name)) {
      throw new AwsError('ValidationException', `1 validation error detected: Value '${config.name}' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
    }
    if (this.streams.has(config.name)) throw new AwsError('ResourceInUseException', `Firehose ${config.name} under account 123456789012 already exists.`);
    this.validate(config);
    if (config.source.kind === 'kinesis' && this.started && !this.world.kinesis.streams.has(config.source.stream)) {
      throw new AwsError('InvalidArgumentException', `Stream ${config.source.stream} under account 123456789012 not found.`);
    }
    const sim = this.world.sim;
    const service = this;
    const stream = new DeliveryStream(
      {
        sim,
        store: this.store,
        epochMs: this.epochMs,
        resolveFunction: (fn) => this.functions.get(fn),
        get bodyLimit() {
          return service.bodyLimit;
        },
      },
      config,
      sim.rng.fork(`firehose:${config.name}`),
    );
    this.streams.set(config.name, stream);
    this.all.push(stream);
    if (config.source.kind === 'kinesis') {
      const source = new KinesisSource(this.world, config.source.stream, stream, sim.rng.fork(`firehose:${config.name}:source`));
      this.sources.set(stream, source);
      stream.kinesisSource = () => source.metrics();
      stream.onDelete = () => source.stop();
      if (this.started) source.start();
    }
    return stream;
  }

  /** Refuses settings AWS would refuse, with the first reason. */
  validate(config: DeliveryStreamConfig): void {
    const problem = configProblems(config)[0];
    if (problem) throw new AwsError('InvalidArgumentException', problem.message);
  }

  stream(name: string): DeliveryStream {
    const stream = this.streams.get(name);
    if (!stream) throw new AwsError('ResourceNotFoundException', `Firehose ${name} under account 123456789012 not found.`);
    return stream;
  }

  delete(name: string): void {
    const stream = this.stream(name);
    stream.delete();
    this.streams.delete(name);
  }

  /** Starts Kinesis readers and Direct PUT producers; streams created later start at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const source of this.sources.values()) source.start();
    for (const p of this.producers) p.start();
  }

  // --- data plane -----------------------------------------------------------------------------

  /** Text is taken as its UTF-8 bytes (what an IoT rule action hands over). */
  putRecord(name: string, payload: Buffer | string): { RecordId: string; Encrypted: boolean } {
    const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    const stream = this.directPut(name);
    if (data.length > MAX_RECORD) throw tooLarge('record.data', data.length);
    if (!stream.admitCall()) {
      stream.putThrottled++;
      throw new AwsError('ServiceUnavailableException', 'Slow down.');
    }
    if (!stream.admitRecord(data.length)) throw new AwsError('ServiceUnavailableException', 'Slow down.');
    stream.ingest(data.toString('utf8'), data.length);
    return { RecordId: this.recordId(), Encrypted: false };
  }

  putRecordBatch(name: string, records: Buffer[]): { FailedPutCount: number; Encrypted: boolean; RequestResponses: ({ RecordId: string } | { ErrorCode: string; ErrorMessage: string })[] } {
    const stream = this.directPut(name);
    if (records.length === 0 || records.length > MAX_BATCH_RECORDS) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_RECORDS} and greater than or equal to 1`);
    }
    let total = 0;
    records.forEach((r, i) => {
      if (r.length > MAX_RECORD) throw tooLarge(`records.${i + 1}.member.data`, r.length);
      total += r.length;
    });
    if (total > MAX_BATCH_BYTES) throw new AwsError('InvalidArgumentException', `Records size exceeds ${MAX_BATCH_BYTES / 1048576} MiB limit: ${total} bytes.`);
    if (!stream.admitCall()) {
      stream.putThrottled += records.length;
      throw new AwsError('ServiceUnavailableException', 'Slow down.');
    }
    let failed = 0;
    const responses = records.map((r) => {
      if (!stream.admitRecord(r.length)) {
        failed++;
        return { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' };
      }
      stream.ingest(r.toString('utf8'), r.length);
      return { RecordId: this.recordId() };
    });
    return { FailedPutCount: failed, Encrypted: false, RequestResponses: responses };
  }

  private directPut(name: string): DeliveryStream {
    const stream = this.stream(name);
    if (stream.type !== 'DirectPut') throw new AwsError('InvalidArgumentException', 'This operation is not permitted on KinesisStreamAsSource delivery stream type.');
    return stream;
  }

  /** An opaque id per accepted record, the same on every run. */
  private recordId(): string {
    const n = this.nextRecordId++;
    const bytes = Buffer.alloc(48);
    let x = (n + 1) * 2654435761;
    for (let i = 0; i < bytes.length; i++) {
      x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0;
      bytes[i] = x & 0xff;
    }
    return bytes.toString('base64');
  }

  // --- metrics --------------------------------------------------------------------------------

  metrics(): FirehoseMetrics {
    const seconds = Math.ceil(this.world.sim.now / 1000);
    const deliveryStreams: Record<string, DeliveryStreamMetrics> = {};
    for (const s of this.all) deliveryStreams[s.name] = s.metrics(seconds);
    return { deliveryStreams, producers: Object.fromEntries(this.producers.map((p) => [p.name, p.metrics()])) };
  }
}

/** `arn:aws:lambda:…:function:name[:alias]` or a bare name → the name. */
export function functionName(nameOrArn: string): string {
  const m = /:function:([^:]+)/.exec(nameOrArn);
  return m ? m[1]! : nameOrArn;
}

function tooLarge(field: string, bytes: number): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD} (got ${bytes} bytes)`);
}
