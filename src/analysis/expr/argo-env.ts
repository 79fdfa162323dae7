/**
 * The functions Argo's `EvalCondition` puts next to `result` (utils/evaluate/evaluate.go):
 * `asInt`, `asFloat`, `isNaN`, `isInf`, `isNil`, `default`. `isNil` and `default` ignore their
 * first argument and look at `result` itself (argo-semantics.md §5.9).
 */
import { floatToInt64, parseGoFloat, parseGoInt } from '../../go/index.js';
import { formatValue, goTypeName } from './gofmt.js';
import { T_ANY, T_BOOL, T_FLOAT, fn } from './types.js';
import type { FuncType } from './types.js';
import { ExprPanic, GoFunc, GoInt, isNilValue } from './values.js';
import type { ExprValue } from './values.js';

/** Static signatures of the env functions (Go func types). */
export const ENV_FUNCTIONS: Readonly<Record<string, FuncType>> = {
  asInt: fn([T_ANY], { k: 'int', name: 'int64' }),
  asFloat: fn([T_ANY], T_FLOAT),
  isNaN: fn([T_FLOAT], T_BOOL),
  isInf: fn([T_FLOAT], T_BOOL),
  isNil: fn([T_ANY], T_BOOL),
  default: fn([T_ANY, T_ANY], T_ANY),
};

/**
 * Names bound in Argo's env (`let` cannot redeclare them).
 *
 * @example isEnvName('default') // true; isEnvName('x') // false
 */
export function isEnvName(name: string): boolean {
  return name === 'result' || Object.hasOwn(ENV_FUNCTIONS, name);
}

/**
 * The Go function value bound to an env name for a given `result`.
 *
 * @example envFunction('asInt', null)?.impl(['7']) // GoInt { value: 7n, type: 'int64' }
 */
export function envFunction(name: string, result: ExprValue): GoFunc | undefined {
  const type = Object.hasOwn(ENV_FUNCTIONS, name) ? ENV_FUNCTIONS[name] : undefined;
  if (type === undefined) return undefined;
  return new GoFunc(name, type, (args) => callEnv(name, args, result));
}

function callEnv(name: string, args: readonly ExprValue[], result: ExprValue): ExprValue {
  const arg = args[0] ?? null;
  switch (name) {
    case 'asInt':
      return asInt(arg);
    case 'asFloat':
      return asFloat(arg);
    case 'isNaN':
      return Number.isNaN(arg);
    case 'isInf':
      return arg === Infinity || arg === -Infinity;
    case 'isNil':
      return isNilValue(result);
    default:
      return isNilValue(result) ? (args[1] ?? null) : result;
  }
}

function asInt(v: ExprValue): GoInt {
  if (typeof v === 'number') return new GoInt(floatToInt64(v), 'int64');
  if (v instanceof GoInt) return new GoInt(v.value, 'int64');
  if (typeof v === 'string') {
    const r = parseGoInt(v, 10);
    if (typeof r === 'string') throw new ExprPanic(r);
    return new GoInt(r, 'int64');
  }
  throw new ExprPanic(`asInt() not supported on ${goTypeName(v)} ${formatValue(v)}`);
}

function asFloat(v: ExprValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === 'string') {
    const r = parseGoFloat(v);
    if (typeof r === 'string') throw new ExprPanic(r);
    return r;
  }
  throw new ExprPanic(`asFloat() not supported on ${goTypeName(v)} ${formatValue(v)}`);
}
