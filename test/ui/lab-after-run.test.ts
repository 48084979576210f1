import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLab, labCtx, pressLab, reduceLab, size80x24 } from './lab-helpers.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { labBody, writingSeconds } from '../../src/ui/screens/lab/lines.js';
import { type LabAction, type LabState, initLab } from '../../src/ui/screens/lab/state.js';

const split = fixtureLab('split-hot-shard.md');
const ctx = labCtx;
const size = size80x24;

const reduce = reduceLab;

const key = pressLab;

const commands = ['aws kinesis list-shards --stream-name events'];
const opened = (): LabState =>
  reduce(initLab(ctx, size, { lab: split }), { type: 'opened', lab: 'split-hot-shard', draft: { hintsShown: 0, commands, settings: {} }, codeFile: null, best: null }, { type: 'section', to: 'solve' }).state;
const result = (metrics: Record<string, unknown> | null = null) => ({ lab: 'split-hot-shard', score: 0, maxScore: 100, passed: false, checks: [], metrics });

describe('leaving a result', () => {
  it('Esc returns to the section keys, not the console prompt: 2 then switches to the Task', () => {
    let s = opened();
    expect(s.typing).toBe(true);
    s = reduce(s, { type: 'run' }, { type: 'runDone', runId: 1, outcome: { ok: true, result: result() }, best: null }).state;
    expect(s.view).toBe('results');
    s = key(s, 'escape');
    expect(s.view).toBe('lab');
    expect(s.section).toBe('solve');
    expect(s.typing).toBe(false);
    s = key(s, '2');
    expect(s.section).toBe('task');
    expect(s.input).toBe('');
  });
});

const text = (s: LabState, rows = 24) => labBody(s, 80, rows).lines.map((l) => l.map((x) => x.text).join(''));

describe('timed console lines', () => {
  const timed = 'at 5s: aws kinesis list-shards --stream-name events';

  it('say when they will run until the preview of the traffic answers them; a stale preview is ignored', () => {
    const r = reduce({ ...opened(), input: timed, cursor: timed.length }, { type: 'submit' });
    let s = r.state;
    expect(s.commands).toEqual([...commands, timed]);
    expect(s.answers[1]).toMatchObject({ kind: 'later', atMs: 5000 });
    expect(text(s).join('\n')).toMatch(/runs at 5 s/);
    const ask = r.effects.find((e) => (e as { task?: { request: { kind: string } } }).task?.request.kind === 'preview') as { task: { request: { previewId: number; commands: string[] } } };
    expect(ask.task.request.commands).toEqual([...commands, timed]);
    const answer = { ok: false, kind: 'aws-error' as const, text: 'An error occurred (LimitExceededException) when calling the ListShards operation: Rate exceeded', atMs: 5000 };
    const untimed = s.answers[0]!;
    s = reduce(s, { type: 'previewed', lab: split.id, previewId: ask.task.request.previewId - 1, answers: [untimed, answer] }).state;
    expect(s.answers[1]!.kind).toBe('later');
    s = reduce(s, { type: 'previewed', lab: split.id, previewId: ask.task.request.previewId, answers: [untimed, answer] }).state;
    expect(s.answers[1]).toEqual(answer);
    expect(text(s).join('\n')).toContain('✗ at 5s: aws kinesis list-shards');
  });

  it('are previewed again when the draft is opened, not when only untimed lines are kept', () => {
    const withTimed = reduce(initLab(ctx, size, { lab: split }), { type: 'opened', lab: split.id, draft: { hintsShown: 0, commands: [timed], settings: {} }, codeFile: null, best: null });
    expect(withTimed.effects).toContainEqual(expect.objectContaining({ type: 'task', task: expect.objectContaining({ request: expect.objectContaining({ kind: 'preview' }) }) }));
    const untimed = reduce(initLab(ctx, size, { lab: split }), { type: 'opened', lab: split.id, draft: { hintsShown: 0, commands, settings: {} }, codeFile: null, best: null });
    expect(untimed.effects).toEqual([]);
  });
});

describe('the result', () => {
  it("lists what AWS answered each console line in the real run, errors in AWS's words", () => {
    const metrics = {
      durationMs: 60_000,
      commands: [
        { line: 1, atMs: 0, command: commands[0], ok: true, output: { Shards: [{ ShardId: 'shardId-000000000000' }] } },
        { line: 2, atMs: 25_000, command: 'aws iot-data update-thing-shadow --thing-name hvac-0042 --payload x out.json', ok: false, error: 'An error occurred (ConflictException) when calling the UpdateThingShadow operation: Version conflict' },
      ],
    };
    let s = reduce(opened(), { type: 'run' }, { type: 'runDone', runId: 1, outcome: { ok: true, result: result(metrics) }, best: null }).state;
    s = { ...s, size: { columns: 80, rows: 60 } };
    const shown = text(s, 60).join('\n');
    expect(shown).toContain('Your console lines in the run');
    expect(shown).toMatch(/✓ at start {2}aws kinesis list-shards --stream-name events/);
    expect(shown).toContain('"ShardId": "shardId-000000000000"');
    expect(shown).toMatch(/✗ at 25 s {2}aws iot-data update-thing-shadow/);
    expect(shown.replace(/\s+/g, ' ')).toContain('(ConflictException) when calling the UpdateThingShadow operation: Version conflict');
  });
});

