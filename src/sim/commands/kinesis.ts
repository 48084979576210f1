import type { Simulation } from '../core/simulation.js';
import type { EnhancedFanOut } from '../kinesis/efo.js';
import { AwsError } from '../kinesis/errors.js';
import type { IteratorType, KinesisService, PutEntry } from '../kinesis/service.js';
import type { Stream } from '../kinesis/stream.js';
import type { Args, CommandSpec, FlagSpec, ServiceTable, StructureValue } from './types.js';

// `aws kinesis …` against the engine. Flag names, required flags and response shapes follow the
// AWS CLI and the Kinesis API; handlers only translate, the service enforces the rules.

export interface KinesisContext {
  sim: Simulation;
  kinesis: KinesisService;
  efo: EnhancedFanOut;
}

type Flag = FlagSpec<KinesisContext>;

const STREAM_ARN = /^arn:aws.*:kinesis:.*:\d{12}:stream\/\S+$/;

const streamName: Flag = {
  name: 'stream-name',
  type: 'string',
  required: true,
  help: 'The name of the stream.',
  suggest: (ctx) => [...ctx.kinesis.streams.keys()],
};

const streamArn: Flag = {
  name: 'stream-arn',
  type: 'string',
  required: true,
  help: 'The ARN of the stream, e.g. arn:aws:kinesis:us-east-1:123456789012:stream/orders.',
  suggest: (ctx) => [...ctx.kinesis.streams.values()].map((s) => s.arn),
};

/** A shard of the stream named so far on the line (for Tab). */
function shardFlag(name: string, help: string, required = true, openOnly = true): Flag {
  return {
    name,
    type: 'string',
    required,
    help,
    suggest: (ctx, args) => {
      const stream = ctx.kinesis.streams.get(args.optString('stream-name') ?? '');
      return stream ? stream.shards.filter((s) => (openOnly ? s.open : !stream.isExpiredShard(s))).map((s) => s.id) : [];
    },
  };
}

function consumerNameFlag(required: boolean): Flag {
  return {
    name: 'consumer-name',
    type: 'string',
    required,
    help: 'The name of the consumer.',
    suggest: (ctx, args) => {
      const arn = args.optString('stream-arn');
      const stream = [...ctx.kinesis.streams.values()].find((s) => s.arn === arn);
      return stream ? ctx.efo.list(stream).map((c) => c.ConsumerName) : [];
    },
  };
}

const ITERATOR_TYPES = ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

function enumError(value: string, field: string, allowed: readonly string[]): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

