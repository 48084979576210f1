import { z } from 'zod';
import { createRng, zipfSampler, type Rng } from '../sim/core/rng.js';
import { duration, size } from '../sim/scenario/spec.js';

// Code labs: the learner writes one small module that exports one function (a hook). The lab's
// ```yaml hook block says which kind, what the hook is fed and which part of the scenario it
// changes. Running learner code is not this module's business: a CodeRunner (the sandboxed
// worker, or an in-process runner in tests) is injected, called once per run with every call the
// hook must answer, and hands back the answers. Everything here is deterministic: the inputs
// come from the scenario's seed, and the answers are applied to the scenario before it runs.
//
// Each kind below documents the contract the learner's module must export; docs/labs.md
// repeats it with examples.

export const HOOK_KINDS = ['partition-key', 'retry-policy', 'idempotent-consumer', 'firehose-transform', 'lambda-batch-handler'] as const;
export type CodeHookKind = (typeof HOOK_KINDS)[number];

/** What a CodeRunner is asked to do: load the module once, then make the calls in order. */
export interface CodeRunRequest {
  /** The learner's file name, for messages (`producer.ts:12:5`). */
  file: string;
  language: 'ts' | 'js';
  source: string;
  /** The named export to call. */
  exportName: string;
  /** Arguments of each call, JSON values only; state in the module carries from call to call. */
  calls: unknown[][];
  /** For the whole run: load plus every call. */
  limits: { timeMs: number; memoryMb: number };
}

export interface CodeError {
  message: string;
  /** In the learner's file, when the error has a place there. */
  line?: number;
  column?: number;
}

/** One call's answer: the returned value (JSON), or what it threw. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: CodeError };

export type CodeRunResult =
  | { ok: true; outcomes: CallOutcome[] }
  | {
      ok: false;
      /** compile: syntax or type-stripping error; load: the module threw while loading; missing-export; timeout; memory; crashed: the worker died. */
      reason: 'compile' | 'load' | 'missing-export' | 'timeout' | 'memory' | 'crashed';
      error: CodeError;
    };

/** The injection point: how a lab run executes learner code. */
export type CodeRunner = (request: CodeRunRequest) => Promise<CodeRunResult>;

// --- the hook block ------------------------------------------------------------------------

const prefixed = { prefix: z.string().optional() };
const fieldSpec = z.discriminatedUnion('kind', [
  /** `order-0`, `order-1`, … one per record. */
  z.object({ kind: z.literal('sequence'), ...prefixed }).strict(),
  z.object({ kind: z.literal('uniform'), count: z.number().int().min(1), ...prefixed }).strict(),
  z.object({ kind: z.literal('fixed'), values: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z.object({ kind: z.literal('zipf'), count: z.number().int().min(1), s: z.number().positive(), ...prefixed }).strict(),
  z.object({ kind: z.literal('hot'), count: z.number().int().min(2), share: z.number().gt(0).lt(1), ...prefixed }).strict(),
]);
export type FieldSpec = z.output<typeof fieldSpec>;

const recordsSpec = z
  .object({
    count: z.number().int().min(1).max(10_000).default(1000),
    fields: z.record(z.string(), fieldSpec).refine((f) => Object.keys(f).length > 0, 'give at least one field'),
  })
  .strict();

const limitsSpec = z
  .object({ time: duration.default(2000), memory: size.default(64 * 1024 * 1024) })
  .strict()
  .default({ time: 2000, memory: 64 * 1024 * 1024 });

/** Payloads for transforms and handlers: listed texts, used in turn. */
const payloadsSpec = z.object({ count: z.number().int().min(1).max(10_000), samples: z.array(z.string()).min(1) }).strict();

export const hookSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partition-key'), producer: z.string().min(1), records: recordsSpec, limits: limitsSpec }).strict(),
  z.object({ kind: z.literal('retry-policy'), producer: z.string().min(1), limits: limitsSpec }).strict(),
  z
    .object({
      kind: z.literal('idempotent-consumer'),
      messages: z.number().int().min(1).max(10_000),
      /** Share of messages the queue delivers again (same messageId), as SQS at-least-once does. */
      redeliveries: z.number().min(0).max(1).default(0.05),
      /** Share of messages a producer sends twice after a lost acknowledgement (a new messageId, same body). */
      resends: z.number().min(0).max(1).default(0),
      limits: limitsSpec,
    })
    .strict(),
  z
    .object({
      kind: z.literal('firehose-transform'),
      /** Sample payloads the code is fed; its answers fill the code section only. */
      records: payloadsSpec.optional(),
      /** Or a delivery stream of the scenario: the code becomes its transform, fed what the run sends it. */
      deliveryStream: z.string().min(1).optional(),
      batchSize: z.number().int().min(1).max(10_000).default(100),
      limits: limitsSpec,
    })
    .strict()
    .refine((h) => (h.records === undefined) !== (h.deliveryStream === undefined), { message: 'give either records (sample payloads) or deliveryStream (a stream of the scenario whose transform the code becomes)' }),
  z
    .object({
      kind: z.literal('lambda-batch-handler'),
      records: payloadsSpec,
      batchSize: z.number().int().min(1).max(10_000).default(100),
      /** Payloads the handler must report as failed (and only those). */
      poison: z.array(z.string()).default([]),
      limits: limitsSpec,
    })
    .strict(),
]);
export type HookSpec = z.output<typeof hookSpec>;

