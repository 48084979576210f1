import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLab, labCtx, pressLab, typeInto } from './lab-helpers.js';
import type { Lab, SettingDef } from '../../src/labs/model.js';
import { findBinding } from '../../src/ui/keys/bindings.js';
import { hardWrap } from '../../src/ui/screens/lab/console-lines.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { labBody } from '../../src/ui/screens/lab/lines.js';
import { type LabState, initLab, labReducer } from '../../src/ui/screens/lab/state.js';
import { unwrap } from '../../src/ui/screens/model.js';

// The settings form laid out from the width and typed into, and the console's answer pane
// scrolling: driven through the key table, as the app drives them.

const split = fixtureLab('split-hot-shard.md');
const rightSize = fixtureLab('right-size.md');
const ctx = labCtx;

const def = (d: Partial<SettingDef> & Pick<SettingDef, 'name' | 'type' | 'label' | 'default'>): SettingDef => ({ line: 1, ...d });
/** right-size with a form whose labels share a long prefix, and a duration and a size to type. */
const formLab: Lab = {
  ...rightSize,
  settings: [
    def({ name: 'day', type: 'integer', label: 'Internet copy limit, 08:00–20:00 (Mbps)', min: 0, max: 1000, default: 200, help: 'The bandwidth the copy may take during office hours, when production traffic needs the link; the rest of the line is kept for the shop.' }),
    def({ name: 'night', type: 'integer', label: 'Internet copy limit, 20:00–08:00 (Mbps)', min: 0, max: 1000, default: 800 }),
    def({ name: 'interval', type: 'duration', label: 'Buffer interval', min: 60_000, max: 900_000, default: 300_000 }),
    def({ name: 'buffer', type: 'size', label: 'Buffer size', min: 1048576, max: 134217728, default: 5242880 }),
    def({ name: 'api', type: 'choice', label: 'Producer API', options: ['PutRecord', 'PutRecords'], default: 'PutRecords' }),
  ],
};

const key = pressLab;

const typed = typeInto;
const screen = (s: LabState, columns = 80, rows = 24) => labBody(s, columns, rows).lines.map((l) => l.map((x) => x.text).join(''));

function form(columns = 80, rows = 24): LabState {
  return unwrap(labReducer(initLab(ctx, { columns, rows }, { lab: formLab }), { type: 'section', to: 'solve' })).state;
}

describe('settings form layout', () => {
  it('sizes the label column to the longest label, so labels sharing a prefix read apart at 100 columns', () => {
    const text = screen(form(100), 100, 24);
    const day = text.find((l) => l.includes('08:00–20:00'))!;
    const night = text.find((l) => l.includes('20:00–08:00'))!;
    expect(day).toContain('Internet copy limit, 08:00–20:00 (Mbps)');
    expect(night).toContain('Internet copy limit, 20:00–08:00 (Mbps)');
    // Values line up in one column, with the bounds after them in the setting's units.
    expect(day.indexOf('‹')).toBe(night.indexOf('‹'));
    expect(text.find((l) => l.includes('Buffer interval'))).toMatch(/‹ 5 min\s+›\s+1 min – 15 min/);
    expect(text.find((l) => l.includes('Buffer size'))).toMatch(/‹ 5 MiB\s+›\s+1 MiB – 128 MiB/);
    expect(text.every((l) => l.length <= 100)).toBe(true);
  });

  it('shows the selected setting\'s help in full under the form, wrapped to the width', () => {
    const text = screen(form(), 80, 24);
    const help = text.join(' ').replace(/\s+/g, ' ');
    expect(help).toContain('The bandwidth the copy may take during office hours, when production traffic needs the link; the rest of the line is kept for the shop.');
    expect(text.every((l) => l.length <= 80)).toBe(true);
    // At 80 columns the label column still fits both long labels within half the width.
    expect(text.some((l) => l.includes('Internet copy limit, 08:00–20:00 (Mbps)'))).toBe(true);
  });

  it('cuts labels only past half the width, in a narrow terminal', () => {
    const text = screen(form(50), 50, 24);
    const rows = text.filter((l) => l.includes('Internet copy'));
    expect(rows).toHaveLength(2);
    expect(rows.every((l) => l.length <= 50)).toBe(true);
  });
});

