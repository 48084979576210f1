import type { Simulation } from '../../core/simulation.js';
import type { ConsumerSpec } from '../../scenario/spec.js';
import type { EnhancedFanOut } from '../efo.js';
import type { KinesisService } from '../service.js';
import { EfoConsumer } from './efo-consumer.js';
import { KclConsumer, type KclMetrics } from './kcl.js';
import { LambdaConsumer, type FailedBatchInfo, type LambdaMetrics } from './lambda.js';
import { PollingConsumer } from './polling.js';
import type { DeliveryMetrics } from './tracking.js';

// The consumers a scenario declares: plain polling readers, enhanced fan-out subscribers, KCL
// applications with a lease table, and Lambda event source mappings. Each reads through the
// KinesisService (shared shard read limits) or EnhancedFanOut (its own pipe per shard), and
// reports the same delivery metrics plus its own.

export interface ConsumerContext {
  sim: Simulation;
  kinesis: KinesisService;
  efo: EnhancedFanOut;
  /**
   * Where a Lambda event source mapping sends a discarded batch's metadata (its `onFailure`
   * destination). Without it the batch is kept in the consumer's own in-engine sink only.
   */
  onFailure?: (destination: string, batch: FailedBatchInfo) => void;
}

export interface Consumer {
  readonly name: string;
  start(): void;
  metrics(): ConsumerMetrics;
  /** Highest iterator age since the previous call, for a run's live progress; optional for readers that track none. */
  takeIteratorAgePeak?(): number;
}

interface Identity {
  name: string;
  stream: string;
}

export type ConsumerMetrics =
  | (Identity & { kind: 'polling' } & DeliveryMetrics)
  | (Identity & { kind: 'efo' } & DeliveryMetrics)
  | (Identity & { kind: 'kcl' } & DeliveryMetrics & KclMetrics)
  | (Identity & { kind: 'lambda' } & DeliveryMetrics & LambdaMetrics);

export function createConsumer(ctx: ConsumerContext, spec: ConsumerSpec): Consumer {
  switch (spec.kind) {
    case 'polling':
      return new PollingConsumer(ctx, spec);
    case 'efo':
      return new EfoConsumer(ctx, spec);
    case 'kcl':
      return new KclConsumer(ctx, spec);
    case 'lambda':
      return new LambdaConsumer(ctx, spec);
  }
}

export type { DeliveryMetrics } from './tracking.js';
export type { KclMetrics, LeaseView } from './kcl.js';
export type { FailedBatchInfo, LambdaMetrics } from './lambda.js';
export { EfoConsumer, KclConsumer, LambdaConsumer, PollingConsumer };
