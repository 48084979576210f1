import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dimension, ParsedValue, Quantity } from '../../src/content/model.js';
import { convertBase, findQuantities, formatQuantity, parseValue, sameQuantity, toBase } from '../../src/content/quantity.js';

type Flags = { approx?: true; ambiguous?: true; noun?: string };

/** The quantity `text`, found at `start` of the input. */
function q(text: string, start: number, amount: number, unit: string, base: number, dimension: Dimension, flags: Flags = {}): Quantity {
  return { amount, unit, base: { amount: base, dimension }, start, end: start + text.length, text, ...flags };
}

const single = (quantity: Quantity): ParsedValue => ({ form: 'single', quantities: [quantity] });
const range = (a: Quantity, b: Quantity): ParsedValue => ({ form: 'range', quantities: [a, b] });
const alternatives = (...quantities: Quantity[]): ParsedValue => ({ form: 'alternatives', quantities });
const NO_VALUE: ParsedValue = { form: 'single', quantities: [] };

const AMB = { ambiguous: true } as const;
const APPROX = { approx: true } as const;
const MIB = 1_048_576;

const valueCases: [string, ParsedValue | null][] = [
  // Bare numbers in a cell are counts.
  ['500', single(q('500', 0, 500, '', 500, 'count'))],
  ['10,000', single(q('10,000', 0, 10_000, '', 10_000, 'count'))],
  ['120,000', single(q('120,000', 0, 120_000, '', 120_000, 'count'))],
  ['1,048,576', single(q('1,048,576', 0, MIB, '', MIB, 'count'))],
  ['  500  ', single(q('500', 2, 500, '', 500, 'count'))],
  ['1.5 billion', single(q('1.5 billion', 0, 1.5e9, '', 1.5e9, 'count'))],
  ['10 thousand', single(q('10 thousand', 0, 10_000, '', 10_000, 'count'))],

  // Decimal byte units are ambiguous, binary ones are not.
  ['6 MB', single(q('6 MB', 0, 6, 'MB', 6e6, 'bytes', AMB))],
  ['1 MB', single(q('1 MB', 0, 1, 'MB', 1e6, 'bytes', AMB))],
  ['1 MiB', single(q('1 MiB', 0, 1, 'MiB', MIB, 'bytes'))],
  ['256 KB', single(q('256 KB', 0, 256, 'KB', 256_000, 'bytes', AMB))],
  ['128 KB', single(q('128 KB', 0, 128, 'KB', 128_000, 'bytes', AMB))],
  ['8 KB', single(q('8 KB', 0, 8, 'KB', 8000, 'bytes', AMB))],
  ['265kb', single(q('265kb', 0, 265, 'KB', 265_000, 'bytes', AMB))],
  ['64 kB', single(q('64 kB', 0, 64, 'KB', 64_000, 'bytes', AMB))],
  ['1,000 KiB', single(q('1,000 KiB', 0, 1000, 'KiB', 1_024_000, 'bytes'))],
  ['1 MIB', single(q('1 MIB', 0, 1, 'MiB', MIB, 'bytes'))],
  ['2 GiB', single(q('2 GiB', 0, 2, 'GiB', 2_147_483_648, 'bytes'))],
  ['1 TB', single(q('1 TB', 0, 1, 'TB', 1e12, 'bytes', AMB))],
  ['0.2 MB', single(q('0.2 MB', 0, 0.2, 'MB', 200_000, 'bytes', AMB))],
  ['1.1 MB', single(q('1.1 MB', 0, 1.1, 'MB', 1_100_000, 'bytes', AMB))],
  ['.5 MiB', single(q('.5 MiB', 0, 0.5, 'MiB', 524_288, 'bytes'))],
  ['10 bytes', single(q('10 bytes', 0, 10, 'B', 10, 'bytes'))],
  ['1MB', single(q('1MB', 0, 1, 'MB', 1e6, 'bytes', AMB))],
  ['1\u00a0MiB', single(q('1\u00a0MiB', 0, 1, 'MiB', MIB, 'bytes'))],
  ['1\u2009MiB', single(q('1\u2009MiB', 0, 1, 'MiB', MIB, 'bytes'))],

  // Bits: capital prefix + lowercase b, normalised to bytes.
  ['10 Mb', single(q('10 Mb', 0, 10, 'Mb', 1_250_000, 'bytes'))],
  ['5 Mbit', single(q('5 Mbit', 0, 5, 'Mb', 625_000, 'bytes'))],
  ['8 bits', single(q('8 bits', 0, 8, 'bits', 1, 'bytes'))],
  ['128-bit', single(q('128-bit', 0, 128, 'bits', 16, 'bytes'))],
  ['10 Gbps', single(q('10 Gbps', 0, 10, 'Gbps', 1_250_000_000, 'bytes/s'))],
  ['1 Mbps', single(q('1 Mbps', 0, 1, 'Mbps', 125_000, 'bytes/s'))],
  ['100 Kbps', single(q('100 Kbps', 0, 100, 'Kbps', 12_500, 'bytes/s'))],

  // Rates.
  ['1 MiB/s', single(q('1 MiB/s', 0, 1, 'MiB/s', MIB, 'bytes/s'))],
  ['4 MB/s', single(q('4 MB/s', 0, 4, 'MB/s', 4e6, 'bytes/s', AMB))],
  ['2MB/second', single(q('2MB/second', 0, 2, 'MB/s', 2e6, 'bytes/s', AMB))],
  ['2mb/s', single(q('2mb/s', 0, 2, 'MB/s', 2e6, 'bytes/s', AMB))],
  ['1 MB a second', single(q('1 MB a second', 0, 1, 'MB/s', 1e6, 'bytes/s', AMB))],
  ['3,000 messages/s', single(q('3,000 messages/s', 0, 3000, 'messages/s', 3000, 'count/s', { noun: 'messages' }))],
  ['1000 messages/sec', single(q('1000 messages/sec', 0, 1000, 'messages/s', 1000, 'count/s', { noun: 'messages' }))],
  ['10 trans/sec', single(q('10 trans/sec', 0, 10, 'transactions/s', 10, 'count/s', { noun: 'transactions' }))],
  ['5 API calls per second', single(q('5 API calls per second', 0, 5, 'calls/s', 5, 'count/s', { noun: 'calls' }))],
  ['500 TPS', single(q('500 TPS', 0, 500, 'transactions/s', 500, 'count/s', { noun: 'transactions' }))],
  ['100 records each second', single(q('100 records each second', 0, 100, 'records/s', 100, 'count/s', { noun: 'records' }))],
  ['600 records/min', single(q('600 records/min', 0, 600, 'records/min', 10, 'count/s', { noun: 'records' }))],
  ['7,200 MiB per hour', single(q('7,200 MiB per hour', 0, 7200, 'MiB/h', 2 * MIB, 'bytes/s'))],
  ['86,400 requests per day', single(q('86,400 requests per day', 0, 86_400, 'requests/day', 1, 'count/s', { noun: 'requests' }))],
  ['8,640,000 per rolling 24 hours', single(q('8,640,000 per rolling 24 hours', 0, 8_640_000, '/day', 100, 'count/s'))],
  ['5 per second', single(q('5 per second', 0, 5, '/s', 5, 'count/s'))],
  ['2 million records/s', single(q('2 million records/s', 0, 2e6, 'records/s', 2e6, 'count/s', { noun: 'records' }))],

  // Counted nouns and multipliers.
  ['10k records', single(q('10k records', 0, 10_000, 'records', 10_000, 'count', { noun: 'records' }))],
  ['10K records', single(q('10K records', 0, 10_000, 'records', 10_000, 'count', { noun: 'records' }))],
  ['2M messages', single(q('2M messages', 0, 2e6, 'messages', 2e6, 'count', { noun: 'messages' }))],
  ['5 shards', single(q('5 shards', 0, 5, 'shards', 5, 'count', { noun: 'shards' }))],
  ['1 entry', single(q('1 entry', 0, 1, 'entries', 1, 'count', { noun: 'entries' }))],
  ['20 consumers', single(q('20 consumers', 0, 20, 'consumers', 20, 'count', { noun: 'consumers' }))],
  ['256 characters', single(q('256 characters', 0, 256, 'characters', 256, 'count', { noun: 'characters' }))],
  ['7 levels', single(q('7 levels', 0, 7, 'levels', 7, 'count', { noun: 'levels' }))],

  // Durations.
  ['24 hours', single(q('24 hours', 0, 24, 'h', 86_400, 's'))],
  ['24 Hours', single(q('24 Hours', 0, 24, 'h', 86_400, 's'))],
  ['12 hours', single(q('12 hours', 0, 12, 'h', 43_200, 's'))],
  ['12h', single(q('12h', 0, 12, 'h', 43_200, 's'))],
  ['7 days', single(q('7 days', 0, 7, 'days', 604_800, 's'))],
  ['365 days', single(q('365 days', 0, 365, 'days', 31_536_000, 's'))],
  ['8,760 h', single(q('8,760 h', 0, 8760, 'h', 31_536_000, 's'))],
  ['15 minutes', single(q('15 minutes', 0, 15, 'min', 900, 's'))],
  ['43,200 s', single(q('43,200 s', 0, 43_200, 's', 43_200, 's'))],
  ['5s', single(q('5s', 0, 5, 's', 5, 's'))],
  ['200ms', single(q('200ms', 0, 200, 'ms', 0.2, 's'))],
  ['5-minute', single(q('5-minute', 0, 5, 'min', 300, 's'))],
  ['10-second', single(q('10-second', 0, 10, 's', 10, 's'))],
  ['1 year', single(q('1 year', 0, 1, 'years', 31_536_000, 's'))],
  ['2 weeks', single(q('2 weeks', 0, 2, 'weeks', 1_209_600, 's'))],

  // Approximations and bounds: the word stays outside the span.
  ['~70 ms', single(q('70 ms', 1, 70, 'ms', 0.07, 's', APPROX))],
  ['≈ 70 ms', single(q('70 ms', 2, 70, 'ms', 0.07, 's', APPROX))],
  ['about 200 ms', single(q('200 ms', 6, 200, 'ms', 0.2, 's', APPROX))],
  ['Around 5 s', single(q('5 s', 7, 5, 's', 5, 's', APPROX))],
  ['approximately 2 hours', single(q('2 hours', 14, 2, 'h', 7200, 's', APPROX))],
  ['roughly 5 s', single(q('5 s', 8, 5, 's', 5, 's'))],
  ['up to 5 shards', single(q('5 shards', 6, 5, 'shards', 5, 'count', { noun: 'shards' }))],

  // Trailing qualifiers are ignored.
  ['1,000 records per second per shard', single(q('1,000 records per second', 0, 1000, 'records/s', 1000, 'count/s', { noun: 'records' }))],
  ['1 MiB per consumer per shard', single(q('1 MiB', 0, 1, 'MiB', MIB, 'bytes'))],
  ['500 (soft)', single(q('500', 0, 500, '', 500, 'count'))],
  ['5 MB.', single(q('5 MB', 0, 5, 'MB', 5e6, 'bytes', AMB))],

  // Ranges, in every spelling.
  ['1–128 MiB', range(q('1', 0, 1, 'MiB', MIB, 'bytes'), q('128 MiB', 2, 128, 'MiB', 128 * MIB, 'bytes'))],
  ['1-128 MiB', range(q('1', 0, 1, 'MiB', MIB, 'bytes'), q('128 MiB', 2, 128, 'MiB', 128 * MIB, 'bytes'))],
  ['1 to 128 MiB', range(q('1', 0, 1, 'MiB', MIB, 'bytes'), q('128 MiB', 5, 128, 'MiB', 128 * MIB, 'bytes'))],
  ['between 1 and 365 days', range(q('1', 8, 1, 'days', 86_400, 's'), q('365 days', 14, 365, 'days', 31_536_000, 's'))],
  ['from 60 to 900 seconds', range(q('60', 5, 60, 's', 60, 's'), q('900 seconds', 11, 900, 's', 900, 's'))],
  ['24 h–8,760 h', range(q('24 h', 0, 24, 'h', 86_400, 's'), q('8,760 h', 5, 8760, 'h', 31_536_000, 's'))],
  ['0 s–12 h', range(q('0 s', 0, 0, 's', 0, 's'), q('12 h', 4, 12, 'h', 43_200, 's'))],
  ['0–900 s', range(q('0', 0, 0, 's', 0, 's'), q('900 s', 2, 900, 's', 900, 's'))],
  ['1 MiB–10 MiB', range(q('1 MiB', 0, 1, 'MiB', MIB, 'bytes'), q('10 MiB', 6, 10, 'MiB', 10 * MIB, 'bytes'))],
  ['1,024 B–1 MiB', range(q('1,024 B', 0, 1024, 'B', 1024, 'bytes'), q('1 MiB', 8, 1, 'MiB', MIB, 'bytes'))],
  [
    '1 – 5 shards',
    range(q('1', 0, 1, 'shards', 1, 'count', { noun: 'shards' }), q('5 shards', 4, 5, 'shards', 5, 'count', { noun: 'shards' })),
  ],
  ['1–5', range(q('1', 0, 1, '', 1, 'count'), q('5', 2, 5, '', 5, 'count'))],
  ['~1–5 s', range(q('1', 1, 1, 's', 1, 's', APPROX), q('5 s', 3, 5, 's', 5, 's', APPROX))],
  ['1–5 MiB/s per shard', range(q('1', 0, 1, 'MiB/s', MIB, 'bytes/s'), q('5 MiB/s', 2, 5, 'MiB/s', 5 * MIB, 'bytes/s'))],

  // Alternatives.
  [
    '1 MiB/s or 1,000 records/s',
    alternatives(q('1 MiB/s', 0, 1, 'MiB/s', MIB, 'bytes/s'), q('1,000 records/s', 11, 1000, 'records/s', 1000, 'count/s', { noun: 'records' })),
  ],
  [
    '1 MB or 1000 messages/sec',
    alternatives(q('1 MB', 0, 1, 'MB', 1e6, 'bytes', AMB), q('1000 messages/sec', 8, 1000, 'messages/s', 1000, 'count/s', { noun: 'messages' })),
  ],
  [
    '2 MiB/s and 5 calls/s',
    alternatives(q('2 MiB/s', 0, 2, 'MiB/s', 2 * MIB, 'bytes/s'), q('5 calls/s', 12, 5, 'calls/s', 5, 'count/s', { noun: 'calls' })),
  ],
  [
    '1 MiB/s / 1,000 records/s',
    alternatives(q('1 MiB/s', 0, 1, 'MiB/s', MIB, 'bytes/s'), q('1,000 records/s', 10, 1000, 'records/s', 1000, 'count/s', { noun: 'records' })),
  ],
  [
    '1 MiB/s per shard or 1,000 records/s per shard',
    alternatives(q('1 MiB/s', 0, 1, 'MiB/s', MIB, 'bytes/s'), q('1,000 records/s', 21, 1000, 'records/s', 1000, 'count/s', { noun: 'records' })),
  ],

  // Words meaning "no numeric limit".
  ['unlimited', NO_VALUE],
  ['Unlimited (soft)', NO_VALUE],
  ['no limit', NO_VALUE],
  ['None', NO_VALUE],
  ['N/A', NO_VALUE],
  ['nearly unlimited', NO_VALUE],

  // Not a quantity.
  ['', null],
  ['   ', null],
  ['abc', null],
  ['MiB', null],
  ['S3', null],
  ['KCL 1.x', null],
  ['MQTT 3.1.1', null],
  ['2019-07-14', null],
  ['09:08:57', null],
  ['v2.0', null],
  ['1.2.3', null],
  ['1.5.3', null],
  ['HTTP/2', null],
  ['IPv4', null],
  ['x.509', null],
  ['SHA-256', null],
  ['3 AZ', null],
  ['10x', null],
  ['5 secrets', null],
  ['5 Ms', null],
  ['1 b', null],
  ['1,2 MB', null],
  ['10,0000', null],
  ['unlimited records', null],
  ['1 MiB per 5 minutes', null],
  // A unit on the first end only, or ends of different dimensions, is not a range.
  ['1 MiB–128', null],
  ['1 MiB–5 s', null],
  // `and` between two quantities of one dimension is neither a range nor alternatives.
  ['5 and 10 seconds', null],
  // A bare number beside a united one has no clear unit.
  ['5 or 10 MiB', null],
];

