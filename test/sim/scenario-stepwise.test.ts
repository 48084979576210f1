import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleNames } from '../../scripts/update-scenario-fixtures.js';
import { loadLabFile } from '../../src/labs/load.js';
import { labSolution, runLab } from '../../src/labs/run.js';
import { loadScenarioFile, loadScenarioText } from '../../src/sim/scenario/load.js';
import { runScenario, runScenarioStepwise, type RunProgress } from '../../src/sim/scenario/run.js';

// The stepwise run feeds the app's live dashboard; it must not change a single number of the
// document, and what it reports between slices must describe the run it is watching.

const SCENARIOS = join(import.meta.dirname, '..', '..', 'labs', 'scenarios');

function load(name: string) {
  const loaded = loadScenarioFile(join(SCENARIOS, `${name}.yaml`));
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return loaded.spec;
}

describe('runScenarioStepwise', () => {
  it.each(exampleNames())('%s: the same document, byte for byte, as the synchronous run', async (name) => {
    const spec = load(name);
    const slices: RunProgress[] = [];
    const stepwise = await runScenarioStepwise(spec, { sliceMs: 700, onProgress: (p) => slices.push(p) });
    expect(JSON.stringify(stepwise)).toBe(JSON.stringify(runScenario(spec)));
    expect(slices.length).toBe(Math.ceil(spec.duration / 700));
    expect(slices.map((s) => s.atMs)).toEqual([...slices.map((s) => s.atMs)].sort((a, b) => a - b));
  });

  it('reports per-shard throughput against the limits, throttles and queue depth', async () => {
    const slices: RunProgress[] = [];
    const spec = load('hot-partition');
    const doc = (await runScenarioStepwise(spec, { onProgress: (p) => slices.push(p) }))!;
    const last = slices.at(-1)!;
    expect(last.limits).toEqual({ recordsPerSecond: 1000, bytesPerSecond: 1024 * 1024, readBytesPerSecond: 2 * 1024 * 1024 });
    // Rate × slice length, added up over the slices, is what each shard took in the whole run.
    const [streamName, stream] = Object.entries(doc.streams)[0]!;
    for (const [id, shard] of Object.entries(stream.shards)) {
      let start = 0;
      let total = 0;
      for (const p of slices) {
        const s = p.shards.find((x) => x.stream === streamName && x.shard === id);
        total += (s?.recordsPerSecond ?? 0) * ((p.atMs - start) / 1000);
        start = p.atMs;
      }
      expect(Math.round(total)).toBe(shard.recordsIn);
    }
    expect(Math.max(...slices.flatMap((s) => s.shards.map((x) => x.throttled)))).toBeGreaterThan(0);
    expect(last.writeThrottled).toBeGreaterThan(0);
    expect(last.queueDepth).toBeNull();
    expect(last.atMs).toBeLessThan(last.durationMs);
    expect(last.durationMs - last.atMs).toBeLessThan(1);

    const sqs: RunProgress[] = [];
    await runScenarioStepwise(load('sqs-poison-dlq'), { onProgress: (p) => sqs.push(p) });
    expect(sqs.some((p) => (p.queueDepth ?? 0) > 0)).toBe(true);
    expect(sqs[0]!.iteratorAgeMs).toBeNull();
  });

  it('reports the iterator age a lagging reader sees', async () => {
    const slices: RunProgress[] = [];
    await runScenarioStepwise(load('classic-vs-efo'), { onProgress: (p) => slices.push(p) });
    expect(slices.every((p) => p.iteratorAgeMs !== null)).toBe(true);
    expect(Math.max(...slices.map((p) => p.iteratorAgeMs!))).toBeGreaterThan(0);
  });

  it('stops between slices when the signal aborts, and resolves to null', async () => {
    const loaded = loadScenarioText('seed: 1\nduration: 600s\nkinesis: {streams: [{name: s, shards: 1}]}\nproducers: [{stream: s, rate: 100/s, recordSize: 1KiB}]\n', 'x.yaml');
    if (!loaded.ok) throw new Error('scenario');
    const controller = new AbortController();
    const seen: number[] = [];
    const doc = await runScenarioStepwise(loaded.spec, { sliceMs: 10_000, onProgress: (p) => { seen.push(p.atMs); if (seen.length === 3) controller.abort(); }, signal: controller.signal });
    expect(doc).toBeNull();
    expect(seen).toEqual([10_000, 20_000, 30_000]);
  });
});

describe('runLab with progress', () => {
  it('scores the same with and without a progress callback, and can be cancelled', async () => {
    const loaded = loadLabFile(join(import.meta.dirname, '..', 'fixtures', 'labs', 'split-hot-shard.md'), 'split-hot-shard.md');
    const lab = loaded.lab!;
    const solution = labSolution(lab, 'solution');
    if (!solution.ok) throw new Error('solution');
    const plain = await runLab(lab, solution.solution);
    let reports = 0;
    const watched = await runLab(lab, solution.solution, { onProgress: () => reports++ });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(plain));
    expect(reports).toBeGreaterThan(1);
    const controller = new AbortController();
    controller.abort();
    expect(await runLab(lab, solution.solution, { signal: controller.signal })).toEqual({ ok: false, cancelled: true, problems: [] });
  });
});