// --- kinds -----------------------------------------------------------------------------------

export interface HookKindInfo {
  exportName: string;
  signature: string;
  summary: string;
  /** Where the answers go: a scenario change, or only the `code` section of the document. */
  appliesTo: string;
}

export const HOOK_CONTRACTS: Record<CodeHookKind, HookKindInfo> = {
  'partition-key': {
    exportName: 'partitionKey',
    signature: 'export function partitionKey(record: Record<string, string | number>): string',
    summary: 'the partition key for one record (1 to 256 characters)',
    appliesTo: "the producer's keys: the keys it returns for the sample records, in their proportions",
  },
  'retry-policy': {
    exportName: 'retryDelay',
    signature: 'export function retryDelay(attempt: number, random: number): number | null',
    summary: 'milliseconds to wait before retry `attempt` (1 for the first retry) of a throttled record, or null to give up; `random` is uniform in [0, 1) (use it for jitter)',
    appliesTo: "the producer's retries: the delays are fitted to the engine's retry model (max, backoff, base, cap, jitter)",
  },
  'idempotent-consumer': {
    exportName: 'handle',
    signature: 'export function handle(message: {messageId: string; body: string; attempt: number}): boolean',
    summary: "processes one delivered message; returns true when it applied the message's effect, false when it recognised a message it had already applied",
    appliesTo: 'the code section only: deliveries, applied, duplicatesApplied, lost',
  },
  'firehose-transform': {
    exportName: 'transform',
    signature:
      "export function transform(event: {records: {recordId: string; data: string}[]}): {records: {recordId: string; result: 'Ok' | 'Dropped' | 'ProcessingFailed'; data?: string}[]}",
    summary: "a Firehose data-transformation Lambda: data is base64; every recordId must come back once, with Ok and new base64 data, Dropped, or ProcessingFailed",
    appliesTo: 'with deliveryStream, the stream\'s transform in the run (each invocation answered by the code), plus the code section: records, ok, dropped, processingFailed, invalid; with records, the code section only',
  },
  'lambda-batch-handler': {
    exportName: 'handler',
    signature:
      'export function handler(event: {Records: {kinesis: {partitionKey: string; sequenceNumber: string; data: string}}[]}): {batchItemFailures: {itemIdentifier: string}[]}',
    summary: 'a Kinesis event source mapping handler with ReportBatchItemFailures: return the sequence numbers of the records that failed; throwing fails the whole batch',
    appliesTo: 'the code section only: batches, records, failedBatches, reportedFailures, poisonReported, poisonMissed, falseFailures, reprocessed',
  },
};

/** Deterministic inputs for a hook, from the scenario's seed. */
export function hookCalls(spec: HookSpec, seed: number): unknown[][] {
  const rng = createRng(seed).fork(`hook:${spec.kind}`);
  switch (spec.kind) {
    case 'partition-key':
      return sampleRecords(spec.records, rng).map((r) => [r]);
    case 'retry-policy':
      return RETRY_ATTEMPTS.flatMap((attempt) => RETRY_RANDOMS.map((r) => [attempt, r]));
    case 'idempotent-consumer':
      return deliveries(spec, rng).map((d) => [d]);
    case 'firehose-transform':
      // A stream's transform is fed the events of the run itself (src/labs/firehose-hook.ts).
      if (!spec.records) return [];
      return batches(spec.records, spec.batchSize).map((batch) => [{ records: batch.map((data, i) => ({ recordId: recordId(batch, i), data: base64(data) })) }]);
    case 'lambda-batch-handler':
      return lambdaEvents(spec).map((e) => [e]);
  }
}

const RETRY_ATTEMPTS = Array.from({ length: 20 }, (_, i) => i + 1);
/** The jitter draws each attempt is asked about: the low end, the middle and the high end. */
const RETRY_RANDOMS = [0, 0.5, 0.999];