describe('parseValue', () => {
  it.each(valueCases)('%j', (input, expected) => {
    expect(parseValue(input)).toStrictEqual(expected);
  });

  it('has at least 80 table cases', () => {
    expect(valueCases.length).toBeGreaterThanOrEqual(80);
  });
});

/**
 * The expected quantity for `fragment` in `sentence`. `context` (which contains `fragment`)
 * picks the occurrence when the fragment alone is not unique, e.g. the `1` of `between 1 and`.
 */
function found(sentence: string, fragment: string, amount: number, unit: string, base: number, dimension: Dimension, flags: Flags = {}, context = fragment): Quantity {
  const at = sentence.indexOf(context);
  if (at < 0 || !context.includes(fragment)) throw new Error(`fixture: ${fragment} not found via ${context}`);
  return q(fragment, at + context.indexOf(fragment), amount, unit, base, dimension, flags);
}

describe('findQuantities', () => {
  it('finds rates, ranges, approximations and adjectives in a sentence, with offsets', () => {
    const s =
      'Each shard supports up to 1 MiB/s or 1,000 records/s for writes, retention between 1 and 365 days, ~70 ms latency and a 5-minute window.';
    expect(findQuantities(s)).toStrictEqual([
      found(s, '1 MiB/s', 1, 'MiB/s', MIB, 'bytes/s'),
      found(s, '1,000 records/s', 1000, 'records/s', 1000, 'count/s', { noun: 'records' }),
      found(s, '1', 1, 'days', 86_400, 's', {}, 'between 1 and'),
      found(s, '365 days', 365, 'days', 31_536_000, 's'),
      found(s, '70 ms', 70, 'ms', 0.07, 's', APPROX),
      found(s, '5-minute', 5, 'min', 300, 's'),
    ]);
  });

  it('yields both ends of a prose range, the first with the shared unit', () => {
    const s = 'Buffers hold 1–128 MiB and flush every 60 to 900 seconds.';
    expect(findQuantities(s)).toStrictEqual([
      found(s, '1', 1, 'MiB', MIB, 'bytes', {}, '1–128'),
      found(s, '128 MiB', 128, 'MiB', 128 * MIB, 'bytes'),
      found(s, '60', 60, 's', 60, 's'),
      found(s, '900 seconds', 900, 's', 900, 's'),
    ]);
  });

  it('tells nouns from units and ignores bare numbers', () => {
    const s = '5 shards, 5 secrets, 10 bytes and 5 s. Scale from 2 to 4 shards, not 3 AZ or 12h.';
    expect(findQuantities(s)).toStrictEqual([
      found(s, '5 shards', 5, 'shards', 5, 'count', { noun: 'shards' }),
      found(s, '10 bytes', 10, 'B', 10, 'bytes'),
      found(s, '5 s', 5, 's', 5, 's', {}, 'and 5 s.'),
      found(s, '2', 2, 'shards', 2, 'count', { noun: 'shards' }, 'from 2 to'),
      found(s, '4 shards', 4, 'shards', 4, 'count', { noun: 'shards' }),
      found(s, '12h', 12, 'h', 43_200, 's'),
    ]);
  });

  it('never matches inside identifiers, versions, dates or times', () => {
    const s =
      'Use S3, KCL 1.x, MQTT 3.1.1, x.509, HTTP/2, IPv4, ec2, SHA-256, MD5, base64, C++, v2.0, 1.5.3, Gen2, 3 AZ on 2019-07-14 at 09:08:57.';
    expect(findQuantities(s)).toStrictEqual([]);
  });

  it('still reads the quantity after an identifier', () => {
    const s = 'SHA-256 hashes of 2019-07-14 logs, 6 MB each';
    expect(findQuantities(s)).toStrictEqual([found(s, '6 MB', 6, 'MB', 6e6, 'bytes', AMB)]);
  });

  it('reads counts with multipliers, TPS and bit rates', () => {
    const s = 'It handles 10k records, 2 million messages/s, 500 TPS over a 10 Gbps link with 128-bit keys.';
    expect(findQuantities(s)).toStrictEqual([
      found(s, '10k records', 10_000, 'records', 10_000, 'count', { noun: 'records' }),
      found(s, '2 million messages/s', 2e6, 'messages/s', 2e6, 'count/s', { noun: 'messages' }),
      found(s, '500 TPS', 500, 'transactions/s', 500, 'count/s', { noun: 'transactions' }),
      found(s, '10 Gbps', 10, 'Gbps', 1.25e9, 'bytes/s'),
      found(s, '128-bit', 128, 'bits', 16, 'bytes'),
    ]);
  });

  it('scans a 5 KB paragraph and finds every quantity in it', () => {
    const sentence =
      'Each shard supports up to 1 MiB/s or 1,000 records/s for writes and 2 MiB/s for reads; retention is between 1 and 365 days, S3 via HTTP/2 at ~70 ms. ';
    const paragraph = sentence.repeat(35);
    expect(paragraph.length).toBeGreaterThan(5000);
    expect(findQuantities(paragraph)).toHaveLength(35 * findQuantities(sentence).length);
  });

  it('finishes on inputs built to make a regex backtrack (the test timeout is the guard)', () => {
    for (const evil of ['1'.repeat(20_000), '1,'.repeat(10_000) + 'x', `${'1 '.repeat(10_000)}MiB`, `~${' '.repeat(10_000)}1`, '1.'.repeat(10_000)]) {
      expect(Array.isArray(findQuantities(evil))).toBe(true);
      parseValue(evil);
    }
  });
});

