import type { Dimension } from '../content/model.js';

// Today's AWS values, in one place: the engine enforces them, the quiz arithmetic computes with
// them, and the content linter checks the notes against them. Every value carries the page it
// was checked against; where AWS changed a value, `previous` keeps the old one learners still meet.
// Values are in base units: bytes, bytes/s, count, count/s, s.

export type Service = 'kinesis' | 'firehose' | 'sqs' | 'iot' | 'lambda' | 'snow';

export interface LimitValue {
  amount: number;
  dimension: Dimension;
}

export interface Limit {
  /** Stable key used in code and docs, e.g. `kinesis.shardWriteBytes`. */
  key: string;
  service: Service;
  name: string;
  /** One value, or the two ends of an allowed range. */
  values: LimitValue[];
  form: 'single' | 'range';
  /** How to show the value: the unit AWS's pages use. */
  display: string;
  scope?: string;
  source: string;
  since?: string;
  previous?: string;
  /** Names a limit-table row may give this limit, for the linter's cross-check. */
  aliases: RegExp;
}

// Both halves of the shard write limit are named the same ways in notes.
const SHARD_WRITE = /^(shard write (throughput|capacity|limit)|write (throughput|capacity|limit)( per shard)?|write throughput of one partition key)$/i;

const MiB = 1024 * 1024;
const KiB = 1024;
const HOUR = 3600;
const DAY = 24 * HOUR;

const K = 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html';
const KAPI = 'https://docs.aws.amazon.com/kinesis/latest/APIReference';
const F = 'https://docs.aws.amazon.com/firehose/latest';
const S = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide';
const I = 'https://docs.aws.amazon.com/general/latest/gr/iot-core.html';

type Spec = Omit<Limit, 'key' | 'service' | 'values' | 'form'> & { value: number | [number, number]; dimension: Dimension };

function table<T extends Record<string, Spec>>(service: Service, specs: T): { [K in keyof T]: Limit } {
  const out = {} as { [K in keyof T]: Limit };
  for (const [name, spec] of Object.entries(specs) as [keyof T & string, Spec][]) {
    const { value, dimension, ...rest } = spec;
    const amounts = Array.isArray(value) ? value : [value];
    out[name] = {
      key: `${service}.${name}`,
      service,
      ...rest,
      values: amounts.map((amount) => ({ amount, dimension })),
      form: Array.isArray(value) ? 'range' : 'single',
    };
  }
  return out;
}

