import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/core/simulation.js';
import { bind, Dispatcher, kinesisCommands, parseCommand, tokenize, tokenizeLenient, USAGE_BANNER } from '../../src/sim/commands/index.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { commandRunner } from '../helpers/command-runner.js';

function setup() {
  const sim = new Simulation({ seed: 1 });
  const kinesis = new KinesisService(sim);
  const efo = new EnhancedFanOut(sim, kinesis);
  const d = new Dispatcher([bind(kinesisCommands, { sim, kinesis, efo })]);
  const { run, ok, fail } = commandRunner(d);
  return { sim, kinesis, efo, d, run, ok, fail };
}

const ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/orders';
const MID = '170141183460469231731687303715884105728'; // 2^127

describe('tokenizer', () => {
  it('splits on whitespace and honours quotes and escapes like a shell', () => {
    expect(tokenize(`aws kinesis put-record --data "a b" --partition-key 'x y' --k=v`).map((t) => t.value)).toEqual(['aws', 'kinesis', 'put-record', '--data', 'a b', '--partition-key', 'x y', '--k=v']);
    expect(tokenize(String.raw`a\ b "say \"hi\"" 'it''s' "back\\slash" "keep\n"`).map((t) => t.value)).toEqual(['a b', 'say "hi"', 'its', 'back\\slash', 'keep\\n']);
    expect(tokenize(`--records '[{"Data":"eA==","PartitionKey":"k"}]'`).map((t) => t.value)).toEqual(['--records', '[{"Data":"eA==","PartitionKey":"k"}]']);
    expect(tokenize('  ')).toEqual([]);
  });

  it('keeps each token’s position (for completion)', () => {
    expect(tokenize(`ab  "c d" e`)).toEqual([
      { value: 'ab', start: 0, end: 2 },
      { value: 'c d', start: 4, end: 9 },
      { value: 'e', start: 10, end: 11 },
    ]);
    expect(tokenizeLenient('a "open')).toMatchObject({ openQuote: '"', trailingSpace: false });
    expect(tokenizeLenient('a b ')).toMatchObject({ trailingSpace: true });
  });

  it('refuses an unterminated quote when running', () => {
    expect(() => tokenize(`kinesis list-streams "x`)).toThrow(/unterminated double quote/);
    const { run } = setup();
    expect(run(`kinesis list-shards --stream-name 'x`)).toMatchObject({ kind: 'usage-error', error: 'aws: error: unterminated single quote' });
  });
});

