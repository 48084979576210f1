import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { bestScores, labResultEntry, readLabResult, type LabResultEntry } from '../../src/labs/results.js';
import { readEntries } from '../../src/store/journal.js';

const entry = (lab: string, score: number, at: number, maxScore = 100): LabResultEntry => ({ lab, score, maxScore, passed: score === maxScore, checks: [], solve: 'commands', via: 'app', at });

describe('lab results', () => {
  it('the best run per lab is the highest share of its points, the first of equal ones, with the run count', () => {
    const best = bestScores([entry('a', 40, 1), entry('a', 90, 2), entry('b', 10, 3), entry('a', 90, 4), entry('a', 20, 5)]);
    expect(best.get('a')).toEqual({ score: 90, maxScore: 100, passed: false, at: 2, runs: 4 });
    expect(best.get('b')).toMatchObject({ score: 10, runs: 1 });
    expect(best.has('c')).toBe(false);
  });

  it('an entry keeps the checks without the metrics, and a malformed line is refused', () => {
    const e = labResultEntry({ lab: 'x', score: 5, maxScore: 10, passed: false, checks: [{ id: 'c', passed: false, points: 5, maxPoints: 10, detail: 'half', error: 'e' }], metrics: { big: 1 } }, 'settings', 'cli', 7);
    expect(e).toEqual({ lab: 'x', score: 5, maxScore: 10, passed: false, checks: [{ id: 'c', passed: false, points: 5, maxPoints: 10, detail: 'half' }], solve: 'settings', via: 'cli', at: 7 });
    expect(readLabResult(e)).toEqual(e);
    expect(readLabResult({ ...e, score: 'high' })).toBeNull();
  });
});

describe('shardlab lab run records its runs', () => {
  let tmp = '';
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'shardlab-labrec-'));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());
  const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
  const run = (...argv: string[]) => main(['--labs', fixtures, '--data-dir', join(tmp, 'data'), 'lab', 'run', ...argv], { stdinIsTTY: false, stdoutIsTTY: false });
  const journal = () => readEntries(join(tmp, 'data', 'lab-results.jsonl'), readLabResult).entries;

  it('adds each scored run to lab-results.jsonl, unless --no-record', async () => {
    const solution = join(tmp, 'mine.yaml');
    writeFileSync(solution, 'shards: 4\n');
    expect(await run('right-size', '--solution', solution)).toBe(0);
    expect(await run('right-size', '--solution', solution, '--no-record')).toBe(0);
    writeFileSync(solution, 'shards: 1\n');
    expect(await run('right-size', '--solution', solution)).toBe(1);
    const entries = journal();
    expect(entries.map((e) => [e.lab, e.passed, e.solve, e.via])).toEqual([
      ['right-size', true, 'settings', 'cli'],
      ['right-size', false, 'settings', 'cli'],
    ]);
    expect(bestScores(entries).get('right-size')).toMatchObject({ score: 100, runs: 2 });
  });

  it('a solution that cannot be applied records nothing', async () => {
    const solution = join(tmp, 'bad.yaml');
    writeFileSync(solution, 'shards: 400\n');
    expect(await run('right-size', '--solution', solution)).toBe(2);
    expect(() => readFileSync(join(tmp, 'data', 'lab-results.jsonl'))).toThrow();
  });
});
