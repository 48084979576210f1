import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/core/rng.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import type { FRecord } from '../../src/sim/firehose/buffer.js';
import { parseNested } from '../../src/sim/firehose/cli-values.js';
import { extract, parsePath } from '../../src/sim/firehose/jq.js';
import { evaluatePrefix, prefixProblems } from '../../src/sim/firehose/s3-keys.js';
import { civil, formatPattern, isoCli, parseUtc } from '../../src/sim/core/calendar.js';
import { TransformStage, type FailedRecord } from '../../src/sim/firehose/transform.js';
import { FIREHOSE } from '../../src/sim/limits.js';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { accounted, runFirehose } from './firehose-world.js';

// The parts under the delivery streams: the calendar, prefixes, the CLI's shorthand, jq paths,
// the Lambda payload cap; then the accounting identity over random delivery streams, and the
// load-time checks a scenario's firehose section gets.

describe('the virtual calendar', () => {
  it('civil() agrees with the UTC calendar for any instant from 1970 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7_258_118_400_000 }), (ms) => {
        const d = new Date(ms);
        expect(civil(ms)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds() });
        expect(parseUtc(d.toISOString())).toBe(ms);
        expect(isoCli(ms)).toBe(d.toISOString().replace('Z', '000+00:00'));
      }),
    );
  });

  it('reads start dates and Java-style patterns', () => {
    expect(parseUtc('2026-01-01')).toBe(Date.UTC(2026, 0, 1));
    expect(parseUtc('2024-02-29T12:00:00+00:00')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(parseUtc('2026-02-29T00:00:00Z')).toBeNull();
    expect(parseUtc('yesterday')).toBeNull();
    const t = Date.UTC(2026, 2, 7, 5, 4, 3);
    expect(formatPattern('yyyy/MM/dd/HH/', t)).toBe('2026/03/07/05/');
    expect(formatPattern("yyyy-MM-dd'T'HH:mm:ss", t)).toBe('2026-03-07T05:04:03');
    expect(formatPattern('yy', t)).toBe('26');
  });
});

describe('S3 prefixes', () => {
  const values = { oldestMs: Date.UTC(2026, 0, 2, 3), random: () => 'r4nd0mstr1n' };

  it('evaluates expressions, appending yyyy/MM/dd/HH/ when the prefix has no timestamp', () => {
    expect(evaluatePrefix('', values)).toBe('2026/01/02/03/');
    expect(evaluatePrefix('raw/', values)).toBe('raw/2026/01/02/03/');
    expect(evaluatePrefix('y=!{timestamp:yyyy}/m=!{timestamp:MM}/', values)).toBe('y=2026/m=01/');
    expect(evaluatePrefix('!{firehose:error-output-type}/', { ...values, errorType: 'processing-failed' })).toBe('processing-failed/2026/01/02/03/');
    expect(evaluatePrefix('c=!{partitionKeyFromQuery:customerId}/!{firehose:random-string}/', { ...values, partitionKeys: { customerId: '42' } })).toBe('c=42/r4nd0mstr1n/2026/01/02/03/');
  });

  it('refuses what AWS refuses', () => {
    expect(prefixProblems('raw/!{firehose:error-output-type}/', 'Prefix', null)).toEqual(['Prefix: !{firehose:error-output-type} can only be used in the ErrorOutputPrefix']);
    expect(prefixProblems('err/!{timestamp:yyyy}/', 'ErrorOutputPrefix', null)).toEqual(['ErrorOutputPrefix: an error output prefix with expressions must contain !{firehose:error-output-type}']);
    expect(prefixProblems('raw/', 'Prefix', 'customerId')[0]).toContain('with dynamic partitioning the prefix must use the key');
    expect(prefixProblems('c=!{partitionKeyFromQuery:other}/', 'Prefix', 'customerId')[0]).toContain('names a key the partitioning query does not produce');
    expect(prefixProblems('!{oops', 'Prefix', null)[0]).toContain('not of the form !{namespace:value}');
    expect(prefixProblems('!{nope:x}/', 'Prefix', null)[0]).toContain('unknown namespace');
  });
});