function fieldValue(name: string, f: FieldSpec, index: number, rng: Rng, zipf: Map<string, () => number>): string | number {
  const prefix = 'prefix' in f && f.prefix !== undefined ? f.prefix : `${name}-`;
  switch (f.kind) {
    case 'sequence':
      return `${prefix}${index}`;
    case 'uniform':
      return `${prefix}${rng.int(f.count)}`;
    case 'fixed':
      return f.values[rng.int(f.values.length)]!;
    case 'hot':
      return rng.next() < f.share ? `${prefix}0` : `${prefix}${1 + rng.int(f.count - 1)}`;
    case 'zipf': {
      let draw = zipf.get(name);
      if (!draw) {
        draw = zipfSampler(f.count, f.s, rng);
        zipf.set(name, draw);
      }
      return `${prefix}${draw()}`;
    }
  }
}


export function sampleRecords(spec: z.output<typeof recordsSpec>, rng: Rng): Record<string, string | number>[] {
  const zipf = new Map<string, () => number>();
  return Array.from({ length: spec.count }, (_, i) => Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, fieldValue(name, f, i, rng, zipf)])));
}

function deliveries(spec: Extract<HookSpec, { kind: 'idempotent-consumer' }>, rng: Rng): { messageId: string; body: string; attempt: number }[] {
  const out: { messageId: string; body: string; attempt: number }[] = [];
  const later: { at: number; message: { messageId: string; body: string; attempt: number } }[] = [];
  for (let i = 0; i < spec.messages; i++) {
    const body = JSON.stringify({ orderId: `order-${i}`, amount: 1 + rng.int(500) });
    const first = { messageId: `msg-${i}`, body, attempt: 1 };
    out.push(first);
    if (rng.next() < spec.redeliveries) later.push({ at: i + 1 + rng.int(20), message: { ...first, attempt: 2 } });
    if (rng.next() < spec.resends) later.push({ at: i + 1 + rng.int(20), message: { messageId: `msg-${i}-resent`, body, attempt: 1 } });
    for (let j = later.length - 1; j >= 0; j--) {
      if (later[j]!.at <= i + 1) out.push(later.splice(j, 1)[0]!.message);
    }
  }
  for (const l of later) out.push(l.message);
  return out;
}

function batches(spec: z.output<typeof payloadsSpec>, batchSize: number): string[][] {
  const all = Array.from({ length: spec.count }, (_, i) => spec.samples[i % spec.samples.length]!);
  const out: string[][] = [];
  for (let i = 0; i < all.length; i += batchSize) out.push(all.slice(i, i + batchSize));
  return out;
}

