import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioText, type LoadResult } from '../../src/sim/scenario/load.js';

const lines = (result: LoadResult) => (result.ok ? result.warnings : result.problems).map(formatProblem);
const load = (text: string) => loadScenarioText(text, 'lab.yaml');

describe('scenario loader', () => {
  it('loads a valid file with defaults, naming it after the file', () => {
    const r = load('duration: 60s\nkinesis:\n  streams:\n    - {name: orders, shards: 2}\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec).toMatchObject({ name: 'lab', seed: 1, duration: 60_000, kinesis: { streams: [{ name: 'orders', mode: 'provisioned', shards: 2, retention: 86_400_000 }] } });
    expect(r.warnings).toEqual([]);
  });

  it('reports YAML syntax errors at their position', () => {
    expect(lines(load('duration: 60s\nkinesis: [\n'))).toEqual([expect.stringMatching(/^lab\.yaml:3:1 error /)]);
    expect(lines(load('duration: 60s\nduration: 30s\n'))).toEqual(['lab.yaml:2:1 error Map keys must be unique']);
  });

  it('needs a mapping', () => {
    expect(lines(load(''))).toEqual(['lab.yaml:1:1 error a scenario is a YAML mapping with at least `duration` (see docs/scenarios.md)']);
    expect(lines(load('- 1\n'))).toHaveLength(1);
  });

  it('maps schema issues to the YAML node: line and column of the bad value', () => {
    const text = [
      'duration: 60s', //                                      1
      'kinesis:', //                                           2
      '  streams:', //                                         3
      '    - name: orders', //                                 4
      '      shards: two', //                                  5
      '      colour: blue', //                                 6
      'producers:', //                                         7
      '  - stream: orders', //                                 8
      '    rate: fast', //                                     9
      '    recordSize: {min: 1KiB, max: huge}', //             10
      'consumers:', //                                         11
      '  - {name: a, stream: orders, kind: pollng}', //        12
      '  - {stream: orders, kind: polling}', //                13
      '  - {name: c, stream: orders, kind: polling, interval: 1 KiB}', // 14
    ].join('\n');
    expect(lines(load(text))).toEqual([
      'lab.yaml:5:15 error kinesis.streams[0].shards: expected number, received string',
      'lab.yaml:6:7 error kinesis.streams[0].colour: unknown field',
      'lab.yaml:9:11 error producers[0].rate: expected a rate in records per second (e.g. 2500/s), got "fast"',
      'lab.yaml:10:34 error producers[0].recordSize.max: expected a size (e.g. 1KiB, 200B, 1MiB), got "huge"',
      "lab.yaml:12:37 error consumers[0].kind: expected one of 'polling' | 'efo' | 'kcl' | 'lambda'",
      'lab.yaml:13:5 error consumers[1].name: required field is missing',
      'lab.yaml:14:56 error consumers[2].interval: expected a duration (e.g. 30s, 100ms, 5min), got "1 KiB"',
    ]);
  });

  it('reports a missing top-level field at the start of the file, and a refine at its object', () => {
    expect(lines(load('seed: 3\n'))).toEqual(['lab.yaml:1:1 error duration: required field is missing']);
    expect(lines(load('duration: 1s\nkinesis: {streams: [{name: s}]}\nproducers:\n  - stream: s\n'))).toEqual(['lab.yaml:4:5 error producers[0]: give either `rate` or `schedule`']);
  });

  it('checks names: undefined streams (with a near-miss suggestion) and duplicates', () => {
    const text = [
      'duration: 60s',
      'kinesis:',
      '  streams:',
      '    - {name: orders}',
      '    - {name: orders}',
      'producers:',
      '  - {name: p, stream: ordres, rate: 10/s}',
      '  - {name: p, stream: orders, rate: 10/s}',
      'consumers:',
      '  - {name: c, stream: clicks, kind: efo}',
      '  - {name: c, stream: orders, kind: efo}',
    ].join('\n');
    expect(lines(load(text))).toEqual([
      'lab.yaml:5:14 error kinesis.streams[1].name: stream "orders" is defined twice',
      'lab.yaml:8:12 error producers[1].name: producer "p" is defined twice',
      'lab.yaml:7:23 error producers[0].stream: stream "ordres" is not defined under kinesis.streams; did you mean "orders"?',
      'lab.yaml:11:12 error consumers[1].name: consumer "c" is defined twice',
      'lab.yaml:10:23 error consumers[0].stream: stream "clicks" is not defined under kinesis.streams (defined: orders)',
    ]);
  });

  it('checks stream settings with the service’s own rules', () => {
    const text = [
      'duration: 60s',
      'kinesis:',
      '  streams:',
      '    - {name: a, retention: 12h}',
      '    - {name: b, retention: 90min}',
      '    - {name: c, maxRecordSize: 20MiB}',
      '    - {name: d, shards: 20000}',
      '    - {name: "bad name"}',
      '    - {name: e, mode: on-demand, shards: 4}',
    ].join('\n');
    const r = load(text);
    expect(lines(r)).toEqual([
      'lab.yaml:4:28 error kinesis.streams[0].retention: Minimum allowed retention period is 24 hours. Maximum allowed retention period is 8760 hours. Requested retention period (12 hours) is out of range.',
      'lab.yaml:5:28 error kinesis.streams[1].retention: retention must be whole hours (24h to 8760h); got 1.5 h',
      'lab.yaml:6:32 error kinesis.streams[2].maxRecordSize: MaxRecordSizeInKiB must be between 1024 and 10240; got 20480.',
      'lab.yaml:7:25 error kinesis.streams[3].shards: ShardCount must be between 1 and 10000; got 20000.',
      expect.stringMatching(/^lab\.yaml:8:14 error kinesis\.streams\[4\]\.name: 1 validation error detected: Value 'bad name' at 'streamName'/),
      'lab.yaml:9:42 warning kinesis.streams[5].shards: ignored in on-demand mode: AWS manages the shards',
    ]);
  });

  it('parses action commands at load time and warns about times past the end', () => {
    const text = [
      'duration: 60s',
      'kinesis: {streams: [{name: orders}]}',
      'producers:',
      '  - {stream: orders, rate: 10/s, start: 90s}',
      'actions:',
      '  - {at: 10s, do: "kinesis putt-record --stream-name orders"}',
      '  - {at: 20s, do: "aws kinesis put-record --stream-name orders"}',
      '  - {at: 30s, do: "aws kineses list-streams"}',
      '  - {at: 40s, do: "kinesis help"}',
      '  - {at: 90s, do: "kinesis list-streams"}',
      "  - {at: 50s, do: \"kinesis list-streams 'open\"}",
    ].join('\n');
    expect(lines(load(text))).toEqual([
      'lab.yaml:4:41 warning producers[0].start: start at 90s is at or after the end (duration 60s); it never happens',
      'lab.yaml:6:19 error actions[0].do: command does not parse: unknown command "putt-record"; did you mean "put-record"?',
      'lab.yaml:7:19 error actions[1].do: command does not parse: aws: error: the following arguments are required: --data, --partition-key',
      'lab.yaml:8:19 error actions[2].do: command does not parse: unknown service "kineses"; did you mean "kinesis"?',
      'lab.yaml:9:19 error actions[3].do: an action runs a command; "help" only prints help',
      'lab.yaml:10:10 warning actions[4].at: this action at 90s is at or after the end (duration 60s); it never happens',
      'lab.yaml:11:19 error actions[5].do: command does not parse: aws: error: unterminated single quote',
    ]);
  });

  it('runs with warnings only', () => {
    const r = load('duration: 10s\nkinesis: {streams: [{name: s}]}\nactions:\n  - {at: 20s, do: "kinesis list-streams"}\n');
    expect(r.ok).toBe(true);
    expect(lines(r)).toEqual(['lab.yaml:4:10 warning actions[0].at: this action at 20s is at or after the end (duration 10s); it never happens']);
  });

  it('checks KCL worker failures against the worker count', () => {
    const text = 'duration: 60s\nkinesis: {streams: [{name: s}]}\nconsumers:\n  - name: k\n    stream: s\n    kind: kcl\n    workers: 2\n    failures: [{worker: 2, at: 10s}]\n';
    expect(lines(load(text))).toEqual(['lab.yaml:8:25 error consumers[0].failures[0].worker: worker 2 does not exist (workers are numbered 0 to 1)']);
  });
});
