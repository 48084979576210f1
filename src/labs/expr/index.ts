import { FUNCTIONS } from './evaluate.js';
import { parseExpression, type Arg, type Expr } from './parse.js';

// The check-expression language in one import: compile (parse plus the checks that need no
// run: known functions, argument counts, `it` only inside predicates), evaluate, templates.

export { evaluate, FUNCTIONS, describe, resolvePath, type EvalResult, type Value } from './evaluate.js';
export { FILTERS, formatNumber, formatValue } from './format.js';
export { parseExpression, pathText, type Expr, type Segment } from './parse.js';
export { checkPaths, pathsIn, type PathProblem } from './paths.js';
export { parseTemplate, renderTemplate, templateExpressions, type TemplatePart } from './template.js';

export type CompileResult = { ok: true; expr: Expr } | { ok: false; error: { message: string; column: number } };

/** Parses and checks an expression without running anything. Never throws. */
export function compileExpression(text: string): CompileResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const problem = staticProblem(parsed.expr, false);
  return problem ? { ok: false, error: problem } : parsed;
}

function staticProblem(node: Arg, inPredicate: boolean): { message: string; column: number } | null {
  switch (node.type) {
    case 'path':
      return node.root === 'it' && !inPredicate
        ? { message: '"it" is the item a predicate looks at: use it inside all(), any(), count(), filter() or map()', column: node.start + 1 }
        : null;
    case 'unary':
      return staticProblem(node.operand, inPredicate);
    case 'binary':
      return staticProblem(node.left, inPredicate) ?? staticProblem(node.right, inPredicate);
    case 'ternary':
      return staticProblem(node.cond, inPredicate) ?? staticProblem(node.then, inPredicate) ?? staticProblem(node.else, inPredicate);
    case 'section':
      return staticProblem(node.right, inPredicate);
    case 'call': {
      const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
      if (!spec) return { message: `unknown function "${node.name}" (functions: ${Object.keys(FUNCTIONS).join(', ')})`, column: node.start + 1 };
      const [lo, hi] = spec.arity;
      if (node.args.length < lo || node.args.length > hi) {
        const n = lo === hi ? `${lo}` : hi === Infinity ? `${lo} or more` : `${lo} or ${hi}`;
        return { message: `${node.name} takes ${n} argument${hi === 1 ? '' : 's'}: ${spec.usage}`, column: node.start + 1 };
      }
      for (const [i, a] of node.args.entries()) {
        const isPredicate = spec.predicate === true && i === 1;
        if (a.type === 'section' && node.name === 'map') return { message: 'map needs an expression using it, e.g. map(list, it.recordsIn)', column: a.start + 1 };
        if (a.type === 'section' && !isPredicate) {
          return { message: `"${a.op} …" alone is a predicate; it belongs as the second argument of all, any, count or filter`, column: a.start + 1 };
        }
        const p = staticProblem(a, inPredicate || isPredicate);
        if (p) return p;
      }
      return null;
    }
    default:
      return null;
  }
}
