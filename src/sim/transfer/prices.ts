// What a bulk transfer costs, pinned to one Region and the day the figures were read. The shared
// cost module (src/sim/cost/prices.ts) was still being written when this model landed, so the
// transfer rows live here in the same shape; they belong there once it is in.

export const TRANSFER_PRICES = {
  region: 'us-east-1',
  currency: 'USD',
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
      [10e9, 2.475],
    ]),
  },
  /**
   * Snowball Edge on-demand jobs include days on site (shipping days not counted) before the
   * per-day fee starts. Job and day fees are no longer on a public page for new customers, so a
   * scenario gives the ones quoted to its account.
   */
  snowballIncludedDays: 15,
} as const;

/** Speeds AWS sells, in bits per second (content/direct-connect.md, connection options). */
export const DX_SPEEDS = {
  dedicated: [1e9, 10e9, 100e9, 400e9],
  hosted: [50e6, 100e6, 200e6, 300e6, 400e6, 500e6, 1e9, 2e9, 5e9, 10e9, 25e9],
} as const;
