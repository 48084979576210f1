// KPL aggregation and Firehose buffering arithmetic.

import { KiB, L, MiB, ceilSafe, firehoseFlushSeconds, firehoseObjectsPerHour, floorSafe, kplRecordsPerAggregate, kplUserRecordsPerShard } from '../arithmetic.js';
import { between, chance, pick } from '../random.js';
import { RULES } from '../rules.js';
import { numberTemplate, q, size, type Template } from './types.js';

const AGGREGATE_SIZES = [RULES.kplAggregationMaxSizeDefault.value, 256 * KiB, MiB];

export const kplPerAggregateTemplate = numberTemplate({
  id: 'kpl.records-per-aggregate',
  title: 'User records in one KPL aggregated record',
  formula: '⌊AggregationMaxSize ÷ user record size⌋ (overhead ignored)',
  limits: ['kinesis.recordSizeDefault'],
  references: [RULES.kplAggregationMaxSizeDefault.source],
  draw: (rng) => ({ bytes: between(rng, 1, 40) * 50, maxSize: pick(rng, AGGREGATE_SIZES) }),
  stem: ({ bytes, maxSize }) =>
    `A producer uses the KPL with aggregation on and AggregationMaxSize set to ${size(maxSize)}${maxSize === RULES.kplAggregationMaxSizeDefault.value ? ' (the default)' : ''}. ` +
    `Each user record is ${size(bytes)}. Ignoring the aggregation format's overhead, how many user records fit in one aggregated Kinesis record?`,
  solve: ({ bytes, maxSize }) => kplRecordsPerAggregate(bytes, maxSize),
  working: ({ bytes, maxSize }) =>
    `An aggregated record grows up to AggregationMaxSize: ⌊${size(maxSize)} ÷ ${size(bytes)}⌋ = ⌊${q(maxSize, '')} ÷ ${q(bytes, '')}⌋ = ${q(kplRecordsPerAggregate(bytes, maxSize), 'records')}.`,
  answer: { kind: 'number', unit: 'records', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    {
      id: 'aggregation-max-size',
      transform: ({ bytes, maxSize }) => kplRecordsPerAggregate(bytes, maxSize === L.aggregateBytes ? RULES.kplAggregationMaxSizeDefault.value : L.aggregateBytes),
      why: ({ maxSize }) =>
        maxSize === L.aggregateBytes ? 'Used the 50 KiB default AggregationMaxSize, but the stem sets it to 1 MiB' : 'Used the 1 MiB record limit, but AggregationMaxSize bounds an aggregate',
    },
    { id: 'decimal-mb', transform: ({ bytes, maxSize }) => floorSafe((maxSize === MiB ? 1e6 : (maxSize / KiB) * 1000) / bytes) },
    { id: 'round-up', transform: ({ bytes, maxSize }) => ceilSafe(maxSize / bytes) },
    { id: 'aggregate-records-cap', transform: ({ bytes, maxSize }) => Math.min(1000, kplRecordsPerAggregate(bytes, maxSize)) },
    { id: 'putrecords-size', transform: ({ bytes }) => kplRecordsPerAggregate(bytes, L.putRecordsBytes) },
  ],
});

export const kplPerShardTemplate = numberTemplate({
  id: 'kpl.user-records-per-shard',
  title: 'User records per second one shard accepts, with and without KPL aggregation',
  formula: 'aggregated: ⌊1 MiB/s ÷ S⌋; not aggregated: min(1,000, ⌊1 MiB/s ÷ S⌋)',
  limits: ['kinesis.shardWriteBytes', 'kinesis.shardWriteRecords'],
  draw: (rng) => ({ bytes: pick(rng, [50, 64, 100, 128, 200, 250, 256, 400, 500, 512, 600, 800, 2048, 4096]), aggregated: chance(rng, 0.7) ? 1 : 0 }),
  stem: ({ bytes, aggregated }) =>
    `Devices send events of ${size(bytes)} each. A producer writes them to one shard ${aggregated ? 'with KPL aggregation on' : 'with PutRecords, one Kinesis record per event (no aggregation)'}. ` +
    'Ignoring aggregation overhead, how many events per second can that shard accept at most?',
  solve: ({ bytes, aggregated }) => kplUserRecordsPerShard(bytes, aggregated === 1),
  working: ({ bytes, aggregated }) => {
    const byBytes = floorSafe(L.shardWriteBytes / bytes);
    return aggregated
      ? `Aggregated, a few large Kinesis records carry the events, so only the 1 MiB/s limit binds: ⌊1,048,576 ÷ ${q(bytes, '')}⌋ = ${q(byBytes, 'records/s')}.`
      : `Each event is its own Kinesis record, so both limits apply: min(1,000, ⌊1,048,576 ÷ ${q(bytes, '')}⌋ = ${q(byBytes, '')}) = ${q(Math.min(1000, byBytes), 'records/s')}.`;
  },
  answer: { kind: 'number', unit: 'records/s', decimals: 0, gap: { relative: 0.02, absolute: 1 } },
  mistakes: [
    { id: 'aggregate-1000', transform: ({ bytes }) => Math.min(L.shardWriteRecords, floorSafe(L.shardWriteBytes / bytes)) },
    { id: 'no-aggregation-bytes', transform: ({ bytes }) => floorSafe(L.shardWriteBytes / bytes) },
    { id: 'decimal-mb', transform: ({ bytes, aggregated }) => kplUserRecordsPerShard(bytes, aggregated === 1, { bytesPerSecond: 1e6, recordsPerSecond: L.shardWriteRecords }) },
    { id: 'read-for-write', transform: ({ bytes, aggregated }) => kplUserRecordsPerShard(bytes, aggregated === 1, { bytesPerSecond: L.shardReadBytes, recordsPerSecond: L.shardWriteRecords }) },
  ],
});

