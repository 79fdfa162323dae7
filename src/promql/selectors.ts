/** The selectors of a parsed query: what it reads from the store. Pure, from the AST. */
import type { Expr, VectorSelector } from './ast.js';

/** Every selector of a query, in the order written. Example: 'a / on() b[5m]' → [a, b]. */
export function selectors(e: Expr): VectorSelector[] {
  switch (e.kind) {
    case 'vectorSelector': return [e];
    case 'matrixSelector': return [e.vs];
    case 'subquery': case 'unary': case 'paren': return selectors(e.expr);
    case 'call': return e.args.flatMap(selectors);
    case 'aggregate': return [...selectors(e.expr), ...(e.param === null ? [] : selectors(e.param))];
    case 'binary': return [...selectors(e.lhs), ...selectors(e.rhs)];
    default: return [];
  }
}
