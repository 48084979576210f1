import type { ScheduledEvent } from '../core/agenda.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { ACCOUNT, REGION } from '../kinesis/errors.js';
import { sequenceNumber } from '../kinesis/shard.js';
import { FIREHOSE } from '../limits.js';
import type { FRecord } from './buffer.js';
import { lookup, type JqPath } from './jq.js';

// Data transformation with Lambda. Records gather in a processing buffer (0.2–3 MB, interval
// 0–900 s, whichever first); each flush invokes the function synchronously with batches cut to
// Lambda's 6 MB request payload, and after the function's duration each record comes back Ok,
// Dropped or ProcessingFailed. The function is either the scenario's rules (a share failing, a
// field value failing, a share dropped) or code registered under its name: a per-record hook or a
// whole Lambda handler taking Firehose's event, which is how a lab plugs in a learner's function.

export type TransformResultName = 'Ok' | 'Dropped' | 'ProcessingFailed';

/** One record as the Lambda event carries it. */
export interface TransformRecordInput {
  recordId: string;
  /** Epoch milliseconds (virtual clock on the scenario's start date). */
  approximateArrivalTimestamp: number;
  /** The record's bytes, base64-encoded. */
  data: string;
}

export interface TransformRecordOutput {
  recordId: string;
  result: TransformResultName;
  /** The new payload, base64-encoded; required with Ok. */
  data?: string;
}

/** The event Firehose invokes a transformation function with. */
export interface TransformEvent {
  invocationId: string;
  deliveryStreamArn: string;
  region: string;
  records: TransformRecordInput[];
}

/** A whole Lambda handler: Firehose's event in, `{records}` out. Throwing is a function error. */
export type TransformHandler = (event: TransformEvent) => { records: TransformRecordOutput[] };

/** The simplest code a lab can supply: one record in, its result out (recordId is filled in). */
export type TransformHook = (record: TransformRecordInput) => { result: TransformResultName | string; data?: string };

/** A hook as a handler, so the engine invokes one kind of function. */
export function handlerFromHook(hook: TransformHook): TransformHandler {
  return (event) => ({ records: event.records.map((r) => ({ recordId: r.recordId, ...(hook(r) as Omit<TransformRecordOutput, 'recordId'>) })) });
}

export interface TransformRules {
  failShare: number;
  failWhen: { path: JqPath; equals: unknown } | null;
  dropShare: number;
}

export interface TransformConfig {
  /** Function name (the last part of LambdaArn); code registered under it replaces the rules. */
  function: string;
  rules: TransformRules;
  /** How long one invocation runs, in ms. */
  duration: number;
  /** Invocation retries after a function error. */
  retries: number;
  buffer: { size: number; interval: number };
}

export interface FailedRecord {
  record: FRecord;
  errorCode: string;
  errorMessage: string;
  attempts: number;
}

export interface TransformSink {
  ok(record: FRecord): void;
  dropped(count: number): void;
  failed(records: FailedRecord[]): void;
}

export interface TransformCounters {
  invocations: number;
  ok: number;
  dropped: number;
  processingFailed: number;
  /** Failed records by the error code written with them: a ProcessingFailed answer or why the whole invocation failed. */
  failedBy: Record<FailureCode, number>;
  /** The first failure's code and message, as the error output records carry them; both null while none failed. */
  firstError: { errorCode: string | null; errorMessage: string | null };
}

export const FAILURE_CODES = ['Lambda.ProcessingFailed', 'Lambda.FunctionError', 'Lambda.MissingRecordId', 'Lambda.DuplicatedRecordId', 'Lambda.JsonProcessingException'] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export function emptyCounters(): TransformCounters {
  return { invocations: 0, ok: 0, dropped: 0, processingFailed: 0, failedBy: Object.fromEntries(FAILURE_CODES.map((c) => [c, 0])) as Record<FailureCode, number>, firstError: { errorCode: null, errorMessage: null } };
}

const PAYLOAD_CAP = FIREHOSE.lambdaPayload.values[0]!.amount;
const RESULTS = new Set<string>(['Ok', 'Dropped', 'ProcessingFailed']);
const PROCESSING_FAILED_MESSAGE = 'The Lambda function returned ProcessingFailed for this record.';

