import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleNames, fixturePath, fixtureSubset, runExample } from '../../scripts/update-scenario-fixtures.js';
import { renderSummary } from '../../src/sim/report.js';

// Each example scenario against its committed expected metrics (a regression file). After an
// intended engine change: npx tsx scripts/update-scenario-fixtures.ts, then review the diff.

const names = exampleNames();

describe('example scenarios', () => {
  it('there are at least five, each with a fixture', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) expect(existsSync(fixturePath(name)), `${name}: run npx tsx scripts/update-scenario-fixtures.ts ${name}`).toBe(true);
  });

  it.each(names)('%s matches its expected metrics, and its summary fits 80 columns', (name) => {
    const expected = JSON.parse(readFileSync(fixturePath(name), 'utf8'));
    const doc = runExample(name);
    expect(fixtureSubset(doc)).toEqual(expected);
    for (const line of renderSummary(doc).split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
