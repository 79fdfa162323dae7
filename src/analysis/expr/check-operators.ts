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
 * The nature of `left op right`, or a CheckError.
 *
 * @example checkBinary(v, '/', intNode, intNode) // float64 nature: `/` is always float
 */
export function checkBinary(v: Checker, op: string, leftNode: Node, rightNode: Node): Nature {
  const l = v.visit(leftNode);
  const r = v.visit(rightNode);
  const bool = N.of(N.T_BOOL);
  const both = (c: N.NatureCheck): boolean => c(l) && c(r);
  const maybe = (...checks: N.NatureCheck[]): boolean => N.maybeCompatible(l, r, ...checks);
  const promoted = (): Nature =>
    N.isUnknown(l) || N.isUnknown(r) ? N.UNKNOWN : N.of(N.isFloat(l) || N.isFloat(r) ? N.T_FLOAT : N.T_INT);
  switch (op) {
    case '==':
    case '!=':
      if (N.comparable(l, r)) return bool;
      break;
    case 'or':
    case '||':
    case 'and':
    case '&&':
      if (both(N.isBool) || maybe(N.isBool)) return bool;
      break;
    case '<':
    case '>':
    case '>=':
    case '<=':
      if (both(N.isNumber) || both(N.isString) || maybe(N.isNumber, N.isString)) return bool;
      break;
    case '-':
    case '*':
      if (both(N.isNumber)) return promoted();
      if (maybe(N.isNumber)) return N.UNKNOWN;
      break;
    case '+':
      if (both(N.isNumber)) return promoted();
      if (both(N.isString)) return N.of(N.T_STRING);
      if (maybe(N.isNumber, N.isString)) return N.UNKNOWN;
      break;
    case '/':
    case '**':
    case '^':
      if (both(N.isNumber) || maybe(N.isNumber)) return N.of(N.T_FLOAT);
      break;
    case '%':
      if (both(N.isInteger) || maybe(N.isInteger)) return N.of(N.T_INT);
      break;
    case 'in':
      return inOperator(v, l, r);
    case 'matches':
      if (rightNode.k === 'string') {
        const re = compileRegex(rightNode.value);
        if (typeof re === 'string') v.fail(re);
      }
      if ((N.isString(l) && N.isString(r)) || maybe(N.isString)) return bool;
      break;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (both(N.isString) || maybe(N.isString)) return bool;
      break;
    case '..':
      if (both(N.isInteger) || maybe(N.isInteger)) return N.arrayOf(N.of(N.T_INT));
      break;
    case '??':
      if (l.nil === true && r.nil !== true) return r;
      if (l.nil !== true && r.nil === true) return l;
      if (l.nil === true && r.nil === true) return N.NIL;
      return N.assignable(r, l) ? l : N.UNKNOWN;
    default:
      return v.fail(`unknown operator (${op})`);
  }
  return v.fail(`invalid operation: ${op} (mismatched types ${N.natureString(l)} and ${N.natureString(r)})`);
}

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
