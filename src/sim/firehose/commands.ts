import { AwsError } from '../kinesis/errors.js';
import type { CommandSpec, FlagSpec, ServiceTable, StructureValue } from '../commands/types.js';
import { FIREHOSE_ENGINE } from '../limits.js';
import { API_NAMES, type Compression } from './compress.js';
import { DEFAULT_ERROR_PREFIX, defaultBuffer, defaultTransformBuffer, partitionedPrefix, partitioningFrom, type DeliveryStreamConfig } from './config.js';
import type { DeliveryStream } from './delivery-stream.js';
import { bool, list, num, obj, onlyMembers, parseNested, str, type CliValue } from './cli-values.js';
import { functionName, type FirehoseService } from './service.js';
import { isoCli } from '../core/calendar.js';
import { lambdaArn } from './transform.js';

// `aws firehose …` against the engine, with the AWS CLI's command and flag names and the
// Firehose API's JSON. Nested configurations (--extended-s3-destination-configuration) take JSON
// or the CLI's shorthand; handlers translate, the service and delivery streams enforce the rules.

type Flag = FlagSpec<FirehoseService>;

const MiB = 1024 * 1024;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/firehose_delivery_role';

const streamName: Flag = {
  name: 'delivery-stream-name',
  type: 'string',
  required: true,
  help: 'The name of the Firehose stream.',
  suggest: (ctx) => [...ctx.streams.keys()],
};

const EXTENDED_S3_MEMBERS = [
  'RoleARN', 'BucketARN', 'Prefix', 'ErrorOutputPrefix', 'BufferingHints', 'CompressionFormat', 'EncryptionConfiguration', 'CloudWatchLoggingOptions',
  'ProcessingConfiguration', 'S3BackupMode', 'S3BackupConfiguration', 'DataFormatConversionConfiguration', 'DynamicPartitioningConfiguration', 'FileExtension', 'CustomTimeZone',
] as const;
const UPDATE_MEMBERS: readonly string[] = [...EXTENDED_S3_MEMBERS.filter((m) => m !== 'S3BackupConfiguration'), 'S3BackupUpdate'];
const COMPRESSION: Record<string, Compression> = { UNCOMPRESSED: 'none', GZIP: 'gzip', ZIP: 'zip', Snappy: 'snappy', HADOOP_SNAPPY: 'snappy' };

