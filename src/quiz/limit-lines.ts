// Where each limit is written in src/sim/limits.ts, for questions whose limits the notes do not
// state (the seed notes state few): the answer is then cited at the module that defines it.
// The caller reads the file (the CLI does, when the sources are present); this stays pure.

import type { SourceRef } from '../content/model.js';

export const LIMITS_FILE = 'src/sim/limits.ts';

const TABLE = /\btable\('(\w+)',\s*\{/;
const ENTRY = /^\s+(\w+):\s*\{\s*name:/;

/** Maps `service.name` keys to the line that defines them. */
export function limitLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  let service: string | undefined;
  source.split('\n').forEach((text, i) => {
    const table = TABLE.exec(text);
    if (table) service = table[1];
    const entry = ENTRY.exec(text);
    if (entry && service) lines.set(`${service}.${entry[1]}`, i + 1);
  });
  return lines;
}

export function limitSourceFrom(source: string, file = LIMITS_FILE): (key: string) => SourceRef | undefined {
  const lines = limitLines(source);
  return (key) => {
    const line = lines.get(key);
    return line === undefined ? undefined : { file, line };
  };
}