describe("the CLI's nested shorthand", () => {
  it('reads structures, nested structures, lists and quoted values', () => {
    expect(parseNested('x', 'BucketARN=arn:aws:s3:::b,BufferingHints={SizeInMBs=1,IntervalInSeconds=60},CompressionFormat=GZIP')).toEqual({
      BucketARN: 'arn:aws:s3:::b',
      BufferingHints: { SizeInMBs: '1', IntervalInSeconds: '60' },
      CompressionFormat: 'GZIP',
    });
    expect(parseNested('x', "P={Enabled=true,Processors=[{Type=Lambda,Parameters=[{ParameterName=LambdaArn,ParameterValue='arn:aws:lambda:us-east-1:1:function:f'}]}]}")).toEqual({
      P: { Enabled: 'true', Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:1:function:f' }] }] },
    });
    expect(parseNested('x', 'Q="{k:.k}"')).toEqual({ Q: '{k:.k}' });
    expect(() => parseNested('x', 'A={B=1')).toThrow(/Error parsing parameter '--x': expected '}'/);
    expect(() => parseNested('x', 'novalue')).toThrow(/expected '='/);
  });
});

describe('jq paths for partition keys', () => {
  it('reads .a, .a.b and .["a b"], and takes scalars only', () => {
    expect(parsePath('.customerId')?.segments).toEqual(['customerId']);
    expect(parsePath('.device.region')?.segments).toEqual(['device', 'region']);
    expect(parsePath('.["event type"]')?.segments).toEqual(['event type']);
    expect(parsePath('customerId')).toBeNull();
    expect(parsePath('.a | strftime')).toBeNull();
    const p = parsePath('.device.region')!;
    expect(extract('{"device":{"region":"eu"}}', p)).toBe('eu');
    expect(extract('{"device":{"region":7}}', p)).toBe('7');
    expect(extract('{"device":{"region":{"x":1}}}', p)).toBeUndefined();
    expect(extract('not json', p)).toBeUndefined();
  });
});

describe('the Lambda request payload cap', () => {
  it('cuts a flush into invocations of at most 6 MB of event JSON', () => {
    const sim = new Simulation({ seed: 1 });
    const results: { ok: number; failed: FailedRecord[] } = { ok: 0, failed: [] };
    // A processing buffer larger than AWS allows, so one flush holds more than one request can carry.
    const stage = new TransformStage(
      sim,
      { function: 'f', rules: { failShare: 0, failWhen: null, dropShare: 0 }, duration: 100, retries: 0, buffer: { size: 12_000_000, interval: 60_000 } },
      'arn:aws:firehose:us-east-1:123456789012:deliverystream/x',
      0,
      createRng(1),
      () => undefined,
      { ok: () => results.ok++, dropped: () => {}, failed: (f) => results.failed.push(...f) },
      'test',
    );
    const size = 900 * 1024;
    const record: FRecord = { body: 'x'.repeat(size), size, arrival: 0 };
    for (let i = 0; i < 14; i++) stage.add(record);
    sim.runUntil(1000);
    // 14 records of 900 KiB = 12.9 MB: a size flush. Base64 makes each 1.2 MB, so 4 fit in 6 MB.
    const cap = FIREHOSE.lambdaPayload.values[0]!.amount;
    const perInvocation = Math.floor(cap / (Math.ceil(size / 3) * 4 + 120));
    expect(perInvocation).toBe(4);
    expect(stage.counters.invocations).toBe(Math.ceil(14 / perInvocation));
    expect(results.ok).toBe(14);
  });
});

describe('every record is accounted for', () => {
  it('recordsIn = delivered + dropped + error output + pending + lost + discarded, for random streams', () => {
    const streamArb = fc.record({
      interval: fc.constantFrom(0, 1, 5, 30),
      size: fc.constantFrom(1, 2),
      compression: fc.constantFrom('none', 'gzip', 'snappy'),
      transform: fc.option(fc.record({ fail: fc.double({ min: 0, max: 0.5, noNaN: true }), drop: fc.double({ min: 0, max: 0.4, noNaN: true }), interval: fc.constantFrom(0, 2, 10) }), { nil: undefined }),
      partitions: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      outage: fc.option(fc.record({ from: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 40 }) }), { nil: undefined }),
      kind: fc.constantFrom('s3', 'http'),
      rate: fc.integer({ min: 1, max: 300 }),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(streamArb, (s) => {
        const interval = s.partitions !== undefined && s.interval === 0 ? 1 : s.interval;
        const s3 = s.kind === 's3';
        const yaml = [
          `seed: ${s.seed}`,
          'duration: 60s',
          'firehose:',
          '  deliveryStreams:',
          '    - name: x',
          `      buffer: {size: ${s.size}MiB, interval: ${interval}s}`,
          s3 ? '      destination: {kind: s3, bucket: lake}' : '      destination: {kind: http, bucket: backup, retryDuration: 10s}',
          s3 ? `      compression: ${s.compression}` : '',
          s.transform ? `      transform: {lambda: {failShare: ${s.transform.fail}, dropShare: ${s.transform.drop}}, buffer: {interval: ${s.transform.interval}s}}` : '',
          s.partitions !== undefined && s3 ? '      dynamicPartitioning: {key: .customerId}' : '',
          s.outage ? `      outages: [{from: ${s.outage.from}s, to: ${s.outage.from + s.outage.length}s}]` : '',
          '  producers:',
          `    - {deliveryStream: x, rate: ${s.rate}/s, recordSize: 300B, fields: {customerId: {count: ${s.partitions ?? 10}}}}`,
        ]
          .filter(Boolean)
          .join('\n');
        const a = runFirehose(yaml);
        const m = a.ds.x!;
        expect(accounted(m)).toBe(m.recordsIn);
        const p = a.firehose.producers['firehose-producer-1']!.records;
        expect(p.produced).toBe(p.accepted + p.givenUp + p.rejected + p.pending);
        expect(p.accepted).toBe(m.recordsIn);
        // The same scenario and seed give the same document, byte for byte.
        expect(JSON.stringify(runFirehose(yaml).doc)).toBe(JSON.stringify(a.doc));
      }),
      { numRuns: 25 },
    );
  });
});

