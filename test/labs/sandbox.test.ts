import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeRunRequest } from '../../src/labs/hooks.js';
import { loadLabs, runLabText } from '../../src/labs/index.js';
import { sandboxRunner } from '../../src/labs/sandbox/index.js';
import { repoRoot } from '../helpers/built-cli.js';

// The real CodeRunner: a worker with a heap limit, killed at the time limit, running the
// learner's module in a vm context with no require, process, import() or timers.

const limits = { timeMs: 1000, memoryMb: 64 };
const run = (source: string, calls: unknown[][] = [[{ a: 'x' }]], extra: Partial<CodeRunRequest> = {}) =>
  sandboxRunner({ file: 'mine.ts', language: 'ts', source, exportName: 'f', calls, limits, ...extra });
const REFUSED = /is refused: a lab module runs with no file, network or process access/;

describe('sandboxRunner', () => {
  it('returns each call’s answer, in order, with module state carried from call to call', async () => {
    const source = ['let seen = 0;', 'export function f(r: { a: string }): string {', '  seen += 1;', '  return `${r.a}-${seen}`;', '}'].join('\n');
    expect(await run(source, [[{ a: 'x' }], [{ a: 'y' }]])).toEqual({ ok: true, outcomes: [{ ok: true, value: 'x-1' }, { ok: true, value: 'y-2' }] });
  });

  it('runs JavaScript, async hooks, and atob/btoa for base64 payloads', async () => {
    const js = 'export async function f(r) {\n  return atob(btoa(r.a)).toUpperCase();\n}\n';
    expect(await run(js, [[{ a: 'x' }]], { language: 'js', file: 'mine.js' })).toEqual({ ok: true, outcomes: [{ ok: true, value: 'X' }] });
  });

  it('stops an endless loop at the time limit with a clear message', async () => {
    const started = performance.now();
    const r = await run('export function f(r: unknown) {\n  while (true) {}\n}\n', [[1]], { limits: { timeMs: 300, memoryMb: 64 } });
    const took = performance.now() - started;
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
    expect(!r.ok && r.error.message).toMatch(/^stopped after 300 ms: an endless loop\?/);
    // The limit plus the worker's start and tear-down, not the test's own timeout.
    expect(took).toBeLessThan(300 + 3000);
  });

  it('reports a throwing call with the learner’s line and column, and the other calls’ answers', async () => {
    const source = ['export function f(r: { a: string }): string {', '  if (r.a === "y") {', '    throw new Error(`bad record ${r.a}`);', '  }', '  return r.a;', '}'].join('\n');
    const r = await run(source, [[{ a: 'x' }], [{ a: 'y' }]]);
    expect(r).toEqual({ ok: true, outcomes: [{ ok: true, value: 'x' }, { ok: false, error: { message: 'bad record y', line: 3, column: 11 } }] });
  });

  it('names the error type and maps lines through the TypeScript types it strips', async () => {
    const source = ['interface R {', '  a: string;', '}', 'type K = string;', 'export function f(r: R): K {', '  const missing = (r as unknown as { b: { c: string } }).b;', '  return missing.c;', '}'].join('\n');
    const r = await run(source);
    expect(r.ok && r.outcomes[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^TypeError: /) as unknown, line: 7 } });
  });

  it('reports a syntax error as compile, at its line and column, and a missing export with what is exported', async () => {
    expect(await run('export function f(r: any) {\n  return r.;\n}\n')).toMatchObject({ ok: false, reason: 'compile', error: { line: 2, column: 12 } });
    expect(await run('export function g() {\n  return 1;\n}\n')).toEqual({ ok: false, reason: 'missing-export', error: { message: 'the module does not export a function named f; it exports g' } });
  });

  it('refuses require, import() and a static import of fs, with the line', async () => {
    const viaRequire = await run('export function f(r: unknown) {\n  return require("fs").readFileSync("/etc/passwd", "utf8");\n}\n');
    expect(viaRequire.ok && viaRequire.outcomes[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(REFUSED) as unknown, line: 2 } });
    expect(!viaRequire.ok || viaRequire.outcomes[0]!.ok ? '' : viaRequire.outcomes[0]!.error.message).toMatch(/^require\("fs"\) is refused/);

    const viaImport = await run('export async function f(r: unknown) {\n  const fs = await import("node:fs");\n  return fs.readFileSync("/etc/passwd", "utf8");\n}\n');
    expect(viaImport.ok && viaImport.outcomes[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^require\("node:fs"\) is refused/) as unknown, line: 2 } });

    const atLoad = await run('import { readFileSync } from "node:fs";\nexport function f() {\n  return readFileSync("/etc/passwd", "utf8");\n}\n');
    expect(atLoad).toMatchObject({ ok: false, reason: 'load', error: { message: expect.stringMatching(REFUSED) as unknown, line: 1 } });
  });

  it('refuses process, timers and fetch, and gives no way out through a constructor', async () => {
    for (const [expr, refused] of [
      ['process.binding("fs")', /^process is refused/],
      ['process.env', /^process is refused/],
      ['setTimeout(() => 0, 1)', /^setTimeout is refused/],
      ['fetch("http://example.com")', /^fetch is refused/],
      ['Buffer.from("x")', /^Buffer is refused.*atob/],
      ['this.constructor.constructor("return process")().pid', /Code generation from strings disallowed/],
      ['(r as any).constructor.constructor("return process")().pid', /Code generation from strings disallowed/],
      ['eval("1 + 1")', /Code generation from strings disallowed/],
    ] as const) {
      const r = await run(`export function f(r: unknown) {\n  return ${expr};\n}\n`);
      expect(r.ok && r.outcomes[0], expr).toMatchObject({ ok: false, error: { message: expect.stringMatching(refused) as unknown, line: 2 } });
    }
  });

  it('stops a module that eats memory, as memory', async () => {
    const r = await run('export function f() {\n  const a: number[][] = [];\n  for (;;) a.push(new Array(100_000).fill(1));\n}\n', [[]], { limits: { timeMs: 10_000, memoryMb: 32 } });
    expect(r).toEqual({ ok: false, reason: 'memory', error: { message: 'stopped: the code used more than the 32 MiB of memory it may use' } });
  });

  it('reports deep recursion per call with its line, and an answer that is not JSON', async () => {
    const r = await run('function down(n: number): number {\n  return down(n + 1) + 1;\n}\nexport function f() {\n  return down(0);\n}\n');
    expect(r.ok && r.outcomes[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^RangeError: Maximum call stack/) as unknown, line: 2 } });
    const big = await run('export function f() {\n  return 1n;\n}\n');
    expect(big.ok && big.outcomes[0]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot be sent as JSON/) as unknown } });
  });

  it('a correct retry policy returns its delays', async () => {
    const source = 'export function retryDelay(attempt: number, random: number): number | null {\n  if (attempt > 5) return null;\n  return Math.floor(random * Math.min(2000, 100 * 2 ** (attempt - 1)));\n}\n';
    const r = await run(source, [[1, 0.5], [3, 0.999], [6, 0.5]], { exportName: 'retryDelay' });
    expect(r).toEqual({ ok: true, outcomes: [{ ok: true, value: 50 }, { ok: true, value: 399 }, { ok: true, value: null }] });
  });
});

