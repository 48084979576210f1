import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import type { Dimension } from '../../src/content/model.js';

// The figures exams turn on. An edit that changes one of them, on purpose or by accident, fails
// here and must update this list in the same commit, so no value changes silently.
const MiB = 1_048_576;
const KEY_FACTS: [file: string, name: string, values: [number, Dimension][]][] = [
  ['kinesis-data-streams.md', 'Shard write throughput', [[MiB, 'bytes/s'], [1000, 'count/s']]],
  ['kinesis-data-streams.md', 'Shard read throughput, shared (polling) consumers', [[2 * MiB, 'bytes/s']]],
  ['kinesis-data-streams.md', 'GetRecords call rate', [[5, 'count/s']]],
  ['kinesis-data-streams.md', 'GetRecords records per call', [[10_000, 'count']]],
  ['kinesis-data-streams.md', 'GetRecords data per call', [[10 * MiB, 'bytes']]],
  ['kinesis-data-streams.md', 'Read throttle after a 10 MiB GetRecords response', [[5, 's']]],
  ['kinesis-data-streams.md', 'Enhanced fan-out throughput', [[2 * MiB, 'bytes/s']]],
  ['kinesis-data-streams.md', 'Enhanced fan-out consumers, provisioned and On-demand Standard', [[20, 'count']]],
  ['kinesis-data-streams.md', 'Enhanced fan-out consumers, On-demand Advantage', [[50, 'count']]],
  ['kinesis-data-streams.md', 'Shard iterator lifetime', [[300, 's']]],
  ['kinesis-data-streams.md', 'Maximum record size, default', [[MiB, 'bytes']]],
  ['kinesis-data-streams.md', 'Maximum record size, configurable', [[MiB, 'bytes'], [10 * MiB, 'bytes']]],
  ['kinesis-data-streams.md', 'PutRecords entries per request', [[500, 'count']]],
  ['kinesis-data-streams.md', 'PutRecords request size', [[10 * MiB, 'bytes']]],
  ['kinesis-data-streams.md', 'Partition key length', [[1, 'count'], [256, 'count']]],
  ['kinesis-data-streams.md', 'Retention period', [[86_400, 's'], [31_536_000, 's']]],
  ['kinesis-data-streams.md', 'New on-demand stream write capacity', [[4 * MiB, 'bytes/s']]],
  ['kinesis-data-streams.md', 'Account shard quota', [[20_000, 'count']]],
  ['kinesis-scaling.md', 'UpdateShardCount calls', [[10, 'count']]],
  ['kinesis-scaling.md', 'UpdateShardCount target', [[10_000, 'count']]],
  ['kinesis-scaling.md', 'Resharding operations in progress', [[1, 'count']]],
  ['kinesis-producers.md', 'KPL RecordMaxBufferedTime', [[0.1, 's']]],
  ['kinesis-producers.md', 'KPL aggregated record size', [[MiB, 'bytes']]],
  ['kinesis-consumers.md', 'Lambda batch size for Kinesis', [[1, 'count'], [10_000, 'count']]],
  ['kinesis-consumers.md', 'Lambda parallelization factor', [[1, 'count'], [10, 'count']]],
  ['kinesis-consumers.md', 'SubscribeToShard subscription lifetime', [[300, 's']]],
  ['firehose.md', 'Record size', [[1000 * 1024, 'bytes']]],
  ['firehose.md', 'PutRecordBatch request', [[500, 'count'], [4 * MiB, 'bytes']]],
  ['firehose.md', 'Buffer size, S3 destination', [[MiB, 'bytes'], [128 * MiB, 'bytes']]],
  ['firehose.md', 'Buffer interval', [[0, 's'], [900, 's']]],
  ['firehose.md', 'Lambda request or response payload', [[6_000_000, 'bytes']]],
  ['firehose.md', 'Active partitions, dynamic partitioning', [[500, 'count']]],
  ['firehose.md', 'Retry window, S3 destination, Direct PUT source', [[86_400, 's']]],
  ['sqs.md', 'Maximum message size', [[MiB, 'bytes']]],
  ['sqs.md', 'Messages per batch request', [[10, 'count']]],
  ['sqs.md', 'Message retention', [[60, 's'], [1_209_600, 's']]],
  ['sqs.md', 'Visibility timeout', [[0, 's'], [43_200, 's']]],
  ['sqs.md', 'Long-polling wait time', [[0, 's'], [20, 's']]],
  ['sqs.md', 'Delay queue', [[0, 's'], [900, 's']]],
  ['sqs.md', 'In-flight messages, standard queue', [[120_000, 'count']]],
  ['sqs.md', 'In-flight messages, FIFO queue', [[120_000, 'count']]],
  ['sqs.md', 'FIFO throughput without batching', [[300, 'count/s']]],
  ['sqs.md', 'FIFO throughput with batching', [[3000, 'count/s']]],
  ['sqs.md', 'Deduplication interval', [[300, 's']]],
  ['iot-core.md', 'Publish payload', [[128_000, 'bytes']]],
  ['iot-core.md', 'Topic length', [[256, 'bytes']]],
  ['iot-core.md', 'Forward slashes in a topic', [[7, 'count']]],
  ['iot-core.md', 'Shadow state document size', [[8000, 'bytes']]],
  ['direct-connect.md', 'Fastest dedicated port', [[400e9 / 8, 'bytes/s']]],
  ['msk.md', 'Maximum message size, MSK Serverless', [[8 * MiB, 'bytes']]],
];

const index = loadContent(join(import.meta.dirname, '..', '..', 'content'));

describe('key facts keep their values', () => {
  it('covers at least 40 facts', () => expect(KEY_FACTS.length).toBeGreaterThanOrEqual(40));

  it.each(KEY_FACTS)('%s: %s', (file, name, values) => {
    const matches = index.facts.filter((f) => f.source.file === file && f.name.toLowerCase() === name.toLowerCase());
    expect(matches, `no fact named "${name}" in ${file}`).toHaveLength(1);
    expect(matches[0]!.values.map((v) => [v.base.amount, v.base.dimension])).toEqual(values);
  });
});

describe('the shipped notes keep the volume and sourcing the content issue set', () => {
  it('≥ 150 facts, ≥ 300 cards, ≥ 10 comparison tables, ≥ 80 questions with ≥ 20 multiple response', () => {
    expect(index.facts.length).toBeGreaterThanOrEqual(150);
    expect(index.cards.length).toBeGreaterThanOrEqual(300);
    expect(index.comparisons.length).toBeGreaterThanOrEqual(10);
    expect(index.questions.length).toBeGreaterThanOrEqual(80);
    expect(index.questions.filter((q) => q.type === 'multiple').length).toBeGreaterThanOrEqual(20);
  });

  it('every fact names its AWS source, every file says when it was verified, and lint is clean', () => {
    expect(index.facts.filter((f) => !f.sourceUrl?.startsWith('https://')).map((f) => `${f.source.file}:${f.source.line}`)).toEqual([]);
    expect(index.files.filter((f) => !/^\d{4}-\d{2}-\d{2}$/.test(f.frontMatter.verified ?? '')).map((f) => f.file)).toEqual([]);
    expect(index.diagnostics).toEqual([]);
  });
});
