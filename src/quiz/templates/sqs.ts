// SQS arithmetic: FIFO throughput, batching, visibility timeouts and dead-letter queues.

import { L, ceilSafe, dlqSeconds, fifoMessagesPerSecond, floorSafe, sqsBatchCalls, sqsLambdaVisibilityTimeout, visibilityOutcome } from '../arithmetic.js';
import { between, chance, pick } from '../random.js';
import { RULES } from '../rules.js';
import { choiceTemplate, numberTemplate, q, type Template } from './types.js';

export const fifoThroughputTemplate = numberTemplate({
  id: 'sqs.fifo-throughput',
  title: 'FIFO queue messages per second with or without batching and high-throughput mode',
  formula: 'calls/s (300, or 70,000 in high-throughput mode) × messages per batch (≤ 10)',
  limits: ['sqs.fifoCallsPerSecond', 'sqs.fifoMessagesPerSecondBatched', 'sqs.fifoHighThroughputCallsPerSecond', 'sqs.batchEntries'],
  draw: (rng) => ({ batch: pick(rng, [1, 2, 4, 5, 8, 10]), ht: chance(rng, 0.35) ? 1 : 0 }),
  stem: ({ batch, ht }) =>
    `In us-east-1, a producer sends to an SQS FIFO queue ${ht ? 'with high-throughput mode on' : 'without high-throughput mode'}, ` +
    `using ${batch === 1 ? 'SendMessage (one message per call)' : `SendMessageBatch with ${batch} messages per call`}. The messages use many message group IDs. ` +
    'How many messages per second can it send at most?',
  solve: ({ batch, ht }) => fifoMessagesPerSecond(batch, ht === 1),
  working: ({ batch, ht }) =>
    `The FIFO quota counts API calls: ${ht ? '70,000' : '300'} per second per action${ht ? ' in high-throughput mode (us-east-1)' : ''}, and each call carries up to 10 messages. ` +
    `${ht ? '70,000' : '300'} × ${batch} = ${q(fifoMessagesPerSecond(batch, ht === 1), 'messages/s')}.`,
  answer: { kind: 'number', unit: 'messages/s', decimals: 0, gap: { relative: 0.05, absolute: 1 } },
  mistakes: [
    { id: 'batching-ignored', transform: ({ ht }) => fifoMessagesPerSecond(1, ht === 1) },
    {
      id: 'batch-is-limit',
      transform: ({ ht }) => fifoMessagesPerSecond(L.sqsBatchEntries, ht === 1),
      why: ({ ht }) => (ht ? 'Read 700,000 messages/s as the limit whatever the batch size' : undefined),
    },
    { id: 'ht-mode-wrong', transform: ({ batch, ht }) => fifoMessagesPerSecond(batch, ht !== 1) },
    { id: 'per-minute', transform: ({ batch, ht }) => fifoMessagesPerSecond(batch, ht === 1) * 60 },
  ],
});

export const batchCallsTemplate = numberTemplate({
  id: 'sqs.batch-calls',
  title: 'SendMessageBatch calls for N messages of S KiB (10 messages and 1 MiB per call)',
  formula: '⌈N ÷ min(10, ⌊1 MiB ÷ S⌋)⌉',
  limits: ['sqs.batchEntries', 'sqs.batchBytes'],
  draw: (rng) => ({ messages: between(rng, 10, 500) * 20, kib: pick(rng, [1, 2, 4, 10, 50, 64, 100, 128, 200, 256, 300, 512]) }),
  stem: ({ messages, kib }) =>
    `A job sends ${q(messages, 'messages')} of ${q(kib, 'KiB')} each to a standard SQS queue with SendMessageBatch, filling every batch as far as the API allows. ` +
    'How many SendMessageBatch calls does it make at least?',
  solve: ({ messages, kib }) => sqsBatchCalls(messages, kib * 1024),
  working: ({ messages, kib }) => {
    const perCall = Math.min(L.sqsBatchEntries, floorSafe(L.sqsBatchBytes / (kib * 1024)));
    return `A batch holds at most 10 messages and 1 MiB in total: min(10, ⌊1,024 KiB ÷ ${q(kib, 'KiB')}⌋) = ${perCall} messages per call, so ⌈${q(messages, '')} ÷ ${perCall}⌉ = ${q(sqsBatchCalls(messages, kib * 1024), 'calls')}.`;
  },
  answer: { kind: 'number', unit: 'calls', decimals: 0, gap: { relative: 0.02, absolute: 1 } },
  mistakes: [
    { id: 'sqs-batch-count-only', transform: ({ messages }) => ceilSafe(messages / L.sqsBatchEntries) },
    { id: 'sqs-batch-bytes-only', transform: ({ messages, kib }) => ceilSafe((messages * kib * 1024) / L.sqsBatchBytes) },
    { id: 'batching-ignored', transform: ({ messages }) => messages },
  ],
});

