// Kinesis Data Streams arithmetic: shards for a write load, read throughput for classic and
// enhanced fan-out consumers, GetRecords sharing, PutRecords batching and resharding steps.

import {
  L,
  MiB,
  ceilSafe,
  classicReadPerConsumer,
  efoReadPerConsumer,
  floorSafe,
  getRecordsCallsPerConsumer,
  putRecordsCalls,
  shardsForWrites,
  updateShardCountCalls,
  updateShardCountWindows,
} from '../arithmetic.js';
import type { Rng } from '../../sim/core/rng.js';
import { between, chance, pick } from '../random.js';
import { RULES } from '../rules.js';
import { numberTemplate, q, size, type Template } from './types.js';

const RECORD_BYTES = [100, 200, 256, 500, 512, 800, 1024, 2048, 3072, 4096, 5120, 10_240, 20_480, 51_200, 102_400];

export const shardsForWritesTemplate = numberTemplate({
  id: 'kds.shards-for-writes',
  title: 'Shards needed for N records/s of S bytes (both write limits)',
  formula: 'max(⌈N × S ÷ 1 MiB/s⌉, ⌈N ÷ 1,000 records/s⌉)',
  limits: ['kinesis.shardWriteBytes', 'kinesis.shardWriteRecords'],
  draw: (rng) => ({ rps: between(rng, 4, 400) * 50, bytes: pick(rng, RECORD_BYTES) }),
  stem: ({ rps, bytes }) =>
    `Producers write ${q(rps, 'records/s')} to a provisioned Kinesis data stream, and each record is ${size(bytes)} (partition key included). ` +
    'The partition keys spread the load evenly over the shards. What is the minimum number of shards the stream needs?',
  solve: ({ rps, bytes }) => shardsForWrites(rps, bytes),
  working: ({ rps, bytes }) => {
    const byBytes = ceilSafe((rps * bytes) / L.shardWriteBytes);
    const byRecords = ceilSafe(rps / L.shardWriteRecords);
    return (
      `Each shard takes 1 MiB/s or 1,000 records/s, whichever is reached first. Bytes: ${q(rps, 'records/s')} × ${size(bytes)} = ${q((rps * bytes) / MiB, 'MiB/s')}, ` +
      `so ⌈${q((rps * bytes) / MiB, '', 3)} ÷ 1⌉ = ${byBytes}. Records: ⌈${q(rps, '')} ÷ 1,000⌉ = ${byRecords}. The larger figure wins: ${Math.max(1, byBytes, byRecords)}.`
    );
  },
  answer: { kind: 'number', unit: 'shards', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'records-only', transform: ({ rps }) => ceilSafe(rps / L.shardWriteRecords) },
    { id: 'bytes-only', transform: ({ rps, bytes }) => Math.max(1, ceilSafe((rps * bytes) / L.shardWriteBytes)) },
    { id: 'read-for-write', transform: ({ rps, bytes }) => shardsForWrites(rps, bytes, { bytesPerSecond: L.shardReadBytes, recordsPerSecond: L.shardWriteRecords }) },
    { id: 'round-down', transform: ({ rps, bytes }) => Math.max(1, floorSafe(Math.max((rps * bytes) / L.shardWriteBytes, rps / L.shardWriteRecords))) },
    { id: 'decimal-mb', transform: ({ rps, bytes }) => shardsForWrites(rps, bytes, { bytesPerSecond: 1e6, recordsPerSecond: L.shardWriteRecords }) },
  ],
});

export const classicReadTemplate = numberTemplate({
  id: 'kds.classic-read-per-consumer',
  title: 'Read throughput per consumer with K classic (shared) consumers',
  formula: 'shards × 2 MiB/s ÷ K',
  limits: ['kinesis.shardReadBytes'],
  draw: (rng) => ({ shards: between(rng, 1, 12), consumers: between(rng, 2, 5) }),
  stem: ({ shards, consumers }) =>
    `A provisioned Kinesis data stream has ${q(shards, 'shards')}. ${consumers} applications read every record with GetRecords (shared-throughput, classic consumers) and split the read capacity evenly. ` +
    'How much read throughput, across the whole stream, can each application get at most?',
  solve: ({ shards, consumers }) => classicReadPerConsumer(shards, consumers) / MiB,
  working: ({ shards, consumers }) =>
    `Classic consumers share each shard's 2 MiB/s: ${q(shards, 'shards')} × 2 MiB/s = ${q(shards * 2, 'MiB/s')} for the stream, ÷ ${consumers} applications = ${q((shards * 2) / consumers, 'MiB/s')} each.`,
  answer: { kind: 'number', unit: 'MiB/s', decimals: 2, gap: { relative: 0.05, absolute: 0.01 } },
  mistakes: [
    { id: 'classic-dedicated', transform: ({ shards }) => efoReadPerConsumer(shards) / MiB },
    { id: 'write-for-read', transform: ({ shards, consumers }) => classicReadPerConsumer(shards, consumers, L.shardWriteBytes) / MiB },
    { id: 'one-shard-only', transform: ({ consumers }) => classicReadPerConsumer(1, consumers) / MiB },
    { id: 'efo-total', transform: ({ shards }) => (shards * L.shardReadBytes) / MiB },
  ],
});