/** Strings built from the parser's own vocabulary reach far deeper paths than random text. */
const tokenText = fc
  .array(
    fc.constantFrom(
      '1', '0', '10', '1,000', '1,2', '.5', '3.1.1', '2019-07-14', '09:08', ' ', '\u00a0', '-', '–', '/', '.', ',', '~', '≈', '(', ')',
      'MiB', 'MB', 'mb', 'Mb', 'Mbps', 's', 'sec', 'ms', 'h', 'records', 'API calls', 'k', 'M', 'million', 'per', 'second',
      'rolling 24 hours', 'a', 'to', 'and', 'or', 'between', 'from', 'about', 'up to', 'unlimited', 'S', 'x', 'v', '😀', '\ud800',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), tokenText);

describe('properties', () => {
  it('findQuantities never throws and returns ordered spans equal to their text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let previousEnd = 0;
        for (const quantity of findQuantities(text)) {
          expect(text.slice(quantity.start, quantity.end)).toBe(quantity.text);
          expect(quantity.start).toBeGreaterThanOrEqual(previousEnd);
          expect(quantity.end).toBeGreaterThan(quantity.start);
          previousEnd = quantity.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parseValue never throws and its spans equal their text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const quantity of parseValue(text)?.quantities ?? []) {
          expect(text.slice(quantity.start, quantity.end)).toBe(quantity.text);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const units = ['', '/s', 'B', 'KB', 'MB', 'MiB', 'GiB', 'bits', 'Mb', 'Mbps', 'MiB/s', 'MB/s', 'KiB/min', 'records', 'records/s', 'calls/s', 'messages/day', 'transactions/s', 'entries', 'ms', 's', 'min', 'h', 'days', 'weeks', 'years'];
  const amounts = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100));

  it('parseValue reads back what formatQuantity writes', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(...units), (amount, unit) => {
        const parsed = parseValue(formatQuantity(amount, unit));
        expect(parsed?.form).toBe('single');
        expect(parsed?.quantities.map((x) => [x.amount, x.unit])).toStrictEqual([[amount, unit]]);
      }),
    );
  });

  it('convertBase inverts toBase', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(...units), (amount, unit) => {
        const base = toBase(amount, unit);
        expect(base).not.toBeNull();
        if (!base) return;
        const back = convertBase(base.amount, base.dimension, unit);
        expect(back).not.toBeNull();
        expect(Math.abs((back ?? NaN) - amount)).toBeLessThanOrEqual(1e-9 * Math.max(1, amount));
      }),
    );
  });
});

