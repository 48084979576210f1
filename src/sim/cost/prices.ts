// Prices for the engine's cost section and the quiz's cost arithmetic: one table, so a lab's
// check and a quiz question never disagree about a price. Prices are not limits: they differ by
// Region and change without a quota page, so they live apart from src/sim/limits.ts, pinned to one
// Region and to the day they were read, and every lab or question that quotes them names both.
// A service joins by adding its own constant here and a pricing function in src/sim/cost/.

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
  /** Bytes in the GB of a per-GB charge: AWS bills data in binary gigabytes. */
  bytesPerGB: 1024 ** 3,
  provisioned: {
    /** Per shard per hour. */
    shardHour: 0.015,
    /** Per 1,000,000 PUT payload units; a unit is a 25 KB chunk of one record, rounded up. */
    putPayloadUnitsPerMillion: 0.014,
    /** Size of one PUT payload unit in KB (of 1,024 bytes), as the pricing page counts it. */
    putPayloadUnitKB: 25,
    /** Enhanced fan-out: per registered consumer per shard per hour. */
    efoConsumerShardHour: 0.015,
    /** Enhanced fan-out: per GB pushed to registered consumers. */
    efoRetrievalPerGB: 0.013,
  },
  onDemand: {
    /** Per stream per hour (On-demand Standard). */
    streamHour: 0.04,
    /** Per GB written; each record is rounded up to the next 1 KB (1,024 bytes). */
    ingestPerGB: 0.08,
    /** Per GB read by shared-throughput consumers. */
    retrievalPerGB: 0.04,
    /** Per GB pushed to enhanced fan-out consumers (no consumer-hour charge in on-demand mode). */
    efoRetrievalPerGB: 0.05,
  },
} as const;

export const IOT_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  source: 'https://aws.amazon.com/iot-core/pricing/',
  /**
   * Checked 2026-11-22. Confirmed only in part: AWS's own worked example (the IoT Core pricing
   * page's all-components example, read through a verbatim copy, gist.github.com/brianfoody/
   * 2c62cecc912dbd97bc759eba427e84cf) prices connection minutes at $0.08 per million and messages
   * at $1.00 per million, but for Europe (Ireland), not us-east-1; the metering details page
   * (aws.amazon.com/iot-core/pricing/additional-details/) confirms the 5 KB message unit. The
   * rules-triggered and actions-executed prices ($0.15 per million each) and the us-east-1 figures
   * were not found on any page read: they stay unconfirmed, written as commonly quoted.
   */
  checked: '2026-11-22',
  /** Per 1,000,000 messages (5 KB units), the first-billion tier: $0.80 and $0.70 apply beyond 1 and 5 billion a month. */
  messagesPerMillion: 1.0,
  /** Per 1,000,000 rules triggered: each message a rule evaluates (its topic matched, or Basic Ingest). */
  rulesTriggeredPerMillion: 0.15,
  /** Per 1,000,000 actions executed, error actions included. */
  actionsExecutedPerMillion: 0.15,
  /** Per 1,000,000 minutes of device connection. */
  connectionMinutesPerMillion: 0.08,
} as const;

export const FIREHOSE_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  source: 'https://aws.amazon.com/firehose/pricing/',
  /**
   * Checked 2026-11-22. The 5 KB rounding per record (a 3 KB record billed as 5 KB, rounded per
   * record and not per call) is confirmed by the pricing page (its German copy,
   * aws.amazon.com/de/kinesis/data-firehose/pricing/). The $0.029 per GB was not readable on
   * AWS's page; several independent write-ups quote $0.029 (most without naming a Region), and an
   * infracost example's output shows $0.031 for the first-500-TB tier in what looks like eu-west-1,
   * consistent with a lower us-east-1 rate. Unconfirmed at the source.
   */
  checked: '2026-11-22',
  /** Bytes in the GB of a per-GB charge, as for Kinesis. */
  bytesPerGB: 1024 ** 3,
  /** Ingestion per GB, Direct PUT and a Kinesis data stream source alike, the first-500-TB tier. */
  ingestPerGB: 0.029,
  /** Each record is billed rounded up to a multiple of this (5 KB, read as 5,120 bytes). */
  ingestRecordUnitBytes: 5 * 1024,
} as const;

