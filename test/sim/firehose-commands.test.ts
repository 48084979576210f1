import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bind, Dispatcher, type Outcome } from '../../src/sim/commands/index.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import { firehoseCommands } from '../../src/sim/firehose/commands.js';
import { firehosePlugin } from '../../src/sim/firehose/plugin.js';
import { s3apiCommands, s3Commands } from '../../src/sim/firehose/s3-commands.js';
import type { FirehoseService } from '../../src/sim/firehose/service.js';
import { firehoseSpec } from '../../src/sim/firehose/spec.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { ObjectStore } from '../../src/sim/s3.js';
import type { World } from '../../src/sim/world.js';

// `aws firehose …`, `aws s3 ls` and `aws s3api list-objects-v2` against a running engine: AWS's
// response shapes and error lines, JSON and shorthand configurations, and what they change.

const ROLE = 'arn:aws:iam::123456789012:role/firehose';

function setup() {
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const efo = new EnhancedFanOut(sim, kinesis);
  const store = new ObjectStore();
  const world: World = { sim, kinesis, efo, services: new Map<string, unknown>([['s3', store]]) };
  const runtime = firehosePlugin.create(world, firehoseSpec.parse({}));
  runtime.start();
  const fh = runtime.commandContext as FirehoseService;
  fh.bodyLimit = Infinity;
  const d = new Dispatcher([bind(firehoseCommands, fh), bind(s3Commands, fh), bind(s3apiCommands, fh)]);
  const run = (line: string): Outcome => d.execute(line);
  const ok = (line: string): Record<string, unknown> => {
    const out = run(line);
    if (!out.ok) throw new Error(out.text);
    return (out.kind === 'response' ? (out.response ?? {}) : {}) as Record<string, unknown>;
  };
  return { sim, kinesis, store, fh, run, ok, runtime };
}

const s3config = (extra = '') => `RoleARN=${ROLE},BucketARN=arn:aws:s3:::logs${extra}`;

