import { evaluate, type Value } from './evaluate.js';
import { FILTERS, formatValue } from './format.js';
import { parseExpression, type Expr } from './parse.js';

// Pass and fail texts with `{{EXPRESSION}}` or `{{EXPRESSION | filter}}` holes that quote the
// measured numbers: "{{streams.orders.writeThrottled}} records were throttled".

export type TemplatePart = string | { expr: Expr; source: string; filter?: string; /** 0-based offset of the expression in the text. */ offset: number };

export type TemplateResult = { ok: true; parts: TemplatePart[] } | { ok: false; error: { message: string; offset: number } };

export function parseTemplate(text: string): TemplateResult {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return { ok: false, error: { message: '"{{" is not closed with "}}"', offset: open } };
    const inner = text.slice(open + 2, close);
    // A filter is the last `| name`; `||` is the expression's own "or".
    const filterMatch = /(?<!\|)\|\s*([A-Za-z]+)\s*$/.exec(inner);
    const exprText = filterMatch ? inner.slice(0, filterMatch.index) : inner;
    const filter = filterMatch?.[1];
    if (filter !== undefined && !Object.prototype.hasOwnProperty.call(FILTERS, filter)) {
      return { ok: false, error: { message: `unknown filter "${filter}" (filters: ${Object.keys(FILTERS).join(', ')})`, offset: open + 2 + filterMatch!.index } };
    }
    const leading = exprText.length - exprText.trimStart().length;
    const parsed = parseExpression(exprText.trim());
    const offset = open + 2 + leading;
    if (!parsed.ok) return { ok: false, error: { message: parsed.error.message, offset: offset + parsed.error.column - 1 } };
    parts.push(filter === undefined ? { expr: parsed.expr, source: exprText.trim(), offset } : { expr: parsed.expr, source: exprText.trim(), filter, offset });
    i = close + 2;
  }
  return { ok: true, parts };
}

/** Fills the holes; a hole that cannot be evaluated reads `?` and its reason is returned. */
export function renderTemplate(parts: readonly TemplatePart[], doc: Record<string, unknown>): { text: string; errors: string[] } {
  let text = '';
  const errors: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const r = evaluate(part.expr, doc);
    if (!r.ok) {
      text += '?';
      errors.push(`{{${part.source}}}: ${r.error.message}`);
      continue;
    }
    text += show(r.value, part.filter, errors, part.source);
  }
  return { text, errors };
}

function show(v: Value, filter: string | undefined, errors: string[], source: string): string {
  if (filter === undefined) return formatValue(v);
  const f = FILTERS[filter]!;
  if (typeof v === 'number') return f.format(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return `[${v.map((x) => f.format(x as number)).join(', ')}]`;
  errors.push(`{{${source} | ${filter}}}: the filter needs a number`);
  return formatValue(v);
}

export function templateExpressions(parts: readonly TemplatePart[]): Extract<TemplatePart, object>[] {
  return parts.filter((p): p is Extract<TemplatePart, object> => typeof p !== 'string');
}