/**
 * Bulk transfer (the `transfer:` plug-in, src/sim/transfer/). Its figures are per job rather than
 * per hour of a run, so the plug-in prices each method itself (methods.ts) from this table and
 * reports the estimate under `transfer.options.NAME.costUsd`, not under `cost`.
 */
export const TRANSFER_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  /**
   * Checked 2026-11-22:
   * - Direct Connect port-hours: taken from AWS's pay-as-you-go page as transcribed verbatim by
   *   api-evangelist/amazon-direct-connect (plans/amazon-direct-connect-plans-pricing.yml, read
   *   from the page on 2026-09-20), prices outside Japan. That corrected hosted 10 Gbps from a
   *   remembered $2.475 to $2.48 and added the 400 Gbps dedicated ($85.00) and 25 Gbps hosted
   *   ($6.20) ports the table lacked; every other port matched.
   * - Data in: $0.00 per GB on the same page, and free from the internet (AWS Global Network FAQ).
   * - DataSync: $0.0125 per GB copied (basic mode) is what several write-ups quote; a row of
   *   USD 0.0125 appears in a copy of AWS's Price List data for DataSync (labofsahil/
   *   aws-pricing-dataset, AWSDataSync.csv), but its Region was cut off in what could be read,
   *   so the us-east-1 figure is not confirmed at the source. Enhanced mode is not modelled.
   * - Snowball Edge: no public job or day fee was found, which is why scenarios give their own;
   *   the 15 included days are unconfirmed.
   */
  checked: '2026-11-22',
  /** Data transferred into AWS is free over the internet and over Direct Connect. */
  dataInPerGB: 0,
  /** DataSync (basic mode): per GB copied. */
  dataSyncPerGB: 0.0125,
  /** DataSync bills the decimal gigabyte of the bytes it copied. */
  bytesPerGB: 1e9,
  sources: {
    directConnect: 'https://aws.amazon.com/directconnect/pricing/',
    dataSync: 'https://aws.amazon.com/datasync/pricing/',
    snowball: 'https://aws.amazon.com/snowball/pricing/',
  },
  /** Port-hour prices by connection type and speed in bits per second. */
  directConnectPortHour: {
    dedicated: new Map<number, number>([
      [1e9, 0.3],
      [10e9, 2.25],
      [100e9, 22.5],
      [400e9, 85],
    ]),
    hosted: new Map<number, number>([
      [50e6, 0.03],
      [100e6, 0.06],
      [200e6, 0.08],
      [300e6, 0.12],
      [400e6, 0.16],
      [500e6, 0.2],
      [1e9, 0.33],
      [2e9, 0.66],
      [5e9, 1.65],
      [10e9, 2.48],
      [25e9, 6.2],
    ]),
  },
  /**
   * Snowball Edge on-demand jobs include days on site (shipping days not counted) before the
   * per-day fee starts. Job and day fees are no longer on a public page for new customers, so a
   * scenario gives the ones quoted to its account.
   */
  snowballIncludedDays: 15,
} as const;

export const SQS_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
  source: 'https://aws.amazon.com/sqs/pricing/',
  /**
   * Checked 2026-11-22 against three independent 2026 write-ups of the us-east-1 page
   * (cloudburn.io, factualminds.com, unanswered.io), which agree on both rates and on the 64 KB
   * rule; AWS's own page was not readable here, so the figures are not confirmed at the source.
   */
  checked: '2026-11-22',
  /** Per 1,000,000 requests to a standard queue, the first-100-billion-a-month tier. */
  standardPerMillion: 0.4,
  /** Per 1,000,000 requests to a FIFO queue (send, receive, delete, change visibility). */
  fifoPerMillion: 0.5,
  /** Each 64 KB (65,536 bytes) chunk of a request's payload is billed as one request. */
  requestChunkBytes: 64 * 1024,
  /** The 1,000,000 free requests a month are not subtracted: a run is priced as part of a busy account. */
  freeRequestsPerMonth: 1_000_000,
} as const;