export const visibilityTemplate = choiceTemplate({
  id: 'sqs.visibility-vs-processing',
  title: 'Visibility timeout against processing time: is the message received twice?',
  formula: 'received again if processing time ≥ visibility timeout',
  limits: ['sqs.visibilityTimeout'],
  cites: [/visibility timeout/i],
  draw: (rng) => {
    const visibility = pick(rng, [10, 20, 30, 45, 60, 90, 120, 300]);
    const factor = chance(rng, 0.5) ? 0.3 + rng.next() * 0.6 : 1.2 + rng.next() * 2;
    const processing = Math.max(1, Math.round(visibility * factor));
    return { visibility, processing: processing === visibility ? processing + 5 : processing };
  },
  stem: ({ visibility, processing }) =>
    `A standard SQS queue has a visibility timeout of ${q(visibility, 's')} and no redrive policy. Several consumers poll it continuously. ` +
    `One consumer receives a message, needs ${q(processing, 's')} to process it and then deletes it; it never changes the visibility timeout. What happens to the message?`,
  solve: ({ visibility, processing }) => visibilityOutcome(visibility, processing),
  working: ({ visibility, processing }) =>
    visibilityOutcome(visibility, processing) === 'redelivered'
      ? `The message is hidden for only ${q(visibility, 's')} after each receive. Processing takes ${q(processing, 's')}, longer than that, so the message becomes visible again and another consumer receives it while the first is still working: it is processed twice. Raise the timeout above the processing time, or extend it with ChangeMessageVisibility.`
      : `The message stays hidden for ${q(visibility, 's')} after the receive. Processing takes ${q(processing, 's')}, less than that, so the consumer deletes it before it becomes visible again: it is processed once.`,
  answer: { kind: 'choice' },
  outcomes: [
    {
      id: 'once',
      text: ({ visibility }) => `It is processed once: the consumer deletes it before the ${q(visibility, 's')} visibility timeout ends`,
      why: ({ visibility, processing }) => `Processing (${q(processing, 's')}) outlasts the ${q(visibility, 's')} visibility timeout, so the message reappears before the delete`,
      misconception: 'visibility-until-delete',
    },
    {
      id: 'redelivered',
      text: ({ visibility }) => `After ${q(visibility, 's')} it becomes visible again and another consumer receives it while the first is still working`,
      why: ({ visibility, processing }) => `Processing (${q(processing, 's')}) ends before the ${q(visibility, 's')} visibility timeout, so the delete comes first`,
    },
    {
      id: 'dlq',
      text: () => 'It moves to a dead-letter queue as soon as the visibility timeout expires',
      why: () => 'The queue has no redrive policy, and even with one a message moves only after exceeding maxReceiveCount, not when a timeout expires',
      misconception: 'dlq-on-timeout',
    },
    {
      id: 'extended',
      text: () => 'SQS extends the visibility timeout automatically until the consumer deletes the message',
      why: () => 'SQS never extends the timeout by itself; only ChangeMessageVisibility calls do',
      misconception: 'auto-extend',
    },
  ],
});

