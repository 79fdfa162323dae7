/**
 * expr's run-time helpers (`vm/runtime`): equality, ordering, arithmetic, indexing, slicing, `in`
 * and `len`, with Go's numeric rules (ints and floats mix; `/` is always float; `%` ints only)
 * and Go's panic messages (`invalid operation: <nil> < float64`, `index out of range: ...`).
 */
import { compareCodePoints, floatToInt64, utf8Decode, utf8Encode, utf8Length } from '../../go/index.js';
import { formatValue, goTypeName } from './gofmt.js';
import { ExprPanic, GoInt, GoSlice, isExprMap, isNilValue, isNumeric, mapGet, sliceItems } from './values.js';
import type { ExprValue } from './values.js';

const panic = (message: string): never => {
  throw new ExprPanic(message);
};
const toF = (v: number | GoInt): number => (typeof v === 'number' ? v : Number(v.value));
const int = (v: bigint): GoInt => new GoInt(BigInt.asIntN(64, v), 'int');

/**
 * Go's panic for a failed type assertion from `interface {}`.
 *
 * @example interfaceConversion(null, 'bool').message // 'interface conversion: interface {} is nil, not bool'
 */
export function interfaceConversion(v: ExprValue, want: string): ExprPanic {
  return new ExprPanic(`interface conversion: interface {} is ${v === null ? 'nil' : goTypeName(v)}, not ${want}`);
}

/**
 * `v.(bool)` as the VM does it for `!`, `&&`, `||`, `?:` and predicates.
 *
 * @example asBool(true) // true; asBool(null) // throws 'interface conversion: interface {} is nil, not bool'
 */
export function asBool(v: ExprValue): boolean {
  if (typeof v !== 'boolean') throw interfaceConversion(v, 'bool');
  return v;
}

/**
 * `runtime.Equal`: numbers across int/float, element-wise slices, else Go's DeepEqual.
 *
 * @example equal(1, goInt(1)) // true; equal(NaN, NaN) // false
 */
export function equal(a: ExprValue, b: ExprValue): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    return a instanceof GoInt && b instanceof GoInt ? a.value === b.value : toF(a) === toF(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
  const xs = sliceItems(a);
  const ys = sliceItems(b);
  if (xs !== undefined && ys !== undefined) {
    const bothTyped = a instanceof GoSlice && b instanceof GoSlice;
    if (Array.isArray(a) || Array.isArray(b) || (bothTyped && a.elem === b.elem)) {
      return xs.length === ys.length && xs.every((x, i) => equal(x, ys[i] ?? null));
    }
  }
  if (isNilValue(a) && isNilValue(b)) return true;
  return deepEqual(a, b);
}

/**
 * Go's `reflect.DeepEqual` over ExprValues (types must match exactly; NaN is unequal).
 *
 * @example deepEqual({ a: 1 }, { a: 1 }) // true; deepEqual({ a: 1 }, { a: goInt(1) }) // false (float64 vs int)
 */
export function deepEqual(a: ExprValue, b: ExprValue): boolean {
  if (a === b && typeof a === 'object') return true;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  const xs = sliceItems(a);
  const ys = sliceItems(b);
  if (xs !== undefined && ys !== undefined) {
    if (isNilValue(a) !== isNilValue(b)) return false;
    return xs.length === ys.length && xs.every((x, i) => deepEqual(x, ys[i] ?? null));
  }
  if (isExprMap(a) && isExprMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] ?? null, b[k] ?? null));
  }
  return a === b;
}

type Cmp = '<' | '>' | '<=' | '>=';

/**
 * `runtime.Less` / `More` / `LessOrEqual` / `MoreOrEqual`: numbers and strings only.
 *
 * @example compare('<', null, 0.01) // throws ExprPanic('invalid operation: <nil> < float64')
 */
export function compare(op: Cmp, a: ExprValue, b: ExprValue): boolean {
  let c: number | undefined;
  if (isNumeric(a) && isNumeric(b)) {
    if (a instanceof GoInt && b instanceof GoInt) c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    else {
      const [x, y] = [toF(a), toF(b)];
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      c = x < y ? -1 : x > y ? 1 : 0;
    }
  } else if (typeof a === 'string' && typeof b === 'string') {
    c = compareCodePoints(a, b);
  }
  if (c === undefined) return panic(`invalid operation: ${goTypeName(a)} ${op} ${goTypeName(b)}`);
  return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
}

/**
 * `+ - * / %` with Go's rules: int op int is int (wrapping), mixed is float64, `/` always float64.
 *
 * @example arithmetic('/', goInt(7), goInt(2)) // 3.5
 */
export function arithmetic(op: string, a: ExprValue, b: ExprValue): ExprValue {
  if (isNumeric(a) && isNumeric(b)) {
    const ints = a instanceof GoInt && b instanceof GoInt;
    switch (op) {
      case '+':
        return ints ? int(a.value + b.value) : toF(a) + toF(b);
      case '-':
        return ints ? int(a.value - b.value) : toF(a) - toF(b);
      case '*':
        return ints ? int(a.value * b.value) : toF(a) * toF(b);
      case '/':
        return toF(a) / toF(b);
      case '%':
        if (!ints) break;
        if (b.value === 0n) return panic('runtime error: integer divide by zero');
        return int(a.value % b.value);
    }
  } else if (op === '+' && typeof a === 'string' && typeof b === 'string') {
    return a + b;
  }
  return panic(`invalid operation: ${goTypeName(a)} ${op} ${goTypeName(b)}`);
}

