import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenarioStepwise, type RunProgress } from '../../src/sim/scenario/run.js';

// The live dashboard's read bars: what each slice reports as read adds up to what the run's
// document says each shard returned to GetRecords, and a run with only enhanced fan-out readers
// reports no shared reads to draw.

function load(name: string) {
  const loaded = loadScenarioFile(join(import.meta.dirname, '..', '..', 'labs', 'scenarios', `${name}.yaml`));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return loaded.spec;
}

describe('run progress reads', () => {
  it('reports per-shard read bytes per second that add up to the bytes GetRecords returned', async () => {
    const slices: RunProgress[] = [];
    const doc = (await runScenarioStepwise(load('hot-partition'), { onProgress: (p) => slices.push(p) }))!;
    expect(slices.at(-1)!.sharedReads).toBe(true);
    expect(slices.at(-1)!.limits.readBytesPerSecond).toBe(2 * 1024 * 1024);
    const [streamName, stream] = Object.entries(doc.streams)[0]!;
    let any = 0;
    for (const [id, shard] of Object.entries(stream.shards)) {
      let start = 0;
      let total = 0;
      for (const p of slices) {
        const s = p.shards.find((x) => x.stream === streamName && x.shard === id);
        total += (s?.readBytesPerSecond ?? 0) * ((p.atMs - start) / 1000);
        start = p.atMs;
      }
      expect(Math.round(total)).toBe(shard.bytesRead);
      any += shard.bytesRead;
    }
    expect(any).toBeGreaterThan(0);
  });

  it('has no shared reads when the only reader uses enhanced fan-out', async () => {
    const loaded = loadScenarioText('seed: 1\nduration: 20s\nkinesis: {streams: [{name: s, shards: 2}]}\nproducers: [{stream: s, rate: 100/s, recordSize: 1KiB}]\nconsumers: [{name: fan, stream: s, kind: efo}]\n', 'efo.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const slices: RunProgress[] = [];
    await runScenarioStepwise(loaded.spec, { onProgress: (p) => slices.push(p) });
    expect(slices.every((p) => !p.sharedReads && p.shards.every((x) => x.readBytesPerSecond === 0))).toBe(true);
    expect(slices.at(-1)!.iteratorAgeMs).not.toBeNull();
  });
});
