import { z } from 'zod';
import { parseValue } from '../../content/quantity.js';
import { duration, size } from '../scenario/spec.js';

// The scenario's `transfer:` section: one dataset, one deadline, and the ways of moving it that
// the plan compares (docs/scenarios.md, "Bulk transfer"). Bandwidths are written as the notes
// write them (`1Gbps`, `400Mbps`, `600MB/s`) and arrive in bytes per second.

export const bandwidth = z.union([z.number().min(0), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const parsed = parseValue(value);
  const q = parsed?.form === 'single' ? parsed.quantities[0] : undefined;
  if (!q || q.base.dimension !== 'bytes/s') {
    ctx.addIssue({ code: 'custom', message: `expected a bandwidth (e.g. 1Gbps, 400Mbps, 600MB/s), got "${value}"` });
    return z.NEVER;
  }
  return q.base.amount;
});

/** A bandwidth that changes with the time of day; each step holds until the next and the day repeats. */
export const dailyBandwidth = z.union([
  bandwidth,
  z.object({ schedule: z.array(z.object({ at: duration, rate: bandwidth }).strict()).min(1) }).strict(),
]);

const utilisation = z.number().gt(0).max(1).default(0.8);
/** Who runs the copy over a network: DataSync (billed per GB) or the team's own tools (free). */
const tool = z.enum(['datasync', 'own']).default('datasync');

const internet = z
  .object({
    name: z.string().min(1),
    kind: z.literal('internet'),
    /** A bandwidth limit on the copy (DataSync's), or none: the copy then takes the whole line. */
    limit: dailyBandwidth.optional(),
    tool,
  })
  .strict();

const directConnect = z
  .object({
    name: z.string().min(1),
    kind: z.literal('direct-connect'),
    connection: z.enum(['dedicated', 'hosted']),
    speed: bandwidth,
    utilisation,
    /** From the order to the first byte: LOA-CFA, cross-connect, circuit, BGP. */
    leadTime: duration,
    /** Overrides the price table, for a speed it does not list. */
    portHourUsd: z.number().min(0).optional(),
    tool,
  })
  .strict();

const snowball = z
  .object({
    name: z.string().min(1),
    kind: z.literal('snowball'),
    devices: z.number().int().min(1).default(1),
    /** From the order to the device on site (preparing and shipping). */
    delivery: duration,
    /** From handing the device to the carrier to its arrival at AWS. */
    return: duration,
    copy: z
      .object({
        /** Copy processes running at once onto the devices. */
        streams: z.number().int().min(1),
        /** What one copy process moves. */
        perStream: bandwidth,
      })
      .strict(),
    /** How fast AWS loads one device into S3 once it has arrived. */
    importRate: bandwidth,
    /** The job's price: the fee per device, with `includedDays` on site, then a fee per extra day. */
    fees: z.object({ job: z.number().min(0), extraDay: z.number().min(0), includedDays: z.number().int().min(0).optional() }).strict(),
  })
  .strict();

export const transferMethod = z.discriminatedUnion('kind', [internet, directConnect, snowball]);

export const transferSection = z
  .object({
    dataset: size,
    deadline: duration,
    /** Snowball Edge is not offered to accounts that never used it (since November 2025). */
    newCustomer: z.boolean().default(false),
    /** The most the source systems can be read at, whatever carries the data. */
    source: bandwidth.optional(),
    /** The site's internet line, shared by the production traffic and an internet copy. */
    line: z.object({ bandwidth, utilisation, production: dailyBandwidth.default(0) }).strict().optional(),
    methods: z.array(transferMethod).min(1),
    /** The method the plan uses; its figures are repeated as `transfer.plan`. */
    plan: z.string().min(1).optional(),
  })
  .strict();

export type TransferSection = z.output<typeof transferSection>;
export type TransferMethod = z.output<typeof transferMethod>;
export type DailyBandwidth = z.output<typeof dailyBandwidth>;
export type LineSpec = NonNullable<TransferSection['line']>;