function recordId(batch: readonly string[], i: number): string {
  return `${String(i).padStart(6, '0')}-${batch.length}`;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function lambdaEvents(spec: Extract<HookSpec, { kind: 'lambda-batch-handler' }>) {
  let seq = 0;
  return batches(spec.records, spec.batchSize).map((batch) => ({
    Records: batch.map((data) => ({ kinesis: { partitionKey: `key-${seq % 16}`, sequenceNumber: String(49_000_000 + seq++), data: base64(data) } })),
  }));
}

// --- answers -----------------------------------------------------------------------------------

export type HookApplication =
  | { ok: true; summary: Record<string, unknown>; /** Changes the scenario (a parsed YAML object) before it is validated. */ apply?: (scenario: Record<string, unknown>) => string | null }
  | { ok: false; error: CodeError };

/** Turns the runner's answers into the `code` section and, for kinds the engine models, a scenario change. */
export function applyHook(spec: HookSpec, calls: unknown[][], outcomes: CallOutcome[]): HookApplication {
  const contract = HOOK_CONTRACTS[spec.kind];
  const threw = outcomes.findIndex((o) => !o.ok);
  switch (spec.kind) {
    case 'partition-key': {
      if (threw >= 0) return callError(contract.exportName, calls[threw]!, outcomes[threw]!);
      const keys: string[] = [];
      for (const [i, o] of outcomes.entries()) {
        const v = (o as { value: unknown }).value;
        if (typeof v !== 'string' || v.length < 1 || v.length > 256) {
          return { ok: false, error: { message: `partitionKey(${JSON.stringify(calls[i]![0])}) returned ${JSON.stringify(v) ?? 'undefined'}; a partition key is text of 1 to 256 characters` } };
        }
        keys.push(v);
      }
      const counts = new Map<string, number>();
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      const top = Math.max(...counts.values());
      const summary = { kind: spec.kind, calls: keys.length, distinctKeys: counts.size, topKeyShare: top / keys.length };
      return {
        ok: true,
        summary,
        apply: (scenario) => {
          const producer = findProducer(scenario, spec.producer);
          if (!producer) return `the hook's producer "${spec.producer}" is not in the scenario`;
          // The engine draws uniformly from the list, so repeated keys keep their proportions.
          producer.keys = { kind: 'fixed', values: keys };
          return null;
        },
      };
    }
    case 'retry-policy': {
      if (threw >= 0) return callError(contract.exportName, calls[threw]!, outcomes[threw]!);
      const at = new Map<string, number | null>();
      for (const [i, o] of outcomes.entries()) {
        const v = (o as { value: unknown }).value;
        const [attempt, random] = calls[i] as [number, number];
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
          return { ok: false, error: { message: `retryDelay(${attempt}, ${random}) returned ${JSON.stringify(v) ?? 'undefined'}; return milliseconds (0 or more) or null to give up` } };
        }
        at.set(`${attempt}:${random}`, v as number | null);
      }
      const fit = fitRetries(at);
      return {
        ok: true,
        summary: { kind: spec.kind, retries: fit.retries, fit: fit.exact ? 'exact' : 'approximate', delaysMs: fit.delays },
        apply: (scenario) => {
          const producer = findProducer(scenario, spec.producer);
          if (!producer) return `the hook's producer "${spec.producer}" is not in the scenario`;
          producer.retries = { ...fit.retries, base: `${fit.retries.base}ms`, cap: `${fit.retries.cap}ms` };
          return null;
        },
      };
    }
    case 'idempotent-consumer': {
      if (threw >= 0) return callError(contract.exportName, calls[threw]!, outcomes[threw]!);
      const applied = new Map<string, number>();
      for (const [i, o] of outcomes.entries()) {
        const v = (o as { value: unknown }).value;
        const message = calls[i]![0] as { messageId: string; body: string };
        if (typeof v !== 'boolean') return { ok: false, error: { message: `handle(${JSON.stringify(message)}) returned ${JSON.stringify(v) ?? 'undefined'}; return true (applied) or false (a duplicate, skipped)` } };
        const key = message.body;
        applied.set(key, (applied.get(key) ?? 0) + (v ? 1 : 0));
      }
      const counts = [...applied.values()];
      return {
        ok: true,
        summary: {
          kind: spec.kind,
          deliveries: outcomes.length,
          messages: applied.size,
          applied: counts.filter((n) => n >= 1).length,
          duplicatesApplied: counts.reduce((a, n) => a + Math.max(0, n - 1), 0),
          lost: counts.filter((n) => n === 0).length,
        },
      };
    }
    case 'firehose-transform': {
      let ok = 0;
      let dropped = 0;
      let failed = 0;
      let invalid = 0;
      let bytesOut = 0;
      let records = 0;
      for (const [i, o] of outcomes.entries()) {
        const input = (calls[i]![0] as { records: { recordId: string }[] }).records;
        records += input.length;
        // A transform that throws fails its whole batch: every record goes to the error prefix.
        if (!o.ok) {
          failed += input.length;
          continue;
        }
        const out = (o.value as { records?: unknown } | null)?.records;
        const seen = new Set<string>();
        for (const r of Array.isArray(out) ? out : []) {
          const rec = r as { recordId?: unknown; result?: unknown; data?: unknown };
          const known = typeof rec.recordId === 'string' && input.some((x) => x.recordId === rec.recordId) && !seen.has(rec.recordId);
          if (!known) continue;
          seen.add(rec.recordId as string);
          if (rec.result === 'Ok' && typeof rec.data === 'string' && isBase64(rec.data)) {
            ok++;
            bytesOut += Buffer.from(rec.data, 'base64').length;
          } else if (rec.result === 'Dropped') dropped++;
          else if (rec.result === 'ProcessingFailed') failed++;
          else invalid++;
        }
        // Records missing from the answer are failures, as Firehose treats them.
        invalid += input.length - seen.size;
      }
      return { ok: true, summary: { kind: spec.kind, batches: outcomes.length, records, ok, dropped, processingFailed: failed, invalid, bytesOut } };
    }
    case 'lambda-batch-handler': {
      let failedBatches = 0;
      let reported = 0;
      let poisonReported = 0;
      let poisonMissed = 0;
      let falseFailures = 0;
      let reprocessed = 0;
      let records = 0;
      const poison = new Set(spec.poison);
      for (const [i, o] of outcomes.entries()) {
        const event = calls[i]![0] as { Records: { kinesis: { sequenceNumber: string; data: string } }[] };
        const items = event.Records.map((r) => ({ seq: r.kinesis.sequenceNumber, bad: poison.has(Buffer.from(r.kinesis.data, 'base64').toString('utf8')) }));
        records += items.length;
        if (!o.ok) {
          failedBatches++;
          reprocessed += items.length;
          poisonMissed += items.filter((x) => x.bad).length;
          continue;
        }
        const failures = (o.value as { batchItemFailures?: unknown } | null)?.batchItemFailures;
        const ids = new Set((Array.isArray(failures) ? failures : []).map((f) => String((f as { itemIdentifier?: unknown }).itemIdentifier)));
        reported += ids.size;
        for (const x of items) {
          if (x.bad && ids.has(x.seq)) poisonReported++;
          else if (x.bad) poisonMissed++;
          else if (ids.has(x.seq)) falseFailures++;
        }
        // Lambda retries from the lowest reported sequence number: everything after it runs again.
        const firstFailed = items.findIndex((x) => ids.has(x.seq));
        if (firstFailed >= 0) reprocessed += items.length - firstFailed;
      }
      return { ok: true, summary: { kind: spec.kind, batches: outcomes.length, records, failedBatches, reportedFailures: reported, poisonReported, poisonMissed, falseFailures, reprocessed } };
    }
  }
}

