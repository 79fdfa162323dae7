/**
 * Syntax tree of a condition, mirroring expr's `ast` package node for node. The checker records
 * each node's {@link Nature} in `nt` (the evaluator does not need it).
 */
import type { Nature } from './types.js';
import type { ExprValue } from './values.js';

interface Base {
  nt?: Nature;
}

export interface NilNode extends Base { readonly k: 'nil' }
export interface IdentNode extends Base { readonly k: 'ident'; readonly name: string }
export interface IntNode extends Base { readonly k: 'int'; readonly value: bigint }
export interface FloatNode extends Base { readonly k: 'float'; readonly value: number }
export interface BoolNode extends Base { readonly k: 'bool'; readonly value: boolean }
export interface StringNode extends Base { readonly k: 'string'; readonly value: string }
/** A folded constant (an array literal of literals becomes one). */
export interface ConstNode extends Base { readonly k: 'const'; readonly value: ExprValue }
export interface UnaryNode extends Base { readonly k: 'unary'; readonly op: string; readonly node: Node }
export interface BinaryNode extends Base {
  readonly k: 'binary';
  readonly op: string;
  readonly left: Node;
  readonly right: Node;
}
/** Wraps a member chain containing `?.`: a nil base short-circuits the whole chain to nil. */
export interface ChainNode extends Base { readonly k: 'chain'; readonly node: Node }
export interface MemberNode extends Base {
  readonly k: 'member';
  readonly node: Node;
  readonly prop: Node;
  readonly optional: boolean;
  /** True when the member is called (`a.b()`): error messages then say "method". */
  method: boolean;
}
export interface SliceNode extends Base {
  readonly k: 'slice';
  readonly node: Node;
  readonly from: Node | undefined;
  readonly to: Node | undefined;
}
export interface CallNode extends Base { readonly k: 'call'; readonly callee: Node; readonly args: Node[] }
export interface BuiltinNode extends Base {
  readonly k: 'builtin';
  readonly name: string;
  readonly args: Node[];
  /** `find`/`findLast` made from `filter(...)[0]` / `[-1]`: no match is an index error, not nil. */
  readonly throws?: boolean;
}
export interface PredicateNode extends Base { readonly k: 'predicate'; readonly node: Node }
/** `#`, `#index`, `#acc` (or `.field` shorthand, which is `#` followed by a member). */
export interface PointerNode extends Base { readonly k: 'pointer'; readonly name: string }
export interface LetNode extends Base {
  readonly k: 'let';
  readonly name: string;
  readonly value: Node;
  readonly expr: Node;
}
export interface SeqNode extends Base { readonly k: 'seq'; readonly nodes: Node[] }
export interface CondNode extends Base {
  readonly k: 'cond';
  readonly cond: Node;
  readonly a: Node;
  readonly b: Node;
}
export interface ArrayNode extends Base { readonly k: 'array'; readonly nodes: Node[] }
export interface PairNode { readonly key: Node; readonly value: Node }
export interface MapNode extends Base { readonly k: 'map'; readonly pairs: PairNode[] }

export type Node =
  | NilNode
  | IdentNode
  | IntNode
  | FloatNode
  | BoolNode
  | StringNode
  | ConstNode
  | UnaryNode
  | BinaryNode
  | ChainNode
  | MemberNode
  | SliceNode
  | CallNode
  | BuiltinNode
  | PredicateNode
  | PointerNode
  | LetNode
  | SeqNode
  | CondNode
  | ArrayNode
  | MapNode;

/** Names expr parses as built-in calls (v1.17.8 `builtin.Builtins` plus the predicate forms). */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count', 'sum',
  'groupBy', 'sortBy', 'reduce', 'len', 'type', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'trim',
  'trimPrefix', 'trimSuffix', 'upper', 'lower', 'split', 'splitAfter', 'replace', 'repeat', 'join', 'indexOf',
  'lastIndexOf', 'hasPrefix', 'hasSuffix', 'max', 'min', 'mean', 'median', 'toJSON', 'fromJSON', 'toBase64',
  'fromBase64', 'now', 'duration', 'date', 'timezone', 'first', 'last', 'get', 'take', 'keys', 'values',
  'toPairs', 'fromPairs', 'reverse', 'uniq', 'concat', 'flatten', 'sort', 'bitand', 'bitor', 'bitxor', 'bitnand',
  'bitshl', 'bitshr', 'bitushr', 'bitnot',
]);

/** Argument shapes of the predicate built-ins: `expr`, `pred`, optional ones end with `?`. */
export const PREDICATE_ARGS: Readonly<Record<string, readonly string[]>> = {
  all: ['expr', 'pred'],
  none: ['expr', 'pred'],
  any: ['expr', 'pred'],
  one: ['expr', 'pred'],
  filter: ['expr', 'pred'],
  map: ['expr', 'pred'],
  count: ['expr', 'pred?'],
  sum: ['expr', 'pred?'],
  find: ['expr', 'pred'],
  findIndex: ['expr', 'pred'],
  findLast: ['expr', 'pred'],
  findLastIndex: ['expr', 'pred'],
  groupBy: ['expr', 'pred'],
  sortBy: ['expr', 'pred', 'expr?'],
  reduce: ['expr', 'pred', 'expr?'],
};
