import type { Simulation } from '../core/simulation.js';
import { KINESIS } from '../limits.js';
import { TokenBucket } from './bucket.js';
import { AwsError } from './errors.js';
import type { KinesisService, IteratorType } from './service.js';
import type { Shard } from './shard.js';
import type { Stream } from './stream.js';

// Enhanced fan-out: registered consumers each get their own 2 MiB/s per shard, pushed over a
// subscription that lasts 5 minutes. The engine pushes every PUSH_INTERVAL_MS the records that
// arrived at least PROPAGATION_MS earlier, which averages the ~70 ms AWS quotes.

export const EFO_TIMINGS = {
  registerMs: 5_000,
  pushIntervalMs: 50,
  propagationMs: 45,
  resubscribeGuardMs: 5_000,
} as const;

const SUBSCRIPTION_MS = KINESIS.subscriptionLifetime.values[0]!.amount * 1000;

export interface EfoConsumer {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: 'CREATING' | 'ACTIVE' | 'DELETING';
  ConsumerCreationTimestamp: number;
  stream: Stream;
  /** Per-shard push buckets: 2 MiB/s for this consumer alone. */
  buckets: Map<string, TokenBucket>;
  subscriptions: Map<string, Subscription>;
}

export interface PushEvent {
  shard: Shard;
  from: number;
  to: number;
  bytes: number;
  millisBehindLatest: number;
  /** Set when the shard is closed and fully delivered: the children to read next. */
  childShards?: string[];
}

export interface Subscription {
  consumer: EfoConsumer;
  shard: Shard;
  position: number;
  startedAt: number;
  endsAt: number;
  ended: boolean;
  cancel(): void;
}

export class EnhancedFanOut {
  private readonly consumers = new Map<string, EfoConsumer>();

  constructor(
    private readonly sim: Simulation,
    private readonly kinesis: KinesisService,
  ) {
    kinesis.consumerCount = (stream: Stream) => [...this.consumers.values()].filter((c) => c.stream === stream).length;
  }

  register(streamArnOrName: string, consumerName: string): EfoConsumer {
    const name = streamArnOrName.startsWith('arn:') ? streamArnOrName.split('/').pop()! : streamArnOrName;
    const stream = this.kinesis.stream(name);
    const existing = [...this.consumers.values()].filter((c) => c.stream === stream);
    if (existing.some((c) => c.ConsumerName === consumerName)) {
      throw new AwsError('ResourceInUseException', `Consumer ${consumerName} under stream ${stream.name} already exists for account 123456789012.`);
    }
    const limit = KINESIS.efoConsumers.values[0]!.amount;
    if (existing.length >= limit) throw new AwsError('LimitExceededException', `Consumer limit of ${limit} reached for stream ${stream.name}.`);
    const consumer: EfoConsumer = {
      ConsumerName: consumerName,
      ConsumerARN: `${stream.arn}/consumer/${consumerName}:${this.sim.now}`,
      ConsumerStatus: 'CREATING',
      ConsumerCreationTimestamp: this.sim.now / 1000,
      stream,
      buckets: new Map(),
      subscriptions: new Map(),
    };
    this.consumers.set(consumer.ConsumerARN, consumer);
    stream.efoRegisteredAt.push(this.sim.now);
    this.sim.after(EFO_TIMINGS.registerMs, `efo:${consumerName}:active`, () => (consumer.ConsumerStatus = 'ACTIVE'));
    return consumer;
  }

  consumer(arn: string): EfoConsumer {
    const c = this.consumers.get(arn) ?? [...this.consumers.values()].find((x) => x.ConsumerName === arn);
    if (!c) throw new AwsError('ResourceNotFoundException', `Consumer ${arn} not found.`);
    return c;
  }

  list(stream: Stream): EfoConsumer[] {
    return [...this.consumers.values()].filter((c) => c.stream === stream);
  }

  /**
   * SubscribeToShard: pushes batches to `onEvent` until the 5-minute subscription ends, then calls
   * `onEnd` with the position to continue from (the continuation sequence number).
   */
  subscribe(
    consumerArn: string,
    shardId: string,
    start: { type: IteratorType; position?: number; sequenceNumber?: string; timestampMs?: number },
    onEvent: (event: PushEvent) => void,
    onEnd: (continueAt: number | null) => void,
  ): Subscription {
    const consumer = this.consumer(consumerArn);
    if (consumer.ConsumerStatus !== 'ACTIVE') throw new AwsError('ResourceInUseException', `Consumer ${consumer.ConsumerName} is not ACTIVE; it is ${consumer.ConsumerStatus}.`);
    const stream = consumer.stream;
    const shard = stream.shard(shardId);
    if (!shard) throw new AwsError('ResourceNotFoundException', `Shard ${shardId} in stream ${stream.name} under account 123456789012 does not exist`);
    const previous = consumer.subscriptions.get(shardId);
    if (previous && !previous.ended && this.sim.now - previous.startedAt < EFO_TIMINGS.resubscribeGuardMs) {
      throw new AwsError('ResourceInUseException', `Another active subscription exists for consumer ${consumer.ConsumerName} and shard ${shardId}.`);
    }
    previous?.cancel();
    let bucket = consumer.buckets.get(shardId);
    if (!bucket) {
      bucket = new TokenBucket(KINESIS.efoBytes.values[0]!.amount, undefined, this.sim.now);
      consumer.buckets.set(shardId, bucket);
    }
    const position = start.position ?? this.kinesis.startPosition(stream, shard, start.type, { startingSequenceNumber: start.sequenceNumber, timestampMs: start.timestampMs });
    const sub: Subscription = {
      consumer,
      shard,
      position,
      startedAt: this.sim.now,
      endsAt: this.sim.now + SUBSCRIPTION_MS,
      ended: false,
      cancel: () => {
        sub.ended = true;
        timer.cancel();
      },
    };
    const push = (): boolean => {
      if (sub.ended) return false;
      const now = this.sim.now;
      if (now >= sub.endsAt) {
        sub.ended = true;
        onEnd(sub.position);
        return false;
      }
      const log = shard.log;
      const from = Math.max(sub.position, log.first);
      const visibleUntil = now - EFO_TIMINGS.propagationMs;
      let to = from;
      let bytes = 0;
      while (to < log.end && log.arrivalAt(to) <= visibleUntil) {
        const size = log.sizeAt(to);
        if (!bucket.canTake(now, bytes + size)) break;
        bytes += size;
        to++;
      }
      if (to > from) {
        bucket.take(now, bytes);
        stream.efoBytesOut += bytes;
      }
      sub.position = to;
      const drained = !shard.open && to > shard.endIndex!;
      const event: PushEvent = { shard, from, to, bytes, millisBehindLatest: to < log.end ? Math.max(0, now - log.arrivalAt(to)) : 0 };
      if (drained) event.childShards = stream.shards.filter((s) => s.parents.includes(shard.id)).map((s) => s.id);
      if (to > from || drained) onEvent(event);
      if (drained) {
        sub.ended = true;
        onEnd(null);
        return false;
      }
      return true;
    };
    const timer = this.sim.every(EFO_TIMINGS.pushIntervalMs, `efo:${consumer.ConsumerName}:${shardId}`, push, this.sim.now + EFO_TIMINGS.pushIntervalMs);
    consumer.subscriptions.set(shardId, sub);
    return sub;
  }
}
