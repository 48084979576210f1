import type { ServicePlugin } from '../plugins.js';
import { DAY_MS, HOUR_MS } from './flow.js';
import { startMethod, type MethodRun } from './methods.js';
import { TRANSFER_PRICES } from '../cost/prices.js';
import { DX_SPEEDS } from './speeds.js';
import { transferSection, type DailyBandwidth, type TransferSection } from './spec.js';

// The bulk-transfer model as an engine plug-in: the scenario's `transfer:` section lists ways of
// moving one dataset before a deadline; each runs on its own in virtual time (days of it) and
// the metrics under `transfer` say, per way, when the data is in S3, whether that beats the
// deadline, what it costs and what production traffic was left. It has no console commands:
// it plans a migration rather than answering an AWS API.

type Problem = { path: (string | number)[]; message: string };

const speedText = (bps: number) => (bps >= 1e9 ? `${bps / 1e9} Gbps` : `${bps / 1e6} Mbps`);

function scheduleProblems(rate: DailyBandwidth | undefined, path: (string | number)[]): Problem[] {
  if (rate === undefined || typeof rate === 'number') return [];
  const problems: Problem[] = [];
  rate.schedule.forEach((step, i) => {
    if (step.at < 0 || step.at >= DAY_MS || step.at % HOUR_MS !== 0) problems.push({ path: [...path, 'schedule', i, 'at'], message: 'a schedule step is a whole hour of the day, from 0h to 23h' });
    else if (i > 0 && step.at <= rate.schedule[i - 1]!.at) problems.push({ path: [...path, 'schedule', i, 'at'], message: 'schedule steps go in order of the time of day' });
  });
  return problems;
}

function check(spec: TransferSection): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  if (spec.dataset <= 0) problems.push({ path: ['dataset'], message: 'the dataset must hold at least one byte' });
  if (spec.line) problems.push(...scheduleProblems(spec.line.production, ['line', 'production']));
  spec.methods.forEach((m, i) => {
    if (names.has(m.name)) problems.push({ path: ['methods', i, 'name'], message: `method "${m.name}" is defined twice` });
    names.add(m.name);
    if (m.kind === 'internet') {
      if (!spec.line) problems.push({ path: ['methods', i, 'kind'], message: 'an internet copy needs the site\'s line: give transfer.line {bandwidth, utilisation, production}' });
      problems.push(...scheduleProblems(m.limit, ['methods', i, 'limit']));
    }
    if (m.kind === 'direct-connect') {
      const bps = Math.round(m.speed * 8);
      const sold: readonly number[] = DX_SPEEDS[m.connection];
      if (!sold.includes(bps)) {
        problems.push({ path: ['methods', i, 'speed'], message: `a ${m.connection} connection comes at ${sold.map(speedText).join(', ')}; got ${speedText(bps)}` });
      } else if (m.portHourUsd === undefined && !TRANSFER_PRICES.directConnectPortHour[m.connection].has(bps)) {
        problems.push({ path: ['methods', i, 'speed'], message: `the engine's price table (${TRANSFER_PRICES.region}, ${TRANSFER_PRICES.checked}) has no port-hour price for a ${speedText(bps)} ${m.connection} connection: give portHourUsd` });
      }
    }
  });
  if (spec.plan !== undefined && !names.has(spec.plan)) {
    problems.push({ path: ['plan'], message: `plan "${spec.plan}" is not one of the methods (${[...names].join(', ')})` });
  }
  return problems;
}

class TransferRuntime {
  readonly commandContext = null;
  private runs: { name: string; run: MethodRun }[] = [];

  constructor(
    private readonly world: Parameters<ServicePlugin['create']>[0],
    private readonly spec: TransferSection,
  ) {}

  start(): void {
    this.runs = this.spec.methods.map((m) => ({ name: m.name, run: startMethod(this.world.sim, this.spec, m) }));
  }

  metrics() {
    const end = this.world.sim.now;
    const options = Object.fromEntries(this.runs.map(({ name, run }) => [name, run.figures(end)]));
    const plan = this.spec.plan === undefined ? null : { name: this.spec.plan, ...options[this.spec.plan]! };
    return {
      datasetBytes: this.spec.dataset,
      deadlineMs: this.spec.deadline,
      deadlineDays: Math.round((this.spec.deadline / DAY_MS) * 100) / 100,
      prices: { region: TRANSFER_PRICES.region, currency: TRANSFER_PRICES.currency, checked: TRANSFER_PRICES.checked },
      options,
      plan,
    };
  }
}

export const transferPlugin: ServicePlugin<TransferSection> = {
  key: 'transfer',
  schema: transferSection,
  order: 4,
  commands: { service: 'transfer', summary: 'no commands: a plan set in the scenario', commands: [] },
  create: (world, spec) => {
    const runtime = new TransferRuntime(world, spec);
    world.services.set('transfer', runtime);
    return runtime;
  },
  check: (spec) => check(spec),
};
