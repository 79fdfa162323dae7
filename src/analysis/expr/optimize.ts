/**
 * The expr optimizer passes that change observable behaviour (run after folding):
 *
 * - `inRange`: `x in 1..10` with an `int` x becomes `1 <= x && x <= 10`, so no range is built
 *   (and a huge range does not hit the memory budget);
 * - `filterFirst` / `filterLast`: `filter(a, p)[0]` / `[-1]` become `find` / `findLast` that fail
 *   with `reflect: slice index out of range` when nothing matches, and `first(filter(a, p))` /
 *   `last(filter(a, p))` become the nil-returning forms.
 *
 * The other expr passes (in-array sets, sum/map fusion, ...) give the same results and are omitted.
 */
import type { BuiltinNode, Node } from './ast.js';

/**
 * Applies the passes to every node (post-order).
 *
 * @example optimize(parse('filter(result, # > 1)[0]')) // { k: 'builtin', name: 'find', throws: true, ... }
 */
export function optimize(node: Node): Node {
  return rewrite(mapChildren(node, optimize));
}

function rewrite(node: Node): Node {
  if (node.k === 'binary' && node.op === 'in') {
    const range = node.right;
    const left = node.left;
    if (left.nt?.type?.k === 'int' && left.nt.type.name === 'int' && range.k === 'binary' && range.op === '..') {
      if (range.left.k === 'int' && range.right.k === 'int') {
        return {
          k: 'binary',
          op: 'and',
          left: { k: 'binary', op: '>=', left, right: range.left },
          right: { k: 'binary', op: '<=', left, right: range.right },
        };
      }
    }
  }
  if (node.k === 'member' && !node.optional && node.prop.k === 'int' && isFilter(node.node)) {
    if (node.prop.value === 0n) return { k: 'builtin', name: 'find', args: node.node.args, throws: true };
    if (node.prop.value === -1n) return { k: 'builtin', name: 'findLast', args: node.node.args, throws: true };
  }
  if (node.k === 'builtin' && node.args.length === 1 && (node.name === 'first' || node.name === 'last')) {
    const inner = node.args[0];
    if (inner !== undefined && isFilter(inner)) {
      return { k: 'builtin', name: node.name === 'first' ? 'find' : 'findLast', args: inner.args };
    }
  }
  return node;
}

function isFilter(node: Node): node is BuiltinNode {
  return node.k === 'builtin' && node.name === 'filter' && node.args.length === 2;
}

/**
 * Rebuilds a node with `f` applied to each child (shared by the tree passes).
 *
 * @example mapChildren(parse('-x'), (n) => n) // a copy of the unary node with the same operand
 */
export function mapChildren(node: Node, f: (n: Node) => Node): Node {
  switch (node.k) {
    case 'unary':
      return { ...node, node: f(node.node) };
    case 'binary':
      return { ...node, left: f(node.left), right: f(node.right) };
    case 'chain':
    case 'predicate':
      return { ...node, node: f(node.node) };
    case 'member':
      return { ...node, node: f(node.node), prop: f(node.prop) };
    case 'slice':
      return {
        ...node,
        node: f(node.node),
        from: node.from === undefined ? undefined : f(node.from),
        to: node.to === undefined ? undefined : f(node.to),
      };
    case 'call':
      return { ...node, callee: f(node.callee), args: node.args.map(f) };
    case 'builtin':
      return { ...node, args: node.args.map(f) };
    case 'let':
      return { ...node, value: f(node.value), expr: f(node.expr) };
    case 'seq':
    case 'array':
      return { ...node, nodes: node.nodes.map(f) };
    case 'cond':
      return { ...node, cond: f(node.cond), a: f(node.a), b: f(node.b) };
    case 'map':
      return { ...node, pairs: node.pairs.map((p) => ({ key: f(p.key), value: f(p.value) })) };
    default:
      return node;
  }
}