describe('scenario checks', () => {
  const problems = (firehose: string, extra = '') => {
    const r = loadScenarioText(`duration: 60s\n${extra}firehose:\n${firehose}`, 'f.yaml');
    return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  };

  it('points at the field AWS would refuse, with the limit', () => {
    expect(problems('  deliveryStreams:\n    - {name: a, buffer: {size: 200MiB}, destination: {kind: s3, bucket: lake}}')).toEqual([
      '4:32 firehose.deliveryStreams[0].buffer.size: buffer size must be 1 MiB to 128 MiB for an S3 destination; got 200 MiB',
    ]);
    expect(problems('  deliveryStreams:\n    - {name: a, buffer: {interval: 0s}, destination: {kind: s3, bucket: lake}, dynamicPartitioning: {key: .k}}')[0]).toContain(
      'firehose.deliveryStreams[0].buffer.interval: zero buffering (interval 0) cannot be combined with dynamic partitioning',
    );
    expect(problems('  deliveryStreams:\n    - {name: a, destination: {kind: http, bucket: lake, retryDuration: 7201s}}')[0]).toContain('retry duration must be whole seconds from 0 to 7200; got 7201 s');
    expect(problems('  deliveryStreams:\n    - {name: a, destination: {kind: splunk, bucket: lake}, buffer: {interval: 90s}}')[0]).toContain('from 0 to 60 s for a Splunk destination');
    expect(problems('  deliveryStreams:\n    - {name: a, destination: {kind: s3, bucket: lake}, transform: {buffer: {size: 4MB}}}')[0]).toContain('the Lambda processing buffer must be 0.2 MB to 3 MB');
    expect(problems('  deliveryStreams:\n    - {name: a, destination: {kind: opensearch, bucket: lake}, compression: gzip}')[0]).toContain('compression applies to S3 delivery only');
    expect(problems('  deliveryStreams:\n    - {name: a, source: {kinesisStream: nope}, destination: {kind: s3, bucket: lake}}')[0]).toContain('stream "nope" is not defined under kinesis.streams');
    expect(problems('  startDate: soon\n  deliveryStreams: []')[0]).toContain('firehose.startDate: "soon" is not an ISO 8601 UTC date');
    expect(problems('  deliveryStreams: []\n  producers: [{deliveryStream: ghost, rate: 1/s}]')[0]).toContain('delivery stream "ghost" is not defined under firehose.deliveryStreams');
    expect(problems('  deliveryStreams:\n    - {name: a, destination: {kind: s3, bucket: lake}}\n    - {name: a, destination: {kind: s3, bucket: lake}}')[0]).toContain('delivery stream "a" is defined twice');
  });

  it('parses aws firehose actions at load time', () => {
    expect(problems('  deliveryStreams: []', 'actions: [{at: 1s, do: "aws firehose put-record --delivery-stream-name a"}]\n')[0]).toContain('the following arguments are required: --record');
    expect(problems('  deliveryStreams: []', 'actions: [{at: 1s, do: "aws s3 ls s3://lake/ --recursive"}]\n')).toEqual([]);
  });
});
