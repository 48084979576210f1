import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyHook, fitRetries, HOOK_CONTRACTS, HOOK_KINDS, hookCalls, hookSpec, type CallOutcome, type HookSpec } from '../../src/labs/hooks.js';
import { parseLab } from '../../src/labs/parse.js';
import { runLabText } from '../../src/labs/run.js';
import { inProcessCodeRunner } from '../helpers/in-process-code-runner.js';

const spec = (value: unknown): HookSpec => hookSpec.parse(value);
const answers = (values: unknown[]): CallOutcome[] => values.map((value) => ({ ok: true, value }));

/** Calls a plain function for each probe, as a runner would. */
function answer(s: HookSpec, seed: number, fn: (...args: never[]) => unknown): { calls: unknown[][]; outcomes: CallOutcome[] } {
  const calls = hookCalls(s, seed);
  const outcomes = calls.map((args): CallOutcome => {
    try {
      return { ok: true, value: (fn as (...a: unknown[]) => unknown)(...args) };
    } catch (e) {
      return { ok: false, error: { message: (e as Error).message } };
    }
  });
  return { calls, outcomes };
}

describe('hook contracts', () => {
  it('every kind documents its export and signature', () => {
    for (const kind of HOOK_KINDS) {
      expect(HOOK_CONTRACTS[kind].signature).toContain(`export function ${HOOK_CONTRACTS[kind].exportName}(`);
    }
  });

  it('inputs are the same for the same seed and differ for another', () => {
    const s = spec({ kind: 'partition-key', producer: 'p', records: { count: 50, fields: { id: { kind: 'uniform', count: 1000 }, kind: { kind: 'hot', count: 5, share: 0.5, prefix: 'k' } } } });
    expect(hookCalls(s, 1)).toEqual(hookCalls(s, 1));
    expect(hookCalls(s, 1)).not.toEqual(hookCalls(s, 2));
    expect(hookCalls(s, 1)[0]).toEqual([{ id: expect.stringMatching(/^id-\d+$/), kind: expect.stringMatching(/^k\d$/) }]);
  });
});

describe('retry policies are fitted to the engine’s retry model', () => {
  const fit = (fn: (attempt: number, random: number) => number | null) => {
    const s = spec({ kind: 'retry-policy', producer: 'p' });
    const { calls, outcomes } = answer(s, 1, fn as never);
    const at = new Map(calls.map((c, i) => [`${c[0]}:${c[1]}`, (outcomes[i] as { value: number | null }).value]));
    return fitRetries(at);
  };

  it.each([
    ['exponential, full jitter, capped', (n: number, r: number) => (n > 5 ? null : r * Math.min(2000, 100 * 2 ** (n - 1))), { max: 5, backoff: 'exponential', base: 100, cap: 1600, jitter: 'full' }, true],
    ['exponential with a cap reached', (n: number) => (n > 8 ? null : Math.min(1000, 50 * 2 ** (n - 1))), { max: 8, backoff: 'exponential', base: 50, cap: 1000, jitter: 'none' }, true],
    ['fixed, equal jitter', (n: number, r: number) => (n > 3 ? null : 100 + r * 100), { max: 3, backoff: 'fixed', base: 200, cap: 200, jitter: 'equal' }, true],
    ['no delay', (n: number) => (n > 2 ? null : 0), { max: 2, backoff: 'none', base: 0, cap: 1, jitter: 'none' }, true],
    ['never gives up', () => 10, { max: 20, backoff: 'fixed', base: 10, cap: 10, jitter: 'none' }, true],
    ['gives up at once', () => null, { max: 0 }, true],
    ['linear: the nearest model, marked approximate', (n: number) => (n > 4 ? null : 100 * n), { max: 4, backoff: 'exponential', base: 100, cap: 400 }, false],
  ] as const)('%s', (_name, fn, expected, exact) => {
    const r = fit(fn as (a: number, b: number) => number | null);
    expect(r.retries).toMatchObject(expected);
    expect(r.exact).toBe(exact);
  });
});