describe('aws firehose create-delivery-stream, describe, list, delete', () => {
  it('creates a Direct PUT stream from shorthand and describes it as AWS does', () => {
    const w = setup();
    expect(w.ok(`aws firehose create-delivery-stream --delivery-stream-name clicks --extended-s3-destination-configuration ${s3config(',Prefix=raw/,BufferingHints={SizeInMBs=1,IntervalInSeconds=60},CompressionFormat=GZIP')}`)).toEqual({
      DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/clicks',
    });
    const d = w.ok('aws firehose describe-delivery-stream --delivery-stream-name clicks').DeliveryStreamDescription as Record<string, unknown>;
    expect(d).toMatchObject({
      DeliveryStreamName: 'clicks',
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'DirectPut',
      VersionId: '1',
      CreateTimestamp: '2026-01-01T00:00:00.000000+00:00',
      HasMoreDestinations: false,
    });
    const dest = (d.Destinations as Record<string, unknown>[])[0]!;
    expect(dest.DestinationId).toBe('destinationId-000000000001');
    expect(dest.ExtendedS3DestinationDescription).toMatchObject({
      BucketARN: 'arn:aws:s3:::logs',
      Prefix: 'raw/',
      ErrorOutputPrefix: '!{firehose:error-output-type}/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      CompressionFormat: 'GZIP',
      ProcessingConfiguration: { Enabled: false, Processors: [] },
    });
  });

  it('takes the same configuration as JSON, with a Lambda processor and dynamic partitioning', () => {
    const w = setup();
    const config = {
      RoleARN: ROLE,
      BucketARN: 'arn:aws:s3:::lake',
      Prefix: 'customer=!{partitionKeyFromQuery:customerId}/',
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{customerId:.customerId}' }, { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }] },
          { Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:enrich' }, { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '10' }] },
        ],
      },
    };
    w.ok(`aws firehose create-delivery-stream --delivery-stream-name orders --extended-s3-destination-configuration '${JSON.stringify(config)}'`);
    const s = w.fh.stream('orders');
    expect(s.config.partitioning?.key).toBe('customerId');
    expect(s.config.transform).toMatchObject({ function: 'enrich', buffer: { size: 1_000_000, interval: 10_000 }, retries: 3 });
    const d = w.ok('aws firehose describe-delivery-stream --delivery-stream-name orders').DeliveryStreamDescription as { Destinations: { ExtendedS3DestinationDescription: { ProcessingConfiguration: { Processors: { Type: string }[] }; DynamicPartitioningConfiguration: unknown } }[] };
    const e = d.Destinations[0]!.ExtendedS3DestinationDescription;
    expect(e.ProcessingConfiguration.Processors.map((p) => p.Type)).toEqual(['MetadataExtraction', 'Lambda']);
    expect(e.DynamicPartitioningConfiguration).toEqual({ Enabled: true });
    // Records land under their customer's prefix (one buffer per key).
    w.ok(`aws firehose put-record-batch --delivery-stream-name orders --records Data='{"customerId":7}' Data='{"customerId":9}'`);
    w.sim.runUntil(120_000);
    expect(w.store.list('lake').map((o) => o.key.split('/')[0])).toEqual(['customer=7', 'customer=9']);
  });

  it('describes streams a scenario made: a Kinesis source, an HTTP endpoint with its retry duration', () => {
    const sim = new Simulation({ seed: 1 });
    const kinesis = new KinesisService(sim);
    kinesis.createStream('clicks');
    const world: World = { sim, kinesis, efo: new EnhancedFanOut(sim, kinesis), services: new Map<string, unknown>([['s3', new ObjectStore()]]) };
    const spec = firehoseSpec.parse({
      deliveryStreams: [
        { name: 'k', source: { kinesisStream: 'clicks' }, destination: { kind: 's3', bucket: 'lake' }, transform: { lambda: { failShare: 0.1 } } },
        { name: 'h', destination: { kind: 'http', bucket: 'backup', retryDuration: '120s', endpoint: 'https://collector.example.com' } },
      ],
    });
    const runtime = firehosePlugin.create(world, spec);
    runtime.start();
    const d = new Dispatcher([bind(firehoseCommands, runtime.commandContext as FirehoseService)]);
    const k = (d.execute('firehose describe-delivery-stream --delivery-stream-name k') as { response: { DeliveryStreamDescription: Record<string, unknown> } }).response.DeliveryStreamDescription;
    expect(k).toMatchObject({
      DeliveryStreamType: 'KinesisStreamAsSource',
      Source: { KinesisStreamSourceDescription: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks' } },
    });
    expect(JSON.stringify(k)).toContain('"ParameterValue":"arn:aws:lambda:us-east-1:123456789012:function:k-transform"');
    const h = (d.execute('firehose describe-delivery-stream --delivery-stream-name h') as { response: { DeliveryStreamDescription: { Destinations: Record<string, unknown>[] } } }).response.DeliveryStreamDescription;
    expect(h.Destinations[0]!.HttpEndpointDestinationDescription).toMatchObject({
      EndpointConfiguration: { Url: 'https://collector.example.com' },
      RetryOptions: { DurationInSeconds: 120 },
      S3BackupMode: 'FailedDataOnly',
      S3DestinationDescription: { BucketARN: 'arn:aws:s3:::backup' },
    });
  });

  it('answers AWS errors for bad names, duplicates, ranges and rules', () => {
    const w = setup();
    w.ok(`firehose create-delivery-stream --delivery-stream-name a --extended-s3-destination-configuration ${s3config()}`);
    const err = (line: string) => {
      const out = w.run(line);
      expect(out.ok).toBe(false);
      return out.text;
    };
    expect(err(`firehose create-delivery-stream --delivery-stream-name a --extended-s3-destination-configuration ${s3config()}`)).toBe(
      'An error occurred (ResourceInUseException) when calling the CreateDeliveryStream operation: Firehose a under account 123456789012 already exists.',
    );
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration ${s3config(',BufferingHints={SizeInMBs=200,IntervalInSeconds=60}')}`)).toContain(
      '(InvalidArgumentException) when calling the CreateDeliveryStream operation: buffer size must be 1 MiB to 128 MiB for an S3 destination; got 200 MiB',
    );
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration ${s3config(',BufferingHints={SizeInMBs=5,IntervalInSeconds=901}')}`)).toContain('buffer interval must be whole seconds from 0 to 900 s');
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration ${s3config(',CompressionFormat=LZ4')}`)).toContain(
      "ValidationException) when calling the CreateDeliveryStream operation: 1 validation error detected: Value 'LZ4' at 'extendedS3DestinationConfiguration.compressionFormat'",
    );
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration RoleARN=${ROLE}`)).toContain('Missing required parameter in ExtendedS3DestinationConfiguration: "BucketARN"');
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration ${s3config(',Bogus=1')}`)).toContain('Unknown parameter in ExtendedS3DestinationConfiguration: "Bogus"');
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration '{"RoleARN": '`)).toContain("Error parsing parameter '--extended-s3-destination-configuration': Invalid JSON");
    expect(err('firehose create-delivery-stream --delivery-stream-name b --delivery-stream-type KinesisStreamAsSource --kinesis-stream-source-configuration KinesisStreamARN=arn:aws:kinesis:us-east-1:123456789012:stream/nope,RoleARN=r ' + `--extended-s3-destination-configuration ${s3config()}`)).toContain(
      'Stream nope under account 123456789012 not found.',
    );
    expect(err('firehose describe-delivery-stream --delivery-stream-name zzz')).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeDeliveryStream operation: Firehose zzz under account 123456789012 not found.',
    );
    const dp = '{"RoleARN":"r","BucketARN":"arn:aws:s3:::lake","DynamicPartitioningConfiguration":{"Enabled":true},"ProcessingConfiguration":{"Enabled":true,"Processors":[{"Type":"MetadataExtraction","Parameters":[{"ParameterName":"MetadataExtractionQuery","ParameterValue":"{k:.k}"}]}]},"BufferingHints":{"SizeInMBs":64,"IntervalInSeconds":0}}';
    expect(err(`firehose create-delivery-stream --delivery-stream-name b --extended-s3-destination-configuration '${dp}'`)).toContain('zero buffering (interval 0) cannot be combined with dynamic partitioning');
  });

  it('lists and deletes; a deleted stream keeps its figures and discards what it buffered', () => {
    const w = setup();
    for (const n of ['c', 'a', 'b']) w.ok(`firehose create-delivery-stream --delivery-stream-name ${n} --extended-s3-destination-configuration ${s3config()}`);
    expect(w.ok('firehose list-delivery-streams')).toEqual({ DeliveryStreamNames: ['a', 'b', 'c'], HasMoreDeliveryStreams: false });
    expect(w.ok('firehose list-delivery-streams --limit 2')).toEqual({ DeliveryStreamNames: ['a', 'b'], HasMoreDeliveryStreams: true });
    expect(w.ok('firehose list-delivery-streams --exclusive-start-delivery-stream-name a')).toEqual({ DeliveryStreamNames: ['b', 'c'], HasMoreDeliveryStreams: false });
    w.ok('firehose put-record --delivery-stream-name b --record Data=aGVsbG8K');
    const out = w.run('firehose delete-delivery-stream --delivery-stream-name b');
    expect(out).toMatchObject({ ok: true, text: '' });
    expect(w.ok('firehose list-delivery-streams')).toEqual({ DeliveryStreamNames: ['a', 'c'], HasMoreDeliveryStreams: false });
    const metrics = w.fh.metrics().deliveryStreams.b!;
    expect(metrics).toMatchObject({ status: 'DELETED', recordsIn: 1, discarded: 1, pending: 0 });
  });
});

