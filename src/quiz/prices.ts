// Kinesis Data Streams prices for the cost arithmetic. Prices are not limits: they differ by
// Region and change without a quota page, so they live apart from src/sim/limits.ts, pinned to one
// Region and to the day they were read, and every cost question names both.

export const KDS_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  source: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
  /**
   * The copy of the pricing page read on this date did not render its price tokens, so the
   * figures were taken from the page's examples and two independent cost calculators that quote
   * the same us-east-1 prices; re-check them on the page before relying on a bill.
   */
  checked: '2026-11-22',
  /** Hours AWS bills in a month (8,760 h ÷ 12), as the pricing examples use. */
  hoursPerMonth: 730,
  provisioned: {
    /** Per shard per hour. */
    shardHour: 0.015,
    /** Per 1,000,000 PUT payload units; a unit is a 25 KB chunk of one record, rounded up. */
    putPayloadUnitsPerMillion: 0.014,
    /** Size of one PUT payload unit in KB, as the pricing page counts it. */
    putPayloadUnitKB: 25,
  },
  onDemand: {
    /** Per stream per hour (On-demand Standard). */
    streamHour: 0.04,
    /** Per GB written; each record is rounded up to the next 1 KB (1,024 bytes). */
    ingestPerGB: 0.08,
    /** Per GB read by shared-throughput consumers. */
    retrievalPerGB: 0.04,
  },
} as const;
