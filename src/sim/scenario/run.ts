import { Simulation } from '../core/simulation.js';
import { bind, Dispatcher } from '../commands/dispatch.js';
import { kinesisCommands } from '../commands/kinesis.js';
import { createConsumer, type FailedBatchInfo } from '../kinesis/consumers/index.js';
import { PLUGINS } from '../plugin-registry.js';
import { ObjectStore } from '../s3.js';
import type { World } from '../world.js';
import { EnhancedFanOut } from '../kinesis/efo.js';
import { Producer } from '../kinesis/producer.js';
import { KinesisService } from '../kinesis/service.js';
import { assembleMetrics, type ActionResult, type ScenarioMetrics } from './metrics.js';
import { ProgressProbe, type RunProgress } from './progress.js';
import type { ScenarioSpec } from './spec.js';

// Runs a scenario in virtual time: builds the streams, starts producers and consumers, runs the
// actions' commands at their times through the same dispatcher the lab console uses, and
// returns the metrics document when the clock reaches the duration.

export interface RunOptions {
  trace?: boolean;
  /**
   * Called once the streams and plug-in services exist, before consumers and producers start.
   * The lab runner runs a learner's console commands here: at once (before any traffic) or
   * scheduled with `sim.at`, through the same dispatcher as the scenario's actions.
   */
  setup?: (run: { sim: Simulation; dispatcher: Dispatcher; world: World }) => void;
}

export interface StepwiseOptions extends RunOptions {
  /** Virtual time per slice; by default a hundredth of the run, at least one second. */
  sliceMs?: number;
  /** Called after every slice, the last one included. */
  onProgress?: (progress: RunProgress) => void;
  /** Stops the run between two slices. */
  signal?: AbortSignal;
}

export type { RunProgress, ShardProgress } from './progress.js';

export function runScenario(spec: ScenarioSpec, options: RunOptions = {}): ScenarioMetrics {
  const run = prepareScenario(spec, options);
  run.advance(run.endMs);
  return run.finish();
}

/**
 * The same run in slices of virtual time, yielding to the event loop between them so a screen
 * can draw its progress and cancel it. Slicing changes nothing: an event only ever schedules
 * events at or after its own time, so stopping the clock at a slice edge and going on runs the
 * same events in the same order, and the document is byte for byte the one runScenario returns.
 * Resolves to null when the signal aborted the run.
 */
