// Pure calculators for the scenario arithmetic the exams ask. The quiz's calc templates, their
// misconception transforms, `validate` and the labs all call these, with the limits taken from
// src/sim/limits.ts by default, so a changed AWS limit changes every answer in one place.
// A transform (a learner's mistake) is the same function called with a wrong limit or rounding.

import { FIREHOSE, IOT, KINESIS, LAMBDA, SNOW, SQS, type Limit } from '../sim/limits.js';
import { KDS_PRICES } from './prices.js';
import { RULES } from './rules.js';

function first(limit: Limit): number {
  return limit.values[0]!.amount;
}

function last(limit: Limit): number {
  return limit.values[limit.values.length - 1]!.amount;
}

/** The limits the calculators use, in base units (bytes, bytes/s, count, count/s, s). */
export const L = {
  shardWriteBytes: first(KINESIS.shardWriteBytes),
  shardWriteRecords: first(KINESIS.shardWriteRecords),
  shardReadBytes: first(KINESIS.shardReadBytes),
  getRecordsCalls: first(KINESIS.getRecordsCallsPerSecond),
  efoBytes: first(KINESIS.efoBytes),
  aggregateBytes: first(KINESIS.recordSizeDefault),
  putRecordsEntries: first(KINESIS.putRecordsEntries),
  putRecordsBytes: first(KINESIS.putRecordsBytes),
  updateShardCountCallsPerDay: first(KINESIS.updateShardCountCallsPerDay),
  updateShardCountMaxShards: first(KINESIS.updateShardCountMaxShards),
  firehoseBufferMaxBytes: last(FIREHOSE.bufferSize),
  firehoseIntervalMax: last(FIREHOSE.bufferInterval),
  sqsBatchEntries: first(SQS.batchEntries),
  sqsBatchBytes: first(SQS.batchBytes),
  fifoCalls: first(SQS.fifoCallsPerSecond),
  fifoHighThroughputCalls: first(SQS.fifoHighThroughputCallsPerSecond),
  maxReceiveCountMax: last(SQS.maxReceiveCount),
  visibilityTimeoutMax: last(SQS.visibilityTimeout),
  iotActionsPerRule: first(IOT.actionsPerRule),
  lambdaParallelizationMax: last(LAMBDA.parallelizationFactor),
  snowDeviceBytes: first(SNOW.storageOptimizedBytes),
} as const;

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const DAY = 86_400;

// Products of exact decimal inputs carry float noise (0.1 × 3 × 10 = 3.0000000000000004), so a
// value within a relative 1e-9 of a whole number counts as that number before ceil or floor.
// Plain arithmetic, not toPrecision: the quiz calls these hundreds of thousands of times a second.
function nearInteger(x: number): number | undefined {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : undefined;
}

export function ceilSafe(x: number): number {
  return nearInteger(x) ?? Math.ceil(x);
}

export function floorSafe(x: number): number {
  return nearInteger(x) ?? Math.floor(x);
}

/** Rounds to `decimals` places, half away from zero, without float surprises (1.005 → 1.01). */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(x) * factor;
  // 1.005 × 100 is 100.49999999999999: nudge by a relative 1e-12 so a written half rounds up.
  return (Math.sign(x) * Math.round(scaled + scaled * 1e-12)) / factor;
}

// ---------------------------------------------------------------------------------------------
// Kinesis Data Streams: writes

export interface ShardWriteLimits {
  bytesPerSecond: number;
  recordsPerSecond: number;
}

export const SHARD_WRITE: ShardWriteLimits = { bytesPerSecond: L.shardWriteBytes, recordsPerSecond: L.shardWriteRecords };

/** Shards for a steady load: each shard takes 1 MiB/s or 1,000 records/s, whichever binds first. */
export function shardsForWrites(recordsPerSecond: number, recordBytes: number, limits: ShardWriteLimits = SHARD_WRITE): number {
  const byBytes = ceilSafe((recordsPerSecond * recordBytes) / limits.bytesPerSecond);
  const byRecords = ceilSafe(recordsPerSecond / limits.recordsPerSecond);
  return Math.max(1, byBytes, byRecords);
}

/** PutRecords calls to send `records` records: each call takes at most 500 records and 10 MiB. */
export function putRecordsCalls(records: number, recordBytes: number, entries: number = L.putRecordsEntries, requestBytes: number = L.putRecordsBytes): number {
  const perCall = Math.min(entries, floorSafe(requestBytes / recordBytes));
  return ceilSafe(records / perCall);
}

// ---------------------------------------------------------------------------------------------
// Kinesis Data Streams: reads

