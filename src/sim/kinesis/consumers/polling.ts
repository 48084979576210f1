import type { ConsumerSpec } from '../../scenario/spec.js';
import type { Shard } from '../shard.js';
import type { Stream } from '../stream.js';
import type { Consumer, ConsumerContext, ConsumerMetrics } from './index.js';
import { ShardLineage } from './lineage.js';
import { ProcessingLane, ShardPoller } from './reader.js';
import { DeliveryTracker, runSeconds } from './tracking.js';

// A plain shared-throughput consumer: one GetRecords loop per shard, every `interval`, at most
// `limit` records a call. All polling consumers of a shard draw on its 5 calls/s and 2 MiB/s, so
// adding readers eventually throttles them all.

type PollingSpec = Extract<ConsumerSpec, { kind: 'polling' }>;

export class PollingConsumer implements Consumer {
  readonly name: string;
  private readonly tracker = new DeliveryTracker();
  private readonly readers = new Map<string, ShardPoller>();
  private stream!: Stream;
  private lineage!: ShardLineage;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly spec: PollingSpec,
  ) {
    this.name = spec.name;
  }

  start(): void {
    this.stream = this.ctx.kinesis.stream(this.spec.stream);
    this.lineage = new ShardLineage(this.stream);
    for (const shard of this.lineage.initial(this.spec.startingPosition)) this.read(shard, this.spec.startingPosition);
  }

  private read(shard: Shard, type: 'TRIM_HORIZON' | 'LATEST'): void {
    // GetShardIterator, then GetRecords through the shard's shared limits.
    const position = this.ctx.kinesis.startPosition(this.stream, shard, type, {});
    const lane = new ProcessingLane(this.spec.processing.perBatch, this.spec.processing.perRecord);
    const poller = new ShardPoller(this.ctx, this.stream, shard, position, { label: `consumer:${this.name}:${shard.id}`, interval: this.spec.interval, limit: this.spec.limit }, this.tracker, {
      records: (from, to) => {
        const doneAt = lane.finish(this.ctx.sim.now, to - from);
        this.tracker.deliver(shard, from, to, doneAt);
        return doneAt;
      },
      drained: () => {
        this.readers.delete(shard.id);
        for (const child of this.lineage.finish(shard)) this.read(child, 'TRIM_HORIZON');
      },
    });
    this.readers.set(shard.id, poller);
    poller.start();
  }

  takeIteratorAgePeak(): number {
    return this.tracker.takeAgePeak();
  }

  metrics(): ConsumerMetrics {
    return { name: this.name, kind: 'polling', stream: this.spec.stream, ...this.tracker.metrics(runSeconds(this.ctx.sim.now)) };
  }
}