describe('hook answers become the code section', () => {
  it('idempotent consumer: duplicates applied and messages lost', () => {
    const s = spec({ kind: 'idempotent-consumer', messages: 500, redeliveries: 0.1, resends: 0.05 });
    const naive = answer(s, 4, () => true);
    const byId = new Set<string>();
    const dedupeById = answer(s, 4, ((m: { messageId: string }) => !byId.has(m.messageId) && byId.add(m.messageId) !== undefined) as never);
    const byBody = new Set<string>();
    const dedupeByBody = answer(s, 4, ((m: { body: string }) => {
      const key = (JSON.parse(m.body) as { orderId: string }).orderId;
      if (byBody.has(key)) return false;
      byBody.add(key);
      return true;
    }) as never);
    const summary = (a: { calls: unknown[][]; outcomes: CallOutcome[] }) => {
      const r = applyHook(s, a.calls, a.outcomes);
      if (!r.ok) throw new Error(r.error.message);
      return r.summary;
    };
    const n = summary(naive);
    expect(n).toMatchObject({ kind: 'idempotent-consumer', messages: 500, applied: 500, lost: 0 });
    expect(n.deliveries).toBe(500 + (n.duplicatesApplied as number));
    expect(n.duplicatesApplied as number).toBeGreaterThan(50);
    // Redeliveries keep their messageId; a producer's resend does not, so only the body catches it.
    expect((summary(dedupeById).duplicatesApplied as number) > 0).toBe(true);
    expect(summary(dedupeByBody)).toMatchObject({ applied: 500, duplicatesApplied: 0, lost: 0 });
    expect(summary({ calls: naive.calls, outcomes: answers(naive.calls.map(() => false)) })).toMatchObject({ applied: 0, lost: 500 });
  });

  it('firehose transform: Ok, Dropped, ProcessingFailed and answers that break the contract', () => {
    const s = spec({ kind: 'firehose-transform', records: { count: 6, samples: ['{"t":31}', '{"t":12}', 'garbage'] }, batchSize: 3 });
    const { calls, outcomes } = answer(s, 1, ((event: { records: { recordId: string; data: string }[] }) => ({
      records: event.records.map((r) => {
        const text = Buffer.from(r.data, 'base64').toString();
        if (text === 'garbage') return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
        const t = (JSON.parse(text) as { t: number }).t;
        return t > 30 ? { recordId: r.recordId, result: 'Ok', data: Buffer.from(`${t}\n`).toString('base64') } : { recordId: r.recordId, result: 'Dropped' };
      }),
    })) as never);
    expect(applyHook(s, calls, outcomes)).toEqual({ ok: true, summary: { kind: 'firehose-transform', batches: 2, records: 6, ok: 2, dropped: 2, processingFailed: 2, invalid: 0, bytesOut: 6 } });
    const broken = applyHook(s, calls, [{ ok: true, value: { records: [{ recordId: 'nope', result: 'Ok', data: '' }] } }, { ok: false, error: { message: 'boom' } }]);
    expect(broken).toMatchObject({ ok: true, summary: { ok: 0, invalid: 3, processingFailed: 3 } });
  });

  it('lambda batch handler: reported failures, missed poison records and what runs again', () => {
    const s = spec({ kind: 'lambda-batch-handler', records: { count: 10, samples: ['ok', 'ok', 'poison', 'ok', 'ok'] }, batchSize: 5, poison: ['poison'] });
    const failing = answer(s, 1, ((event: { Records: { kinesis: { data: string; sequenceNumber: string } }[] }) => ({
      batchItemFailures: event.Records.filter((r) => Buffer.from(r.kinesis.data, 'base64').toString() === 'poison').map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })),
    })) as never);
    expect(applyHook(s, failing.calls, failing.outcomes)).toEqual({
      ok: true,
      summary: { kind: 'lambda-batch-handler', batches: 2, records: 10, failedBatches: 0, reportedFailures: 2, poisonReported: 2, poisonMissed: 0, falseFailures: 0, reprocessed: 6 },
    });
    const throwing = answer(s, 1, (() => {
      throw new Error('bad record');
    }) as never);
    expect(applyHook(s, throwing.calls, throwing.outcomes)).toMatchObject({ ok: true, summary: { failedBatches: 2, poisonMissed: 2, reprocessed: 10 } });
  });
});

describe('a retry-policy code lab changes the producer’s retries', () => {
  const base = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'labs', 'code', 'partition-key.md'), 'utf8');
  const text = base
    .replace(/```yaml hook[\s\S]*?```/, '```yaml hook\nkind: retry-policy\nproducer: app\n```')
    .replace('    recordSize: 512B\n', '    recordSize: 512B\n    keys: {kind: fixed, values: [one]}\n    retries: {max: 0}\n')
    .replace('rate: 3300/s', 'rate: 1100/s')
    .replace(/```yaml checks[\s\S]*?```/, '```yaml checks\n- id: nothing-lost\n  points: 100\n  expect: producers.app.userRecords.givenUp == 0\n  pass: "Nothing lost ({{code.retries.max}} retries)."\n  fail: "{{producers.app.userRecords.givenUp}} records lost."\n```')
    .replace('points: 100\nsolve', 'points: 100\nsolve');
  const lab = parseLab('partition-key.md', text.replace(/```ts starter[\s\S]*?```/, '```ts starter\nexport function retryDelay(attempt: number, random: number): number | null {\n  return null;\n}\n```').replace(/```ts solution[\s\S]*?```/, '```ts solution\nexport function retryDelay(attempt: number, random: number): number | null {\n  return attempt > 10 ? null : random * Math.min(5000, 100 * 2 ** (attempt - 1));\n}\n```'));

  it('giving up at once loses records; backoff with jitter loses none', async () => {
    expect(lab.diagnostics).toEqual([]);
    const l = lab.lab!;
    const giveUp = await runLabText(l, 'ts', l.starter.text, 'starter.ts', { codeRunner: inProcessCodeRunner });
    const backoff = await runLabText(l, 'ts', l.solution.text, 'solution.ts', { codeRunner: inProcessCodeRunner });
    if (!giveUp.ok || !backoff.ok) throw new Error('did not run');
    expect(giveUp.result.passed).toBe(false);
    expect(giveUp.result.metrics!.code).toMatchObject({ retries: { max: 0 } });
    expect(backoff.result.metrics!.code).toMatchObject({ kind: 'retry-policy', retries: { max: 10, backoff: 'exponential', base: 100, cap: 5000, jitter: 'full' }, fit: 'exact' });
    expect(backoff.result.checks[0]).toMatchObject({ passed: true, detail: 'Nothing lost (10 retries).' });
  });
});
