import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLab, labCtx, pressLab, reduceLab, size80x24, typeInto } from './lab-helpers.js';
import type { RunProgress } from '../../src/sim/scenario/progress.js';
import { unwrap } from '../../src/ui/screens/model.js';
import { dashboard, labBody } from '../../src/ui/screens/lab/lines.js';
import { type LabState, initLab, settingsYaml, stepSetting } from '../../src/ui/screens/lab/state.js';
import { labsReducer, initLabs } from '../../src/ui/screens/labs/state.js';

const split = fixtureLab('split-hot-shard.md');
const rightSize = fixtureLab('right-size.md');
const ctx = labCtx;
const size = size80x24;

const reduce = reduceLab;

const key = pressLab;

const typed = typeInto;

describe('lab console reducer', () => {
  const open = () => reduce(initLab(ctx, size, { lab: split }), { type: 'opened', lab: 'split-hot-shard', draft: { hintsShown: 0, commands: [], settings: {} }, codeFile: null, best: null }, { type: 'section', to: 'solve' }).state;

  it('types, edits with ←/backspace, completes with Tab, and keeps a line AWS answers', () => {
    let s = open();
    expect(s.typing).toBe(true);
    s = typed(s, 'aws kinesis list-sh');
    s = key(s, 'tab');
    expect(s.input).toBe('aws kinesis list-shards ');
    s = typed(s, '--stream-name eventsX');
    s = key(s, 'backspace');
    s = key(s, 'left');
    s = key(s, 'backspace');
    expect(s.input).toBe('aws kinesis list-shards --stream-name evens');
    s = key(s, 'right');
    s = typed(s, '');
    const r = reduce({ ...s, input: 'aws kinesis list-shards --stream-name events', cursor: 44 }, { type: 'submit' });
    expect(r.state.commands).toEqual(['aws kinesis list-shards --stream-name events']);
    expect(r.state.answers[0]!.ok).toBe(true);
    expect(r.state.input).toBe('');
    expect(r.effects).toContainEqual({ type: 'task', task: { port: 'labs', request: { kind: 'save', lab: 'split-hot-shard', draft: { hintsShown: 0, commands: ['aws kinesis list-shards --stream-name events'], settings: {} } } } });
  });

  it('leaves a refused line at the prompt with the CLI error, shows help without keeping it', () => {
    let s = reduce({ ...open(), input: 'aws kinesis list-shard', cursor: 22 }, { type: 'submit' }).state;
    expect(s.commands).toEqual([]);
    expect(s.input).toBe('aws kinesis list-shard');
    expect(s.output?.ok).toBe(false);
    s = reduce({ ...s, input: 'help', cursor: 4 }, { type: 'submit' }).state;
    expect(s.commands).toEqual([]);
    expect(s.output?.text).toMatch(/kinesis/);
  });

  it('↑/↓ recall kept lines; Esc clears, then leaves the prompt; d deletes the selected line; q is typed, not quit', () => {
    let s = reduce({ ...open() }, { type: 'opened', lab: 'split-hot-shard', draft: { hintsShown: 0, commands: ['aws kinesis list-shards --stream-name events', 'aws kinesis describe-stream-summary --stream-name events'], settings: {} }, codeFile: null, best: null }).state;
    s = key(s, 'up');
    expect(s.input).toMatch(/describe-stream-summary/);
    s = key(s, 'up');
    expect(s.input).toMatch(/list-shards/);
    s = key(s, 'down');
    s = key(s, 'down');
    expect(s.input).toBe('');
    s = key(s, 'q');
    expect(s.input).toBe('q');
    s = key(s, 'escape');
    expect(s.input).toBe('');
    expect(s.typing).toBe(true);
    s = key(s, 'escape');
    expect(s.typing).toBe(false);
    s = key(s, 'k');
    s = key(s, 'd');
    expect(s.commands).toEqual(['aws kinesis describe-stream-summary --stream-name events']);
  });

  it('runs with the kept lines, draws delivered progress, ignores a stale run, and shows the result', () => {
    let s = reduce(open(), { type: 'opened', lab: 'split-hot-shard', draft: { hintsShown: 0, commands: ['aws kinesis list-shards --stream-name events'], settings: {} }, codeFile: null, best: null }).state;
    const started = reduce(s, { type: 'run' });
    expect(started.effects).toEqual([{ type: 'task', task: { port: 'labs', request: { kind: 'run', runId: 1, lab: split, language: 'sh', text: 'aws kinesis list-shards --stream-name events', file: 'console' } } }]);
    s = started.state;
    expect(s.view).toBe('running');
    const progress: RunProgress = { atMs: 30_000, durationMs: 60_000, shards: [{ stream: 'events', shard: 'shardId-000000000000', open: true, recordsPerSecond: 1200, bytesPerSecond: 1e5, readBytesPerSecond: 0, throttled: 40 }], limits: { recordsPerSecond: 1000, bytesPerSecond: 1048576, readBytesPerSecond: 2097152 }, sharedReads: false, writeThrottled: 40, readThrottled: 0, iteratorAgeMs: 250, queueDepth: null, events: 1 };
    s = reduce(s, { type: 'runProgress', runId: 1, progress }, { type: 'runProgress', runId: 0, progress: { ...progress, atMs: 1 } }).state;
    expect(s.progress?.atMs).toBe(30_000);
    expect(s.spark).toEqual([250]);
    const text = labBody(s, 80, 24).lines.map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(text).toContain('50% · 30/60 s');
    expect(text).toContain('events #0');
    expect(text).toContain('Write throttles 40');
    expect(text).toContain('Iterator age 250 ms');
    const result = { lab: 'split-hot-shard', score: 40, maxScore: 100, passed: false, checks: [{ id: 'split-done', passed: false, points: 0, maxPoints: 20, detail: 'No split.' }], metrics: null };
    s = reduce(s, { type: 'runDone', runId: 1, outcome: { ok: true, result }, best: { score: 40, maxScore: 100, passed: false, at: 1, runs: 1 } }).state;
    expect(s.view).toBe('results');
    const shown = labBody(s, 80, 24).lines.map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(shown).toContain('Score 40/100');
    expect(shown).toContain('✗ split-done 0/20 No split.');
  });

  it('Esc during a run cancels it through the port', () => {
    const s = reduce(open(), { type: 'run' }).state;
    const r = reduce(s, { type: 'cancel' });
    expect(r.state.view).toBe('lab');
    expect(r.effects).toContainEqual({ type: 'task', task: { port: 'labs', request: { kind: 'cancel', runId: 1 } } });
  });
});