describe('aws firehose put-record and put-record-batch', () => {
  it('answers RecordId, Encrypted and per-entry results; base64 or plain text data', () => {
    const w = setup();
    w.ok(`firehose create-delivery-stream --delivery-stream-name p --extended-s3-destination-configuration ${s3config(',BufferingHints={SizeInMBs=1,IntervalInSeconds=0}')}`);
    const one = w.ok('firehose put-record --delivery-stream-name p --record Data=aGVsbG8K');
    expect(one).toEqual({ RecordId: expect.stringMatching(/^[A-Za-z0-9+/]{64}$/), Encrypted: false });
    // Zero buffering: what arrived in this instant leaves as one object, right after it.
    w.sim.runUntil(1);
    const batch = w.ok(`firehose put-record-batch --delivery-stream-name p --records '[{"Data": "YQo="}, {"Data": "plain text, not base64\\n"}]'`);
    expect(batch).toMatchObject({ FailedPutCount: 0, Encrypted: false });
    expect(batch.RequestResponses).toHaveLength(2);
    w.sim.runUntil(2);
    const bodies = w.store.list('logs').map((o) => o.body);
    expect(bodies).toEqual(['hello\n', 'a\nplain text, not base64\n']);
    expect(w.fh.metrics().deliveryStreams.p).toMatchObject({ recordsIn: 3, bytesIn: 6 + 2 + 23, objectsDelivered: 2 });
  });

  it('refuses what AWS refuses: 501 records, records over 1,000 KiB, a Kinesis-sourced stream', () => {
    const w = setup();
    w.kinesis.createStream('src');
    w.ok(`firehose create-delivery-stream --delivery-stream-name p --extended-s3-destination-configuration ${s3config()}`);
    w.ok(`firehose create-delivery-stream --delivery-stream-name k --delivery-stream-type KinesisStreamAsSource --kinesis-stream-source-configuration KinesisStreamARN=arn:aws:kinesis:us-east-1:123456789012:stream/src,RoleARN=${ROLE} --extended-s3-destination-configuration ${s3config()}`);
    const records = JSON.stringify(Array.from({ length: 501 }, () => ({ Data: 'eA==' })));
    expect(w.run(`firehose put-record-batch --delivery-stream-name p --records '${records}'`).text).toContain('(ValidationException) when calling the PutRecordBatch operation: 1 validation error detected');
    const big = Buffer.alloc(1000 * 1024 + 1, 'a').toString('base64');
    expect(w.run(`firehose put-record --delivery-stream-name p --record Data=${big}`).text).toContain("Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
    expect(w.run('firehose put-record --delivery-stream-name k --record Data=eA==').text).toBe(
      'An error occurred (InvalidArgumentException) when calling the PutRecord operation: This operation is not permitted on KinesisStreamAsSource delivery stream type.',
    );
  });

  it('over the 2,000 requests/s quota a call fails whole with ServiceUnavailableException "Slow down."', () => {
    const w = setup();
    w.ok(`firehose create-delivery-stream --delivery-stream-name p --extended-s3-destination-configuration ${s3config()}`);
    const outcomes = Array.from({ length: 2001 }, () => w.run('firehose put-record --delivery-stream-name p --record Data=eA=='));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2000);
    expect(outcomes[2000]!.text).toBe('An error occurred (ServiceUnavailableException) when calling the PutRecord operation: Slow down.');
    w.sim.runUntil(1000);
    expect(w.run('firehose put-record --delivery-stream-name p --record Data=eA==').ok).toBe(true);
    expect(w.fh.metrics().deliveryStreams.p!.putThrottled).toBe(1);
  });
});