export async function runScenarioStepwise(spec: ScenarioSpec, options: StepwiseOptions = {}): Promise<ScenarioMetrics | null> {
  const run = prepareScenario(spec, options);
  const slice = options.sliceMs ?? Math.max(1000, Math.ceil(spec.duration / 100_000) * 1000);
  for (let t = 0; ; ) {
    if (options.signal?.aborted) return null;
    t = Math.min(t + slice, run.endMs);
    run.advance(t);
    options.onProgress?.(run.progress());
    if (t >= run.endMs) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return options.signal?.aborted ? null : run.finish();
}

/** A run built and started but not yet advanced: the lab console's preview moves it on in steps. */
export interface PreparedRun {
  /** Where the clock stops: just before the duration. */
  endMs: number;
  advance(toMs: number): void;
  progress(): RunProgress;
  finish(): ScenarioMetrics;
}

/**
 * The scenario's services with their streams and queues, and nothing started: the lab console
 * answers a learner's commands against it (AWS's words, the scenario's resources) before the run.
 * `sim.runUntil` moves its clock on, so a reshard typed for later has finished by then.
 */
export function consoleWorld(spec: ScenarioSpec): { sim: Simulation; dispatcher: Dispatcher } {
  const { sim, dispatcher } = buildWorld(spec, false);
  return { sim, dispatcher };
}

function buildWorld(spec: ScenarioSpec, trace: boolean) {
  const sim = new Simulation({ seed: spec.seed, trace });
  const kinesis = new KinesisService(sim);
  const efo = new EnhancedFanOut(sim, kinesis);
  const s3 = new ObjectStore();
  const world: World = { sim, kinesis, efo, services: new Map<string, unknown>([['s3', s3]]) };
  // Plug-in services (SQS, Firehose, IoT) exist before any traffic, in their declared order.
  const plugins = [...PLUGINS]
    .sort((a, b) => a.order - b.order)
    .filter((p) => spec[p.key] !== undefined)
    .map((p) => ({ plugin: p, runtime: p.create(world, spec[p.key]) }));
  const dispatcher = new Dispatcher([bind(kinesisCommands, { sim, kinesis, efo }), ...plugins.flatMap((p) => [p.plugin.commands, ...(p.plugin.moreCommands ?? [])].map((t) => bind(t, p.runtime.commandContext)))]);

  for (const s of spec.kinesis.streams) {
    const stream = kinesis.createStream(s.name, { mode: s.mode === 'on-demand' ? 'ON_DEMAND' : 'PROVISIONED', shardCount: s.shards ?? 1 });
    kinesis.setRetention(stream, s.retention / 3_600_000);
    if (s.maxRecordSize !== undefined) kinesis.setMaxRecordSize(stream, s.maxRecordSize / 1024);
  }
  return { sim, kinesis, efo, s3, world, plugins, dispatcher };
}

export function prepareScenario(spec: ScenarioSpec, options: RunOptions = {}): PreparedRun {
  const { sim, kinesis, efo, s3, world, plugins, dispatcher } = buildWorld(spec, options.trace ?? false);

  options.setup?.({ sim, dispatcher, world });

  // Consumers start first so a TRIM_HORIZON reader and the first records meet at time 0 in a
  // fixed order. Random draws come from per-component forks, so adding one changes no other.
  const onFailure = (destination: string, batch: FailedBatchInfo) => {
    const sink = world.services.get('failure-destinations') as ((d: string, b: FailedBatchInfo) => void) | undefined;
    sink?.(destination, batch);
  };
  const consumers = spec.consumers.map((c) => createConsumer({ sim, kinesis, efo, onFailure }, c));
  for (const p of plugins) p.runtime.start();
  for (const c of consumers) c.start();

  // Producer ids number their record tags (for duplicate and order checks) and default names.
  const producers = spec.producers.map((p, i) => new Producer({ sim, kinesis }, p, i + 1));
  for (const p of producers) p.start();

  const actions: ActionResult[] = [];
  spec.actions.forEach((action, i) => {
    sim.at(action.at, `action:${i}`, () => {
      const outcome = dispatcher.execute(action.do);
      const result: ActionResult = { atMs: sim.now, command: action.do, ok: outcome.ok };
      if (outcome.kind === 'response') result.output = outcome.response;
      else if (!outcome.ok) result.error = outcome.error;
      actions.push(result);
    });
  });

  const probe = new ProgressProbe(world, consumers, spec.duration);
  // The run covers [0, duration): an event due exactly at `duration` would fall in a second the
  // per-second series do not have, so the clock stops just before it.
  const endMs = spec.duration - spec.duration * Number.EPSILON;
  const finish = (): ScenarioMetrics => assembleMetrics({
    scenario: spec.name ?? 'scenario',
    seed: spec.seed,
    durationMs: spec.duration,
    events: sim.eventCount,
    kinesis,
    producers: producers.map((p) => p.metrics()),
    consumers: consumers.map((c) => c.metrics()),
    actions,
    trace: sim.trace,
    services: {
      ...Object.fromEntries(plugins.map((p) => [p.plugin.key, p.runtime.metrics()])),
      // Only when something wrote objects: Kinesis-only documents stay as they were.
      ...(s3.bucketNames().length ? { s3: s3.metrics() } : {}),
    },
  });
  return { endMs, advance: (toMs) => sim.runUntil(Math.min(toMs, endMs)), progress: () => probe.take(), finish };
}
