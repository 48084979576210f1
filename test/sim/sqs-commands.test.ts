import { describe, expect, it } from 'vitest';
import { bind, Dispatcher, parseCommand } from '../../src/sim/commands/index.js';
import { Simulation } from '../../src/sim/core/simulation.js';
import { sqsCommands } from '../../src/sim/sqs/commands.js';
import { md5 } from '../../src/sim/sqs/ids.js';
import { SqsService } from '../../src/sim/sqs/service.js';
import { commandRunner } from '../helpers/command-runner.js';

// `aws sqs …` through the dispatcher: AWS CLI flags, AWS JSON responses, SQS error codes.

const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012';

function setup() {
  const sim = new Simulation({ seed: 1 });
  const sqs = new SqsService(sim);
  const d = new Dispatcher([bind(sqsCommands, { sim, sqs })]);
  const { run, ok, fail } = commandRunner(d);
  return { sim, sqs, d, run, ok, fail };
}

describe('queues', () => {
  it('create-queue, get-queue-url, list-queues, delete-queue', () => {
    const { ok, fail, sim } = setup();
    expect(ok('aws sqs create-queue --queue-name orders')).toEqual({ QueueUrl: `${URL}/orders` });
    expect(ok('aws sqs create-queue --queue-name orders.fifo --attributes FifoQueue=true,ContentBasedDeduplication=true')).toEqual({ QueueUrl: `${URL}/orders.fifo` });
    // Creating again with the same attributes answers the same URL; different ones are refused.
    expect(ok('aws sqs create-queue --queue-name orders')).toEqual({ QueueUrl: `${URL}/orders` });
    expect(fail('aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=60')).toBe(
      'An error occurred (QueueAlreadyExists) when calling the CreateQueue operation: A queue already exists with the same name and a different value for attribute VisibilityTimeout',
    );
    expect(ok('aws sqs get-queue-url --queue-name orders.fifo')).toEqual({ QueueUrl: `${URL}/orders.fifo` });
    expect(fail('aws sqs get-queue-url --queue-name nope')).toBe('An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.');
    expect(ok('aws sqs list-queues')).toEqual({ QueueUrls: [`${URL}/orders`, `${URL}/orders.fifo`] });
    expect(ok('aws sqs list-queues --queue-name-prefix orders.')).toEqual({ QueueUrls: [`${URL}/orders.fifo`] });
    expect(ok('aws sqs list-queues --queue-name-prefix zzz')).toBeNull();
    expect(ok(`aws sqs delete-queue --queue-url ${URL}/orders`)).toBeNull();
    expect(fail(`aws sqs get-queue-attributes --queue-url ${URL}/orders --attribute-names All`)).toMatch(/NonExistentQueue.*does not exist/);
    expect(fail('aws sqs create-queue --queue-name orders')).toBe(
      'An error occurred (AWS.SimpleQueueService.QueueDeletedRecently) when calling the CreateQueue operation: You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    );
    sim.runUntil(60_000);
    expect(ok('aws sqs create-queue --queue-name orders')).toEqual({ QueueUrl: `${URL}/orders` });
  });

  it('refuses bad names and attributes with SQS’s errors', () => {
    const { fail } = setup();
    expect(fail('aws sqs create-queue --queue-name "bad name"')).toBe('An error occurred (InvalidParameterValue) when calling the CreateQueue operation: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    expect(fail('aws sqs create-queue --queue-name plain --attributes FifoQueue=true')).toMatch(/must end with \.fifo suffix/);
    expect(fail('aws sqs create-queue --queue-name x.fifo')).toMatch(/Can only include alphanumeric/);
    expect(fail('aws sqs create-queue --queue-name q --attributes VisibilityTimeout=43201')).toBe('An error occurred (InvalidAttributeValue) when calling the CreateQueue operation: Invalid value for the parameter VisibilityTimeout.');
    expect(fail('aws sqs create-queue --queue-name q --attributes MessageRetentionPeriod=59')).toMatch(/Invalid value for the parameter MessageRetentionPeriod\./);
    expect(fail('aws sqs create-queue --queue-name q --attributes MaximumMessageSize=1023')).toMatch(/MaximumMessageSize/);
    expect(fail('aws sqs create-queue --queue-name q --attributes ContentBasedDeduplication=true')).toBe('An error occurred (InvalidAttributeName) when calling the CreateQueue operation: Unknown Attribute ContentBasedDeduplication.');
    expect(fail('aws sqs create-queue --queue-name q --attributes DeduplicationScope=messageGroup')).toMatch(/You can specify the DeduplicationScope only when FifoQueue is set to true\./);
  });

  it('get-queue-attributes and set-queue-attributes', () => {
    const { ok, fail } = setup();
    ok('aws sqs create-queue --queue-name dlq');
    ok('aws sqs create-queue --queue-name jobs --attributes VisibilityTimeout=45,DelaySeconds=5');
    const all = ok(`aws sqs get-queue-attributes --queue-url ${URL}/jobs --attribute-names All`).Attributes;
    expect(all).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      CreatedTimestamp: '0',
      DelaySeconds: '5',
      LastModifiedTimestamp: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      VisibilityTimeout: '45',
    });
    const redrive = JSON.stringify({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 5 }) });
    expect(ok(`aws sqs set-queue-attributes --queue-url ${URL}/jobs --attributes '${redrive}'`)).toBeNull();
    expect(ok(`aws sqs get-queue-attributes --queue-url ${URL}/jobs --attribute-names RedrivePolicy VisibilityTimeout`)).toEqual({
      Attributes: { RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":5}', VisibilityTimeout: '45' },
    });
    expect(ok(`aws sqs get-queue-attributes --queue-url ${URL}/jobs --attribute-names '["DelaySeconds"]'`)).toEqual({ Attributes: { DelaySeconds: '5' } });
    expect(fail(`aws sqs get-queue-attributes --queue-url ${URL}/jobs --attribute-names Colour`)).toBe('An error occurred (InvalidAttributeName) when calling the GetQueueAttributes operation: Unknown Attribute Colour.');
    expect(fail(`aws sqs set-queue-attributes --queue-url ${URL}/jobs --attributes FifoQueue=true`)).toMatch(/Unknown Attribute FifoQueue\./);
    expect(ok(`aws sqs get-queue-attributes --queue-url ${URL}/jobs`)).toBeNull();
  });
});

