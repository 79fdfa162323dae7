/**
 * Run time of the predicate built-ins (`all any none one filter map count sum find findIndex
 * findLast findLastIndex reduce` and `get`), following expr's compiled loops: `sum` adds each
 * element to an int 0 accumulator, `findIndex` gives nil when nothing matches, `one` visits every
 * element, and a predicate that is not a bool is a type-assertion panic.
 */
import { utf8Encode } from '../../go/index.js';
import type { BuiltinNode, Node } from './ast.js';
import { goTypeName } from './gofmt.js';
import * as R from './runtime.js';
import { ExprPanic, GoInt, isExprMap, sliceItems } from './values.js';
import type { ExprValue } from './values.js';

/** What the predicate built-ins need from the evaluator. */
export interface PredicateHost {
  visit(node: Node): ExprValue;
  /** Evaluates `pred` with `#` = item, `#index` = index, `#acc` = acc. */
  withFrame(item: ExprValue, index: number, acc: ExprValue, pred: Node): ExprValue;
  grow(n: number): void;
}

const NIL_NODE: Node = { k: 'nil' };
const SLICE_INDEX = 'reflect: slice index out of range';

/**
 * Runs a predicate built-in node.
 *
 * @example runPredicateBuiltin(host, parse('sum(result)'))   // int 0 for an empty vector
 */
export function runPredicateBuiltin(host: PredicateHost, node: BuiltinNode): ExprValue {
  const { name, args } = node;
  if (name === 'get') return get(host, args);
  const items = collection(host.visit(args[0] ?? NIL_NODE));
  const pred = args[1];
  const apply = (x: ExprValue, i: number): ExprValue => (pred === undefined ? x : host.withFrame(x, i, null, pred));
  const test = (x: ExprValue, i: number): boolean => R.asBool(apply(x, i));
  switch (name) {
    case 'all':
      return items.every(test);
    case 'any':
      return items.some(test);
    case 'none':
      return !items.some(test);
    case 'one':
      return items.filter(test).length === 1;
    case 'count':
      return new GoInt(BigInt(items.filter(test).length));
    case 'filter':
      return grown(host, items.filter(test));
    case 'map':
      return grown(host, items.map(apply));
    case 'sum':
      return items.reduce<ExprValue>((acc, x, i) => R.arithmetic('+', apply(x, i), acc), new GoInt(0n));
    case 'find':
    case 'findIndex': {
      const i = items.findIndex(test);
      return found(node, items, i, name === 'findIndex');
    }
    case 'findLast':
    case 'findLastIndex': {
      let i = items.length - 1;
      while (i >= 0 && !test(items[i] ?? null, i)) i--;
      return found(node, items, i, name === 'findLastIndex');
    }
    case 'reduce':
      return reduce(host, items, pred ?? NIL_NODE, args[2]);
  }
  throw new ExprPanic(`builtin ${name} is not supported by rollout-sim`);
}

function found(node: BuiltinNode, items: readonly ExprValue[], i: number, wantIndex: boolean): ExprValue {
  if (i < 0) {
    if (node.throws === true) throw new ExprPanic(SLICE_INDEX);
    return null;
  }
  return wantIndex ? new GoInt(BigInt(i)) : (items[i] ?? null);
}

function grown(host: PredicateHost, values: ExprValue[]): ExprValue[] {
  host.grow(values.length);
  return values;
}

function reduce(host: PredicateHost, items: readonly ExprValue[], pred: Node, init: Node | undefined): ExprValue {
  let acc: ExprValue;
  let start = 0;
  if (init !== undefined) acc = host.visit(init);
  else if (items.length > 0) [acc, start] = [items[0] ?? null, 1];
  else throw new ExprPanic(SLICE_INDEX);
  for (let i = start; i < items.length; i++) acc = host.withFrame(items[i] ?? null, i, acc, pred);
  return acc;
}

/** `get(a, i)`: like `a[i]`, but nil instead of an error. */
function get(host: PredicateHost, args: readonly Node[]): ExprValue {
  const [from, i] = args.map((a) => host.visit(a));
  try {
    return R.fetch(from ?? null, i ?? null);
  } catch (e) {
    if (e instanceof ExprPanic) return null;
    throw e;
  }
}

/** The elements a predicate built-in iterates (Go's reflect `Len`/`Index` on the collection). */
function collection(v: ExprValue): readonly ExprValue[] {
  const items = sliceItems(v);
  if (items !== undefined) return items;
  if (typeof v === 'string') return utf8Encode(v).map((b) => new GoInt(BigInt(b), 'uint8'));
  if (v === null) throw new ExprPanic('reflect: call of reflect.Value.Len on zero Value');
  if (isExprMap(v)) {
    if (Object.keys(v).length === 0) return [];
    throw new ExprPanic('reflect: call of reflect.Value.Index on map Value');
  }
  throw new ExprPanic(`reflect: call of reflect.Value.Len on ${goTypeName(v)} Value`);
}