export const efoReadTemplate = numberTemplate({
  id: 'kds.efo-read-per-consumer',
  title: 'Read throughput per consumer with K enhanced fan-out consumers',
  formula: 'shards × 2 MiB/s (each consumer has its own)',
  limits: ['kinesis.efoBytes'],
  draw: (rng) => ({ shards: between(rng, 1, 12), consumers: between(rng, 2, 8) }),
  stem: ({ shards, consumers }) =>
    `A provisioned Kinesis data stream has ${q(shards, 'shards')}. ${consumers} applications each register as an enhanced fan-out consumer and read every record. ` +
    'How much read throughput, across the whole stream, can each application get at most?',
  solve: ({ shards }) => efoReadPerConsumer(shards) / MiB,
  working: ({ shards, consumers }) =>
    `Enhanced fan-out gives every registered consumer its own 2 MiB/s per shard, whatever the number of consumers: ${q(shards, 'shards')} × 2 MiB/s = ${q(shards * 2, 'MiB/s')} for each of the ${consumers} applications.`,
  answer: { kind: 'number', unit: 'MiB/s', decimals: 2, gap: { relative: 0.05, absolute: 0.01 } },
  mistakes: [
    { id: 'efo-shared', transform: ({ shards, consumers }) => classicReadPerConsumer(shards, consumers) / MiB },
    { id: 'efo-per-stream', transform: () => L.efoBytes / MiB },
    { id: 'write-for-read', transform: ({ shards }) => efoReadPerConsumer(shards, L.shardWriteBytes) / MiB },
    { id: 'efo-total', transform: ({ shards, consumers }) => (efoReadPerConsumer(shards) * consumers) / MiB },
  ],
});

export const getRecordsTemplate = numberTemplate({
  id: 'kds.getrecords-calls-per-consumer',
  title: 'GetRecords calls per second each of K polling consumers may make on one shard',
  formula: '5 calls/s ÷ K',
  limits: ['kinesis.getRecordsCallsPerSecond'],
  draw: (rng) => ({ consumers: pick(rng, [2, 3, 4, 5, 6, 8, 10]) }),
  stem: ({ consumers }) =>
    `${consumers} applications poll the same shard of a Kinesis data stream with GetRecords (no enhanced fan-out) and share the shard's call budget evenly. ` +
    'How many GetRecords calls per second can each application make without being throttled?',
  solve: ({ consumers }) => getRecordsCallsPerConsumer(consumers),
  working: ({ consumers }) => `A shard serves 5 GetRecords calls per second in total, shared by every polling consumer: 5 ÷ ${consumers} = ${q(5 / consumers, 'calls/s')} each.`,
  answer: { kind: 'number', unit: 'calls/s', decimals: 2, gap: { relative: 0.05, absolute: 0.01 } },
  mistakes: [
    { id: 'calls-not-shared', transform: () => L.getRecordsCalls },
    { id: 'kcl-default-poll', transform: () => 1 },
    { id: 'inverted', transform: ({ consumers }) => consumers / L.getRecordsCalls },
  ],
});

export const putRecordsTemplate = numberTemplate({
  id: 'kds.putrecords-calls',
  title: 'PutRecords calls for N records of S KiB (500 records and 10 MiB per call)',
  formula: '⌈N ÷ min(500, ⌊10 MiB ÷ S⌋)⌉',
  limits: ['kinesis.putRecordsEntries', 'kinesis.putRecordsBytes'],
  draw: (rng) => ({ records: between(rng, 2, 200) * 500, kib: pick(rng, [1, 2, 5, 10, 16, 25, 50, 64, 100, 200, 256, 500]) }),
  stem: ({ records, kib }) =>
    `A batch job sends ${q(records, 'records')} of ${q(kib, 'KiB')} each (partition keys included) to a Kinesis data stream with PutRecords, packing every request as full as the API allows. ` +
    'How many PutRecords requests does it make at least?',
  solve: ({ records, kib }) => putRecordsCalls(records, kib * 1024),
  working: ({ records, kib }) => {
    const perCall = Math.min(L.putRecordsEntries, floorSafe(L.putRecordsBytes / (kib * 1024)));
    return `A request holds at most 500 records and 10 MiB: min(500, ⌊10 MiB ÷ ${q(kib, 'KiB')}⌋) = ${perCall} records per request, so ⌈${q(records, '')} ÷ ${perCall}⌉ = ${q(putRecordsCalls(records, kib * 1024), 'calls')}.`;
  },
  answer: { kind: 'number', unit: 'calls', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'putrecords-records-only', transform: ({ records }) => ceilSafe(records / L.putRecordsEntries) },
    { id: 'putrecords-bytes-only', transform: ({ records, kib }) => ceilSafe((records * kib * 1024) / L.putRecordsBytes) },
    {
      id: 'previous-value',
      transform: ({ records, kib }) => putRecordsCalls(records, kib * 1024, L.putRecordsEntries, 5 * MiB),
      why: () => 'Used the old 5 MiB PutRecords request size; it is 10 MiB since 2025',
    },
    { id: 'round-down', transform: ({ records, kib }) => floorSafe(records / Math.min(L.putRecordsEntries, floorSafe(L.putRecordsBytes / (kib * 1024)))) },
  ],
});