export function lambdaArn(fn: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`;
}

/** Base64 length of `n` bytes. */
function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

export class TransformStage {
  readonly counters: TransformCounters = emptyCounters();
  private records: FRecord[] = [];
  private bytes = 0;
  private timer: ScheduledEvent | null = null;
  private nextRecordId = 0;
  private nextInvocation = 0;
  /** Records handed to invocations that have not returned yet. */
  inFlight = 0;
  private readonly recordOverhead: number;
  private readonly eventOverhead: number;

  constructor(
    private readonly sim: Simulation,
    public config: TransformConfig,
    private readonly streamArn: string,
    private readonly epochMs: number,
    private readonly rng: Rng,
    private readonly resolve: (fn: string) => TransformHandler | undefined,
    private readonly sink: TransformSink,
    private readonly label: string,
  ) {
    // The event's JSON around the data: measured on a real record and event, not guessed.
    const sample = { recordId: sequenceNumber(1, 0, 0), approximateArrivalTimestamp: 1_767_225_600_000, data: '' };
    this.recordOverhead = JSON.stringify(sample).length + 1;
    this.eventOverhead = JSON.stringify({ invocationId: '00000000-0000-4000-8000-000000000000', deliveryStreamArn: streamArn, region: REGION, records: [] }).length;
  }

  get buffered(): number {
    return this.records.length;
  }

  add(record: FRecord): void {
    this.records.push(record);
    this.bytes += record.size;
    if (this.bytes >= this.config.buffer.size) {
      this.flush();
      return;
    }
    if (!this.timer) this.timer = this.sim.at(this.sim.now + this.config.buffer.interval, this.label, () => this.flush());
  }

  /** New buffering hints apply to what is buffered now, as to what comes next. */
  rehint(openedAt: number): void {
    if (this.records.length === 0) return;
    if (this.bytes >= this.config.buffer.size) {
      this.flush();
      return;
    }
    if (this.timer) this.timer.cancelled = true;
    this.timer = this.sim.at(Math.max(this.sim.now, openedAt + this.config.buffer.interval), this.label, () => this.flush());
  }

  /** Drops what is buffered (the stream was deleted); returns how many records. */
  discard(): number {
    if (this.timer) this.timer.cancelled = true;
    this.timer = null;
    const n = this.records.length;
    this.records = [];
    this.bytes = 0;
    return n;
  }

  private flush(): void {
    if (this.timer) this.timer.cancelled = true;
    this.timer = null;
    const records = this.records;
    this.records = [];
    this.bytes = 0;
    // Batches cut so each request stays within Lambda's synchronous payload limit.
    let start = 0;
    let payload = this.eventOverhead;
    for (let i = 0; i < records.length; i++) {
      const size = base64Length(records[i]!.size) + this.recordOverhead;
      if (i > start && payload + size > PAYLOAD_CAP) {
        this.invoke(records.slice(start, i), 1);
        start = i;
        payload = this.eventOverhead;
      }
      payload += size;
    }
    if (records.length > start) this.invoke(start === 0 ? records : records.slice(start), 1);
  }

  private invoke(records: FRecord[], attempt: number): void {
    this.counters.invocations++;
    if (attempt === 1) this.inFlight += records.length;
    const handler = this.resolve(this.config.function);
    const outcome = handler ? this.runHandler(handler, records) : this.runRules(records);
    this.sim.after(this.config.duration, this.label, () => {
      if ('error' in outcome) {
        if (attempt <= this.config.retries) {
          this.invoke(records, attempt + 1);
          return;
        }
        this.inFlight -= records.length;
        this.counters.processingFailed += records.length;
        this.countFailure(outcome.error as FailureCode, records.length, outcome.message);
        this.sink.failed(records.map((record) => ({ record, errorCode: outcome.error, errorMessage: outcome.message, attempts: attempt })));
        return;
      }
      this.inFlight -= records.length;
      const failed: FailedRecord[] = [];
      let dropped = 0;
      for (let i = 0; i < records.length; i++) {
        const result = outcome.results[i]!;
        if (result === 'Ok') {
          this.counters.ok++;
          const data = outcome.data?.[i];
          this.sink.ok(data === undefined ? records[i]! : { body: data, size: Buffer.byteLength(data, 'utf8'), arrival: records[i]!.arrival });
        } else if (result === 'Dropped') {
          this.counters.dropped++;
          dropped++;
        } else {
          this.counters.processingFailed++;
          this.countFailure('Lambda.ProcessingFailed', 1, PROCESSING_FAILED_MESSAGE);
          failed.push({ record: records[i]!, errorCode: 'Lambda.ProcessingFailed', errorMessage: PROCESSING_FAILED_MESSAGE, attempts: attempt });
        }
      }
      if (dropped > 0) this.sink.dropped(dropped);
      if (failed.length > 0) this.sink.failed(failed);
    });
  }

  private countFailure(code: FailureCode, records: number, message: string): void {
    this.counters.failedBy[code] += records;
    if (this.counters.firstError.errorCode === null) this.counters.firstError = { errorCode: code, errorMessage: message };
  }

  /** The scenario's rules: a record failing on a field value, then a share failing, then a share dropped. */
  private runRules(records: FRecord[]): { results: TransformResultName[]; data?: undefined } {
    const { failShare, failWhen, dropShare } = this.config.rules;
    const results: TransformResultName[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      if (failWhen && lookup(records[i]!.body, failWhen.path) === failWhen.equals) results[i] = 'ProcessingFailed';
      else if (failShare > 0 && this.rng.next() < failShare) results[i] = 'ProcessingFailed';
      else if (dropShare > 0 && this.rng.next() < dropShare) results[i] = 'Dropped';
      else results[i] = 'Ok';
    }
    return { results };
  }

  /** Supplied code, called with the real event; a malformed answer fails the whole invocation, as on AWS. */
  private runHandler(handler: TransformHandler, records: FRecord[]): { results: TransformResultName[]; data: (string | undefined)[] } | { error: string; message: string } {
    const inputs: TransformRecordInput[] = records.map((r) => ({
      recordId: sequenceNumber(1, 0, this.nextRecordId++),
      approximateArrivalTimestamp: this.epochMs + r.arrival,
      data: Buffer.from(r.body, 'utf8').toString('base64'),
    }));
    const event: TransformEvent = { invocationId: invocationId(this.nextInvocation++), deliveryStreamArn: this.streamArn, region: REGION, records: inputs };
    let response: { records?: unknown };
    try {
      response = handler(event) as { records?: unknown };
    } catch (e) {
      return { error: 'Lambda.FunctionError', message: `The Lambda function was successfully invoked but it returned an error result: ${e instanceof Error ? e.message : String(e)}` };
    }
    const out = Array.isArray(response?.records) ? (response.records as Partial<TransformRecordOutput>[]) : null;
    if (!out) return { error: 'Lambda.JsonProcessingException', message: 'The Lambda function response has no records array.' };
    const index = new Map(inputs.map((r, i) => [r.recordId, i]));
    const results: TransformResultName[] = new Array(records.length);
    const data: (string | undefined)[] = new Array(records.length);
    for (const r of out) {
      const i = typeof r?.recordId === 'string' ? index.get(r.recordId) : undefined;
      if (i === undefined) return { error: 'Lambda.MissingRecordId', message: `The Lambda function returned a record ID that was not in the request: ${String(r?.recordId)}` };
      if (results[i] !== undefined) return { error: 'Lambda.DuplicatedRecordId', message: `The Lambda function returned record ID ${r.recordId} more than once.` };
      if (typeof r.result !== 'string' || !RESULTS.has(r.result)) return { error: 'Lambda.JsonProcessingException', message: `Invalid result "${String(r.result)}" for record ${r.recordId}: expected Ok, Dropped or ProcessingFailed.` };
      if (r.result === 'Ok' && typeof r.data !== 'string') return { error: 'Lambda.JsonProcessingException', message: `Record ${r.recordId} is Ok but has no base64 data.` };
      results[i] = r.result;
      if (r.result === 'Ok') data[i] = Buffer.from(r.data!, 'base64').toString('utf8');
    }
    if (out.length < records.length) return { error: 'Lambda.MissingRecordId', message: `The Lambda function returned ${out.length} records for ${records.length} in the request.` };
    return { results, data };
  }
}

function invocationId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