describe('typing a setting value', () => {
  it('Enter starts an edit, the first key replaces the value, units are read as a solution file reads them', () => {
    let s = key(form(), 'enter');
    expect(s.settingEdit).toEqual({ text: '200', fresh: true, error: null });
    s = typed(s, '350');
    expect(s.settingEdit?.text).toBe('350');
    const r = unwrap(labReducer(s, { type: 'editCommit' }));
    expect(r.state.settings.day).toBe(350);
    expect(r.state.settingEdit).toBeNull();
    expect(r.effects).toContainEqual({ type: 'task', task: { port: 'labs', request: { kind: 'save', lab: formLab.id, draft: { hintsShown: 0, commands: [], settings: expect.objectContaining({ day: 350 }) } } } });

    s = key(key(r.state, 'down'), 'down');
    s = key(s, 'enter');
    expect(s.settingEdit?.text).toBe('5min');
    s = key(typed(s, '90s'), 'enter');
    expect(s.settings.interval).toBe(90_000);
    s = key(key(key(s, 'down'), 'enter'), 'backspace');
    expect(s.settingEdit?.text).toBe('5Mi');
    s = key(typed(key(key(s, 'backspace'), 'backspace'), '4MiB'), 'enter');
    expect(s.settings.buffer).toBe(54 * 1048576);
  });

  it('a value out of bounds or not a value is refused in one line and the old value kept; Esc cancels', () => {
    let s = key(typed(key(form(), 'enter'), '5000'), 'enter');
    expect(s.settings.day).toBe(200);
    expect(s.settingEdit?.error).toBe('must be a whole number from 0 to 1000; got 5000');
    const shown = screen(s);
    expect(shown.filter((l) => l.includes('✗'))).toHaveLength(1);
    expect(shown.find((l) => l.includes('✗'))).toContain('✗ must be a whole number from 0 to 1000; got 5000');
    expect(shown.join('\n')).toContain('Esc keeps 200');
    // Keys that would leave the field do nothing until the edit ends.
    expect(key(s, 'down').settingCursor).toBe(0);
    expect(key(s, '4').settingEdit?.text).toBe('50004');
    s = key(s, 'escape');
    expect(s.settingEdit).toBeNull();
    expect(s.settings.day).toBe(200);
    expect(s.section).toBe('solve');

    s = key(key(key(s, 'down'), 'down'), 'enter');
    s = key(typed(s, 'soon'), 'enter');
    expect(s.settingEdit?.error).toMatch(/^must be a duration/);
    expect(s.settings.interval).toBe(300_000);
  });

  it('Enter on a choice steps to the next option instead of opening an edit', () => {
    let s = form();
    for (let i = 0; i < 4; i++) s = key(s, 'down');
    s = key(s, 'enter');
    expect(s.settingEdit).toBeNull();
    expect(s.settings.api).toBe('PutRecord');
  });
});

