import { KINESIS } from '../../limits.js';
import type { ConsumerSpec } from '../../scenario/spec.js';
import type { Shard } from '../shard.js';
import type { Stream } from '../stream.js';
import { registerWhenActive } from './efo-consumer.js';
import type { Consumer, ConsumerContext, ConsumerMetrics } from './index.js';
import { ShardLineage } from './lineage.js';
import { ProcessingLane, ShardPoller, ShardSubscriber, type RecordSink, type ShardReader } from './reader.js';
import { DeliveryTracker, runSeconds } from './tracking.js';

// A Kinesis Client Library application: a lease table with one lease per shard, spread over the
// workers so their counts differ by at most one. The holder of a lease reads its shard and
// checkpoints now and then; a worker that stops renewing loses its leases after `leaseTimeout`,
// and whoever takes them resumes from the last checkpoint, so the records after it run twice.
// Child shards get a lease only when every parent lease is checkpointed at SHARD_END.

type KclSpec = Extract<ConsumerSpec, { kind: 'kcl' }>;

export interface KclMetrics {
  workers: number;
  /** Leases each worker holds now (a failed worker keeps them until they are taken over). */
  leasesPerWorker: number[];
  /** Live workers holding no lease: more workers than shards leaves some with nothing to do. */
  idleWorkers: number;
  checkpoints: number;
  /** Records processed again because they came after the last checkpoint of a lost lease. */
  reprocessed: number;
  /** Leases that changed hands after the first assignment (expired or rebalanced). */
  leaseTakeovers: number;
}

/** One row of the lease table as a learner would see it in DynamoDB. */
export interface LeaseView {
  shardId: string;
  owner: number | null;
  /** Index of the next record to process, or SHARD_END once the shard is finished. */
  checkpoint: number | 'SHARD_END';
  /** How far the current (or last) holder has processed. */
  processed: number;
}

interface Lease {
  shard: Shard;
  owner: number;
  checkpoint: number;
  ended: boolean;
  processed: number;
  /** The furthest any holder got: records below it that are read again are reprocessed. */
  highWater: number;
  sinceCheckpoint: number;
  lastCheckpointAt: number;
  reader: ShardReader | null;
  lane: ProcessingLane;
}

const NO_OWNER = -1;

