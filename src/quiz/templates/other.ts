// Consumers (KCL, Lambda), moving data (network vs Snowball), IoT rules.

import { L, ceilSafe, floorSafe, kclBusyWorkers, iotRuleDeliveriesPerSecond, lambdaKinesisConcurrency, snowballDevices, transferDays } from '../arithmetic.js';
import { between, chance, pick } from '../random.js';
import { RULES } from '../rules.js';
import { numberTemplate, q, type Template } from './types.js';

export const kclWorkersTemplate = numberTemplate({
  id: 'kcl.busy-workers',
  title: 'KCL workers that do useful work for S shards',
  formula: 'min(workers, shards): one lease owner per shard',
  limits: [],
  cites: [/one worker per shard|lease has exactly one owner/i, /\blease/i, /Kinesis Client Library|\bKCL\b/i],
  references: [RULES.kclWorkersPerShard.source],
  draw: (rng) => {
    const shards = between(rng, 1, 16);
    return { shards, workers: chance(rng, 0.7) ? shards + between(rng, 1, 12) : between(rng, 1, shards) };
  },
  stem: ({ shards, workers }) =>
    `A KCL application reads a Kinesis data stream with ${q(shards, 'shards')}. It runs on ${q(workers, 'instances')}, each with one worker, all under the same application name. ` +
    'How many of the workers process records?',
  solve: ({ shards, workers }) => kclBusyWorkers(workers, shards),
  working: ({ shards, workers }) =>
    `Each shard has one lease, and a lease has exactly one owner, so at most one worker processes a shard at a time: min(${workers} workers, ${shards} shards) = ${q(kclBusyWorkers(workers, shards), 'workers')}` +
    (workers > shards ? `; the other ${workers - shards} wait idle as standbys for failover.` : '; some workers hold several leases.'),
  answer: { kind: 'number', unit: 'workers', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'kcl-all-busy', transform: ({ workers }) => workers },
    { id: 'kcl-one', transform: () => 1 },
    { id: 'kcl-per-worker', transform: ({ shards, workers }) => ceilSafe(shards / workers) },
  ],
});

export const lambdaConcurrencyTemplate = numberTemplate({
  id: 'lambda.kinesis-concurrency',
  title: 'Concurrent Lambda invocations for a Kinesis event source mapping',
  formula: 'shards × parallelization factor',
  limits: ['lambda.parallelizationFactor'],
  draw: (rng) => ({ shards: between(rng, 1, 40), factor: between(rng, 2, L.lambdaParallelizationMax) }),
  stem: ({ shards, factor }) =>
    `A Lambda function reads a Kinesis data stream with ${q(shards, 'shards')} through an event source mapping with a parallelization factor of ${factor}. ` +
    'Every shard has a steady backlog. How many invocations of the function run at the same time, at most?',
  solve: ({ shards, factor }) => lambdaKinesisConcurrency(shards, factor),
  working: ({ shards, factor }) =>
    `The mapping runs up to parallelization-factor batches per shard at once (records with the same partition key stay in order): ${shards} × ${factor} = ${q(shards * factor, 'invocations')}.`,
  answer: { kind: 'number', unit: 'invocations', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'parallelization-ignored', transform: ({ shards }) => shards },
    { id: 'parallelization-max', transform: ({ shards }) => shards * L.lambdaParallelizationMax },
    { id: 'lambda-one', transform: ({ factor }) => factor },
  ],
});

const TERABYTES = [5, 10, 20, 30, 50, 60, 80, 100, 150, 200, 300, 500];
const LINKS_MBPS = [50, 100, 200, 300, 500, 1000, 2000, 5000, 10_000];

function link(mbps: number): string {
  return mbps >= 1000 && mbps % 1000 === 0 ? q(mbps / 1000, 'Gbps') : q(mbps, 'Mbps');
}

export const transferDaysTemplate = numberTemplate({
  id: 'transfer.network-days',
  title: 'Days to move X TB over a Y Mbps link at Z% utilisation, against a Snowball round trip',
  formula: 'X × 8 × 10¹² bits ÷ (Y × 10⁶ × Z%) ÷ 86,400',
  limits: [],
  cites: [/network seconds =|When shipping beats the network/i, /\bSnowball\b.*\b(week|days?)\b|\b(week|days?)\b.*\bSnowball\b/i, /\bSnowball\b/i],
  draw: (rng) => ({ tb: pick(rng, TERABYTES), mbps: pick(rng, LINKS_MBPS), percent: pick(rng, [50, 60, 70, 75, 80, 90]), snowDays: between(rng, 5, 10) }),
  stem: ({ tb, mbps, percent, snowDays }) =>
    `A site must move ${q(tb, 'TB')} to Amazon S3 over a ${link(mbps)} internet link that it can use at ${percent}% utilisation. ` +
    `A Snowball Edge job (order, ship, copy, return, import) would take about ${q(snowDays, 'days')}. How many days would the network transfer take?`,
  solve: ({ tb, mbps, percent }) => transferDays(tb, mbps, percent),
  working: ({ tb, mbps, percent, snowDays }) => {
    const days = transferDays(tb, mbps, percent);
    return (
      `${q(tb, 'TB')} × 8 = ${q(tb * 8, '')} × 10¹² bits; the usable rate is ${link(mbps)} × ${percent}% = ${q((mbps * percent) / 100, 'Mbps')}; ` +
      `${q(tb * 8e6, '')} Mb ÷ ${q((mbps * percent) / 100, '')} Mbps = ${q((tb * 8e6) / ((mbps * percent) / 100), 's', 0)} = ${q(days, 'days', 1)}. ` +
      (days > snowDays ? `That is longer than the ${snowDays}-day Snowball job, so shipping wins.` : `That beats the ${snowDays}-day Snowball job, so stay online.`)
    );
  },
  answer: { kind: 'number', unit: 'days', decimals: 1, gap: { relative: 0.05, absolute: 0.1 } },
  mistakes: [
    { id: 'ignored-utilisation', transform: ({ tb, mbps }) => transferDays(tb, mbps, 100) },
    { id: 'bits-bytes', transform: ({ tb, mbps, percent }) => transferDays(tb, mbps, percent) / 8 },
    { id: 'tb-tib', transform: ({ tb, mbps, percent }) => transferDays(tb * 1.099511627776, mbps, percent) },
    { id: 'hours-as-days', transform: ({ tb, mbps, percent }) => transferDays(tb, mbps, percent) * 24 },
  ],
});