describe('aws firehose update-destination', () => {
  it('changes the buffering hints (a new version, new object names) and refuses a stale version', () => {
    const w = setup();
    w.ok(`firehose create-delivery-stream --delivery-stream-name u --extended-s3-destination-configuration ${s3config(',BufferingHints={SizeInMBs=5,IntervalInSeconds=300}')}`);
    w.ok('firehose put-record --delivery-stream-name u --record Data=eA==');
    w.sim.runUntil(10_000);
    expect(w.store.list('logs')).toHaveLength(0);
    const update = `firehose update-destination --delivery-stream-name u --current-delivery-stream-version-id 1 --destination-id destinationId-000000000001 --extended-s3-destination-update BufferingHints={SizeInMBs=1,IntervalInSeconds=20}`;
    expect(w.run(update)).toMatchObject({ ok: true, text: '' });
    // The buffered record now leaves 20 s after it arrived, in an object named for version 2.
    w.sim.runUntil(20_000);
    const objects = w.store.list('logs');
    expect(objects.map((o) => o.writtenAt)).toEqual([20_000]);
    expect(objects[0]!.key).toMatch(/^2026\/01\/01\/00\/u-2-2026-01-01-00-00-20-/);
    expect(w.ok('firehose describe-delivery-stream --delivery-stream-name u')).toMatchObject({ DeliveryStreamDescription: { VersionId: '2', LastUpdateTimestamp: '2026-01-01T00:00:10.000000+00:00' } });
    expect(w.run(update).text).toContain('An error occurred (ConcurrentModificationException) when calling the UpdateDestination operation: Firehose u has version 2; the request gave 1.');
  });
});

