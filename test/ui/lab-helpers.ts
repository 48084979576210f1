import { join } from 'node:path';
import { loadLabFile } from '../../src/labs/load.js';
import type { Lab } from '../../src/labs/model.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { type LabAction, type LabState, labReducer } from '../../src/ui/screens/lab/state.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

// What the lab screen's reducer tests share: the fixture labs, a context with no notes, and
// driving the reducer by actions or through the key table as the app does.

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');

/** A lab from test/fixtures/labs, loaded as the app loads it. */
export function fixtureLab(file: string): Lab {
  const lab = loadLabFile(join(fixtures, file), file).lab;
  if (!lab) throw new Error(`fixture lab ${file} does not load`);
  return lab;
}

export const labCtx = { index: { topics: [] } } as unknown as ScreenContext;
export const size80x24 = { columns: 80, rows: 24 };

/** Applies actions in turn; returns the last state and every effect asked for. */
export function reduceLab(s: LabState, ...actions: LabAction[]): { state: LabState; effects: unknown[] } {
  const effects: unknown[] = [];
  for (const a of actions) {
    const r = unwrap(labReducer(s, a));
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

/** One key through the lab's key table; a key that navigates away leaves the state as it was. */
export function pressLab(s: LabState, name: string, text = name.length === 1 ? name : ''): LabState {
  const b = findBinding(labKeys, s, { name, text });
  const a = b?.action(s, { name, text });
  if (!a || 'nav' in (a as object)) return s;
  return unwrap(labReducer(s, a as LabAction)).state;
}

/** Text typed a character at a time. */
export const typeInto = (s: LabState, text: string) => [...text].reduce((st, ch) => pressLab(st, ch === ' ' ? 'space' : ch, ch), s);
