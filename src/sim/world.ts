import type { Simulation } from './core/simulation.js';
import type { EnhancedFanOut } from './kinesis/efo.js';
import type { KinesisService } from './kinesis/service.js';

/**
 * Everything one run shares: the clock, Kinesis, and the other services by key ('sqs',
 * 'firehose', 'iot'), so an IoT rule can put into a stream or a Lambda mapping can send a failed
 * batch to a queue without the services importing each other.
 */
export interface World {
  sim: Simulation;
  kinesis: KinesisService;
  efo: EnhancedFanOut;
  services: Map<string, unknown>;
}
