import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { type LabAction, type LabState, initLab, labReducer } from '../../src/ui/screens/lab/state.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const split = loadLabFile(join(fixtures, 'split-hot-shard.md'), 'split-hot-shard.md').lab!;
const ctx = { index: { topics: [] } } as unknown as ScreenContext;
const size = { columns: 80, rows: 24 };

function reduce(s: LabState, ...actions: LabAction[]): { state: LabState; effects: unknown[] } {
  const effects: unknown[] = [];
  for (const a of actions) {
    const r = unwrap(labReducer(s, a));
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

function key(s: LabState, name: string, text = name.length === 1 ? name : ''): LabState {
  const b = findBinding(labKeys, s, { name, text });
  const a = b?.action(s, { name, text });
  if (!a || 'nav' in (a as object)) return s;
  return unwrap(labReducer(s, a as LabAction)).state;
}

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