describe('usage errors are the AWS CLI’s', () => {
  it('missing required arguments, listed in table order after the usage banner', () => {
    const { run } = setup();
    const o = run('aws kinesis put-record --stream-name orders');
    expect(o).toMatchObject({ kind: 'usage-error', ok: false, error: 'aws: error: the following arguments are required: --data, --partition-key' });
    expect(o.text).toBe(`${USAGE_BANNER}\naws: error: the following arguments are required: --data, --partition-key`);
    expect(run('kinesis describe-stream-summary')).toMatchObject({ error: 'aws: error: the following arguments are required: --stream-name' });
  });

  it('unknown command: the valid choices in two columns', () => {
    const { run } = setup();
    const o = run('aws kinesis putt-record');
    expect(o.ok).toBe(false);
    expect(o.text).toContain('aws: error: argument operation: Invalid choice, valid choices are:\n\ncreate-stream                            | decrease-stream-retention-period\n');
    expect(o.text.trimEnd().endsWith('| help')).toBe(true);
    expect(run('aws kinsis list-streams').text).toContain('aws: error: argument command: Invalid choice, valid choices are:\n\nkinesis                                  | help');
    expect(run('aws')).toMatchObject({ error: 'aws: error: the following arguments are required: command' });
    expect(run('kinesis')).toMatchObject({ error: 'aws: error: the following arguments are required: operation' });
  });

  it('unknown options and stray words; a flag without its value', () => {
    const { run } = setup();
    expect(run('kinesis list-shards --stream-name orders --foo bar')).toMatchObject({ error: 'aws: error: Unknown options: --foo, bar' });
    expect(run('kinesis list-shards --stream-name')).toMatchObject({ error: 'aws: error: argument --stream-name: expected one argument' });
    expect(run('kinesis list-shards --stream-name --foo')).toMatchObject({ error: 'aws: error: argument --stream-name: expected one argument' });
    expect(run('kinesis put-records --stream-name s --records')).toMatchObject({ error: 'aws: error: argument --records: expected at least one argument' });
  });

  it('parameter errors: integers, shorthand, JSON and structure members', () => {
    const { run, fail } = setup();
    expect(run('kinesis create-stream --stream-name x --shard-count two')).toMatchObject({ error: "Error parsing parameter '--shard-count': expected an integer, received: 'two'" });
    expect(fail('kinesis create-stream --stream-name x --stream-mode-details ON_DEMAND')).toMatch(/^Error parsing parameter '--stream-mode-details': Expected: '=', received: 'EOF'/);
    expect(fail(`kinesis put-records --stream-name x --records '[{"Data": "eA=="'`)).toMatch(/^Error parsing parameter '--records': Invalid JSON: /);
    const missing = run('kinesis put-records --stream-name x --records Data=eA==');
    expect(missing).toMatchObject({ error: 'Parameter validation failed: Missing required parameter in Records[0]: "PartitionKey"' });
    expect(missing.text).toBe('Parameter validation failed:\nMissing required parameter in Records[0]: "PartitionKey"');
    expect(run('kinesis create-stream --stream-name x --stream-mode-details Mode=ON_DEMAND')).toMatchObject({ error: 'Parameter validation failed: Unknown parameter in StreamModeDetails: "Mode", must be one of: StreamMode' });
    expect(fail(`kinesis put-records --stream-name x --records '[{"Data": 5, "PartitionKey": "k"}]'`)).toBe('Parameter validation failed: Invalid type for parameter Records[0].Data, value: 5, type: number, valid types: string');
    expect(fail('kinesis get-shard-iterator --stream-name x --shard-id s --shard-iterator-type AT_TIMESTAMP --timestamp yesterday')).toMatch(/^Error parsing parameter '--timestamp': Unable to parse timestamp 'yesterday'/);
  });

  it('parses without an engine, for scenario files', () => {
    expect(parseCommand('kinesis list-streams')).toMatchObject({ kind: 'invocation' });
    expect(parseCommand('kinesis putt-record')).toMatchObject({ kind: 'usage-error', invalid: 'putt-record', choices: expect.arrayContaining(['put-record']) });
  });
});