/** The stream an ARN names; AWS answers ResourceNotFound for a well-formed ARN of no stream. */
function streamByArn(ctx: KinesisContext, arn: string, field = 'streamARN'): Stream {
  if (!STREAM_ARN.test(arn)) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${arn}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+`);
  }
  const stream = [...ctx.kinesis.streams.values()].find((s) => s.arn === arn);
  if (!stream) throw new AwsError('ResourceNotFoundException', `Stream ${arn.split('/').pop()} under account 123456789012 not found.`);
  return stream;
}

/**
 * The CLI sends --data as base64 when it is valid base64 (CLI v2's default) and as the text
 * itself otherwise; the record's size is the decoded bytes plus the partition key's bytes.
 */
export function dataEntry(data: string, partitionKey: string, explicitHashKey?: string): PutEntry {
  const base64 = data.length > 0 && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data);
  const bytes = base64 ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  const entry: PutEntry = { partitionKey, size: bytes.length + Buffer.byteLength(partitionKey, 'utf8'), data: bytes.toString('base64') };
  if (explicitHashKey !== undefined) entry.explicitHashKey = explicitHashKey;
  return entry;
}

function consumerJson(c: { ConsumerName: string; ConsumerARN: string; ConsumerStatus: string; ConsumerCreationTimestamp: number }) {
  return { ConsumerName: c.ConsumerName, ConsumerARN: c.ConsumerARN, ConsumerStatus: c.ConsumerStatus, ConsumerCreationTimestamp: c.ConsumerCreationTimestamp };
}

const commands: CommandSpec<KinesisContext>[] = [
  {
    name: 'create-stream',
    operation: 'CreateStream',
    summary: 'Creates a stream: provisioned with --shard-count shards, or on demand.',
    flags: [
      { ...streamName, suggest: undefined },
      { name: 'shard-count', type: 'integer', help: 'The number of shards (provisioned mode).' },
      {
        name: 'stream-mode-details',
        type: 'structure',
        help: 'StreamMode=PROVISIONED or StreamMode=ON_DEMAND (default PROVISIONED).',
        members: [{ name: 'StreamMode', type: 'string', required: true, choices: ['PROVISIONED', 'ON_DEMAND'] }],
        choices: ['StreamMode=PROVISIONED', 'StreamMode=ON_DEMAND'],
      },
      { name: 'max-record-size-in-ki-b', type: 'integer', help: 'Largest record the stream accepts, 1024–10240 KiB (default 1024).' },
    ],
    run(ctx, args) {
      const mode = args.structure('stream-mode-details')?.StreamMode ?? 'PROVISIONED';
      if (mode !== 'PROVISIONED' && mode !== 'ON_DEMAND') throw enumError(String(mode), 'streamModeDetails.streamMode', ['PROVISIONED', 'ON_DEMAND']);
      const options: Parameters<KinesisService['createStream']>[1] = { mode };
      const shards = args.optInt('shard-count');
      if (shards !== undefined) options.shardCount = shards;
      const kib = args.optInt('max-record-size-in-ki-b');
      if (kib !== undefined) options.maxRecordSizeKiB = kib;
      ctx.kinesis.createStream(args.string('stream-name'), options);
      return undefined;
    },
  },
  {
    name: 'delete-stream',
    operation: 'DeleteStream',
    summary: 'Deletes a stream and all its shards and data.',
    flags: [streamName, { name: 'enforce-consumer-deletion', type: 'boolean', help: 'Delete the stream even if it has registered consumers.' }],
    run(ctx, args) {
      const stream = ctx.kinesis.stream(args.string('stream-name'));
      if (ctx.efo.list(stream).length > 0 && !args.bool('enforce-consumer-deletion')) {
        throw new AwsError('ResourceInUseException', `Stream ${stream.name} under account 123456789012 has registered consumers; use --enforce-consumer-deletion to delete it with them.`);
      }
      // DELETING stops the stream's housekeeping; the name is free again at once.
      stream.status = 'DELETING';
      ctx.kinesis.streams.delete(stream.name);
      return undefined;
    },
  },
  {
    name: 'list-streams',
    operation: 'ListStreams',
    summary: 'Lists the streams in the account.',
    flags: [],
    run(ctx) {
      const streams = [...ctx.kinesis.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return {
        StreamNames: streams.map((s) => s.name),
        HasMoreStreams: false,
        StreamSummaries: streams.map((s) => ({ StreamName: s.name, StreamARN: s.arn, StreamStatus: s.status, StreamModeDetails: { StreamMode: s.mode }, StreamCreationTimestamp: 0 })),
      };
    },
  },
  {
    name: 'describe-stream-summary',
    operation: 'DescribeStreamSummary',
    summary: "Describes a stream: status, mode, retention, open shards, consumers.",
    flags: [streamName],
    run: (ctx, args) => ctx.kinesis.describeStreamSummary(args.string('stream-name')),
  },
  {
    name: 'list-shards',
    operation: 'ListShards',
    summary: 'Lists the shards of a stream with their hash key and sequence number ranges.',
    flags: [streamName],
    run: (ctx, args) => ctx.kinesis.listShards(args.string('stream-name')),
  },
  {
    name: 'put-record',
    operation: 'PutRecord',
    summary: 'Writes one record to the shard its partition key (or explicit hash key) maps to.',
    flags: [
      streamName,
      { name: 'data', type: 'blob', required: true, help: 'The payload: base64, or plain text.' },
      { name: 'partition-key', type: 'string', required: true, help: 'Hashed with MD5 to choose the shard (1–256 characters).' },
      { name: 'explicit-hash-key', type: 'string', help: 'A decimal hash key (0 to 2^128−1) that overrides the partition key hash.' },
    ],
    run(ctx, args) {
      const result = ctx.kinesis.putRecord(args.string('stream-name'), dataEntry(args.string('data'), args.string('partition-key'), args.optString('explicit-hash-key')));
      return { ShardId: result.ShardId, SequenceNumber: result.SequenceNumber };
    },
  },
  {
    name: 'put-records',
    operation: 'PutRecords',
    summary: 'Writes up to 500 records in one request; each may fail on its own.',
    flags: [
      streamName,
      {
        name: 'records',
        type: 'list',
        required: true,
        help: 'JSON [{"Data": "…", "PartitionKey": "…"}], or shorthand Data=…,PartitionKey=… Data=…,PartitionKey=…',
        members: [
          { name: 'Data', type: 'blob', required: true },
          { name: 'PartitionKey', type: 'string', required: true },
          { name: 'ExplicitHashKey', type: 'string' },
        ],
      },
    ],
    run(ctx, args) {
      const entries = args.list('records').map((r: StructureValue) => dataEntry(String(r.Data), String(r.PartitionKey), r.ExplicitHashKey === undefined ? undefined : String(r.ExplicitHashKey)));
      return ctx.kinesis.putRecords(args.string('stream-name'), entries);
    },
  },
  {
    name: 'get-shard-iterator',
    operation: 'GetShardIterator',
    summary: 'Returns an iterator (valid 5 minutes) to start reading a shard.',
    flags: [
      streamName,
      shardFlag('shard-id', 'The shard to read.', true, false),
      { name: 'shard-iterator-type', type: 'string', required: true, help: 'Where in the shard to start reading.', choices: ITERATOR_TYPES },
      { name: 'starting-sequence-number', type: 'string', help: 'For AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER.' },
      { name: 'timestamp', type: 'timestamp', help: 'For AT_TIMESTAMP: epoch seconds of virtual time, or ISO 8601.' },
    ],
    run(ctx, args) {
      const options: { startingSequenceNumber?: string; timestampMs?: number } = {};
      const seq = args.optString('starting-sequence-number');
      if (seq !== undefined) options.startingSequenceNumber = seq;
      const ts = args.optInt('timestamp');
      if (ts !== undefined) options.timestampMs = ts;
      return ctx.kinesis.getShardIterator(args.string('stream-name'), args.string('shard-id'), args.string('shard-iterator-type') as IteratorType, options);
    },
  },
  {
    name: 'get-records',
    operation: 'GetRecords',
    summary: 'Reads records from a shard iterator (shares the shard’s 5 calls/s and 2 MiB/s).',
    flags: [
      { name: 'shard-iterator', type: 'string', required: true, help: 'An iterator from get-shard-iterator or a previous get-records.' },
      { name: 'limit', type: 'integer', help: 'At most this many records (1–10,000; default 10,000).' },
    ],
    run(ctx, args) {
      const limit = args.optInt('limit');
      if (limit !== undefined && (limit < 1 || limit > 10_000)) {
        throw new AwsError('ValidationException', `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000`);
      }
      return ctx.kinesis.getRecords(args.string('shard-iterator'), limit);
    },
  },
  {
    name: 'split-shard',
    operation: 'SplitShard',
    summary: 'Splits an open shard in two at a hash key; the stream is UPDATING meanwhile.',
    flags: [
      streamName,
      shardFlag('shard-to-split', 'The open shard to split.'),
      { name: 'new-starting-hash-key', type: 'string', required: true, help: 'First hash key of the upper child (decimal).' },
    ],
    run(ctx, args) {
      ctx.kinesis.splitShard(args.string('stream-name'), args.string('shard-to-split'), args.string('new-starting-hash-key'));
      return undefined;
    },
  },
  {
    name: 'merge-shards',
    operation: 'MergeShards',
    summary: 'Merges two adjacent open shards into one.',
    flags: [streamName, shardFlag('shard-to-merge', 'One of the two shards.'), shardFlag('adjacent-shard-to-merge', 'The shard whose hash range touches it.')],
    run(ctx, args) {
      ctx.kinesis.mergeShards(args.string('stream-name'), args.string('shard-to-merge'), args.string('adjacent-shard-to-merge'));
      return undefined;
    },
  },
  {
    name: 'update-shard-count',
    operation: 'UpdateShardCount',
    summary: 'Rescales a provisioned stream evenly to a shard count (½× to 2×, 10 calls a day).',
    flags: [
      streamName,
      { name: 'target-shard-count', type: 'integer', required: true, help: 'The new number of open shards.' },
      { name: 'scaling-type', type: 'string', required: true, help: 'UNIFORM_SCALING.', choices: ['UNIFORM_SCALING'] },
    ],
    run(ctx, args) {
      const type = args.string('scaling-type');
      if (type !== 'UNIFORM_SCALING') throw enumError(type, 'scalingType', ['UNIFORM_SCALING']);
      const r = ctx.kinesis.updateShardCount(args.string('stream-name'), args.int('target-shard-count'));
      return { StreamName: r.StreamName, CurrentShardCount: r.CurrentShardCount, TargetShardCount: r.TargetShardCount, StreamARN: ctx.kinesis.stream(r.StreamName).arn };
    },
  },
  {
    name: 'increase-stream-retention-period',
    operation: 'IncreaseStreamRetentionPeriod',
    summary: 'Keeps records longer (up to 8,760 hours).',
    flags: [streamName, { name: 'retention-period-hours', type: 'integer', required: true, help: 'The new retention period in hours.' }],
    run(ctx, args) {
      ctx.kinesis.increaseRetention(args.string('stream-name'), args.int('retention-period-hours'));
      return undefined;
    },
  },
  {
    name: 'decrease-stream-retention-period',
    operation: 'DecreaseStreamRetentionPeriod',
    summary: 'Keeps records for less time (at least 24 hours); older records expire at once.',
    flags: [streamName, { name: 'retention-period-hours', type: 'integer', required: true, help: 'The new retention period in hours.' }],
    run(ctx, args) {
      ctx.kinesis.decreaseRetention(args.string('stream-name'), args.int('retention-period-hours'));
      return undefined;
    },
  },
  {
    name: 'register-stream-consumer',
    operation: 'RegisterStreamConsumer',
    summary: 'Registers an enhanced fan-out consumer (its own 2 MiB/s per shard).',
    flags: [streamArn, consumerNameFlag(true)],
    run(ctx, args) {
      const stream = streamByArn(ctx, args.string('stream-arn'));
      return { Consumer: consumerJson(ctx.efo.register(stream.name, args.string('consumer-name'))) };
    },
  },
  {
    name: 'list-stream-consumers',
    operation: 'ListStreamConsumers',
    summary: 'Lists the enhanced fan-out consumers of a stream.',
    flags: [streamArn],
    run(ctx, args) {
      return { Consumers: ctx.efo.list(streamByArn(ctx, args.string('stream-arn'))).map(consumerJson) };
    },
  },
  {
    name: 'describe-stream-consumer',
    operation: 'DescribeStreamConsumer',
    summary: 'Describes a consumer, by --consumer-arn or by --stream-arn and --consumer-name.',
    flags: [
      { ...streamArn, required: false },
      consumerNameFlag(false),
      { name: 'consumer-arn', type: 'string', help: 'The consumer ARN from register-stream-consumer.' },
    ],
    run(ctx, args) {
      const consumer = describeTarget(ctx, args);
      return { ConsumerDescription: { ...consumerJson(consumer), StreamARN: consumer.stream.arn } };
    },
  },
];

function describeTarget(ctx: KinesisContext, args: Args) {
  const arn = args.optString('consumer-arn');
  if (arn !== undefined) {
    const consumer = ctx.efo.consumer(arn);
    if (consumer.ConsumerARN !== arn) throw new AwsError('ResourceNotFoundException', `Consumer ${arn} not found.`);
    return consumer;
  }
  const streamArnValue = args.optString('stream-arn');
  const name = args.optString('consumer-name');
  if (streamArnValue === undefined || name === undefined) {
    throw new AwsError('InvalidArgumentException', 'Either ConsumerARN or both StreamARN and ConsumerName must be provided.');
  }
  const stream = streamByArn(ctx, streamArnValue);
  const consumer = ctx.efo.list(stream).find((c) => c.ConsumerName === name);
  if (!consumer) throw new AwsError('ResourceNotFoundException', `Consumer ${name} under stream ${stream.name} not found for account 123456789012.`);
  return consumer;
}

export const kinesisCommands: ServiceTable<KinesisContext> = {
  service: 'kinesis',
  summary: 'Amazon Kinesis Data Streams',
  commands,
};