export const dlqTemplate = numberTemplate({
  id: 'sqs.dlq-after-max-receives',
  title: 'Earliest time a failing message reaches the DLQ for a maxReceiveCount and visibility timeout',
  formula: 'maxReceiveCount × visibility timeout',
  limits: ['sqs.maxReceiveCount', 'sqs.visibilityTimeout'],
  draw: (rng) => {
    const visibility = pick(rng, [10, 20, 30, 45, 60, 90, 120, 300]);
    return { receives: between(rng, 2, 10), visibility, processing: Math.max(1, Math.round(visibility * (0.1 + rng.next() * 0.5))) };
  },
  stem: ({ receives, visibility, processing }) =>
    `An SQS queue has a visibility timeout of ${q(visibility, 's')} and a redrive policy with maxReceiveCount ${receives}. A poison message makes the consumer fail after ${q(processing, 's')} every time, ` +
    'without deleting the message or changing its visibility. Consumers poll continuously. At the earliest, how many seconds after its first receive is the message moved to the dead-letter queue?',
  solve: ({ receives, visibility }) => dlqSeconds(receives, visibility),
  working: ({ receives, visibility }) =>
    `Each receive hides the message for ${q(visibility, 's')}, however fast the consumer fails. It is received at 0 s, ${q(visibility, 's')}, … up to receive ${receives} at ${q((receives - 1) * visibility, 's')}; ` +
    `when it reappears at ${receives} × ${q(visibility, 's')} = ${q(receives * visibility, 's')}, the next receive would exceed maxReceiveCount, so SQS moves it to the DLQ.`,
  answer: { kind: 'number', unit: 's', decimals: 0, gap: { relative: 0.03, absolute: 1 } },
  mistakes: [
    { id: 'dlq-first-timeout', transform: ({ visibility }) => visibility },
    { id: 'dlq-at-count', transform: ({ receives, visibility }) => (receives - 1) * visibility },
    { id: 'dlq-extra-receive', transform: ({ receives, visibility }) => (receives + 1) * visibility },
    { id: 'dlq-processing', transform: ({ receives, visibility, processing }) => receives * (visibility + processing) },
  ],
});

export const lambdaVisibilityTemplate = numberTemplate({
  id: 'sqs.lambda-visibility-timeout',
  title: 'Recommended visibility timeout for a queue that triggers a Lambda function',
  formula: '6 × function timeout',
  limits: ['sqs.visibilityTimeout'],
  cites: [/six times the (function )?timeout|6 × the function timeout/i],
  references: [RULES.sqsLambdaVisibilityFactor.source],
  draw: (rng) => ({ timeout: pick(rng, [3, 10, 15, 20, 30, 45, 60, 120, 180, 300, 600]), minutes: chance(rng, 0.3) ? 1 : 0 }),
  stem: ({ timeout, minutes }) =>
    `An SQS queue triggers a Lambda function whose timeout is ${minutes && timeout % 60 === 0 ? q(timeout / 60, 'min') : q(timeout, 's')}. ` +
    "Following AWS's recommendation, what is the smallest visibility timeout to set on the queue, in seconds?",
  solve: ({ timeout }) => sqsLambdaVisibilityTimeout(timeout),
  working: ({ timeout }) =>
    `AWS recommends a visibility timeout of at least six times the function timeout, so batches that are retried after throttling are not received twice: 6 × ${q(timeout, 's')} = ${q(6 * timeout, 's')}.`,
  answer: { kind: 'number', unit: 's', decimals: 0, gap: { relative: 0.05, absolute: 1 } },
  mistakes: [
    { id: 'visibility-equal', transform: ({ timeout }) => timeout },
    { id: 'minutes-seconds', transform: ({ timeout, minutes }) => (minutes && timeout % 60 === 0 ? 6 * (timeout / 60) : 6 * timeout * 60) },
    { id: 'factor-ten', transform: ({ timeout }) => 60 * timeout },
  ],
});

export const SQS_TEMPLATES: readonly Template[] = [fifoThroughputTemplate, batchCallsTemplate, visibilityTemplate, dlqTemplate, lambdaVisibilityTemplate];
