// Regenerates the expected metrics of the example scenarios (labs/scenarios/*.yaml) in
// test/fixtures/scenarios/NAME.expected.json, which test/sim/scenario-examples.test.ts compares
// on every run. Run it after an intended change to the engine and review the diff:
//
//   npx tsx scripts/update-scenario-fixtures.ts [NAME…]
//
// A fixture is a subset of the metrics document: the totals a reader of the scenario cares
// about, without per-second series, so a diff stays readable.

import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadScenarioFile } from '../src/sim/scenario/load.js';
import type { MetricsDocument } from '../src/sim/scenario/metrics.js';
import { runScenario } from '../src/sim/scenario/run.js';
import { PLUGINS } from '../src/sim/plugin-registry.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
export const SCENARIO_DIR = join(root, 'labs', 'scenarios');
export const FIXTURE_DIR = join(root, 'test', 'fixtures', 'scenarios');

/** Per-second arrays are left out of a fixture: the totals catch a change, and diffs stay short. */
const SERIES = new Set(['series']);

function withoutSeries(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SERIES.has(k)));
}

/** The same at every depth, for plug-in sections (queues, delivery streams… each with series). */
function withoutSeriesDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSeriesDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SERIES.has(k)).map(([k, v]) => [k, withoutSeriesDeep(v)]));
}

/** Sections of plug-in services (sqs, firehose, iot) and the shared S3, when a run has them. */
const SERVICE_KEYS = new Set([...PLUGINS.map((p) => p.key), 's3']);

export function fixtureSubset(doc: MetricsDocument) {
  return {
    scenario: doc.scenario,
    seed: doc.seed,
    durationMs: doc.durationMs,
    streams: Object.fromEntries(
      Object.entries(doc.streams).map(([name, s]) => [
        name,
        {
          mode: s.mode,
          openShards: s.openShards,
          totalShards: s.totalShards,
          recordsIn: s.recordsIn,
          userRecordsIn: s.userRecordsIn,
          bytesIn: s.bytesIn,
          writeThrottled: s.writeThrottled,
          expiredRecords: s.expiredRecords,
          readThrottled: s.readThrottled,
          getRecordsCalls: s.getRecordsCalls,
          reshards: s.reshards,
          ...(s.onDemandCapacity ? { onDemandCapacity: s.onDemandCapacity } : {}),
          shards: Object.fromEntries(
            Object.entries(s.shards).map(([id, sh]) => [
              id,
              { open: sh.open, parents: sh.parents, recordsIn: sh.recordsIn, bytesIn: sh.bytesIn, writeThrottled: sh.writeThrottled, getRecordsCalls: sh.getRecordsCalls, readThrottled: sh.readThrottled, recordsRead: sh.recordsRead },
            ]),
          ),
        },
      ]),
    ),
    producers: Object.fromEntries(Object.entries(doc.producers).map(([name, p]) => [name, withoutSeries(p)])),
    consumers: Object.fromEntries(Object.entries(doc.consumers).map(([name, c]) => [name, withoutSeries(c)])),
    actions: doc.actions.map((a) => ({ atMs: a.atMs, command: a.command, ok: a.ok, ...(a.error !== undefined ? { error: a.error } : {}) })),
    ...Object.fromEntries(Object.entries(doc).filter(([k]) => SERVICE_KEYS.has(k)).map(([k, v]) => [k, withoutSeriesDeep(v)])),
  };
}

export function exampleNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

export function runExample(name: string): MetricsDocument {
  const loaded = loadScenarioFile(join(SCENARIO_DIR, `${name}.yaml`));
  if (!loaded.ok) throw new Error(`${name}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return runScenario(loaded.spec);
}

export function fixturePath(name: string): string {
  return join(FIXTURE_DIR, `${name}.expected.json`);
}

function main(names: string[]): void {
  const all = exampleNames();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) {
    process.stderr.write(`no such example: ${unknown.join(', ')} (have: ${all.join(', ')})\n`);
    process.exit(2);
  }
  for (const name of names.length ? names : all) {
    writeFileSync(fixturePath(name), `${JSON.stringify(fixtureSubset(runExample(name)), null, 2)}\n`);
    process.stdout.write(`wrote ${fixturePath(name).slice(root.length + 1)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
