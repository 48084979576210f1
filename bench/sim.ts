// Engine figures for issue 7: simulated PutRecords throughput at 1–4,096 shards, the same work
// as a bare loop (cached MD5 + append) for the ratio, memory per stored record, and wall time of
// an hour of traffic. Prints; never asserts.
import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/sim/core/simulation.js';
import { HashCache } from '../src/sim/kinesis/hash.js';
import { RecordLog } from '../src/sim/kinesis/record-log.js';
import { KinesisService, type PutEntry } from '../src/sim/kinesis/service.js';
import { loadScenarioText } from '../src/sim/scenario/load.js';
import { runScenario } from '../src/sim/scenario/run.js';

const KEYS = 100_000;
const keys = Array.from({ length: KEYS }, (_, i) => `device-${i}`);

/** Writes `total` records in PutRecords-sized batches, spread in virtual time below the limits. */
export function simulatedPutRecords(shards: number, total: number): { perSecond: number; stored: number } {
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const stream = kinesis.createStream('bench', { shardCount: shards });
  const perSecond = shards * 900;
  const batch: PutEntry[] = Array.from({ length: 500 }, () => ({ partitionKey: '', size: 100 }));
  let written = 0;
  let k = 0;
  const t0 = performance.now();
  while (written < total) {
    const n = Math.min(500, total - written);
    for (let i = 0; i < n; i++) batch[i]!.partitionKey = keys[(k = (k + 7919) % KEYS)]!;
    for (let i = 0; i < n; i++) kinesis.putOne(stream, batch[i]!);
    written += n;
    sim.runUntil((written / perSecond) * 1000);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: total / seconds, stored: stream.recordsIn };
}

/** The floor: hash (cached) and append, nothing else. */
export function bareLoop(total: number): number {
  const hashes = new HashCache();
  const log = new RecordLog();
  let k = 0;
  let sink = 0n;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const key = keys[(k = (k + 7919) % KEYS)]!;
    sink ^= hashes.get(key);
    log.append(i, 100, k, -1, 1);
  }
  if (sink === 1n) console.log('');
  return total / ((performance.now() - t0) / 1000);
}