describe('kinesis commands', () => {
  it('create-stream, list-streams, describe-stream-summary', () => {
    const { ok, fail } = setup();
    expect(ok('aws kinesis create-stream --stream-name orders --shard-count 2')).toBeNull();
    expect(ok('kinesis create-stream --stream-name clicks --stream-mode-details StreamMode=ON_DEMAND')).toBeNull();
    expect(ok(`kinesis create-stream --stream-name big --shard-count 1 --max-record-size-in-ki-b 10240 --stream-mode-details '{"StreamMode": "PROVISIONED"}'`)).toBeNull();
    expect(ok('kinesis list-streams')).toEqual({
      StreamNames: ['big', 'clicks', 'orders'],
      HasMoreStreams: false,
      StreamSummaries: [
        { StreamName: 'big', StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/big', StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: 0 },
        { StreamName: 'clicks', StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks', StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamCreationTimestamp: 0 },
        { StreamName: 'orders', StreamARN: ARN, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: 0 },
      ],
    });
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary).toMatchObject({ StreamName: 'orders', StreamARN: ARN, StreamStatus: 'ACTIVE', OpenShardCount: 2, RetentionPeriodHours: 24, ConsumerCount: 0, MaxRecordSizeInKiB: 1024 });
    expect(ok('kinesis describe-stream-summary --stream-name big').StreamDescriptionSummary.MaxRecordSizeInKiB).toBe(10240);
    expect(ok('kinesis describe-stream-summary --stream-name clicks').StreamDescriptionSummary).toMatchObject({ StreamModeDetails: { StreamMode: 'ON_DEMAND' }, OpenShardCount: 4 });
    expect(fail('kinesis describe-stream-summary --stream-name foo')).toBe('An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream foo under account 123456789012 not found.');
    expect(fail('kinesis create-stream --stream-name orders --shard-count 1')).toBe('An error occurred (ResourceInUseException) when calling the CreateStream operation: Stream orders under account 123456789012 already exists.');
    expect(fail('kinesis create-stream --stream-name x --stream-mode-details StreamMode=FAST')).toBe(
      "An error occurred (ValidationException) when calling the CreateStream operation: 1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]",
    );
    expect(fail('kinesis create-stream --stream-name x --shard-count 0')).toMatch(/^An error occurred \(InvalidArgumentException\) when calling the CreateStream operation: ShardCount/);
    expect(fail('kinesis create-stream --stream-name x --max-record-size-in-ki-b 20000')).toMatch(/\(ValidationException\) when calling the CreateStream operation: MaxRecordSizeInKiB must be between 1024 and 10240/);
  });

  it('the response text is the CLI’s: four-space JSON, nothing for an empty body', () => {
    const { run } = setup();
    expect(run('kinesis create-stream --stream-name orders')).toMatchObject({ kind: 'response', operation: 'CreateStream', response: null, text: '' });
    expect(run('kinesis list-streams').text).toMatch(/^\{\n {4}"StreamNames": \[\n {8}"orders"\n {4}\],/);
  });

  it('delete-stream, refused while consumers are registered unless enforced', () => {
    const { ok, fail } = setup();
    ok('kinesis create-stream --stream-name orders');
    ok(`kinesis register-stream-consumer --stream-arn ${ARN} --consumer-name app`);
    expect(fail('kinesis delete-stream --stream-name orders')).toMatch(/^An error occurred \(ResourceInUseException\) when calling the DeleteStream operation: Stream orders under account 123456789012 has registered consumers/);
    expect(ok('kinesis delete-stream --stream-name orders --enforce-consumer-deletion')).toBeNull();
    expect(ok('kinesis list-streams').StreamNames).toEqual([]);
    expect(fail('kinesis delete-stream --stream-name orders')).toBe('An error occurred (ResourceNotFoundException) when calling the DeleteStream operation: Stream orders under account 123456789012 not found.');
    ok('kinesis create-stream --stream-name orders');
    ok('kinesis delete-stream --stream-name orders --no-enforce-consumer-deletion');
  });

  it('list-shards gives hash key ranges as decimal strings', () => {
    const { ok } = setup();
    ok('kinesis create-stream --stream-name orders --shard-count 2');
    const { Shards } = ok('kinesis list-shards --stream-name orders');
    expect(Shards).toEqual([
      { ShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: '170141183460469231731687303715884105727' }, SequenceNumberRange: { StartingSequenceNumber: '49000000000100000000000000000000000000000000000000000000' } },
      { ShardId: 'shardId-000000000001', HashKeyRange: { StartingHashKey: MID, EndingHashKey: '340282366920938463463374607431768211455' }, SequenceNumberRange: { StartingSequenceNumber: '49000000000100000001000000000000000000000000000000000000' } },
    ]);
  });

  it('put-record: plain text or base64 data, explicit hash keys, size = data bytes + key bytes', () => {
    const { ok, fail, kinesis } = setup();
    ok('kinesis create-stream --stream-name orders --shard-count 2');
    expect(ok('kinesis put-record --stream-name orders --partition-key k --data "hello world" --explicit-hash-key 0')).toEqual({ ShardId: 'shardId-000000000000', SequenceNumber: '49000000000100000000000000000000000000000000000000000000' });
    // "aGVsbG8=" is base64 for "hello": 5 bytes, plus the 1-byte key.
    expect(ok(`kinesis put-record --stream-name orders --partition-key k --data aGVsbG8= --explicit-hash-key ${MID}`).ShardId).toBe('shardId-000000000001');
    const stream = kinesis.stream('orders');
    expect(stream.shards.map((s) => s.bytesIn)).toEqual([12, 6]);
    // Without an explicit hash key, the MD5 of the key decides: md5("k") is above 2^127.
    expect(ok('kinesis put-record --stream-name orders --partition-key k --data x').ShardId).toBe('shardId-000000000001');
    expect(fail('kinesis put-record --stream-name orders --partition-key k --data x --explicit-hash-key 2e5')).toBe(
      'An error occurred (InvalidArgumentException) when calling the PutRecord operation: ExplicitHashKey 2e5 is not a decimal integer between 0 and 2^128 - 1.',
    );
    expect(fail(`kinesis put-record --stream-name orders --partition-key ${'k'.repeat(257)} --data x`)).toMatch(/\(ValidationException\) when calling the PutRecord operation: 1 validation error detected: Value at 'partitionKey'/);
    expect(fail('kinesis put-record --stream-name nope --partition-key k --data x')).toBe('An error occurred (ResourceNotFoundException) when calling the PutRecord operation: Stream nope under account 123456789012 not found.');
  });

  it('put-record throttles past 1,000 records/s on one shard with the AWS error', () => {
    const { ok, run } = setup();
    ok('kinesis create-stream --stream-name orders');
    for (let i = 0; i < 1000; i++) ok('kinesis put-record --stream-name orders --partition-key k --data x');
    expect(run('kinesis put-record --stream-name orders --partition-key k --data x')).toMatchObject({
      kind: 'aws-error',
      code: 'ProvisionedThroughputExceededException',
      error: 'An error occurred (ProvisionedThroughputExceededException) when calling the PutRecord operation: Rate exceeded for shard shardId-000000000000 in stream orders under account 123456789012.',
    });
  });

  it('put-records: JSON or shorthand entries, per-entry failures', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders');
    const json = ok(`kinesis put-records --stream-name orders --records '[{"Data":"eA==","PartitionKey":"a"},{"Data":"plain text","PartitionKey":"b"}]'`);
    expect(json).toEqual({
      FailedRecordCount: 0,
      Records: [
        { SequenceNumber: '49000000000100000000000000000000000000000000000000000000', ShardId: 'shardId-000000000000' },
        { SequenceNumber: '49000000000100000000000000000000000000000000000000000001', ShardId: 'shardId-000000000000' },
      ],
    });
    const shorthand = ok(`kinesis put-records --stream-name orders --records Data=aGk=,PartitionKey=a 'Data="a,b",PartitionKey=b'`);
    expect(shorthand.FailedRecordCount).toBe(0);
    expect(shorthand.Records).toHaveLength(2);
    // Fill the second's allowance, then one entry more than it has room for fails on its own.
    sim.runUntil(1000);
    const many = Array.from({ length: 500 }, (_, i) => `Data=eA==,PartitionKey=k${i}`).join(' ');
    expect(ok(`kinesis put-records --stream-name orders --records ${many}`).FailedRecordCount).toBe(0);
    expect(ok(`kinesis put-records --stream-name orders --records ${many}`).FailedRecordCount).toBe(0);
    const over = ok('kinesis put-records --stream-name orders --records Data=eA==,PartitionKey=a');
    expect(over).toEqual({
      FailedRecordCount: 1,
      Records: [{ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard shardId-000000000000 in stream orders under account 123456789012.' }],
    });
    const tooMany = Array.from({ length: 501 }, () => 'Data=eA==,PartitionKey=a').join(' ');
    expect(fail(`kinesis put-records --stream-name orders --records ${tooMany}`)).toMatch(/^An error occurred \(ValidationException\) when calling the PutRecords operation: 1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500/);
  });

  it('get-shard-iterator and get-records read back what was written', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders');
    const first = ok('kinesis put-record --stream-name orders --partition-key a --data "hello world"');
    sim.runUntil(30_000);
    ok('kinesis put-record --stream-name orders --partition-key b --data aGk=');
    const { ShardIterator } = ok('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type TRIM_HORIZON');
    expect(ShardIterator).toMatch(/^AAAA/);
    const page = ok(`kinesis get-records --shard-iterator ${ShardIterator}`);
    expect(page.Records).toEqual([
      { SequenceNumber: first.SequenceNumber, ApproximateArrivalTimestamp: 0, Data: Buffer.from('hello world').toString('base64'), PartitionKey: 'a' },
      { SequenceNumber: '49000000000100000000000000000000000000000000000000000001', ApproximateArrivalTimestamp: 30, Data: 'aGk=', PartitionKey: 'b' },
    ]);
    expect(page).toMatchObject({ MillisBehindLatest: 0, NextShardIterator: expect.stringMatching(/^AAAA/) });
    const limited = ok(`kinesis get-records --shard-iterator ${ok('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type TRIM_HORIZON').ShardIterator} --limit 1`);
    expect(limited.Records).toHaveLength(1);
    const after = ok(`kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type AFTER_SEQUENCE_NUMBER --starting-sequence-number ${first.SequenceNumber}`);
    expect(ok(`kinesis get-records --shard-iterator ${after.ShardIterator}`).Records.map((r: { PartitionKey: string }) => r.PartitionKey)).toEqual(['b']);
    for (const ts of ['20', '1970-01-01T00:00:20Z']) {
      const at = ok(`kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type AT_TIMESTAMP --timestamp ${ts}`);
      expect(ok(`kinesis get-records --shard-iterator ${at.ShardIterator}`).Records.map((r: { PartitionKey: string }) => r.PartitionKey)).toEqual(['b']);
    }
    expect(fail('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000009 --shard-iterator-type LATEST')).toBe(
      'An error occurred (ResourceNotFoundException) when calling the GetShardIterator operation: Shard shardId-000000000009 in stream orders under account 123456789012 does not exist',
    );
    expect(fail('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type OLDEST')).toMatch(/\(ValidationException\) when calling the GetShardIterator operation: 1 validation error detected: Value 'OLDEST' at 'shardIteratorType'/);
    expect(fail('kinesis get-records --shard-iterator bogus')).toBe('An error occurred (InvalidArgumentException) when calling the GetRecords operation: Invalid ShardIterator: bogus');
    expect(fail(`kinesis get-records --shard-iterator ${ShardIterator} --limit 0`)).toMatch(/\(ValidationException\) when calling the GetRecords operation: 1 validation error detected: Value '0' at 'limit'/);
  });

  it('get-records: an iterator expires after 5 minutes; the sixth call in a second is throttled', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders');
    const it0 = ok('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type LATEST').ShardIterator;
    sim.runUntil(301_000);
    expect(fail(`kinesis get-records --shard-iterator ${it0}`)).toMatch(/^An error occurred \(ExpiredIteratorException\) when calling the GetRecords operation: Iterator expired/);
    let iterator = ok('kinesis get-shard-iterator --stream-name orders --shard-id shardId-000000000000 --shard-iterator-type LATEST').ShardIterator;
    for (let i = 0; i < 5; i++) iterator = ok(`kinesis get-records --shard-iterator ${iterator}`).NextShardIterator;
    expect(fail(`kinesis get-records --shard-iterator ${iterator}`)).toBe('An error occurred (ProvisionedThroughputExceededException) when calling the GetRecords operation: Rate exceeded for Shard - shardId-000000000000 in stream orders under account 123456789012.');
  });

  it('split-shard and merge-shards take time and refuse a second operation meanwhile', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders --shard-count 2');
    expect(ok(`kinesis split-shard --stream-name orders --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864`)).toBeNull();
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary.StreamStatus).toBe('UPDATING');
    expect(fail('kinesis merge-shards --stream-name orders --shard-to-merge shardId-000000000000 --adjacent-shard-to-merge shardId-000000000001')).toBe(
      'An error occurred (ResourceInUseException) when calling the MergeShards operation: Stream orders under account 123456789012 not ACTIVE, instead in state UPDATING',
    );
    sim.runUntil(60_000);
    const shards = ok('kinesis list-shards --stream-name orders').Shards;
    expect(shards.map((s: { ShardId: string; ParentShardId?: string }) => [s.ShardId, s.ParentShardId ?? null])).toEqual([
      ['shardId-000000000000', null],
      ['shardId-000000000001', null],
      ['shardId-000000000002', 'shardId-000000000000'],
      ['shardId-000000000003', 'shardId-000000000000'],
    ]);
    expect(fail('kinesis split-shard --stream-name orders --shard-to-split shardId-000000000000 --new-starting-hash-key 5')).toMatch(/\(ResourceInUseException\) when calling the SplitShard operation: Shard shardId-000000000000 in stream orders under account 123456789012 has already been merged or split/);
    expect(fail('kinesis split-shard --stream-name orders --shard-to-split shardId-000000000001 --new-starting-hash-key 5')).toMatch(/^An error occurred \(InvalidArgumentException\) when calling the SplitShard operation: NewStartingHashKey 5 used in SplitShard\(\) on shard shardId-000000000001/);
    expect(fail('kinesis merge-shards --stream-name orders --shard-to-merge shardId-000000000002 --adjacent-shard-to-merge shardId-000000000001')).toBe(
      'An error occurred (InvalidArgumentException) when calling the MergeShards operation: Shards shardId-000000000002 and shardId-000000000001 in stream orders under account 123456789012 are not an adjacent pair of shards eligible for merging',
    );
    expect(ok('kinesis merge-shards --stream-name orders --shard-to-merge shardId-000000000003 --adjacent-shard-to-merge shardId-000000000001')).toBeNull();
    sim.runUntil(120_000);
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary.OpenShardCount).toBe(2);
  });

  it('update-shard-count: uniform scaling, the 2× rule and the scaling type', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders --shard-count 2');
    expect(fail('kinesis update-shard-count --stream-name orders --target-shard-count 4')).toBe('aws: error: the following arguments are required: --scaling-type');
    expect(fail('kinesis update-shard-count --stream-name orders --target-shard-count 4 --scaling-type FAST')).toBe(
      "An error occurred (ValidationException) when calling the UpdateShardCount operation: 1 validation error detected: Value 'FAST' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]",
    );
    expect(fail('kinesis update-shard-count --stream-name orders --target-shard-count 5 --scaling-type UNIFORM_SCALING')).toBe(
      'An error occurred (InvalidArgumentException) when calling the UpdateShardCount operation: UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 2 Target shard count: 5',
    );
    expect(ok('kinesis update-shard-count --stream-name orders --target-shard-count 4 --scaling-type UNIFORM_SCALING')).toEqual({ StreamName: 'orders', CurrentShardCount: 2, TargetShardCount: 4, StreamARN: ARN });
    sim.runUntil(60_000);
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary.OpenShardCount).toBe(4);
    ok('kinesis create-stream --stream-name od --stream-mode-details StreamMode=ON_DEMAND');
    expect(fail('kinesis update-shard-count --stream-name od --target-shard-count 8 --scaling-type UNIFORM_SCALING')).toMatch(/\(ValidationException\) when calling the UpdateShardCount operation: Stream od is in ON_DEMAND mode/);
  });

  it('increase and decrease the retention period within 24–8,760 hours', () => {
    const { ok, fail } = setup();
    ok('kinesis create-stream --stream-name orders');
    expect(ok('kinesis increase-stream-retention-period --stream-name orders --retention-period-hours 168')).toBeNull();
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary.RetentionPeriodHours).toBe(168);
    expect(fail('kinesis increase-stream-retention-period --stream-name orders --retention-period-hours 48')).toBe(
      'An error occurred (InvalidArgumentException) when calling the IncreaseStreamRetentionPeriod operation: Requested retention period (48 hours) for stream orders can not be shorter than existing retention period (168 hours). Use DecreaseRetentionPeriod API.',
    );
    expect(fail('kinesis increase-stream-retention-period --stream-name orders --retention-period-hours 9000')).toBe(
      'An error occurred (InvalidArgumentException) when calling the IncreaseStreamRetentionPeriod operation: Minimum allowed retention period is 24 hours. Maximum allowed retention period is 8760 hours. Requested retention period (9000 hours) is out of range.',
    );
    expect(ok('kinesis decrease-stream-retention-period --stream-name orders --retention-period-hours 24')).toBeNull();
    expect(fail('kinesis decrease-stream-retention-period --stream-name orders --retention-period-hours 12')).toMatch(/\(InvalidArgumentException\) when calling the DecreaseStreamRetentionPeriod operation: Minimum allowed retention period is 24 hours/);
  });

  it('register, list and describe stream consumers', () => {
    const { ok, fail, sim } = setup();
    ok('kinesis create-stream --stream-name orders');
    const { Consumer } = ok(`kinesis register-stream-consumer --stream-arn ${ARN} --consumer-name app`);
    expect(Consumer).toEqual({ ConsumerName: 'app', ConsumerARN: `${ARN}/consumer/app:0`, ConsumerStatus: 'CREATING', ConsumerCreationTimestamp: 0 });
    sim.runUntil(10_000);
    expect(ok(`kinesis list-stream-consumers --stream-arn ${ARN}`)).toEqual({ Consumers: [{ ...Consumer, ConsumerStatus: 'ACTIVE' }] });
    const described = { ConsumerDescription: { ...Consumer, ConsumerStatus: 'ACTIVE', StreamARN: ARN } };
    expect(ok(`kinesis describe-stream-consumer --stream-arn ${ARN} --consumer-name app`)).toEqual(described);
    expect(ok(`kinesis describe-stream-consumer --consumer-arn ${Consumer.ConsumerARN}`)).toEqual(described);
    expect(ok('kinesis describe-stream-summary --stream-name orders').StreamDescriptionSummary.ConsumerCount).toBe(1);
    expect(fail(`kinesis register-stream-consumer --stream-arn ${ARN} --consumer-name app`)).toBe('An error occurred (ResourceInUseException) when calling the RegisterStreamConsumer operation: Consumer app under stream orders already exists for account 123456789012.');
    expect(fail('kinesis register-stream-consumer --stream-arn orders --consumer-name app')).toMatch(/^An error occurred \(ValidationException\) when calling the RegisterStreamConsumer operation: 1 validation error detected: Value 'orders' at 'streamARN'/);
    expect(fail('kinesis list-stream-consumers --stream-arn arn:aws:kinesis:us-east-1:123456789012:stream/nope')).toBe('An error occurred (ResourceNotFoundException) when calling the ListStreamConsumers operation: Stream nope under account 123456789012 not found.');
    expect(fail(`kinesis describe-stream-consumer --stream-arn ${ARN} --consumer-name other`)).toBe('An error occurred (ResourceNotFoundException) when calling the DescribeStreamConsumer operation: Consumer other under stream orders not found for account 123456789012.');
    expect(fail('kinesis describe-stream-consumer --consumer-name app')).toMatch(/\(InvalidArgumentException\) when calling the DescribeStreamConsumer operation: Either ConsumerARN or both StreamARN and ConsumerName/);
    for (let i = 1; i < 20; i++) ok(`kinesis register-stream-consumer --stream-arn ${ARN} --consumer-name c${i}`);
    expect(fail(`kinesis register-stream-consumer --stream-arn ${ARN} --consumer-name c20`)).toBe('An error occurred (LimitExceededException) when calling the RegisterStreamConsumer operation: Consumer limit of 20 reached for stream orders.');
  });
});