describe('messages', () => {
  it('send-message, receive-message, delete-message with receipt handles', () => {
    const { ok, fail, sim } = setup();
    ok('aws sqs create-queue --queue-name q');
    const q = `--queue-url ${URL}/q`;
    const sent = ok(`aws sqs send-message ${q} --message-body "hello world"`);
    expect(sent).toEqual({ MD5OfMessageBody: md5('hello world'), MessageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    const first = ok(`aws sqs receive-message ${q} --wait-time-seconds 20 --visibility-timeout 5 --attribute-names All`).Messages[0];
    expect(first).toMatchObject({ MessageId: sent.MessageId, Body: 'hello world', MD5OfBody: md5('hello world'), Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', ApproximateFirstReceiveTimestamp: '0', SenderId: expect.any(String) } });
    // Invisible for 5 s, then back with a new handle.
    expect(ok(`aws sqs receive-message ${q}`)).toBeNull();
    sim.runUntil(5_000);
    const second = ok(`aws sqs receive-message ${q} --wait-time-seconds 20 --message-system-attribute-names ApproximateReceiveCount`).Messages[0];
    expect(second.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    // The first handle no longer deletes it (the call succeeds, the message stays).
    expect(ok(`aws sqs delete-message ${q} --receipt-handle ${first.ReceiptHandle}`)).toBeNull();
    expect(ok(`aws sqs get-queue-attributes ${q} --attribute-names ApproximateNumberOfMessagesNotVisible`).Attributes.ApproximateNumberOfMessagesNotVisible).toBe('1');
    expect(ok(`aws sqs delete-message ${q} --receipt-handle ${second.ReceiptHandle}`)).toBeNull();
    expect(ok(`aws sqs get-queue-attributes ${q} --attribute-names ApproximateNumberOfMessagesNotVisible`).Attributes.ApproximateNumberOfMessagesNotVisible).toBe('0');
    expect(fail(`aws sqs delete-message ${q} --receipt-handle nonsense`)).toBe('An error occurred (ReceiptHandleIsInvalid) when calling the DeleteMessage operation: The input receipt handle "nonsense" is not a valid receipt handle.');
    expect(fail(`aws sqs receive-message ${q} --max-number-of-messages 11`)).toBe('An error occurred (InvalidParameterValue) when calling the ReceiveMessage operation: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    expect(fail(`aws sqs receive-message ${q} --wait-time-seconds 21`)).toMatch(/Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided\./);
    expect(fail(`aws sqs send-message ${q} --message-body ""`)).toBe('An error occurred (MissingParameter) when calling the SendMessage operation: The request must contain the parameter MessageBody.');
  });

  it('change-message-visibility and FIFO handles that have expired', () => {
    const { ok, fail, sim } = setup();
    ok('aws sqs create-queue --queue-name f.fifo --attributes FifoQueue=true,ContentBasedDeduplication=true,VisibilityTimeout=10');
    const q = `--queue-url ${URL}/f.fifo`;
    const sent = ok(`aws sqs send-message ${q} --message-body a --message-group-id g`);
    expect(sent.SequenceNumber).toMatch(/^\d{20}$/);
    const m = ok(`aws sqs receive-message ${q} --wait-time-seconds 20`).Messages[0];
    expect(ok(`aws sqs change-message-visibility ${q} --receipt-handle ${m.ReceiptHandle} --visibility-timeout 30`)).toBeNull();
    sim.runUntil(20_000);
    expect(ok(`aws sqs receive-message ${q}`)).toBeNull();
    sim.runUntil(30_000);
    expect(fail(`aws sqs delete-message ${q} --receipt-handle ${m.ReceiptHandle}`)).toBe(`An error occurred (InvalidParameterValue) when calling the DeleteMessage operation: Value ${m.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
    expect(fail(`aws sqs change-message-visibility ${q} --receipt-handle ${m.ReceiptHandle} --visibility-timeout 30`)).toMatch(/Message does not exist or is not available for visibility timeout change\./);
    expect(fail(`aws sqs send-message ${q} --message-body b`)).toBe('An error occurred (MissingParameter) when calling the SendMessage operation: The request must contain the parameter MessageGroupId.');
    expect(fail(`aws sqs send-message ${q} --message-body b --message-group-id g --delay-seconds 2`)).toMatch(/Value 2 for parameter DelaySeconds is invalid/);
  });

  it('send-message-batch (shorthand and JSON) with per-entry results, delete-message-batch, purge-queue', () => {
    const { ok, fail } = setup();
    ok('aws sqs create-queue --queue-name q --attributes MaximumMessageSize=1024');
    const q = `--queue-url ${URL}/q`;
    const r = ok(`aws sqs send-message-batch ${q} --entries Id=a,MessageBody=one Id=b,MessageBody=two,DelaySeconds=1`);
    expect(r.Successful.map((s: any) => s.Id)).toEqual(['a', 'b']);
    expect(r.Failed).toBeUndefined();
    const big = 'x'.repeat(1025);
    const mixed = ok(`aws sqs send-message-batch ${q} --entries '[{"Id":"ok","MessageBody":"fine"},{"Id":"big","MessageBody":"${big}"}]'`);
    expect(mixed.Successful.map((s: any) => s.Id)).toEqual(['ok']);
    expect(mixed.Failed).toEqual([{ Id: 'big', SenderFault: true, Code: 'InvalidParameterValue', Message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.' }]);
    const eleven = Array.from({ length: 11 }, (_, i) => `Id=m${i},MessageBody=x`).join(' ');
    expect(fail(`aws sqs send-message-batch ${q} --entries ${eleven}`)).toBe('An error occurred (AWS.SimpleQueueService.TooManyEntriesInBatchRequest) when calling the SendMessageBatch operation: Maximum number of entries per request are 10. You have sent 11.');
    expect(fail(`aws sqs send-message-batch ${q} --entries Id=a,MessageBody=x Id=a,MessageBody=y`)).toMatch(/BatchEntryIdsNotDistinct.*Id a repeated\./);
    expect(fail(`aws sqs send-message-batch ${q} --entries "Id=a b,MessageBody=x"`)).toMatch(/InvalidBatchEntryId/);
    expect(fail(`aws sqs send-message-batch ${q} --entries '[]'`)).toMatch(/EmptyBatchRequest.*SendMessageBatchRequestEntry/);
    const got = ok(`aws sqs receive-message ${q} --max-number-of-messages 10 --wait-time-seconds 20`).Messages;
    expect(got.length).toBeGreaterThan(0);
    const entries = got.map((m: any, i: number) => `Id=d${i},ReceiptHandle=${m.ReceiptHandle}`).join(' ');
    const deleted = ok(`aws sqs delete-message-batch ${q} --entries ${entries} Id=bad,ReceiptHandle=nope`);
    expect(deleted.Successful).toHaveLength(got.length);
    expect(deleted.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "nope" is not a valid receipt handle.' }]);
    expect(ok(`aws sqs purge-queue ${q}`)).toBeNull();
    expect(fail(`aws sqs purge-queue ${q}`)).toBe('An error occurred (AWS.SimpleQueueService.PurgeQueueInProgress) when calling the PurgeQueue operation: Only one PurgeQueue operation on q is allowed every 60 seconds.');
    expect(ok(`aws sqs get-queue-attributes ${q} --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesDelayed`)).toEqual({ Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesDelayed: '0' } });
  });

  it('start-message-move-task and list-message-move-tasks', () => {
    const { ok, fail, sim } = setup();
    ok('aws sqs create-queue --queue-name dlq');
    ok(`aws sqs create-queue --queue-name src --attributes '{"RedrivePolicy": "{\\"deadLetterTargetArn\\":\\"arn:aws:sqs:us-east-1:123456789012:dlq\\",\\"maxReceiveCount\\":\\"1\\"}", "VisibilityTimeout": "1"}'`);
    ok(`aws sqs send-message --queue-url ${URL}/src --message-body poison`);
    ok(`aws sqs receive-message --queue-url ${URL}/src --wait-time-seconds 20`);
    sim.runUntil(1_000);
    expect(ok(`aws sqs receive-message --queue-url ${URL}/src --wait-time-seconds 20`)).toBeNull();
    const inDlq = ok(`aws sqs receive-message --queue-url ${URL}/dlq --wait-time-seconds 20 --attribute-names DeadLetterQueueSourceArn --visibility-timeout 0`).Messages[0];
    expect(inDlq.Attributes).toEqual({ DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:123456789012:src' });
    sim.runUntil(1_001);
    expect(fail('aws sqs start-message-move-task --source-arn arn:aws:sqs:us-east-1:123456789012:src')).toBe('An error occurred (InvalidParameterValue) when calling the StartMessageMoveTask operation: Source queue must be configured as a Dead Letter Queue.');
    expect(fail('aws sqs start-message-move-task --source-arn arn:aws:sqs:us-east-1:123456789012:gone')).toMatch(/ResourceNotFoundException.*SourceArn parameter doesn't exist/);
    const { TaskHandle } = ok('aws sqs start-message-move-task --source-arn arn:aws:sqs:us-east-1:123456789012:dlq');
    expect(typeof TaskHandle).toBe('string');
    expect(ok('aws sqs list-message-move-tasks --source-arn arn:aws:sqs:us-east-1:123456789012:dlq').Results[0]).toMatchObject({ TaskHandle, Status: 'RUNNING', ApproximateNumberOfMessagesToMove: 1 });
    sim.runUntil(3_000);
    expect(ok('aws sqs list-message-move-tasks --source-arn arn:aws:sqs:us-east-1:123456789012:dlq').Results[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    expect(ok(`aws sqs receive-message --queue-url ${URL}/src --wait-time-seconds 20`).Messages[0].Body).toBe('poison');
  });
});

describe('the command table', () => {
  it('parses at load time, offers queue URLs on Tab, and prints help', () => {
    const { ok, d, run } = setup();
    expect(parseCommand('aws sqs receive-message --queue-url x --attribute-names All SentTimestamp')).toMatchObject({ kind: 'invocation' });
    expect(parseCommand('aws sqs send-message --queue-url x')).toMatchObject({ kind: 'usage-error', error: 'aws: error: the following arguments are required: --message-body' });
    ok('aws sqs create-queue --queue-name orders');
    expect(d.complete('aws sqs send-message --queue-url ').candidates).toEqual([`${URL}/orders`]);
    expect(d.complete('aws sqs get-queue-attributes --queue-url x --attribute-names Appr').candidates).toContain('ApproximateNumberOfMessages');
    const help = run('aws sqs receive-message help');
    expect(help.kind).toBe('help');
    expect(help.text).toContain('--attribute-names <value> [<value>...]');
    for (const line of run('aws sqs help').text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
