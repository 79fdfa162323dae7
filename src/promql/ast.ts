/**
 * The typed PromQL AST (what the lezer tree is walked into), mirroring Prometheus 2.42's parser.Expr
 * nodes. Positions are UTF-16 offsets into the query, used for Prometheus-style `line:col` errors.
 */
import type { LabelMatcher } from '../metrics/store.js';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface PosRange {
  readonly start: number;
  readonly end: number;
}

/** `@ <ts>` (ms), `@ start()` or `@ end()` (both the evaluation time of an instant query). */
export type AtModifier = { readonly kind: 'ts'; readonly ms: number } | { readonly kind: 'start' | 'end' };

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless';

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'count_values' | 'quantile';

export interface VectorMatching {
  /** 'one-to-one' | 'many-to-one' (group_left) | 'one-to-many' (group_right) | 'many-to-many' (set ops). */
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  readonly labels: readonly string[];
  readonly on: boolean;
  /** Labels copied from the "one" side (group_left(...) / group_right(...)). */
  readonly include: readonly string[];
}

export interface NumberLiteral { readonly kind: 'number'; readonly value: number; readonly pos: PosRange }
export interface StringLiteral { readonly kind: 'string'; readonly value: string; readonly pos: PosRange }

export interface VectorSelector {
  readonly kind: 'vectorSelector';
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
  offsetMs: number;
  at: AtModifier | null;
  readonly pos: PosRange;
}

export interface MatrixSelector {
  readonly kind: 'matrixSelector';
  readonly vs: VectorSelector;
  readonly rangeMs: number;
  readonly pos: PosRange;
}

export interface SubqueryExpr {
  readonly kind: 'subquery';
  readonly expr: Expr;
  readonly rangeMs: number;
  /** 0 = the default evaluation interval. */
  readonly stepMs: number;
  offsetMs: number;
  at: AtModifier | null;
  readonly pos: PosRange;
}

export interface Call {
  readonly kind: 'call';
  readonly func: string;
  readonly args: readonly Expr[];
  readonly pos: PosRange;
}

export interface AggregateExpr {
  readonly kind: 'aggregate';
  readonly op: AggregateOp;
  readonly expr: Expr;
  readonly param: Expr | null;
  readonly grouping: readonly string[];
  readonly without: boolean;
  readonly pos: PosRange;
}

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  matching: VectorMatching | null;
  readonly pos: PosRange;
}

export interface UnaryExpr { readonly kind: 'unary'; readonly op: '-' | '+'; readonly expr: Expr; readonly pos: PosRange }
export interface ParenExpr { readonly kind: 'paren'; readonly expr: Expr; readonly pos: PosRange }

export type Expr =
  | NumberLiteral | StringLiteral | VectorSelector | MatrixSelector | SubqueryExpr
  | Call | AggregateExpr | BinaryExpr | UnaryExpr | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** The 2.42 function table: argument types, optional trailing arguments, return type. */
export interface FunctionDef {
  readonly args: readonly ValueType[];
  /** Number of trailing optional arguments (−1: unlimited repeats of the last type). */
  readonly variadic: number;
  readonly ret: ValueType;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';
const fn = (args: ValueType[], ret: ValueType, variadic = 0): FunctionDef => ({ args, variadic, ret });

export const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  abs: fn([V], V), absent: fn([V], V), absent_over_time: fn([M], V), acos: fn([V], V), acosh: fn([V], V),
  asin: fn([V], V), asinh: fn([V], V), atan: fn([V], V), atanh: fn([V], V), avg_over_time: fn([M], V),
  ceil: fn([V], V), changes: fn([M], V), clamp: fn([V, S, S], V), clamp_max: fn([V, S], V),
  clamp_min: fn([V, S], V), cos: fn([V], V), cosh: fn([V], V), count_over_time: fn([M], V),
  days_in_month: fn([V], V, 1), day_of_month: fn([V], V, 1), day_of_week: fn([V], V, 1),
  day_of_year: fn([V], V, 1), deg: fn([V], V), delta: fn([M], V), deriv: fn([M], V), exp: fn([V], V),
  floor: fn([V], V), histogram_count: fn([V], V), histogram_sum: fn([V], V),
  histogram_fraction: fn([S, S, V], V), histogram_quantile: fn([S, V], V), holt_winters: fn([M, S, S], V),
  hour: fn([V], V, 1), idelta: fn([M], V), increase: fn([M], V), irate: fn([M], V),
  label_replace: fn([V, STR, STR, STR, STR], V), label_join: fn([V, STR, STR, STR], V, -1),
  last_over_time: fn([M], V), ln: fn([V], V), log10: fn([V], V), log2: fn([V], V),
  max_over_time: fn([M], V), min_over_time: fn([M], V), minute: fn([V], V, 1), month: fn([V], V, 1),
  pi: fn([], S), predict_linear: fn([M, S], V), present_over_time: fn([M], V),
  quantile_over_time: fn([S, M], V), rad: fn([V], V), rate: fn([M], V), resets: fn([M], V),
  round: fn([V, S], V, 1), scalar: fn([V], S), sgn: fn([V], V), sin: fn([V], V), sinh: fn([V], V),
  sort: fn([V], V), sort_desc: fn([V], V), sqrt: fn([V], V), stddev_over_time: fn([M], V),
  stdvar_over_time: fn([M], V), sum_over_time: fn([M], V), tan: fn([V], V), tanh: fn([V], V),
  time: fn([], S), timestamp: fn([V], V), vector: fn([S], V), year: fn([V], V, 1),
};

/** The value type an expression evaluates to (Prometheus' Expr.Type()). */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number': return 'scalar';
    case 'string': return 'string';
    case 'vectorSelector': return 'vector';
    case 'matrixSelector': case 'subquery': return 'matrix';
    case 'call': return FUNCTIONS[e.func]?.ret ?? 'vector';
    case 'aggregate': return 'vector';
    case 'binary': return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'unary': case 'paren': return typeOf(e.expr);
  }
}

/** Prometheus' DocumentedType: `instant vector`, `range vector`, `scalar`, `string`. */
export function documentedType(t: ValueType): string {
  return t === 'vector' ? 'instant vector' : t === 'matrix' ? 'range vector' : t;
}
