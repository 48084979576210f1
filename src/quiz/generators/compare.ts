// Comparison questions from comparison tables, in two styles:
// - "which option": given one feature's cell, name the option (column) it describes; needs three
//   or more options whose cells in that row differ;
// - "true statement": which statement is true of option A; the wrong statements are B's cells for
//   other features, so each wrong option is a real fact about the option it is confused with.

import type { ComparisonTable } from '../../content/model.js';
import type { Generator, GeneratorContext, Question } from '../model.js';
import { buildOptionSet, explainDistractors, normalizeText, type Candidate } from '../options.js';
import { chance, pick, shuffled } from '../random.js';

type Row = ComparisonTable['rows'][number];

function usable(cell: string): boolean {
  const t = cell.trim();
  return t !== '' && t !== '-' && t !== '—' && t.length <= 160;
}

const VERDICT = /^(yes|no|both|none|neither|either|always|never)\b/i;

/**
 * Two cells that could both be read as true of one option make a wrong statement defensible:
 * `443` inside `8443 (443 with ALPN)`, or `No` against `No, uniform across the stream`.
 */
function clearlyDifferent(x: string, y: string): boolean {
  const [a, b] = [normalizeText(x), normalizeText(y)];
  if (a === b || a.includes(b) || b.includes(a)) return false;
  const [va, vb] = [VERDICT.exec(x.trim())?.[1]?.toLowerCase(), VERDICT.exec(y.trim())?.[1]?.toLowerCase()];
  return va === undefined || va !== vb;
}

function distinctCells(row: Row): number {
  return new Set(row.cells.filter(usable).map(normalizeText)).size;
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function base(table: ComparisonTable, rows: readonly Row[]) {
  const lines = [...new Set([table.source.line, ...rows.map((r) => r.line)])];
  return { topic: table.topic, sources: lines.map((line) => ({ file: table.source.file, line })) };
}

/** "Which option has <feature>: <cell>?" */
export function whichOption(ctx: GeneratorContext, table: ComparisonTable): Question | null {
  if (table.options.length < 3) return null;
  const rows = table.rows.filter((r) => distinctCells(r) >= 3);
  if (rows.length === 0) return null;
  const row = pick(ctx.rng, rows);
  const unique = row.cells.map((_, i) => i).filter((i) => usable(row.cells[i]!) && row.cells.filter((c) => normalizeText(c) === normalizeText(row.cells[i]!)).length === 1);
  if (unique.length === 0) return null;
  const keyIndex = pick(ctx.rng, unique);
  const cell = row.cells[keyIndex]!;
  const candidates: Candidate[] = shuffled(ctx.rng, table.options.map((name, i) => ({ name, i })))
    .filter(({ i }) => i !== keyIndex && usable(row.cells[i]!) && clearlyDifferent(row.cells[i]!, cell))
    .map(({ name, i }) => ({ value: { outcome: normalizeText(name) }, text: name, why: `${name} has “${row.cells[i]}” for ${row.feature.toLowerCase()}`, group: 'sibling' }));
  const keyName = table.options[keyIndex]!;
  const set = buildOptionSet({
    key: { value: { outcome: normalizeText(keyName) }, text: keyName },
    candidates,
    rng: ctx.rng,
    count: Math.min(4, candidates.length + 1),
    order: 'shuffle',
  });
  if (!set || set.options.length < 3) return null;
  return {
    id: `compare/${table.id}/which/${row.line}/${keyIndex}`,
    kind: 'compare',
    type: 'single',
    stem: `Comparing ${listOf(table.options)}: which one has this ${table.featureHeader.toLowerCase()}? ${row.feature}: “${cell}”`,
    options: set.options,
    answer: set.answer,
    explanation: [`${keyName} has “${cell}” for ${row.feature.toLowerCase()}.`, explainDistractors(set)].join('\n\n'),
    ...base(table, [row]),
    distractors: set.distractors,
  };
}

/** "Which statement is true of A (compared with B)?" */
export function trueStatement(ctx: GeneratorContext, table: ComparisonTable): Question | null {
  if (table.options.length < 2) return null;
  const a = ctx.rng.int(table.options.length);
  const others = table.options.map((_, i) => i).filter((i) => i !== a);
  const b = pick(ctx.rng, others);
  const differing = table.rows.filter((r) => usable(r.cells[a] ?? '') && usable(r.cells[b] ?? '') && clearlyDifferent(r.cells[a]!, r.cells[b]!));
  if (differing.length < 4) return null;
  const keyRow = pick(ctx.rng, differing);
  const nameA = table.options[a]!;
  const nameB = table.options[b]!;
  const statement = (r: Row, i: number) => `${r.feature}: ${r.cells[i]}`;
  // A wrong statement is B's cell for another feature, as long as A's cell for that feature says
  // something else: then the statement is true of B and false of A.
  const candidates: Candidate[] = shuffled(ctx.rng, differing)
    .filter((r) => r !== keyRow)
    .map((r) => ({
      value: { outcome: `${r.line}:${b}` },
      text: statement(r, b),
      why: `That is ${nameB}; ${nameA} has “${r.cells[a]}” for ${r.feature.toLowerCase()}`,
      group: 'sibling',
    }));
  const set = buildOptionSet({ key: { value: { outcome: `${keyRow.line}:${a}` }, text: statement(keyRow, a) }, candidates, rng: ctx.rng, order: 'shuffle' });
  if (!set) return null;
  const used = differing.filter((r) => set.options.some((o) => o.text === statement(r, a) || o.text === statement(r, b)));
  return {
    id: `compare/${table.id}/true/${a}-${b}/${keyRow.line}`,
    kind: 'compare',
    type: 'single',
    stem: `Which statement is true of ${nameA}, compared with ${nameB}?`,
    options: set.options,
    answer: set.answer,
    explanation: [`${nameA} has “${keyRow.cells[a]}” for ${keyRow.feature.toLowerCase()}; ${nameB} has “${keyRow.cells[b]}”.`, explainDistractors(set)].join('\n\n'),
    ...base(table, used),
    distractors: set.distractors,
  };
}

export const compare: Generator = (ctx) => {
  const tables = ctx.index.comparisons;
  if (tables.length === 0) return null;
  const table = pick(ctx.rng, tables);
  return (table.options.length >= 3 && chance(ctx.rng, 0.5) ? whichOption(ctx, table) : null) ?? trueStatement(ctx, table);
};
