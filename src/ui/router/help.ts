import { type ActiveTable, keysLabel } from '../keys/bindings.js';
import { type Line, seg } from '../markdown/types.js';
import { padEnd, textWidth } from '../markdown/width.js';
import { lineWidth, wrap } from '../markdown/wrap.js';

export interface HelpRow {
  keys: string;
  help: string;
}

export interface HelpSection {
  title: string;
  rows: HelpRow[];
}

/**
 * Help sections straight from key tables: one per binding group. Groups with a binding that
 * applies right now come first, so the keys for the current mode are the ones read first.
 */
export function helpSections(tables: readonly ActiveTable[]): HelpSection[] {
  const sections: (HelpSection & { active: boolean })[] = [];
  for (const { bindings, state } of tables) {
    for (const binding of bindings) {
      let section = sections.find((s) => s.title === binding.group);
      if (!section) {
        section = { title: binding.group, rows: [], active: false };
        sections.push(section);
      }
      if (binding.when?.(state as never) ?? true) section.active = true;
      const row = { keys: keysLabel(binding.keys), help: binding.help };
      if (!section.rows.some((r) => r.keys === row.keys && r.help === row.help)) section.rows.push(row);
    }
  }
  return [...sections.filter((s) => s.active), ...sections.filter((s) => !s.active)].map(({ title, rows }) => ({ title, rows }));
}

const keyColumnCap = 13;
/** Below this much room for the words, a row's keys take lines of their own. */
const minHelpWidth = 12;

/** A long list of keys (a screen's typed-ahead keys), broken after a slash to fit the column. */
function keyLines(keys: string, width: number): Line[] {
  const lines: string[] = [];
  for (const k of keys.split('/')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last}/${k}`) <= width - 2) lines[lines.length - 1] = `${last}/${k}`;
    else lines.push(k);
  }
  return lines.map((l) => [seg('  '), seg(l, { bold: true })]);
}

function renderSections(sections: readonly HelpSection[], width: number): Line[] {
  const keyWidth = Math.min(keyColumnCap, Math.max(0, ...sections.flatMap((s) => s.rows.map((r) => textWidth(r.keys)))));
  const out: Line[] = [];
  for (const section of sections) {
    if (out.length > 0) out.push([]);
    out.push([seg(section.title, { bold: true, tone: 'heading' })]);
    for (const row of section.rows) {
      if (textWidth(row.keys) + 4 + minHelpWidth > width) {
        out.push(...keyLines(row.keys, width), ...wrap([seg(row.help)], { width, first: [seg('    ')], rest: [seg('    ')] }));
        continue;
      }
      const keys = textWidth(row.keys) > keyWidth ? row.keys : padEnd(row.keys, keyWidth);
      const lead = [seg('  '), seg(keys, { bold: true }), seg('  ')];
      const indent = [seg(' '.repeat(Math.min(width - 1, keyWidth + 4)))];
      out.push(...wrap([seg(row.help)], { width, first: lead, rest: indent }));
    }
  }
  return out;
}

const gutter = 3;
const minColumnWidth = 36;

/**
 * Lines of the help overlay. When one column would need scrolling and the terminal is wide
 * enough, sections flow into two columns (never splitting a section).
 */
export function layoutHelp(sections: readonly HelpSection[], width: number, height: number): Line[] {
  const single = renderSections(sections, width);
  const columnWidth = Math.floor((width - gutter) / 2);
  if (single.length <= height || columnWidth < minColumnWidth || sections.length < 2) return single;
  let best: { left: Line[]; right: Line[] } | undefined;
  for (let split = 1; split < sections.length; split++) {
    const left = renderSections(sections.slice(0, split), columnWidth);
    const right = renderSections(sections.slice(split), columnWidth);
    if (!best || Math.max(left.length, right.length) < Math.max(best.left.length, best.right.length)) best = { left, right };
  }
  const { left, right } = best!;
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const l = left[i] ?? [];
    return [...l, seg(' '.repeat(Math.max(gutter, columnWidth - lineWidth(l) + gutter))), ...(right[i] ?? [])];
  });
}
