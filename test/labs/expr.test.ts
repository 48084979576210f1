import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPaths, compileExpression, evaluate, formatNumber, parseExpression, parseTemplate, renderTemplate, type Value } from '../../src/labs/expr/index.js';

// A small metrics document in the engine's shape, enough for every construct.
const doc: Record<string, unknown> = {
  durationMs: 60_000,
  streams: {
    orders: {
      status: 'ACTIVE',
      openShards: 2,
      writeThrottled: 1500,
      bytesIn: 3 * 1024 * 1024,
      reshards: [{ atMs: 15_000, kind: 'split', from: 1, to: 2 }],
      series: { writeThrottledPerSecond: [500, 700, 300, 0, 0, 0] },
      shards: {
        'shardId-000000000000': { open: false, parents: [], recordsIn: 900, writeThrottled: 1500, closedAtMs: 15_000 },
        'shardId-000000000001': { open: true, parents: ['shardId-000000000000'], recordsIn: 400, writeThrottled: 0, closedAtMs: null },
        'shardId-000000000002': { open: true, parents: ['shardId-000000000000'], recordsIn: 450, writeThrottled: 0, closedAtMs: null },
      },
    },
  },
  consumers: { 'app-1': { latencyMs: { p50: 120, p99: 180.456 } } },
  producers: { checkout: { userRecords: { produced: 10_000, accepted: 9_990 } } },
  settings: { shards: 2, api: 'PutRecords', efo: false },
};

