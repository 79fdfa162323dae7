/**
 * Argo Rollouts' condition language: expr-lang/expr v1.17.8 as `EvalCondition` uses it
 * (utils/evaluate/evaluate.go), re-implemented without `eval`: lexer → parser → type checker
 * (against the Go type of `result`) → constant folding → tree-walking evaluator.
 *
 * Errors are values carrying exactly the message Argo reports (expr's `file.Error.Message`,
 * without position or snippet).
 */
import type { Node } from './ast.js';
import { CheckError, check } from './checker.js';
import { FoldError, fold } from './fold.js';
import { goTypeName } from './gofmt.js';
import { SyntaxError } from './lexer.js';
import { optimize } from './optimize.js';
import { parse } from './parser.js';
import { evaluate } from './evaluator.js';
import { resultTypeOf } from './types.js';
import type { ResultTypeInfo } from './types.js';
import { ExprPanic } from './values.js';
import type { ExprValue } from './values.js';

export type { ExprValue, ExprMap, IntTypeName, SliceElem } from './values.js';
export { GoInt, GoSlice, GoFunc, goInt, float64Vector, fromJson } from './values.js';
export type { GoType, ResultTypeInfo } from './types.js';
export { resultTypeOf, typeString } from './types.js';
export { formatValue, goTypeName } from './gofmt.js';

/** A compiled condition: the checked, folded tree and the `result` type it was checked against. */
export interface Program {
  readonly source: string;
  readonly resultType: ResultTypeInfo;
  readonly root: Node;
}

export type CompileResult = { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly error: string };
export type RunResult = { readonly ok: true; readonly value: ExprValue } | { readonly ok: false; readonly error: string };
export type ConditionResult = { readonly ok: boolean } | { readonly error: string };

const TOO_DEEP = 'expression is too deeply nested';

/**
 * `expr.Compile(condition, expr.Env(env))`: parse, type-check against `result`'s Go type, fold
 * and optimize (the passes that change behaviour).
 *
 * @example compileCondition('result[0] < 0.01', resultTypeOf(float64Vector([])))  // { ok: true, program }
 * @example compileCondition('result < 0.01', resultTypeOf(float64Vector([0.1])))
 * // { ok: false, error: 'invalid operation: < (mismatched types []float64 and float64)' }
 */
export function compileCondition(source: string, env: ResultTypeInfo): CompileResult {
  try {
    const tree = parse(source);
    check(tree, env);
    return { ok: true, program: { source, resultType: env, root: optimize(fold(tree)) } };
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof CheckError || e instanceof FoldError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: TOO_DEEP };
    throw e;
  }
}

/**
 * `expr.Run(program, env)` with `result` bound; the value keeps its Go type.
 *
 * @example runProgram(compiled('len(result)'), float64Vector([0.95, 0.99])) // { ok: true, value: GoInt(2n) }
 * @example runProgram(compiled('result[0] < 0.01'), float64Vector([]))
 * // { ok: false, error: 'index out of range: 0 (array length is 0)' }
 */
export function runProgram(program: Program, result: ExprValue): RunResult {
  try {
    return { ok: true, value: evaluate(program.root, result) };
  } catch (e) {
    if (e instanceof ExprPanic) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: TOO_DEEP };
    throw e;
  }
}

/**
 * Argo's `EvalCondition`: compile against `result`'s type, run, and require a bool.
 *
 * @example evalCondition('result < 0.01', 0.004)                    // { ok: true }
 * @example evalCondition('result[0]', float64Vector([0.004]))       // { error: 'expected bool, but got float64' }
 * @example evalCondition('result.successful', { data: 1 })          // { error: 'expected bool, but got <nil>' }
 */
export function evalCondition(source: string, result: ExprValue): ConditionResult {
  const compiled = compileCondition(source, resultTypeOf(result));
  if (!compiled.ok) return { error: compiled.error };
  const ran = runProgram(compiled.program, result);
  if (!ran.ok) return { error: ran.error };
  if (typeof ran.value === 'boolean') return { ok: ran.value };
  return { error: `expected bool, but got ${goTypeName(ran.value)}` };
}