/** Read throughput each of `consumers` polling consumers gets from the whole stream (bytes/s). */
export function classicReadPerConsumer(shards: number, consumers: number, shardReadBytes: number = L.shardReadBytes): number {
  return (shards * shardReadBytes) / consumers;
}

/** Read throughput one enhanced fan-out consumer gets from the whole stream (bytes/s): 2 MiB/s per shard, its own. */
export function efoReadPerConsumer(shards: number, efoBytes: number = L.efoBytes): number {
  return shards * efoBytes;
}

/** GetRecords calls per second each polling consumer of one shard may make: they share 5 per shard. */
export function getRecordsCallsPerConsumer(consumers: number, callsPerShard: number = L.getRecordsCalls): number {
  return callsPerShard / consumers;
}

// ---------------------------------------------------------------------------------------------
// KPL aggregation

/** User records of `userRecordBytes` that fit in one aggregated Kinesis record (overhead ignored). */
export function kplRecordsPerAggregate(userRecordBytes: number, aggregateBytes: number = L.aggregateBytes): number {
  return floorSafe(aggregateBytes / userRecordBytes);
}

/**
 * User records per second one shard accepts. Aggregated, only the 1 MiB/s limit binds (a few
 * aggregated records per second stay far below 1,000); unaggregated, each user record counts.
 */
export function kplUserRecordsPerShard(userRecordBytes: number, aggregated: boolean, limits: ShardWriteLimits = SHARD_WRITE): number {
  const byBytes = floorSafe(limits.bytesPerSecond / userRecordBytes);
  return aggregated ? byBytes : Math.min(limits.recordsPerSecond, byBytes);
}

// ---------------------------------------------------------------------------------------------
// Firehose buffering

/** Seconds until Firehose delivers a buffer: the size or interval hint, whichever is reached first. */
export function firehoseFlushSeconds(bufferBytes: number, intervalSeconds: number, ingestBytesPerSecond: number): number {
  return Math.min(intervalSeconds, bufferBytes / ingestBytesPerSecond);
}

/** Objects Firehose writes in one hour at a steady rate (complete buffers only). */
export function firehoseObjectsPerHour(bufferBytes: number, intervalSeconds: number, ingestBytesPerSecond: number): number {
  return floorSafe(3600 / firehoseFlushSeconds(bufferBytes, intervalSeconds, ingestBytesPerSecond));
}

// ---------------------------------------------------------------------------------------------
// SQS

/** Messages per second one FIFO API action sustains: calls per second × messages per call. */
export function fifoMessagesPerSecond(batchSize: number, highThroughput: boolean): number {
  const calls = highThroughput ? L.fifoHighThroughputCalls : L.fifoCalls;
  return calls * Math.min(batchSize, L.sqsBatchEntries);
}

/** SendMessageBatch calls for `messages` messages: at most 10 messages and 1 MiB per call. */
export function sqsBatchCalls(messages: number, messageBytes: number, entries: number = L.sqsBatchEntries, batchBytes: number = L.sqsBatchBytes): number {
  const perCall = Math.min(entries, floorSafe(batchBytes / messageBytes));
  return ceilSafe(messages / perCall);
}

export type VisibilityOutcome = 'once' | 'redelivered';

/** A message whose processing outlasts its visibility timeout becomes visible and is received again. */
export function visibilityOutcome(visibilitySeconds: number, processingSeconds: number): VisibilityOutcome {
  return processingSeconds >= visibilitySeconds ? 'redelivered' : 'once';
}

/**
 * Earliest seconds after the first receive at which a message that always fails moves to the DLQ:
 * it is received maxReceiveCount times, one visibility timeout apart, and moved on the next attempt.
 */
export function dlqSeconds(maxReceiveCount: number, visibilitySeconds: number): number {
  return maxReceiveCount * visibilitySeconds;
}

/** Visibility timeout AWS recommends for a queue that triggers a Lambda function. */
export function sqsLambdaVisibilityTimeout(functionTimeoutSeconds: number, factor: number = RULES.sqsLambdaVisibilityFactor.value): number {
  return factor * functionTimeoutSeconds;
}

// ---------------------------------------------------------------------------------------------
// Consumers: KCL and Lambda

/** Workers that hold a lease, and so do work: one worker per shard at most. */
export function kclBusyWorkers(workers: number, shards: number): number {
  return Math.min(workers, shards * RULES.kclWorkersPerShard.value);
}