describe('console answer pane', () => {
  const open = (rows = 24) =>
    unwrap(labReducer(unwrap(labReducer(initLab(ctx, { columns: 80, rows }, { lab: split }), { type: 'opened', lab: split.id, draft: { hintsShown: 0, commands: ['aws kinesis list-shards --stream-name events'], settings: {} }, codeFile: null, best: null })).state, { type: 'section', to: 'solve' })).state;

  it('help longer than the pane scrolls with PgDn/PgUp, and the next command brings its answer to the top', () => {
    let s = key(typed(open(), 'aws kinesis help'), 'enter');
    const helpLines = s.output!.text.split('\n').length;
    const first = screen(s);
    expect(first.length).toBeLessThanOrEqual(21);
    const status = labBody(s, 80, 24).status;
    expect(status).toMatch(/^output 1–\d+\/\d+$/);
    expect(Number(status.split('/')[1])).toBeGreaterThanOrEqual(helpLines);
    s = key(s, 'pagedown');
    expect(s.outputScroll).toBeGreaterThan(0);
    const paged = screen(s);
    expect(paged).not.toEqual(first);
    // PgDn past the end stops at the last page; the last help line is then in view.
    for (let i = 0; i < 20; i++) s = key(s, 'pagedown');
    const lastLine = s.output!.text.split('\n').filter((l) => l.trim()).at(-1)!.trim();
    expect(screen(s).join('\n')).toContain(lastLine.slice(0, 40));
    const [, to, of] = /–(\d+)\/(\d+)$/.exec(labBody(s, 80, 24).status)!;
    expect(to).toBe(of);
    // At the bottom the footer no longer offers PgDn.
    expect(findBinding(labKeys, s, { name: 'pagedown', text: '' })?.hint).toBeUndefined();
    expect(findBinding(labKeys, key(s, 'pageup'), { name: 'pagedown', text: '' })?.hint).toBe('more');
    s = key(s, 'pageup');
    expect(s.outputScroll).toBeGreaterThanOrEqual(0);
    // A new line's answer starts at its top.
    s = key(typed(s, 'aws kinesis describe-stream-summary --stream-name events'), 'enter');
    expect(s.outputScroll).toBe(0);
    expect(screen(s).join('\n')).toContain('StreamDescriptionSummary');
  });

  it('keeps the prompt and the newest kept lines in view while an answer scrolls', () => {
    const s = key(typed(open(), 'aws kinesis help'), 'enter');
    const text = screen(s);
    expect(text.some((l) => l.includes('aws kinesis list-shards --stream-name events'))).toBe(true);
    expect(text.some((l) => l.startsWith(' $ '))).toBe(true);
  });

  it('long answer lines wrap instead of being cut', () => {
    const line = `    "Key": "${'x'.repeat(100)} tail"`;
    const rows = hardWrap(line, 79);
    expect(rows.every((r) => r.length <= 79)).toBe(true);
    expect(rows.join('').replace(/\s+/g, '')).toBe(line.replace(/\s+/g, ''));
    expect(rows[1]!.startsWith('      ')).toBe(true);
  });
});

describe('run dashboard reads', () => {
  it('draws each shard\'s reads against the 2 MiB/s shared limit beside its writes, within 80 columns', async () => {
    const { dashboard } = await import('../../src/ui/screens/lab/lines.js');
    const shards = Array.from({ length: 12 }, (_, i) => ({ stream: 'orders', shard: `shardId-${String(i).padStart(12, '0')}`, open: true, recordsPerSecond: 1200 - i * 50, bytesPerSecond: 0, readBytesPerSecond: i === 0 ? 2.5 * 1048576 : 1048576, throttled: i === 0 ? 7 : 0 }));
    const p = { atMs: 1, durationMs: 2, shards, limits: { recordsPerSecond: 1000, bytesPerSecond: 1048576, readBytesPerSecond: 2097152 }, sharedReads: true, writeThrottled: 7, readThrottled: 3, iteratorAgeMs: 900, queueDepth: null, events: 1 };
    const text = dashboard(p, [100, 900], 80, 17).map((l) => l.map((x) => x.text).join(''));
    expect(text.length).toBeLessThanOrEqual(17);
    expect(text.every((l) => l.length <= 80)).toBe(true);
    expect(text[0]).toMatch(/Writes, records\/s │ 1,000\/s\s+Reads, MiB\/s │ 2\.0/);
    // Busiest first: shard #0 reads 2.5 MiB/s, over the limit line, and shows its write throttles.
    expect(text[1]).toMatch(/orders #0 .*1,200 ✗7 .*│.* 2\.5$/);
    expect(text[2]).toMatch(/orders #1 .* 1\.0$/);
    expect(text.join('\n')).toContain('read throttles 3');
    // Without shared readers the write bars take the whole width, as before.
    const writesOnly = dashboard({ ...p, sharedReads: false }, [], 80, 17).map((l) => l.map((x) => x.text).join(''));
    expect(writesOnly[0]).toContain('Writes per shard, records/s');
    expect(writesOnly[1]).not.toMatch(/\d\.\d$/);
  });
});
