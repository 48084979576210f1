import { createHash } from 'node:crypto';
import type { FirehoseService } from '../sim/firehose/service.js';
import type { TransformEvent, TransformHandler, TransformRecordOutput } from '../sim/firehose/transform.js';
import type { World } from '../sim/world.js';
import type { CallOutcome } from './hooks.js';

// A learner's Firehose transformation, run inside the engine. Learner code runs in a sandboxed
// worker, asynchronously and all at once, while the engine calls a transform synchronously in
// virtual time. The two meet in two passes over the same scenario: the first records every event
// the delivery stream hands its function (answering Ok, unchanged); the runner sends those events
// to the learner's code; the second pass answers each invocation with the learner's answer to
// the same records. What reaches the function does not depend on its answers (records come from
// the producers and the processing buffer's size and interval), so both passes invoke it with
// the same records in the same order. A retry after a function error carries the same records
// under new record ids, so answers are keyed by the records' content and arrival, and the ids
// the learner returned are mapped to the ids of the invocation being answered, by position.

/** The function name the stream's transform is registered under, or why there is none. */
export function transformFunction(world: World, deliveryStream: string): { ok: true; name: string } | { ok: false; message: string } {
  const firehose = world.services.get('firehose') as FirehoseService | undefined;
  const stream = firehose?.streams.get(deliveryStream);
  if (!stream) return { ok: false, message: `the hook's delivery stream "${deliveryStream}" is not in the scenario's firehose section` };
  const fn = stream.config.transform?.function;
  if (!fn) return { ok: false, message: `the hook's delivery stream "${deliveryStream}" has no transform: give it transform.lambda in the scenario` };
  return { ok: true, name: fn };
}

/** A handler for the first pass: keeps each event and answers every record Ok with its data. */
export function recordingHandler(events: TransformEvent[]): TransformHandler {
  return (event) => {
    events.push(structuredClone(event));
    return { records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: r.data })) };
  };
}

function eventKey(event: TransformEvent): string {
  const hash = createHash('sha256');
  for (const r of event.records) hash.update(`${r.approximateArrivalTimestamp}:${r.data}\n`);
  return hash.digest('hex');
}

/** How the learner answered one recorded event, with record ids replaced by positions. */
type Answer = { threw: string } | { response: unknown; positions: Map<string, number> };

/** A handler for the second pass: each invocation gets the learner's answer to the same records. */
export function replayHandler(events: readonly TransformEvent[], outcomes: readonly CallOutcome[]): TransformHandler {
  const answers = new Map<string, Answer>();
  events.forEach((event, i) => {
    const outcome = outcomes[i]!;
    const key = eventKey(event);
    if (answers.has(key)) return;
    answers.set(key, outcome.ok ? { response: outcome.value, positions: new Map(event.records.map((r, j) => [r.recordId, j])) } : { threw: outcome.error.message });
  });
  return (event) => {
    const answer = answers.get(eventKey(event));
    if (!answer) throw new Error('no answer was recorded for this invocation');
    if ('threw' in answer) throw new Error(answer.threw);
    const response = answer.response as { records?: unknown } | null;
    // A malformed answer goes to the engine as it is, so Firehose's own checks judge it.
    if (!response || !Array.isArray(response.records)) return response as { records: TransformRecordOutput[] };
    const records = (response.records as Partial<TransformRecordOutput>[]).map((r) => {
      const at = typeof r?.recordId === 'string' ? answer.positions.get(r.recordId) : undefined;
      return at === undefined ? r : { ...r, recordId: event.records[at]!.recordId };
    });
    return { records: records as TransformRecordOutput[] };
  };
}
