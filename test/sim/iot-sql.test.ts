import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, selectOutput, whereMatches, type SqlMessage } from '../../src/sim/iot/sql-eval.js';
import { parseExpression, parseSql, SqlParseError } from '../../src/sim/iot/sql.js';
import { compileTemplate } from '../../src/sim/iot/template.js';
import { topicMatches } from '../../src/sim/iot/topics.js';

// The rules engine's SQL subset on a table of messages: each row is a statement, the topic and
// payload of a message, and what the rule outputs (or null when the rule does not match).

function message(topic: string, payload: unknown, clientId = 'thing-0001', timestamp = 1_500): SqlMessage {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { topic, payload: json, text, clientId, timestamp };
}

/** What a rule does with a message: its output, or null when FROM or WHERE does not match. */
function run(sql: string, topic: string, payload: unknown, clientId?: string): unknown {
  const q = parseSql(sql);
  if (q.from !== null && !topicMatches(q.from, topic)) return null;
  const m = message(topic, payload, clientId);
  if (!whereMatches(q, m)) return null;
  const out = selectOutput(q, m);
  try {
    return JSON.parse(out);
  } catch {
    return out;
  }
}

const T = 'sensors/thing-0001/telemetry';
const P = { deviceId: 'thing-0001', temp: 31.5, humidity: 40, ts: 1500, status: 'ok', flags: { fan: true }, readings: [1, 2, 3], nested: { a: { b: 7 } } };

