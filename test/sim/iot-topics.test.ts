import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicIngest, filterProblem, publishTopicProblem, shadowTopic, topicMatches, utf8Bytes } from '../../src/sim/iot/topics.js';

// Topic filters against the MQTT 3.1.1 spec (section 4.7) and the AWS IoT developer guide
// (topics.html): `+` is exactly one level, `#` the rest (its parent level included), and a
// filter that starts with a wildcard never matches a topic that starts with `$`.

const MATCHES: [filter: string, topic: string, matches: boolean][] = [
  // MQTT 4.7.1.2: the multi-level wildcard
  ['sport/tennis/player1/#', 'sport/tennis/player1', true],
  ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
  ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
  ['sport/tennis/#', 'sport/tennis', true],
  ['sport/tennis/#', 'sport/tennis/player1/ranking', true],
  ['sport/#', 'sport', true],
  ['sport/#', 'sports', false],
  ['sport/#', 'sport/', true],
  ['#', 'sport/tennis/player1', true],
  ['#', '/', true],
  // MQTT 4.7.1.3: the single-level wildcard
  ['sport/tennis/+', 'sport/tennis/player1', true],
  ['sport/tennis/+', 'sport/tennis/player2', true],
  ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
  ['sport/+', 'sport', false],
  ['sport/+', 'sport/', true],
  ['+/+', '/finance', true],
  ['/+', '/finance', true],
  ['+', '/finance', false],
  ['+', 'finance', true],
  ['+/tennis/#', 'sport/tennis/player1', true],
  ['sport/+/player1', 'sport/tennis/player1', true],
  ['sport/+/player1', 'sport/tennis/player2', false],
  // Empty levels are levels
  ['a//b', 'a//b', true],
  ['a/+/b', 'a//b', true],
  ['a/+/b', 'a/b', false],
  ['+/+/+', 'a//b', true],
  // MQTT 4.7.2: topics beginning with $
  ['#', '$SYS/monitor/Clients', false],
  ['+/monitor/Clients', '$SYS/monitor/Clients', false],
  ['$SYS/#', '$SYS/monitor/Clients', true],
  ['$SYS/monitor/+', '$SYS/monitor/Clients', true],
  ['#', '$SYS/x', false],
  ['+/x', '$SYS/x', false],
  ['#', '$aws/things/thing-0001/shadow/update/delta', false],
  ['$aws/things/+/shadow/update/delta', '$aws/things/thing-0001/shadow/update/delta', true],
  ['$aws/things/+/shadow/#', '$aws/things/thing-0001/shadow/name/config/update/accepted', true],
  // Case matters, and literal filters match only themselves
  ['Sport/tennis', 'sport/tennis', false],
  ['sensors/thing-0001/telemetry', 'sensors/thing-0001/telemetry', true],
  ['sensors/thing-0001/telemetry', 'sensors/thing-0001/telemetry/', false],
  // AWS IoT docs examples
  ['sensor/+/room1', 'sensor/temperature/room1', true],
  ['sensor/+/room1', 'sensor/humidity/room1', true],
  ['sensor/+/room1', 'sensor/temperature/room2', false],
  ['sensor/#', 'sensor/temperature/room1', true],
];

describe('topic filters match as MQTT and IoT Core say', () => {
  it.each(MATCHES)('%s against %s → %s', (filter, topic, expected) => {
    expect(filterProblem(filter)).toBeNull();
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('a filter made from a topic by replacing levels with + matches it, and # matches every topic not starting with $', () => {
    const level = fc.stringMatching(/^[a-z0-9_-]{0,6}$/);
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (levels, wild) => {
        const topic = levels.join('/');
        if (topic === '') return;
        const filter = levels.map((l, i) => (wild[i] ? '+' : l)).join('/');
        expect(topicMatches(filter, topic)).toBe(true);
        expect(topicMatches('#', topic)).toBe(true);
        // Cutting the filter after any level and adding # still matches.
        for (let k = 0; k <= levels.length; k++) expect(topicMatches([...filter.split('/').slice(0, k), '#'].join('/'), topic)).toBe(true);
        // One level too many or too few never matches with + alone.
        expect(topicMatches(`${filter}/+`, topic)).toBe(false);
      }),
    );
  });
});

describe('topic filters that are not valid', () => {
  it.each([
    ['sport/tennis#', '"#" must be a whole level'],
    ['sport/tennis/#/ranking', '"#" must be a whole level and the last one'],
    ['sport+', '"+" must be a whole level'],
    ['sport/+tennis', '"+" must be a whole level'],
    ['', 'empty'],
    ['a/b/c/d/e/f/g/h/i', '8 forward slashes; the limit is 7'],
  ])('%s: %s', (filter, problem) => {
    expect(filterProblem(filter)).toContain(problem);
  });

  it('accepts # and + on their own and at any level', () => {
    for (const f of ['#', '+', '+/+', 'a/+/#', '/#', 'a/b/c/d/e/f/g/#']) expect(filterProblem(f)).toBeNull();
  });
});

describe('publish topics: 256 bytes of UTF-8, 7 slashes, no wildcards', () => {
  it('counts bytes, not characters', () => {
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('€')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
    expect(publishTopicProblem('a'.repeat(256))).toBeNull();
    expect(publishTopicProblem('a'.repeat(257))).toBe('topic is 257 bytes; the limit is 256 bytes of UTF-8');
    expect(publishTopicProblem('é'.repeat(128))).toBeNull();
    expect(publishTopicProblem('é'.repeat(129))).toContain('258 bytes');
  });

  it('allows 7 slashes (8 levels) and refuses 8', () => {
    expect(publishTopicProblem('1/2/3/4/5/6/7/8')).toBeNull();
    expect(publishTopicProblem('1/2/3/4/5/6/7/8/9')).toBe('topic has 8 forward slashes; the limit is 7 (8 levels)');
  });

  it('does not count the Basic Ingest prefix $aws/rules/NAME/ against the 7 slashes', () => {
    expect(publishTopicProblem('$aws/rules/hot/1/2/3/4/5/6/7/8')).toBeNull();
    expect(publishTopicProblem('$aws/rules/hot/1/2/3/4/5/6/7/8/9')).toContain('8 slashes after its Basic Ingest prefix');
    expect(publishTopicProblem('$aws/rules/hot')).toContain('needs a rule name and a topic');
    expect(basicIngest('$aws/rules/hot/sensors/t1/telemetry')).toEqual({ rule: 'hot', rest: 'sensors/t1/telemetry' });
    expect(basicIngest('sensors/t1')).toBeNull();
  });

  it('refuses wildcards and empty topics', () => {
    expect(publishTopicProblem('sensors/+/telemetry')).toContain('contains a wildcard');
    expect(publishTopicProblem('sensors/#')).toContain('contains a wildcard');
    expect(publishTopicProblem('')).toBe('the topic is empty');
  });

  it('reads shadow topics, classic and named', () => {
    expect(shadowTopic('$aws/things/t1/shadow/update')).toEqual({ thing: 't1', shadow: null, operation: 'update' });
    expect(shadowTopic('$aws/things/t1/shadow/name/config/update/delta')).toEqual({ thing: 't1', shadow: 'config', operation: 'update/delta' });
    expect(shadowTopic('$aws/things/t1/jobs/notify')).toBeNull();
  });
});