function drawReshard(rng: Rng): { from: number; to: number } {
  const from = between(rng, 1, 400);
  const factor = (1.2 + rng.next() * 30) * (chance(rng, 0.7) ? 1 : -1);
  const raw = factor > 0 ? from * factor : from / -factor;
  const to = Math.max(1, Math.min(L.updateShardCountMaxShards, Math.round(raw)));
  return { from, to: to === from ? from + 1 : to };
}

export const reshardCallsTemplate = numberTemplate({
  id: 'kds.reshard-calls',
  title: 'UpdateShardCount calls from N to M shards (each call at most doubles or halves)',
  formula: 'repeat: current = min(2 × current, M) (or max(⌈current ÷ 2⌉, M)) until current = M',
  limits: ['kinesis.updateShardCountCallsPerDay', 'kinesis.updateShardCountMaxShards'],
  references: [RULES.updateShardCountFactor.source],
  draw: (rng) => drawReshard(rng),
  stem: ({ from, to }) =>
    `A provisioned Kinesis data stream has ${q(from, 'shards')} and must have ${q(to, 'shards')}. Using UpdateShardCount with uniform scaling, ` +
    'what is the fewest number of calls that gets there?',
  solve: ({ from, to }) => updateShardCountCalls(from, to),
  working: ({ from, to }) => {
    const steps = [from];
    let current = from;
    while (current !== to) {
      current = to > current ? Math.min(current * 2, to) : Math.max(Math.ceil(current / 2), to);
      steps.push(current);
    }
    const shown = steps.length <= 8 ? steps.map((s) => q(s, '')).join(' → ') : `${steps.slice(0, 3).map((s) => q(s, '')).join(' → ')} → … → ${q(to, '')}`;
    return `Each call may at most double the open shard count, or halve it: ${shown}, ${q(steps.length - 1, 'calls')}.`;
  },
  answer: { kind: 'number', unit: 'calls', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'forgot-2x', transform: () => 1 },
    { id: 'linear-steps', transform: ({ from, to }) => (to > from ? ceilSafe((to - from) / from) : ceilSafe((from - to) / to)) },
    { id: 'round-down', transform: ({ from, to }) => Math.max(1, floorSafe(Math.log2(Math.max(from, to) / Math.min(from, to)))) },
  ],
});

export const reshardDaysTemplate = numberTemplate({
  id: 'kds.reshard-days',
  title: 'Rolling 24-hour periods an N → M UpdateShardCount change spans (10 calls each)',
  formula: '⌈calls(N → M) ÷ 10⌉',
  limits: ['kinesis.updateShardCountCallsPerDay', 'kinesis.updateShardCountMaxShards'],
  references: [RULES.updateShardCountFactor.source],
  draw: (rng) => {
    if (chance(rng, 0.6)) {
      const from = between(rng, 1, 6);
      const to = Math.min(L.updateShardCountMaxShards, from * 1024 + between(rng, 1, 3000));
      return chance(rng, 0.5) ? { from, to } : { from: to, to: from };
    }
    return drawReshard(rng);
  },
  stem: ({ from, to }) =>
    `A script changes a provisioned Kinesis data stream from ${q(from, 'shards')} to ${q(to, 'shards')} with UpdateShardCount, making each call as soon as the previous change has finished. ` +
    'Over how many days (rolling 24-hour periods) must the calls be spread at least?',
  solve: ({ from, to }) => updateShardCountWindows(from, to),
  working: ({ from, to }) => {
    const calls = updateShardCountCalls(from, to);
    return `Each call at most doubles or halves the count, so ${q(from, '')} → ${q(to, '')} takes ${q(calls, 'calls')}; a stream allows 10 calls per rolling 24 hours, so ⌈${calls} ÷ 10⌉ = ${q(updateShardCountWindows(from, to), 'days')}.`;
  },
  answer: { kind: 'number', unit: 'days', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'forgot-daily', transform: () => 1 },
    { id: 'one-per-day', transform: ({ from, to }) => updateShardCountCalls(from, to) },
    { id: 'forgot-2x', transform: () => 1 },
  ],
});

export const KINESIS_TEMPLATES: readonly Template[] = [
  shardsForWritesTemplate,
  classicReadTemplate,
  efoReadTemplate,
  getRecordsTemplate,
  putRecordsTemplate,
  reshardCallsTemplate,
  reshardDaysTemplate,
];
