import { priceFirehose } from './firehose.js';
import { priceIot } from './iot.js';
import { priceKinesis } from './kinesis.js';
import { priceSqs } from './sqs.js';
import type { CostInput } from './lines.js';
import { KDS_PRICES } from './prices.js';

// The `cost` section of the metrics document: each service that has a pricing function prices
// what the run used, under the service's key (`cost.kinesis.STREAM`). A service joins with one
// row in COST_MODELS and its prices in prices.ts; a function returns null when the run did not
// use the service, and its key is then left out.

export type { CostInput, CostLine } from './lines.js';
export type { KinesisStreamCost } from './kinesis.js';
export type { IotCost } from './iot.js';
export type { FirehoseStreamCost } from './firehose.js';
export type { SqsQueueCost } from './sqs.js';
export { FIREHOSE_PRICES, IOT_PRICES, KDS_PRICES, SQS_PRICES, TRANSFER_PRICES } from './prices.js';

export interface CostModel {
  key: string;
  price(input: CostInput): unknown;
}

export const COST_MODELS: readonly CostModel[] = [
  { key: 'kinesis', price: priceKinesis },
  { key: 'firehose', price: priceFirehose },
  { key: 'iot', price: priceIot },
  { key: 'sqs', price: priceSqs },
];

export interface CostSection {
  currency: string;
  region: string;
  /** The day the prices were read. */
  pricesChecked: string;
  /** The run's length in hours: `total` covers it, `perHour` extends its average to one hour. */
  hours: number;
  [service: string]: unknown;
}

export function costSection(input: CostInput): CostSection {
  const section: CostSection = {
    currency: KDS_PRICES.currency,
    region: KDS_PRICES.region,
    pricesChecked: KDS_PRICES.checked,
    hours: input.durationMs / 3_600_000,
  };
  for (const model of COST_MODELS) {
    const priced = model.price(input);
    if (priced !== null && priced !== undefined) section[model.key] = priced;
  }
  return section;
}
