#!/usr/bin/env node
// `npm start`: rebuild only when a source file is newer than the bundle, then run it in this process.
import { isStale, bundle } from './build.mjs';

if (isStale()) await bundle();
await import('../dist/shardlab.js');