describe('aws s3 ls and aws s3api list-objects-v2', () => {
  function withObjects() {
    const w = setup();
    w.ok(`firehose create-delivery-stream --delivery-stream-name z --extended-s3-destination-configuration ${s3config(',Prefix=raw/,CompressionFormat=GZIP,BufferingHints={SizeInMBs=1,IntervalInSeconds=60}')}`);
    for (let i = 0; i < 3; i++) {
      w.ok(`firehose put-record-batch --delivery-stream-name z --records Data=${Buffer.from(`{"i":${i}}\n`).toString('base64')}`);
      w.sim.runUntil(w.sim.now + 3_600_000);
    }
    return w;
  }

  it('ls lists buckets, one level with PRE lines, and every key with --recursive, like the CLI', () => {
    const w = withObjects();
    expect(w.run('aws s3 ls').text).toBe('2026-01-01 00:01:00 logs');
    expect(w.run('aws s3 ls s3://logs').text).toBe(`${' '.repeat(27)}PRE raw/`);
    expect(w.run('aws s3 ls s3://logs/raw/2026/01/01/').text.split('\n')).toEqual([`${' '.repeat(27)}PRE 00/`, `${' '.repeat(27)}PRE 01/`, `${' '.repeat(27)}PRE 02/`]);
    const objects = w.store.list('logs');
    const recursive = w.run('aws s3 ls s3://logs/raw/ --recursive --summarize').text.split('\n');
    expect(recursive[0]).toBe(`2026-01-01 00:01:00 ${String(objects[0]!.size).padStart(10)} ${objects[0]!.key}`);
    expect(recursive.slice(-3)).toEqual(['', 'Total Objects: 3', `   Total Size: ${objects.reduce((a, o) => a + o.size, 0)}`]);
    const oneDir = w.run('aws s3 ls s3://logs/raw/2026/01/01/00/').text;
    expect(oneDir).toMatch(/^2026-01-01 00:01:00 +\d+ z-1-2026-01-01-00-01-00-[0-9a-f-]{36}\.gz$/);
    expect(gunzipSync(Buffer.from(objects[0]!.body!, 'base64')).toString()).toBe('{"i":0}\n');
  });

  it('ls of a missing bucket answers NoSuchBucket; list-objects-v2 gives AWS JSON', () => {
    const w = withObjects();
    expect(w.run('aws s3 ls s3://nope/').text).toBe('An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist');
    const out = w.ok('aws s3api list-objects-v2 --bucket logs --prefix raw/2026/01/01/ --delimiter /');
    expect(out).toEqual({ Contents: [], CommonPrefixes: [{ Prefix: 'raw/2026/01/01/00/' }, { Prefix: 'raw/2026/01/01/01/' }, { Prefix: 'raw/2026/01/01/02/' }], Prefix: 'raw/2026/01/01/' });
    const all = w.ok('aws s3api list-objects-v2 --bucket logs --max-items 1') as { Contents: Record<string, unknown>[] };
    expect(all.Contents).toHaveLength(1);
    expect(all.Contents[0]).toMatchObject({ Key: expect.stringMatching(/^raw\/2026\/01\/01\/00\//), LastModified: '2026-01-01T00:01:00.000000+00:00', Size: expect.any(Number), StorageClass: 'STANDARD', ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
  });

  it('help shows the path argument', () => {
    const w = setup();
    const help = w.run('aws s3 ls help').text;
    expect(help).toContain('aws s3 ls\n          [<path>]');
    expect(help).toContain('<path>\n          s3://BUCKET/PREFIX');
  });
});
