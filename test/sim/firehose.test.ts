import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SNAPPY_RATIO } from '../../src/sim/firehose/compress.js';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import { accounted, errorRecords, lines, runFirehose } from './firehose-world.js';

// Firehose in virtual time: flush timing against the buffering arithmetic, transformation
// failures under the error prefix, real GZIP, dynamic partitioning and its 500-partition limit,
// outages with late delivery (S3) or backup (HTTP), and a Kinesis data stream as the source.

const MiB = 1024 * 1024;

function runFirehoseless(yaml: string) {
  const loaded = loadScenarioText(yaml, 'plain.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return runScenario(loaded.spec);
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('Firehose buffering: size or interval, whichever comes first', () => {
  it('1 MiB/s into 5 MiB / 300 s delivers a 5 MiB object every 5 s', () => {
    const r = runFirehose(`
duration: 61s
firehose:
  deliveryStreams:
    - {name: big, buffer: {size: 5MiB, interval: 300s}, destination: {kind: s3, bucket: logs}}
  producers:
    - {deliveryStream: big, rate: 1024/s, recordSize: 1KiB}
`);
    const objects = r.objects('logs');
    expect(objects).toHaveLength(12);
    expect(gaps(objects.map((o) => o.writtenAt))).toEqual(Array(11).fill(5000));
    for (const o of objects) expect(o).toMatchObject({ size: 5 * MiB, records: 5120 });
    expect(r.ds.big).toMatchObject({ flushes: { bySize: 12, byInterval: 0 }, objectsDelivered: 12, bytesDelivered: 60 * MiB, rawBytesDelivered: 60 * MiB });
    expect(accounted(r.ds.big!)).toBe(r.ds.big!.recordsIn);
  });

  it('10 KiB/s into the same hints delivers every 300 s, on the interval', () => {
    const r = runFirehose(`
duration: 1201s
firehose:
  deliveryStreams:
    - {name: quiet, destination: {kind: s3, bucket: logs}}
  producers:
    - {deliveryStream: quiet, rate: 10/s, recordSize: 1KiB, batch: {maxRecords: 10, maxWait: 1s}}
`);
    const objects = r.objects('logs');
    expect(r.ds.quiet!.flushes).toEqual({ bySize: 0, byInterval: 4 });
    // Each buffer opens with its first record and leaves 300 s later.
    // The first batch of ten arrives at 0.9 s; a batch arriving as a buffer leaves opens the next.
    expect(objects.map((o) => o.writtenAt)).toEqual([300_900, 600_900, 900_900, 1_200_900]);
    expect(objects.map((o) => o.records)).toEqual([3000, 3000, 3000, 3000]);
    expect(objects[0]!.size).toBe(3000 * 1024);
    expect(r.ds.quiet!.deliveryLatencyMs.max).toBe(300_000);
  });

  it('objectBytes gives the smallest and largest object exactly: quiet buffers leave small on the interval', () => {
    const r = runFirehose(`
duration: 400s
firehose:
  deliveryStreams:
    - {name: mixed, buffer: {size: 2MiB, interval: 60s}, destination: {kind: s3, bucket: logs}}
  producers:
    - deliveryStream: mixed
      schedule: [{at: 0s, rate: 1024/s}, {at: 100s, rate: 10/s}]
      recordSize: 1KiB
      batch: {maxRecords: 10, maxWait: 1s}
`);
    const sizes = r.objects('logs').map((o) => o.size);
    const m = r.ds.mixed!;
    expect(m.objectBytes.count).toBe(sizes.length);
    expect(m.objectBytes.min).toBe(Math.min(...sizes));
    expect(m.objectBytes.max).toBe(2 * MiB);
    // A quiet minute at 10 KiB/s leaves about 600 KiB, far under the size hint.
    expect(m.objectBytes.min).toBeLessThan(700 * 1024);
    expect(m.objectBytes.mean).toBeCloseTo(sizes.reduce((a, b) => a + b, 0) / sizes.length, 3);
  });

  it('payloads are sent in turn exactly as written, and counted in their UTF-8 bytes', () => {
    const r = runFirehose(`
duration: 5s
firehose:
  deliveryStreams:
    - {name: raw, buffer: {size: 1MiB, interval: 1s}, destination: {kind: s3, bucket: logs}}
  producers:
    - {deliveryStream: raw, rate: 6/s, stop: 1s, payloads: ['{"a":1}', '{"cut":', 'café']}
`);
    const [object] = r.objects('logs');
    expect(object!.body).toBe('{"a":1}{"cut":café{"a":1}{"cut":café');
    expect(r.ds.raw!.bytesIn).toBe(2 * (7 + 7 + 5));
  });

  it('interval 0 is zero buffering: what one call brings leaves at once, as one object', () => {
    const r = runFirehose(`
duration: 10s
firehose:
  deliveryStreams:
    - {name: now, buffer: {size: 1MiB, interval: 0s}, destination: {kind: s3, bucket: logs}}
  producers:
    - {deliveryStream: now, rate: 100/s, recordSize: 200B}
`);
    const m = r.ds.now!;
    const calls = (r.firehose.producers['firehose-producer-1']!).calls.total;
    expect(m.objectsDelivered).toBe(calls);
    expect(m.flushes.byInterval).toBe(calls);
    expect(m.deliveryLatencyMs.max).toBe(0);
    expect(m.recordsDelivered).toBe(m.recordsIn);
  });

  it('Direct PUT above 5 MiB/s is refused per record with ServiceUnavailableException, and retried', () => {
    const r = runFirehose(`
duration: 5s
firehose:
  deliveryStreams:
    - {name: hot, destination: {kind: s3, bucket: logs}}
  producers:
    - {name: p, deliveryStream: hot, rate: 8000/s, recordSize: 1KiB, retries: {max: 0}}
`);
    const p = r.firehose.producers.p!;
    // 8,000 KiB/s against 5 MiB/s: 5,120 records a second get in, the rest are refused.
    expect(r.ds.hot!.recordsIn).toBe(5 * 5120);
    expect(r.ds.hot!.putThrottled).toBe(p.throttled);
    expect(p.records.produced).toBe(p.records.accepted + p.records.givenUp + p.records.rejected + p.records.pending);
    expect(p.records.givenUp).toBeGreaterThan(10_000);
  });
});

describe('Lambda transformation', () => {
  it('records whose field fails land under the error prefix, counted exactly, with the original data', () => {
    const r = runFirehose(`
duration: 200s
firehose:
  deliveryStreams:
    - name: orders
      buffer: {size: 1MiB, interval: 60s}
      destination: {kind: s3, bucket: lake, prefix: raw/, errorPrefix: 'errors/!{firehose:error-output-type}/'}
      transform:
        lambda: {failWhen: {field: status, equals: bad}, dropShare: 0.1, duration: 200ms}
        buffer: {size: 1MB, interval: 10s}
  producers:
    - {deliveryStream: orders, rate: 50/s, recordSize: 300B, stop: 100s, fields: {status: {values: [ok, ok, ok, bad]}}}
`);
    const m = r.ds.orders!;
    expect(m.pending).toBe(0);
    const failed = r.objects('lake', 'errors/').flatMap(errorRecords);
    const delivered = r.objects('lake', 'raw/').flatMap(lines);
    expect(failed.length).toBe(m.transform.processingFailed);
    expect(m.errorOutput.records).toEqual({ 'processing-failed': m.transform.processingFailed });
    expect(failed.every((f) => f.raw.includes('"status":"bad"') && f.errorCode === 'Lambda.ProcessingFailed')).toBe(true);
    expect(delivered.some((l) => l.includes('"status":"bad"'))).toBe(false);
    expect(delivered.length).toBe(m.recordsDelivered);
    expect(m.recordsIn).toBe(5000);
    expect(m.transform.ok + m.transform.dropped + m.transform.processingFailed).toBe(5000);
    expect(m.transform.dropped).toBeGreaterThan(300);
    expect(m.transform.processingFailed).toBeGreaterThan(1000);
    // 100 s of records, a 10 s processing interval: ten invocations or a few more.
    expect(m.transform.invocations).toBeGreaterThanOrEqual(10);
    for (const o of r.objects('lake', 'errors/')) expect(o.key).toMatch(/^errors\/processing-failed\/2026\/01\/01\/00\/orders-1-2026-01-01-00-\d\d-\d\d-[0-9a-f-]{36}$/);
    expect(accounted(m)).toBe(m.recordsIn);
  });

  it('a share of failures: ProcessingFailed count, error records and errorOutput agree', () => {
    const r = runFirehose(`
duration: 120s
firehose:
  deliveryStreams:
    - name: share
      buffer: {size: 1MiB, interval: 5s}
      destination: {kind: s3, bucket: lake}
      transform: {lambda: {failShare: 0.25}, buffer: {interval: 1s}}
  producers:
    - {deliveryStream: share, rate: 200/s, recordSize: 100B, stop: 60s}
`);
    const m = r.ds.share!;
    const failed = r.objects('lake', 'processing-failed/').flatMap(errorRecords);
    expect(failed).toHaveLength(m.transform.processingFailed);
    expect(m.transform.processingFailed / m.recordsIn).toBeGreaterThan(0.22);
    expect(m.transform.processingFailed / m.recordsIn).toBeLessThan(0.28);
    expect(m.recordsDelivered + m.transform.processingFailed).toBe(m.recordsIn);
  });

  it('runs code registered under the function name: the learner hook decides each record', () => {
    const r = runFirehose(
      `
duration: 30s
firehose:
  deliveryStreams:
    - name: hooked
      buffer: {size: 1MiB, interval: 5s}
      destination: {kind: s3, bucket: lake}
      transform: {lambda: {function: mask-emails, failShare: 1}, buffer: {interval: 1s}}
  producers:
    - {deliveryStream: hooked, rate: 10/s, recordSize: 120B, stop: 10s, fields: {customerId: {count: 5}}}
`,
      (fh) =>
        fh.registerTransform('mask-emails', (record) => {
          const text = Buffer.from(record.data, 'base64').toString('utf8');
          if (text.includes('"customerId":0')) return { result: 'Dropped' };
          if (text.includes('"customerId":1')) return { result: 'ProcessingFailed' };
          return { result: 'Ok', data: Buffer.from(text.toUpperCase(), 'utf8').toString('base64') };
        }),
    );
    const m = r.ds.hooked!;
    const delivered = r.objects('lake', '2026/').flatMap(lines);
    expect(delivered.length).toBe(m.transform.ok);
    expect(delivered.every((l) => l === l.toUpperCase() && !l.includes('"CUSTOMERID":0') && !l.includes('"CUSTOMERID":1'))).toBe(true);
    expect(m.transform.dropped + m.transform.processingFailed + m.transform.ok).toBe(100);
    expect(m.transform.processingFailed).toBeGreaterThan(0);
    expect(m.transform.dropped).toBeGreaterThan(0);
  });

  it('a handler that loses a record id fails its whole invocation after the retries', () => {
    const r = runFirehose(
      `
duration: 30s
firehose:
  deliveryStreams:
    - name: broken
      buffer: {size: 1MiB, interval: 5s}
      destination: {kind: s3, bucket: lake}
      transform: {lambda: {function: broken-fn, retries: 2, duration: 1s}, buffer: {interval: 2s}}
  producers:
    - {deliveryStream: broken, rate: 10/s, recordSize: 100B, stop: 2s}
`,
      (fh) => fh.registerTransformHandler('broken-fn', (event) => ({ records: event.records.slice(1).map((r) => ({ recordId: r.recordId, result: 'Ok', data: r.data })) })),
    );
    const m = r.ds.broken!;
    expect(m.recordsDelivered).toBe(0);
    expect(m.transform.processingFailed).toBe(20);
    const failed = r.objects('lake', 'processing-failed/').flatMap(errorRecords);
    expect(failed).toHaveLength(20);
    expect(new Set(failed.map((f) => f.errorCode))).toEqual(new Set(['Lambda.MissingRecordId']));
    expect(new Set(failed.map((f) => f.attemptsMade))).toEqual(new Set([3]));
    expect(m.transform.invocations).toBe(3);
  });
});

describe('compression', () => {
  const scenario = (compression: string) => `
duration: 20s
firehose:
  deliveryStreams:
    - {name: c, buffer: {size: 1MiB, interval: 10s}, compression: ${compression}, destination: {kind: s3, bucket: lake, prefix: 'c/'}}
  producers:
    - {deliveryStream: c, rate: 100/s, recordSize: 512B, fields: {customerId: {count: 100}}}
`;

  it('GZIP objects are real: smaller than the raw bytes, and they decompress back to the records', () => {
    const r = runFirehose(scenario('gzip'));
    const objects = r.objects('lake');
    expect(objects.length).toBeGreaterThan(0);
    let raw = 0;
    for (const o of objects) {
      expect(o.key.endsWith('.gz')).toBe(true);
      const bytes = Buffer.from(o.body!, 'base64');
      expect(bytes.length).toBe(o.size);
      const text = gunzipSync(bytes).toString('utf8');
      expect(text.length).toBe(o.rawSize);
      expect(o.size).toBeLessThan(o.rawSize! / 2);
      const records = text.split('\n').filter(Boolean);
      expect(records).toHaveLength(o.records!);
      for (const rec of records) expect(JSON.parse(rec)).toHaveProperty('customerId');
      raw += text.length;
    }
    const m = r.ds.c!;
    expect(m.rawBytesDelivered).toBe(raw);
    expect(m.bytesDelivered).toBe(objects.reduce((a, o) => a + o.size, 0));
    expect(r.doc.s3).toEqual({ lake: { objects: objects.length, bytes: m.bytesDelivered, prefixes: { 'c/': objects.length } } });
  });

  it('ZIP is a real archive; Snappy is a declared ratio with no body', () => {
    const zip = runFirehose(scenario('zip')).objects('lake')[0]!;
    expect(Buffer.from(zip.body!, 'base64').subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.size).toBeLessThan(zip.rawSize! / 2);
    expect(zip.key.endsWith('.zip')).toBe(true);
    const snappy = runFirehose(scenario('snappy')).objects('lake')[0]!;
    expect(snappy.size).toBe(Math.ceil(snappy.rawSize! * SNAPPY_RATIO));
    expect(snappy.body).toBeUndefined();
    expect(snappy.key.endsWith('.snappy')).toBe(true);
  });
});

describe('S3 keys', () => {
  it('prefix + YYYY/MM/dd/HH/ of the oldest record, in UTC from the start date, then name-version-time-uuid', () => {
    const r = runFirehose(`
duration: 8200s
firehose:
  startDate: 2026-02-28T23:00:00Z
  deliveryStreams:
    - {name: clicks, buffer: {size: 1MiB, interval: 900s}, destination: {kind: s3, bucket: lake, prefix: 'raw/'}}
    - {name: hive, buffer: {size: 1MiB, interval: 900s}, destination: {kind: s3, bucket: lake, prefix: 'hive/year=!{timestamp:yyyy}/month=!{timestamp:MM}/'}}
  producers:
    - {deliveryStream: clicks, rate: 1/s, recordSize: 100B}
    - {deliveryStream: hive, rate: 1/s, recordSize: 100B}
`);
    const keys = r.objects('lake', 'raw/').map((o) => o.key);
    expect(keys[0]).toMatch(/^raw\/2026\/02\/28\/23\/clicks-1-2026-02-28-23-15-00-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Written at midnight, but its oldest record arrived at 23:45: the prefix keeps the arrival hour.
    expect(keys[3]).toMatch(/^raw\/2026\/02\/28\/23\/clicks-1-2026-03-01-00-00-00-/);
    expect(keys[4]).toMatch(/^raw\/2026\/03\/01\/00\/clicks-1-2026-03-01-00-15-00-/);
    expect(keys.some((k) => k.startsWith('raw/2026/03/01/01/'))).toBe(true);
    const hive = r.objects('lake', 'hive/').map((o) => o.key);
    expect(hive[0]).toMatch(/^hive\/year=2026\/month=02\/hive-1-/);
    expect(hive.some((k) => k.startsWith('hive/year=2026/month=03/'))).toBe(true);
  });
});

describe('dynamic partitioning', () => {
  it('one buffer and one object set per key, under the key in the prefix', () => {
    const r = runFirehose(`
duration: 130s
firehose:
  deliveryStreams:
    - name: bycustomer
      buffer: {size: 1MiB, interval: 60s}
      destination: {kind: s3, bucket: lake}
      dynamicPartitioning: {key: .customerId}
  producers:
    - {deliveryStream: bycustomer, rate: 100/s, recordSize: 200B, stop: 60s, fields: {customerId: {count: 20}}}
`);
    const m = r.ds.bycustomer!;
    expect(m.activePartitions).toBe(20);
    expect(m.partitionsExceeded).toBe(0);
    const objects = r.objects('lake');
    const byKey = new Map<string, number>();
    for (const o of objects) {
      const key = /^customerId=(\d+)\/2026\/01\/01\/00\//.exec(o.key)![1]!;
      for (const l of lines(o)) expect(JSON.parse(l).customerId).toBe(Number(key));
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    expect(byKey.size).toBe(20);
    // 60 s of traffic, a 60 s interval: each key's buffer leaves once.
    expect([...byKey.values()].every((n) => n === 1)).toBe(true);
    expect(m.recordsDelivered).toBe(6000);
  });

  it('holds at most 500 partitions: records of further keys go to activePartitionExceeded/, counted', () => {
    const r = runFirehose(`
duration: 1000s
firehose:
  deliveryStreams:
    - name: many
      buffer: {size: 128MiB, interval: 900s}
      destination: {kind: s3, bucket: lake}
      dynamicPartitioning: {key: .customerId}
  producers:
    - {deliveryStream: many, rate: 200/s, recordSize: 100B, stop: 60s, fields: {customerId: {count: 800}}}
`);
    const m = r.ds.many!;
    expect(m.activePartitions).toBe(500);
    const overflow = r.objects('lake', 'activePartitionExceeded/').flatMap(errorRecords);
    expect(overflow.length).toBe(m.partitionsExceeded);
    expect(m.errorOutput.records).toEqual({ activePartitionExceeded: m.partitionsExceeded });
    const delivered = r.objects('lake', 'customerId=');
    expect(delivered).toHaveLength(500);
    const active = new Set(delivered.map((o) => /^customerId=(\d+)\//.exec(o.key)![1]!));
    const refused = new Set(overflow.map((f) => String(JSON.parse(f.raw).customerId)));
    expect(refused.size).toBe(300);
    for (const k of refused) expect(active.has(k)).toBe(false);
    expect(m.recordsDelivered + m.partitionsExceeded).toBe(12_000);
  });
});

describe('destination outages', () => {
  it('S3: nothing is written during the outage; the data is kept and delivered late, at the first retry after it', () => {
    const r = runFirehose(`
duration: 120s
firehose:
  deliveryStreams:
    - {name: s, buffer: {size: 1MiB, interval: 5s}, destination: {kind: s3, bucket: lake}, outages: [{from: 10s, to: 63s}]}
  producers:
    - {deliveryStream: s, rate: 20/s, recordSize: 100B, stop: 100s}
`);
    const objects = r.objects('lake');
    const times = objects.map((o) => o.writtenAt);
    expect(times.filter((t) => t >= 10_000 && t < 63_000)).toEqual([]);
    // Batches that failed from 10 s on are retried every 5 s; the first retry after 63 s succeeds.
    const late = objects.filter((o) => o.writtenAt >= 63_000 && o.writtenAt < 68_000);
    expect(late.map((o) => o.writtenAt)).toEqual(Array(12).fill(65_100));
    const m = r.ds.s!;
    expect(m.retries).toBeGreaterThan(50);
    expect(m.lost).toBe(0);
    expect(m.recordsDelivered).toBe(2000);
    expect(m.deliveryLatencyMs.max).toBeGreaterThan(50_000);
    expect(m.dataFreshnessMs).toBe(m.deliveryLatencyMs.max);
  });

  it('S3 with Direct PUT: data still undelivered 24 hours after arrival is lost, and counted', () => {
    const r = runFirehose(`
duration: 25h
firehose:
  deliveryStreams:
    - {name: s, buffer: {size: 1MiB, interval: 60s}, destination: {kind: s3, bucket: lake}, outages: [{from: 0s, to: 25h}]}
  producers:
    - {deliveryStream: s, rate: 10/s, recordSize: 100B, stop: 10s}
`);
    const m = r.ds.s!;
    expect(m.recordsIn).toBe(100);
    expect(m.lost).toBe(100);
    expect(m.recordsDelivered).toBe(0);
    expect(r.objects('lake')).toHaveLength(0);
  });

  it('HTTP endpoint: retried for the retry duration, then backed up to S3 under http-endpoint-failed/', () => {
    const r = runFirehose(`
duration: 200s
firehose:
  deliveryStreams:
    - name: h
      buffer: {size: 1MiB, interval: 10s}
      destination: {kind: http, bucket: backup, retryDuration: 60s, endpoint: 'https://collector.example.com'}
      outages: [{from: 0s, to: 1000s}]
  producers:
    - {deliveryStream: h, rate: 10/s, recordSize: 100B, stop: 30s}
`);
    const m = r.ds.h!;
    const backups = r.objects('backup');
    // Buffers leave at 10.1, 20.1 and 30.1 s; each is backed up 60 s after its first attempt.
    expect(backups.map((o) => o.writtenAt)).toEqual([70_100, 80_100, 90_100]);
    for (const o of backups) expect(o.key).toMatch(/^http-endpoint-failed\/2026\/01\/01\/00\/h-1-/);
    const records = backups.flatMap(errorRecords);
    expect(records).toHaveLength(300);
    expect(m.backedUp).toBe(300);
    expect(m.errorOutput).toEqual({ objects: 3, records: { 'http-endpoint-failed': 300 } });
    expect(m.recordsDelivered).toBe(0);
    expect(m.retries).toBe(3 * 12);
  });

  it('HTTP endpoint back within the retry duration: delivered late, nothing backed up', () => {
    const r = runFirehose(`
duration: 100s
firehose:
  deliveryStreams:
    - {name: h, buffer: {size: 1MiB, interval: 10s}, destination: {kind: opensearch, bucket: backup, retryDuration: 60s}, outages: [{from: 0s, to: 35s}]}
  producers:
    - {deliveryStream: h, rate: 10/s, recordSize: 100B, stop: 30s}
`);
    const m = r.ds.h!;
    expect(m.recordsDelivered).toBe(300);
    expect(m.backedUp).toBe(0);
    expect(r.objects('backup')).toHaveLength(0);
  });

  it('Redshift: staged in S3 at once; a COPY that keeps failing leaves a manifest under errors/manifests/', () => {
    const r = runFirehose(`
duration: 200s
firehose:
  deliveryStreams:
    - {name: rs, buffer: {size: 1MiB, interval: 10s}, compression: gzip, destination: {kind: redshift, bucket: staging, prefix: 'stage/', retryDuration: 30s}, outages: [{from: 0s, to: 1000s}]}
  producers:
    - {deliveryStream: rs, rate: 10/s, recordSize: 100B, stop: 10s}
`);
    const staged = r.objects('staging', 'stage/');
    const manifests = r.objects('staging', 'errors/manifests/');
    expect(staged).toHaveLength(1);
    expect(manifests).toHaveLength(1);
    expect(JSON.parse(manifests[0]!.body!)).toEqual({ entries: [{ url: `s3://staging/${staged[0]!.key}`, mandatory: true }] });
    expect(r.ds.rs).toMatchObject({ backedUp: 100, recordsDelivered: 0, errorOutput: { objects: 1, records: { 'errors/manifests': 100 } } });
  });
});

describe('a Kinesis data stream as the source', () => {
  it('keeps up with the stream, reading once a second per shard, de-aggregating KPL records', () => {
    const r = runFirehose(`
duration: 60s
kinesis:
  streams: [{name: clicks, shards: 2}]
producers:
  - {name: web, stream: clicks, rate: 1000/s, recordSize: 500B, keys: {kind: uniform, count: 100}}
  - {name: kpl, stream: clicks, rate: 500/s, recordSize: 100B, api: KPL}
firehose:
  deliveryStreams:
    - {name: archive, source: {kinesisStream: clicks}, buffer: {size: 1MiB, interval: 10s}, compression: gzip, destination: {kind: s3, bucket: lake}}
`);
    const m = r.ds.archive!;
    const stream = r.doc.streams.clicks!;
    expect(m.source).toBe('KinesisStreamAsSource');
    // Every user record that arrived before the last read (about a second before the end).
    expect(m.recordsIn).toBeGreaterThan(stream.userRecordsIn - 2 * 1500);
    expect(m.recordsIn).toBeLessThanOrEqual(stream.userRecordsIn);
    expect(m.kinesisSource).toMatchObject({ stream: 'clicks', readThrottled: 0 });
    expect(m.kinesisSource!.getRecordsCalls).toBe(2 * 60);
    expect(stream.getRecordsCalls).toBe(2 * 60);
    expect(m.kinesisSource!.maxIteratorAgeMs).toBeLessThanOrEqual(1000);
    expect(accounted(m)).toBe(m.recordsIn);
  });

  it('shares the shard read limits with polling consumers: 5 GetRecords calls a second in all', () => {
    const scenario = (withFirehose: boolean) => `
duration: 30s
kinesis:
  streams: [{name: clicks, shards: 1}]
producers:
  - {stream: clicks, rate: 200/s, recordSize: 200B}
consumers:
  - {name: a, stream: clicks, kind: polling, interval: 200ms}
${withFirehose ? 'firehose: {deliveryStreams: [{name: archive, source: {kinesisStream: clicks}, buffer: {size: 1MiB, interval: 5s}, destination: {kind: s3, bucket: lake}}]}' : ''}
`;
    // Alone, the reader's five calls a second fit; with Firehose's call beside it, one does not.
    expect(runFirehoseless(scenario(false)).consumers.a!.readThrottled).toBe(0);
    const r = runFirehose(scenario(true));
    const shard = r.doc.streams.clicks!.shards['shardId-000000000000']!;
    expect(r.doc.consumers.a!.readThrottled).toBeGreaterThanOrEqual(29);
    expect(shard.getRecordsCalls - shard.readThrottled).toBeLessThanOrEqual(5 * 30);
    expect(shard.readThrottled).toBe(r.ds.archive!.kinesisSource!.readThrottled + r.doc.consumers.a!.readThrottled);
  });

  it('a Firehose stream that joins late behind busy readers is starved by the shard limit', () => {
    const r = runFirehose(`
duration: 30s
kinesis:
  streams: [{name: clicks, shards: 1}]
producers:
  - {stream: clicks, rate: 200/s, recordSize: 200B}
consumers:
  - {name: a, stream: clicks, kind: polling, interval: 100ms}
actions:
  - {at: 500ms, do: "aws firehose create-delivery-stream --delivery-stream-name late --delivery-stream-type KinesisStreamAsSource --kinesis-stream-source-configuration KinesisStreamARN=arn:aws:kinesis:us-east-1:123456789012:stream/clicks,RoleARN=arn:aws:iam::123456789012:role/r --extended-s3-destination-configuration RoleARN=arn:aws:iam::123456789012:role/r,BucketARN=arn:aws:s3:::lake"}
firehose: {deliveryStreams: []}
`);
    expect(r.doc.actions[0]!.ok).toBe(true);
    const m = r.ds.late!;
    // Its call comes half a second into every second, when the reader has used all five.
    expect(m.kinesisSource!.readThrottled).toBe(m.kinesisSource!.getRecordsCalls);
    expect(m.recordsIn).toBe(0);
  });

  it('refuses Direct PUT producers for a stream that reads Kinesis', () => {
    expect(() =>
      runFirehose(`
duration: 10s
kinesis: {streams: [{name: s}]}
firehose:
  deliveryStreams: [{name: k, source: {kinesisStream: s}, destination: {kind: s3, bucket: lake}}]
  producers: [{deliveryStream: k, rate: 1/s}]
`),
    ).toThrow(/reads a Kinesis data stream; Direct PUT is disabled/);
  });
});
