import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabFile } from '../../src/labs/load.js';
import { activeIn } from '../../src/ui/keys/bindings.js';
import { type HelpSection, helpSections, layoutHelp } from '../../src/ui/router/help.js';
import { globalKeys } from '../../src/ui/router/state.js';
import { labKeys } from '../../src/ui/screens/lab/keys.js';
import { initLab } from '../../src/ui/screens/lab/state.js';

const text = (lines: ReturnType<typeof layoutHelp>) => lines.map((l) => l.map((x) => x.text).join(''));
const squash = (rows: string[]) => rows.join(' ').replace(/\s+/g, ' ');

const wide = '↑/↓/←/→/Tab/Shift+Tab/Home/End/PgUp/PgDn';
const sections: HelpSection[] = [
  {
    title: 'Typing a value',
    rows: [
      { keys: 'Enter', help: 'Set the typed value' },
      { keys: wide, help: 'Finish the value first (Enter or Esc)' },
      { keys: 'Backspace', help: 'Delete the last character' },
    ],
  },
  { title: 'Everywhere', rows: Array.from({ length: 12 }, (_, i) => ({ keys: `F${i + 1}`, help: `Function key number ${i + 1}` })) },
];

describe('the help overlay with a key label wider than its column', () => {
  it('keeps every character of the label and of its words at 80 columns, in one column', () => {
    const lines = text(layoutHelp(sections, 80, 100));
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(squash(lines)).toContain('Finish the value first (Enter or Esc)');
    expect(lines.join('').replace(/[\s/]/g, '')).toContain(wide.replace(/\//g, ''));
  });

  it('keeps them too when the sections flow into two 38-column columns', () => {
    const lines = text(layoutHelp(sections, 80, 10));
    expect(lines.length).toBeLessThan(text(layoutHelp(sections, 80, 100)).length);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // The wide row is in the left column: its words read whole there, none lost at the edge.
    const left = lines.map((l) => l.slice(0, 38));
    expect(squash(left)).toContain('Finish the value first (Enter or Esc)');
    expect(left.join('').replace(/[\s/]/g, '')).toContain(wide.replace(/\//g, ''));
    // The right column starts in the same place on every row that has one.
    for (const l of lines) if (l.length > 41) expect(l.slice(38, 41)).toBe('   ');
  });

  it('still puts a label that fits beside its words', () => {
    const lines = text(layoutHelp(sections, 80, 100));
    expect(lines).toContain('  Backspace      Delete the last character');
  });
});

describe('the lab screen help', () => {
  const appState = { stack: [{}, {}] } as never;
  const lab = loadLabFile(join(import.meta.dirname, '..', 'fixtures', 'labs', 'right-size.md'), 'right-size.md').lab!;
  const base = initLab({ index: { topics: [] } } as never, { columns: 80, rows: 24 }, { lab });

  it('has one Back row, the general one, not a second "Back to the Labs list"', () => {
    const sections = helpSections([activeIn(labKeys, base), activeIn(globalKeys, appState)]);
    const back = sections.flatMap((s) => s.rows.filter((r) => /^Back to the (Labs list|previous screen)/.test(r.help)).map((r) => `${s.title}: ${r.keys} ${r.help}`));
    expect(back).toEqual(['Everywhere: Esc/q Back to the previous screen']);
    expect(sections.at(-1)!.title).not.toBe('Lab');
  });

  it("shows the typed value's wide key row whole at 80×24", () => {
    const editing = { ...base, section: 'solve' as const, settingEdit: { text: '', fresh: true, error: null } };
    const sections = helpSections([activeIn(labKeys, editing), activeIn(globalKeys, appState)]);
    const wideRow = sections.find((s) => s.title === 'Typing a value')!.rows.find((r) => r.help.startsWith('Finish'))!;
    expect(wideRow.keys.length).toBeGreaterThan(30);
    const lines = text(layoutHelp(sections, 80, 21));
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // Typing a value is the first section, so its rows are in the left column.
    const left = lines.map((l) => l.slice(0, 38));
    expect(squash(left)).toContain(wideRow.help);
    expect(left.join('').replace(/[\s/]/g, '')).toContain(wideRow.keys.replace(/\//g, ''));
  });
});
