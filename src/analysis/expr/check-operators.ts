/**
 * Type rules of expr's binary operators (`checker.go` `binaryNode`): which operand natures each
 * operator accepts, the result nature, and the "invalid operation: < (mismatched types []float64
 * and float64)" error otherwise. An unknown side (e.g. an element of `[]interface {}`) is accepted
 * when the other side could work.
 */
import type { Node } from './ast.js';
import type { Checker } from './checker.js';
import { compileRegex } from './regex.js';
import * as N from './types.js';
import type { Nature } from './types.js';

/**
 * An operator whose operands must both pass one of `checks` (or might: one side unknown, the other
 * passing), giving a fixed result nature; most of expr's operators follow this one rule.
 */
interface UniformRule {
  readonly checks: readonly N.NatureCheck[];
  readonly result: () => Nature;
}

const bool = (): Nature => N.of(N.T_BOOL);
/** One uniform rule per operator in `ops`. `rules(['%'], [N.isInteger], int)` ⇒ [['%', {checks, result}]]. */
const rules = (ops: readonly string[], checks: readonly N.NatureCheck[], result: () => Nature): Array<[string, UniformRule]> =>
  ops.map((op) => [op, { checks, result }]);

/** The operators of expr's `binaryNode` that follow the uniform rule, with their checks and result. */
const UNIFORM_RULES: ReadonlyMap<string, UniformRule> = new Map([
  ...rules(['or', '||', 'and', '&&'], [N.isBool], bool),
  ...rules(['<', '>', '>=', '<='], [N.isNumber, N.isString], bool),
  ...rules(['/', '**', '^'], [N.isNumber], () => N.of(N.T_FLOAT)),
  ...rules(['%'], [N.isInteger], () => N.of(N.T_INT)),
  ...rules(['matches', 'contains', 'startsWith', 'endsWith'], [N.isString], bool),
  ...rules(['..'], [N.isInteger], () => N.arrayOf(N.of(N.T_INT))),
]);

/**
 * The nature of `left op right`, or a CheckError.
 *
 * @example checkBinary(v, '/', intNode, intNode) // float64 nature: `/` is always float
 */
export function checkBinary(v: Checker, op: string, leftNode: Node, rightNode: Node): Nature {
  const l = v.visit(leftNode);
  const r = v.visit(rightNode);
  if (op === 'matches' && rightNode.k === 'string') {
    const re = compileRegex(rightNode.value);
    if (typeof re === 'string') v.fail(re);
  }
  const uniform = UNIFORM_RULES.get(op);
  let result: Nature | undefined;
  if (uniform !== undefined) {
    const ok = uniform.checks.some((c) => c(l) && c(r)) || N.maybeCompatible(l, r, ...uniform.checks);
    result = ok ? uniform.result() : undefined;
  } else if (op === '==' || op === '!=') result = N.comparable(l, r) ? bool() : undefined;
  else if (op === '-' || op === '*' || op === '+') result = arithmetic(op, l, r);
  else if (op === 'in') return inOperator(v, l, r);
  else if (op === '??') return nilCoalescing(l, r);
  else return v.fail(`unknown operator (${op})`);
  return result ?? v.fail(`invalid operation: ${op} (mismatched types ${N.natureString(l)} and ${N.natureString(r)})`);
}

/**
 * `-`, `*`, `+`: numbers give int unless a side is float (unknown if a side is unknown); `+` also joins
 * strings; undefined when the operands cannot work. `arithmetic('+', int, float)` ⇒ float64.
 */
function arithmetic(op: '-' | '*' | '+', l: Nature, r: Nature): Nature | undefined {
  if (N.isNumber(l) && N.isNumber(r)) {
    return N.isUnknown(l) || N.isUnknown(r) ? N.UNKNOWN : N.of(N.isFloat(l) || N.isFloat(r) ? N.T_FLOAT : N.T_INT);
  }
  if (op === '+' && N.isString(l) && N.isString(r)) return N.of(N.T_STRING);
  const checks = op === '+' ? [N.isNumber, N.isString] : [N.isNumber];
  return N.maybeCompatible(l, r, ...checks) ? N.UNKNOWN : undefined;
}

/**
 * `a ?? b`: the side that is not nil, else (both typed) the left side if the right fits it.
 * `nilCoalescing(NIL, float64)` ⇒ float64; `nilCoalescing(int, string)` ⇒ unknown.
 */
function nilCoalescing(l: Nature, r: Nature): Nature {
  if (l.nil === true && r.nil !== true) return r;
  if (l.nil !== true && r.nil === true) return l;
  if (l.nil === true && r.nil === true) return N.NIL;
  return N.assignable(r, l) ? l : N.UNKNOWN;
}

/** `x in m` needs a key `m`'s keys accept, `x in arr` an element comparable with `arr`'s. */
function inOperator(v: Checker, l: Nature, r: Nature): Nature {
  if (N.isMap(r)) {
    const key = N.keyOf(r);
    if (!N.isUnknown(l) && !N.assignable(l, key)) {
      v.fail(`cannot use ${N.natureString(l)} as type ${N.natureString(key)} in map key`);
    }
    return N.of(N.T_BOOL);
  }
  if (N.isArray(r)) {
    const elem = N.elemOf(r);
    if (!N.comparable(l, elem)) v.fail(`cannot use ${N.natureString(l)} as type ${N.natureString(elem)} in array`);
    return N.of(N.T_BOOL);
  }
  if ((N.isUnknown(l) && (N.isString(r) || N.isArray(r) || N.isMap(r))) || N.isUnknown(r)) return N.of(N.T_BOOL);
  return v.fail(`invalid operation: in (mismatched types ${N.natureString(l)} and ${N.natureString(r)})`);
}
