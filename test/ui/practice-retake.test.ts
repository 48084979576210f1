// Practice's "retake my misses" draws new numbers for an arithmetic miss on purpose (the working
// is tested, not a remembered figure); the setup says so before the round starts.
import { describe, expect, it } from 'vitest';
import { practiceBody } from '../../src/ui/screens/practice/lines.js';
import { initPractice } from '../../src/ui/screens/practice/state.js';
import { shippedIndex } from '../exam/helpers.js';

const size = { columns: 80, rows: 24 };
const top = (lines: { text: string }[][]) => lines[0]!.map((s) => s.text).join('');

describe('Practice setup: the retake source', () => {
  it('says that misses come back, arithmetic ones with new numbers; the other sources keep the plain intro', () => {
    const state = initPractice({ index: shippedIndex(), version: 'test', menu: [] }, size);
    expect(top(practiceBody(state, 80, 20).lines)).toBe(' Choose what to practise; Enter starts.');
    const retake = { ...state, setup: { ...state.setup, source: 'misses' as const } };
    const lines = practiceBody(retake, 80, 20).lines;
    expect(top(lines)).toBe(' Enter starts; each miss is asked again, arithmetic with new numbers.');
    // The intro stays one line, so the setup's rows keep their place.
    expect(lines[1]).toEqual([]);
  });
});
