/**
 * Type checking after parsing, as Prometheus 2.42's parser.checkAST: argument types, scalar
 * comparisons needing `bool`, vector matching only between vectors, selectors needing a non-empty
 * matcher, ... Throws ParseError (from parse.ts) with 2.42's message and position.
 *
 *   checkAST(<1 > 2>) throws ParseError(2, 'comparisons between scalars must use BOOL modifier')
 */
import { COMPARISON_OPS, FUNCTIONS, SET_OPS, documentedType, typeOf } from './ast.js';
import type { AggregateExpr, BinaryExpr, Call, Expr, PosRange, ValueType, VectorSelector } from './ast.js';
import { ParseError } from './errors.js';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Checks `node` and its children (the first problem in 2.42's order throws); returns the node's type. */
export function checkAST(node: Expr, query: string): ValueType {
  switch (node.kind) {
    case 'aggregate':
      checkAggregate(node, query);
      break;
    case 'binary':
      checkBinary(node, query);
      break;
    case 'call':
      checkCall(node, query);
      break;
    case 'paren':
      checkAST(node.expr, query);
      break;
    case 'unary': {
      const t = checkAST(node.expr, query);
      if (t !== 'scalar' && t !== 'vector') {
        fail(node.pos, `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(t)}"`);
      }
      break;
    }
    case 'subquery': {
      const t = checkAST(node.expr, query);
      if (t !== 'vector') fail(node.pos, `subquery is only allowed on instant vector, got ${t} instead`);
      break;
    }
    case 'matrixSelector':
      checkAST(node.vs, query);
      break;
    case 'vectorSelector':
      checkVectorSelector(node);
      break;
    case 'number':
    case 'string':
      break;
  }
  return typeOf(node);
}

/** Stops checking with 2.42's message at `pos` (a node's range starts where the error is reported). */
function fail(pos: PosRange | number, msg: string): never {
  throw new ParseError(typeof pos === 'number' ? pos : pos.start, msg);
}

/** Checks `e`, then that it has type `want` (2.42's expectType). */
function expectType(e: Expr, want: ValueType, context: string, query: string): void {
  const t = checkAST(e, query);
  if (t !== want) fail(e.pos, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
}

/** The aggregated expression is a vector; topk/bottomk/quantile take a scalar parameter, count_values a string. */
function checkAggregate(node: AggregateExpr, query: string): void {
  expectType(node.expr, 'vector', 'aggregation expression', query);
  if (node.op === 'topk' || node.op === 'bottomk' || node.op === 'quantile') {
    expectType(node.param as Expr, 'scalar', 'aggregation parameter', query);
  }
  if (node.op === 'count_values') expectType(node.param as Expr, 'string', 'aggregation parameter', query);
}

/**
 * A binary expression, in 2.42's order: operands, the `bool` modifier, the on/group clauses, then the
 * operand types against the matching and the operator. Normalizes `node.matching` as 2.42 does (set
 * operators match many-to-many; matching is dropped when a side is a scalar).
 */
function checkBinary(node: BinaryExpr, query: string): void {
  const lt = checkAST(node.lhs, query);
  const rt = checkAST(node.rhs, query);
  const opStart = operatorStart(node, query);
  if (node.returnBool && !COMPARISON_OPS.has(node.op)) fail(opStart, 'bool modifier can only be used on comparison operators');
  if (COMPARISON_OPS.has(node.op) && !node.returnBool && lt === 'scalar' && rt === 'scalar') {
    fail(opStart, 'comparisons between scalars must use BOOL modifier');
  }
  const m = node.matching;
  if (m && SET_OPS.has(node.op) && m.card === 'one-to-one') m.card = 'many-to-many';
  if (m?.on) {
    for (const l of m.labels) {
      if (m.include.includes(l)) fail(opStart, `label "${l}" must not occur in ON and GROUP clause at once`);
    }
  }
  checkOperandTypes(node, lt, rt);
}

/** Where 2.42 reports operator errors: the first non-space character after the left operand. `a  > b` ⇒ 3. */
function operatorStart(node: BinaryExpr, query: string): number {
  let i = node.lhs.pos.end;
  while (isSpace(query[i])) i++;
  return i;
}

/** Operands must be scalars or instant vectors; matching and set operators need vectors on both sides. */
function checkOperandTypes(node: BinaryExpr, lt: ValueType, rt: ValueType): void {
  const m = node.matching;
  if (lt !== 'scalar' && lt !== 'vector') fail(node.lhs.pos, 'binary expression must contain only scalar and instant vector types');
  if (rt !== 'scalar' && rt !== 'vector') fail(node.rhs.pos, 'binary expression must contain only scalar and instant vector types');
  if ((lt !== 'vector' || rt !== 'vector') && m) {
    if (m.labels.length > 0) fail(node.pos, 'vector matching only allowed between instant vectors');
    node.matching = null;
  } else if (m && SET_OPS.has(node.op)) {
    if (m.card === 'one-to-many' || m.card === 'many-to-one') fail(node.pos, `no grouping allowed for "${node.op}" operation`);
  }
  if ((lt === 'scalar' || rt === 'scalar') && SET_OPS.has(node.op)) {
    fail(node.pos, `set operator "${node.op}" not allowed in binary scalar expression`);
  }
}

/** A known function, the right number of arguments (variadic ones within bounds), each of its declared type. */
function checkCall(node: Call, query: string): void {
  const def = FUNCTIONS[node.func];
  if (!def) return fail(node.pos, `unknown function with name "${node.func}"`);
  const nargs = def.args.length;
  const got = node.args.length;
  if (def.variadic === 0) {
    if (nargs !== got) fail(node.pos, `expected ${nargs} argument(s) in call to "${node.func}", got ${got}`);
  } else {
    const na = nargs - 1;
    if (na > got) fail(node.pos, `expected at least ${na} argument(s) in call to "${node.func}", got ${got}`);
    else if (def.variadic > 0 && na + def.variadic < got) {
      fail(node.pos, `expected at most ${na + def.variadic} argument(s) in call to "${node.func}", got ${got}`);
    }
  }
  node.args.forEach((arg, i) => {
    if (i >= nargs && def.variadic === 0) return;
    const want = def.args[Math.min(i, nargs - 1)] as ValueType;
    expectType(arg, want, `call to function "${node.func}"`, query);
  });
}

/** A name given twice (`x{__name__="y"}`) or a selector whose every matcher matches "" is refused. */
function checkVectorSelector(node: VectorSelector): void {
  if (node.name !== '') {
    for (const m of node.matchers.slice(0, -1)) {
      if (m.name === '__name__') fail(node.pos, `metric name must not be set twice: "${node.name}" or "${m.value}"`);
    }
    return;
  }
  if (!node.matchers.some((m) => !m.matches(''))) fail(node.pos, 'vector selector must contain at least one non-empty matcher');
}