const value = (text: string): Value => {
  const parsed = compileExpression(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  const r = evaluate(parsed.expr, doc);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
};

describe('check expressions evaluate', () => {
  it.each<[string, Value]>([
    ['streams.orders.writeThrottled', 1500],
    ['streams.orders.writeThrottled == 0', false],
    ['consumers["app-1"].latencyMs.p99', 180.456],
    ["consumers['app-1'].latencyMs.p99 < 200ms", true],
    ['streams.orders.shards.*.writeThrottled', [1500, 0, 0]],
    ['streams.orders.shards.*.parents.*', ['shardId-000000000000', 'shardId-000000000000']],
    ['streams.orders.reshards[0].kind', 'split'],
    ['streams.orders.reshards.*.to', [2]],
    ['streams.orders.status == "ACTIVE"', true],
    ['streams.orders.shards["shardId-000000000000"].closedAtMs == 15s', true],
    ['streams.orders.shards["shardId-000000000001"].closedAtMs == null', true],
    // Units become the engine's base units: ms, bytes, records or bytes per second.
    ['1MiB', 1_048_576],
    ['1KB', 1000],
    ['5s', 5000],
    ['100ms', 100],
    ['0.5s', 500],
    ['2min', 120_000],
    ['2500/s', 2500],
    ['1MiB/s', 1_048_576],
    ['streams.orders.bytesIn == 3MiB', true],
    // Arithmetic and precedence.
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4', 2.5],
    ['10 % 4', 2],
    ['-3 + 5', 2],
    ['2 - 3 - 4', -5],
    ['!(1 < 2)', false],
    ['1 < 2 && 2 < 3 || false', true],
    ['false || !false', true],
    ['settings.efo ? 1 : 2', 2],
    ['settings.shards > 1 ? "many" : settings.shards == 1 ? "one" : "none"', 'many'],
    // Functions.
    ['sum(streams.orders.shards.*.writeThrottled)', 1500],
    ['sum(1, 2, streams.orders.series.writeThrottledPerSecond)', 1503],
    ['sum(filter(streams.orders.series.writeThrottledPerSecond, > 1000))', 0],
    ['max(streams.orders.shards.*.recordsIn)', 900],
    ['min(streams.orders.shards.*.recordsIn)', 400],
    ['avg(streams.orders.series.writeThrottledPerSecond)', 250],
    ['count(streams.orders.shards)', 3],
    ['count(streams.orders.shards.*, it.open)', 2],
    ['count(streams.orders.series.writeThrottledPerSecond, > 0)', 3],
    ['all(streams.orders.shards.*, it.writeThrottled == 0)', false],
    ['all(filter(streams.orders.shards.*, it.open), it.writeThrottled == 0)', true],
    ['all(streams.orders.shards.*.open)', false],
    ['any(streams.orders.shards.*.open)', true],
    ['all(streams.orders.shards.*.recordsIn, < 1000)', true],
    ['all(filter(streams.orders.shards.*, false), it.open)', true],
    ['map(filter(streams.orders.shards.*, it.open), it.recordsIn)', [400, 450]],
    ['count(streams.orders.shards.*, count(it.parents, == "shardId-000000000000") == 1)', 2],
    ['first(streams.orders.series.writeThrottledPerSecond)', 500],
    ['last(streams.orders.series.writeThrottledPerSecond)', 0],
    ['slice(streams.orders.series.writeThrottledPerSecond, 3)', [0, 0, 0]],
    ['slice(streams.orders.series.writeThrottledPerSecond, 1, 3)', [700, 300]],
    ['sum(slice(streams.orders.series.writeThrottledPerSecond, 3)) == 0', true],
    ['abs(-4)', 4],
    ['round(2.555, 2)', 2.56],
    ['round(-2.5)', -3],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['clamp(1.7, 0, 1)', 1],
    ['clamp(1 - streams.orders.writeThrottled / 1000, 0, 1)', 0],
    ['percent(producers.checkout.userRecords.accepted, producers.checkout.userRecords.produced)', 99.9],
    ['percent(5, 0)', 0],
  ])('%s → %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });
});

describe('check expressions report mistakes with the column', () => {
  it.each<[string, RegExp, number]>([
    ['streams.orders.writeThrottled = 0', /use == to compare/, 31],
    ['a & b', /use &&/, 3],
    ['(1 + 2', /expected "\)"/, 7],
    ['1 +', /expected a value, found the end/, 4],
    ['1 < 2 < 3', /comparisons do not chain/, 7],
    ['"open', /string is not closed/, 1],
    ['5 MiB', /expected an operator or the end, found "MiB"/, 3],
    ['5parsecs', /unknown unit "parsecs"/, 2],
    ['streams.', /expected a name or \* after "\."/, 9],
    ['streams[orders]', /quoted name, a whole number or \*/, 9],
    ['streams.orders.shards[-1]', /negative indexes/, 23],
    ['bogus(1)', /unknown function "bogus"/, 1],
    ['abs(1, 2)', /abs takes 1 argument/, 1],
    ['sum(< 3)', /alone is a predicate/, 5],
    ['map(streams.x, > 1)', /map needs an expression/, 16],
    ['it.open', /"it" is the item a predicate looks at/, 1],
    ['< 5', /needs something on its left/, 1],
    ['{{x}}', /interpolation braces/, 1],
    ['x @ y', /unexpected character "@"/, 3],
  ])('%s', (text, message, column) => {
    const r = compileExpression(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.column).toBe(column);
  });

  it.each<[string, RegExp, number]>([
    ['streams.orderz.writeThrottled', /streams has no "orderz" \(it has: orders\)/, 9],
    ['nope > 1', /no metric "nope" \(the document has: durationMs, streams, consumers, producers, settings\)/, 1],
    ['sum > 1', /sum is a function: sum\(list, …\)/, 1],
    ['streams.orders.reshards.kind', /reshards is a list: write streams\.orders\.reshards\.\*\.kind for every item or streams\.orders\.reshards\[0\]\.kind/, 25],
    ['streams.orders.reshards[3].kind', /has 1 item; \[3\] is past the end/, 25],
    ['streams.orders.shards.*.writeThrottled < 3', /< compares numbers; streams\.orders\.shards\.\*\.writeThrottled is a list of 3 \(use all\(list, < x\), max\(\) or min\(\)\)/, 1],
    ['streams.orders.status < 3', /compares numbers; streams\.orders\.status is the text "ACTIVE"/, 1],
    ['streams.orders.shards == 3', /== compares single values/, 1],
    ['1 / (streams.orders.openShards - 2)', /division by zero/, 3],
    ['1 && true', /&& needs true or false; this value is 1/, 1],
    ['all(streams.orders.shards.*.recordsIn)', /all without a predicate needs true\/false items/, 5],
    ['first(slice(streams.orders.series.writeThrottledPerSecond, 10))', /first of an empty list/, 1],
    ['max(filter(streams.orders.series.writeThrottledPerSecond, > 1000))', /max of an empty list/, 1],
    ['sum(streams.orders.status)', /sum adds up numbers; streams\.orders\.status holds the text "ACTIVE"/, 5],
    ['round(1.5, 0.5)', /digits must be a whole number/, 12],
    ['slice(streams.orders.series.writeThrottledPerSecond, 1.5)', /an index is a whole number/, 54],
    ['count(streams.orders.status)', /count needs a list or a map/, 7],
    ['streams.constructor', /streams has no "constructor"/, 9],
  ])('at run time: %s', (text, message, column) => {
    const parsed = compileExpression(text);
    expect(parsed.ok, text).toBe(true);
    if (!parsed.ok) return;
    const r = evaluate(parsed.expr, doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.column).toBe(column);
  });
});

describe('paths a run does not produce', () => {
  const problems = (text: string) => {
    const parsed = compileExpression(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return checkPaths(parsed.expr, doc);
  };

  it('are found even where && or ?: would skip them', () => {
    expect(problems('false && streams.orders.writeThrotled == 0')).toEqual([
      { path: 'streams.orders.writeThrotled', message: expect.stringContaining('has no "writeThrotled"'), column: 25 },
    ]);
    expect(problems('settings.efo ? consumers.nope.records : 1')).toHaveLength(1);
  });

  it('a * path must match something', () => {
    expect(problems('sum(streams.orders.reshards.*.atMs) >= 0')).toEqual([]);
    expect(problems('sum(consumers.*.latencyMs.*) >= 0')).toEqual([]);
    expect(problems('count(streams.orders.shards.*.parents.*) == 2')).toEqual([]);
    const empty = { ...doc, streams: { orders: { shards: {} } } };
    const parsed = parseExpression('sum(streams.orders.shards.*.writeThrottled) == 0');
    if (!parsed.ok) throw new Error();
    expect(checkPaths(parsed.expr, empty)).toEqual([{ path: 'streams.orders.shards.*.writeThrottled', message: 'streams.orders.shards.*.writeThrottled matches nothing in this run', column: 5 }]);
  });

  it('it paths must exist on some item of the predicate’s list', () => {
    expect(problems('all(streams.orders.shards.*, it.writeThrottled == 0)')).toEqual([]);
    expect(problems('all(streams.orders.shards.*, it.writeThrotled == 0)')).toEqual([
      { path: 'it.writeThrotled', message: expect.stringContaining('has no "writeThrotled"'), column: 33 },
    ]);
    // The list's own mistake is reported once; its `it` paths cannot be checked.
    expect(problems('all(streams.ordes.shards.*, it.x == 0)')).toHaveLength(1);
  });
});

describe('pass and fail texts', () => {
  const render = (text: string) => {
    const parsed = parseTemplate(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return renderTemplate(parsed.parts, doc);
  };

  it('quote measured numbers, formatted for reading', () => {
    expect(render('{{streams.orders.writeThrottled}} writes throttled').text).toBe('1,500 writes throttled');
    expect(render('p99 {{consumers["app-1"].latencyMs.p99}} ms').text).toBe('p99 180.5 ms');
    expect(render('{{streams.orders.bytesIn | bytes}} in').text).toBe('3 MiB in');
    expect(render('{{consumers["app-1"].latencyMs.p99 | duration}}, {{durationMs | duration}}').text).toBe('180 ms, 60 s');
    expect(render('{{percent(1, 3) | percent}}').text).toBe('33.3%');
    expect(render('{{10.4 | int}} at {{2500 | rate}}').text).toBe('10 at 2,500/s');
    expect(render('{{streams.orders.shards.*.recordsIn}}').text).toBe('[900, 400, 450]');
    expect(render('{{map(streams.orders.shards.*, it.recordsIn * 10)}}').text).toBe('[9,000; 4,000; 4,500]');
    expect(render('{{settings.efo}} / {{settings.api}} / {{a || b}}').text).toBe('false / PutRecords / ?');
    expect(render('no holes').text).toBe('no holes');
  });

  it('a hole that cannot be evaluated reads ? and says why', () => {
    expect(render('{{streams.nope.x}} left')).toEqual({ text: '? left', errors: ['{{streams.nope.x}}: streams has no "nope" (it has: orders)'] });
  });

  it('mistakes are found when the text is parsed, with their offset', () => {
    expect(parseTemplate('{{x + }} ok')).toEqual({ ok: false, error: { message: 'expected a value, found the end of the expression', offset: 5 } });
    expect(parseTemplate('a {{x')).toEqual({ ok: false, error: { message: '"{{" is not closed with "}}"', offset: 2 } });
    expect(parseTemplate('{{x | kib}}')).toMatchObject({ ok: false, error: { message: expect.stringContaining('unknown filter "kib"') } });
    // `||` inside a hole is the expression's "or", not a filter.
    expect(parseTemplate('{{a || b}}').ok).toBe(true);
  });

  it('numbers read well', () => {
    expect([12345, -12345, 3.14159, 0.04567, 1234.56, 0.5, 2.5, 1e21, 100.04].map(formatNumber)).toEqual([
      '12,345',
      '-12,345',
      '3.14',
      '0.0457',
      '1,234.6',
      '0.5',
      '2.5',
      '1e+21',
      '100',
    ]);
  });
});

describe('the expression language never throws', () => {
  const alphabet = fc.constantFrom(...'abcit_.*[]()"\'0123456789 +-/%<>=!&|?:,sMiBm{}@\\'.split(''), 'streams', 'sum(', 'all(', 'it.', '1MiB', '&&', '||', '==');

  it('on random text: it parses, or says where it is wrong', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const parsed = compileExpression(text);
        if (!parsed.ok) {
          expect(parsed.error.column).toBeGreaterThanOrEqual(1);
          expect(parsed.error.column).toBeLessThanOrEqual(text.length + 1);
          expect(parsed.error.message.length).toBeGreaterThan(0);
          return;
        }
        const r = evaluate(parsed.expr, doc);
        if (!r.ok) expect(r.error.column).toBeGreaterThanOrEqual(1);
        checkPaths(parsed.expr, doc);
      }),
      { numRuns: 3000 },
    );
  });

  it('on any unicode string, and on deep nesting', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const parsed = parseExpression(text);
        if (parsed.ok) evaluate(parsed.expr, doc);
        const t = parseTemplate(text);
        if (t.ok) renderTemplate(t.parts, doc);
      }),
      { numRuns: 2000 },
    );
    expect(compileExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/longer than|nests too deeply/) } });
    expect(compileExpression('('.repeat(100) + '1' + ')'.repeat(100))).toMatchObject({ ok: false, error: { message: 'expression nests too deeply' } });
    expect(compileExpression('-'.repeat(200) + '1')).toMatchObject({ ok: false });
  });

  it('on random well-formed expressions over the document', () => {
    const path = fc.constantFrom('streams.orders.writeThrottled', 'streams.orders.shards.*.recordsIn', 'settings.api', 'settings.efo', 'streams.orders', 'consumers["app-1"].latencyMs', 'null', '0', '2.5');
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        path,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '<', '==', '&&', '||'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(fc.constantFrom('sum', 'max', 'min', 'avg', 'count', 'all', 'any', 'abs', 'round', 'first', 'last'), tie('e')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom('all', 'any', 'count', 'filter', 'map'), tie('e')).map(([f, a]) => `${f}(streams.orders.shards.*, it.open && ${a})`),
        tie('e').map((a) => `!${a}`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (text) => {
        const parsed = compileExpression(text);
        expect(parsed.ok, text).toBe(true);
        if (parsed.ok) evaluate(parsed.expr, doc);
      }),
      { numRuns: 1000 },
    );
  });
});
