import { describe, expect, it } from 'vitest';
import { calcQuestion } from '../../src/quiz/generators/calc.js';
import type { Question } from '../../src/quiz/model.js';
import { efoReadTemplate, reshardCallsTemplate, shardsForWritesTemplate } from '../../src/quiz/templates/kinesis.js';
import { firehoseFirstDeliveryTemplate } from '../../src/quiz/templates/producers.js';
import { dlqTemplate, visibilityTemplate } from '../../src/quiz/templates/sqs.js';
import { onDemandCostTemplate } from '../../src/quiz/templates/cost.js';
import { snowballDevicesTemplate, transferDaysTemplate } from '../../src/quiz/templates/other.js';
import type { Inputs, Template } from '../../src/quiz/templates/types.js';
import { validate } from '../../src/quiz/validate.js';
import { context, fixtureIndex, shippedIndex } from './helpers.js';

/** The template with its draw pinned, so a test can state the exact question. */
function fixed(t: Template, inputs: Inputs, seed = 1): Question {
  const q = calcQuestion({ ...t, draw: () => ({ ...inputs }) } as Template, context(shippedIndex(), seed));
  if (!q) throw new Error('no question');
  expect(validate(q).problems).toEqual([]);
  return q;
}

const texts = (q: Question) => q.options.map((o) => o.text);
const key = (q: Question) => q.options.find((o) => o.id === q.answer[0])!.text;
const why = (q: Question, text: string) => q.distractors.find((d) => q.options.find((o) => o.id === d.optionId)!.text === text)?.why;

describe('calc generator', () => {
  it('4,500 records/s of 3 KiB: 14 shards; 5, 7 and 13 each name their mistake (exam-anchors §3)', () => {
    const q = fixed(shardsForWritesTemplate, { rps: 4500, bytes: 3072 });
    expect(q.stem).toBe(
      'Producers write 4,500 records/s to a provisioned Kinesis data stream, and each record is 3 KiB (partition key included). The partition keys spread the load evenly over the shards. What is the minimum number of shards the stream needs?',
    );
    expect(key(q)).toBe('14 shards');
    const offered = texts(q);
    expect(offered).toHaveLength(4);
    const whys = new Map([
      ['5 shards', /only the 1,000 records\/s limit/],
      ['7 shards', /2 MiB\/s per-shard read limit/],
      ['13 shards', /Rounded down/],
    ]);
    for (const text of offered.filter((t) => t !== '14 shards')) expect(why(q, text)).toMatch(whys.get(text)!);
    expect(q.distractors.every((d) => d.why !== '')).toBe(true);
    expect(q.sources[0]).toEqual({ file: 'kinesis-data-streams.md', line: expect.any(Number) });
  });

  it('enhanced fan-out: each consumer gets 2 MiB/s per shard; the shared answer is a named mistake', () => {
    const q = fixed(efoReadTemplate, { shards: 4, consumers: 5 });
    expect(key(q)).toBe('8 MiB/s');
    expect(why(q, '1.6 MiB/s')).toMatch(/enhanced fan-out as shared/);
  });

  it('resharding 10 → 35 takes two calls', () => {
    const q = fixed(reshardCallsTemplate, { from: 10, to: 35 });
    expect(key(q)).toBe('2 calls');
    expect(why(q, '1 call')).toMatch(/at most double/);
    expect(q.explanation).toContain('10 → 20 → 35');
  });

  it('Firehose: the size hint wins at 100 KiB/s into 5 MiB', () => {
    const q = fixed(firehoseFirstDeliveryTemplate, { mib: 5, interval: 300, kibps: 100 });
    expect(key(q)).toBe('51.2 s');
    expect(why(q, '300 s')).toMatch(/ignored the buffer size/);
  });

  it('DLQ after maxReceiveCount 5 with a 30 s timeout: 150 s', () => {
    const q = fixed(dlqTemplate, { receives: 5, visibility: 30, processing: 5 });
    expect(key(q)).toBe('150 s');
    expect(why(q, '120 s')).toMatch(/reached maxReceiveCount/);
    expect(why(q, '30 s')).toMatch(/after the first receive/);
  });

  it('visibility timeout shorter than processing: received again', () => {
    const q = fixed(visibilityTemplate, { visibility: 30, processing: 45 });
    expect(key(q)).toMatch(/^After 30 s it becomes visible again/);
    expect(q.options).toHaveLength(4);
    expect(q.distractors.map((d) => d.misconception).filter(Boolean).sort()).toEqual(['auto-extend', 'dlq-on-timeout', 'visibility-until-delete']);
    const r = fixed(visibilityTemplate, { visibility: 60, processing: 45 });
    expect(key(r)).toMatch(/^It is processed once/);
  });

  it('network days against a Snowball round trip, and devices for the data', () => {
    const q = fixed(transferDaysTemplate, { tb: 200, mbps: 500, percent: 80, snowDays: 7 });
    expect(key(q)).toBe('46.3 days');
    expect(q.explanation).toMatch(/longer than the 7-day Snowball job, so shipping wins/);
    const d = fixed(snowballDevicesTemplate, { tb: 1960 });
    expect(key(d)).toBe('10 devices');
    expect(why(d, '25 devices')).toMatch(/80 TB/);
  });

  it('cost questions state the prices, the Region and the date they were read', () => {
    const q = fixed(onDemandCostTemplate, { rps: 1000, kib: 1, consumers: 1 });
    expect(key(q)).toBe('$329.95');
    expect(q.stem).toMatch(/us-east-1, as of \d{4}-\d{2}-\d{2}/);
    expect(q.explanation).toContain('https://aws.amazon.com/kinesis/data-streams/pricing/');
  });

  it('cites the limits module when the notes do not state a limit, and skips in a scoped quiz', () => {
    const index = fixtureIndex();
    const q = calcQuestion(snowballDevicesTemplate, context(index, 1))!;
    expect(q.sources).toEqual([{ file: 'src/sim/limits.ts', line: expect.any(Number) }]);
    expect(q.topic).toBe('limits/snow');
    expect(calcQuestion(snowballDevicesTemplate, context(index, 1, { scoped: true }))).toBeNull();
  });
});
