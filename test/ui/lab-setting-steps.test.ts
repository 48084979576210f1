import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import type { SettingDef } from '../../src/labs/model.js';
import { labBody } from '../../src/ui/screens/lab/lines.js';
import { type LabState, initLab, labReducer, stepSetting } from '../../src/ui/screens/lab/state.js';
import { durationText, sizeText } from '../../src/ui/screens/lab/units.js';
import { type ScreenContext, unwrap } from '../../src/ui/screens/model.js';

const rightSize = loadLabFile(join(import.meta.dirname, '..', 'fixtures', 'labs', 'right-size.md'), 'right-size.md').lab!;
const ctx = { index: { topics: [] } } as unknown as ScreenContext;

const def = (d: Partial<SettingDef> & Pick<SettingDef, 'name' | 'type'>): SettingDef => ({ label: d.name, help: '', ...d }) as SettingDef;
const interval = def({ name: 'interval', type: 'duration', min: 0, max: 900_000, default: 900_000 });
const buffer = def({ name: 'buffer', type: 'size', min: 1048576, max: 134217728, default: 5242880 });

function steps(d: SettingDef, from: number, by: number, until: number): number[] {
  const seen = [from];
  while (seen.at(-1) !== until && seen.length < 50) seen.push(Number(stepSetting(d, seen.at(-1)!, by)));
  return seen;
}

describe('stepping durations and sizes', () => {
  it('takes 15 min down to 1 min in four round steps, and on to the bound', () => {
    expect(steps(interval, 900_000, -1, 60_000)).toEqual([900_000, 600_000, 300_000, 120_000, 60_000]);
    // Bounds and default in whole seconds: no step below one second but zero.
    expect(stepSetting(interval, 1000, -1)).toBe(0);
    expect(stepSetting(interval, 0, 1)).toBe(1000);
    const fine = def({ name: 'linger', type: 'duration', min: 10, max: 5000, default: 100 });
    expect(stepSetting(fine, 1000, -1)).toBe(500);
    expect(stepSetting(fine, 20, -1)).toBe(10);
    expect(stepSetting(interval, 0, -1)).toBe(0);
    expect(stepSetting(interval, 900_000, 1)).toBe(900_000);
  });

  it('goes from a typed value between rungs to the nearer rung that way', () => {
    expect(stepSetting(interval, 700_000, 1)).toBe(900_000);
    expect(stepSetting(interval, 700_000, -1)).toBe(600_000);
    expect(stepSetting(interval, 61_000, -1)).toBe(60_000);
  });

  it('lands on a bound that is not a round value instead of stepping past it', () => {
    const odd = def({ name: 'odd', type: 'duration', min: 1500, max: 70_000, default: 5000 });
    expect(stepSetting(odd, 2000, -1)).toBe(1500);
    expect(stepSetting(odd, 60_000, 1)).toBe(70_000);
  });

  it('doubles and halves sizes on powers of two within the bounds', () => {
    expect(stepSetting(buffer, 5242880, 1)).toBe(8388608);
    expect(stepSetting(buffer, 5242880, -1)).toBe(4194304);
    expect(stepSetting(buffer, 1048576, -1)).toBe(1048576);
    expect(stepSetting(buffer, 134217728, 1)).toBe(134217728);
  });
});

describe('showing durations and sizes', () => {
  it.each([
    [0, '0 s'],
    [100, '100 ms'],
    [1500, '1.5 s'],
    [61_000, '61 s'],
    [90_000, '1.5 min'],
    [700_000, '700 s'],
    [700_001, '11.7 min'],
    [900_000, '15 min'],
    [86_400_000, '1 d'],
    [7_200_000, '2 h'],
  ])('duration %d ms is %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [5242880, '5 MiB'],
    [1000000, '977 KiB'],
    [134217728, '128 MiB'],
  ])('size %d B is %s', (b, text) => {
    expect(sizeText(b)).toBe(text);
  });

  it('the form shows a 0–900 s setting as 0 s – 15 min, and a stepped value without a long fraction', () => {
    const lab = { ...rightSize, settings: [interval] };
    let s: LabState = unwrap(labReducer(initLab(ctx, { columns: 80, rows: 24 }, { lab }), { type: 'section', to: 'solve' })).state;
    s = { ...s, settings: { interval: 700_000 } };
    s = unwrap(labReducer(s, { type: 'adjust', by: -1 })).state;
    const text = labBody(s, 80, 24).lines.map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(text).toMatch(/‹ 10 min\s*›\s+0 s – 15 min/);
  });
});
