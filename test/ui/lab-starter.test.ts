import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsPort } from '../../src/cli/commands/lab-port.js';
import { loadLabFile } from '../../src/labs/load.js';
import type { LabReport } from '../../src/labs/protocol.js';
import { parseCommandLines } from '../../src/labs/solution.js';
import { starterCommands } from '../../src/labs/starter.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { type LabAction, type LabState, initLab, labReducer } from '../../src/ui/screens/lab/state.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'labs');
const split = loadLabFile(join(fixtures, 'split-hot-shard.md'), 'split-hot-shard.md').lab!;
const rightSize = loadLabFile(join(fixtures, 'right-size.md'), 'right-size.md').lab!;
const ctx = { index: { topics: [] } } as unknown as ScreenContext;
const size = { columns: 80, rows: 24 };
const STARTER = [
  'aws kinesis list-shards --stream-name events',
  'at 5s: aws kinesis split-shard --stream-name events --shard-to-split shardId-000000000001 --new-starting-hash-key 255211775190703847597530955573826158592',
];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(dataDir: string) {
  const call = labsPort({ labsDir: fixtures, dataDir, now: () => 1 });
  return new Promise<Extract<LabReport, { type: 'opened' }>>((resolve) => call({ kind: 'open', lab: split }, (r) => (r as LabReport).type === 'opened' && resolve(r as never)));
}

function key(s: LabState, name: string): { state: LabState; effects: readonly unknown[] } {
  const a = findBinding(labKeys, s, { name, text: name.length === 1 ? name : '' })?.action(s, { name, text: name });
  if (!a || 'nav' in (a as object)) return { state: s, effects: [] };
  return unwrap(labReducer(s, a as LabAction));
}

describe("a commands lab's starter lines", () => {
  it('are the starter block as console lines: comments dropped, continued lines joined, as a run reads them', () => {
    expect(starterCommands(split)).toEqual(STARTER);
    const parsed = parseCommandLines(split.starter.text, 'starter');
    expect(parsed.ok && parsed.solution.kind === 'commands' && parsed.solution.lines.map((l) => (l.atMs === null ? l.command : `at ${l.atMs / 1000}s: ${l.command}`))).toEqual(STARTER);
    expect(starterCommands(rightSize)).toEqual([]);
  });

  it('fill the console the first time the lab is opened; a saved draft keeps what the learner had', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shardlab-starter-'));
    dirs.push(dataDir);
    expect((await open(dataDir)).draft.commands).toEqual(STARTER);
    mkdirSync(join(dataDir, 'labs', split.id), { recursive: true });
    writeFileSync(join(dataDir, 'labs', split.id, 'draft.json'), JSON.stringify({ hintsShown: 0, commands: [], settings: {} }));
    expect((await open(dataDir)).draft.commands).toEqual([]);
    writeFileSync(join(dataDir, 'labs', split.id, 'draft.json'), JSON.stringify({ hintsShown: 1, commands: ['aws kinesis list-shards --stream-name events'], settings: {} }));
    expect((await open(dataDir)).draft.commands).toEqual(['aws kinesis list-shards --stream-name events']);
  });

  it('come back with s over the kept lines, asked twice when lines of your own would go, and saved', () => {
    const mine = ['aws kinesis describe-stream-summary --stream-name events'];
    let s = unwrap(labReducer(initLab(ctx, size, { lab: split }), { type: 'opened', lab: split.id, draft: { hintsShown: 0, commands: mine, settings: {} }, codeFile: null, best: null })).state;
    s = unwrap(labReducer(s, { type: 'section', to: 'solve' })).state;
    s = key(s, 'escape').state;
    expect(s.typing).toBe(false);

    let r = key(s, 's');
    expect(r.state.commands).toEqual(mine);
    expect(r.state.output?.text).toMatch(/Press s again .* 1 kept line/);
    expect(r.effects).toEqual([]);
    // Any other key keeps the learner's lines and forgets the question.
    const kept = key(r.state, 'j').state;
    expect(kept.resetAsked).toBe(false);
    expect(key(kept, 's').state.commands).toEqual(mine);

    r = key(key(s, 's').state, 's');
    expect(r.state.commands).toEqual(STARTER);
    expect(r.state.answers).toHaveLength(2);
    expect(r.effects).toContainEqual({ type: 'task', task: { port: 'labs', request: { kind: 'save', lab: split.id, draft: { hintsShown: 0, commands: STARTER, settings: {} } } } });
    expect(r.effects).toContainEqual(expect.objectContaining({ task: expect.objectContaining({ request: expect.objectContaining({ kind: 'preview', commands: STARTER }) }) }));

    // With no lines of one's own there is nothing to lose: one press does it.
    const empty = key(unwrap(labReducer(s, { type: 'deleteLine' })).state, 's');
    expect(empty.state.commands).toEqual(STARTER);
  });
});
