import { loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario } from '../../src/sim/scenario/run.js';
import type { FirehoseMetrics, FirehoseService } from '../../src/sim/firehose/service.js';
import type { ObjectStore, S3Object } from '../../src/sim/s3.js';

// Test scaffolding for Firehose: a scenario from YAML text, run with the Firehose service and the
// object store in reach (object bodies kept whatever their size), and its firehose metrics.

export function runFirehose(yaml: string, setup?: (fh: FirehoseService) => void) {
  const loaded = loadScenarioText(yaml, 'firehose-test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  let store!: ObjectStore;
  let fh!: FirehoseService;
  const doc = runScenario(loaded.spec, {
    setup: ({ world }) => {
      store = world.services.get('s3') as ObjectStore;
      fh = world.services.get('firehose') as FirehoseService;
      fh.bodyLimit = Infinity;
      setup?.(fh);
    },
  });
  const firehose = doc.firehose as FirehoseMetrics;
  return { doc, store, fh, firehose, ds: firehose.deliveryStreams, objects: (bucket: string, prefix = '') => store.list(bucket, prefix) };
}

/** JSON lines of an uncompressed object. */
export function lines(o: S3Object): string[] {
  return (o.body ?? '').split('\n').filter((l) => l.length > 0);
}

/** Error output records of an object: the original record back from rawData. */
export function errorRecords(o: S3Object): { errorCode: string; attemptsMade: number; raw: string; line: Record<string, unknown> }[] {
  return lines(o).map((l) => {
    const line = JSON.parse(l) as Record<string, unknown>;
    return { errorCode: String(line.errorCode), attemptsMade: Number(line.attemptsMade), raw: Buffer.from(String(line.rawData), 'base64').toString('utf8'), line };
  });
}

/** The identity every delivery stream keeps: nothing lost without a counted reason. */
export function accounted(m: FirehoseMetrics['deliveryStreams'][string]): number {
  const errors = Object.values(m.errorOutput.records).reduce((a, b) => a + b, 0);
  return m.recordsDelivered + m.transform.dropped + errors + m.pending + m.lost + m.discarded;
}
