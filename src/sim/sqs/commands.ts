import type { Args, CommandSpec, FlagSpec, ServiceTable, StructureValue } from '../commands/types.js';
import type { Simulation } from '../core/simulation.js';
import { AwsError } from '../kinesis/errors.js';
import { READABLE, SETTABLE } from './attributes.js';
import { md5, parseReceiptHandle, receiptHandle, sequenceNumberOf, uuidOf } from './ids.js';
import { GONE, type Message } from './message.js';
import type { Queue } from './queue.js';
import { type Entry, type SqsService } from './service.js';

// `aws sqs …` against the engine. Flag names, required flags and response shapes follow the AWS
// CLI and the SQS API (JSON protocol); handlers translate, the service applies the rules.

export interface SqsContext {
  sim: Simulation;
  sqs: SqsService;
}

type Flag = FlagSpec<SqsContext>;

/** A stand-in IAM user id: every message is sent by the lab's one principal. */
const SENDER_ID = 'AIDAIENQZJOLO23YVJ4VO';

const MESSAGE_ATTRIBUTES = [
  'All',
  'ApproximateFirstReceiveTimestamp',
  'ApproximateReceiveCount',
  'DeadLetterQueueSourceArn',
  'MessageDeduplicationId',
  'MessageGroupId',
  'SenderId',
  'SentTimestamp',
  'SequenceNumber',
] as const;

const queueUrlFlag: Flag = {
  name: 'queue-url',
  type: 'string',
  required: true,
  help: 'The URL of the queue, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/orders.',
  suggest: (ctx) => ctx.sqs.listQueues().map((q) => q.url),
};

const attributesFlag = (required: boolean): Flag => ({
  name: 'attributes',
  type: 'structure',
  required,
  help: 'Queue attributes as Name=Value pairs (shorthand) or a JSON object of strings, e.g. VisibilityTimeout=60,DelaySeconds=5.',
  members: SETTABLE.map((name) => ({ name, type: 'string' as const })),
});

const receiptHandleFlag: Flag = { name: 'receipt-handle', type: 'string', required: true, help: 'The receipt handle of the receive (each receive issues a new one).' };

function queueOf(ctx: SqsContext, args: Args): Queue {
  return ctx.sqs.queueByUrl(args.string('queue-url'));
}

