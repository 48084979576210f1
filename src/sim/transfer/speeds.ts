// The Direct Connect speeds AWS sells, which a scenario's connection must be one of. They are a
// product fact, not a price, so they stay with the transfer model; the port-hour prices for them
// are in the shared table (src/sim/cost/prices.ts, TRANSFER_PRICES).

/** Speeds AWS sells, in bits per second (content/direct-connect.md, connection options). */
export const DX_SPEEDS = {
  dedicated: [1e9, 10e9, 100e9, 400e9],
  hosted: [50e6, 100e6, 200e6, 300e6, 400e6, 500e6, 1e9, 2e9, 5e9, 10e9, 25e9],
} as const;
