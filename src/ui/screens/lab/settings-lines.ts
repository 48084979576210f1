import type { SettingDef, SettingValue } from '../../../labs/model.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { padEnd, textWidth, truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import { type LabState, TYPED_SETTINGS } from './state.js';
import { durationText, sizeText } from './units.js';

// The settings form laid out from the terminal's width: a label column as wide as the longest
// label (up to a share of the width, so two labels that share a prefix still read apart), the
// value with its arrows, its bounds in its units, and under the form the selected setting's help
// in full and the line being typed or why it was refused.

const dim: Style = { dim: true };
const bold: Style = { bold: true };
const heading: Style = { tone: 'heading', bold: true };
/** Share of the width the label column may take before labels are cut. */
const LABEL_SHARE = 0.5;

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1);
}

function shown(d: SettingDef, v: SettingValue): string {
  if (d.type === 'duration') return durationText(Number(v));
  if (d.type === 'size') return sizeText(Number(v));
  if (d.type === 'choice') return d.optionLabels?.[String(v)] ?? String(v);
  if (d.type === 'boolean') return v ? 'on' : 'off';
  return typeof v === 'number' ? fmt(v) : String(v);
}

function bound(d: SettingDef, v: number | undefined): string {
  return v === undefined ? '…' : shown(d, v);
}

function boundsText(d: SettingDef): string {
  if (d.type === 'choice') return `${(d.options ?? []).length} choices`;
  if (d.type === 'boolean') return 'on/off';
  return d.min !== undefined || d.max !== undefined ? `${bound(d, d.min)} – ${bound(d, d.max)}` : '';
}

/** The widest text a setting's value can show, so the column does not move while stepping. */
function valueWidth(d: SettingDef, v: SettingValue): number {
  const texts = [shown(d, v)];
  if (d.type === 'choice') texts.push(...(d.options ?? []).map((o) => shown(d, o)));
  if (d.type === 'boolean') texts.push('off');
  if (d.min !== undefined) texts.push(shown(d, d.min));
  if (d.max !== undefined) texts.push(shown(d, d.max));
  return Math.max(...texts.map(textWidth));
}

const TYPE_HINT: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  duration: 'a duration: 500ms, 30s, 5min',
  size: 'a size: 512KiB, 64MiB',
};

export function settingsLines(s: LabState, width: number, height: number): Line[] {
  const defs = s.lab.settings;
  const value = (d: SettingDef) => s.settings[d.name] ?? d.default;
  const labelW = Math.min(Math.max(8, ...defs.map((d) => textWidth(d.label))), Math.floor(width * LABEL_SHARE));
  const valueW = Math.min(Math.max(...defs.map((d) => valueWidth(d, value(d))), 4), Math.max(4, width - labelW - 8));
  const edit = s.settingEdit;
  const rows = defs.map((d, i): Line => {
    const on = i === s.settingCursor;
    const label = seg(padEnd(truncate(d.label, labelW), labelW + 2), on ? bold : {});
    const cell =
      on && edit
        ? [seg('[ ', heading), seg(edit.text, edit.fresh ? { inverse: true } : {}), seg(edit.fresh ? '' : ' ', { inverse: true }), seg(padEnd('', Math.max(0, valueW - textWidth(edit.text) - (edit.fresh ? 0 : 1))) + ' ]', heading)]
        : [seg(`‹ ${padEnd(truncate(shown(d, value(d)), valueW), valueW)} ›`, on ? heading : {})];
    const used = 1 + labelW + 2 + valueW + 4;
    return [seg(on ? '›' : ' ', heading), label, ...cell, seg(truncate(`  ${boundsText(d)}`, Math.max(0, width - used)), dim)];
  });

  const sel = defs[s.settingCursor];
  const below: Line[] = [];
  if (sel?.help) below.push([], ...wrap([seg(sel.help, dim)], { width, first: [seg(' ')], rest: [seg(' ')] }));
  if (edit) {
    below.push([]);
    // One line: the row above is already marked, so the reason needs no label to say which setting.
    if (edit.error) below.push([seg(' '), seg(truncate(`✗ ${edit.error}`, width - 1), { tone: 'error' })], [seg(' '), seg(truncate(`Enter tries again; Esc keeps ${sel ? shown(sel, value(sel)) : 'the old value'}`, width - 1), dim)]);
    else below.push([seg(' '), seg(truncate(`Type ${TYPE_HINT[sel?.type ?? ''] ?? 'a value'}; Enter sets it, Esc cancels`, width - 1), dim)]);
  }
  const intro = sel && TYPED_SETTINGS.has(sel.type) ? '↑↓ pick · ←→ step · Enter types a value · r runs' : '↑↓ pick · ←→ or Enter change it · r runs';
  const head: Line[] = [[seg(' '), seg(truncate(intro, width - 1), dim)], []];
  // Many settings in a short terminal: the rows scroll to keep the selected one in view.
  const room = Math.max(1, height - head.length - below.length);
  const top = Math.max(0, Math.min(s.settingCursor - Math.floor(room / 2), defs.length - room));
  return [...head, ...rows.slice(top, top + room), ...below];
}