const ROWS: [sql: string, topic: string, payload: unknown, output: unknown][] = [
  // SELECT * passes the payload through
  ["SELECT * FROM 'sensors/+/telemetry'", T, P, P],
  ["SELECT * FROM 'sensors/#'", T, P, P],
  ["SELECT * FROM 'other/+/telemetry'", T, P, null],
  // fields, aliases, nested access, arrays
  ["SELECT temp FROM 'sensors/+/telemetry'", T, P, { temp: 31.5 }],
  ["SELECT temp AS t, deviceId AS id FROM 'sensors/+/telemetry'", T, P, { t: 31.5, id: 'thing-0001' }],
  ["select temp as t from 'sensors/+/telemetry'", T, P, { t: 31.5 }],
  ["SELECT nested.a.b FROM 'sensors/+/telemetry'", T, P, { b: 7 }],
  ["SELECT nested.a.b AS deep, flags.fan FROM 'sensors/+/telemetry'", T, P, { deep: 7, fan: true }],
  ["SELECT readings[1] AS second FROM 'sensors/+/telemetry'", T, P, { second: 2 }],
  ["SELECT *, topic(2) AS thing FROM 'sensors/+/telemetry'", T, P, { ...P, thing: 'thing-0001' }],
  // a missing field is Undefined: its key is left out
  ["SELECT missing, temp FROM 'sensors/+/telemetry'", T, P, { temp: 31.5 }],
  ["SELECT nested.x.y AS z FROM 'sensors/+/telemetry'", T, P, {}],
  ['SELECT NULL AS n, TRUE AS yes, \'text\' AS s, 2.5 AS d FROM \'a\'', 'a', {}, { n: null, yes: true, s: 'text', d: 2.5 }],
  // arithmetic: Int with Int stays Int (division truncates), anything with a Decimal is Decimal
  ["SELECT temp * 9 / 5 + 32 AS f FROM 'sensors/+/telemetry'", T, { temp: 20 }, { f: 68 }],
  ["SELECT temp * 1.8 + 32 AS f FROM 'sensors/+/telemetry'", T, { temp: 25 }, { f: 77 }],
  ["SELECT 7 / 2 AS i, 7.0 / 2 AS v2, 7.5 / 2 AS d, 7 % 3 AS r FROM 'a'", 'a', {}, { i: 3, v2: 3, d: 3.75, r: 1 }],
  ["SELECT 1 / 0 AS x, humidity - 10 AS h FROM 'sensors/+/telemetry'", T, P, { h: 30 }],
  ["SELECT -temp AS neg, (humidity + 2) * 2 AS p FROM 'sensors/+/telemetry'", T, P, { neg: -31.5, p: 84 }],
  ["SELECT status + '!' AS s, '5' + 1 AS n, status * 2 AS bad FROM 'sensors/+/telemetry'", T, P, { s: 'ok!', n: 6 }],
  ["SELECT temp + missing AS x FROM 'sensors/+/telemetry'", T, P, {}],
  // unnamed expressions: field names, function names, then _1, _2…
  ["SELECT temp + 1, humidity * 2, topic(3), clientid(), timestamp() FROM 'sensors/+/telemetry'", T, P, { _1: 32.5, _2: 80, topic: 'telemetry', clientid: 'thing-0001', timestamp: 1500 }],
  // functions
  ["SELECT topic() AS t, topic(1) AS a, topic(2) AS b, topic(3) AS c, topic(4) AS d FROM 'sensors/+/telemetry'", T, P, { t: T, a: 'sensors', b: 'thing-0001', c: 'telemetry' }],
  ["SELECT clientid() AS c, timestamp() AS ts FROM 'sensors/#'", T, P, { c: 'thing-0001', ts: 1500 }],
  // WHERE: comparisons
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp > 30", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp > 30", T, { ...P, temp: 30 }, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp >= 30", T, { ...P, temp: 30 }, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp < 32 AND temp <= 31.5", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE status = 'ok'", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE status <> 'ok'", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE status != 'error'", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE flags.fan = true", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE readings = readings", T, P, { deviceId: 'thing-0001' }],
  // mismatched types are unequal; a numeric string compares as a number with < and >
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE humidity = '40'", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE humidity <> '40'", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE '41' > humidity", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE status > 3", T, P, null],
  // WHERE: AND, OR, NOT, parentheses and precedence (NOT binds tighter than AND, AND than OR)
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp > 40 OR humidity = 40", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE temp > 40 OR humidity = 40 AND status = 'error'", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE (temp > 40 OR humidity = 40) AND status = 'ok'", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE NOT temp > 40", T, P, { deviceId: 'thing-0001' }],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE NOT (temp > 30 AND humidity > 30)", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE NOT NOT temp > 30", T, P, { deviceId: 'thing-0001' }],
  // Undefined in WHERE is not true: a missing field never matches, negated or not
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE missing > 1", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE NOT missing > 1", T, P, null],
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE missing = 1 OR temp > 30", T, P, null],
  // the strings 'true' and 'false' are Booleans to AND, OR and NOT
  ["SELECT deviceId FROM 'sensors/+/telemetry' WHERE 'TRUE' AND temp > 30", T, P, { deviceId: 'thing-0001' }],
  // WHERE on the topic and the client
  ["SELECT temp FROM 'sensors/#' WHERE topic(2) = 'thing-0001' AND clientid() = 'thing-0001'", T, P, { temp: 31.5 }],
  ["SELECT temp FROM 'sensors/#' WHERE topic(2) = 'thing-0002'", T, P, null],
  // a payload that is not JSON: SELECT * passes it, fields are Undefined
  ["SELECT * FROM 'raw/#'", 'raw/x', 'not json', 'not json'],
  ["SELECT topic() AS t, v FROM 'raw/#'", 'raw/x', 'not json', { t: 'raw/x' }],
  ["SELECT * FROM 'raw/#' WHERE v > 1", 'raw/x', 'not json', null],
  // no FROM: a Basic-Ingest-only rule
  ['SELECT temp WHERE temp > 30', T, P, { temp: 31.5 }],
];

describe('the SQL subset on a table of messages', () => {
  it.each(ROWS)('%s | %s', (sql, topic, payload, output) => {
    expect(run(sql, topic, payload)).toEqual(output);
  });

  it('a bare SELECT * keeps the payload byte for byte', () => {
    const text = '{ "b": 1,   "a": 2 }';
    const q = parseSql("SELECT * FROM 'x'");
    expect(selectOutput(q, message('x', text))).toBe(text);
  });
});

