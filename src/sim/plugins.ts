import type { z } from 'zod';
import type { ServiceTable } from './commands/types.js';
import type { World } from './world.js';

// Services beyond Kinesis join the engine as plug-ins. A plug-in owns one top-level key of the
// scenario file (`sqs:`, `firehose:`, `iot:`), its command table (`aws sqs …`), its runtime and
// its part of the metrics document under the same key. Adding a service is one folder and one
// line in PLUGINS (src/sim/plugin-registry.ts), and touches no other service.

export interface PluginRuntime {
  /** What the plug-in's command handlers receive (the lab console and scenario actions use it). */
  commandContext: unknown;
  /** Starts traffic and timers; called after every service exists, before producers start. */
  start(): void;
  /** Its section of the metrics document: JSON-able, stable names (docs/scenarios.md). */
  metrics(): unknown;
}

export interface ServicePlugin<Spec = unknown> {
  /** The scenario key and the metrics document key. */
  key: string;
  /** Schema of the scenario's section under `key` (quantities parsed as in spec.ts). */
  schema: z.ZodType<Spec>;
  /** Lower runs first: a service others deliver to (SQS) exists before those that send to it. */
  order: number;
  commands: ServiceTable;
  /** Further `aws` services the plug-in answers (IoT Core's `iot-data` beside `iot`), bound to the same context. */
  moreCommands?: readonly ServiceTable[];
  /** Registers its runtime in `world.services` under `key` so other services can reach it. */
  create(world: World, spec: Spec): PluginRuntime;
  /** Load-time checks across the scenario (names referring to streams, queues…); messages with a path. */
  check?(spec: Spec, scenario: { streams: string[]; sections: Record<string, unknown> }): { path: (string | number)[]; message: string }[];
}