function memoryPerRecord(): void {
  const heap = () => {
    global.gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = heap();
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const stream = kinesis.createStream('mem', { shardCount: 64 });
  for (let i = 0; i < 1_000_000; i++) {
    kinesis.putOne(stream, { partitionKey: keys[i % KEYS]!, size: 100 });
    if (i % 50_000 === 0) sim.runUntil(sim.now + 1000);
  }
  const after = heap();
  const gcNote = global.gc ? '' : ' (run with --expose-gc for a clean figure)';
  console.log(`memory per stored record (1,000,000 records)       ${((after - before) / stream.recordsIn).toFixed(1).padStart(12)} bytes   (${RecordLog.BYTES_PER_RECORD} in the log; capacity doubles as it grows; includes the key table)${gcNote}`);
}

/** An hour at 5,000 records/s through the whole scenario runner: producer, stream, a polling reader. */
function hourOfTraffic(): void {
  const loaded = loadScenarioText(
    [
      'seed: 1',
      'duration: 1h',
      'kinesis: {streams: [{name: orders, shards: 8}]}',
      'producers: [{stream: orders, rate: 5000/s, recordSize: 1KiB, keys: {kind: uniform, count: 10000}}]',
      'consumers: [{name: reader, stream: orders, kind: polling, interval: 1s}]',
    ].join('\n'),
    'bench-hour.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const t0 = performance.now();
  const metrics = runScenario(loaded.spec, {});
  const seconds = (performance.now() - t0) / 1000;
  const stored = metrics.streams.orders?.recordsIn ?? 0;
  console.log(`1-hour scenario, 5,000 records/s, 8 shards + reader  ${seconds.toFixed(2).padStart(12)} s wall   (${fmt(stored)} records; ${fmt(stored / seconds)} records/s end to end)`);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** SQS: messages through one standard queue drained by 100 workers (long polling, batches of 10). */
export function sqsThroughput(): { perSecond: number; messages: number; seconds: number } {
  const loaded = loadScenarioText(
    [
      'seed: 1',
      'duration: 2min',
      'sqs:',
      '  queues: [{name: jobs, visibilityTimeout: 30s}]',
      '  producers: [{name: p, queue: jobs, rate: 20000/s, batch: 10}]',
      '  consumers: [{name: w, queue: jobs, workers: 100, batch: 10, waitTime: 20s, processing: 2ms}]',
    ].join('\n'),
    'bench-sqs.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  // CPU time, not wall time: a busy machine should not halve the figure.
  const c0 = process.cpuUsage();
  const metrics = runScenario(loaded.spec, {});
  const cpu = process.cpuUsage(c0);
  const seconds = (cpu.user + cpu.system) / 1e6;
  const jobs = (metrics.sqs as { queues: Record<string, { deleted: number }> }).queues.jobs!;
  const perSecond = jobs.deleted / seconds;
  console.log(`SQS, 1 queue, 100 workers, 20,000 messages/s, 2 min  ${fmt(perSecond).padStart(12)} messages/s   (${fmt(jobs.deleted)} sent, received and deleted in ${seconds.toFixed(2)} CPU s)`);
  return { perSecond, messages: jobs.deleted, seconds };
}

/** IoT Core: device messages through a topic rule (SQL WHERE, partition key template) into Kinesis. */
export function iotRuleToKinesis(): { perSecond: number; messages: number; records: number; seconds: number } {
  const loaded = loadScenarioText(
    [
      'seed: 1',
      'duration: 30s',
      'kinesis: {streams: [{name: telemetry, shards: 64}]}',
      'iot:',
      '  devices:',
      "    - {name: sensor, count: 20000, topic: 'sensors/${thing}/telemetry', rate: 2/s, payload: {deviceId: '${thing}', ts: '${timestamp}', temp: {normal: [25, 5]}}}",
      '  rules:',
      "    - {name: all, sql: \"SELECT deviceId, temp FROM 'sensors/+/telemetry' WHERE temp > -100\", actions: [{kinesis: {stream: telemetry, partitionKey: '${topic(2)}'}}]}",
    ].join('\n'),
    'bench-iot.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const t0 = performance.now();
  const metrics = runScenario(loaded.spec, {});
  const seconds = (performance.now() - t0) / 1000;
  const iot = metrics.iot as { published: number };
  const records = metrics.streams.telemetry?.recordsIn ?? 0;
  const perSecond = iot.published / seconds;
  console.log(`IoT rule into Kinesis, 20,000 devices, 40,000 msg/s, 30 s ${fmt(perSecond).padStart(10)} messages/s   (${fmt(iot.published)} published, ${fmt(records)} put to 64 shards in ${seconds.toFixed(2)} s wall)`);
  return { perSecond, messages: iot.published, records, seconds };
}

/** Firehose: Direct PUT records through a delivery stream into GZIP objects (real zlib), per wall second. */
export function firehoseGzipThroughput(): { perSecond: number; records: number; seconds: number; ratio: number } {
  const loaded = loadScenarioText(
    [
      'seed: 1',
      'duration: 20s',
      'firehose:',
      '  deliveryStreams: [{name: logs, buffer: {size: 5MiB, interval: 60s}, compression: gzip, destination: {kind: s3, bucket: lake}}]',
      '  producers: [{name: p, deliveryStream: logs, rate: 50000/s, recordSize: 100B, fields: {customerId: {count: 1000}}}]',
    ].join('\n'),
    'bench-firehose.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const t0 = performance.now();
  const metrics = runScenario(loaded.spec, {});
  const seconds = (performance.now() - t0) / 1000;
  const logs = (metrics.firehose as { deliveryStreams: Record<string, { recordsIn: number; bytesDelivered: number; rawBytesDelivered: number }> }).deliveryStreams.logs!;
  const perSecond = logs.recordsIn / seconds;
  const ratio = logs.rawBytesDelivered / Math.max(1, logs.bytesDelivered);
  console.log(`Firehose, Direct PUT 50,000 records/s, GZIP, 20 s     ${fmt(perSecond).padStart(12)} records/s   (${fmt(logs.recordsIn)} records, ${(logs.rawBytesDelivered / 1048576).toFixed(0)} MiB gzipped ${ratio.toFixed(1)}× in ${seconds.toFixed(2)} s wall)`);
  return { perSecond, records: logs.recordsIn, seconds, ratio };
}

export function runSimBench(): void {
  // Memory first, before other runs leave garbage that a later collection would subtract.
  memoryPerRecord();
  hourOfTraffic();
  iotRuleToKinesis();
  sqsThroughput();
  firehoseGzipThroughput();
  // Warm the JIT and the hash cache so the first configuration is not charged for them.
  simulatedPutRecords(4, 300_000);
  bareLoop(300_000);
  const total = 2_000_000;
  const bare = bareLoop(total);
  console.log(`bare loop (cached MD5 + append)                    ${fmt(bare).padStart(12)} records/s`);
  let one = 0;
  for (const shards of [1, 64, 1024, 4096]) {
    const r = simulatedPutRecords(shards, total);
    if (shards === 1) one = r.perSecond;
    console.log(
      `simulated PutRecords, ${String(shards).padStart(4)} shards                  ${fmt(r.perSecond).padStart(12)} records/s   ${(r.perSecond / bare).toFixed(2)}× bare   per-record cost ${(one / r.perSecond).toFixed(2)}× 1 shard`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runSimBench();
