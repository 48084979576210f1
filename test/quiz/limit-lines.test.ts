import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitLines, limitSourceFrom } from '../../src/quiz/limit-lines.js';
import { ALL_LIMITS } from '../../src/sim/limits.js';
import { root } from './helpers.js';

describe('limit lines', () => {
  const text = readFileSync(join(root, 'src', 'sim', 'limits.ts'), 'utf8');
  const lines = text.split('\n');

  it('finds the defining line of every limit in the limits module', () => {
    const map = limitLines(text);
    for (const limit of ALL_LIMITS) {
      const line = map.get(limit.key);
      expect(line, limit.key).toBeDefined();
      expect(lines[line! - 1]).toMatch(new RegExp(`^\\s+${limit.key.split('.')[1]}: \\{`));
    }
  });

  it('answers with a file:line, or nothing for an unknown key', () => {
    const source = limitSourceFrom(text);
    expect(source('kinesis.shardWriteBytes')).toEqual({ file: 'src/sim/limits.ts', line: expect.any(Number) });
    expect(source('kinesis.nope')).toBeUndefined();
  });
});
