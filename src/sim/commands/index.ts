export { bind, commandTables, Dispatcher, awsErrorLine, parseCommand, type BoundService, type Outcome } from './dispatch.js';
export type { Completion } from './complete.js';
export { kinesisCommands, type KinesisContext } from './kinesis.js';
export { USAGE_BANNER, type Parsed } from './parse.js';
export { tokenize, tokenizeLenient, type Token } from './tokenize.js';
export type { CommandSpec, FlagSpec, ServiceTable } from './types.js';
