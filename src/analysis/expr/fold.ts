/**
 * expr's constant folding (`optimizer/fold.go`), which runs after type checking and is not only
 * an optimisation: `x || true` becomes `true` without evaluating `x` (so an index error in `x`
 * never happens), `x && true` becomes `x` (no bool check on `x`), and `7 % 0` is a compile error.
 */
import type { Node } from './ast.js';
import { mapChildren } from './optimize.js';
import { goPow } from './runtime.js';
import { T_BOOL, T_FLOAT, T_INT, of } from './types.js';

/** A compile-time error raised by folding (only "integer divide by zero"). */
export class FoldError extends Error {}

/**
 * Folds constants until nothing changes (at most 1000 rounds, like expr).
 *
 * @example fold(parse('result[0] > 1 || 1 == 1')) // { k: 'bool', value: true }
 */
export function fold(root: Node): Node {
  let node = root;
  for (let round = 0; round <= 1000; round++) {
    const state = { applied: false };
    node = walk(node, state);
    if (!state.applied) break;
  }
  return node;
}

interface State {
  applied: boolean;
}

/** Post-order walk: children first, then the node itself (Go's `ast.Walk`). */
function walk(node: Node, s: State): Node {
  const rebuilt = mapChildren(node, (n) => walk(n, s));
  return rebuilt.k === 'unary' || rebuilt.k === 'binary' ? visit(rebuilt, s) : rebuilt;
}

type Num = { readonly int: bigint } | { readonly float: number };

function num(n: Node): Num | undefined {
  if (n.k === 'int') return { int: n.value };
  if (n.k === 'float') return { float: n.value };
  return undefined;
}

const asFloat = (n: Num): number => ('int' in n ? Number(n.int) : n.float);
// Folded literals carry their nature, as expr's patchWithType does (later passes read it).
const wrap = (v: bigint): Node => ({ k: 'int', value: BigInt.asIntN(64, v), nt: of(T_INT) });
const float = (value: number): Node => ({ k: 'float', value, nt: of(T_FLOAT) });
const bool = (value: boolean): Node => ({ k: 'bool', value, nt: of(T_BOOL) });

function visit(node: Node, s: State): Node {
  const out = foldNode(node);
  if (out !== node) s.applied = true;
  return out;
}

function foldNode(node: Node): Node {
  if (node.k === 'unary') {
    const n = node.node;
    if (node.op === '-' && n.k === 'int') return wrap(-n.value);
    if (node.op === '-' && n.k === 'float') return float(-n.value);
    if (node.op === '+' && (n.k === 'int' || n.k === 'float')) return { ...n };
    if ((node.op === '!' || node.op === 'not') && n.k === 'bool') return bool(!n.value);
    return node;
  }
  if (node.k !== 'binary') return node;
  const { op, left, right } = node;
  const a = num(left);
  const b = num(right);
  if (a !== undefined && b !== undefined) {
    const ints = 'int' in a && 'int' in b ? ([a.int, b.int] as const) : undefined;
    switch (op) {
      case '+':
        return ints ? wrap(ints[0] + ints[1]) : float(asFloat(a) + asFloat(b));
      case '-':
        return ints ? wrap(ints[0] - ints[1]) : float(asFloat(a) - asFloat(b));
      case '*':
        return ints ? wrap(ints[0] * ints[1]) : float(asFloat(a) * asFloat(b));
      case '/':
        return float(asFloat(a) / asFloat(b));
      case '%':
        if (ints === undefined) return node;
        if (ints[1] === 0n) throw new FoldError('integer divide by zero');
        return wrap(ints[0] % ints[1]);
      case '**':
      case '^':
        return float(goPow(asFloat(a), asFloat(b)));
      case '==':
        return ints ? bool(ints[0] === ints[1]) : node;
    }
  }
  if (op === '+' && left.k === 'string' && right.k === 'string') return { k: 'string', value: left.value + right.value };
  if (op === '==' && left.k === 'string' && right.k === 'string') return bool(left.value === right.value);
  if (op === '==' && left.k === 'bool' && right.k === 'bool') return bool(left.value === right.value);
  const la = left.k === 'bool' ? left.value : undefined;
  const rb = right.k === 'bool' ? right.value : undefined;
  if (op === 'and' || op === '&&') {
    if (la === true) return right;
    if (rb === true) return left;
    if (la === false || rb === false) return bool(false);
  }
  if (op === 'or' || op === '||') {
    if (la === false) return right;
    if (rb === false) return left;
    if (la === true || rb === true) return bool(true);
  }
  return node;
}