export const snowballDevicesTemplate = numberTemplate({
  id: 'transfer.snowball-devices',
  title: 'Snowball Edge Storage Optimized devices for X TB',
  formula: '⌈X ÷ 210 TB⌉',
  limits: ['snow.storageOptimizedBytes'],
  draw: (rng) => ({ tb: between(rng, 10, 400) * 5 }),
  stem: ({ tb }) =>
    `An existing Snow customer will ship ${q(tb, 'TB')} of files to Amazon S3 on Snowball Edge Storage Optimized devices, filling each device to its usable capacity. ` +
    'How many devices does the job need at least?',
  solve: ({ tb }) => snowballDevices(tb),
  working: ({ tb }) => `Each Storage Optimized device holds 210 TB usable: ⌈${q(tb, 'TB')} ÷ 210 TB⌉ = ${q(snowballDevices(tb), 'devices')}.`,
  answer: { kind: 'number', unit: 'devices', decimals: 0, gap: { relative: 0, absolute: 1 } },
  mistakes: [
    { id: 'round-down', transform: ({ tb }) => Math.max(1, floorSafe((tb * 1e12) / L.snowDeviceBytes)) },
    { id: 'devices-old-capacity', transform: ({ tb }) => snowballDevices(tb, 80e12) },
    { id: 'tb-tib', transform: ({ tb }) => snowballDevices(tb, 210 * 2 ** 40) },
  ],
});

export const iotRuleTemplate = numberTemplate({
  id: 'iot.rule-deliveries',
  title: 'Messages per second an IoT rule sends to its actions',
  formula: 'devices ÷ publish interval × WHERE match rate × actions',
  limits: ['iot.actionsPerRule'],
  draw: (rng) => {
    for (;;) {
      const i = {
        devices: pick(rng, [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]),
        every: pick(rng, [1, 2, 5, 10, 30, 60]),
        percent: pick(rng, [1, 2, 5, 10, 20, 25, 50]),
        actions: between(rng, 1, 4),
      };
      const result = iotRuleDeliveriesPerSecond(i.devices, i.every, i.percent, i.actions);
      if (result >= 1 && Math.abs(result * 10 - Math.round(result * 10)) < 1e-9) return i;
    }
  },
  stem: ({ devices, every, percent, actions }) =>
    `${q(devices, 'devices')} each publish one telemetry message every ${q(every, 's')} to AWS IoT Core. A topic rule selects them, and its WHERE clause matches ${percent}% of the messages. ` +
    `The rule has ${q(actions, 'actions')}. How many messages per second does the rule deliver to its actions in total?`,
  solve: ({ devices, every, percent, actions }) => iotRuleDeliveriesPerSecond(devices, every, percent, actions),
  working: ({ devices, every, percent, actions }) =>
    `${q(devices, '')} ÷ ${q(every, 's')} = ${q(devices / every, 'messages/s', 1)} published; the WHERE clause keeps ${percent}%: ${q((devices / every) * (percent / 100), 'messages/s', 1)}; ` +
    `each of the ${actions} actions gets its own copy: ${q(iotRuleDeliveriesPerSecond(devices, every, percent, actions), 'messages/s', 1)}.`,
  answer: { kind: 'number', unit: 'messages/s', decimals: 1, gap: { relative: 0.05, absolute: 0.1 } },
  mistakes: [
    { id: 'ignored-where', transform: ({ devices, every, actions }) => iotRuleDeliveriesPerSecond(devices, every, 100, actions) },
    { id: 'actions-once', transform: ({ devices, every, percent }) => iotRuleDeliveriesPerSecond(devices, every, percent, 1) },
    { id: 'per-minute', transform: ({ devices, every, percent, actions }) => iotRuleDeliveriesPerSecond(devices, every * 60, percent, actions) },
    { id: 'per-device', transform: ({ every, percent, actions }) => iotRuleDeliveriesPerSecond(1, every, percent, actions) },
  ],
});

export const OTHER_TEMPLATES: readonly Template[] = [kclWorkersTemplate, lambdaConcurrencyTemplate, transferDaysTemplate, snowballDevicesTemplate, iotRuleTemplate];