const BUFFER_MIB = [1, 5, 8, 16, 32, 64, 128];
const INTERVALS = [0, 30, 60, 120, 180, 300, 600, 900];
const RATES_KIB = [16, 32, 50, 64, 100, 128, 200, 256, 500, 512, 1024, 2048, 4096];

function rate(kibPerSecond: number): string {
  return kibPerSecond >= 1024 && kibPerSecond % 1024 === 0 ? q(kibPerSecond / 1024, 'MiB/s') : q(kibPerSecond, 'KiB/s');
}

function drawBuffer(rng: Parameters<typeof between>[0]): { mib: number; interval: number; kibps: number } {
  return { mib: pick(rng, BUFFER_MIB), interval: pick(rng, INTERVALS.slice(1)), kibps: pick(rng, RATES_KIB) };
}

const flush = (i: { mib: number; interval: number; kibps: number }) => firehoseFlushSeconds(i.mib * MiB, i.interval, i.kibps * KiB);

function bufferStem(i: { mib: number; interval: number; kibps: number }): string {
  return (
    `A Firehose stream delivers to Amazon S3 with buffering hints of ${q(i.mib, 'MiB')} and ${q(i.interval, 's')}. Producers send a steady ${rate(i.kibps)}; ` +
    'assume no compression, no transformation, and that a buffer is delivered the moment a hint is reached.'
  );
}

export const firehoseFirstDeliveryTemplate = numberTemplate({
  id: 'firehose.first-delivery',
  title: 'Seconds until Firehose delivers the first object for given buffer hints and ingest rate',
  formula: 'min(buffer interval, buffer size ÷ ingest rate)',
  limits: ['firehose.bufferSize', 'firehose.bufferInterval'],
  draw: (rng) => drawBuffer(rng),
  stem: (i) => `${bufferStem(i)} How many seconds after the first record arrives is the first object delivered?`,
  solve: (i) => flush(i),
  working: (i) => {
    const bySize = (i.mib * 1024) / i.kibps;
    return `Firehose delivers when either hint is reached, whichever comes first. Size: ${q(i.mib, 'MiB')} ÷ ${rate(i.kibps)} = ${q(bySize, 's', 1)}; interval: ${q(i.interval, 's')}. The first object goes after ${q(flush(i), 's', 1)}.`;
  },
  answer: { kind: 'number', unit: 's', decimals: 1, gap: { relative: 0.05, absolute: 0.1 } },
  mistakes: [
    { id: 'interval-only', transform: (i) => i.interval },
    { id: 'size-only', transform: (i) => (i.mib * 1024) / i.kibps },
    { id: 'both-hints', transform: (i) => Math.max(i.interval, (i.mib * 1024) / i.kibps) },
    { id: 'bits-bytes', transform: (i) => Math.min(i.interval, (i.mib * 1024) / i.kibps / 8) },
  ],
});

export const firehoseObjectsTemplate = numberTemplate({
  id: 'firehose.objects-per-hour',
  title: 'Objects Firehose writes per hour for given buffer hints and ingest rate',
  formula: '⌊3,600 s ÷ min(buffer interval, buffer size ÷ ingest rate)⌋',
  limits: ['firehose.bufferSize', 'firehose.bufferInterval'],
  draw: (rng) => drawBuffer(rng),
  stem: (i) => `${bufferStem(i)} How many objects does it write to S3 in one hour?`,
  solve: (i) => firehoseObjectsPerHour(i.mib * MiB, i.interval, i.kibps * KiB),
  working: (i) =>
    `A buffer is delivered every min(${q(i.interval, 's')}, ${q(i.mib, 'MiB')} ÷ ${rate(i.kibps)}) = ${q(flush(i), 's', 1)}, so an hour holds ⌊3,600 ÷ ${q(flush(i), '', 1)}⌋ = ${q(firehoseObjectsPerHour(i.mib * MiB, i.interval, i.kibps * KiB), 'objects')}.`,
  answer: { kind: 'number', unit: 'objects', decimals: 0, gap: { relative: 0.03, absolute: 1 } },
  mistakes: [
    { id: 'interval-only', transform: (i) => floorSafe(3600 / i.interval) },
    { id: 'size-only', transform: (i) => floorSafe(3600 / ((i.mib * 1024) / i.kibps)) },
    { id: 'both-hints', transform: (i) => floorSafe(3600 / Math.max(i.interval, (i.mib * 1024) / i.kibps)) },
    { id: 'per-minute', transform: (i) => floorSafe(60 / flush(i)) },
  ],
});

export const PRODUCER_TEMPLATES: readonly Template[] = [kplPerAggregateTemplate, kplPerShardTemplate, firehoseFirstDeliveryTemplate, firehoseObjectsTemplate];
