import type { ConsumerSpec } from '../../scenario/spec.js';
import { EFO_TIMINGS, type EfoConsumer as Registration } from '../efo.js';
import type { Shard } from '../shard.js';
import type { Stream } from '../stream.js';
import type { Consumer, ConsumerContext, ConsumerMetrics } from './index.js';
import { ShardLineage } from './lineage.js';
import { ProcessingLane, ShardSubscriber, type ReaderContext } from './reader.js';
import { DeliveryTracker, runSeconds } from './tracking.js';

// An enhanced fan-out consumer: RegisterStreamConsumer, wait for ACTIVE, then SubscribeToShard on
// every shard (renewed as each 5-minute subscription ends). Its 2 MiB/s per shard is its own, so
// it neither takes from nor waits for the polling consumers of the same shards.

type EfoSpec = Extract<ConsumerSpec, { kind: 'efo' }>;

/** How often a consumer that is still CREATING checks again (DescribeStreamConsumer). */
const ACTIVE_CHECK_MS = 1000;

/** Registers `name` on the stream and calls `ready` once it is ACTIVE. */
export function registerWhenActive(ctx: ReaderContext, stream: Stream, name: string, ready: (consumer: Registration) => void): Registration {
  const consumer = ctx.efo.register(stream.name, name);
  const check = () => {
    if (consumer.ConsumerStatus === 'ACTIVE') ready(consumer);
    else ctx.sim.after(ACTIVE_CHECK_MS, `efo:${name}:describe`, check);
  };
  // The registry turns it ACTIVE after this delay; a check at that instant runs after it (FIFO).
  ctx.sim.after(EFO_TIMINGS.registerMs, `efo:${name}:describe`, check);
  return consumer;
}

export class EfoConsumer implements Consumer {
  readonly name: string;
  private readonly tracker = new DeliveryTracker();
  private stream!: Stream;
  private lineage!: ShardLineage;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly spec: EfoSpec,
  ) {
    this.name = spec.name;
  }

  start(): void {
    this.stream = this.ctx.kinesis.stream(this.spec.stream);
    this.lineage = new ShardLineage(this.stream);
    registerWhenActive(this.ctx, this.stream, this.name, (consumer) => {
      for (const shard of this.lineage.initial(this.spec.startingPosition)) this.subscribe(consumer, shard, this.spec.startingPosition);
    });
  }

  private subscribe(consumer: Registration, shard: Shard, type: 'TRIM_HORIZON' | 'LATEST'): void {
    const position = this.ctx.kinesis.startPosition(this.stream, shard, type, {});
    const lane = new ProcessingLane(this.spec.processing.perBatch, this.spec.processing.perRecord);
    new ShardSubscriber(this.ctx, consumer.ConsumerARN, shard, position, `consumer:${this.name}:${shard.id}`, this.tracker, {
      records: (from, to) => {
        const doneAt = lane.finish(this.ctx.sim.now, to - from);
        this.tracker.deliver(shard, from, to, doneAt);
        return doneAt;
      },
      drained: () => {
        for (const child of this.lineage.finish(shard)) this.subscribe(consumer, child, 'TRIM_HORIZON');
      },
    }).start();
  }

  takeIteratorAgePeak(): number {
    return this.tracker.takeAgePeak();
  }

  metrics(): ConsumerMetrics {
    return { name: this.name, kind: 'efo', stream: this.spec.stream, ...this.tracker.metrics(runSeconds(this.ctx.sim.now)) };
  }
}
