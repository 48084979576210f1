// Lab figures: how long each shipped lab's reference and starter take to run (what `lab verify`
// and the app's Run button cost), and what running a scenario in slices for the live dashboard
// costs over one synchronous run. Prints; never asserts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenarioFile } from '../src/sim/scenario/load.js';
import { runScenario, runScenarioStepwise } from '../src/sim/scenario/run.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'shardlab.js');

function report(name: string, value: string): void {
  console.log(`${name.padEnd(52)} ${value}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runLabsBench(): Promise<void> {
  // One process per lab, as a learner's `lab verify ID` is: the reference and the starter run.
  const list = JSON.parse(spawnSync(process.execPath, [cli, 'lab', 'list', '--json'], { encoding: 'utf8' }).stdout) as { id: string }[];
  const times: { id: string; ms: number }[] = [];
  for (const { id } of list) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'lab', 'verify', id, '--json'], { encoding: 'utf8' });
    times.push({ id, ms: performance.now() - t0 });
    if (r.status !== 0) console.log(`  lab verify ${id} exited ${r.status}`);
  }
  times.sort((a, b) => b.ms - a.ms);
  const total = times.reduce((a, t) => a + t.ms, 0);
  report(`lab verify, ${times.length} labs one by one (reference + starter)`, `${(total / 1000).toFixed(1)} s wall in all`);
  report('  per lab, median', `${median(times.map((t) => t.ms)).toFixed(0)} ms`);
  for (const t of times.slice(0, 3)) report(`  slowest: ${t.id}`, `${t.ms.toFixed(0)} ms`);

  // The dashboard's slices: the same scenario, synchronous vs in 1 s slices with a progress report each.
  const loaded = loadScenarioFile(join(root, 'labs', 'scenarios', 'hot-partition.yaml'));
  if (!loaded.ok) throw new Error('hot-partition.yaml does not load');
  const sync: number[] = [];
  const sliced: number[] = [];
  let reports = 0;
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    runScenario(loaded.spec);
    sync.push(performance.now() - t0);
    t0 = performance.now();
    await runScenarioStepwise(loaded.spec, { sliceMs: 1000, onProgress: () => (reports += 1) });
    sliced.push(performance.now() - t0);
  }
  const s = median(sync);
  const w = median(sliced);
  report('hot-partition scenario, one synchronous run, median', `${s.toFixed(0)} ms`);
  report('  the same in 1 s slices with progress, median', `${w.toFixed(0)} ms (${(w / s).toFixed(2)}×, ${reports / 5} reports a run)`);
}
