import type { ServicePlugin } from './plugins.js';
import { firehosePlugin } from './firehose/plugin.js';
import { iotPlugin } from './iot/plugin.js';
import { sqsPlugin } from './sqs/plugin.js';
import { transferPlugin } from './transfer/plugin.js';

// One line per service. Kept apart from plugins.ts so plug-in modules can import the interface
// without importing each other.
export const PLUGINS: readonly ServicePlugin[] = [
  sqsPlugin as ServicePlugin,
  firehosePlugin as ServicePlugin,
  iotPlugin as ServicePlugin,
  transferPlugin as ServicePlugin,
];
