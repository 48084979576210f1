import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayHandler } from '../../src/labs/firehose-hook.js';
import { parseLab } from '../../src/labs/parse.js';
import { runLabText } from '../../src/labs/run.js';
import type { TransformEvent } from '../../src/sim/firehose/transform.js';
import { loadLabFile } from '../../src/labs/load.js';
import { inProcessCodeRunner } from '../helpers/in-process-code-runner.js';

// A firehose-transform hook naming a delivery stream becomes that stream's transform in the run:
// the events of a first pass are answered by the code, and the second pass replays the answers,
// mapping record ids by position so a retry (new ids, same records) gets the same answer.

const event = (ids: string[], data: string[]): TransformEvent => ({
  invocationId: 'i',
  deliveryStreamArn: 'arn',
  region: 'us-east-1',
  records: ids.map((recordId, i) => ({ recordId, approximateArrivalTimestamp: 1000 + i, data: data[i]! })),
});

describe('replaying a transform’s answers', () => {
  const recorded = event(['a', 'b'], ['eA==', 'eQ==']);

  it('maps the answered ids to the ids of the invocation being answered, by position', () => {
    const handler = replayHandler([recorded], [{ ok: true, value: { records: [{ recordId: 'b', result: 'Dropped' }, { recordId: 'a', result: 'Ok', data: 'eg==' }] } }]);
    const retry = event(['r1', 'r2'], ['eA==', 'eQ==']);
    expect(handler(retry).records).toEqual([{ recordId: 'r2', result: 'Dropped' }, { recordId: 'r1', result: 'Ok', data: 'eg==' }]);
  });

  it('throws what the code threw, and passes ids it never received through for Firehose to refuse', () => {
    expect(() => replayHandler([recorded], [{ ok: false, error: { message: 'Unexpected end of JSON input' } }])(recorded)).toThrow('Unexpected end of JSON input');
    const stray = replayHandler([recorded], [{ ok: true, value: { records: [{ recordId: 'zzz', result: 'Ok', data: 'eA==' }] } }]);
    expect(stray(recorded).records).toEqual([{ recordId: 'zzz', result: 'Ok', data: 'eA==' }]);
  });
});

const LAB = (starter: string, solution: string) => `---
title: Transform
services: [firehose]
difficulty: beginner
minutes: 5
points: 100
solve: code
---

## Story

Records arrive.

## Task

Transform them.

## Hints

- Catch errors.

\`\`\`yaml hook
kind: firehose-transform
deliveryStream: in
\`\`\`

\`\`\`yaml scenario
seed: 1
duration: 40s
firehose:
  deliveryStreams:
    - name: in
      buffer: {size: 1MiB, interval: 10s}
      destination: {kind: s3, bucket: out}
      transform: {lambda: {duration: 100ms}, buffer: {size: 1MB, interval: 5s}}
  producers:
    - {deliveryStream: in, rate: 10/s, stop: 20s, payloads: ['{"v":1}', '{"v":', '{"v":22}']}
\`\`\`

\`\`\`yaml checks
- id: all
  points: 100
  expect: firehose.deliveryStreams.in.transform.processingFailed == 0
  pass: "ok"
  fail: "{{firehose.deliveryStreams.in.transform.firstError.errorCode}}"
\`\`\`

\`\`\`ts starter
${starter}
\`\`\`

\`\`\`ts solution
${solution}
\`\`\`
`;

