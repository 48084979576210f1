import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import type { Dimension, Quantity } from '../../src/content/model.js';
import { findQuantities, formatQuantity, sameQuantity } from '../../src/content/quantity.js';

// docs/seed-coverage.md accounts for every numeric fact in the seed notes the content was written
// from: one row per seed mention, pointing at the content line that holds today's value, or saying
// why the number was dropped. These tests keep that checklist true as the content changes.

const REPO = join(import.meta.dirname, '..', '..');
const DOC = 'docs/seed-coverage.md';
const SEEDS = resolve(process.env.SHARDLAB_SEEDS ?? join(REPO, '..', 'shared', 'seeds'));
const HEADER = ['Seed', 'Seed says', 'Status', 'Content', 'Note'];
const STATUSES = ['covered', 'updated', 'dropped'] as const;
type Status = (typeof STATUSES)[number];

interface Row {
  /** Line of the row in the doc, for messages. */
  docLine: number;
  seed: string;
  says: string;
  status: Status;
  content?: { file: string; line: number };
  note: string;
  /** The seed's quantity, read from `says` (the seed mentions parse the same way; checked below). */
  quantity?: Quantity;
}

type Base = Pick<Quantity, 'base'>;

const unquote = (cell: string) => cell.trim().replace(/^`(.*)`$/, '$1').trim();

function parseDoc(): { rows: Row[]; problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  const lines = readFileSync(join(REPO, DOC), 'utf8').split('\n');
  let inChecklist = false;
  lines.forEach((text, i) => {
    const docLine = i + 1;
    if (!text.trim().startsWith('|')) {
      inChecklist = false;
      return;
    }
    const cells = text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (cells.join('|') === HEADER.join('|')) {
      inChecklist = true;
      return;
    }
    if (!inChecklist || cells.every((c) => /^:?-+:?$/.test(c))) return;
    const where = `${DOC}:${docLine}`;
    if (cells.length !== HEADER.length) {
      problems.push(`${where}: ${cells.length} cells, expected ${HEADER.length} (a "|" inside a note?)`);
      return;
    }
    const [seed, says, status, content, note] = [unquote(cells[0]!), unquote(cells[1]!), cells[2]!, unquote(cells[3]!), cells[4]!];
    if (!/^[^\s:]+:\d+$/.test(seed)) problems.push(`${where}: Seed "${seed}" is not FILE:LINE`);
    if (!(STATUSES as readonly string[]).includes(status)) problems.push(`${where}: Status "${status}" is not one of ${STATUSES.join(', ')}`);
    const contentRef = /^content\/(.+):(\d+)$/.exec(content);
    if (content && !contentRef) problems.push(`${where}: Content "${content}" is not content/FILE:LINE`);
    const found = findQuantities(says);
    if (found.length !== 1) problems.push(`${where}: Seed says "${says}" should be exactly one quantity, found ${found.length}`);
    rows.push({
      docLine,
      seed,
      says,
      status: status as Status,
      content: contentRef ? { file: contentRef[1]!, line: Number(contentRef[2]) } : undefined,
      note,
      quantity: found[0],
    });
  });
  return { rows, problems };
}

const { rows, problems: docProblems } = parseDoc();
const content = loadContent(join(REPO, 'content'));

/** Every quantity written on each content line: limit values, prose mentions, cards, comparison rows. */
const byLine = new Map<string, Quantity[]>();
const add = (file: string, line: number, qs: Quantity[]) => {
  const key = `${file}:${line}`;
  byLine.set(key, [...(byLine.get(key) ?? []), ...qs]);
};
for (const fact of content.facts) add(fact.source.file, fact.source.line, fact.values);
for (const m of content.mentions) add(m.source.file, m.source.line, [m.quantity]);
for (const card of content.cards) add(card.source.file, card.source.line, findQuantities(`${card.front}\n${card.back}`));
for (const table of content.comparisons) {
  for (const r of table.rows) add(table.source.file, r.line, findQuantities([r.feature, ...r.cells].join('\n')));
}
const lineCount = new Map(
  content.files.map((f) => [f.file, readFileSync(join(REPO, 'content', f.file), 'utf8').split('\n').length] as const),
);

const show = (q: Base & Partial<Pick<Quantity, 'text'>>) =>
  q.text ?? formatQuantity(q.base.amount, q.base.dimension === 'count' ? '' : q.base.dimension);
const showAll = (qs: Quantity[]) => (qs.length ? qs.map((q) => q.text).join(', ') : 'no quantity');
const label = (r: Row) => `${r.seed} "${r.says}" (${r.status}, ${DOC}:${r.docLine})`;

/** The value a note points to: the first quantity after `→`. */
function arrowTarget(note: string): Quantity | undefined {
  const at = note.indexOf('→');
  return at < 0 ? undefined : findQuantities(note.slice(at + 1))[0];
}