function attributesOf(args: Args): Record<string, string> {
  const s = args.structure('attributes') ?? {};
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

function invalidHandle(handle: string): AwsError {
  return new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
}

/** The message and the receive a handle stands for, in this queue. */
function byHandle(queue: Queue, handle: string): { message: Message; receipt: number } {
  const parsed = parseReceiptHandle(handle);
  const message = parsed && parsed.queue === queue.name ? queue.handles.get(parsed.seq) : undefined;
  if (!parsed || !message) throw invalidHandle(handle);
  return { message, receipt: parsed.receive };
}

/** Generated traffic carries no text; the console shows a stand-in of the same size. */
function bodyOf(m: Message): string {
  return m.body ?? `generated message ${m.logical} (${m.size} bytes)`;
}

function messageAttributes(queue: Queue, m: Message, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all: Record<string, string | null> = {
    ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
    ApproximateReceiveCount: String(m.receiveCount),
    DeadLetterQueueSourceArn: m.sourceArn,
    MessageDeduplicationId: queue.fifo ? (m.dedupId ?? null) : null,
    MessageGroupId: m.groupId,
    SenderId: SENDER_ID,
    SentTimestamp: String(m.sentAt),
    SequenceNumber: queue.fifo ? sequenceNumberOf(m.fifoSeq) : null,
  };
  const wanted = names.includes('All') ? Object.keys(all) : names;
  const out: Record<string, string> = {};
  for (const key of [...wanted].sort()) {
    const v = all[key];
    if (v !== null && v !== undefined) out[key] = v;
  }
  return out;
}

function entryFrom(ctx: SqsContext, body: string, delay: number | undefined, group: string | undefined, dedup: string | undefined): Entry {
  return {
    body,
    size: Buffer.byteLength(body, 'utf8'),
    delayMs: delay === undefined ? null : delay * 1000,
    groupId: group ?? null,
    dedupId: dedup ?? null,
    logical: ctx.sqs.logical(),
    poison: false,
    firstSentAt: ctx.sim.now,
  };
}

function optional(v: StructureValue[string] | undefined): string | undefined {
  return v === undefined ? undefined : String(v);
}

const commands: CommandSpec<SqsContext>[] = [
  {
    name: 'create-queue',
    operation: 'CreateQueue',
    summary: 'Creates a standard queue, or a FIFO queue (a .fifo name and FifoQueue=true).',
    flags: [{ name: 'queue-name', type: 'string', required: true, help: 'The name: up to 80 of a-z A-Z 0-9 - _; FIFO names end in .fifo.' }, attributesFlag(false)],
    run(ctx, args) {
      return { QueueUrl: ctx.sqs.createQueue(args.string('queue-name'), attributesOf(args)).url };
    },
  },
  {
    name: 'get-queue-url',
    operation: 'GetQueueUrl',
    summary: 'Returns the URL of a queue by name.',
    flags: [
      { name: 'queue-name', type: 'string', required: true, help: 'The name of the queue.', suggest: (ctx) => ctx.sqs.listQueues().map((q) => q.name) },
      { name: 'queue-owner-aws-account-id', type: 'string', help: 'The account that owns the queue (always 123456789012 here).' },
    ],
    run(ctx, args) {
      const owner = args.optString('queue-owner-aws-account-id');
      if (owner !== undefined && owner !== '123456789012') throw new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      return { QueueUrl: ctx.sqs.queueByName(args.string('queue-name')).url };
    },
  },
  {
    name: 'list-queues',
    operation: 'ListQueues',
    summary: 'Lists queue URLs, optionally those whose names start with a prefix.',
    flags: [
      { name: 'queue-name-prefix', type: 'string', help: 'Only queues whose names begin with this.' },
      { name: 'max-results', type: 'integer', help: 'At most this many URLs (1–1,000).' },
    ],
    run(ctx, args) {
      const max = args.optInt('max-results');
      if (max !== undefined && (max < 1 || max > 1000)) throw new AwsError('InvalidParameterValue', `Value ${max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`);
      const urls = ctx.sqs.listQueues(args.optString('queue-name-prefix') ?? '').map((q) => q.url);
      const shown = max === undefined ? urls : urls.slice(0, max);
      // The CLI prints nothing for an empty answer.
      return shown.length > 0 ? { QueueUrls: shown } : undefined;
    },
  },
  {
    name: 'get-queue-attributes',
    operation: 'GetQueueAttributes',
    summary: 'Returns queue attributes: message counts, timeouts, redrive policy…',
    flags: [queueUrlFlag, { name: 'attribute-names', type: 'strings', help: 'All, or names such as ApproximateNumberOfMessages VisibilityTimeout.', choices: READABLE }],
    run(ctx, args) {
      const names = args.strings('attribute-names');
      const attributes = ctx.sqs.getAttributes(queueOf(ctx, args), names);
      return Object.keys(attributes).length > 0 ? { Attributes: attributes } : undefined;
    },
  },
  {
    name: 'set-queue-attributes',
    operation: 'SetQueueAttributes',
    summary: 'Changes queue attributes (timeouts, delay, retention, redrive policy…).',
    flags: [queueUrlFlag, attributesFlag(true)],
    run(ctx, args) {
      ctx.sqs.setAttributes(queueOf(ctx, args), attributesOf(args));
      return undefined;
    },
  },
  {
    name: 'send-message',
    operation: 'SendMessage',
    summary: 'Sends one message (up to the queue’s MaximumMessageSize).',
    flags: [
      queueUrlFlag,
      { name: 'message-body', type: 'string', required: true, help: 'The message text.' },
      { name: 'delay-seconds', type: 'integer', help: 'Keep it invisible this long, 0–900 s (standard queues only).' },
      { name: 'message-group-id', type: 'string', help: 'FIFO: messages of a group are delivered in order, one batch at a time.' },
      { name: 'message-deduplication-id', type: 'string', help: 'FIFO: a repeat of this id within 5 minutes is accepted but not stored.' },
    ],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      return ctx.sqs.sendMessage(queue, entryFrom(ctx, args.string('message-body'), args.optInt('delay-seconds'), args.optString('message-group-id'), args.optString('message-deduplication-id')));
    },
  },
  {
    name: 'send-message-batch',
    operation: 'SendMessageBatch',
    summary: 'Sends up to 10 messages (1 MiB in all); each succeeds or fails on its own.',
    flags: [
      queueUrlFlag,
      {
        name: 'entries',
        type: 'list',
        required: true,
        help: 'JSON [{"Id": "1", "MessageBody": "…"}], or shorthand Id=1,MessageBody=hello Id=2,MessageBody=world',
        members: [
          { name: 'Id', type: 'string', required: true },
          { name: 'MessageBody', type: 'string', required: true },
          { name: 'DelaySeconds', type: 'integer' },
          { name: 'MessageGroupId', type: 'string' },
          { name: 'MessageDeduplicationId', type: 'string' },
        ],
      },
    ],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      const entries = args.list('entries').map((e) => ({
        id: String(e.Id),
        ...entryFrom(ctx, String(e.MessageBody), e.DelaySeconds === undefined ? undefined : Number(e.DelaySeconds), optional(e.MessageGroupId), optional(e.MessageDeduplicationId)),
      }));
      return withoutEmpty(ctx.sqs.sendMessageBatch(queue, entries));
    },
  },
  {
    name: 'receive-message',
    operation: 'ReceiveMessage',
    summary: 'Receives up to 10 messages; each stays invisible for the visibility timeout.',
    flags: [
      queueUrlFlag,
      { name: 'max-number-of-messages', type: 'integer', help: 'At most this many messages (1–10; default 1).' },
      { name: 'wait-time-seconds', type: 'integer', help: 'Long polling, 0–20 s (default: the queue’s ReceiveMessageWaitTimeSeconds).' },
      { name: 'visibility-timeout', type: 'integer', help: 'Seconds the messages stay invisible (default: the queue’s).' },
      { name: 'attribute-names', type: 'strings', help: 'System attributes to return: All, ApproximateReceiveCount, SentTimestamp…', choices: MESSAGE_ATTRIBUTES },
      { name: 'message-system-attribute-names', type: 'strings', help: 'The same as --attribute-names (its newer name).', choices: MESSAGE_ATTRIBUTES },
    ],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      const max = args.optInt('max-number-of-messages');
      const wait = args.optInt('wait-time-seconds');
      const visibility = args.optInt('visibility-timeout');
      ctx.sqs.checkReceive(max, wait, visibility);
      const waitSeconds = wait ?? queue.config.receiveMessageWaitTimeSeconds;
      const gate = ctx.sqs.receiveGate(queue, waitSeconds * 1000);
      if (gate) throw gate;
      // A console command cannot pause virtual time: a long poll answers with what is there now.
      const messages = queue.take(max ?? 1, (visibility ?? queue.config.visibilityTimeout) * 1000, waitSeconds === 0);
      if (messages.length === 0) {
        queue.counters.emptyReceives++;
        return undefined;
      }
      const names = [...args.strings('attribute-names'), ...args.strings('message-system-attribute-names')];
      return {
        Messages: messages.map((m) => {
          queue.handles.set(m.seq, m);
          const body = bodyOf(m);
          const out: Record<string, unknown> = { MessageId: uuidOf(m.uid), ReceiptHandle: receiptHandle(queue.name, m.seq, m.receiveCount, m.uid), MD5OfBody: md5(body), Body: body };
          const attributes = messageAttributes(queue, m, names);
          if (attributes) out.Attributes = attributes;
          return out;
        }),
      };
    },
  },
  {
    name: 'delete-message',
    operation: 'DeleteMessage',
    summary: 'Deletes a received message, by the receipt handle of its latest receive.',
    flags: [queueUrlFlag, receiptHandleFlag],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      const handle = args.string('receipt-handle');
      const { message, receipt } = byHandle(queue, handle);
      ctx.sqs.deleteMessage(queue, message, receipt, handle);
      return undefined;
    },
  },
  {
    name: 'delete-message-batch',
    operation: 'DeleteMessageBatch',
    summary: 'Deletes up to 10 received messages; each succeeds or fails on its own.',
    flags: [
      queueUrlFlag,
      {
        name: 'entries',
        type: 'list',
        required: true,
        help: 'JSON [{"Id": "1", "ReceiptHandle": "…"}], or shorthand Id=1,ReceiptHandle=…',
        members: [
          { name: 'Id', type: 'string', required: true },
          { name: 'ReceiptHandle', type: 'string', required: true },
        ],
      },
    ],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      const entries = args.list('entries').map((e) => ({ id: String(e.Id), handle: String(e.ReceiptHandle) }));
      const r = ctx.sqs.deleteMessageBatch(queue, entries, (e) => ({ ...byHandle(queue, e.handle), handle: e.handle }));
      const out = { Successful: r.Successful.map((s) => ({ Id: s.Id })), Failed: r.Failed };
      return withoutEmpty(out);
    },
  },
  {
    name: 'change-message-visibility',
    operation: 'ChangeMessageVisibility',
    summary: 'Gives a received message a new visibility timeout from now (0 makes it visible).',
    flags: [queueUrlFlag, receiptHandleFlag, { name: 'visibility-timeout', type: 'integer', required: true, help: 'Seconds from now, 0–43,200; at most 12 hours after the receive in all.' }],
    run(ctx, args) {
      const queue = queueOf(ctx, args);
      const handle = args.string('receipt-handle');
      const { message, receipt } = byHandle(queue, handle);
      if (message.state === GONE) throw new AwsError('InvalidParameterValue', `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
      ctx.sqs.changeVisibility(queue, message, receipt, args.int('visibility-timeout'), handle);
      return undefined;
    },
  },
  {
    name: 'purge-queue',
    operation: 'PurgeQueue',
    summary: 'Deletes every message in the queue (once per 60 seconds).',
    flags: [queueUrlFlag],
    run(ctx, args) {
      ctx.sqs.purge(queueOf(ctx, args));
      return undefined;
    },
  },
  {
    name: 'start-message-move-task',
    operation: 'StartMessageMoveTask',
    summary: 'Moves a dead-letter queue’s messages back to their source queues (or elsewhere).',
    flags: [
      { name: 'source-arn', type: 'string', required: true, help: 'The ARN of the dead-letter queue.', suggest: (ctx) => ctx.sqs.listQueues().map((q) => q.arn) },
      { name: 'destination-arn', type: 'string', help: 'Where to move them (default: each message’s source queue).', suggest: (ctx) => ctx.sqs.listQueues().map((q) => q.arn) },
      { name: 'max-number-of-messages-per-second', type: 'integer', help: 'Moving rate, 1–500 (default 500).' },
    ],
    run(ctx, args) {
      const task = ctx.sqs.startMoveTask(args.string('source-arn'), args.optString('destination-arn') ?? null, args.optInt('max-number-of-messages-per-second') ?? null);
      return { TaskHandle: task.handle };
    },
  },
  {
    name: 'list-message-move-tasks',
    operation: 'ListMessageMoveTasks',
    summary: 'Lists the latest message move tasks of a dead-letter queue.',
    flags: [
      { name: 'source-arn', type: 'string', required: true, help: 'The ARN of the dead-letter queue.', suggest: (ctx) => ctx.sqs.listQueues().map((q) => q.arn) },
      { name: 'max-results', type: 'integer', help: 'At most this many tasks (1–10; default 1).' },
    ],
    run(ctx, args) {
      const arn = args.string('source-arn');
      if (!ctx.sqs.queueByArnOrNull(arn)) throw new AwsError('ResourceNotFoundException', "The resource that you specified for the SourceArn parameter doesn't exist.");
      const tasks = ctx.sqs.tasks.filter((t) => t.sourceArn === arn).reverse().slice(0, args.optInt('max-results') ?? 1);
      return {
        Results: tasks.map((t) => {
          const r: Record<string, unknown> = {};
          if (t.status === 'RUNNING') r.TaskHandle = t.handle;
          Object.assign(r, { Status: t.status, SourceArn: t.sourceArn });
          if (t.destinationArn) r.DestinationArn = t.destinationArn;
          Object.assign(r, { MaxNumberOfMessagesPerSecond: t.rate, ApproximateNumberOfMessagesMoved: t.moved, ApproximateNumberOfMessagesToMove: t.toMove, StartedTimestamp: t.startedAt });
          if (t.failureReason) r.FailureReason = t.failureReason;
          return r;
        }),
      };
    },
  },
  {
    name: 'delete-queue',
    operation: 'DeleteQueue',
    summary: 'Deletes a queue and its messages; its name is free again after 60 seconds.',
    flags: [queueUrlFlag],
    run(ctx, args) {
      ctx.sqs.deleteQueue(queueOf(ctx, args));
      return undefined;
    },
  },
];

/** SQS's JSON protocol leaves out empty lists (an all-successful batch has no Failed). */
function withoutEmpty<T extends { Successful: unknown[]; Failed: unknown[] }>(r: T): Partial<T> {
  const out: Partial<T> = {};
  if (r.Successful.length > 0) out.Successful = r.Successful;
  if (r.Failed.length > 0) out.Failed = r.Failed;
  return out;
}

export const sqsCommands: ServiceTable<SqsContext> = {
  service: 'sqs',
  summary: 'Amazon Simple Queue Service',
  commands,
};