describe('formatQuantity', () => {
  it.each([
    [1000, 'records/s', '1,000 records/s'],
    [1, 'MiB', '1 MiB'],
    [0.2, 'MB', '0.2 MB'],
    [1_048_576, 'B', '1,048,576 B'],
    [1, 'records', '1 record'],
    [1, 'days', '1 day'],
    [1, 'transactions/s', '1 transaction/s'],
    [5, '/s', '5/s'],
    [120_000, '', '120,000'],
    [0.1 + 0.2, 'GB', '0.3 GB'],
  ] as const)('%d %s → %s', (amount, unit, expected) => {
    expect(formatQuantity(amount, unit)).toBe(expected);
  });
});

describe('toBase, convertBase and sameQuantity', () => {
  it('normalises to base units without float noise', () => {
    expect(toBase(1, 'MiB/s')).toStrictEqual({ amount: MIB, dimension: 'bytes/s' });
    expect(toBase(1, 'Mbps')).toStrictEqual({ amount: 125_000, dimension: 'bytes/s' });
    expect(toBase(1.1, 'MB')).toStrictEqual({ amount: 1_100_000, dimension: 'bytes' });
    expect(toBase(3, 'weeks')).toStrictEqual({ amount: 1_814_400, dimension: 's' });
    expect(toBase(60, 'records/min')).toStrictEqual({ amount: 1, dimension: 'count/s' });
  });

  it('refuses unknown units and rates of durations', () => {
    expect(toBase(1, 'furlongs')).toBeNull();
    expect(toBase(1, 'h/s')).toBeNull();
    expect(toBase(1, 'MiB/fortnight')).toBeNull();
  });

  it('expresses a base amount in another unit of the same dimension only', () => {
    expect(convertBase(MIB, 'bytes', 'KiB')).toBe(1024);
    expect(convertBase(MIB, 'bytes', 'MB')).toBe(1.048576);
    expect(convertBase(86_400, 's', 'h')).toBe(24);
    expect(convertBase(1000, 'count/s', 'records/min')).toBe(60_000);
    expect(convertBase(MIB, 'bytes', 's')).toBeNull();
  });

  it('compares base amounts with a tiny relative tolerance', () => {
    const mib = parseValue('1 MiB')?.quantities[0];
    const kib = parseValue('1,024 KiB')?.quantities[0];
    const mb = parseValue('1 MB')?.quantities[0];
    const seconds = parseValue('1,048,576 s')?.quantities[0];
    if (!mib || !kib || !mb || !seconds) throw new Error('fixture did not parse');
    expect(sameQuantity(mib, kib)).toBe(true);
    expect(sameQuantity(mib, mb)).toBe(false);
    expect(sameQuantity(mib, seconds)).toBe(false);
    expect(sameQuantity({ base: { amount: 1, dimension: 's' } }, { base: { amount: 1 + 1e-12, dimension: 's' } })).toBe(true);
    expect(sameQuantity({ base: { amount: 1, dimension: 's' } }, { base: { amount: 1 + 1e-6, dimension: 's' } })).toBe(false);
  });
});
