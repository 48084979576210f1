import type { BlockContent, Code, DefinitionContent, List, ListItem, Paragraph, RootContent, Table } from 'mdast';
import { inlineSegments, plainText } from './inline.js';
import { parseMarkdown } from './parse.js';
import { type Line, type Segment, type Style, mergeStyle, seg } from './types.js';
import { textWidth } from './width.js';
import { lineWidth, wrap, wrapPreformatted } from './wrap.js';

export interface FactRowQuery {
  /** Line of the table row in the source file. */
  line: number;
  /** The row's `Limit` cell as plain text. */
  limit: string;
}

export interface RenderOptions {
  /** Cells available; every returned line fits in it. */
  width: number;
  /** Line in the source file where the markdown starts, so rows can be matched to facts. */
  firstLine?: number;
  /** Whether a limit-table row is a fact of the topic shown; its Value cell is then highlighted. */
  isFactRow?: (row: FactRowQuery) => boolean;
}

interface Context extends RenderOptions {
  source: string;
  listDepth: number;
}

const dim: Style = { dim: true };
const factStyle: Style = { bold: true, tone: 'fact' };
const codeStyle: Style = { dim: true, tone: 'code' };
const bullets = ['•', '◦', '▪'];

function headingStyle(level: number): Style {
  if (level <= 1) return { bold: true, underline: true, tone: 'heading' };
  if (level === 2) return { bold: true, tone: 'heading' };
  if (level === 3) return { bold: true };
  return { bold: true, dim: true };
}

export function renderHeading(text: string, level: number, width: number): Line[] {
  return wrap([seg(text, headingStyle(level))], { width });
}

export function renderMarkdown(markdown: string, options: RenderOptions): Line[] {
  const tree = parseMarkdown(markdown);
  return renderBlocks(tree.children, { ...options, width: Math.max(1, options.width), source: markdown, listDepth: 0 });
}

type Block = RootContent | BlockContent | DefinitionContent;

function renderBlocks(nodes: readonly Block[], ctx: Context, tight = false): Line[] {
  const out: Line[] = [];
  for (const node of nodes) {
    const lines = renderBlock(node, ctx);
    if (lines.length === 0) continue;
    if (out.length > 0 && !tight) out.push([]);
    out.push(...lines);
  }
  return out;
}

function renderBlock(node: Block, ctx: Context): Line[] {
  switch (node.type) {
    case 'paragraph':
      return wrap(inlineSegments(node.children, { keepBreaks: keepsBreaks(node, ctx.source) }), { width: ctx.width });
    case 'heading':
      return wrap(inlineSegments(node.children, { keepBreaks: false }, headingStyle(node.depth)), { width: ctx.width });
    case 'thematicBreak':
      return [[seg('─'.repeat(ctx.width), dim)]];
    case 'blockquote':
      return prefixed(renderBlocks(node.children, { ...ctx, width: ctx.width - 2 }), [seg('│ ', dim)]);
    case 'list':
      return renderList(node, ctx);
    case 'code':
      return renderCode(node, ctx);
    case 'table':
      return renderTable(node, ctx);
    case 'html':
      return wrapPreformatted(node.value, ctx.width, dim);
    case 'footnoteDefinition': {
      const body = renderBlocks(node.children, { ...ctx, width: ctx.width - 2 });
      const label = `[^${node.label ?? node.identifier}]`;
      return [[seg(label, dim)], ...prefixed(body, [seg('  ')])];
    }
    default:
      // Link definitions are metadata; front matter never reaches topic bodies.
      return [];
  }
}

/**
 * Notes are often written a thought per line (and flashcards must be one per line), so line
 * breaks are kept unless the paragraph looks like prose hard-wrapped at a fixed width.
 */
function keepsBreaks(node: Paragraph, source: string): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const lines = source.slice(start, end).split('\n');
  if (lines.length < 2) return false;
  if (lines.some((l) => /\s:{2,3}\s|^\s*\?\s*$/.test(l))) return true;
  return lines.slice(0, -1).some((l) => textWidth(l.trim()) < 60);
}

function prefixed(lines: Line[], prefix: Line): Line[] {
  return lines.map((l) => [...prefix.map((s) => seg(s.text, s.style)), ...l]);
}

function renderList(list: List, ctx: Context): Line[] {
  const start = list.start ?? 1;
  const markers = list.children.map((item, i) => {
    const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
    const base = list.ordered ? `${start + i}.` : bullets[ctx.listDepth % bullets.length]!;
    return { base, task };
  });
  const markerWidth = Math.max(...markers.map((m) => textWidth(m.base))) + 1;
  const out: Line[] = [];
  list.children.forEach((item, i) => {
    const m = markers[i]!;
    const marker = list.ordered ? m.base.padStart(markerWidth - 1) + ' ' : m.base.padEnd(markerWidth);
    const indent = markerWidth + textWidth(m.task);
    const body = renderItem(item, { ...ctx, width: ctx.width - indent, listDepth: ctx.listDepth + 1 }, list.spread ?? false);
    if (i > 0 && list.spread) out.push([]);
    body.forEach((line, n) => {
      const lead = n === 0 ? [seg(marker, dim), ...(m.task ? [seg(m.task, item.checked ? { bold: true } : dim)] : [])] : [seg(' '.repeat(indent))];
      out.push([...lead, ...line]);
    });
  });
  return out;
}

