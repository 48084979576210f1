import type { Simulation } from '../core/simulation.js';
import { SNOW } from '../limits.js';
import { Arrivals, DAY_MS, flow, HOUR_MS, rateAt } from './flow.js';
import { TRANSFER_PRICES } from '../cost/prices.js';
import type { LineSpec, TransferMethod, TransferSection } from './spec.js';

// One way of moving the dataset, run on its own in virtual time: the internet line shared with
// production, a Direct Connect connection that has to be provisioned first, or Snowball Edge
// devices that are shipped, filled, shipped back and imported.

const MBPS = 1e6 / 8;
const MBS = 1e6;

export interface CostItem {
  item: string;
  usd: number;
}

export interface ProductionFigures {
  /** Hours in which production got less than it needed from the line. */
  shortHours: number;
  /** The least production got (Mbps), and what it needed at that moment. */
  worstMbps: number;
  neededMbps: number;
  /** worstMbps ÷ neededMbps, 1 when it always had enough. */
  worstShare: number;
}

export interface OptionFigures {
  kind: TransferMethod['kind'];
  available: boolean;
  note: string | null;
  datasetBytes: number;
  bytesArrived: number;
  percentArrived: number;
  firstByteMs: number | null;
  completedMs: number | null;
  completionDays: number | null;
  deadlineDays: number;
  deadlineMet: boolean;
  marginDays: number | null;
  bytesByDeadline: number;
  percentByDeadline: number;
  costUsd: number;
  costItems: CostItem[];
  arrivedPerDay: number[];
  production: ProductionFigures | null;
  /** One line on what happened when, for check texts. */
  timeline: string;
  [detail: string]: unknown;
}

interface Context {
  sim: Simulation;
  section: TransferSection;
}

export interface MethodRun {
  figures(endMs: number): OptionFigures;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Numbers in timeline texts: thousands separators, at most two decimals. */
const fmt = (x: number) => round(x).toLocaleString('en-US', { maximumFractionDigits: 2 });
const speedText = (bytesPerSecond: number) => (bytesPerSecond * 8 >= 1e9 ? `${fmt((bytesPerSecond * 8) / 1e9)} Gbps` : `${fmt((bytesPerSecond * 8) / 1e6)} Mbps`);
const rangeText = (rates: number[]) => {
  const lo = fmt(Math.min(...rates) / MBPS);
  const hi = fmt(Math.max(...rates) / MBPS);
  return rates.length === 0 ? '0' : lo === hi ? lo : `${lo}–${hi}`;
};

function base(ctx: Context, kind: TransferMethod['kind']) {
  const arrivals = new Arrivals(ctx.section.deadline);
  const state = { firstByteMs: null as number | null, completedMs: null as number | null };
  const figures = (endMs: number, extra: { costItems: CostItem[]; production: ProductionFigures | null; timeline: string; available?: boolean; note?: string | null }): OptionFigures => {
    const dataset = ctx.section.dataset;
    const completed = state.completedMs;
    return {
      kind,
      available: extra.available ?? true,
      note: extra.note ?? null,
      datasetBytes: dataset,
      bytesArrived: Math.round(arrivals.total),
      percentArrived: round((100 * arrivals.total) / dataset, 1),
      firstByteMs: state.firstByteMs,
      completedMs: completed === null ? null : Math.round(completed),
      completionDays: completed === null ? null : round(completed / DAY_MS),
      deadlineDays: round(ctx.section.deadline / DAY_MS),
      deadlineMet: completed !== null && completed <= ctx.section.deadline,
      marginDays: completed === null ? null : round((ctx.section.deadline - completed) / DAY_MS),
      bytesByDeadline: Math.round(arrivals.byDeadline),
      percentByDeadline: round((100 * arrivals.byDeadline) / dataset, 1),
      costUsd: round(extra.costItems.reduce((s, c) => s + c.usd, 0)),
      costItems: extra.costItems,
      arrivedPerDay: arrivals.cumulative(Math.ceil(endMs / DAY_MS)),
      production: extra.production,
      timeline: extra.timeline,
    };
  };
  return { arrivals, state, figures };
}

/** Production's share of the line, hour by hour, given what the copy takes in each hour. */
class ProductionLedger {
  shortHours = 0;
  worst = { got: Infinity, needed: 0, share: 1 };

  constructor(private readonly line: LineSpec) {}

  usable(): number {
    return this.line.bandwidth * this.line.utilisation;
  }

  hour(atMs: number, copyRate: number): void {
    const needed = rateAt(this.line.production, atMs);
    const got = Math.min(needed, Math.max(0, this.usable() - copyRate));
    const share = needed > 0 ? got / needed : 1;
    if (got < needed - 1e-6) this.shortHours++;
    // On a tie the busier hour is the one worth quoting.
    if (share < this.worst.share || (share === this.worst.share && needed > this.worst.needed)) this.worst = { got, needed, share };
  }