/** Why the row's content reference is broken, or null when it holds `wanted` (any quantity of `dimension` when no value is wanted). */
function checkContentLine(r: Row, wanted: Base | undefined, dimension?: Dimension): string | null {
  const ref = r.content!;
  const total = lineCount.get(ref.file);
  if (total === undefined) return `content/${ref.file} is not a note in content/`;
  if (ref.line < 1 || ref.line > total) return `content/${ref.file} has no line ${ref.line}`;
  const held = byLine.get(`${ref.file}:${ref.line}`) ?? [];
  const ok = wanted ? held.some((q) => sameQuantity(q, wanted)) : held.some((q) => q.base.dimension === dimension);
  if (ok) return null;
  const what = wanted ? `${show(wanted)} (${wanted.base.amount} ${wanted.base.dimension})` : `a ${dimension} quantity`;
  return `content/${ref.file}:${ref.line} should hold ${what}, but holds ${showAll(held)}; was the value edited or the line moved?`;
}

function checkRow(r: Row): string[] {
  const seedQ = r.quantity;
  if (!seedQ) return []; // reported by the well-formedness test
  const errors: string[] = [];
  const target = arrowTarget(r.note);
  switch (r.status) {
    case 'covered': {
      if (!r.content) return ['a covered row needs a Content cell'];
      const problem = checkContentLine(r, seedQ);
      if (problem) errors.push(problem);
      break;
    }
    case 'updated': {
      if (!r.content) errors.push('an updated row needs a Content cell');
      if (!r.note) return [...errors, 'an updated row needs a Note ("old → new: why")'];
      if (!target) return [...errors, `the Note should name the new value after "→" ("old → new: why"): ${r.note}`];
      if (target.base.dimension !== seedQ.base.dimension) {
        errors.push(`the new value ${target.text} is ${target.base.dimension}, the seed's ${seedQ.text} is ${seedQ.base.dimension}`);
      }
      if (sameQuantity(target, seedQ)) errors.push(`the new value ${target.text} equals the seed's ${seedQ.text}: mark the row covered`);
      if (r.content) {
        const problem = checkContentLine(r, target);
        if (problem) errors.push(problem);
      }
      break;
    }
    case 'dropped': {
      if (!r.note) errors.push('a dropped row needs a Note saying why');
      if (r.content) {
        const problem = checkContentLine(r, target ?? seedQ);
        if (problem) errors.push(problem);
      }
      break;
    }
  }
  return errors;
}

describe(DOC, () => {
  it('has a well-formed checklist', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(docProblems).toEqual([]);
  });

  it.each(rows.map((r) => [label(r), r] as const))('%s', (_name, r) => {
    expect(checkRow(r), label(r)).toEqual([]);
  });
});

describe.skipIf(!existsSync(SEEDS))(`${DOC} against the seed notes in ${SEEDS}`, () => {
  const seeds = existsSync(SEEDS) ? loadContent(SEEDS) : undefined;
  const key = (file: string, line: number | string, text: string) => `${file}:${line} "${text}"`;

  it('has exactly one row for every seed mention, and no row without a mention', () => {
    const wanted = new Map<string, number>();
    for (const m of seeds!.mentions) {
      const k = key(m.source.file, m.source.line, m.quantity.text);
      wanted.set(k, (wanted.get(k) ?? 0) + 1);
    }
    const have = new Map<string, Row[]>();
    for (const r of rows) {
      const k = `${r.seed} "${r.says}"`;
      have.set(k, [...(have.get(k) ?? []), r]);
    }
    const problems: string[] = [];
    for (const [k, n] of wanted) {
      const found = have.get(k) ?? [];
      if (found.length === 0) problems.push(`seed mention ${k} has no row in ${DOC}`);
      else if (found.length !== n) problems.push(`seed mention ${k} has ${found.length} rows (${found.map((r) => `${DOC}:${r.docLine}`).join(', ')}), expected ${n}`);
    }
    for (const [k, found] of have) {
      if (!wanted.has(k)) problems.push(`${DOC}:${found[0]!.docLine}: ${k} is not a mention in the seeds`);
    }
    expect(problems).toEqual([]);
  });

  it("reads each row's seed value as the seeds' notes pipeline does", () => {
    const bySeed = new Map(seeds!.mentions.map((m) => [key(m.source.file, m.source.line, m.quantity.text), m.quantity] as const));
    const problems = rows.flatMap((r) => {
      const m = bySeed.get(`${r.seed} "${r.says}"`);
      return m && r.quantity && !sameQuantity(m, r.quantity)
        ? [`${label(r)}: the seed mention is ${m.base.amount} ${m.base.dimension}, the row reads ${r.quantity.base.amount} ${r.quantity.base.dimension}`]
        : [];
    });
    expect(problems).toEqual([]);
  });
});
