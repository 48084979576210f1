// Rules the arithmetic needs that are not numeric quotas, so they have no row in
// src/sim/limits.ts (whose every entry the notes must state). Each keeps the page it comes from.

export const RULES = {
  /** A KCL lease has exactly one owner: one worker processes a shard at a time. */
  kclWorkersPerShard: {
    value: 1,
    source: 'https://docs.aws.amazon.com/streams/latest/dev/shared-throughput-kcl-consumers.html',
  },
  /** AWS recommends an SQS visibility timeout of at least six times the Lambda function timeout. */
  sqsLambdaVisibilityFactor: {
    value: 6,
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
  },
  /** The KPL's default AggregationMaxSize (bytes); it may be raised to the 1 MiB record limit. */
  kplAggregationMaxSizeDefault: {
    value: 51_200,
    source: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-config.html',
  },
  /** UpdateShardCount may at most double the open shard count per call, or halve it. */
  updateShardCountFactor: {
    value: 2,
    source: 'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html',
  },
} as const;