  /** Production on a line the plan does not use: what it gets over one day. */
  untouched(): ProductionFigures {
    for (let h = 0; h < 24; h++) this.hour(h * HOUR_MS, 0);
    const figures = this.figures();
    return { ...figures, shortHours: 0 };
  }

  figures(): ProductionFigures {
    const got = Number.isFinite(this.worst.got) ? this.worst.got : 0;
    return { shortHours: this.shortHours, worstMbps: round(got / MBPS, 1), neededMbps: round(this.worst.needed / MBPS, 1), worstShare: round(this.worst.share, 3) };
  }
}

function toolCost(tool: 'datasync' | 'own', bytes: number): CostItem[] {
  if (tool === 'own') return [];
  return [{ item: 'DataSync per GB copied', usd: round((bytes / TRANSFER_PRICES.bytesPerGB) * TRANSFER_PRICES.dataSyncPerGB) }];
}

function internet(ctx: Context, m: Extract<TransferMethod, { kind: 'internet' }>): MethodRun {
  const { arrivals, state, figures } = base(ctx, 'internet');
  const line = ctx.section.line!;
  const ledger = new ProductionLedger(line);
  const copyRates: number[] = [];
  const cap = ctx.section.source ?? Infinity;
  flow(ctx.sim, `transfer:${m.name}`, 0, ctx.section.dataset, {
    rate: (at) => Math.min(m.limit === undefined ? Infinity : rateAt(m.limit, at), ledger.usable(), cap),
    moved: (from, to, r, bytes) => {
      if (bytes > 0 && state.firstByteMs === null) state.firstByteMs = from;
      ledger.hour(from, r);
      copyRates.push(r);
      arrivals.add(from, to, bytes);
    },
    done: (at) => (state.completedMs = at),
  });
  return {
    figures: (endMs) => ({
      ...figures(endMs, {
        costItems: toolCost(m.tool, arrivals.total),
        production: ledger.figures(),
        timeline: `copying over the internet line from day 0 at ${rangeText(copyRates)} Mbps of its ${fmt(ledger.usable() / MBPS)} usable Mbps${state.completedMs === null ? ', not finished when the run ended' : `, done on day ${fmt(state.completedMs / DAY_MS)}`}`,
      }),
      usableMbps: round(ledger.usable() / MBPS, 1),
      copyMbps: copyRates.length ? { min: round(Math.min(...copyRates) / MBPS, 1), max: round(Math.max(...copyRates) / MBPS, 1) } : { min: 0, max: 0 },
    }),
  };
}

function directConnect(ctx: Context, m: Extract<TransferMethod, { kind: 'direct-connect' }>): MethodRun {
  const { arrivals, state, figures } = base(ctx, 'direct-connect');
  const rate = Math.min(m.speed * m.utilisation, ctx.section.source ?? Infinity);
  flow(ctx.sim, `transfer:${m.name}`, m.leadTime, ctx.section.dataset, {
    rate: () => rate,
    moved: (from, to, _r, bytes) => {
      if (bytes > 0 && state.firstByteMs === null) state.firstByteMs = from;
      arrivals.add(from, to, bytes);
    },
    done: (at) => (state.completedMs = at),
  });
  const portHourUsd = m.portHourUsd ?? TRANSFER_PRICES.directConnectPortHour[m.connection].get(Math.round(m.speed * 8))!;
  return {
    figures: (endMs) => {
      const upTo = state.completedMs ?? endMs;
      const portHours = upTo > m.leadTime ? Math.ceil((upTo - m.leadTime) / HOUR_MS) : 0;
      const costItems = [{ item: `Direct Connect ${m.connection} port-hours (${portHours} h at $${portHourUsd})`, usd: round(portHours * portHourUsd) }, ...toolCost(m.tool, arrivals.total)];
      return {
        ...figures(endMs, {
          costItems,
          production: ctx.section.line ? new ProductionLedger(ctx.section.line).untouched() : null,
          timeline: `${m.connection} ${speedText(m.speed)} connection ready on day ${fmt(m.leadTime / DAY_MS)} (its lead time), then copying at ${fmt(rate / MBPS)} Mbps${state.completedMs === null ? ', not finished when the run ended' : `, done on day ${fmt(state.completedMs / DAY_MS)}`}`,
        }),
        connection: m.connection,
        speedMbps: round(m.speed / MBPS),
        readyMs: m.leadTime,
        readyDays: round(m.leadTime / DAY_MS),
        copyMbps: round(rate / MBPS, 1),
        portHours,
      };
    },
  };
}

function snowball(ctx: Context, m: Extract<TransferMethod, { kind: 'snowball' }>): MethodRun {
  const { arrivals, state, figures } = base(ctx, 'snowball');
  const capacity = SNOW.storageOptimizedBytes.values[0]!.amount;
  const carried = Math.min(ctx.section.dataset, m.devices * capacity);
  const copyRate = Math.min(m.copy.streams * m.copy.perStream, ctx.section.source ?? Infinity);
  const times = { deliveredMs: null as number | null, copyDoneMs: null as number | null, atAwsMs: null as number | null, importDoneMs: null as number | null };
  const available = !ctx.section.newCustomer;
  if (available) {
    ctx.sim.at(m.delivery, `transfer:${m.name}:delivered`, () => {
      times.deliveredMs = ctx.sim.now;
      flow(ctx.sim, `transfer:${m.name}:copy`, ctx.sim.now, carried, {
        rate: () => copyRate,
        moved: () => undefined,
        done: (at) => {
          times.copyDoneMs = at;
          ctx.sim.at(at + m.return, `transfer:${m.name}:at-aws`, () => {
            times.atAwsMs = ctx.sim.now;
            // Devices are filled side by side with equal shares, so they import side by side too.
            flow(ctx.sim, `transfer:${m.name}:import`, ctx.sim.now, carried, {
              rate: () => m.devices * m.importRate,
              moved: (from, to, _r, bytes) => {
                if (bytes > 0 && state.firstByteMs === null) state.firstByteMs = from;
                arrivals.add(from, to, bytes);
              },
              done: (end) => {
                times.importDoneMs = end;
                if (carried === ctx.section.dataset) state.completedMs = end;
              },
            });
          });
        },
      });
    });
  }
  const includedDays = m.fees.includedDays ?? TRANSFER_PRICES.snowballIncludedDays;
  const snowTimeline = () => {
    if (!available) return 'no device: Snowball Edge is closed to new customers';
    const parts = [`${m.devices} device(s) on site on day ${fmt(m.delivery / DAY_MS)}`];
    if (times.copyDoneMs !== null) parts.push(`copy of ${fmt(carried / 1e12)} TB at ${fmt(copyRate / MBS)} MB/s took ${fmt((times.copyDoneMs - m.delivery) / DAY_MS)} days`);
    if (times.atAwsMs !== null) parts.push(`at AWS on day ${fmt(times.atAwsMs / DAY_MS)}`);
    if (times.importDoneMs !== null) parts.push(`imported into S3 by day ${fmt(times.importDoneMs / DAY_MS)}`);
    else parts.push('not in S3 when the run ended');
    return parts.join(', ');
  };
  const gb = (bytes: number) => round(bytes / 1e12, 1);
  const note = !available
    ? 'Snowball Edge is not offered to new customers (since November 2025): look at DataSync, Data Transfer Terminal or a partner'
    : carried < ctx.section.dataset
      ? `${gb(ctx.section.dataset - carried)} TB do not fit on ${m.devices} device(s) of ${gb(capacity)} TB`
      : null;
  return {
    figures: (endMs) => {
      const onSiteUntil = times.copyDoneMs ?? (times.deliveredMs === null ? null : endMs);
      const daysOnSite = onSiteUntil === null || times.deliveredMs === null ? 0 : Math.ceil((onSiteUntil - times.deliveredMs) / DAY_MS - 1e-9);
      const extraDays = Math.max(0, daysOnSite - includedDays);
      const costItems = available
        ? [
            { item: `Snowball Edge job fee × ${m.devices}`, usd: m.devices * m.fees.job },
            ...(extraDays > 0 ? [{ item: `${extraDays} extra day(s) on site × ${m.devices} device(s)`, usd: round(extraDays * m.devices * m.fees.extraDay) }] : []),
          ]
        : [];
      const ms = (t: number | null) => (t === null ? null : Math.round(t));
      const days = (t: number | null) => (t === null ? null : round(t / DAY_MS));
      return {
        ...figures(endMs, { costItems, production: ctx.section.line ? new ProductionLedger(ctx.section.line).untouched() : null, available, note, timeline: snowTimeline() }),
        devices: m.devices,
        capacityBytes: capacity,
        copyMBps: round(copyRate / MBS, 1),
        deliveredMs: ms(times.deliveredMs),
        copyDoneMs: ms(times.copyDoneMs),
        atAwsMs: ms(times.atAwsMs),
        importDoneMs: ms(times.importDoneMs),
        deliveredDays: days(times.deliveredMs),
        copyDays: times.copyDoneMs === null || times.deliveredMs === null ? null : round((times.copyDoneMs - times.deliveredMs) / DAY_MS),
        atAwsDays: days(times.atAwsMs),
        daysOnSite,
        includedDays,
        extraDays,
      };
    },
  };
}

const KINDS: { [K in TransferMethod['kind']]: (ctx: Context, m: Extract<TransferMethod, { kind: K }>) => MethodRun } = {
  internet,
  'direct-connect': directConnect,
  snowball,
};

export function startMethod(sim: Simulation, section: TransferSection, m: TransferMethod): MethodRun {
  return (KINDS[m.kind] as (ctx: Context, m: TransferMethod) => MethodRun)({ sim, section }, m);
}
