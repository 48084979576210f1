import type { ServicePlugin } from './plugins.js';
import { iotPlugin } from './iot/plugin.js';

// One line per service. Kept apart from plugins.ts so plug-in modules can import the interface
// without importing each other.
export const PLUGINS: readonly ServicePlugin[] = [
  iotPlugin as ServicePlugin,
];
