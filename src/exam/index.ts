// The mock exam's public surface: profiles, assembly, the session reducer, scoring, the recorder.

export * from './profile.js';
export * from './assemble.js';
export * from './session.js';
export * from './score.js';
export * from './recorder.js';
export * from './misses.js';
export * from './history.js';
export * from './protocol.js';
