import type { AuthoredQuestion, Diagnostic, Fact, FileContent, Quantity, Severity, Topic } from './model.js';
import { countTopics } from './stats.js';

// What one note yields, as rows of text. `shardlab content preview` prints the rows as they are;
// the app's Content screen styles them by role. One formatter for both, so the two never disagree.

/** What a run of text is, for whoever styles it. Plain output ignores roles. */
export type PreviewRole = 'name' | 'value' | 'note' | 'flag' | 'id' | 'error' | 'warning';

export interface PreviewPart {
  text: string;
  role?: PreviewRole;
}

export interface PreviewRow {
  /** The source line, printed as `17: ` before the row; topic rows carry theirs in the text. */
  line?: number;
  /** Nesting below the section (topic tree levels). */
  depth: number;
  parts: PreviewPart[];
  /** For diagnostics, so a view can put errors first. */
  severity?: Severity;
}

export type PreviewSectionId = 'topics' | 'facts' | 'comparisons' | 'cards' | 'questions' | 'mentions' | 'diagnostics';

export interface PreviewSection {
  id: PreviewSectionId;
  title: string;
  count: number;
  rows: PreviewRow[];
}

/** What a file's preview is made from: the file, plus what only the whole folder knows. */
export interface PreviewInput {
  content: FileContent;
  /** The file's questions that survived duplicate-id checks (the index's, not the file's own). */
  questions: readonly AuthoredQuestion[];
  /** Every diagnostic for the file, including cross-file ones (duplicate ids, broken links). */
  diagnostics: readonly Diagnostic[];
}

const part = (text: string, role?: PreviewRole): PreviewPart => (role ? { text, role } : { text });

/** Multi-line text (a multi-line card, a YAML stem) on one row. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' / ');
}

/** `1 MiB/s = 1048576 bytes/s`, flagged when an SI byte unit may have meant the binary one. */
export function quantityParts(q: Quantity): PreviewPart[] {
  const parts = [part(`${q.amount} ${q.unit} = ${q.base.amount} ${q.base.dimension}`)];
  if (q.ambiguous) parts.push(part(' (SI unit: decimal)', 'flag'));
  return parts;
}

export function factParts(f: Fact): PreviewPart[] {
  const parts = [part(f.name, 'name'), part(' = '), part(f.text, 'value'), part(`  → ${f.form}: `, 'note')];
  if (f.values.length === 0) parts.push(part('no number', 'flag'));
  f.values.forEach((q, i) => {
    if (i > 0) parts.push(part('; '));
    parts.push(...quantityParts(q));
  });
  if (f.scope) parts.push(part(`  (${f.scope})`, 'note'));
  return parts;
}

/** The same text as formatDiagnostic (diagnostics.ts), split so the severity and code can be styled. */
export function diagnosticParts(d: Diagnostic): PreviewPart[] {
  const where = d.column !== undefined ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
  const role: PreviewRole | undefined = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : undefined;
  return [part(where, 'note'), part(' '), part(d.severity, role), part(' '), part(d.code, role), part(` ${d.message}`)];
}

function topicRows(topic: Topic): PreviewRow[] {
  const rows: PreviewRow[] = [];
  const walk = (t: Topic, depth: number) => {
    rows.push({ depth, parts: [part(t.title, depth === 0 ? 'name' : undefined), part(`  [${t.id}] line ${t.line}`, 'note')] });
    t.children.forEach((c) => walk(c, depth + 1));
  };
  walk(topic, 0);
  return rows;
}

/** The sections of a file's preview, in the order `content preview` prints them. */
export function previewSections({ content, questions, diagnostics }: PreviewInput): PreviewSection[] {
  const row = (line: number, parts: PreviewPart[]): PreviewRow => ({ line, depth: 0, parts });
  return [
    { id: 'topics', title: 'Topics', count: countTopics([content.topic]), rows: topicRows(content.topic) },
    { id: 'facts', title: 'Facts', count: content.facts.length, rows: content.facts.map((f) => row(f.source.line, factParts(f))) },
    {
      id: 'comparisons',
      title: 'Comparison tables',
      count: content.comparisons.length,
      rows: content.comparisons.map((c) =>
        row(c.source.line, [part(c.featureHeader || 'Feature', 'name'), part(` × ${c.options.join(' / ')}: `), part(`${c.rows.length} rows`, 'note')]),
      ),
    },
    {
      id: 'cards',
      title: 'Cards',
      count: content.cards.length,
      rows: content.cards.map((c) => row(c.source.line, [part(`[${c.kind}] `, 'note'), part(oneLine(c.front)), part('  →  ', 'note'), part(oneLine(c.back), 'value')])),
    },
    {
      id: 'questions',
      title: 'Questions',
      count: questions.length,
      rows: questions.map((q) =>
        row(q.source.line, [part(q.id, 'id'), part(` (${q.type}, answer ${q.answer.join(', ')}) `, 'note'), part(oneLine(q.stem).slice(0, 90))]),
      ),
    },
    {
      id: 'mentions',
      title: 'Numeric mentions in prose',
      count: content.mentions.length,
      rows: content.mentions.map((m) => row(m.source.line, [part(m.quantity.text, 'value'), part('  in "', 'note'), part(oneLine(m.sentence).slice(0, 80)), part('"', 'note')])),
    },
    {
      id: 'diagnostics',
      title: 'Diagnostics',
      count: diagnostics.length,
      rows: diagnostics.map((d) => ({ depth: 0, parts: diagnosticParts(d), severity: d.severity })),
    },
  ];
}

/** The part of the preview for one file of a loaded folder. */
export function previewInput(index: { files: readonly FileContent[]; questions: readonly AuthoredQuestion[]; diagnostics: readonly Diagnostic[] }, file: string): PreviewInput | undefined {
  const content = index.files.find((f) => f.file === file);
  if (!content) return undefined;
  return {
    content,
    questions: index.questions.filter((q) => q.source.file === file),
    diagnostics: index.diagnostics.filter((d) => d.file === file),
  };
}

export function rowText(row: PreviewRow): string {
  return `${row.line !== undefined ? `${row.line}: ` : ''}${'  '.repeat(row.depth)}${row.parts.map((p) => p.text).join('')}`;
}

/** The preview as plain lines, each section after a blank line: what `content preview` prints. */
export function previewText(sections: readonly PreviewSection[]): string[] {
  return sections.flatMap((s) => ['', `${s.title} (${s.count})`, ...s.rows.map((r) => `  ${rowText(r)}`)]);
}
