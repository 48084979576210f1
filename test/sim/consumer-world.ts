import { Simulation } from '../../src/sim/core/simulation.js';
import { createConsumer, type Consumer, type ConsumerContext } from '../../src/sim/kinesis/consumers/index.js';
import { EnhancedFanOut } from '../../src/sim/kinesis/efo.js';
import { KinesisService } from '../../src/sim/kinesis/service.js';
import { consumerSpec } from '../../src/sim/scenario/spec.js';

// Test scaffolding for the consumers: a stream, producers written inline with putOne (tags are
// producer × 2^32 + n, n counting stored records), and consumers built from scenario-file specs.

export const PRODUCER_SPAN = 4_294_967_296;

export function world(options: { shards?: number; seed?: number } = {}) {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const kinesis = new KinesisService(sim);
  const efo = new EnhancedFanOut(sim, kinesis);
  const stream = kinesis.createStream('orders', { shardCount: options.shards ?? 1 });
  const ctx: ConsumerContext = { sim, kinesis, efo };
  return { sim, kinesis, efo, stream, ctx };
}

export type World = ReturnType<typeof world>;

export interface Load {
  perSecond: number;
  size: number;
  /** Partition keys, used in turn. */
  keys: readonly string[];
  from?: number;
  until: number;
  producer?: number;
}

/** Evenly spaced puts; returns live counters of what was stored and throttled. */
export function produce(w: World, load: Load) {
  const counters = { stored: 0, throttled: 0 };
  const producer = load.producer ?? 0;
  const start = load.from ?? 0;
  const step = 1000 / load.perSecond;
  let i = 0;
  const next = () => {
    const key = load.keys[i % load.keys.length]!;
    i++;
    const put = w.kinesis.putOne(w.stream, { partitionKey: key, size: load.size, tag: producer * PRODUCER_SPAN + counters.stored });
    if (put) counters.stored++;
    else counters.throttled++;
    const at = start + i * step;
    if (at < load.until) w.sim.at(at, 'producer', next);
  };
  w.sim.at(start, 'producer', next);
  return counters;
}

export function keys(count: number, prefix = 'k'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

/** A consumer from the scenario schema (defaults applied), started now or at `startAt`. */
export function consumer(w: World, spec: Record<string, unknown>, startAt?: number): Consumer {
  const c = createConsumer(w.ctx, consumerSpec.parse({ stream: 'orders', ...spec }));
  if (startAt === undefined) c.start();
  else w.sim.at(startAt, 'start consumer', () => c.start());
  return c;
}
