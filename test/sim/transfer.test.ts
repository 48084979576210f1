import { describe, expect, it } from 'vitest';
import { Dispatcher, bind, commandTables } from '../../src/sim/commands/dispatch.js';
import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import { Arrivals, DAY_MS, rateAt } from '../../src/sim/transfer/flow.js';
import { TRANSFER_PRICES } from '../../src/sim/cost/prices.js';
import { transferPlugin } from '../../src/sim/transfer/plugin.js';
import { DX_SPEEDS } from '../../src/sim/transfer/speeds.js';

type Option = Record<string, unknown> & {
  completionDays: number | null;
  deadlineMet: boolean;
  costUsd: number;
  percentByDeadline: number;
  production: { shortHours: number; worstMbps: number; neededMbps: number; worstShare: number } | null;
  timeline: string;
};

function load(text: string) {
  return loadScenarioText(text, 'transfer.yaml');
}

function run(text: string) {
  const r = load(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  const doc = runScenario(r.spec) as unknown as { transfer: { options: Record<string, Option>; plan: (Option & { name: string }) | null } };
  return doc.transfer;
}

const LINE = `
  line:
    bandwidth: 1Gbps
    utilisation: 0.8
    production:
      schedule: [{at: 0h, rate: 100Mbps}, {at: 8h, rate: 400Mbps}, {at: 20h, rate: 100Mbps}]`;

describe('transfer arithmetic', () => {
  it('80 TB over a 1 Gbps line at 80% utilisation takes 800,000 s, about 9.3 days', () => {
    const t = run(`
duration: 20 days
transfer:
  dataset: 80TB
  deadline: 10 days
  line: {bandwidth: 1Gbps, utilisation: 0.8}
  methods: [{name: net, kind: internet, tool: own}]
`);
    // 80 × 10^12 B × 8 = 6.4 × 10^14 bit; ÷ 0.8 × 10^9 bit/s = 800,000 s.
    expect(t.options.net!.completedMs).toBe(800_000_000);
    expect(t.options.net!.completionDays).toBe(9.26);
    expect(t.options.net!.deadlineMet).toBe(true);
    expect(t.options.net!.costUsd).toBe(0);
  });

  it('a daily schedule repeats: the step in force is the last one at or before the time of day', () => {
    const schedule = { schedule: [{ at: 8 * 3_600_000, rate: 50 }, { at: 20 * 3_600_000, rate: 10 }] };
    expect(rateAt(schedule, 2 * 3_600_000)).toBe(10);
    expect(rateAt(schedule, 9 * 3_600_000)).toBe(50);
    expect(rateAt(schedule, DAY_MS + 21 * 3_600_000)).toBe(10);
    expect(rateAt(7, 123)).toBe(7);
  });

  it('arrivals are spread over their interval: per day, and cut at the deadline', () => {
    const a = new Arrivals(DAY_MS + DAY_MS / 2);
    a.add(DAY_MS / 2, DAY_MS * 2, 300);
    expect(a.cumulative(3)).toEqual([100, 300, 300]);
    expect(a.byDeadline).toBe(200);
  });
});

describe('the internet line shared with production', () => {
  it('an unlimited copy takes the whole line and starves production; a day/night limit protects it and takes longer', () => {
    const t = run(`
duration: 30 days
transfer:
  dataset: 80TB
  deadline: 12 days${LINE}
  methods:
    - {name: greedy, kind: internet}
    - {name: polite, kind: internet, limit: {schedule: [{at: 0h, rate: 700Mbps}, {at: 8h, rate: 400Mbps}, {at: 20h, rate: 700Mbps}]}}
`);
    const greedy = t.options.greedy!;
    expect(greedy.completionDays).toBe(9.26);
    expect(greedy.production).toMatchObject({ worstMbps: 0, neededMbps: 400, worstShare: 0 });
    // Every hour of the copy but the last partial one is short: 9.26 days ≈ 223 hours.
    expect(greedy.production!.shortHours).toBe(223);
    // DataSync bills the 80,000 GB it copied at $0.0125.
    expect(greedy.costUsd).toBe(1000);
    const polite = t.options.polite!;
    expect(polite.production).toEqual({ shortHours: 0, worstMbps: 400, neededMbps: 400, worstShare: 1 });
    // 12 h at 400 Mbps and 12 h at 700 Mbps move 5.94 TB a day; the last 2.78 TB go on day 13's night and morning.
    expect(polite.completionDays).toBe(13.39);
    expect(polite.deadlineMet).toBe(false);
    expect(polite.percentByDeadline).toBe(89.1);
    expect(polite.timeline).toBe('copying over the internet line from day 0 at 400–700 Mbps of its 800 usable Mbps, done on day 13.39');
  });
});

describe('Direct Connect', () => {
  const dx = (method: string) =>
    run(`
duration: 45 days
transfer:
  dataset: 80TB
  deadline: 12 days
  source: 600MB/s
  methods: [${method}]
  plan: dx
`);

  it('moves nothing until its lead time, then copies at the port speed times utilisation, capped by the source', () => {
    const t = dx('{name: dx, kind: direct-connect, connection: dedicated, speed: 10Gbps, leadTime: 35 days}');
    const plan = t.plan!;
    expect(plan.name).toBe('dx');
    expect(plan.firstByteMs).toBe(35 * DAY_MS);
    expect(plan.copyMbps).toBe(4800);
    // 80 TB at 600 MB/s: 133,333 s after day 35.
    expect(plan.completionDays).toBe(36.54);
    expect(plan.deadlineMet).toBe(false);
    expect(plan.percentByDeadline).toBe(0);
    expect(plan.portHours).toBe(38);
    expect(plan.costItems).toEqual([
      { item: 'Direct Connect dedicated port-hours (38 h at $2.25)', usd: 85.5 },
      { item: 'DataSync per GB copied', usd: 1000 },
    ]);
  });

  it('prices a hosted 1 Gbps connection from the table', () => {
    const t = dx('{name: dx, kind: direct-connect, connection: hosted, speed: 1Gbps, leadTime: 1 days, tool: own}');
    expect(t.plan!.completionDays).toBe(10.26);
    // 222.2 hours billed as 223 port-hours at $0.33.
    expect(t.plan!.costUsd).toBe(73.59);
  });

  it('refuses a speed AWS does not sell for that connection type', () => {
    const bad = load(`
duration: 1 days
transfer:
  dataset: 1TB
  deadline: 1 days
  methods:
    - {name: a, kind: direct-connect, connection: dedicated, speed: 500Mbps, leadTime: 1 days}
    - {name: b, kind: direct-connect, connection: hosted, speed: 25Gbps, leadTime: 1 days}
`);
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.problems.map((p) => `${p.line} ${p.message}`);
    expect(messages).toEqual([expect.stringMatching(/^7 .*a dedicated connection comes at 1 Gbps, 10 Gbps, 100 Gbps, 400 Gbps; got 500 Mbps$/)]);
  });

  it('has a port-hour price for every speed AWS sells, so no scenario has to bring its own', () => {
    for (const connection of ['dedicated', 'hosted'] as const) {
      for (const bps of DX_SPEEDS[connection]) expect(TRANSFER_PRICES.directConnectPortHour[connection].get(bps), `${connection} ${bps}`).toBeGreaterThan(0);
    }
    expect(TRANSFER_PRICES.directConnectPortHour.hosted.get(10e9)).toBe(2.48);
  });
});

describe('Snowball Edge', () => {
  const snow = (devices: number, streams: number, extra = '') =>
    run(`
duration: 45 days
transfer:
  dataset: 80TB
  deadline: 12 days
  source: 600MB/s${extra}
  methods:
    - name: snow
      kind: snowball
      devices: ${devices}
      delivery: 3 days
      return: 2 days
      copy: {streams: ${streams}, perStream: 100MB/s}
      importRate: 1GB/s
      fees: {job: 1800, extraDay: 60}
`).options.snow!;

  it('ships, fills at the copy rate, ships back and imports: the copy onto the device is the part that varies', () => {
    const one = snow(1, 1);
    expect(one.timeline).toBe('1 device(s) on site on day 3, copy of 80 TB at 100 MB/s took 9.26 days, at AWS on day 14.26, imported into S3 by day 15.19');
    expect(one.deadlineMet).toBe(false);
    expect(one.daysOnSite).toBe(10);
    expect(one.costUsd).toBe(1800);
    const four = snow(1, 4);
    expect(four.completionDays).toBe(8.24);
    expect(four.deadlineMet).toBe(true);
  });

  it('more devices do not copy faster than the source, and each one costs a job fee', () => {
    const two = snow(2, 16);
    expect(two.copyMBps).toBe(600);
    expect(two.costUsd).toBe(3600);
  });

  it('charges each day on site beyond the 15 included, per device', () => {
    const slow = run(`
duration: 60 days
transfer:
  dataset: 200TB
  deadline: 40 days
  methods:
    - {name: s, kind: snowball, delivery: 3 days, return: 2 days, copy: {streams: 1, perStream: 100MB/s}, importRate: 1GB/s, fees: {job: 1800, extraDay: 60}}
`).options.s!;
    // 200 TB at 100 MB/s: 23.15 days on site, billed as 24, 9 beyond the 15 included.
    expect(slow.extraDays).toBe(9);
    expect(slow.costUsd).toBe(1800 + 9 * 60);
  });

  it('carries no more than 210 TB per device, and nothing for a new customer', () => {
    const tooBig = run(`
duration: 30 days
transfer:
  dataset: 300TB
  deadline: 20 days
  methods: [{name: s, kind: snowball, delivery: 3 days, return: 2 days, copy: {streams: 6, perStream: 100MB/s}, importRate: 1GB/s, fees: {job: 1800, extraDay: 60}}]
`).options.s!;
    expect(tooBig.note).toBe('90 TB do not fit on 1 device(s) of 210 TB');
    expect(tooBig.completionDays).toBeNull();
    expect(tooBig.bytesArrived).toBe(210e12);
    const closed = snow(1, 4, '\n  newCustomer: true');
    expect(closed.available).toBe(false);
    expect(closed.bytesArrived).toBe(0);
    expect(closed.costUsd).toBe(0);
    expect(closed.note).toMatch(/not offered to new customers/);
  });
});

describe('loading the transfer section', () => {
  it('names the plan, the line and the schedule mistakes with their lines', () => {
    const bad = load(`
duration: 1 days
transfer:
  dataset: 1TB
  deadline: 1 days
  methods:
    - {name: net, kind: internet, limit: {schedule: [{at: 90min, rate: 1Gbps}]}}
  plan: snowball
`);
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.problems.map((p) => `${p.line} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^7 .*an internet copy needs the site's line/),
      expect.stringMatching(/^7 .*a schedule step is a whole hour of the day/),
      expect.stringMatching(/^8 .*plan "snowball" is not one of the methods \(net\)/),
    ]);
  });

  it('reads bandwidths as the notes write them and says what it expected otherwise', () => {
    const bad = load(`
duration: 1 days
transfer:
  dataset: 1TB
  deadline: 1 days
  line: {bandwidth: fast}
  methods: [{name: net, kind: internet}]
`);
    expect(bad.ok ? '' : bad.problems[0]!.message).toMatch(/expected a bandwidth \(e\.g\. 1Gbps, 400Mbps, 600MB\/s\), got "fast"/);
  });

  it('brings no console service: the planner answers no AWS API', () => {
    expect(commandTables().map((t) => t.service)).not.toContain('transfer');
    const d = new Dispatcher([bind(transferPlugin.commands, null)]);
    expect(d.execute('aws transfer help').ok).toBe(false);
  });
});