describe('settings form', () => {
  it('steps within bounds and writes a solution the runner reads', () => {
    const shards = rightSize.settings.find((d) => d.name === 'shards')!;
    expect(stepSetting(shards, shards.max!, 1)).toBe(shards.max);
    expect(stepSetting(shards, 2, -1)).toBe(1);
    let s = reduce(initLab(ctx, size, { lab: rightSize }), { type: 'section', to: 'solve' }).state;
    expect(s.typing).toBe(false);
    s = key(s, 'right');
    expect(s.settings.shards).toBe(Number(shards.default) + 1);
    expect(settingsYaml(rightSize, s.settings)).toContain(`shards: ${Number(shards.default) + 1}`);
  });

  it('hints are revealed one at a time and stored', () => {
    const r = reduce(initLab(ctx, size, { lab: rightSize }), { type: 'hint' });
    expect(r.state.hintsShown).toBe(1);
    expect(r.state.section).toBe('hints');
    expect(r.effects).toHaveLength(1);
  });
});

describe('labs list', () => {
  it('asks for the list, shows it, and keeps the selection when it is read again', () => {
    let s = initLabs(ctx, size);
    const load = unwrap(labsReducer(s, { type: 'load' }));
    expect(load.effects).toEqual([{ type: 'task', task: { port: 'labs', request: { kind: 'list' } } }]);
    s = unwrap(labsReducer(load.state, { type: 'listed', labs: [{ file: 'a.md', lab: rightSize }, { file: 'b.md', lab: null, problem: 'b.md:3:1 error L001 x' }, { file: 'c.md', lab: split }], best: [['split-hot-shard', { score: 90, maxScore: 100, passed: false, at: 1, runs: 2 }]] })).state;
    s = unwrap(labsReducer(s, { type: 'move', by: s.labs.findIndex((l) => l.lab === split) })).state;
    expect(s.labs[s.cursor]!.lab).toBe(split);
    s = unwrap(labsReducer(s, { type: 'listed', labs: [{ file: 'c.md', lab: split }, { file: 'a.md', lab: rightSize }, { file: 'd.md', lab: { ...rightSize, id: 'another', title: 'Another' } }], best: [] })).state;
    expect(s.labs[s.cursor]!.lab).toBe(split);
  });
});

describe('dashboard', () => {
  it('fits 80 columns with many shards, listing the busiest first', () => {
    const shards = Array.from({ length: 40 }, (_, i) => ({ stream: 's', shard: `shardId-${String(i).padStart(12, '0')}`, open: true, recordsPerSecond: i * 30, bytesPerSecond: 0, readBytesPerSecond: 0, throttled: 0 }));
    const lines = dashboard({ atMs: 1, durationMs: 2, shards, limits: { recordsPerSecond: 1000, bytesPerSecond: 1, readBytesPerSecond: 2 }, sharedReads: false, writeThrottled: 0, readThrottled: 0, iteratorAgeMs: null, queueDepth: 12, events: 1 }, [1, 5, 12], 80, 17);
    const text = lines.map((l) => l.map((x) => x.text).join(''));
    expect(text.length).toBeLessThanOrEqual(17);
    expect(text.every((l) => l.length <= 80)).toBe(true);
    expect(text[1]).toContain('#39');
    expect(text.join('\n')).toContain('more shards');
    expect(text.join('\n')).toContain('Queue depth 12');
  });
});