function validation(value: string | number, field: string, constraint: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`);
}

function bucketFromArn(arn: string, field: string): string {
  const m = /^arn:aws[a-z-]*:s3:::([^/]+)$/.exec(arn);
  if (!m) throw validation(arn, field, 'Member must satisfy regular expression pattern: arn:.*:s3:::[^/]+');
  return m[1]!;
}

/** BufferingHints → bytes and ms, with AWS's rule that one needs the other. */
function bufferingHints(where: string, v: CliValue | undefined): { size?: number; interval?: number } {
  const hints = obj(where, v);
  if (!hints) return {};
  onlyMembers(where, hints, ['SizeInMBs', 'IntervalInSeconds']);
  const size = num(`${where}.SizeInMBs`, hints.SizeInMBs);
  const interval = num(`${where}.IntervalInSeconds`, hints.IntervalInSeconds);
  const out: { size?: number; interval?: number } = {};
  if (size !== undefined) {
    if (!Number.isInteger(size)) throw validation(size, 'bufferingHints.sizeInMBs', 'Member must be an integer');
    out.size = size * MiB;
  }
  if (interval !== undefined) {
    if (!Number.isInteger(interval)) throw validation(interval, 'bufferingHints.intervalInSeconds', 'Member must be an integer');
    out.interval = interval * 1000;
  }
  return out;
}

interface Processing {
  lambda: { function: string; size?: number; interval?: number; retries?: number } | null;
  query: string | null;
}

function processingConfiguration(where: string, v: CliValue | undefined): Processing | null {
  const pc = obj(where, v);
  if (!pc) return null;
  onlyMembers(where, pc, ['Enabled', 'Processors']);
  if (bool(`${where}.Enabled`, pc.Enabled) === false) return null;
  const out: Processing = { lambda: null, query: null };
  list(`${where}.Processors`, pc.Processors).forEach((item, i) => {
    const at = `${where}.Processors[${i}]`;
    const p = obj(at, item)!;
    onlyMembers(at, p, ['Type', 'Parameters']);
    const type = str(`${at}.Type`, p.Type);
    const params = new Map<string, string>();
    list(`${at}.Parameters`, p.Parameters).forEach((pv, j) => {
      const param = obj(`${at}.Parameters[${j}]`, pv)!;
      onlyMembers(`${at}.Parameters[${j}]`, param, ['ParameterName', 'ParameterValue']);
      params.set(String(param.ParameterName), String(param.ParameterValue));
    });
    if (type === 'Lambda') {
      const arn = params.get('LambdaArn');
      if (!arn) throw new AwsError('InvalidArgumentException', 'LambdaArn is required for a Lambda processor.');
      const size = params.get('BufferSizeInMBs');
      const interval = params.get('BufferIntervalInSeconds');
      const retries = params.get('NumberOfRetries');
      out.lambda = { function: functionName(arn) };
      if (size !== undefined) out.lambda.size = Math.round(Number(size) * 1_000_000);
      if (interval !== undefined) out.lambda.interval = Number(interval) * 1000;
      if (retries !== undefined) out.lambda.retries = Number(retries);
    } else if (type === 'MetadataExtraction') {
      const query = params.get('MetadataExtractionQuery');
      if (!query) throw new AwsError('InvalidArgumentException', 'MetadataExtractionQuery is required for a MetadataExtraction processor.');
      out.query = query;
    } else if (type !== 'AppendDelimiterToRecord' && type !== 'RecordDeAggregation') {
      throw validation(String(type), `${at}.type`, 'Member must satisfy enum value set: [RecordDeAggregation, Decompression, CloudWatchLogProcessing, Lambda, MetadataExtraction, AppendDelimiterToRecord]');
    }
  });
  return out;
}

/** `{customerId:.customerId}`: the one key the engine partitions by, and its path. */
function metadataQuery(query: string): { key: string; path: string } {
  const m = /^\{\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*:\s*(\.[^}]+?)\s*\}$/.exec(query.trim());
  if (!m) throw new AwsError('InvalidArgumentException', `MetadataExtractionQuery ${query} is not one key from a path, e.g. {customerId:.customerId}; the engine evaluates paths, not full jq.`);
  return { key: m[1]!, path: m[2]! };
}

function configFromCli(ctx: FirehoseService, name: string, type: string, kinesisSource: StructureValue | undefined, s3Text: string | undefined): DeliveryStreamConfig {
  if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') throw validation(type, 'deliveryStreamType', 'Member must satisfy enum value set: [DatabaseAsSource, DirectPut, KinesisStreamAsSource, MSKAsSource]');
  let source: DeliveryStreamConfig['source'] = { kind: 'direct' };
  if (type === 'KinesisStreamAsSource') {
    const arn = kinesisSource?.KinesisStreamARN;
    if (arn === undefined) throw new AwsError('InvalidArgumentException', 'KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.');
    const m = /^arn:aws[a-z-]*:kinesis:[^:]*:\d{12}:stream\/(.+)$/.exec(String(arn));
    if (!m) throw validation(String(arn), 'kinesisStreamSourceConfiguration.kinesisStreamARN', 'Member must satisfy regular expression pattern: arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+');
    if (!ctx.world.kinesis.streams.has(m[1]!)) throw new AwsError('InvalidArgumentException', `Stream ${m[1]} under account 123456789012 not found.`);
    source = { kind: 'kinesis', stream: m[1]! };
  } else if (kinesisSource !== undefined) {
    throw new AwsError('InvalidArgumentException', 'KinesisStreamSourceConfiguration is only for DeliveryStreamType KinesisStreamAsSource.');
  }
  if (s3Text === undefined) throw new AwsError('InvalidArgumentException', 'A destination configuration is required: give --extended-s3-destination-configuration.');
  const where = 'ExtendedS3DestinationConfiguration';
  const c = parseNested('extended-s3-destination-configuration', s3Text);
  onlyMembers(where, c, EXTENDED_S3_MEMBERS);
  if (c.RoleARN === undefined) throw new AwsError('ValidationException', `Parameter validation failed: Missing required parameter in ${where}: "RoleARN"`);
  if (c.BucketARN === undefined) throw new AwsError('ValidationException', `Parameter validation failed: Missing required parameter in ${where}: "BucketARN"`);
  const bucket = bucketFromArn(str(`${where}.BucketARN`, c.BucketARN)!, 'extendedS3DestinationConfiguration.bucketARN');
  const hints = bufferingHints(`${where}.BufferingHints`, c.BufferingHints);
  const defaults = defaultBuffer('s3');
  const compressionName = str(`${where}.CompressionFormat`, c.CompressionFormat) ?? 'UNCOMPRESSED';
  const compression = COMPRESSION[compressionName];
  if (!compression) throw validation(compressionName, 'extendedS3DestinationConfiguration.compressionFormat', 'Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]');
  const processing = processingConfiguration(`${where}.ProcessingConfiguration`, c.ProcessingConfiguration);
  const dp = obj(`${where}.DynamicPartitioningConfiguration`, c.DynamicPartitioningConfiguration);
  const dpEnabled = dp ? bool(`${where}.DynamicPartitioningConfiguration.Enabled`, dp.Enabled) === true : false;
  let partitioning: DeliveryStreamConfig['partitioning'] = null;
  if (dpEnabled) {
    if (!processing?.query) throw new AwsError('InvalidArgumentException', 'Dynamic partitioning is enabled but no MetadataExtraction processor gives the partition keys (ProcessingConfiguration.Processors).');
    const q = metadataQuery(processing.query);
    partitioning = partitioningFrom(q.path);
    if (!partitioning) throw new AwsError('InvalidArgumentException', `MetadataExtractionQuery path ${q.path} is not a path the engine evaluates (write .field or .a.b).`);
    partitioning = { path: partitioning.path, key: q.key };
  } else if (processing?.query) {
    throw new AwsError('InvalidArgumentException', 'A MetadataExtraction processor needs DynamicPartitioningConfiguration Enabled=true.');
  }
  const prefix = str(`${where}.Prefix`, c.Prefix);
  const errorPrefix = str(`${where}.ErrorOutputPrefix`, c.ErrorOutputPrefix);
  if (prefix !== undefined && prefix.includes('!{') && errorPrefix === undefined) {
    throw new AwsError('InvalidArgumentException', 'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.');
  }
  const config: DeliveryStreamConfig = {
    name,
    source,
    buffer: { size: hints.size ?? defaults.size, interval: hints.interval ?? defaults.interval },
    destination: { kind: 's3', bucket, prefix: prefix ?? (partitioning ? partitionedPrefix(partitioning.key) : ''), errorPrefix: errorPrefix ?? DEFAULT_ERROR_PREFIX, retryDuration: 0, endpoint: null },
    compression,
    transform: null,
    partitioning,
    outages: [],
  };
  if (processing?.lambda) {
    const tb = defaultTransformBuffer('s3');
    config.transform = {
      function: processing.lambda.function,
      rules: { failShare: 0, failWhen: null, dropShare: 0 },
      duration: 100,
      retries: processing.lambda.retries ?? FIREHOSE_ENGINE.lambdaRetriesDefault.values[0]!.amount,
      buffer: { size: processing.lambda.size ?? tb.size, interval: processing.lambda.interval ?? tb.interval },
    };
  }
  return config;
}

/** The CLI's blob handling: base64 when the text is valid base64 (CLI v2), else the text itself. */
export function blob(data: string): Buffer {
  const base64 = data.length > 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data);
  return base64 ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
}

function processingDescription(s: DeliveryStream) {
  const t = s.config.transform;
  const processors: { Type: string; Parameters: { ParameterName: string; ParameterValue: string }[] }[] = [];
  if (s.config.partitioning) {
    processors.push({
      Type: 'MetadataExtraction',
      Parameters: [
        { ParameterName: 'MetadataExtractionQuery', ParameterValue: `{${s.config.partitioning.key}:${s.config.partitioning.path.text}}` },
        { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
      ],
    });
  }
  if (t) {
    processors.push({
      Type: 'Lambda',
      Parameters: [
        { ParameterName: 'LambdaArn', ParameterValue: lambdaArn(t.function) },
        { ParameterName: 'NumberOfRetries', ParameterValue: String(t.retries) },
        { ParameterName: 'BufferSizeInMBs', ParameterValue: String(t.buffer.size / 1_000_000) },
        { ParameterName: 'BufferIntervalInSeconds', ParameterValue: String(t.buffer.interval / 1000) },
      ],
    });
  }
  return { Enabled: processors.length > 0, Processors: processors };
}

function destinationDescription(s: DeliveryStream) {
  const d = s.config.destination;
  const hints = { SizeInMBs: s.config.buffer.size / MiB, IntervalInSeconds: s.config.buffer.interval / 1000 };
  const bucketArn = `arn:aws:s3:::${d.bucket}`;
  const s3 = {
    RoleARN: ROLE_ARN,
    BucketARN: bucketArn,
    Prefix: d.prefix,
    ErrorOutputPrefix: d.errorPrefix,
    BufferingHints: hints,
    CompressionFormat: API_NAMES[s.config.compression],
    EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: { Enabled: false },
  };
  const base = { DestinationId: s.destinationId };
  const retry = { DurationInSeconds: d.retryDuration / 1000 };
  switch (d.kind) {
    case 's3':
      return {
        ...base,
        S3DestinationDescription: s3,
        ExtendedS3DestinationDescription: {
          ...s3,
          ProcessingConfiguration: processingDescription(s),
          S3BackupMode: 'Disabled',
          DataFormatConversionConfiguration: { Enabled: false },
          ...(s.config.partitioning ? { DynamicPartitioningConfiguration: { Enabled: true } } : {}),
        },
      };
    case 'http':
      return { ...base, HttpEndpointDestinationDescription: { EndpointConfiguration: { Url: d.endpoint ?? 'https://example.com/ingest' }, BufferingHints: hints, RoleARN: ROLE_ARN, RetryOptions: retry, ProcessingConfiguration: processingDescription(s), S3BackupMode: 'FailedDataOnly', S3DestinationDescription: s3 } };
    case 'opensearch':
      return { ...base, AmazonopensearchserviceDestinationDescription: { RoleARN: ROLE_ARN, DomainARN: d.endpoint ?? 'arn:aws:es:us-east-1:123456789012:domain/search', BufferingHints: hints, RetryOptions: retry, S3BackupMode: 'FailedDocumentsOnly', ProcessingConfiguration: processingDescription(s), S3DestinationDescription: s3 } };
    case 'splunk':
      return { ...base, SplunkDestinationDescription: { HECEndpoint: d.endpoint ?? 'https://splunk.example.com:8088', HECEndpointType: 'Raw', RetryOptions: retry, S3BackupMode: 'FailedEventsOnly', ProcessingConfiguration: processingDescription(s), S3DestinationDescription: s3 } };
    case 'redshift':
      return { ...base, RedshiftDestinationDescription: { RoleARN: ROLE_ARN, ClusterJDBCURL: d.endpoint ?? 'jdbc:redshift://cluster.example.us-east-1.redshift.amazonaws.com:5439/dev', RetryOptions: retry, S3BackupMode: 'Disabled', ProcessingConfiguration: processingDescription(s), S3DestinationDescription: s3 } };
  }
}

function describe(ctx: FirehoseService, s: DeliveryStream) {
  const description: Record<string, unknown> = {
    DeliveryStreamName: s.name,
    DeliveryStreamARN: s.arn,
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    DeliveryStreamType: s.type,
    VersionId: String(s.version),
    CreateTimestamp: isoCli(ctx.epochMs + s.createdAt),
  };
  if (s.version > 1) description.LastUpdateTimestamp = isoCli(ctx.epochMs + s.updatedAt);
  if (s.config.source.kind === 'kinesis') {
    const stream = ctx.world.kinesis.streams.get(s.config.source.stream);
    description.Source = {
      KinesisStreamSourceDescription: {
        KinesisStreamARN: stream?.arn ?? `arn:aws:kinesis:us-east-1:123456789012:stream/${s.config.source.stream}`,
        RoleARN: ROLE_ARN,
        DeliveryStartTimestamp: isoCli(ctx.epochMs + s.createdAt),
      },
    };
  }
  description.Destinations = [destinationDescription(s)];
  description.HasMoreDestinations = false;
  return { DeliveryStreamDescription: description };
}

function applyUpdate(ctx: FirehoseService, s: DeliveryStream, text: string): void {
  if (s.config.destination.kind !== 's3') throw new AwsError('InvalidArgumentException', `Firehose ${s.name} has a ${s.config.destination.kind} destination; an ExtendedS3DestinationUpdate does not apply to it.`);
  const where = 'ExtendedS3DestinationUpdate';
  const u = parseNested('extended-s3-destination-update', text);
  onlyMembers(where, u, UPDATE_MEMBERS);
  const next: DeliveryStreamConfig = { ...s.config, destination: { ...s.config.destination }, buffer: { ...s.config.buffer } };
  const hints = bufferingHints(`${where}.BufferingHints`, u.BufferingHints);
  if (hints.size !== undefined) next.buffer.size = hints.size;
  if (hints.interval !== undefined) next.buffer.interval = hints.interval;
  if (u.BucketARN !== undefined) next.destination.bucket = bucketFromArn(str(`${where}.BucketARN`, u.BucketARN)!, 'extendedS3DestinationUpdate.bucketARN');
  const prefix = str(`${where}.Prefix`, u.Prefix);
  if (prefix !== undefined) next.destination.prefix = prefix;
  const errorPrefix = str(`${where}.ErrorOutputPrefix`, u.ErrorOutputPrefix);
  if (errorPrefix !== undefined) next.destination.errorPrefix = errorPrefix;
  const compressionName = str(`${where}.CompressionFormat`, u.CompressionFormat);
  if (compressionName !== undefined) {
    const compression = COMPRESSION[compressionName];
    if (!compression) throw validation(compressionName, 'extendedS3DestinationUpdate.compressionFormat', 'Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]');
    next.compression = compression;
  }
  const dp = obj(`${where}.DynamicPartitioningConfiguration`, u.DynamicPartitioningConfiguration);
  if (dp && (bool(`${where}.DynamicPartitioningConfiguration.Enabled`, dp.Enabled) === true) !== (s.config.partitioning !== null)) {
    throw new AwsError('InvalidArgumentException', 'Dynamic partitioning can only be chosen when a Firehose stream is created, and cannot be turned off.');
  }
  const processing = processingConfiguration(`${where}.ProcessingConfiguration`, u.ProcessingConfiguration);
  if (processing?.lambda) {
    const current = s.config.transform;
    if (!current) throw new AwsError('InvalidArgumentException', 'The engine adds a Lambda processor only when a Firehose stream is created; an update can change its settings only.');
    const tb = defaultTransformBuffer('s3');
    next.transform = {
      function: processing.lambda.function,
      rules: current?.rules ?? { failShare: 0, failWhen: null, dropShare: 0 },
      duration: current?.duration ?? 100,
      retries: processing.lambda.retries ?? current?.retries ?? FIREHOSE_ENGINE.lambdaRetriesDefault.values[0]!.amount,
      buffer: { size: processing.lambda.size ?? tb.size, interval: processing.lambda.interval ?? tb.interval },
    };
  }
  ctx.validate(next);
  s.config = next;
  s.version++;
  s.updatedAt = ctx.world.sim.now;
  s.rehint();
}

const commands: CommandSpec<FirehoseService>[] = [
  {
    name: 'create-delivery-stream',
    operation: 'CreateDeliveryStream',
    summary: 'Creates a Firehose stream: Direct PUT or reading a Kinesis data stream, delivering to S3.',
    flags: [
      { ...streamName, suggest: undefined },
      { name: 'delivery-stream-type', type: 'string', help: 'DirectPut (default) or KinesisStreamAsSource.', choices: ['DirectPut', 'KinesisStreamAsSource'] },
      {
        name: 'kinesis-stream-source-configuration',
        type: 'structure',
        help: 'KinesisStreamARN=ARN,RoleARN=ARN (KinesisStreamAsSource only), the stream ARN being arn:aws:kinesis:us-east-1:123456789012:stream/NAME.',
        members: [
          { name: 'KinesisStreamARN', type: 'string', required: true },
          { name: 'RoleARN', type: 'string', required: true },
        ],
        suggest: (ctx) => [...ctx.world.kinesis.streams.values()].map((s) => `KinesisStreamARN=${s.arn},RoleARN=${ROLE_ARN}`),
      },
      {
        name: 'extended-s3-destination-configuration',
        type: 'string',
        help: 'JSON or shorthand: RoleARN, BucketARN (arn:aws:s3:::BUCKET), Prefix, ErrorOutputPrefix, BufferingHints={SizeInMBs=5,IntervalInSeconds=300}, CompressionFormat (UNCOMPRESSED, GZIP, ZIP, Snappy), ProcessingConfiguration (Lambda, MetadataExtraction processors), DynamicPartitioningConfiguration={Enabled=true}.',
      },
    ],
    run(ctx, args) {
      const config = configFromCli(ctx, args.string('delivery-stream-name'), args.optString('delivery-stream-type') ?? 'DirectPut', args.structure('kinesis-stream-source-configuration'), args.optString('extended-s3-destination-configuration'));
      return { DeliveryStreamARN: ctx.create(config).arn };
    },
  },
  {
    name: 'describe-delivery-stream',
    operation: 'DescribeDeliveryStream',
    summary: 'Describes a Firehose stream: status, type, version, source and destination settings.',
    flags: [streamName, { name: 'limit', type: 'integer', help: 'Destinations to return (a stream has one).' }, { name: 'exclusive-start-destination-id', type: 'string', help: 'Destination to start after.' }],
    run: (ctx, args) => describe(ctx, ctx.stream(args.string('delivery-stream-name'))),
  },
  {
    name: 'list-delivery-streams',
    operation: 'ListDeliveryStreams',
    summary: 'Lists the Firehose streams in the account, by name.',
    flags: [
      { name: 'limit', type: 'integer', help: 'At most this many names (default 10).' },
      { name: 'delivery-stream-type', type: 'string', help: 'Only streams of this type.', choices: ['DirectPut', 'KinesisStreamAsSource'] },
      { name: 'exclusive-start-delivery-stream-name', type: 'string', help: 'List names after this one.' },
    ],
    run(ctx, args) {
      const limit = args.optInt('limit') ?? 10;
      if (limit < 1 || limit > 10_000) throw validation(limit, 'limit', 'Member must have value between 1 and 10000');
      const type = args.optString('delivery-stream-type');
      const after = args.optString('exclusive-start-delivery-stream-name');
      const names = [...ctx.streams.values()]
        .filter((s) => type === undefined || s.type === type)
        .map((s) => s.name)
        .sort()
        .filter((n) => after === undefined || n > after);
      return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
    },
  },
  {
    name: 'put-record',
    operation: 'PutRecord',
    summary: 'Writes one record (≤ 1,000 KiB) to a Direct PUT Firehose stream.',
    flags: [streamName, { name: 'record', type: 'structure', required: true, help: 'Data=BLOB (base64, or plain text), or JSON {"Data": "…"}.', members: [{ name: 'Data', type: 'blob', required: true }] }],
    run: (ctx, args) => ctx.putRecord(args.string('delivery-stream-name'), blob(String(args.structure('record')!.Data))),
  },
  {
    name: 'put-record-batch',
    operation: 'PutRecordBatch',
    summary: 'Writes up to 500 records (4 MiB in all); each may fail on its own (check FailedPutCount).',
    flags: [streamName, { name: 'records', type: 'list', required: true, help: 'Shorthand Data=… Data=…, or JSON [{"Data": "…"}, …].', members: [{ name: 'Data', type: 'blob', required: true }] }],
    run: (ctx, args) => ctx.putRecordBatch(args.string('delivery-stream-name'), args.list('records').map((r) => blob(String(r.Data)))),
  },
  {
    name: 'update-destination',
    operation: 'UpdateDestination',
    summary: 'Changes the destination settings (buffering hints, prefixes, compression); the version goes up by one.',
    flags: [
      streamName,
      { name: 'current-delivery-stream-version-id', type: 'string', required: true, help: 'VersionId from describe-delivery-stream.' },
      { name: 'destination-id', type: 'string', required: true, help: 'DestinationId from describe-delivery-stream.', choices: ['destinationId-000000000001'] },
      { name: 'extended-s3-destination-update', type: 'string', help: 'JSON or shorthand with the members to change, e.g. BufferingHints={SizeInMBs=64,IntervalInSeconds=60}.' },
    ],
    run(ctx, args) {
      const s = ctx.stream(args.string('delivery-stream-name'));
      const version = args.string('current-delivery-stream-version-id');
      if (version !== String(s.version)) {
        throw new AwsError('ConcurrentModificationException', `Firehose ${s.name} has version ${s.version}; the request gave ${version}. Describe the stream for its current VersionId.`);
      }
      const id = args.string('destination-id');
      if (id !== s.destinationId) throw new AwsError('InvalidArgumentException', `Destination ${id} not found in Firehose ${s.name}.`);
      const update = args.optString('extended-s3-destination-update');
      if (update !== undefined) applyUpdate(ctx, s, update);
      return undefined;
    },
  },
  {
    name: 'delete-delivery-stream',
    operation: 'DeleteDeliveryStream',
    summary: 'Deletes a Firehose stream; data still buffered in it is discarded.',
    flags: [streamName, { name: 'allow-force-delete', type: 'boolean', help: 'Delete even if AWS cannot clean up (no effect in the engine).' }],
    run(ctx, args) {
      ctx.delete(args.string('delivery-stream-name'));
      return undefined;
    },
  },
];

export const firehoseCommands: ServiceTable<FirehoseService> = {
  service: 'firehose',
  summary: 'Amazon Data Firehose',
  commands,
};
