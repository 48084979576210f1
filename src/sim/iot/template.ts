import { evaluate, templateText, type SqlMessage } from './sql-eval.js';
import { parseExpression, SqlParseError, type Expr } from './sql.js';

// Substitution templates in rule actions: `${topic(2)}`, `${deviceId}`, `sensors/${clientid()}`.
// As on AWS, an expression is evaluated against the incoming message (its payload, topic and
// client), not against the SELECT output, so an alias made with AS is not visible here.

export type Template = (m: SqlMessage) => string;

export class TemplateError extends Error {}

export function compileTemplate(text: string): Template {
  const parts: (string | Expr)[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open === -1) {
      parts.push(text.slice(i));
      break;
    }
    if (open > i) parts.push(text.slice(i, open));
    const close = text.indexOf('}', open + 2);
    if (close === -1) throw new TemplateError(`unterminated substitution template in "${text}": a \${ has no closing }`);
    const source = text.slice(open + 2, close);
    try {
      parts.push(parseExpression(source));
    } catch (e) {
      if (e instanceof SqlParseError) throw new TemplateError(`substitution template \${${source}} in "${text}": ${e.message}`);
      throw e;
    }
    i = close + 1;
  }
  if (parts.every((p) => typeof p === 'string')) {
    const constant = parts.join('');
    return () => constant;
  }
  if (parts.length === 1) {
    const only = parts[0] as Expr;
    return (m) => templateText(evaluate(only, m));
  }
  return (m) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : templateText(evaluate(p, m));
    return out;
  };
}
