import { describe, expect, it } from 'vitest';
import { ContentTally, MAX_KEYS, NOT_JSON, OTHER_SHAPES, SAMPLE_CHARS, shapeOf } from '../../src/sim/firehose/content.js';
import type { FRecord } from '../../src/sim/firehose/buffer.js';

// The content of delivered records is what tells a transform that reshapes records from one that
// hands them back unchanged; these pin how records are read and counted.

const rec = (body: string): FRecord => ({ body, size: body.length, arrival: 0 });

describe('the shape of a delivered record', () => {
  it('is its sorted fields with their JSON types, read with one trailing newline removed', () => {
    expect(shapeOf('{"ts":"x","amountCents":420,"tags":[],"gone":null,"ok":true,"n":{}}\n').shape).toBe('amountCents:number,gone:null,n:object,ok:boolean,tags:array,ts:string');
  });

  it('names a record that is not a JSON object by what it is', () => {
    expect(shapeOf('{"type":"sale","ts":"2026-01-').shape).toBe(NOT_JSON);
    expect(shapeOf('[1,2]').shape).toBe('(array)');
    expect(shapeOf('22\n').shape).toBe('(number)');
    expect(shapeOf('"text"').shape).toBe('(string)');
    // Two lines in one record are not one JSON value.
    expect(shapeOf('{"a":1}\n{"a":2}\n').shape).toBe(NOT_JSON);
  });
});

describe('the tally of delivered records', () => {
  it('counts shapes most records first, adds up number fields and keeps the first record', () => {
    const t = new ContentTally();
    t.add([rec('{"store":"a","amountCents":420}\n'), rec('{"store":"b","amount":"1.80"}'), rec('{"amountCents":250,"store":"c"}\n'), rec('oops')]);
    expect(t.summary()).toEqual({
      shapes: [
        { shape: 'amountCents:number,store:string', records: 2 },
        { shape: NOT_JSON, records: 1 },
        { shape: 'amount:string,store:string', records: 1 },
      ],
      sums: [{ field: 'amountCents', total: 670 }],
      first: '{"store":"a","amountCents":420}',
    });
  });

  it('is empty before anything is delivered', () => {
    expect(new ContentTally().summary()).toEqual({ shapes: [], sums: [], first: null });
  });

  it('stops adding shapes and fields at its limit, and cuts the sample', () => {
    const t = new ContentTally();
    const many = Array.from({ length: MAX_KEYS + 5 }, (_, i) => rec(JSON.stringify({ [`f${String(i).padStart(2, '0')}`]: 1, pad: 'x'.repeat(SAMPLE_CHARS) })));
    t.add(many);
    const s = t.summary();
    expect(s.shapes).toHaveLength(MAX_KEYS + 1);
    expect(s.shapes[0]).toEqual({ shape: OTHER_SHAPES, records: 5 });
    expect(s.sums).toHaveLength(MAX_KEYS);
    expect(s.first).toHaveLength(SAMPLE_CHARS);
  });

  it('keeps float totals byte-stable', () => {
    const t = new ContentTally();
    t.add([rec('{"x":0.1}'), rec('{"x":0.2}')]);
    expect(t.summary().sums).toEqual([{ field: 'x', total: 0.3 }]);
  });
});