/** Concurrent Lambda invocations a Kinesis event source mapping runs: one per shard per parallelization factor. */
export function lambdaKinesisConcurrency(shards: number, parallelizationFactor: number): number {
  return shards * parallelizationFactor;
}

// ---------------------------------------------------------------------------------------------
// Resharding

/** Fewest UpdateShardCount calls from `from` to `to` shards: each call at most doubles or halves. */
export function updateShardCountCalls(from: number, to: number, factor: number = RULES.updateShardCountFactor.value): number {
  let calls = 0;
  let current = from;
  while (current !== to) {
    current = to > current ? Math.min(current * factor, to) : Math.max(Math.ceil(current / factor), to);
    calls++;
  }
  return calls;
}

/** Rolling 24-hour windows the calls need, at 10 calls per window. */
export function updateShardCountWindows(from: number, to: number, callsPerDay: number = L.updateShardCountCallsPerDay): number {
  return Math.max(1, ceilSafe(updateShardCountCalls(from, to) / callsPerDay));
}

// ---------------------------------------------------------------------------------------------
// Moving data

/** Days to move `terabytes` (decimal) over a `mbps` link used at `utilisationPercent`. */
export function transferDays(terabytes: number, mbps: number, utilisationPercent: number): number {
  const bits = terabytes * 8e12;
  const bitsPerSecond = mbps * 1e6 * (utilisationPercent / 100);
  return bits / bitsPerSecond / DAY;
}

/** Snowball Edge Storage Optimized devices for `terabytes` (decimal) of data. */
export function snowballDevices(terabytes: number, deviceBytes: number = L.snowDeviceBytes): number {
  return ceilSafe((terabytes * 1e12) / deviceBytes);
}

// ---------------------------------------------------------------------------------------------
// IoT rules

/** Messages per second a rule sends to its actions: matched messages × one copy per action. */
export function iotRuleDeliveriesPerSecond(devices: number, publishEverySeconds: number, matchPercent: number, actions: number): number {
  return (devices / publishEverySeconds) * (matchPercent / 100) * actions;
}

// ---------------------------------------------------------------------------------------------
// Cost (KDS_PRICES, us-east-1)

export interface CostOptions {
  hoursPerMonth?: number;
  /** Leave out the PUT payload unit charge (a learner's slip). */
  putUnits?: 'per-25kb' | 'per-kb' | 'none';
}

/** PUT payload units per record: 25 KB chunks, rounded up. */
export function putPayloadUnits(recordKiB: number, per: number = KDS_PRICES.provisioned.putPayloadUnitKB): number {
  return ceilSafe(recordKiB / per);
}

/** Monthly provisioned cost: the shards the load needs, plus PUT payload units. */
export function provisionedMonthlyCost(recordsPerSecond: number, recordKiB: number, options: CostOptions = {}): number {
  const p = KDS_PRICES.provisioned;
  const hours = options.hoursPerMonth ?? KDS_PRICES.hoursPerMonth;
  const shards = shardsForWrites(recordsPerSecond, recordKiB * KiB);
  const unitsPerRecord = options.putUnits === 'none' ? 0 : options.putUnits === 'per-kb' ? ceilSafe(recordKiB) : putPayloadUnits(recordKiB);
  const units = recordsPerSecond * unitsPerRecord * 3600 * hours;
  return shards * p.shardHour * hours + (units / 1e6) * p.putPayloadUnitsPerMillion;
}

export interface OnDemandCostOptions {
  hoursPerMonth?: number;
  /** How many consumers' reads are charged (a learner may charge one, or none). */
  retrievals?: number;
  streamHours?: boolean;
}

/** GiB written per month, each record rounded up to a whole KiB as on-demand billing does. */
export function onDemandIngestGiB(recordsPerSecond: number, recordKiB: number, hoursPerMonth: number = KDS_PRICES.hoursPerMonth): number {
  return (recordsPerSecond * ceilSafe(recordKiB) * KiB * 3600 * hoursPerMonth) / GiB;
}

/** Monthly on-demand cost: the stream's hours, data written, and data read by each consumer. */
export function onDemandMonthlyCost(recordsPerSecond: number, recordKiB: number, consumers: number, options: OnDemandCostOptions = {}): number {
  const p = KDS_PRICES.onDemand;
  const hours = options.hoursPerMonth ?? KDS_PRICES.hoursPerMonth;
  const gib = onDemandIngestGiB(recordsPerSecond, recordKiB, hours);
  const streamHours = options.streamHours === false ? 0 : p.streamHour * hours;
  return streamHours + gib * p.ingestPerGB + gib * (options.retrievals ?? consumers) * p.retrievalPerGB;
}
