/**
 * Moving parsed pieces into place (parse.ts, for long chains parsed apart): shifting an operand's
 * positions from its own text to the query's, and putting each chain's AST where its placeholder
 * selector stands. Both walk the tree with an explicit stack: a chain of thousands of operands is as
 * deep as it is long.
 *
 *   shiftPositions(<1 + 2 at 0..5>, 10) ⇒ the same tree at 10..15 (children too)
 *   substitute(<sum(x        )>, Map{4 ⇒ <a + b + …>}) ⇒ <sum(a + b + …)>   (the hole starts at 4)
 */
import type { Expr, PosRange } from './ast.js';

type Mutable = { pos: PosRange } & Record<string, unknown>;

/** The child expressions of a node, as [holder, key] pairs (a holder is the node or its `args` array). */
function childSlots(e: Expr): Array<[Record<string | number, unknown>, string | number]> {
  const node = e as unknown as Record<string, unknown>;
  switch (e.kind) {
    case 'binary': return [[node, 'lhs'], [node, 'rhs']];
    case 'unary': case 'paren': case 'subquery': return [[node, 'expr']];
    case 'matrixSelector': return [[node, 'vs']];
    case 'aggregate': return e.param ? [[node, 'param'], [node, 'expr']] : [[node, 'expr']];
    case 'call': return e.args.map((_, i) => [e.args as unknown as Record<number, unknown>, i]);
    default: return [];
  }
}

/**
 * How many nodes deep the tree is (an explicit stack: it may be deeper than the call stack allows).
 * `depthOf(<1 + 2 + 3>)` ⇒ 3 (two binary nodes, then a number).
 */
export function depthOf(root: Expr): number {
  let deepest = 0;
  const todo: Array<[Expr, number]> = [[root, 1]];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    const [n, d] = item;
    if (d > deepest) deepest = d;
    for (const [holder, key] of childSlots(n)) todo.push([holder[key] as Expr, d + 1]);
  }
  return deepest;
}

/** Adds `by` to every position in `e` (in place: the tree was just built for this); returns `e`. */
export function shiftPositions(e: Expr, by: number): Expr {
  if (by === 0) return e;
  const todo: Expr[] = [e];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    const m = n as unknown as Mutable;
    m.pos = { start: n.pos.start + by, end: n.pos.end + by };
    for (const [holder, key] of childSlots(n)) todo.push(holder[key] as Expr);
  }
  return e;
}

/**
 * Replaces each placeholder selector with its chain's AST, in place; returns the root. A placeholder is
 * known by where it starts: no other selector can start inside a chain that was cut out.
 */
export function substitute(root: Expr, parts: ReadonlyMap<number, Expr>): Expr {
  const isHole = (n: Expr): boolean => n.kind === 'vectorSelector' && parts.has(n.pos.start);
  if (isHole(root)) return parts.get(root.pos.start) as Expr;
  const todo: Expr[] = [root];
  for (let n = todo.pop(); n !== undefined; n = todo.pop()) {
    for (const [holder, key] of childSlots(n)) {
      const child = holder[key] as Expr;
      if (isHole(child)) holder[key] = parts.get(child.pos.start);
      else todo.push(child);
    }
  }
  return root;
}
