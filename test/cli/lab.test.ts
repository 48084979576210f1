import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'labs');
let out = '';
let err = '';
let tmp = '';

beforeEach(() => {
  out = '';
  err = '';
  tmp = mkdtempSync(join(tmpdir(), 'shardlab-lab-'));
  process.env.SHARDLAB_HOME = join(tmp, 'home');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });
const labs = (...argv: string[]) => run('--labs', fixtures, 'lab', ...argv);
/** Paths as the CLI prints them: relative below the working folder, absolute elsewhere. */
const shownPath = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe('shardlab lab list', () => {
  it('--json: one entry per lab with id, title, services, difficulty, points, minutes, solve', async () => {
    expect(await labs('list', '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { id: 'right-size', title: 'Right-size a stream for the checkout load', services: ['kinesis'], difficulty: 'beginner', points: 100, minutes: 10, solve: 'settings' },
      { id: 'split-hot-shard', title: 'Split the hot shard', services: ['kinesis'], difficulty: 'intermediate', points: 100, minutes: 15, solve: 'commands' },
    ]);
    expect(err).toBe('');
  });

  it('an absent or empty folder lists nothing; a broken lab is named on stderr', async () => {
    expect(await run('--labs', join(tmp, 'none'), 'lab', 'list', '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual([]);
    out = '';
    expect(await run('--labs', join(tmp, 'none'), 'lab', 'list')).toBe(0);
    expect(out).toBe(`No labs in ${join(tmp, 'none')}.\n`);
    out = '';
    mkdirSync(join(tmp, 'labs'));
    copyFileSync(join(fixtures, 'right-size.md'), join(tmp, 'labs', 'right-size.md'));
    writeFileSync(join(tmp, 'labs', 'broken.md'), '# no front matter\n');
    expect(await run('--labs', join(tmp, 'labs'), 'lab', 'list', '--json')).toBe(0);
    expect(JSON.parse(out).map((l: { id: string }) => l.id)).toEqual(['right-size']);
    expect(err).toMatch(/broken\.md: 1 error, not listed \(see: shardlab lab lint\)\n$/);
  });

  it('plain: a table, one lab a line', async () => {
    expect(await labs('list')).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^ID +LEVEL +MIN +PTS +SOLVE +TITLE$/);
    expect(out).toContain('right-size       beginner      10  100  settings  Right-size a stream for the checkout load (kinesis)');
  });
});

describe('shardlab lab show', () => {
  it('prints the story and task, never the reference solution', async () => {
    expect(await labs('show', 'right-size')).toBe(0);
    expect(out).toMatch(/^Right-size a stream for the checkout load\nright-size · beginner · 10 min · 100 points · solved with settings · kinesis\n\nStory\n {2}The checkout service/);
    expect(out).toContain('Task\n  Choose the number of shards');
    expect(out).toContain('  shards (integer 1..16, default 1): Shards. Open shards when the stream is created');
    expect(out).toContain('Starter (yaml)\n  shards: 1\n');
    expect(out).not.toContain('shards: 4');
    expect(out).toContain('3 hints: shardlab lab show right-size --hints');
    out = '';
    expect(await labs('show', 'right-size', '--hints')).toBe(0);
    expect(out).toContain("Hints\n  1. Work out the load in records per second and in bytes per second, and compare each with a\n     shard's limit.\n  2. Customer ids");
  });

  it('--json', async () => {
    expect(await labs('show', 'split-hot-shard', '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['id', 'title', 'services', 'difficulty', 'minutes', 'points', 'solve', 'topics', 'story', 'task', 'hints', 'settings', 'starter', 'checks']);
    expect(doc.hints).toHaveLength(3);
    expect(doc.starter.language).toBe('sh');
    expect(doc.checks).toEqual([
      { id: 'split-done', points: 20 },
      { id: 'no-throttling-after', points: 50 },
      { id: 'hot-shard-halved', points: 30 },
    ]);
  });

  it('an unknown lab is bad usage, naming the labs there are', async () => {
    expect(await labs('show', 'nope')).toBe(2);
    expect(err).toBe(`shardlab: no lab "nope" in ${fixtures} (labs: right-size, split-hot-shard)\n`);
  });
});

describe('shardlab lab run', () => {
  it('--json: DESIGN §3 shape (plus maxPoints); exit 0 when every check passes', async () => {
    const solution = write('mine.yaml', 'shards: 4\n');
    expect(await labs('run', 'right-size', '--solution', solution, '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['lab', 'score', 'maxScore', 'passed', 'checks', 'metrics']);
    expect(doc).toMatchObject({ lab: 'right-size', score: 100, maxScore: 100, passed: true });
    for (const c of doc.checks) expect(Object.keys(c)).toEqual(['id', 'passed', 'points', 'maxPoints', 'detail']);
    expect(doc.metrics.streams.orders.openShards).toBe(4);
    expect(doc.metrics.settings).toEqual({ shards: 4, api: 'PutRecords' });
    expect(err).toBe('');
  });

  it('a failed check is a finding: exit 1, with partial credit and the numbers', async () => {
    const solution = write('mine.yaml', 'shards: 3\n');
    expect(await labs('run', 'right-size', '--solution', solution)).toBe(1);
    expect(out).toBe(
      [
        'Right-size a stream for the checkout load (right-size): 54.53/100 points, not passed',
        '  ✗ no-throttling 54.53/60  5,947 writes were throttled (9.1% of attempts) on 3 shard(s).',
        '  ✗ lowest-cost      0/40  3 shards: either writes are throttled or some shards are paid for and idle (busiest shard 995/s).',
        '',
        'Read: kinesis-data-streams (shardlab topics)',
        '',
      ].join('\n'),
    );
  });

  it('console commands from a .sh or .txt file; an AWS error is reported on its line, not fatal', async () => {
    const solution = write(
      'mine.txt',
      'aws kinesis describe-stream-summary --stream-name nope\nat 5s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000 --new-starting-hash-key 85070591730234615865843651857942052864\n',
    );
    expect(await labs('run', 'split-hot-shard', '--solution', solution)).toBe(0);
    expect(out).toContain('split-hot-shard): 100/100 points, passed');
    expect(out).toContain(
      'Console\n  line 1 at 0s: aws kinesis describe-stream-summary --stream-name nope\n    An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream nope under account 123456789012 not found.\n  line 2 at 5s: aws kinesis split-shard',
    );
    out = '';
    expect(await labs('run', 'split-hot-shard', '--solution', solution, '--json')).toBe(0);
    expect(JSON.parse(out).metrics.commands.map((c: { line: number; ok: boolean }) => [c.line, c.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('the global --seed replaces the scenario’s seed', async () => {
    const solution = write('mine.yaml', 'shards: 4\n');
    expect(await run('--labs', fixtures, '--seed', '99', 'lab', 'run', 'right-size', '--solution', solution, '--json')).toBe(0);
    expect(JSON.parse(out).metrics.seed).toBe(99);
  });

  it('bad input exits 2 with one line per problem on stderr and nothing on stdout', async () => {
    const bad = write('bad.yaml', 'shards: 3\nshard: 2\n');
    expect(await labs('run', 'right-size', '--solution', bad, '--json')).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${shownPath(bad)}:2:1 error unknown setting "shard" (this lab has: shards, api)\n`);
    err = '';
    expect(await labs('run', 'right-size', '--solution', write('x.md', 'x'))).toBe(2);
    expect(err).toMatch(/x\.md: a solution is settings \(\.yaml, \.yml\), console commands \(\.sh, \.txt\) or code \(\.ts, \.js\)\n$/);
    err = '';
    expect(await labs('run', 'right-size', '--solution', join(tmp, 'missing.yaml'))).toBe(2);
    expect(err).toMatch(/cannot read .*missing\.yaml: no such file\n$/);
    err = '';
    expect(await labs('run', 'right-size', '--solution', write('c.sh', 'aws kinesis list-streams'))).toBe(2);
    expect(err).toMatch(/:1:1 error this lab is solved with settings \(a \.yaml file\); this is commands\n$/);
    err = '';
    expect(await labs('run', 'right-size')).toBe(2);
    expect(err).toMatch(/^shardlab: required option '--solution <file>' not specified\n$/);
  });

  it('a code lab runs in the sandbox: a correct key scores, a throwing one is reported at its line', async () => {
    const solution = write('key.ts', 'export function partitionKey(r: { customerId: string }) { return r.customerId; }\n');
    expect(await run('--labs', join(fixtures, 'code'), 'lab', 'run', 'partition-key', '--solution', solution, '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ lab: 'partition-key', score: 100, passed: true });
    out = '';
    const throwing = write('throw.ts', 'export function partitionKey(r: { customerId: string }): string {\n  throw new Error("no key");\n}\n');
    expect(await run('--labs', join(fixtures, 'code'), 'lab', 'run', 'partition-key', '--solution', throwing)).toBe(1);
    expect(out).toContain(`Your code did not run (contract): ${shownPath(throwing)}:2:9: partitionKey(`);
  });
});

describe('shardlab lab verify', () => {
  it('--json: reference and starter scores for each lab; exit 0 when all hold', async () => {
    expect(await labs('verify', '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.map((e: { id: string; ok: boolean }) => [e.id, e.ok])).toEqual([
      ['right-size', true],
      ['split-hot-shard', true],
    ]);
    expect(Object.keys(doc[0])).toEqual(['id', 'file', 'ok', 'reference', 'starter', 'problems']);
    expect(doc[0].reference).toEqual({ score: 100, maxScore: 100, passed: true, failed: [] });
    expect(doc[0].starter).toMatchObject({ score: 5.85, maxScore: 100, passed: false });
  });

  it('plain, and only the labs named', async () => {
    expect(await labs('verify', 'split-hot-shard')).toBe(0);
    expect(out).toBe('split-hot-shard  ok       reference 100/100   starter 20/100\n1 lab: 1 ok, 0 failed\n');
    out = '';
    expect(await labs('verify', 'nope')).toBe(2);
  });

  it('exit 1 when a reference misses full marks, a starter passes, or a lab does not load', async () => {
    const dir = join(tmp, 'labs');
    mkdirSync(dir);
    const text = readFileSync(join(fixtures, 'right-size.md'), 'utf8');
    writeFileSync(join(dir, 'right-size.md'), text.replace('shards: 4\n```', 'shards: 5\n```').replace('shards: 1\n```', 'shards: 4\n```'));
    writeFileSync(join(dir, 'broken.md'), '---\ntitle: x\n---\n');
    expect(await run('--labs', dir, 'lab', 'verify', '--json')).toBe(1);
    const doc = JSON.parse(out);
    expect(doc.map((e: { id: string; ok: boolean }) => [e.id, e.ok])).toEqual([
      ['broken', false],
      ['right-size', false],
    ]);
    expect(doc[0].problems.map((d: { code: string }) => d.code)).toContain('L003');
    expect(doc[1].problems.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual([
      ['L021', 73],
      ['L022', 83],
    ]);
    expect(doc[1].problems[0].file).toBe(shownPath(join(dir, 'right-size.md')));
  });

  it('code labs run their reference and starter in the sandbox', async () => {
    expect(await run('--labs', join(fixtures, 'code'), 'lab', 'verify', '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ id: 'partition-key', ok: true, reference: expect.objectContaining({ score: 100 }), starter: expect.objectContaining({ passed: false }) })]);
  });

  // CI runs this: every lab shipped in labs/ (none yet is fine) scores full marks with its
  // reference solution and fails with its starter.
  it('every shipped lab verifies', async () => {
    const code = await run('lab', 'verify', '--json');
    const doc = JSON.parse(out) as { id: string; ok: boolean; problems: unknown[] }[];
    expect(doc.filter((e) => !e.ok), JSON.stringify(doc, null, 1)).toEqual([]);
    expect(code).toBe(0);
    // Every lab runs its reference and its starter: twenty labs take about twenty seconds on a
    // quiet machine, more on a shared CI runner, and the catalogue keeps growing.
  }, 180_000);
});

describe('shardlab lab lint', () => {
  it('the fixtures are clean; --json prints {diagnostics}', async () => {
    expect(await labs('lint', '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual({ diagnostics: [] });
    out = '';
    expect(await labs('lint')).toBe(0);
    expect(out).toBe('0 errors, 0 warnings in 2 lab files\n');
  });

  it('files and folders given as paths; errors exit 1 as file:line:col severity code message', async () => {
    const text = readFileSync(join(fixtures, 'right-size.md'), 'utf8');
    const bad = write('right-size.md', text.replace('expect: streams.orders.writeThrottled == 0', 'expect: streams.orders.writeThrotled == 0').replace('minutes: 10\n', 'minutes: 10\nauthor: me\n'));
    expect(await run('lab', 'lint', bad)).toBe(1);
    const shown = shownPath(bad);
    expect(out).toBe(
      [
        `${shown}:7 warning L002 unknown front-matter key "author" (known: id, title, services, difficulty, minutes, points, topics, solve)`,
        `${shown}:70:26 error L016 check no-throttling: expect names streams.orders.writeThrotled, which the engine does not produce: streams.orders has no "writeThrotled" (it has: mode, status, retentionHours, openShards, totalShards, recordsIn, userRecordsIn, bytesIn, … 7 more)`,
        `1 error, 1 warning in 1 lab file`,
        '',
      ].join('\n'),
    );
    out = '';
    // --no-run skips the checks that need a run.
    expect(await run('lab', 'lint', '--no-run', bad, '--json')).toBe(0);
    expect(JSON.parse(out).diagnostics.map((d: { code: string }) => d.code)).toEqual(['L002']);
    out = '';
    expect(await run('lab', 'lint', fixtures, '--json')).toBe(0);
    expect(await run('lab', 'lint', join(tmp, 'nope.md'))).toBe(2);
  });
});

describe('content stats counts labs with the lab loader', () => {
  it('top-level lab files of the --labs folder', async () => {
    expect(await run('--labs', fixtures, 'content', 'stats', '--json')).toBe(0);
    expect(JSON.parse(out).labs).toBe(2);
    out = '';
    expect(await run('--labs', join(tmp, 'none'), 'content', 'stats', '--json')).toBe(0);
    expect(JSON.parse(out).labs).toBe(0);
  });
});
