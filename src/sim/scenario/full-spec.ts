import { PLUGINS } from '../plugin-registry.js';
import { scenarioSpec } from './spec.js';

/** The scenario schema with every plug-in's section (`sqs:`, `firehose:`, `iot:`) as an optional key. */
export function fullScenarioSpec() {
  return scenarioSpec.extend(Object.fromEntries(PLUGINS.map((p) => [p.key, p.schema.optional()])));
}
