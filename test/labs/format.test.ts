import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/content/model.js';
import { LAB_CODES, type LabCode } from '../../src/labs/diagnostics.js';
import { loadLabFile, loadLabPaths, loadLabs } from '../../src/labs/load.js';
import { parseLab } from '../../src/labs/parse.js';
import { runLab } from '../../src/labs/run.js';
import { verifyLab } from '../../src/labs/verify.js';
import { inProcessCodeRunner } from '../helpers/in-process-code-runner.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const SETTINGS = readFileSync(join(fixtures, 'right-size.md'), 'utf8');
const COMMANDS = readFileSync(join(fixtures, 'split-hot-shard.md'), 'utf8');
const CODE = readFileSync(join(fixtures, 'code', 'partition-key.md'), 'utf8');

/** 1-based line of the first line containing `marker` (after `from`, when given). */
function lineOf(text: string, marker: string, from?: string): number {
  const lines = text.split('\n');
  const start = from === undefined ? 0 : lines.findIndex((l) => l.includes(from));
  const i = lines.findIndex((l, n) => n >= start && l.includes(marker));
  if (i < 0) throw new Error(`marker not found: ${marker}`);
  return i + 1;
}

function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in the fixture: ${from}`);
  return text.replace(from, to);
}

interface Case {
  code: LabCode;
  what: string;
  base: string;
  file?: string;
  mutate: (text: string) => string;
  /** Where the diagnostic must point: a marker line in the mutated text, or a number. */
  line: number | { marker: string; from?: string };
  column?: number;
  /** Deep checks: run the lab (reference and starter) as `lab lint` does. */
  deep?: boolean;
  topicIds?: string[];
}

const CASES: Case[] = [
  { code: 'L001', what: 'no front matter', base: SETTINGS, mutate: (t) => t.slice(t.indexOf('# Right-size')), line: 1 },
  { code: 'L001', what: 'front matter that is not YAML', base: SETTINGS, mutate: (t) => replace(t, 'services: [kinesis]', 'services: [kinesis'), line: { marker: 'difficulty:' } },
  { code: 'L002', what: 'an unknown key', base: SETTINGS, mutate: (t) => replace(t, 'minutes: 10\n', 'minutes: 10\nauthor: ana\n'), line: { marker: 'author:' } },
  { code: 'L003', what: 'a required key missing', base: SETTINGS, mutate: (t) => replace(t, 'difficulty: beginner\n', ''), line: 1 },
  { code: 'L004', what: 'a value of the wrong type', base: SETTINGS, mutate: (t) => replace(t, 'minutes: 10', 'minutes: ten'), line: { marker: 'minutes:' }, column: 10 },
  { code: 'L004', what: 'a difficulty not allowed', base: SETTINGS, mutate: (t) => replace(t, 'difficulty: beginner', 'difficulty: easy'), line: { marker: 'difficulty:' }, column: 13 },
  { code: 'L005', what: 'no Task section', base: SETTINGS, mutate: (t) => replace(t, '## Task\n', ''), line: 1 },
  { code: 'L005', what: 'an empty Story', base: COMMANDS, mutate: (t) => t.replace(/## Story\n\n[\s\S]*?\n\n## Task/, '## Story\n\n## Task'), line: { marker: '## Story' } },
  { code: 'L006', what: 'hints that are not a list', base: SETTINGS, mutate: (t) => t.replace(/## Hints\n\n[\s\S]*?## Scenario/, '## Hints\n\nThink about the limits.\n\n## Scenario'), line: { marker: '## Hints' } },
  { code: 'L007', what: 'no checks block', base: SETTINGS, mutate: (t) => t.replace(/```yaml checks[\s\S]*?```\n/, ''), line: 1 },
  { code: 'L007', what: 'a second scenario block', base: SETTINGS, mutate: (t) => replace(t, '## Checks', '```yaml scenario\nduration: 5s\n```\n\n## Checks'), line: { marker: '```yaml scenario', from: 'streams:' } },
  { code: 'L008', what: 'a checks block that is not YAML', base: SETTINGS, mutate: (t) => replace(t, '  points: 40', '  points: [40'), line: { marker: 'expect: streams.orders.openShards' } },
  { code: 'L008', what: 'checks that are not a list', base: SETTINGS, mutate: (t) => replace(t, '```yaml checks\n- id: no-throttling', '```yaml checks\nchecks:\n- id: no-throttling'), line: { marker: 'checks:', from: '```yaml checks' } },
  { code: 'L009', what: 'a scenario value the engine refuses', base: SETTINGS, mutate: (t) => replace(t, 'rate: 3000/s', 'rate: fast'), line: { marker: 'rate: fast' }, column: 11 },
  { code: 'L009', what: 'a scenario naming an undefined stream', base: COMMANDS, mutate: (t) => replace(t, '    stream: events\n    rate: 900/s', '    stream: event\n    rate: 900/s'), line: { marker: 'stream: event', from: 'name: stores' }, column: 13 },
  { code: 'L010', what: 'a scenario warning', base: SETTINGS, mutate: (t) => replace(t, '    recordSize: 1KiB\n', '    recordSize: 1KiB\n    start: 30s\n'), line: { marker: 'start: 30s' }, column: 12 },
  { code: 'L011', what: 'a setting whose max is below its min', base: SETTINGS, mutate: (t) => replace(t, '  max: 16', '  max: 0'), line: { marker: 'max: 0' }, column: 8 },
  { code: 'L011', what: 'a default outside the bounds', base: SETTINGS, mutate: (t) => replace(t, '  default: 1\n', '  default: 17\n'), line: { marker: 'default: 17' }, column: 12 },
  { code: 'L011', what: 'a choice with no options', base: SETTINGS, mutate: (t) => replace(t, '  options: [PutRecord, PutRecords]\n', ''), line: { marker: 'api:', from: '```yaml settings' }, column: 1 },
  { code: 'L012', what: 'a placeholder for a setting not declared', base: SETTINGS, mutate: (t) => replace(t, '${settings.shards}', '${settings.shard}'), line: { marker: '${settings.shard}' }, column: 30 },
  { code: 'L012', what: 'a placeholder without settings.', base: SETTINGS, mutate: (t) => replace(t, '${settings.shards}', '${shards}'), line: { marker: '${shards}' }, column: 30 },
  { code: 'L013', what: 'a setting the scenario never uses', base: SETTINGS, mutate: (t) => replace(t, 'api: ${settings.api}', 'api: PutRecords'), line: { marker: 'api:', from: '```yaml settings' } },
  { code: 'L014', what: 'a check with no fail text', base: SETTINGS, mutate: (t) => t.replace(/  fail: "\{\{streams.orders.openShards\}\}.*\n/, ''), line: { marker: '- id: lowest-cost' } },
  { code: 'L014', what: 'two checks with one id', base: SETTINGS, mutate: (t) => replace(t, '- id: lowest-cost', '- id: no-throttling'), line: { marker: '- id: no-throttling', from: 'points: 60' }, column: 7 },
  { code: 'L015', what: 'an expect that does not parse', base: SETTINGS, mutate: (t) => replace(t, 'expect: streams.orders.writeThrottled == 0', 'expect: streams.orders.writeThrottled = 0'), line: { marker: 'writeThrottled = 0' }, column: 41 },
  { code: 'L015', what: 'a {{…}} that does not parse', base: SETTINGS, mutate: (t) => replace(t, 'pass: "{{streams.orders.openShards}} shards', 'pass: "{{streams.orders.openShards +}} shards'), line: { marker: 'openShards +' }, column: 39 },
  { code: 'L016', what: 'a metric the engine does not produce', base: SETTINGS, deep: true, mutate: (t) => replace(t, 'expect: streams.orders.writeThrottled == 0', 'expect: streams.orders.writeThrotled == 0'), line: { marker: 'writeThrotled' }, column: 26 },
  { code: 'L016', what: 'a * path that matches nothing', base: SETTINGS, deep: true, mutate: (t) => replace(t, '  points: 40\n  expect: streams.orders.openShards <= 4', '  points: 40\n  expect: sum(streams.orders.reshards.*.to) == 0 && streams.orders.openShards <= 4'), line: { marker: 'reshards.*.to' }, column: 15 },
  { code: 'L016', what: 'a metric named in a fail text', base: SETTINGS, deep: true, mutate: (t) => replace(t, 'on {{settings.shards}} shard(s)', 'on {{settings.shard}} shard(s)'), line: { marker: '{{settings.shard}}' }, column: 188 },
  { code: 'L017', what: 'no starter', base: SETTINGS, mutate: (t) => replace(t, '```yaml starter\nshards: 1\n```\n', ''), line: 1 },
  { code: 'L017', what: 'a solution in the wrong language', base: SETTINGS, mutate: (t) => replace(t, '```yaml solution', '```sh solution'), line: { marker: '```sh solution' } },
  { code: 'L018', what: 'a starter value out of range', base: SETTINGS, mutate: (t) => replace(t, 'shards: 1\n```', 'shards: 50\n```'), line: { marker: 'shards: 50' }, column: 9 },
  { code: 'L018', what: 'a solution setting that does not exist', base: SETTINGS, mutate: (t) => replace(t, 'shards: 4\n```', 'shards: 4\nshard_count: 4\n```'), line: { marker: 'shard_count' }, column: 1 },
  { code: 'L018', what: 'a command that does not parse', base: COMMANDS, mutate: (t) => replace(t, '```sh solution\naws kinesis list-shards', '```sh solution\naws kinesis list-shard'), line: { marker: 'aws kinesis list-shard', from: '```sh solution' } },
  { code: 'L018', what: 'a timed line without a unit', base: COMMANDS, mutate: (t) => replace(t, 'at 5s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000', 'at 5: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000000'), line: { marker: 'at 5:' }, column: 4 },
  { code: 'L018', what: 'code that does not export the hook', base: CODE, mutate: (t) => replace(t, 'export function partitionKey(record: { customerId: string; deviceType: string }): string {\n  return record.customerId;', 'function partitionKey(record: { customerId: string; deviceType: string }): string {\n  return record.customerId;'), line: { marker: 'function partitionKey', from: '```ts solution' } },
  { code: 'L019', what: 'points that differ from the checks', base: SETTINGS, mutate: (t) => replace(t, 'points: 100', 'points: 90'), line: { marker: 'points: 90' } },
  { code: 'L020', what: 'a topic not in the notes', base: SETTINGS, topicIds: ['kinesis'], mutate: (t) => t, line: { marker: 'topics:' } },
  { code: 'L021', what: 'a reference that does not score full marks', base: SETTINGS, deep: true, mutate: (t) => replace(t, 'shards: 4\n```', 'shards: 5\n```'), line: { marker: '- id: lowest-cost' } },
  { code: 'L022', what: 'a starter that passes', base: COMMANDS, deep: true, mutate: (t) => replace(t, '--shard-to-split shardId-000000000001 \\\n  --new-starting-hash-key 255211775190703847597530955573826158592', '--shard-to-split shardId-000000000000 \\\n  --new-starting-hash-key 85070591730234615865843651857942052864'), line: { marker: '# Look around first.' } },
  { code: 'L023', what: 'a code lab without a hook', base: CODE, mutate: (t) => t.replace(/```yaml hook[\s\S]*?```\n/, ''), line: 1 },
  { code: 'L023', what: 'a hook of an unknown kind', base: CODE, mutate: (t) => replace(t, 'kind: partition-key', 'kind: partition-keys'), line: { marker: 'kind: partition-keys' }, column: 7 },
  { code: 'L023', what: 'a hook in a settings lab', base: SETTINGS, mutate: (t) => replace(t, '## Checks', '```yaml hook\nkind: retry-policy\nproducer: checkout\n```\n\n## Checks'), line: { marker: '```yaml hook' } },
  { code: 'L025', what: 'an id that differs from the file name', base: SETTINGS, mutate: (t) => replace(t, 'id: right-size', 'id: right-sizing'), line: { marker: 'id: right-sizing' } },
  { code: 'L026', what: 'an expect that is not true or false', base: SETTINGS, deep: true, mutate: (t) => replace(t, 'expect: streams.orders.writeThrottled == 0', 'expect: streams.orders.writeThrottled + 0'), line: { marker: 'writeThrottled + 0' }, column: 11 },
  { code: 'L026', what: 'a division by zero on the reference run', base: SETTINGS, deep: true, mutate: (t) => replace(t, 'expect: streams.orders.writeThrottled == 0', 'expect: 1 / streams.orders.writeThrottled == 0'), line: { marker: '1 / streams' }, column: 13 },
  { code: 'L028', what: 'a choice snippet that is not YAML', base: SETTINGS, mutate: (t) => replace(t, '  options: [PutRecord, PutRecords]\n', '  options:\n    - PutRecords\n    - value: KPL\n      yaml: "{api: [KPL"\n'), line: { marker: 'yaml: "{api' } },
  { code: 'L028', what: 'a choice snippet the scenario refuses', base: SETTINGS, mutate: (t) => replace(t, '  options: [PutRecord, PutRecords]\n', '  options:\n    - PutRecords\n    - {value: kpl, label: The KPL, yaml: Kpl}\n'), line: { marker: 'value: kpl' } },
  { code: 'L027', what: 'a block whose name is a typo', base: SETTINGS, mutate: (t) => replace(t, '## Checks', '```yaml scenaro\nduration: 5s\n```\n\n## Checks'), line: { marker: '```yaml scenaro' } },
];

async function diagnose(c: Case, text: string): Promise<Diagnostic[]> {
  const file = c.file ?? (c.base === SETTINGS ? 'right-size.md' : c.base === COMMANDS ? 'split-hot-shard.md' : 'partition-key.md');
  const parsed = parseLab(file, text, c.topicIds ? { topicIds: new Set(c.topicIds) } : {});
  if (!c.deep || !parsed.lab) return parsed.diagnostics;
  const verified = await verifyLab(parsed.lab, { codeRunner: inProcessCodeRunner });
  return [...parsed.diagnostics, ...verified.problems];
}

describe('lab lint codes', () => {
  it('the fixtures are clean', async () => {
    for (const base of [SETTINGS, COMMANDS, CODE]) {
      const found = await diagnose({ code: 'L001', what: '', base, mutate: (t) => t, line: 1, deep: true }, base);
      expect(found).toEqual([]);
    }
  });

  it.each(CASES)('$code: $what', async (c) => {
    const text = c.mutate(c.base);
    const found = await diagnose(c, text);
    const matching = found.filter((d) => d.code === c.code);
    expect(matching, JSON.stringify(found, null, 1)).toHaveLength(1);
    const d = matching[0]!;
    const line = typeof c.line === 'number' ? c.line : lineOf(text, c.line.marker, c.line.from);
    expect(d.line, d.message).toBe(line);
    if (c.column !== undefined) expect(d.column, d.message).toBe(c.column);
    expect(d.severity).toBe(LAB_CODES[c.code].severity);
    // Each case triggers its own code and no other error.
    expect(found.filter((x) => x.code !== c.code && x.severity === 'error')).toEqual([]);
  });

  it('messages say what to do', async () => {
    const messages = async (mutate: (t: string) => string, base = SETTINGS, deep = false) =>
      (await diagnose({ code: 'L001', what: '', base, mutate, line: 1, deep }, mutate(base))).map((d) => d.message);
    expect(await messages((t) => replace(t, '${settings.shards}', '${settings.shard}'))).toEqual([
      'the scenario uses ${settings.shard} but no setting "shard" is declared (declared: shards, api)',
      'setting "shards" is declared but the scenario never uses ${settings.shards}',
    ]);
    expect(await messages((t) => replace(t, 'rate: 3000/s', 'rate: fast'))).toEqual(['scenario: producers[0].rate: expected a rate in records per second (e.g. 2500/s), got "fast"']);
    expect(await messages((t) => replace(t, 'expect: streams.orders.writeThrottled == 0', 'expect: streams.orders.writeThrotled == 0'), SETTINGS, true)).toEqual([
      expect.stringMatching(/^check no-throttling: expect names streams\.orders\.writeThrotled, which the engine does not produce: streams\.orders has no "writeThrotled" \(it has: mode, status, retentionHours, openShards, totalShards, recordsIn, userRecordsIn, bytesIn, … \d+ more\)$/),
    ]);
    expect(await messages((t) => replace(t, 'shards: 4\n```', 'shards: 3\n```'), SETTINGS, true)).toEqual([
      expect.stringMatching(/^the reference solution fails check "no-throttling" \([\d.]+\/60 points\): [\d,]+ writes were throttled \([\d.]+% of attempts\) on 3 shard\(s\)\.$/),
      expect.stringMatching(/^the reference solution fails check "lowest-cost" \(0\/40 points\): 3 shards: /),
    ]);
  });

  it('L024: two labs with one id', () => {
    const index = loadLabPaths([
      { path: join(fixtures, 'right-size.md'), file: 'a/right-size.md' },
      { path: join(fixtures, 'right-size.md'), file: 'b/right-size.md' },
    ]);
    expect(index.labs.map((l) => l.file)).toEqual(['a/right-size.md']);
    expect(index.diagnostics).toEqual([{ file: 'b/right-size.md', line: 1, severity: 'error', code: 'L024', message: 'lab id "right-size" is already used by a/right-size.md' }]);
  });

  it('L098: a file that cannot be read; L099: an internal error is a diagnostic, not a crash', () => {
    expect(loadLabFile(join(fixtures, 'nope.md'), 'nope.md').diagnostics).toEqual([{ file: 'nope.md', line: 1, severity: 'error', code: 'L098', message: 'could not read the file: no such file' }]);
    const crash = parseLab('x.md', undefined as unknown as string);
    expect(crash.lab).toBeNull();
    expect(crash.diagnostics).toEqual([expect.objectContaining({ code: 'L099', line: 1 })]);
  });

  it('every code has a case or a dedicated test', () => {
    const covered = new Set([...CASES.map((c) => c.code), 'L024', 'L098', 'L099']);
    expect(Object.keys(LAB_CODES).filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe('lab files', () => {
  it('become a Lab with every part and its line', () => {
    const { lab } = loadLabFile(join(fixtures, 'right-size.md'), 'right-size.md');
    expect(lab).not.toBeNull();
    if (!lab) return;
    expect(lab).toMatchObject({ id: 'right-size', title: 'Right-size a stream for the checkout load', services: ['kinesis'], difficulty: 'beginner', minutes: 10, points: 100, topics: ['kinesis-data-streams'], solve: 'settings' });
    expect(lab.story.markdown).toMatch(/^The checkout service writes 3,000 order events/);
    expect(lab.story.line).toBe(lineOf(SETTINGS, '## Story'));
    // The settings block inside the Task section is not part of its text.
    expect(lab.task.markdown).toMatch(/^Choose the number of shards[\s\S]*1,000 records\/s of writes\.$/);
    expect(lab.hints.map((h) => h.text)).toEqual([
      "Work out the load in records per second and in bytes per second, and compare each with a\nshard's limit.",
      'Customer ids spread evenly, but not perfectly: leave some headroom.',
      'Every shard costs the same per hour whether it is busy or idle.',
    ]);
    expect(lab.hints[1]!.line).toBe(lineOf(SETTINGS, '- Customer ids'));
    expect(lab.settings).toEqual([
      { name: 'shards', type: 'integer', label: 'Shards', help: 'Open shards when the stream is created', min: 1, max: 16, default: 1, line: lineOf(SETTINGS, 'shards:', '```yaml settings') },
      { name: 'api', type: 'choice', label: 'Producer API', options: ['PutRecord', 'PutRecords'], default: 'PutRecords', line: lineOf(SETTINGS, 'api:', '```yaml settings') },
    ]);
    expect(lab.scenario.line).toBe(lineOf(SETTINGS, 'seed: 7'));
    expect(lab.checks.map((c) => [c.id, c.points, c.line, Boolean(c.partial)])).toEqual([
      ['no-throttling', 60, lineOf(SETTINGS, '- id: no-throttling'), true],
      ['lowest-cost', 40, lineOf(SETTINGS, '- id: lowest-cost'), false],
    ]);
    expect(lab.checks[0]!.expect).toMatchObject({ source: 'streams.orders.writeThrottled == 0', line: lineOf(SETTINGS, 'expect: streams.orders.writeThrottled == 0'), column: 11, exact: true });
    expect(lab.starter).toEqual({ language: 'yaml', text: 'shards: 1', line: lineOf(SETTINGS, '```yaml starter') + 1 });
    expect(lab.solution).toEqual({ language: 'yaml', text: 'shards: 4', line: lineOf(SETTINGS, '```yaml solution') + 1 });
  });

  it('a choice can put a YAML snippet into the scenario; plain options keep their text', async () => {
    const text = replace(
      replace(SETTINGS, '  options: [PutRecord, PutRecords]\n', "  options:\n    - PutRecord\n    - {value: PutRecords, label: Batches of up to 500}\n    - value: kpl\n      label: The KPL, aggregating\n      yaml: |\n        KPL\n"),
      '    api: ${settings.api}\n',
      '    api: ${settings.api}\n    retries: ${settings.retries}\n',
    ).replace('```yaml settings\n', "```yaml settings\nretries:\n  type: choice\n  options:\n    - {value: patient, yaml: '{max: 10, backoff: exponential, base: 50ms}'}\n    - {value: none, yaml: {max: 0}}\n  default: patient\n");
    const { lab, diagnostics } = parseLab('right-size.md', text);
    expect(diagnostics).toEqual([]);
    const [retries, , api] = lab!.settings;
    expect(retries).toMatchObject({ options: ['patient', 'none'], snippets: { patient: { text: '{"max":10,"backoff":"exponential","base":"50ms"}' }, none: { text: '{"max":0}' } } });
    expect(api).toMatchObject({ options: ['PutRecord', 'PutRecords', 'kpl'], optionLabels: { PutRecords: 'Batches of up to 500', kpl: 'The KPL, aggregating' }, snippets: { kpl: { text: '"KPL"' } } });
    expect(api!.snippets!.kpl!.line).toBe(lineOf(text, 'yaml: |', 'value: kpl'));
    const run = async (values: [string, string | number][]) => {
      const out = await runLab(lab!, { kind: 'settings', values: new Map(values) });
      if (!out.ok) throw new Error(JSON.stringify(out));
      return out.result;
    };
    const kpl = await run([['shards', 4], ['api', 'kpl'], ['retries', 'none']]);
    expect(kpl.metrics!.producers).toMatchObject({ checkout: { api: 'KPL' } });
    expect(kpl.metrics!.settings).toEqual({ shards: 4, api: 'kpl', retries: 'none' });
    const plain = await run([['shards', 1], ['api', 'PutRecord']]);
    expect(plain.metrics!.producers).toMatchObject({ checkout: { api: 'PutRecord', retries: expect.any(Number) } });
  });

  it('a snippet can use the plain settings; one naming an undeclared setting is L028', async () => {
    const withSnippet = (snippet: string) =>
      replace(SETTINGS, '    - {name: orders, shards: ${settings.shards}}', '    - ${settings.stream}').replace(
        '```yaml settings\n',
        `\`\`\`yaml settings\nstream:\n  type: choice\n  options:\n    - {value: provisioned, yaml: {name: orders, shards: "\${settings.${snippet}}"}}\n    - {value: on-demand, yaml: {name: orders, mode: on-demand}}\n  default: provisioned\n`,
      );
    const good = parseLab('right-size.md', withSnippet('shards'));
    expect(good.diagnostics).toEqual([]);
    const out = await runLab(good.lab!, { kind: 'settings', values: new Map<string, string | number>([['shards', 3]]) });
    expect(out.ok && out.result.metrics!.streams).toMatchObject({ orders: { mode: 'PROVISIONED', openShards: 3 } });
    const bad = withSnippet('shard');
    // (shards is then unused too: L013, a warning)
    expect(parseLab('right-size.md', bad).diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'L028', line: lineOf(bad, 'value: provisioned', '```yaml settings'), message: 'setting "stream": option provisioned: the snippet uses ${settings.shard}, which is not declared' }),
    ]);
  });

  it('settings of every type read their bounds in base units', () => {
    const text = replace(
      SETTINGS,
      '```yaml settings\n',
      '```yaml settings\nwait:\n  type: duration\n  label: Wait\n  min: 100ms\n  max: 5min\n  default: 1s\nbuffer:\n  type: size\n  min: 1MiB\n  max: 128MiB\n  default: 5MiB\nshare:\n  type: number\n  min: 0\n  max: 1\n  default: 0.5\nefo:\n  type: boolean\n  default: false\n',
    ).replace('    - {name: orders, shards: ${settings.shards}}', '    - {name: orders, shards: ${settings.shards}}\n# ${settings.wait} ${settings.buffer} ${settings.share} ${settings.efo}');
    const { lab, diagnostics } = parseLab('right-size.md', text);
    expect(diagnostics).toEqual([]);
    expect(lab!.settings.slice(0, 4).map((s) => [s.name, s.type, s.min, s.max, s.default])).toEqual([
      ['wait', 'duration', 100, 300_000, 1000],
      ['buffer', 'size', 1_048_576, 134_217_728, 5_242_880],
      ['share', 'number', 0, 1, 0.5],
      ['efo', 'boolean', undefined, undefined, false],
    ]);
  });

  it('a folder: *.md at its top level, README and subfolders left out; an absent folder is empty', () => {
    const index = loadLabs(fixtures);
    expect(index.files.map((f) => f.file)).toEqual(['right-size.md', 'split-hot-shard.md']);
    expect(index.labs.map((l) => l.id)).toEqual(['right-size', 'split-hot-shard']);
    expect(index.diagnostics).toEqual([]);
    expect(loadLabs(join(fixtures, 'no-such-folder'))).toMatchObject({ files: [], labs: [], diagnostics: [] });
  });
});
