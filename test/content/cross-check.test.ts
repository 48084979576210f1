import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossCheckFacts } from '../../src/content/cross-check.js';
import { loadContent, loadFiles } from '../../src/content/loader.js';
import { ALL_LIMITS, SERVICE_WORDS } from '../../src/sim/limits.js';

describe('notes checked against the engine limits', () => {
  const found = loadFiles([join(import.meta.dirname, '..', 'fixtures', 'cross-check', 'old-notes.md')]).diagnostics;
  const w23 = found.filter((d) => d.code === 'W023');

  it('W023: a stale value is a warning that gives today’s value, the source and the history', () => {
    expect(w23.map((d) => d.line)).toEqual([9, 11, 18]);
    expect(w23[0]!.message).toBe(
      '"Maximum message size" is 256 KiB here, but the engine uses 1 MiB (sqs.messageBytes, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html); older material says 256 KiB (changed 2025-08)',
    );
    expect(w23[1]!.message).toMatch(/"Message retention" is 1 min–7 days here, but the engine uses 60 s–14 days/);
    expect(w23[2]!.message).toMatch(/"Retention" is 24 h–168 h here, but the engine uses 24 h–8,760 h/);
  });

  it('accepts AWS’s loose MB for MiB, and an agreeing range', () => {
    // Line 17 says 1 MB/s (decimal) for the 1 MiB/s shard limit; line 10 states the range exactly.
    expect(w23.some((d) => d.line === 17 || d.line === 10)).toBe(false);
  });

  it('W022: a row in a table with a Source column but no source', () => {
    expect(found.filter((d) => d.code === 'W022').map((d) => d.line)).toEqual([10]);
  });

  it('the shipped notes agree with the engine, and state every engine limit', () => {
    const index = loadContent(join(import.meta.dirname, '..', '..', 'content'));
    expect(crossCheckFacts(index.facts)).toEqual([]);
    const unstated = ALL_LIMITS.filter(
      (l) => !index.facts.some((f) => l.aliases.test(f.name) && SERVICE_WORDS[l.service].test(`${f.source.file} ${f.topic} ${f.name}`)),
    );
    expect(unstated.map((l) => l.key)).toEqual([]);
  });
});
