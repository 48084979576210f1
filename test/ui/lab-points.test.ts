import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import type { LabRunResult } from '../../src/labs/run.js';
import { labBody } from '../../src/ui/screens/lab/lines.js';
import { type LabState, initLab, labReducer } from '../../src/ui/screens/lab/state.js';
import { labsBody } from '../../src/ui/screens/labs/lines.js';
import { outOf, pointsText } from '../../src/ui/screens/labs/points.js';
import { initLabs, labsReducer } from '../../src/ui/screens/labs/state.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'labs');
const rightSize = loadLabFile(join(fixtures, 'right-size.md'), 'right-size.md').lab!;
const ctx = { index: { topics: [] } } as unknown as ScreenContext;
const size = { columns: 80, rows: 24 };

describe('lab points', () => {
  it('cut a fraction down to two decimals, so lost points never read as full marks', () => {
    expect(pointsText(19.98)).toBe('19.98');
    expect(pointsText(19.999)).toBe('19.99');
    expect(pointsText(19.5)).toBe('19.5');
    expect(pointsText(20)).toBe('20');
    expect(pointsText(1 / 3)).toBe('0.33');
    // A whole score that float arithmetic left a hair short is still whole.
    expect(pointsText(0.1 * 3 * 10)).toBe('3');
    expect(outOf(39.98, 40)).toBe('39.98/40');
  });

  it('show a check that lost 0.02 points, the total and the best as less than full', () => {
    const result: LabRunResult = {
      lab: rightSize.id,
      score: 39.98,
      maxScore: 40,
      passed: false,
      checks: [
        { id: 'no-throttles', passed: false, points: 19.98, maxPoints: 20, detail: '2 writes throttled' },
        { id: 'cost', passed: true, points: 20, maxPoints: 20, detail: 'within budget' },
      ],
      metrics: {},
    } as LabRunResult;
    const best = { score: 39.98, maxScore: 40, passed: false, at: 0, runs: 1 };
    let s: LabState = initLab(ctx, size, { lab: rightSize });
    s = unwrap(labReducer(s, { type: 'run' })).state;
    s = unwrap(labReducer(s, { type: 'runDone', runId: 1, outcome: { ok: true, result }, best })).state;
    const text = labBody(s, 80, 24).lines.map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(text).toContain('Score 39.98/40');
    expect(text).toContain('best 39.98/40');
    expect(text).toMatch(/✗ no-throttles 19\.98\/20/);
    expect(text).not.toContain('20.0/20');

    const list = unwrap(labsReducer(initLabs(undefined, size), { type: 'listed', labs: [{ file: 'right-size.md', lab: rightSize }], best: [[rightSize.id, best]] })).state;
    const rows = labsBody(list, 80).lines.map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(rows).toContain('39.98/40');
    expect(rows).not.toMatch(/40\/40|40\.0\/40/);
  });
});
