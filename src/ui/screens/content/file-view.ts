import type { ContentIndex, Severity } from '../../../content/model.js';
import { type PreviewRole, type PreviewRow, type PreviewSectionId, previewInput, previewSections } from '../../../content/preview.js';
import { type Line, type Style, seg } from '../../markdown/types.js';
import { textWidth } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';

// The Content screen's file view: the same sections and rows as `shardlab content preview`, from
// the same formatter, styled by role and wrapped to the terminal.

export interface FileViewSection {
  id: PreviewSectionId;
  title: string;
  /** Short name for the section bar. */
  label: string;
  count: number;
  /** Line of the view where the section's heading is. */
  start: number;
  /** For Diagnostics: how many are errors and warnings. */
  errors: number;
  warnings: number;
}

export interface FileView {
  lines: Line[];
  sections: FileViewSection[];
}

const labels: Record<PreviewSectionId, string> = {
  topics: 'Topics',
  facts: 'Facts',
  comparisons: 'Tables',
  cards: 'Cards',
  questions: 'Questions',
  mentions: 'Mentions',
  diagnostics: 'Diagnostics',
};

const roleStyles: Record<PreviewRole, Style> = {
  name: { bold: true },
  value: { bold: true, tone: 'fact' },
  note: { dim: true },
  flag: { tone: 'warning' },
  id: { tone: 'code' },
  error: { bold: true, tone: 'error' },
  warning: { bold: true, tone: 'warning' },
};

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors before warnings, each in line order: what needs fixing first is read first. */
function errorsFirst(rows: readonly PreviewRow[]): PreviewRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => severityRank[a.row.severity ?? 'info'] - severityRank[b.row.severity ?? 'info'] || a.i - b.i)
    .map(({ row }) => row);
}

function rowLines(row: PreviewRow, width: number): Line[] {
  const lead = `  ${row.line !== undefined ? `${row.line}: ` : ''}${'  '.repeat(row.depth)}`;
  const first: Line = [seg(lead.slice(0, 2)), seg(lead.slice(2), { dim: true })];
  // Wrapped lines hang under the text, as long as that leaves room for it.
  const rest: Line = [seg(' '.repeat(Math.min(textWidth(lead), Math.max(2, width - 20))))];
  return wrap(
    row.parts.map((p) => seg(p.text, p.role ? roleStyles[p.role] : {})),
    { width, first, rest },
  );
}

function build(index: ContentIndex, file: string, width: number): FileView {
  const input = previewInput(index, file);
  if (!input) return { lines: [[seg(`${file} is no longer in the notes.`, { dim: true })]], sections: [] };
  const lines: Line[] = [];
  const sections: FileViewSection[] = [];
  for (const section of previewSections(input)) {
    if (lines.length > 0) lines.push([]);
    const problems = section.id === 'diagnostics' ? input.diagnostics : [];
    sections.push({
      id: section.id,
      title: section.title,
      label: labels[section.id],
      count: section.count,
      start: lines.length,
      errors: problems.filter((d) => d.severity === 'error').length,
      warnings: problems.filter((d) => d.severity === 'warning').length,
    });
    lines.push([seg(section.title, { bold: true, tone: 'heading' }), seg(` (${section.count})`, { dim: true })]);
    const rows = section.id === 'diagnostics' ? errorsFirst(section.rows) : section.rows;
    if (rows.length === 0) lines.push([seg(section.id === 'diagnostics' ? '  none: nothing to fix' : '  none', { dim: true })]);
    for (const row of rows) lines.push(...rowLines(row, width));
  }
  return { lines, sections };
}

const cache = new WeakMap<ContentIndex, Map<string, FileView>>();

/**
 * A file's view at a width. Memoised per content index, file and width, because the reducer asks
 * for its length and section starts on every scroll key; a reload brings a new index.
 */
export function fileView(index: ContentIndex, file: string, width: number): FileView {
  let byKey = cache.get(index);
  if (!byKey) {
    byKey = new Map();
    cache.set(index, byKey);
  }
  const key = `${width}\u0000${file}`;
  let view = byKey.get(key);
  if (!view) {
    view = build(index, file, Math.max(10, width));
    byKey.set(key, view);
  }
  return view;
}
