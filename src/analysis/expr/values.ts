/**
 * Run-time values of the condition language, modelled on the Go values Argo hands to expr.
 *
 * The Go type matters (expr type-checks against it and error messages print it), so the
 * representation keeps the distinctions Go makes:
 *
 * | Go value                         | ExprValue                                   |
 * |----------------------------------|---------------------------------------------|
 * | `nil`                            | `null`                                      |
 * | `bool` / `string`                | `boolean` / `string`                        |
 * | `float64`                        | `number` (NaN and ±Infinity included)       |
 * | `int`, `int64`, `uint8`          | {@link GoInt} (a 64-bit `bigint` + its name) |
 * | `[]float64`, `[]int`, `[]string` | {@link GoSlice} (typed, possibly nil)       |
 * | `[]interface {}`                 | a plain JS array                            |
 * | `map[string]interface {}`        | a plain object (own keys only)              |
 * | a Go function (Argo's helpers)   | {@link GoFunc}                              |
 *
 * A decoded JSON document (what the web provider passes) is therefore already an ExprValue.
 */
import type { GoType } from './types.js';

/** The integer types a condition can meet: literals and `len` give `int`, `asInt` gives `int64`. */
export type IntTypeName = 'int' | 'int64' | 'uint8';

/** A Go integer: exact 64-bit value plus its Go type name. */
export class GoInt {
  constructor(
    readonly value: bigint,
    readonly type: IntTypeName = 'int',
  ) {}
}

/** Element types of the typed Go slices a condition can meet. */
export type SliceElem = 'float64' | 'int' | 'string';

/** A typed Go slice (`[]float64` from Prometheus vectors, `[]int` from ranges, `[]string` from split). */
export class GoSlice {
  constructor(
    readonly elem: SliceElem,
    readonly items: readonly ExprValue[],
    /** A nil slice (`len` 0, `== nil` true); Argo's vectors are never nil, even when empty. */
    readonly isNil: boolean = false,
  ) {}
}

/** A callable Go function value (Argo's `asInt`, `isNaN`, ...). `impl` throws {@link ExprPanic}. */
export class GoFunc {
  constructor(
    readonly name: string,
    readonly type: Extract<GoType, { k: 'func' }>,
    readonly impl: (args: readonly ExprValue[]) => ExprValue,
  ) {}
}

/** `map[string]interface {}`: a plain object; only own keys count. */
export interface ExprMap {
  readonly [key: string]: ExprValue;
}

export type ExprValue =
  | null
  | boolean
  | number
  | string
  | GoInt
  | GoSlice
  | GoFunc
  | readonly ExprValue[]
  | ExprMap;

/** A Go panic / expr run-time error; the message is exactly what Argo would report. */
export class ExprPanic extends Error {}

/**
 * A Go `int` (or `int64`) value.
 *
 * @example goInt(7) // GoInt { value: 7n, type: 'int' }; goInt(3, 'int64') prints as int64
 */
export function goInt(n: number | bigint, type: IntTypeName = 'int'): GoInt {
  const big = typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
  return new GoInt(BigInt.asIntN(64, big), type);
}

/**
 * A Prometheus vector result as Argo builds it: a non-nil `[]float64` (empty stays empty, not nil).
 *
 * @example float64Vector([0.95, 0.99]) // typed as []float64, so `result[0] > 0.9` type-checks
 */
export function float64Vector(values: readonly number[]): GoSlice {
  return new GoSlice('float64', [...values]);
}

/**
 * True for `map[string]interface {}` values (plain objects).
 *
 * @example isExprMap({}) // true; isExprMap(goInt(1)) // false
 */
export function isExprMap(v: ExprValue): v is ExprMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoSlice) &&
    !(v instanceof GoFunc)
  );
}

/**
 * Own-key lookup in a Go map value (`undefined` when absent).
 *
 * @example mapGet({ a: 1 }, 'toString') // undefined (own keys only)
 */
export function mapGet(m: ExprMap, key: string): ExprValue | undefined {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

/**
 * The elements of a Go slice value (typed or `[]interface {}`), or `undefined` for non-slices.
 *
 * @example sliceItems(float64Vector([1])) // [1]; sliceItems('ab') // undefined
 */
export function sliceItems(v: ExprValue): readonly ExprValue[] | undefined {
  if (Array.isArray(v)) return v as readonly ExprValue[];
  if (v instanceof GoSlice) return v.items;
  return undefined;
}

/**
 * expr's `runtime.IsNil`: nil, or a nil slice.
 *
 * @example isNilValue(null) // true; isNilValue(float64Vector([])) // false
 */
export function isNilValue(v: ExprValue): boolean {
  return v === null || (v instanceof GoSlice && v.isNil);
}

/**
 * True for Go numbers (any int kind or float64).
 *
 * @example isNumeric(goInt(1)) // true; isNumeric('1') // false
 */
export function isNumeric(v: ExprValue): v is number | GoInt {
  return typeof v === 'number' || v instanceof GoInt;
}

/**
 * Converts decoded JSON (as `JSON.parse` returns it) into an ExprValue, the way Go's
 * `encoding/json` decodes into `interface{}`: numbers are float64, arrays `[]interface {}`,
 * objects `map[string]interface {}`. Anything non-JSON is a programmer error and throws.
 *
 * @example fromJson(JSON.parse('{"ok": 1}')) // { ok: 1 } with `ok` typed float64
 */
export function fromJson(json: unknown): ExprValue {
  if (json === null || typeof json === 'boolean' || typeof json === 'number' || typeof json === 'string') {
    return json;
  }
  if (Array.isArray(json)) return json.map(fromJson);
  if (typeof json === 'object' && (Object.getPrototypeOf(json) === Object.prototype || Object.getPrototypeOf(json) === null)) {
    // Keys are data: on a `{}` assigning `__proto__` would set the prototype and lose the key.
    const out = Object.create(null) as Record<string, ExprValue>;
    for (const [k, v] of Object.entries(json)) out[k] = fromJson(v);
    return out;
  }
  throw new TypeError(`fromJson: not a JSON value: ${String(json)}`);
}
