import type { Rng } from '../core/rng.js';
import { ShardLineage } from '../kinesis/consumers/lineage.js';
import { ShardPoller, type ReaderContext } from '../kinesis/consumers/reader.js';
import { DeliveryTracker } from '../kinesis/consumers/tracking.js';
import { FIREHOSE_ENGINE } from '../limits.js';
import type { Shard } from '../kinesis/shard.js';
import type { Stream } from '../kinesis/stream.js';
import { withPadding } from './bodies.js';
import type { DeliveryStream } from './delivery-stream.js';

// A Kinesis data stream as a Firehose source: Firehose reads from LATEST with GetRecords once per
// second per shard (AWS's description), through the same shard limits every polling consumer
// shares, so a stream with many readers throttles Firehose too, and its throughput and latency
// follow from the stream's. Parents are read to their end before their children after a reshard;
// KPL aggregates are de-aggregated into their user records, as Firehose does.

const POLL_MS = FIREHOSE_ENGINE.kinesisSourcePollInterval.values[0]!.amount * 1000;

export class KinesisSource {
  private readonly tracker = new DeliveryTracker();
  private readonly pollers = new Map<string, ShardPoller>();
  private lineage!: ShardLineage;
  private stream!: Stream;
  private stopped = false;

  constructor(
    private readonly ctx: ReaderContext,
    readonly streamName: string,
    private readonly target: DeliveryStream,
    private readonly rng: Rng,
  ) {}

  start(): void {
    this.stream = this.ctx.kinesis.stream(this.streamName);
    this.lineage = new ShardLineage(this.stream);
    for (const shard of this.lineage.initial('LATEST')) this.read(shard, 'LATEST');
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.pollers.values()) p.stop();
    this.pollers.clear();
  }

  private read(shard: Shard, type: 'TRIM_HORIZON' | 'LATEST'): void {
    if (this.stopped) return;
    const position = this.ctx.kinesis.startPosition(this.stream, shard, type, {});
    const poller = new ShardPoller(this.ctx, this.stream, shard, position, { label: `firehose:${this.target.name}:${shard.id}`, interval: POLL_MS, limit: 10_000 }, this.tracker, {
      records: (from, to) => {
        for (let i = Math.max(from, shard.log.first); i < to; i++) this.deliver(shard, i);
        return this.ctx.sim.now;
      },
      drained: () => {
        this.pollers.delete(shard.id);
        for (const child of this.lineage.finish(shard)) this.read(child, 'TRIM_HORIZON');
      },
    });
    this.pollers.set(shard.id, poller);
    poller.start();
  }

  /** One Kinesis record into Firehose: its data, or for generated traffic a JSON line of its size. */
  private deliver(shard: Shard, index: number): void {
    const log = shard.log;
    const data = log.data.get(index);
    if (data !== undefined) {
      const bytes = Buffer.from(data, 'base64');
      this.target.ingest(bytes.toString('utf8'), bytes.length);
      return;
    }
    const key = this.stream.keys[log.keyAt(index)] ?? '';
    const users = log.usersAt(index);
    // Kinesis counts the partition key in a record's size; Firehose receives the data blob only.
    const dataSize = Math.max(0, log.sizeAt(index) - Buffer.byteLength(key, 'utf8'));
    const head = `{"partitionKey":${JSON.stringify(key)},"shard":"${shard.id}","n":${index}`;
    if (users <= 1) {
      const body = withPadding(head, dataSize, this.rng);
      this.target.ingest(body, body.length);
      return;
    }
    const each = Math.floor(dataSize / users);
    for (let u = 0; u < users; u++) {
      const body = withPadding(`${head},"u":${u}`, each, this.rng);
      this.target.ingest(body, body.length);
    }
  }

  metrics() {
    return { stream: this.streamName, getRecordsCalls: this.tracker.getRecordsCalls, readThrottled: this.tracker.readThrottled, maxIteratorAgeMs: Math.round(this.tracker.maxIteratorAgeMs * 1000) / 1000 };
  }
}