describe('help', () => {
  it('lists services, a service’s commands, and a command’s flags from the table', () => {
    const { run } = setup();
    for (const line of ['help', 'aws help']) expect(run(line)).toMatchObject({ kind: 'help', text: expect.stringContaining('kinesis   Amazon Kinesis Data Streams') });
    const service = run('aws kinesis help').text;
    for (const c of kinesisCommands.commands) expect(service).toContain(`  ${c.name} `);
    const command = run('kinesis put-record help').text;
    expect(command).toContain('SYNOPSIS\n          aws kinesis put-record\n          --stream-name <value>\n          --data <value>\n          --partition-key <value>\n          [--explicit-hash-key <value>]');
    expect(command).toContain('--partition-key (string) [required]');
    expect(run('kinesis delete-stream help').text).toContain('[--enforce-consumer-deletion | --no-enforce-consumer-deletion]');
    expect(run('kinesis get-shard-iterator help').text).toContain('Possible values: AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER,\n          TRIM_HORIZON, LATEST, AT_TIMESTAMP');
    // help wins over missing required flags, as in the CLI
    expect(run('kinesis put-record --stream-name x help').kind).toBe('help');
    for (const text of [run('help').text, service, command]) for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('completion', () => {
  it('completes services, commands, flags and values', () => {
    const { d, ok } = setup();
    ok('kinesis create-stream --stream-name orders --shard-count 2');
    ok('kinesis create-stream --stream-name clicks');
    expect(d.complete('')).toEqual({ from: 0, to: 0, candidates: ['aws', 'kinesis', 'help'] });
    expect(d.complete('aws ki')).toEqual({ from: 4, to: 6, candidates: ['kinesis'] });
    expect(d.complete('kinesis put-')).toEqual({ from: 8, to: 12, candidates: ['put-record', 'put-records'] });
    expect(d.complete('aws kinesis list-s').candidates).toEqual(['list-shards', 'list-stream-consumers', 'list-streams']);
    expect(d.complete('kinesis put-record ').candidates).toEqual(['--stream-name', '--data', '--partition-key', '--explicit-hash-key']);
    expect(d.complete('kinesis put-record --stream-name orders --p')).toEqual({ from: 40, to: 43, candidates: ['--partition-key'] });
    expect(d.complete('kinesis put-record --stream-name ').candidates).toEqual(['orders', 'clicks']);
    expect(d.complete('kinesis put-record --stream-name o').candidates).toEqual(['orders']);
    expect(d.complete('kinesis split-shard --stream-name orders --shard-to-split ').candidates).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(d.complete('kinesis get-shard-iterator --shard-iterator-type T').candidates).toEqual(['TRIM_HORIZON']);
    expect(d.complete('kinesis get-shard-iterator --shard-iterator-type=L').candidates).toEqual(['--shard-iterator-type=LATEST']);
    expect(d.complete('kinesis update-shard-count --scaling-type ').candidates).toEqual(['UNIFORM_SCALING']);
    expect(d.complete('kinesis list-stream-consumers --stream-arn ').candidates).toEqual([ARN, 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks']);
    expect(d.complete('kinesis delete-stream --stream-name orders --enforce-consumer-deletion ').candidates).toEqual([]);
    // The cursor may sit mid-line: only the text before it counts.
    expect(d.complete('kinesis list-sh --stream-name orders', 15)).toEqual({ from: 8, to: 15, candidates: ['list-shards'] });
    expect(d.complete('kinesis nope ').candidates).toEqual([]);
  });
});
