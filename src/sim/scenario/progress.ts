import { KINESIS } from '../limits.js';
import type { Consumer } from '../kinesis/consumers/index.js';
import type { KinesisService } from '../kinesis/service.js';
import type { Shard } from '../kinesis/shard.js';
import type { World } from '../world.js';

// A compact view of a run in progress, taken between slices of virtual time: enough for a live
// dashboard (throughput per shard against its limit, throttles, how far readers lag), and cheap
// enough to take a hundred times a run. Reading it never changes what the run computes.

export interface ShardProgress {
  stream: string;
  shard: string;
  open: boolean;
  /** Over the last slice. */
  recordsPerSecond: number;
  bytesPerSecond: number;
  /** Bytes GetRecords returned over the last slice: the shared read throughput polling readers split. */
  readBytesPerSecond: number;
  /** Writes refused with ProvisionedThroughputExceeded in the last slice. */
  throttled: number;
}

export interface RunProgress {
  atMs: number;
  durationMs: number;
  /** Open shards, and closed ones that still took writes in the last slice. */
  shards: ShardProgress[];
  /** The per-shard write limits, and the shared read limit, the bars are drawn against. */
  limits: { recordsPerSecond: number; bytesPerSecond: number; readBytesPerSecond: number };
  /** Some reader has called GetRecords: the run has shared (polling) reads to draw. Enhanced fan-out is not counted here. */
  sharedReads: boolean;
  /** Totals since the start. */
  writeThrottled: number;
  readThrottled: number;
  /** Highest iterator age any consumer saw in the last slice; null when the run has no Kinesis consumer. */
  iteratorAgeMs: number | null;
  /** Messages visible or in flight over every SQS queue; null when the run has no queue. */
  queueDepth: number | null;
  events: number;
}

interface QueueView {
  visibleCount: number;
  inFlightCount: number;
}

interface SqsView {
  service: { liveQueues(): QueueView[] };
}

export class ProgressProbe {
  private readonly last = new Map<Shard, { records: number; bytes: number; throttled: number; read: number }>();
  private lastAt = 0;

  constructor(
    private readonly world: World,
    private readonly consumers: readonly Consumer[],
    private readonly durationMs: number,
  ) {}

  take(): RunProgress {
    const { sim, kinesis } = this.world;
    const now = sim.now;
    const seconds = Math.max(1e-9, (now - this.lastAt) / 1000);
    const shards: ShardProgress[] = [];
    let writeThrottled = 0;
    let readThrottled = 0;
    let sharedReads = false;
    for (const [name, shard] of allShards(kinesis)) {
      writeThrottled += shard.writeThrottled;
      readThrottled += shard.readThrottled;
      sharedReads ||= shard.getRecordsCalls > 0;
      const before = this.last.get(shard) ?? { records: 0, bytes: 0, throttled: 0, read: 0 };
      const records = shard.recordsIn - before.records;
      const bytes = shard.bytesIn - before.bytes;
      const throttled = shard.writeThrottled - before.throttled;
      const read = shard.bytesRead - before.read;
      this.last.set(shard, { records: shard.recordsIn, bytes: shard.bytesIn, throttled: shard.writeThrottled, read: shard.bytesRead });
      // A closed parent still being drained by its readers stays on the dashboard.
      if (!shard.open && records === 0 && throttled === 0 && read === 0) continue;
      shards.push({ stream: name, shard: shard.id, open: shard.open, recordsPerSecond: records / seconds, bytesPerSecond: bytes / seconds, readBytesPerSecond: read / seconds, throttled });
    }
    this.lastAt = now;
    const ages = this.consumers.flatMap((c) => (c.takeIteratorAgePeak ? [c.takeIteratorAgePeak()] : []));
    const sqs = this.world.services.get('sqs') as SqsView | undefined;
    const queues = sqs?.service.liveQueues() ?? [];
    return {
      atMs: now,
      durationMs: this.durationMs,
      shards,
      limits: { recordsPerSecond: KINESIS.shardWriteRecords.values[0]!.amount, bytesPerSecond: KINESIS.shardWriteBytes.values[0]!.amount, readBytesPerSecond: KINESIS.shardReadBytes.values[0]!.amount },
      sharedReads,
      writeThrottled,
      readThrottled,
      iteratorAgeMs: ages.length ? Math.max(...ages) : null,
      queueDepth: queues.length ? queues.reduce((a, q) => a + q.visibleCount + q.inFlightCount, 0) : null,
      events: sim.eventCount,
    };
  }
}

function* allShards(kinesis: KinesisService): Generator<[string, Shard]> {
  for (const [name, stream] of kinesis.streams) for (const shard of stream.shards) yield [name, shard];
}
