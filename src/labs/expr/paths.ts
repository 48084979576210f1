import { evaluate, FUNCTIONS, resolvePath, type Scope, type Value } from './evaluate.js';
import { pathText, type Arg, type Expr } from './parse.js';

// The linter's question about an expression: does every path it names exist in a real run's
// document? Paths are checked where they are written, whatever && or ?: would skip, and a `*`
// path must match at least one item. Paths on `it` must exist on at least one item of the list
// their predicate looks at.

export interface PathProblem {
  path: string;
  message: string;
  /** 1-based column in the expression. */
  column: number;
}

export function checkPaths(expr: Expr, doc: Record<string, unknown>): PathProblem[] {
  const problems: PathProblem[] = [];
  walk(expr, doc, {}, problems, null);
  return problems;
}

/**
 * `items`: what `it` can be inside a predicate: null outside one, 'unknown' inside one whose
 * list could not be evaluated (its own problem is reported; `it` paths are left alone).
 */
type Items = Value[] | null | 'unknown';

function walk(node: Arg, doc: Record<string, unknown>, scope: Scope, out: PathProblem[], items: Items): void {
  switch (node.type) {
    case 'path': {
      const path = pathText(node.root, node.segments);
      if (node.root === 'it' && items === 'unknown') return;
      if (node.root === 'it' && Array.isArray(items)) {
        if (items.length === 0) return; // nothing to look at: the list's own path is checked
        const tries = items.map((item) => resolvePath(node.root, node.segments, node.start, doc, { ...scope, it: { value: item } }));
        if (tries.some((t) => t.ok)) return;
        const first = tries[0]!;
        if (!first.ok) out.push({ path, message: first.message, column: first.column });
        return;
      }
      const r = resolvePath(node.root, node.segments, node.start, doc, scope);
      if (!r.ok) out.push({ path, message: r.message, column: r.column });
      else if (r.fanned && r.matches === 0) out.push({ path, message: `${path} matches nothing in this run`, column: node.start + 1 });
      return;
    }
    case 'unary':
      walk(node.operand, doc, scope, out, items);
      return;
    case 'binary':
      walk(node.left, doc, scope, out, items);
      walk(node.right, doc, scope, out, items);
      return;
    case 'ternary':
      walk(node.cond, doc, scope, out, items);
      walk(node.then, doc, scope, out, items);
      walk(node.else, doc, scope, out, items);
      return;
    case 'section':
      walk(node.right, doc, scope, out, items);
      return;
    case 'call': {
      const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
      const [first, pred, ...rest] = node.args;
      if (!spec?.predicate || !first || !pred) {
        for (const a of node.args) walk(a, doc, scope, out, items);
        return;
      }
      walk(first, doc, scope, out, items);
      const list = first.type === 'section' ? null : evaluate(first, doc, scope);
      const elements = list?.ok ? (Array.isArray(list.value) ? list.value : list.value !== null && typeof list.value === 'object' ? Object.values(list.value) : null) : null;
      // Without the list's items, `it` cannot be checked; the list's own problem is reported.
      walk(pred, doc, scope, out, elements ?? 'unknown');
      for (const a of rest) walk(a, doc, scope, out, items);
      return;
    }
    default:
      return;
  }
}

/** Every path written in an expression, as text (for documentation and tests). */
export function pathsIn(node: Arg): string[] {
  switch (node.type) {
    case 'path':
      return [pathText(node.root, node.segments)];
    case 'unary':
      return pathsIn(node.operand);
    case 'binary':
      return [...pathsIn(node.left), ...pathsIn(node.right)];
    case 'ternary':
      return [...pathsIn(node.cond), ...pathsIn(node.then), ...pathsIn(node.else)];
    case 'section':
      return pathsIn(node.right);
    case 'call':
      return node.args.flatMap(pathsIn);
    default:
      return [];
  }
}