export class KclConsumer implements Consumer {
  readonly name: string;
  private readonly tracker = new DeliveryTracker();
  private readonly leases: Lease[] = [];
  private readonly alive: boolean[];
  /** Unfinished leases per worker. */
  private readonly held: number[];
  private stream!: Stream;
  private lineage!: ShardLineage;
  private efoArn: string | null = null;
  private checkpoints = 0;
  private reprocessed = 0;
  private takeovers = 0;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly spec: KclSpec,
  ) {
    this.name = spec.name;
    this.alive = Array.from({ length: spec.workers }, () => true);
    this.held = Array.from({ length: spec.workers }, () => 0);
    for (const f of spec.failures) {
      if (f.worker >= spec.workers) throw new Error(`consumer ${spec.name}: a failure names worker ${f.worker}, but workers are numbered 0 to ${spec.workers - 1}`);
    }
  }

  start(): void {
    this.stream = this.ctx.kinesis.stream(this.spec.stream);
    this.lineage = new ShardLineage(this.stream);
    for (const f of this.spec.failures) this.ctx.sim.at(Math.max(f.at, this.ctx.sim.now), `kcl:${this.name}:worker-${f.worker}:fails`, () => this.fail(f.worker));
    const begin = () => {
      for (const shard of this.lineage.initial(this.spec.startingPosition)) {
        this.createLease(shard, this.ctx.kinesis.startPosition(this.stream, shard, this.spec.startingPosition, {}));
      }
    };
    if (this.spec.fanOut === 'efo') {
      registerWhenActive(this.ctx, this.stream, this.name, (consumer) => {
        this.efoArn = consumer.ConsumerARN;
        begin();
      });
    } else begin();
  }

  leaseTable(): LeaseView[] {
    return this.leases.map((l) => ({
      shardId: l.shard.id,
      owner: l.owner === NO_OWNER ? null : l.owner,
      checkpoint: l.ended ? 'SHARD_END' : l.checkpoint,
      processed: l.processed,
    }));
  }

  takeIteratorAgePeak(): number {
    return this.tracker.takeAgePeak();
  }

  metrics(): ConsumerMetrics {
    return {
      name: this.name,
      kind: 'kcl',
      stream: this.spec.stream,
      ...this.tracker.metrics(runSeconds(this.ctx.sim.now)),
      workers: this.spec.workers,
      leasesPerWorker: [...this.held],
      idleWorkers: this.held.filter((n, w) => n === 0 && this.alive[w]).length,
      checkpoints: this.checkpoints,
      reprocessed: this.reprocessed,
      leaseTakeovers: this.takeovers,
    };
  }

  // --- leases ----------------------------------------------------------------------------

  private createLease(shard: Shard, position: number): void {
    const lease: Lease = {
      shard,
      owner: NO_OWNER,
      checkpoint: position,
      ended: false,
      processed: position,
      highWater: position,
      sinceCheckpoint: 0,
      lastCheckpointAt: this.ctx.sim.now,
      reader: null,
      lane: new ProcessingLane(this.spec.processing.perBatch, this.spec.processing.perRecord),
    };
    this.leases.push(lease);
    const worker = this.leastLoaded();
    if (worker !== NO_OWNER) this.take(lease, worker);
  }

  /** The live worker with the fewest leases (the lowest number on a tie), or none. */
  private leastLoaded(): number {
    let best = NO_OWNER;
    for (let w = 0; w < this.held.length; w++) {
      if (this.alive[w] && (best === NO_OWNER || this.held[w]! < this.held[best]!)) best = w;
    }
    return best;
  }

  private take(lease: Lease, worker: number): void {
    lease.owner = worker;
    this.held[worker]!++;
    lease.processed = lease.checkpoint;
    lease.sinceCheckpoint = 0;
    lease.lastCheckpointAt = this.ctx.sim.now;
    const label = `kcl:${this.name}:worker-${worker}:${lease.shard.id}`;
    const sink: RecordSink = {
      records: (from, to) => this.process(lease, from, to),
      polled: () => this.checkpointByTime(lease),
      drained: () => this.shardEnd(lease),
    };
    lease.reader =
      this.efoArn !== null
        ? new ShardSubscriber(this.ctx, this.efoArn, lease.shard, lease.checkpoint, label, this.tracker, sink).start()
        : new ShardPoller(this.ctx, this.stream, lease.shard, lease.checkpoint, { label, interval: this.spec.interval, limit: KINESIS.getRecordsMaxRecords.values[0]!.amount }, this.tracker, sink).start();
  }

  private release(lease: Lease): void {
    lease.reader?.stop();
    lease.reader = null;
    if (lease.owner !== NO_OWNER) this.held[lease.owner]!--;
    lease.owner = NO_OWNER;
  }

  // --- processing and checkpoints ---------------------------------------------------------

  private process(lease: Lease, from: number, to: number): number {
    const now = this.ctx.sim.now;
    const n = to - from;
    const doneAt = lease.lane.finish(now, n);
    this.tracker.deliver(lease.shard, from, to, doneAt);
    const again = Math.min(to, lease.highWater) - from;
    if (again > 0) this.reprocessed += again;
    lease.processed = to;
    if (to > lease.highWater) lease.highWater = to;

    const every = this.spec.checkpoint.everyRecords;
    if (every !== undefined) {
      // The record processor checkpoints after every `every`-th record, also in mid-batch.
      const total = lease.sinceCheckpoint + n;
      const times = Math.floor(total / every);
      if (times > 0) {
        this.checkpoint(lease, from + times * every - lease.sinceCheckpoint, times);
        lease.sinceCheckpoint = total % every;
      } else lease.sinceCheckpoint = total;
    }
    this.checkpointByTime(lease);
    return doneAt;
  }

  private checkpointByTime(lease: Lease): void {
    const every = this.spec.checkpoint.every;
    if (every === undefined || lease.ended || lease.processed <= lease.checkpoint) return;
    if (this.ctx.sim.now - lease.lastCheckpointAt < every) return;
    this.checkpoint(lease, lease.processed, 1);
    lease.sinceCheckpoint = 0;
  }

  private checkpoint(lease: Lease, position: number, writes: number): void {
    lease.checkpoint = position;
    lease.lastCheckpointAt = this.ctx.sim.now;
    this.checkpoints += writes;
  }

  /** The shard is read to its end: checkpoint SHARD_END, then the children may get leases. */
  private shardEnd(lease: Lease): void {
    lease.ended = true;
    lease.checkpoint = lease.processed;
    this.checkpoints++;
    lease.reader = null;
    this.release(lease);
    for (const child of this.lineage.finish(lease.shard)) this.createLease(child, child.log.first);
    this.rebalance();
  }

  // --- failures --------------------------------------------------------------------------

  /** The worker stops: its readers go quiet and its leases stop being renewed. */
  private fail(worker: number): void {
    if (!this.alive[worker]) return;
    this.alive[worker] = false;
    for (const lease of this.leases) {
      if (lease.owner !== worker || lease.ended) continue;
      lease.reader?.stop();
      lease.reader = null;
    }
    this.ctx.sim.after(this.spec.leaseTimeout, `kcl:${this.name}:worker-${worker}:leases-expire`, () => this.takeOver(worker));
  }

  /** Leases not renewed for `leaseTimeout` are taken by the live workers, from the last checkpoint. */
  private takeOver(worker: number): void {
    for (const lease of this.leases) {
      if (lease.owner !== worker || lease.ended) continue;
      this.release(lease);
      const next = this.leastLoaded();
      if (next === NO_OWNER) continue;
      this.takeovers++;
      this.take(lease, next);
    }
    this.rebalance();
  }

  /**
   * Keeps live workers within one lease of each other by moving a lease from the busiest to the
   * idlest. The handoff is graceful (KCL 3): the old holder checkpoints first, so nothing repeats.
   */
  private rebalance(): void {
    for (;;) {
      let most = NO_OWNER;
      let least = NO_OWNER;
      for (let w = 0; w < this.held.length; w++) {
        if (!this.alive[w]) continue;
        if (most === NO_OWNER || this.held[w]! > this.held[most]!) most = w;
        if (least === NO_OWNER || this.held[w]! < this.held[least]!) least = w;
      }
      if (most === NO_OWNER || this.held[most]! - this.held[least]! <= 1) return;
      const lease = this.leases.findLast((l) => l.owner === most && !l.ended)!;
      if (lease.processed > lease.checkpoint) this.checkpoint(lease, lease.processed, 1);
      this.release(lease);
      this.takeovers++;
      this.take(lease, least);
    }
  }
}