describe('parse errors name the line and column (counted from 0) and what was expected', () => {
  const error = (sql: string): SqlParseError => {
    try {
      parseSql(sql);
    } catch (e) {
      if (e instanceof SqlParseError) return e;
      throw e;
    }
    throw new Error(`${sql} parsed`);
  };

  it.each([
    ["SELECT FROM 'a'", 1, 7, "Line 1:7 mismatched input 'FROM' expecting '*' or an expression"],
    ["SELECT temp FROM a", 1, 17, "Line 1:17 mismatched input 'a' expecting a topic filter in single quotes, e.g. 'sensors/+/telemetry'"],
    ["SELECT temp FROM 'a' WHER temp > 1", 1, 21, "Line 1:21 mismatched input 'WHER' expecting WHERE or <EOF>"],
    ["SELECT temp FROM 'a' WHERE", 1, 26, "Line 1:26 mismatched input '<EOF>' expecting an expression"],
    ["SELECT temp FROM 'a' WHERE (temp > 1", 1, 36, "Line 1:36 mismatched input '<EOF>' expecting ')'"],
    ["SELECT temp FROM 'a' WHERE temp > 1 1", 1, 36, "Line 1:36 mismatched input '1' expecting <EOF>"],
    ["SELECT temp FROM 'a/#/b'", 1, 17, 'Line 1:17 invalid topic filter: "#" must be a whole level and the last one ("a/#/b")'],
    ['SELECT temp FROM "a"', 1, 17, `Line 1:17 token recognition error at: '"' (strings and topic filters take single quotes)`],
    ["SELECT temp FROM 'a", 1, 17, "Line 1:17 unterminated string starting here; close it with '"],
    ["SELECT upper(temp) FROM 'a'", 1, 7, "Line 1:7 unknown function 'upper' (the engine runs topic(), topic(n), clientid() and timestamp())"],
    ["SELECT topic(1, 2) FROM 'a'", 1, 7, 'Line 1:7 function topic() takes 0 or 1 argument, got 2'],
    ["SELECT temp AS FROM 'a'", 1, 20, "Line 1:20 mismatched input ''a'' expecting ',', FROM, WHERE or <EOF>"],
    ["SELECT a.\nFROM 'x'", 2, 0, "Line 2:0 mismatched input 'FROM' expecting a field name after \".\""],
    ["SELECT temp FROM 'a' WHERE temp > 1 ; DROP", 1, 36, "Line 1:36 token recognition error at: ';'"],
  ])('%s', (sql, line, column, message) => {
    const e = error(sql);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toBe(message);
  });
});

describe('substitution templates', () => {
  const m = message(T, P);

  it('evaluate against the incoming message: fields, functions and arithmetic', () => {
    expect(compileTemplate('${topic(2)}')(m)).toBe('thing-0001');
    expect(compileTemplate('${deviceId}')(m)).toBe('thing-0001');
    expect(compileTemplate('raw/${topic(2)}/${timestamp()}.json')(m)).toBe('raw/thing-0001/1500.json');
    expect(compileTemplate('${humidity * 2}')(m)).toBe('80');
    expect(compileTemplate('${nested.a}')(m)).toBe('{"b":7}');
    expect(compileTemplate('${missing}')(m)).toBe('');
    expect(compileTemplate('constant')(m)).toBe('constant');
  });

  it('report a template that does not parse', () => {
    expect(() => compileTemplate('${topic(2}')).toThrow("substitution template ${topic(2} in \"${topic(2}\": Line 1:7 mismatched input '<EOF>' expecting ')'");
    expect(() => compileTemplate('a/${topic(2)')).toThrow('a ${ has no closing }');
  });

  it('expressions evaluate alone too', () => {
    expect(evaluate(parseExpression("temp > 30 AND status = 'ok'"), m)).toBe(true);
  });
});

describe('arithmetic and comparisons agree with the number line', () => {
  it('Int with Int stays Int (division truncates toward zero); comparisons match', () => {
    const q = parseSql("SELECT a + b AS s, a - b AS d, a * b AS p, a / b AS q, a % b AS r FROM 't' WHERE a < b OR a >= b");
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: -10_000, max: 10_000 }), (a, b) => {
        const m = message('t', { a, b });
        expect(whereMatches(q, m)).toBe(true);
        const out = JSON.parse(selectOutput(q, m));
        expect(out.s).toBe(a + b);
        expect(out.d).toBe(a - b + 0);
        expect(out.p).toBe(a * b + 0);
        if (b === 0) {
          expect(out.q).toBeUndefined();
          expect(out.r).toBeUndefined();
        } else {
          expect(out.q).toBe(Math.trunc(a / b) + 0);
          expect(out.r).toBe((a % b) + 0);
        }
        const gt = parseSql("SELECT * FROM 't' WHERE a > b");
        expect(whereMatches(gt, m)).toBe(a > b);
        const ne = parseSql("SELECT * FROM 't' WHERE NOT a = b");
        expect(whereMatches(ne, m)).toBe(a !== b);
      }),
    );
  });
});
