import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import { activeIn } from '../../src/ui/keys/bindings.js';
import { helpSections } from '../../src/ui/router/help.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { labBody, withoutFenceInfo } from '../../src/ui/screens/lab/lines.js';
import { type LabAction, type LabState, initLab, labReducer } from '../../src/ui/screens/lab/state.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const split = loadLabFile(join(fixtures, 'split-hot-shard.md'), 'split-hot-shard.md').lab!;
const rightSize = loadLabFile(join(fixtures, 'right-size.md'), 'right-size.md').lab!;
const ctx = { index: { topics: [] } } as unknown as ScreenContext;
const size = { columns: 80, rows: 24 };

const reduce = (s: LabState, ...actions: LabAction[]) => actions.reduce((st, a) => unwrap(labReducer(st, a)).state, s);
const text = (s: LabState) => labBody(s, 80, 24).lines.map((l) => l.map((x) => x.text).join(''));

describe('the lab help', () => {
  it.each([
    ['a console lab, typing', () => reduce(initLab(ctx, size, { lab: split }), { type: 'section', to: 'solve' })],
    ['a console lab, reading', () => initLab(ctx, size, { lab: split })],
    ['a settings lab', () => reduce(initLab(ctx, size, { lab: rightSize }), { type: 'section', to: 'solve' })],
  ])('lists each key once per group (%s)', (_name, make) => {
    for (const section of helpSections([activeIn(labKeys, make())])) {
      const keys = section.rows.flatMap((r) => r.keys.split('/'));
      expect({ group: section.title, keys }).toEqual({ group: section.title, keys: [...new Set(keys)] });
    }
  });
});

describe('the story', () => {
  const story = 'The device sends:\n\n```json\n{"state": {"reported": {"temp": 20.5}}}\n```\n\n~~~~sh\nat 5s: aws kinesis list-shards\n```json\n~~~~\n\nThen it waits.';

  it('renders a fenced block without its language word', () => {
    expect(withoutFenceInfo(story)).toBe('The device sends:\n\n```\n{"state": {"reported": {"temp": 20.5}}}\n```\n\n~~~~\nat 5s: aws kinesis list-shards\n```json\n~~~~\n\nThen it waits.');
    const s = { ...initLab(ctx, size, { lab: { ...split, story: { ...split.story, markdown: story } } }), section: 'story' as const };
    const lines = text(s).map((l) => l.trim());
    expect(lines).toContain('{"state": {"reported": {"temp": 20.5}}}');
    expect(lines).not.toContain('json');
    expect(lines).not.toContain('sh');
    expect(lines).toContain('```json');
  });
});

describe('kept console lines', () => {
  it('show the selected one whole, wrapped under itself; the others cut to the width', () => {
    const long = `at 5s: aws iot-data update-thing-shadow --thing-name hvac-0042 --cli-binary-format raw-in-base64-out --payload '{"state": {"desired": {"target": 23, "fan": "high"}}, "version": 7}' out.json`;
    let s = reduce(initLab(ctx, size, { lab: split }), { type: 'opened', lab: split.id, draft: { hintsShown: 0, commands: [long, long], settings: {} }, codeFile: null, best: null }, { type: 'section', to: 'solve' });
    s = reduce(s, { type: 'clearInput' }, { type: 'select', by: -10 });
    const shown = text(s);
    expect(shown.every((l) => l.length <= 80)).toBe(true);
    const joined = shown.join('\n').replace(/\s+/g, ' ');
    expect(joined).toContain('"version": 7}\' out.json');
    // The second copy is not selected: cut, so the payload's end appears once.
    expect(joined.split('"version": 7').length - 1).toBe(1);
  });
});