/**
 * Go's `math.Pow` special cases that differ from JS `**`.
 *
 * @example goPow(1, NaN) // 1 (JS gives NaN); goPow(-1, Infinity) // 1
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/**
 * `**` / `^`: both sides converted to float64.
 *
 * @example power(goInt(2), goInt(10)) // 1024 (a float64)
 */
export function power(a: ExprValue, b: ExprValue): number {
  return goPow(toFloat64(a), toFloat64(b));
}

/**
 * 
 *
 * @example toFloat64(goInt(3)) // 3; toFloat64('x') // throws 'invalid operation: float(string)'
 */
export function toFloat64(v: ExprValue): number {
  return isNumeric(v) ? toF(v) : panic(`invalid operation: float(${goTypeName(v)})`);
}

/**
 * `runtime.ToInt` (indexes, slice bounds, ranges).
 *
 * @example toInt(2.9) // 2n; toInt('1') // throws 'invalid operation: int(string)'
 */
export function toInt(v: ExprValue): bigint {
  if (v instanceof GoInt) return v.value;
  if (typeof v === 'number') return floatToInt64(v);
  return panic(`invalid operation: int(${goTypeName(v)})`);
}

/**
 * Unary minus (`runtime.Negate`).
 *
 * @example negate(goInt(3, 'int64')) // GoInt -3n int64; negate('x') // throws 'invalid operation: - string'
 */
export function negate(v: ExprValue): ExprValue {
  if (typeof v === 'number') return -v;
  if (v instanceof GoInt) return new GoInt(BigInt.asIntN(64, -v.value), v.type);
  return panic(`invalid operation: - ${goTypeName(v)}`);
}

/**
 * `runtime.Fetch`: `a[i]` / `a.name`, negative indexes count from the end, a missing map key is nil.
 *
 * @example fetch(float64Vector([]), goInt(0)) // throws 'index out of range: 0 (array length is 0)'
 */
export function fetch(from: ExprValue, i: ExprValue): ExprValue {
  if (from === null) return panic(`cannot fetch ${formatValue(i)} from <nil>`);
  const items = sliceItems(from);
  if (items !== undefined || typeof from === 'string') {
    const bytes = typeof from === 'string' ? utf8Encode(from) : undefined;
    const len = BigInt(bytes?.length ?? items?.length ?? 0);
    let index = toInt(i);
    if (index < 0n) index += len;
    if (index < 0n || index >= len) return panic(`index out of range: ${index} (array length is ${len})`);
    if (bytes !== undefined) return new GoInt(BigInt(bytes[Number(index)] ?? 0), 'uint8');
    return items?.[Number(index)] ?? null;
  }
  if (isExprMap(from)) {
    if (i === null) return mapGet(from, '') ?? null;
    if (typeof i !== 'string') return panic(`reflect.Value.MapIndex: value of type ${goTypeName(i)} is not assignable to type string`);
    return mapGet(from, i) ?? null;
  }
  return panic(`cannot fetch ${formatValue(i)} from ${goTypeName(from)}`);
}

/**
 * `runtime.Slice` (bounds clamp; negative bounds count from the end).
 *
 * @example slice(float64Vector([1, 2, 3]), goInt(-2), goInt(9)) // []float64 [2 3]
 */
export function slice(v: ExprValue, fromV: ExprValue, toV: ExprValue): ExprValue {
  const items = sliceItems(v);
  if (items === undefined && typeof v !== 'string') return panic(`cannot slice ${formatValue(fromV)}`);
  const bytes = typeof v === 'string' ? utf8Encode(v) : undefined;
  const length = bytes?.length ?? items?.length ?? 0;
  const clamp = (x: bigint): number => {
    const n = x < 0n ? BigInt(length) + x : x;
    return n < 0n ? 0 : n > BigInt(length) ? length : Number(n);
  };
  const b = clamp(toInt(toV));
  const a = Math.min(clamp(toInt(fromV)), b);
  if (bytes !== undefined) return utf8Decode(bytes.slice(a, b));
  const part = (items ?? []).slice(a, b);
  return v instanceof GoSlice ? new GoSlice(v.elem, part) : part;
}

/**
 * `runtime.In`: membership in an array (by {@link equal}) or a map's keys.
 *
 * @example inOperator(1, [goInt(1)]) // true; inOperator('a', { a: null }) // true
 */
export function inOperator(needle: ExprValue, haystack: ExprValue): boolean {
  if (haystack === null) return false;
  const items = sliceItems(haystack);
  if (items !== undefined) return items.some((x) => equal(x, needle));
  if (isExprMap(haystack)) {
    if (needle === null) return Object.hasOwn(haystack, '');
    if (typeof needle !== 'string') {
      return panic(`reflect.Value.MapIndex: value of type ${goTypeName(needle)} is not assignable to type string`);
    }
    return Object.hasOwn(haystack, needle);
  }
  return panic(`operator "in" not defined on ${goTypeName(haystack)}`);
}

/**
 * `len`: arrays, maps, strings (in bytes).
 *
 * @example length('héllo') // GoInt 6n; length(0.5) // throws 'invalid argument for len (type float64)'
 */
export function length(v: ExprValue): GoInt {
  const items = sliceItems(v);
  if (items !== undefined) return int(BigInt(items.length));
  if (typeof v === 'string') return int(BigInt(utf8Length(v)));
  if (isExprMap(v)) return int(BigInt(Object.keys(v).length));
  return panic(`invalid argument for len (type ${goTypeName(v)})`);
}
