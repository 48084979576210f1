// Monthly Kinesis Data Streams cost, provisioned against on-demand, from the documented price
// table in prices.ts. The stem states every price it uses: prices are not something to memorise.

import { onDemandMonthlyCost, provisionedMonthlyCost, putPayloadUnits, shardsForWrites, onDemandIngestGiB } from '../arithmetic.js';
import { KDS_PRICES } from '../prices.js';
import { between, pick } from '../random.js';
import { numberTemplate, q, formatUsd, type Template } from './types.js';

const P = KDS_PRICES;
// Whole KiB sizes whose 25 KB payload-unit count is the same whether a KB is 1,000 or 1,024 bytes,
// so the answer does not depend on a reading the stem cannot pin down.
const RECORD_KIB = [1, 2, 3, 4, 5, 8, 10, 12, 16, 20, 24, 30, 32, 40, 48];

const priceLine =
  `Prices (${P.region}, as of ${P.checked}): provisioned $${P.provisioned.shardHour} per shard-hour and $${P.provisioned.putPayloadUnitsPerMillion} per million PUT payload units (25 KB chunks of a record, rounded up); ` +
  `on-demand $${P.onDemand.streamHour} per stream-hour, $${P.onDemand.ingestPerGB} per GB written (each record rounded up to 1 KB) and $${P.onDemand.retrievalPerGB} per GB read. ` +
  `Use a ${P.hoursPerMonth}-hour month and 1 GB = 1,024 MB = 1,024³ bytes.`;

function load(i: { rps: number; kib: number; consumers: number }): string {
  return `A steady ${q(i.rps, 'records/s')} of ${q(i.kib, 'KiB')} each is written to a Kinesis data stream and read by ${q(i.consumers, 'consumers')} (standard GetRecords consumers, 24-hour retention).`;
}

function draw(rng: Parameters<typeof between>[0]) {
  return { rps: between(rng, 1, 60) * 100, kib: pick(rng, RECORD_KIB), consumers: between(rng, 1, 3) };
}

export const provisionedCostTemplate = numberTemplate({
  id: 'cost.provisioned-monthly',
  title: 'Monthly cost of a load in provisioned mode (documented us-east-1 prices)',
  formula: 'shards × $/shard-hour × 730 + records/s × ⌈KiB ÷ 25⌉ × 3,600 × 730 ÷ 10⁶ × $/million units',
  limits: ['kinesis.shardWriteBytes', 'kinesis.shardWriteRecords'],
  references: [P.source],
  draw,
  stem: (i) => `${load(i)} ${priceLine} In provisioned mode with the fewest shards the load needs, what is the monthly cost?`,
  solve: (i) => provisionedMonthlyCost(i.rps, i.kib),
  working: (i) => {
    const shards = shardsForWrites(i.rps, i.kib * 1024);
    const units = i.rps * putPayloadUnits(i.kib) * 3600 * P.hoursPerMonth;
    return (
      `Shards: max(⌈${q(i.rps * i.kib, '')} KiB/s ÷ 1,024⌉, ⌈${q(i.rps, '')} ÷ 1,000⌉) = ${shards}; ${shards} × $${P.provisioned.shardHour} × ${P.hoursPerMonth} h = ${formatUsd(shards * P.provisioned.shardHour * P.hoursPerMonth)}. ` +
      `PUT payload units: ${putPayloadUnits(i.kib)} per record × ${q(i.rps, '')}/s × 3,600 × ${P.hoursPerMonth} = ${q(units / 1e6, '', 2)} million × $${P.provisioned.putPayloadUnitsPerMillion} = ${formatUsd((units / 1e6) * P.provisioned.putPayloadUnitsPerMillion)}. ` +
      `Total ${formatUsd(provisionedMonthlyCost(i.rps, i.kib))}. Reads by standard consumers cost nothing extra in provisioned mode.`
    );
  },
  answer: { kind: 'number', unit: '$', decimals: 2, gap: { relative: 0.04, absolute: 0.01 } },
  mistakes: [
    { id: 'no-put-units', transform: (i) => provisionedMonthlyCost(i.rps, i.kib, { putUnits: 'none' }) },
    { id: 'put-units-per-kb', transform: (i) => provisionedMonthlyCost(i.rps, i.kib, { putUnits: 'per-kb' }) },
    { id: 'hours-per-month', transform: (i) => provisionedMonthlyCost(i.rps, i.kib, { hoursPerMonth: 720 }) },
    { id: 'other-mode', transform: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers) },
  ],
});

export const onDemandCostTemplate = numberTemplate({
  id: 'cost.on-demand-monthly',
  title: 'Monthly cost of a load in on-demand mode (documented us-east-1 prices)',
  formula: '$/stream-hour × 730 + GB written × $/GB in + GB written × consumers × $/GB out',
  limits: ['kinesis.onDemandInitialWriteBytes'],
  references: [P.source],
  draw,
  stem: (i) => `${load(i)} ${priceLine} In on-demand mode, what is the monthly cost?`,
  solve: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers),
  working: (i) => {
    const gib = onDemandIngestGiB(i.rps, i.kib);
    return (
      `Stream: $${P.onDemand.streamHour} × ${P.hoursPerMonth} h = ${formatUsd(P.onDemand.streamHour * P.hoursPerMonth)}. ` +
      `Written: ${q(i.rps, '')}/s × ${q(i.kib, 'KiB')} × 3,600 × ${P.hoursPerMonth} = ${q(gib, 'GB', 2)} × $${P.onDemand.ingestPerGB} = ${formatUsd(gib * P.onDemand.ingestPerGB)}. ` +
      `Read: ${i.consumers === 1 ? 'the consumer reads' : `each of the ${i.consumers} consumers reads`} all of it: ${q(gib * i.consumers, 'GB', 2)} × $${P.onDemand.retrievalPerGB} = ${formatUsd(gib * i.consumers * P.onDemand.retrievalPerGB)}. ` +
      `Total ${formatUsd(onDemandMonthlyCost(i.rps, i.kib, i.consumers))}.`
    );
  },
  answer: { kind: 'number', unit: '$', decimals: 2, gap: { relative: 0.04, absolute: 0.01 } },
  mistakes: [
    { id: 'no-retrieval', transform: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers, { retrievals: 0 }) },
    { id: 'retrieval-once', transform: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers, { retrievals: 1 }) },
    { id: 'no-stream-hours', transform: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers, { streamHours: false }) },
    { id: 'hours-per-month', transform: (i) => onDemandMonthlyCost(i.rps, i.kib, i.consumers, { hoursPerMonth: 720 }) },
    { id: 'other-mode', transform: (i) => provisionedMonthlyCost(i.rps, i.kib) },
  ],
});

export const COST_TEMPLATES: readonly Template[] = [provisionedCostTemplate, onDemandCostTemplate];
