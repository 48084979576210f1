// `npm run bench`: prints the figures the issues ask for. Timings are printed, never asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../src/content/loader.js';
import { writeCorpus } from './corpus.js';
import { runQuizBench } from './quiz.js';
import { runSimBench } from './sim.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'shardlab.js');
const corpus = join(root, 'bench', '.corpus');
const NOTES = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

function ms(x: number): string {
  return `${x.toFixed(0).padStart(6)} ms`;
}

function report(name: string, value: string, target = ''): void {
  console.log(`${name.padEnd(52)} ${value}${target ? `   (target ${target})` : ''}`);
}

if (!existsSync(join(corpus, 'group-9', 'note-999.md'))) {
  const bytes = writeCorpus(corpus, NOTES);
  console.log(`generated ${NOTES} notes, ${(bytes / 1e6).toFixed(1)} MB in bench/.corpus`);
}

// --- content loading, in process ------------------------------------------------------------
const cacheDir = mkdtempSync(join(tmpdir(), 'shardlab-bench-'));
const cacheFile = join(cacheDir, 'cache.json');
const cold: number[] = [];
const warm: number[] = [];
let summary = '';
for (let i = 0; i < 3; i++) {
  rmSync(cacheFile, { force: true });
  const [index, coldMs] = time(() => loadContent(corpus, { cacheFile, cacheKey: 'bench' }));
  cold.push(coldMs);
  const [, warmMs] = time(() => loadContent(corpus, { cacheFile, cacheKey: 'bench' }));
  warm.push(warmMs);
  summary = `${index.files.length} files, ${index.cards.length} cards, ${index.facts.length} facts, ${index.mentions.length} mentions`;
}
console.log(`corpus: ${summary}`);
report('load 1,000 notes cold (parse + write cache), median of 3', ms(median(cold)), '≤ 1500 ms');
report('load 1,000 notes from the cache, median of 3', ms(median(warm)), '≤ 300 ms');
report('heap used after loading', `${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

// --- the built CLI, whole process -------------------------------------------------------------
if (!existsSync(cli)) throw new Error('dist/shardlab.js is missing: run npm run build');
const runs = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  median(
    [0, 1, 2, 3, 4].map(() => {
      const t0 = performance.now();
      execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
      return performance.now() - t0;
    }),
  );
const dataDir = join(cacheDir, 'data');
report('node -e 0 (baseline)', ms(runs(['-e', '0'])));
report('shardlab content stats on 1,000 notes, cached', ms(runs([cli, '--content', corpus, '--data-dir', dataDir, 'content', 'stats', '--json'])));
report('shardlab content stats on shipped content, cached', ms(runs([cli, '--data-dir', dataDir, 'content', 'stats', '--json'])));

// --- first frame in a real pseudo-terminal ----------------------------------------------------
// Python's pty module gives a real terminal without a native Node addon; the clock starts just
// before the fork and stops when the Home screen's menu has been written.
const probe = String.raw`
import os, pty, sys, time, select
cli, data = sys.argv[1], sys.argv[2]
times = []
for _ in range(5):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({'CI': 'false', 'TERM': 'xterm-256color', 'COLUMNS': '80', 'LINES': '24'})
        os.execvp('node', ['node', cli, '--data-dir', data])
    buf = b''
    while b'Study' not in buf:
        r, _, _ = select.select([fd], [], [], 5)
        if not r: break
        try: buf += os.read(fd, 65536)
        except OSError: break
    times.append((time.perf_counter() - t0) * 1000)
    os.write(fd, b'\x03')
    os.waitpid(pid, 0)
    os.close(fd)
times.sort()
print(round(times[len(times) // 2]))
`;
const frame = spawnSync('python3', ['-c', probe, cli, dataDir], { encoding: 'utf8' });
if (frame.status === 0) report('shardlab first frame in a pty, median of 5', ms(Number(frame.stdout.trim())), '≤ 500 ms');
else report('shardlab first frame in a pty', `not measured: ${frame.stderr.trim().split('\n').pop()}`);

rmSync(cacheDir, { recursive: true, force: true });

// --- the engine (issue 7) -------------------------------------------------------------------
console.log('');
runSimBench();

// --- the quiz engine (issue 5) --------------------------------------------------------------
console.log('');
runQuizBench();

// --- flashcards and progress (issue 4) -----------------------------------------------------
console.log('');
const { flashcardBench } = await import('./flashcards.js');
await flashcardBench(report);

// --- labs (issues 9 and 10) -----------------------------------------------------------------
console.log('');
const { runLabsBench } = await import('./labs.js');
await runLabsBench();
