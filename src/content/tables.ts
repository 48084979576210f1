import type { Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { diagnostic } from './diagnostics.js';
import type { ComparisonTable, Diagnostic, Fact, Topic } from './model.js';
import { parseValue } from './quantity.js';
import { IdAllocator, slugify } from './text.js';

// Column names a limit table may use, matched case-insensitively. `Limit` and `Value` make a
// table a limit table; the rest are optional and carried onto each fact.
const LIMIT_COLUMNS = {
  name: ['limit', 'quota'],
  value: ['value', 'current value'],
  scope: ['scope', 'per'],
  default: ['default'],
  notes: ['notes', 'note'],
  since: ['since', 'changed'],
  sourceUrl: ['source', 'sources', 'reference'],
} as const;

type Column = keyof typeof LIMIT_COLUMNS;

export interface TableScanInput {
  file: string;
  table: Table;
  lineOffset: number;
  topic: Topic;
  factIds: IdAllocator;
  comparisonIds: IdAllocator;
}

export interface TableScanResult {
  facts: Fact[];
  comparisons: ComparisonTable[];
  diagnostics: Diagnostic[];
}

export function scanTable(input: TableScanInput): TableScanResult {
  const result: TableScanResult = { facts: [], comparisons: [], diagnostics: [] };
  const [header, ...rows] = input.table.children;
  if (!header) return result;
  const headers = header.children.map((c) => cellText(c).toLowerCase());
  const columns = new Map<Column, number>();
  for (const [column, names] of Object.entries(LIMIT_COLUMNS) as [Column, readonly string[]][]) {
    const index = headers.findIndex((h) => names.includes(h));
    if (index !== -1) columns.set(column, index);
  }

  if (columns.has('name') && columns.has('value')) {
    for (const row of rows) scanLimitRow(input, row.children, columns, result);
  } else if (header.children.length >= 3 && rows.length > 0) {
    result.comparisons.push({
      id: `${input.topic.id}/${input.comparisonIds.take(`compare-${slugify(header.children.slice(1).map(cellText).join(' vs '))}`)}`,
      topic: input.topic.id,
      featureHeader: cellText(header.children[0]!),
      options: header.children.slice(1).map(cellText),
      rows: rows.map((r) => ({
        feature: cellText(r.children[0]),
        cells: header.children.slice(1).map((_, i) => cellText(r.children[i + 1])),
        line: lineOf(r, input.lineOffset),
      })),
      source: { file: input.file, line: lineOf(input.table, input.lineOffset) },
    });
  }
  return result;
}

function scanLimitRow(input: TableScanInput, cells: TableCell[], columns: Map<Column, number>, out: TableScanResult): void {
  const cell = (c: Column) => {
    const i = columns.get(c);
    return i === undefined ? undefined : cells[i];
  };
  const text = (c: Column) => {
    const found = cell(c);
    const value = found ? cellText(found) : '';
    return value === '' ? undefined : value;
  };
  const rowLine = lineOf(cells[0], input.lineOffset);
  const name = text('name');
  const valueCell = cell('value');
  const valueText = text('value') ?? '';
  // The cell's own position starts at its `|`; point at the text, or just inside an empty cell.
  const valueColumn = valueCell?.children[0]?.position?.start.column ?? (valueCell?.position ? valueCell.position.start.column + 1 : undefined);
  if (!name) {
    out.diagnostics.push(diagnostic('W020', input.file, rowLine, 'limit table row has no limit name; the row is skipped'));
    return;
  }
  if (valueText === '') {
    out.diagnostics.push(diagnostic('E007', input.file, rowLine, `limit "${name}" has an empty value`, valueColumn));
    return;
  }
  const parsed = parseValue(valueText);
  if (!parsed) {
    out.diagnostics.push(
      diagnostic('E006', input.file, rowLine, `limit "${name}": value "${valueText}" does not parse as a quantity (e.g. "1 MiB/s", "1–128 MiB", "24 h")`, valueColumn),
    );
    return;
  }
  const fact: Fact = {
    id: `${input.topic.id}/${input.factIds.take(slugify(name))}`,
    topic: input.topic.id,
    name,
    text: valueText,
    form: parsed.form,
    values: parsed.quantities,
    source: { file: input.file, line: rowLine },
  };
  const optional = { scope: text('scope'), default: text('default'), notes: text('notes'), since: text('since') };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (fact as unknown as Record<string, string>)[key] = value;
  const sourceCell = cell('sourceUrl');
  const url = sourceCell ? linkIn(sourceCell) : undefined;
  if (url) fact.sourceUrl = url;
  // A table that has a Source column promises a source on every row.
  else if (columns.has('sourceUrl') && !text('sourceUrl')) {
    out.diagnostics.push(diagnostic('W022', input.file, rowLine, `limit "${name}" has no Source: link the AWS page the value was checked against`));
  }
  out.facts.push(fact);
}

function cellText(cell: TableCell | undefined): string {
  return cell ? toString(cell).replace(/\s+/g, ' ').trim() : '';
}

function linkIn(cell: TableCell): string | undefined {
  let url: string | undefined;
  visit(cell, 'link', (node) => {
    url ??= node.url;
  });
  if (url) return url;
  const text = cellText(cell);
  return /^https?:\/\//.test(text) ? text : undefined;
}

function lineOf(node: { position?: { start: { line: number } } } | undefined, offset: number): number {
  return (node?.position?.start.line ?? 1) + offset;
}