describe('code labs through the sandbox', () => {
  const lab = loadLabs(join(repoRoot, 'test', 'fixtures', 'labs', 'code')).labs.find((l) => l.id === 'partition-key')!;

  it('the reference partition key scores full marks and the starter does not pass', async () => {
    const reference = await runLabText(lab, 'ts', lab.solution.text, 'solution.ts', { codeRunner: sandboxRunner });
    expect(reference.ok && reference.result).toMatchObject({ score: 100, passed: true });
    const starter = await runLabText(lab, 'ts', lab.starter.text, 'starter.ts', { codeRunner: sandboxRunner });
    expect(starter.ok && starter.result.passed).toBe(false);
  });

  it('a throwing partition key is reported at its line and no check is scored', async () => {
    const source = 'export function partitionKey(record: { customerId: string }): string {\n  if (record.customerId.endsWith("7")) throw new Error("no key for " + record.customerId);\n  return record.customerId;\n}\n';
    const r = await runLabText(lab, 'ts', source, 'mine.ts', { codeRunner: sandboxRunner });
    expect(r.ok && r.result).toMatchObject({ score: 0, metrics: null, error: { file: 'mine.ts', reason: 'contract', line: 2 } });
    expect(r.ok && r.result.checks[0]!.detail).toBe('Not checked: the code did not run (mine.ts:2:46).');
  });
});
