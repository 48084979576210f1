import { Worker } from 'node:worker_threads';
import type { CallOutcome, CodeError, CodeRunner, CodeRunRequest, CodeRunResult } from '../hooks.js';
import { compileModule } from './compile.js';
import { decodeMappings, originalPosition, type DecodedMap } from './source-map.js';
import { WORKER_SOURCE } from './worker-source.js';

// The CodeRunner of the app and the CLI (docs/labs.md, "The CodeRunner"): compile in this
// thread, run in a worker_threads Worker with its own heap limit, inside a node:vm context with
// no require, process, import(), timers or network (worker-source.ts), and terminate the worker
// when the run's time is up. Learner errors come back with the learner's line and column.

/** Stack for the learner's code: deep recursion is a RangeError with a line, not a crash. */
const STACK_MB = 4;
/** The worker's own start-up (Node's bootstrap) is not the learner's time; this bounds it anyway. */
const START_LIMIT_MS = 15_000;
/** Below this a worker cannot even start; a lab asking for less gets this much. */
const MIN_MEMORY_MB = 16;

interface RawError {
  name: string;
  message: string;
  stack: string;
}

type WorkerMessage =
  | { type: 'start' }
  | { type: 'load'; error: RawError }
  | { type: 'missing-export'; exports: string[] }
  | { type: 'done'; outcomes: ({ ok: true; json?: string } | { ok: false; error: RawError })[] };

export const sandboxRunner: CodeRunner = async (request) => {
  const compiled = await compileModule(request.source, request.language, request.file);
  if (!compiled.ok) return { ok: false, reason: 'compile', error: compiled.error };
  const map = decodeMappings((JSON.parse(compiled.map) as { mappings: string }).mappings);
  return runInWorker(request, compiled.js, map);
};

function runInWorker(request: CodeRunRequest, js: string, map: DecodedMap): Promise<CodeRunResult> {
  const place = (e: RawError): CodeError => placeError(e, request.file, map);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { js, file: request.file, exportName: request.exportName, callsJson: JSON.stringify(request.calls) },
      resourceLimits: { maxOldGenerationSizeMb: Math.max(MIN_MEMORY_MB, request.limits.memoryMb), stackSizeMb: STACK_MB },
      // Nothing of the parent's is passed on: no environment, no flags (such as a TypeScript loader), no stdin.
      env: {},
      execArgv: [],
      argv: [],
      stdin: false,
      stdout: true,
      stderr: true,
    });
    const finish = (result: CodeRunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const limit = (ms: number, onTimeout: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    limit(START_LIMIT_MS, () => finish({ ok: false, reason: 'crashed', error: { message: `the sandbox did not start within ${START_LIMIT_MS} ms` } }));
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'start':
          limit(request.limits.timeMs, () =>
            finish({ ok: false, reason: 'timeout', error: { message: `stopped after ${request.limits.timeMs} ms: an endless loop? (the limit is for loading the module and every call together)` } }),
          );
          return;
        case 'load':
          return finish({ ok: false, reason: 'load', error: place(m.error) });
        case 'missing-export': {
          const has = m.exports.length ? `; it exports ${m.exports.join(', ')}` : '; it exports nothing';
          return finish({ ok: false, reason: 'missing-export', error: { message: `the module does not export a function named ${request.exportName}${has}` } });
        }
        case 'done':
          return finish({
            ok: true,
            outcomes: m.outcomes.map((o): CallOutcome => (o.ok ? { ok: true, value: o.json === undefined ? undefined : (JSON.parse(o.json) as unknown) } : { ok: false, error: place(o.error) })),
          });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({ ok: false, reason: 'memory', error: { message: `stopped: the code used more than the ${request.limits.memoryMb} MiB of memory it may use` } });
      } else finish({ ok: false, reason: 'crashed', error: { message: `the sandbox stopped: ${error.message}` } });
    });
    worker.on('exit', (code) => finish({ ok: false, reason: 'crashed', error: { message: `the sandbox stopped with code ${code} before answering` } }));
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message, with the learner's line and column from the first stack frame in their file. */
export function placeError(e: RawError, file: string, map: DecodedMap): CodeError {
  const message = e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  const frame = new RegExp(`${escape(file)}:(\\d+):(\\d+)`).exec(e.stack);
  if (!frame) return { message };
  const at = originalPosition(map, Number(frame[1]), Number(frame[2]));
  return at ? { message, line: at.line, column: at.column } : { message };
}