function isBase64(s: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;
}

function callError(exportName: string, args: unknown[], outcome: CallOutcome): HookApplication {
  const error = (outcome as { ok: false; error: CodeError }).error;
  const shown = args.map((a) => JSON.stringify(a)).join(', ');
  const call = shown.length > 80 ? `${exportName}(…)` : `${exportName}(${shown})`;
  return { ok: false, error: { ...error, message: `${call} threw: ${error.message}` } };
}

function findProducer(scenario: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const producers = Array.isArray(scenario.producers) ? (scenario.producers as Record<string, unknown>[]) : [];
  return producers.find((p, i) => (p.name ?? `producer-${i + 1}`) === name);
}

/**
 * The engine models a retry delay as d(n) = min(cap, base·2^(n−1)) (exponential), base (fixed) or
 * 0 (none), then jitter: none d, full U[0, d), equal d/2 + U[0, d/2). The policy's answers at
 * random = 0, 0.5 and 0.999 for attempts 1–20 say which: max is the last attempt before it gives
 * up, the 0.999 answer is (nearly) d(n), and the 0 answer tells the jitter.
 */
export function fitRetries(at: ReadonlyMap<string, number | null>): {
  retries: { max: number; backoff: 'none' | 'fixed' | 'exponential'; base: number; cap: number; jitter: 'none' | 'full' | 'equal' };
  exact: boolean;
  delays: number[];
} {
  const get = (n: number, r: number) => at.get(`${n}:${r}`) ?? null;
  let max = 0;
  while (max < RETRY_ATTEMPTS.length && get(max + 1, 0.5) !== null) max++;
  const hi: number[] = [];
  const lo: number[] = [];
  const mid: number[] = [];
  for (let n = 1; n <= max; n++) {
    hi.push(get(n, 0.999) ?? 0);
    lo.push(get(n, 0) ?? 0);
    mid.push(get(n, 0.5) ?? 0);
  }
  const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(1, 0.02 * Math.max(Math.abs(a), Math.abs(b)));
  let jitter: 'none' | 'full' | 'equal' = 'none';
  if (hi.some((h, i) => !near(h, lo[i]!))) jitter = lo.every((l, i) => near(l, hi[i]! / 2)) ? 'equal' : 'full';
  const d = hi.map((h) => (jitter === 'full' ? h / 0.999 : jitter === 'equal' ? (2 * h) / 1.999 : h));
  const base = Math.round(d[0] ?? 100);
  const cap = Math.round(Math.max(base, ...d));
  let backoff: 'none' | 'fixed' | 'exponential' = 'exponential';
  if (d.every((x) => near(x, 0))) backoff = 'none';
  else if (d.every((x) => near(x, d[0]!))) backoff = 'fixed';
  const model = (n: number) => (backoff === 'none' ? 0 : backoff === 'fixed' ? base : Math.min(cap, base * 2 ** (n - 1)));
  const exact = d.every((x, i) => near(x, model(i + 1))) && (jitter !== 'full' || lo.every((l) => near(l, 0)));
  return { retries: { max, backoff, base: Math.max(backoff === 'none' ? 0 : 1, base), cap: Math.max(1, cap), jitter }, exact, delays: mid };
}