describe('a firehose-transform lab runs the code as the stream’s transform', () => {
  const throwing = `export function transform(e: {records: {recordId: string; data: string}[]}) {
  return { records: e.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: btoa(String(JSON.parse(atob(r.data)).v) + '\\n') })) };
}`;
  const careful = `export function transform(e: {records: {recordId: string; data: string}[]}) {
  return { records: e.records.map((r) => {
    try { return { recordId: r.recordId, result: 'Ok', data: btoa(String(JSON.parse(atob(r.data)).v) + '\\n') }; }
    catch { return { recordId: r.recordId, result: 'Dropped' }; }
  }) };
}`;
  const parsed = parseLab('transform.md', LAB(throwing, careful));

  it('a throwing transform fails every invocation after its retries; a careful one delivers what it returns', async () => {
    expect(parsed.diagnostics).toEqual([]);
    const lab = parsed.lab!;
    const bad = await runLabText(lab, 'ts', lab.starter.text, 'starter.ts', { codeRunner: inProcessCodeRunner });
    const good = await runLabText(lab, 'ts', lab.solution.text, 'solution.ts', { codeRunner: inProcessCodeRunner });
    if (!bad.ok || !good.ok) throw new Error('did not run');
    const b = (bad.result.metrics!.firehose as { deliveryStreams: Record<string, any> }).deliveryStreams.in;
    expect(b.recordsIn).toBe(200);
    expect(b.transform).toMatchObject({ ok: 0, processingFailed: 200, failedBy: { 'Lambda.FunctionError': 200 }, firstError: { errorCode: 'Lambda.FunctionError' } });
    // Four invocations (5 s of records each), each tried once and retried three times.
    expect(b.transform.invocations).toBe(16);
    expect(bad.result.checks[0]!.detail).toBe('Lambda.FunctionError');
    const g = (good.result.metrics!.firehose as { deliveryStreams: Record<string, any> }).deliveryStreams.in;
    expect(g.transform).toMatchObject({ invocations: 4, ok: 133, dropped: 67, processingFailed: 0, firstError: { errorCode: null } });
    expect(g.recordsDelivered).toBe(133);
    // The code's lines, not the records: "1\n" and "22\n", in turn.
    expect(g.rawBytesDelivered).toBe(67 * 2 + 66 * 3);
    expect(g.content).toEqual({ shapes: [{ shape: '(number)', records: 133 }], sums: [], first: '1' });
    expect(good.result.metrics!.code).toMatchObject({ kind: 'firehose-transform', records: 200, ok: 133, dropped: 67 });
    expect(good.result.passed).toBe(true);
  });
});

describe('labs/firehose-transform.md scores what reached the lake, not only how much', () => {
  const { lab } = loadLabFile(join(import.meta.dirname, '..', '..', 'labs', 'firehose-transform.md'), 'firehose-transform.md');
  // Answers every record as the reference does (sales Ok, the rest Dropped) but hands each sale
  // back as the till sent it: the counts are all right, the lines are not the schema.
  const untransformed = `export function transform(event: { records: { recordId: string; data: string }[] }) {
  return { records: event.records.map((r) => {
    let record: { type?: string };
    try { record = JSON.parse(atob(r.data)); } catch { return { recordId: r.recordId, result: 'Dropped' }; }
    return record.type === 'sale' ? { recordId: r.recordId, result: 'Ok', data: r.data } : { recordId: r.recordId, result: 'Dropped' };
  }) };
}`;

  it('the reference writes every sale as a line of the schema and scores full marks', async () => {
    const run = await runLabText(lab!, 'ts', lab!.solution.text, 'solution.ts', { codeRunner: inProcessCodeRunner });
    if (!run.ok) throw new Error('did not run');
    expect(run.result.score).toBe(100);
    const content = (run.result.metrics!.firehose as { deliveryStreams: Record<string, any> }).deliveryStreams['till-sales'].content;
    expect(content.shapes).toEqual([{ shape: 'amountCents:number,sku:string,store:string,ts:string', records: 6720 }]);
    expect(content.sums).toEqual([{ field: 'amountCents', total: 2_208_000 }]);
  });

  it('a transform that passes the sales through unchanged loses the schema check and is told why', async () => {
    const run = await runLabText(lab!, 'ts', untransformed, 'untransformed.ts', { codeRunner: inProcessCodeRunner });
    if (!run.ok) throw new Error('did not run');
    const byId = Object.fromEntries(run.result.checks.map((c) => [c.id, c]));
    expect(byId['sales-delivered']!.passed).toBe(true);
    expect(byId['dropped-on-purpose']!.passed).toBe(true);
    expect(byId['lines-of-the-schema']).toMatchObject({ passed: false, points: 0, maxPoints: 30 });
    expect(byId['lines-of-the-schema']!.detail).toContain("0 of the 6,720 lines in sales/ have exactly the schema's fields");
    expect(byId['lines-of-the-schema']!.detail).toContain('Most lines there have the fields amount:number,sku:string,store:string,ts:string,type:string');
    expect(run.result.passed).toBe(false);
  });
});