describe('the inspect console', () => {
  const finished = (metrics: Record<string, unknown> | null = { durationMs: 30_000 }) =>
    reduce(opened(), { type: 'run' }, { type: 'runDone', runId: 1, outcome: { ok: true, result: result(metrics) }, best: null }).state;
  const line = 'aws s3 ls s3://archive/errors/ --recursive';

  it('c opens it from the result; Enter asks the port; the answer is shown; Esc clears, then goes back to the result', () => {
    let s = key(finished(), 'c');
    expect(s.inspect).not.toBeNull();
    expect(text(s).join('\n')).toMatch(/Inspect {2}the world as your run left it/);
    for (const ch of line) s = key(s, ch === ' ' ? 'space' : ch, ch);
    // Typed keys go to the prompt: r is a letter here, not "run again".
    expect(s.view).toBe('results');
    expect(s.inspect!.input).toBe(line);
    const b = findBinding(labKeys, s, { name: 'enter', text: '' })!;
    const r = reduce(s, b.action(s, { name: 'enter', text: '' }) as LabAction);
    expect(r.effects).toEqual([{ type: 'task', task: { port: 'labs', request: { kind: 'inspect', lab: split.id, id: 1, line } } }]);
    s = r.state;
    expect(text(s).join('\n')).toContain('asking…');
    s = reduce(s, { type: 'inspected', lab: split.id, id: 1, answer: { ok: true, kind: 'response', text: '2024-01-01 00:00:00       1024 errors/processing-failed/part-1', atMs: null } }).state;
    expect(text(s).join('\n')).toContain('errors/processing-failed/part-1');
    s = key(s, 'x');
    s = key(s, 'escape');
    expect(s.inspect!.input).toBe('');
    s = key(s, 'escape');
    expect(s.inspect).toBeNull();
    expect(s.view).toBe('results');
  });

  it('is offered only when the run left a world: not when the code did not run', () => {
    expect(key(finished(null), 'c').inspect).toBeNull();
  });

  it('leaving the lab tells the port to let the world go', () => {
    const s = key(opened(), 'escape');
    const b = findBinding(labKeys, s, { name: 'q', text: 'q' })!;
    const nav = b.action(s, { name: 'q', text: 'q' }) as { nav: string; update: LabAction };
    expect(nav.nav).toBe('back');
    expect(reduce(s, nav.update).effects).toEqual([{ type: 'task', task: { port: 'labs', request: { kind: 'release', lab: split.id } } }]);
  });
});

describe('the shard chart of a result', () => {
  it('averages each shard over the seconds writes came in, and says what the ✗ count is', () => {
    // 60 s run; writes only in the first 30 s, 500/s to shard 0 with some refused.
    const series = Array.from({ length: 60 }, (_, i) => (i < 30 ? 800 : 0));
    const metrics = {
      durationMs: 60_000,
      streams: { events: { series: { recordsInPerSecond: series }, shards: { 'shardId-000000000000': { recordsIn: 15_000, writeThrottled: 117_000, openedAtMs: 0, closedAtMs: null }, 'shardId-000000000001': { recordsIn: 9_000, writeThrottled: 0, openedAtMs: 0, closedAtMs: null } } } },
    };
    let s = reduce(opened(), { type: 'run' }, { type: 'runDone', runId: 1, outcome: { ok: true, result: result(metrics) }, best: null }).state;
    s = { ...s, size: { columns: 80, rows: 40 } };
    const shown = text(s, 40);
    expect(shown.join('\n')).toContain('Writes per shard while writes came in');
    expect(shown.join('\n')).toContain('✗ writes the shard refused (throttled) over the whole run');
    expect(shown.find((l) => l.includes('events #0'))).toMatch(/ 500 ✗117,000$/);
    expect(shown.find((l) => l.includes('events #1'))).toMatch(/ 300$/);
  });

  it('counts a shard made by a reshard from when it opened', () => {
    const series = Array.from({ length: 60 }, () => 100);
    expect(writingSeconds({ series: { recordsInPerSecond: series } }, { openedAtMs: 20_000, closedAtMs: null }, 60_000)).toBe(40);
    expect(writingSeconds({ series: { recordsInPerSecond: series } }, { openedAtMs: 0, closedAtMs: 10_500 }, 60_000)).toBe(11);
  });
});