export const KINESIS = table('kinesis', {
  shardWriteBytes: { name: 'Shard write throughput (bytes)', value: MiB, dimension: 'bytes/s', display: '1 MiB/s', scope: 'per shard', source: K, aliases: SHARD_WRITE },
  shardWriteRecords: { name: 'Shard write throughput (records)', value: 1000, dimension: 'count/s', display: '1,000 records/s', scope: 'per shard', source: K, aliases: SHARD_WRITE },
  shardReadBytes: { name: 'Shared read throughput', value: 2 * MiB, dimension: 'bytes/s', display: '2 MiB/s', scope: 'per shard, shared by polling consumers', source: K, aliases: /^(shared read throughput|shard read throughput(, shared \(polling\) consumers)?|read throughput, shared|classic read throughput)$/i },
  getRecordsCallsPerSecond: { name: 'GetRecords call rate', value: 5, dimension: 'count/s', display: '5 calls/s', scope: 'per shard', source: `${KAPI}/API_GetRecords.html`, aliases: /\bGetRecords (call rate|calls)\b/i },
  getRecordsMaxRecords: { name: 'GetRecords records per call', value: 10_000, dimension: 'count', display: '10,000 records', scope: 'per call', source: `${KAPI}/API_GetRecords.html`, aliases: /\bGetRecords records\b/i },
  getRecordsMaxBytes: { name: 'GetRecords data per call', value: 10 * MiB, dimension: 'bytes', display: '10 MiB', scope: 'per call', source: `${KAPI}/API_GetRecords.html`, aliases: /\bGetRecords data\b/i },
  getRecordsPenalty: { name: 'Read throttle after a 10 MiB response', value: 5, dimension: 's', display: '5 s', scope: 'per shard', source: `${KAPI}/API_GetRecords.html`, aliases: /\bthrottle after a 10 MiB\b/i },
  efoBytes: { name: 'Enhanced fan-out throughput', value: 2 * MiB, dimension: 'bytes/s', display: '2 MiB/s', scope: 'per consumer per shard', source: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html', aliases: /\benhanced fan-out (read )?throughput\b/i },
  efoConsumers: { name: 'Enhanced fan-out consumers per stream', value: 20, dimension: 'count', display: '20 consumers', scope: 'per stream (provisioned and On-demand Standard)', source: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html', previous: '20 was the only value before On-demand Advantage (50)', aliases: /^enhanced fan-out consumers(, provisioned| per stream)?$|^enhanced fan-out consumers, provisioned/i },
  efoConsumersAdvantage: { name: 'Enhanced fan-out consumers, On-demand Advantage', value: 50, dimension: 'count', display: '50 consumers', scope: 'per stream', source: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html', since: '2025', aliases: /\benhanced fan-out consumers, on-demand advantage\b/i },
  iteratorLifetime: { name: 'Shard iterator lifetime', value: 300, dimension: 's', display: '5 min', scope: 'per iterator', source: `${KAPI}/API_GetShardIterator.html`, aliases: /\bshard iterator lifetime\b/i },
  subscriptionLifetime: { name: 'SubscribeToShard subscription lifetime', value: 300, dimension: 's', display: '5 min', scope: 'per subscription', source: `${KAPI}/API_SubscribeToShard.html`, aliases: /\bSubscribeToShard subscription lifetime\b/i },
  recordSizeDefault: { name: 'Maximum record size, default', value: MiB, dimension: 'bytes', display: '1 MiB', scope: 'per record', source: 'https://docs.aws.amazon.com/streams/latest/dev/large-records.html', aliases: /\bmaximum record size, default\b/i },
  recordSizeMax: { name: 'Maximum record size, configurable', value: [MiB, 10 * MiB], dimension: 'bytes', display: '1–10 MiB', scope: 'per stream (MaxRecordSizeInKiB)', source: 'https://docs.aws.amazon.com/streams/latest/dev/large-records.html', since: '2025', previous: 'a hard 1 MiB', aliases: /\bmaximum record size, configurable\b/i },
  putRecordsEntries: { name: 'PutRecords entries per request', value: 500, dimension: 'count', display: '500 records', scope: 'per request', source: `${KAPI}/API_PutRecords.html`, aliases: /\bPutRecords entries\b/i },
  putRecordsBytes: { name: 'PutRecords request size', value: 10 * MiB, dimension: 'bytes', display: '10 MiB', scope: 'per request', source: `${KAPI}/API_PutRecords.html`, since: '2025', previous: '5 MiB', aliases: /\bPutRecords request size\b/i },
  partitionKeyLength: { name: 'Partition key length', value: [1, 256], dimension: 'count', display: '1–256 characters', scope: 'per record', source: `${KAPI}/API_PutRecord.html`, aliases: /\bpartition key length\b/i },
  retention: { name: 'Retention period', value: [24 * HOUR, 8760 * HOUR], dimension: 's', display: '24 h–8,760 h', scope: 'per stream', source: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html', since: '2020-11', previous: 'up to 7 days (168 h)', aliases: /^retention( period)?$/i },
  onDemandInitialWriteBytes: { name: 'New on-demand stream write capacity', value: 4 * MiB, dimension: 'bytes/s', display: '4 MiB/s', scope: 'per stream', source: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html', aliases: /\bnew on-demand stream write capacity\b/i },
  onDemandInitialWriteRecords: { name: 'New on-demand stream write capacity (records)', value: 4000, dimension: 'count/s', display: '4,000 records/s', scope: 'per stream', source: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html', aliases: /\bnew on-demand stream write capacity\b/i },
  updateShardCountCallsPerDay: { name: 'UpdateShardCount calls per rolling 24 hours', value: 10, dimension: 'count', display: '10 calls', scope: 'per stream per rolling 24 h', source: `${KAPI}/API_UpdateShardCount.html`, aliases: /\bUpdateShardCount calls\b/i },
  updateShardCountMaxShards: { name: 'UpdateShardCount target', value: 10_000, dimension: 'count', display: '10,000 shards', scope: 'per call', source: `${KAPI}/API_UpdateShardCount.html`, aliases: /\bUpdateShardCount target\b/i },
  resharding: { name: 'Resharding operations in progress', value: 1, dimension: 'count', display: '1 operation', scope: 'per stream', source: `${KAPI}/API_SplitShard.html`, aliases: /\bresharding operations in progress\b/i },
});

export const FIREHOSE = table('firehose', {
  recordBytes: { name: 'Record size', value: 1000 * KiB, dimension: 'bytes', display: '1,000 KiB', scope: 'per record, before base64', source: `${F}/APIReference/API_PutRecord.html`, aliases: /^(firehose )?record size$/i },
  batchRecords: { name: 'PutRecordBatch records', value: 500, dimension: 'count', display: '500 records', scope: 'per call', source: `${F}/APIReference/API_PutRecordBatch.html`, aliases: /\bPutRecordBatch request\b/i },
  batchBytes: { name: 'PutRecordBatch request size', value: 4 * MiB, dimension: 'bytes', display: '4 MiB', scope: 'per call', source: `${F}/APIReference/API_PutRecordBatch.html`, aliases: /\bPutRecordBatch request\b/i },
  bufferSize: { name: 'Buffer size, S3 destination', value: [MiB, 128 * MiB], dimension: 'bytes', display: '1–128 MiB', scope: 'per delivery stream', source: `${F}/APIReference/API_BufferingHints.html`, aliases: /^(firehose )?buffer size(, s3 destination)?$/i },
  bufferInterval: { name: 'Buffer interval', value: [0, 900], dimension: 's', display: '0–900 s', scope: 'per delivery stream', source: `${F}/APIReference/API_BufferingHints.html`, since: '2023-12', previous: '60–900 s', aliases: /^(firehose )?buffer interval$/i },
  lambdaPayload: { name: 'Lambda request or response payload', value: 6_000_000, dimension: 'bytes', display: '6 MB', scope: 'per invocation', source: `${F}/dev/data-transformation.html`, aliases: /\blambda request or response payload\b/i },
  activePartitions: { name: 'Active partitions, dynamic partitioning', value: 500, dimension: 'count', display: '500 partitions', scope: 'per delivery stream (raisable)', source: `${F}/dev/dynamic-partitioning.html`, aliases: /\bactive partitions\b/i },
  s3RetryDirectPut: { name: 'Retry window, S3 destination, Direct PUT source', value: DAY, dimension: 's', display: '24 h', scope: 'per delivery stream', source: `${F}/dev/retry.html`, aliases: /\bretry window.*s3.*direct put\b/i },
  retryDuration: { name: 'Retry duration, OpenSearch, Splunk, HTTP endpoint, Redshift', value: [0, 7200], dimension: 's', display: '0–7,200 s', scope: 'per destination', source: `${F}/dev/retry.html`, aliases: /\bretry duration\b/i },
  // Direct PUT quotas of the largest Regions (us-east-1, us-west-2, eu-west-1), the engine's Region;
  // requests and records are in FIREHOSE_ENGINE (the notes state all three in one row).
  directPutBytes: { name: 'Direct PUT throughput (bytes)', value: 5 * MiB, dimension: 'bytes/s', display: '5 MiB/s', scope: 'per Firehose stream, PutRecord and PutRecordBatch combined', source: `${F}/dev/limits.html`, aliases: /^direct put throughput, largest regions$/i },
  lambdaBufferSize: { name: 'Lambda processing buffer size', value: [200_000, 3_000_000], dimension: 'bytes', display: '0.2–3 MB', scope: 'per Firehose stream', source: `${F}/dev/data-transformation.html`, aliases: /^lambda processing buffer size$/i },
  lambdaBufferInterval: { name: 'Lambda processing buffer interval', value: [0, 900], dimension: 's', display: '0–900 s', scope: 'per Firehose stream', source: `${F}/dev/data-transformation.html`, aliases: /^lambda processing buffer interval$/i },
  lambdaDuration: { name: 'Lambda invocation duration', value: 300, dimension: 's', display: '5 min', scope: 'per invocation', source: `${F}/dev/data-transformation.html`, aliases: /^lambda invocation duration$/i },
  bufferSizeHttp: { name: 'Buffer size, HTTP endpoint', value: [MiB, 64 * MiB], dimension: 'bytes', display: '1–64 MiB', scope: 'per Firehose stream', source: `${F}/APIReference/API_HttpEndpointBufferingHints.html`, aliases: /^buffer size, http endpoint$/i },
  bufferSizeOpenSearch: { name: 'Buffer size, OpenSearch Service and Serverless', value: [MiB, 100 * MiB], dimension: 'bytes', display: '1–100 MiB', scope: 'per Firehose stream', source: `${F}/APIReference/API_ElasticsearchBufferingHints.html`, aliases: /^buffer size, opensearch service( and serverless)?$/i },
  bufferSizeSplunk: { name: 'Buffer size, Splunk', value: [MiB, 5 * MiB], dimension: 'bytes', display: '1–5 MiB', scope: 'per Firehose stream', source: `${F}/APIReference/API_SplunkBufferingHints.html`, aliases: /^buffer size, splunk$/i },
  bufferIntervalSplunk: { name: 'Buffer interval, Splunk', value: [0, 60], dimension: 's', display: '0–60 s', scope: 'per Firehose stream', source: `${F}/APIReference/API_SplunkBufferingHints.html`, aliases: /^buffer interval, splunk$/i },
});

/**
 * Firehose values the engine needs that the notes state only inside other rows: the requests and
 * records halves of the Direct PUT quota (one notes row gives all three), the defaults a stream
 * gets (the notes give them in the Notes column) and how often a Kinesis source is read. Sourced
 * like every limit, but left out of ALL_LIMITS, whose entries the notes must each state as a row.
 */
export const FIREHOSE_ENGINE = table('firehose', {
  directPutRequests: { name: 'Direct PUT throughput (requests)', value: 2000, dimension: 'count/s', display: '2,000 requests/s', scope: 'per Firehose stream, PutRecord and PutRecordBatch combined', source: `${F}/dev/limits.html`, aliases: /^firehose direct put requests quota$/i },
  directPutRecords: { name: 'Direct PUT throughput (records)', value: 500_000, dimension: 'count/s', display: '500,000 records/s', scope: 'per Firehose stream, PutRecord and PutRecordBatch combined', source: `${F}/dev/limits.html`, previous: '5,000 records/s (the API reference still quotes it)', aliases: /^firehose direct put records quota$/i },
  bufferSizeDefault: { name: 'Buffer size, default', value: 5 * MiB, dimension: 'bytes', display: '5 MiB', scope: 'per Firehose stream (S3, HTTP, OpenSearch, Splunk)', source: `${F}/APIReference/API_BufferingHints.html`, aliases: /^firehose buffer size, default$/i },
  bufferIntervalDefault: { name: 'Buffer interval, default', value: 300, dimension: 's', display: '300 s', scope: 'per Firehose stream (Splunk: 60 s)', source: `${F}/APIReference/API_BufferingHints.html`, aliases: /^firehose buffer interval, default$/i },
  bufferIntervalDefaultSplunk: { name: 'Buffer interval, Splunk, default', value: 60, dimension: 's', display: '60 s', scope: 'per Firehose stream', source: `${F}/APIReference/API_SplunkBufferingHints.html`, aliases: /^firehose buffer interval, splunk, default$/i },
  lambdaBufferSizeDefault: { name: 'Lambda processing buffer size, default', value: 1_000_000, dimension: 'bytes', display: '1 MB', scope: 'per Firehose stream (256 KB for Splunk and Snowflake)', source: `${F}/dev/data-transformation.html`, aliases: /^firehose lambda processing buffer size, default$/i },
  lambdaBufferSizeDefaultSplunk: { name: 'Lambda processing buffer size, Splunk, default', value: 256_000, dimension: 'bytes', display: '256 KB', scope: 'per Firehose stream', source: `${F}/dev/data-transformation.html`, aliases: /^firehose lambda processing buffer size, splunk, default$/i },
  lambdaBufferIntervalDefault: { name: 'Lambda processing buffer interval, default', value: 60, dimension: 's', display: '60 s', scope: 'per Firehose stream', source: `${F}/dev/data-transformation.html`, aliases: /^firehose lambda processing buffer interval, default$/i },
  lambdaRetriesDefault: { name: 'Lambda invocation retries, default', value: 3, dimension: 'count', display: '3 retries', scope: 'per batch (NumberOfRetries)', source: `${F}/dev/data-transformation-failure-handling.html`, aliases: /^firehose lambda invocation retries, default$/i },
  retryDurationDefault: { name: 'Retry duration, default', value: 300, dimension: 's', display: '300 s', scope: 'OpenSearch (the engine uses it for HTTP endpoints and Splunk too)', source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_AmazonopensearchserviceRetryOptions.html', aliases: /^firehose retry duration, default$/i },
  retryDurationDefaultRedshift: { name: 'Retry duration, Redshift, default', value: 3600, dimension: 's', display: '3,600 s', scope: 'per Firehose stream', source: `${F}/APIReference/API_RedshiftRetryOptions.html`, aliases: /^firehose retry duration, redshift, default$/i },
  kinesisSourcePollInterval: { name: 'GetRecords interval, Kinesis data stream source', value: 1, dimension: 's', display: 'once per second per shard', scope: 'per shard of the source stream', source: `${F}/dev/writing-with-kinesis-streams.html`, aliases: /^firehose getrecords interval$/i },
});

export const SQS = table('sqs', {
  messageBytes: { name: 'Maximum message size', value: MiB, dimension: 'bytes', display: '1 MiB', scope: 'per message', source: `${S}/quotas-messages.html`, since: '2025-08', previous: '256 KiB', aliases: /^(sqs )?maximum message size$|^message size$/i },
  batchEntries: { name: 'Messages per batch request', value: 10, dimension: 'count', display: '10 messages', scope: 'per call', source: `${S}/quotas-messages.html`, aliases: /\bmessages per batch\b/i },
  retention: { name: 'Message retention', value: [60, 14 * DAY], dimension: 's', display: '60 s–14 days', scope: 'per queue', source: `${S}/quotas-messages.html`, aliases: /^message retention( period)?$/i },
  visibilityTimeout: { name: 'Visibility timeout', value: [0, 12 * HOUR], dimension: 's', display: '0–12 h', scope: 'per queue or per message', source: `${S}/sqs-visibility-timeout.html`, aliases: /^visibility timeout$/i },
  waitTime: { name: 'Long-polling wait time', value: [0, 20], dimension: 's', display: '0–20 s', scope: 'per queue or per call', source: `${S}/sqs-short-and-long-polling.html`, aliases: /\blong[- ]polling wait time\b/i },
  delay: { name: 'Delay queue', value: [0, 900], dimension: 's', display: '0–900 s', scope: 'per queue', source: `${S}/sqs-delay-queues.html`, aliases: /^delay queue$/i },
  inFlightStandard: { name: 'In-flight messages, standard queue', value: 120_000, dimension: 'count', display: '120,000 messages', scope: 'per queue', source: `${S}/quotas-messages.html`, aliases: /\bin-flight messages, standard\b/i },
  inFlightFifo: { name: 'In-flight messages, FIFO queue', value: 120_000, dimension: 'count', display: '120,000 messages', scope: 'per queue', source: `${S}/quotas-fifo.html`, since: '2024-11', previous: '20,000', aliases: /\bin-flight messages, fifo\b/i },
  fifoCallsPerSecond: { name: 'FIFO throughput without batching', value: 300, dimension: 'count/s', display: '300 TPS', scope: 'per API action', source: `${S}/quotas-fifo.html`, aliases: /\bfifo throughput without batching\b/i },
  fifoMessagesPerSecondBatched: { name: 'FIFO throughput with batching', value: 3000, dimension: 'count/s', display: '3,000 messages/s', scope: 'per API action, batches of 10', source: `${S}/quotas-fifo.html`, aliases: /\bfifo throughput with batching\b/i },
  dedupWindow: { name: 'Deduplication interval', value: 300, dimension: 's', display: '5 min', scope: 'per FIFO queue', source: `${S}/FIFO-queues-exactly-once-processing.html`, aliases: /\bdeduplication (interval|window)\b/i },
  batchBytes: { name: 'Total payload of a batch request', value: MiB, dimension: 'bytes', display: '1 MiB', scope: 'per SendMessageBatch call', source: `${S}/quotas-messages.html`, aliases: /^total payload of a batch request$/i },
  fifoHighThroughputCallsPerSecond: { name: 'High-throughput FIFO, non-batched', value: 70_000, dimension: 'count/s', display: '70,000 TPS', scope: 'per API action, us-east-1, us-west-2, eu-west-1', source: `${S}/quotas-fifo.html`, aliases: /^high-throughput fifo, non-batched$/i },
  fifoHighThroughputMessagesPerSecond: { name: 'High-throughput FIFO, batched', value: 700_000, dimension: 'count/s', display: '700,000 messages/s', scope: 'per API action, us-east-1, us-west-2, eu-west-1', source: `${S}/quotas-fifo.html`, aliases: /^high-throughput fifo, batched$/i },
  maxReceiveCount: { name: 'maxReceiveCount', value: [1, 1000], dimension: 'count', display: '1–1,000 receives', scope: 'per redrive policy', source: `${S}/sqs-dead-letter-queues.html`, aliases: /^maxReceiveCount$/i },
  maximumMessageSizeSetting: { name: 'MaximumMessageSize attribute', value: [1024, MiB], dimension: 'bytes', display: '1,024 B–1 MiB', scope: 'per queue', source: `${S}/quotas-messages.html`, aliases: /^MaximumMessageSize attribute$/i },
  visibilityTimeoutDefault: { name: 'Visibility timeout, default', value: 30, dimension: 's', display: '30 s', scope: 'per queue', source: `${S}/sqs-visibility-timeout.html`, aliases: /^visibility timeout, default$/i },
  retentionDefault: { name: 'Message retention, default', value: 4 * DAY, dimension: 's', display: '4 days', scope: 'per queue', source: `${S}/quotas-messages.html`, aliases: /^message retention, default$/i },
  queueNameLength: { name: 'Queue name length', value: 80, dimension: 'count', display: '80 characters', scope: 'per queue, .fifo suffix included', source: `${S}/quotas-queues.html`, aliases: /^queue name length$/i },
  batchEntryIdLength: { name: 'Batch entry id length', value: 80, dimension: 'count', display: '80 characters', scope: 'per batch entry', source: `${S}/quotas-messages.html`, aliases: /^batch entry id length$/i },
  messageGroupIdLength: { name: 'MessageGroupId length', value: 128, dimension: 'count', display: '128 characters', scope: 'per message (also MessageDeduplicationId)', source: `${S}/quotas-messages.html`, aliases: /^MessageGroupId length$/i },
  recreateAfterDelete: { name: 'Wait before reusing a deleted queue name', value: 60, dimension: 's', display: '60 s', scope: 'per queue name', source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html', aliases: /^wait before reusing a deleted queue name$/i },
  purgeInterval: { name: 'PurgeQueue interval', value: 60, dimension: 's', display: '60 s', scope: 'per queue', source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html', aliases: /^PurgeQueue interval$/i },
  moveTaskMessagesPerSecond: { name: 'Message move task rate', value: 500, dimension: 'count/s', display: '500 messages/s', scope: 'per move task (MaxNumberOfMessagesPerSecond)', source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html', aliases: /^message move task rate$/i },
  redriveAllowSources: { name: 'Source queues in a RedriveAllowPolicy', value: 10, dimension: 'count', display: '10 queues', scope: 'per dead-letter queue (byQueue)', source: `${S}/sqs-dead-letter-queues.html`, aliases: /^source queues in a RedriveAllowPolicy$/i },
  kmsDataKeyReusePeriod: { name: 'KmsDataKeyReusePeriodSeconds', value: [60, 86_400], dimension: 's', display: '60 s–24 h (default 300 s)', scope: 'per queue with SSE-KMS', source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html', aliases: /^(KmsDataKeyReusePeriodSeconds|KMS data[- ]key reuse period)$/i },
});

export const IOT = table('iot', {
  payloadBytes: { name: 'Publish payload', value: 128_000, dimension: 'bytes', display: '128 KB', scope: 'per message', source: I, aliases: /\bpublish payload\b/i },
  topicBytes: { name: 'Topic length', value: 256, dimension: 'bytes', display: '256 B', scope: 'per topic', source: I, aliases: /\btopic length\b/i },
  topicSlashes: { name: 'Forward slashes in a topic', value: 7, dimension: 'count', display: '7 slashes', scope: 'per topic or filter', source: I, aliases: /\bslashes in a topic\b/i },
  actionsPerRule: { name: 'Actions per rule', value: 10, dimension: 'count', display: '10 actions', scope: 'per topic rule', source: I, aliases: /^actions per rule$/i },
  shadowBytes: { name: 'Shadow state document size', value: 8000, dimension: 'bytes', display: '8 KB', scope: 'desired plus reported', source: I, aliases: /\bshadow state document size\b/i },
  shadowNestingDepth: { name: 'Shadow state nesting depth', value: 6, dimension: 'count', display: '6 levels', scope: 'per desired or reported section', source: I, aliases: /^shadow (state )?nesting depth$/i },
  shadowClientTokenBytes: { name: 'Shadow client token size', value: 64, dimension: 'bytes', display: '64 bytes', scope: 'per shadow request', source: I, aliases: /^shadow client token size$/i },
  messageMeteringBytes: { name: 'Message metering increment', value: 5000, dimension: 'bytes', display: '5 KB', scope: 'per message (an 8 KB message is metered as two)', source: 'https://aws.amazon.com/iot-core/pricing/', aliases: /^message metering increment$/i },
});

export const LAMBDA = table('lambda', {
  kinesisBatchSize: { name: 'Lambda batch size for Kinesis', value: [1, 10_000], dimension: 'count', display: '1–10,000 records', scope: 'per event source mapping', source: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html', aliases: /\blambda batch size for kinesis\b/i },
  parallelizationFactor: { name: 'Lambda parallelization factor', value: [1, 10], dimension: 'count', display: '1–10', scope: 'per event source mapping', source: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html', aliases: /\bparallelization factor\b/i },
  batchingWindow: { name: 'Lambda batching window', value: [0, 300], dimension: 's', display: '0–300 s', scope: 'per event source mapping', source: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html', aliases: /\blambda batching window\b/i },
  // Notes state it where Lambda meets Kinesis and Firehose, under the name Firehose's table uses.
  invocationPayload: { name: 'Lambda synchronous invocation payload', value: 6_000_000, dimension: 'bytes', display: '6 MB', scope: 'per invocation (request and response)', source: 'https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html', aliases: /^lambda (request or response|synchronous invocation) payload$/i },
});

// The transfer arithmetic (devices for N TB) needs the one Snow capacity candidates still meet.
export const SNOW = table('snow', {
  storageOptimizedBytes: { name: 'Storage Optimized usable capacity', value: 210e12, dimension: 'bytes', display: '210 TB', scope: 'per Snowball Edge Storage Optimized device', source: 'https://docs.aws.amazon.com/snowball/latest/developer-guide/whatisedge.html', previous: '80 TB (the discontinued previous-generation device)', aliases: /^storage optimized usable capacity$/i },
});

export const ALL_LIMITS: readonly Limit[] = [KINESIS, FIREHOSE, SQS, IOT, LAMBDA, SNOW].flatMap((t) => Object.values(t) as Limit[]);

/** Words in a note's file or topic that say which service its limit table is about. */
export const SERVICE_WORDS: Record<Service, RegExp> = {
  kinesis: /kinesis|shard|stream/i,
  firehose: /firehose/i,
  sqs: /\bsqs\b|queue/i,
  iot: /\biot\b/i,
  lambda: /lambda|kinesis-consumers/i,
  snow: /snow/i,
};