function renderItem(item: ListItem, ctx: Context, spread: boolean): Line[] {
  const lines = renderBlocks(item.children, ctx, !spread && !item.spread);
  return lines.length > 0 ? lines : [[]];
}

function renderCode(node: Code, ctx: Context): Line[] {
  const lines = wrapPreformatted(node.value, Math.max(1, ctx.width - 2), codeStyle);
  const body = prefixed(lines, [seg('  ')]);
  return node.lang ? [[seg(`  ${node.lang}`, { dim: true, italic: true })], ...body] : body;
}

function renderTable(table: Table, ctx: Context): Line[] {
  const rows = table.children;
  const columns = Math.max(0, ...rows.map((r) => r.children.length));
  if (rows.length === 0 || columns === 0) return [];
  const header = (rows[0]?.children ?? []).map((c) => plainText(c.children).trim());
  const limitCol = header.findIndex((h) => h.toLowerCase() === 'limit');
  const valueCol = header.findIndex((h) => h.toLowerCase() === 'value');
  const firstLine = ctx.firstLine ?? 1;

  const cells: Segment[][][] = rows.map((row, r) => {
    const factRow =
      r > 0 &&
      limitCol >= 0 &&
      valueCol >= 0 &&
      ctx.isFactRow !== undefined &&
      ctx.isFactRow({
        line: firstLine + (row.position?.start.line ?? 1) - 1,
        limit: plainText(row.children[limitCol]?.children ?? []).trim(),
      });
    return Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c];
      const base: Style = r === 0 ? { bold: true } : factRow && c === valueCol ? factStyle : {};
      return cell ? inlineSegments(cell.children, { keepBreaks: false }, base) : [];
    });
  });

  const texts = cells.map((row) => row.map((cell) => cell.map((s) => s.text).join('')));
  const natural = Array.from({ length: columns }, (_, c) => Math.max(1, ...texts.map((row) => textWidth(row[c]!))));
  const longestWord = Array.from({ length: columns }, (_, c) =>
    Math.max(1, ...texts.flatMap((row) => row[c]!.split(/\s+/).map(textWidth))),
  );
  const widths = fitColumns(natural, longestWord, ctx.width - 3 * (columns - 1));
  if (!widths) return stackedTable(header, cells.slice(1), ctx.width);

  const out: Line[] = [];
  cells.forEach((row, r) => {
    const wrapped = row.map((cell, c) => wrap(cell, { width: widths[c]! }));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let i = 0; i < height; i++) {
      const line: Line = [];
      wrapped.forEach((cellLines, c) => {
        if (c > 0) line.push(seg(' │ ', dim));
        const content = cellLines[i] ?? [];
        const pad = widths[c]! - lineWidth(content);
        const align = table.align?.[c];
        const left = align === 'right' ? pad : align === 'center' ? Math.floor(pad / 2) : 0;
        if (left > 0) line.push(seg(' '.repeat(left)));
        line.push(...content);
        // The last column needs no padding on the right; trailing blanks only cost width.
        if (c < columns - 1 && pad - left > 0) line.push(seg(' '.repeat(pad - left)));
      });
      out.push(line);
    }
    if (r === 0) out.push([seg(widths.map((w) => '─'.repeat(w)).join('─┼─'), dim)]);
  });
  return out;
}

// A column narrower than this splits ordinary words; past that point records read better.
const wordCap = 12;

/**
 * Shrinks the widest columns first until the table fits; cells then wrap inside their column.
 * No column goes below its longest word (capped at `wordCap`), so words are not split. Returns
 * undefined when that cannot fit, and the table is shown as records instead.
 */
export function fitColumns(natural: readonly number[], longestWord: readonly number[], available: number): number[] | undefined {
  const widths = [...natural];
  const floor = natural.map((n, i) => Math.min(n, longestWord[i] ?? 1, wordCap));
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floor[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) return undefined;
    widths[widest]!--;
    total--;
  }
  return widths;
}

function stackedTable(header: string[], rows: Segment[][][], width: number): Line[] {
  const out: Line[] = [];
  rows.forEach((row, r) => {
    if (r > 0) out.push([]);
    const [first = [], ...rest] = row;
    out.push(...wrap(first.map((s) => seg(s.text, mergeStyle(s.style, { bold: true }))), { width, first: [seg('▪ ', dim)], rest: [seg('  ')] }));
    rest.forEach((cell, i) => {
      const label = header[i + 1] ?? '';
      if (cell.length === 0) return;
      out.push(...wrap([seg(label ? `${label}: ` : '', dim), ...cell], { width, first: [seg('  ')], rest: [seg('    ')] }));
    });
  });
  return out;
}
