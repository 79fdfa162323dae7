/**
 * Static Go types and expr's "natures" (what the type checker knows about an expression).
 *
 * expr v1.17.8 type-checks a condition against the Go type of `result` before running it, so
 * `result < 0.01` with a `[]float64` result is a compile error. A nature is a Go type, or
 * "unknown" (no type, e.g. an element of `[]interface {}`), or the nil value, plus an optional
 * element nature for arrays built by expr (`[1, 2]` is `[]interface {}` whose elements are int).
 */
import { GoFunc, GoInt, GoSlice, isExprMap } from './values.js';
import type { ExprValue, IntTypeName } from './values.js';

export type GoType =
  | { readonly k: 'bool' }
  | { readonly k: 'int'; readonly name: IntTypeName }
  | { readonly k: 'float64' }
  | { readonly k: 'string' }
  | { readonly k: 'any' }
  | { readonly k: 'slice'; readonly elem: GoType }
  | { readonly k: 'map'; readonly key: GoType; readonly elem: GoType }
  | FuncType;

export interface FuncType {
  readonly k: 'func';
  readonly params: readonly GoType[];
  readonly variadic: boolean;
  readonly out: GoType | null;
}

/** The static type of `result` as Argo's env gives it to expr; `null` = the nil value. */
export type ResultTypeInfo = GoType | null;

export const T_BOOL: GoType = { k: 'bool' };
export const T_INT: GoType = { k: 'int', name: 'int' };
export const T_FLOAT: GoType = { k: 'float64' };
export const T_STRING: GoType = { k: 'string' };
export const T_ANY: GoType = { k: 'any' };
export const T_ARRAY: GoType = { k: 'slice', elem: T_ANY };
export const T_MAP: GoType = { k: 'map', key: T_STRING, elem: T_ANY };

/** Builds a func type. @example fn([T_FLOAT], T_BOOL) // func(float64) bool */
export function fn(params: readonly GoType[], out: GoType | null, variadic = false): FuncType {
  return { k: 'func', params, out, variadic };
}

/** What the checker knows about an expression (see the module comment). */
export interface Nature {
  readonly type?: GoType;
  readonly nil?: true;
  /** Element nature of an expr-built array, or the body nature of a predicate. */
  readonly ref?: Nature;
}

export const UNKNOWN: Nature = {};
export const NIL: Nature = { nil: true };

/**
 * A nature with a known Go type.
 *
 * @example of(T_FLOAT) // the nature of `0.5`
 */
export function of(type: GoType): Nature {
  return { type };
}

/** `[]interface {}` whose elements have nature `elem`. @example arrayOf(of(T_INT)) // [1, 2] */
export function arrayOf(elem: Nature): Nature {
  return { type: T_ARRAY, ref: elem };
}

/**
 * Go's reflect `String()` of a type.
 *
 * @example typeString(fn([T_ANY], { k: 'int', name: 'int64' })) // "func(interface {}) int64"
 */
export function typeString(t: GoType): string {
  switch (t.k) {
    case 'int':
      return t.name;
    case 'any':
      return 'interface {}';
    case 'slice':
      return `[]${typeString(t.elem)}`;
    case 'map':
      return `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'func': {
      const params = t.params.map((p, i) =>
        t.variadic && i === t.params.length - 1 && p.k === 'slice' ? `...${typeString(p.elem)}` : typeString(p),
      );
      return `func(${params.join(', ')})${t.out === null ? '' : ` ${typeString(t.out)}`}`;
    }
    default:
      return t.k;
  }
}

/**
 * expr's `Nature.String()`: the type, or "unknown" when there is none (also for nil).
 *
 * @example natureString(NIL) // 'unknown'; natureString(of(T_ARRAY)) // '[]interface {}'
 */
export function natureString(n: Nature): string {
  return n.type === undefined ? 'unknown' : typeString(n.type);
}

/**
 * Unknown = no type and not nil, or `interface {}`: expr lets such operands through.
 *
 * @example isUnknown(of(T_ANY)) // true; isUnknown(NIL) // false
 */
export function isUnknown(n: Nature): boolean {
  return (n.type === undefined && n.nil !== true) || n.type?.k === 'any';
}
export const isBool = (n: Nature): boolean => n.type?.k === 'bool';
export const isString = (n: Nature): boolean => n.type?.k === 'string';
export const isInteger = (n: Nature): boolean => n.type?.k === 'int';
export const isFloat = (n: Nature): boolean => n.type?.k === 'float64';
export const isNumber = (n: Nature): boolean => isInteger(n) || isFloat(n);
export const isArray = (n: Nature): boolean => n.type?.k === 'slice';
export const isMap = (n: Nature): boolean => n.type?.k === 'map';
export const isFunc = (n: Nature): boolean => n.type?.k === 'func';

/**
 * Go's reflect Kind name of a nature (`Invalid` for unknown/nil).
 *
 * @example kindOf(of({ k: 'int', name: 'int64' })) // 'int64'; kindOf(NIL) // 'invalid'
 */
export function kindOf(n: Nature): string {
  const t = n.type;
  if (t === undefined) return 'invalid';
  return t.k === 'int' ? t.name : t.k;
}

/**
 * Element nature of an array or map nature (unknown otherwise).
 *
 * @example elemOf(arrayOf(of(T_INT))) // int; elemOf(of(T_MAP)) // interface {}
 */
export function elemOf(n: Nature): Nature {
  const t = n.type;
  if (t?.k === 'slice') return n.ref ?? of(t.elem);
  if (t?.k === 'map') return of(t.elem);
  return UNKNOWN;
}

/**
 * Key nature of a map nature (unknown otherwise).
 *
 * @example keyOf(of(T_MAP)) // string
 */
export function keyOf(n: Nature): Nature {
  return n.type?.k === 'map' ? of(n.type.key) : UNKNOWN;
}

/**
 * Structural identity of Go types.
 *
 * @example identical(T_ARRAY, { k: 'slice', elem: T_ANY }) // true; identical(T_INT, T_FLOAT) // false
 */
export function identical(a: GoType, b: GoType): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'int':
      return a.name === (b as typeof a).name;
    case 'slice':
      return identical(a.elem, (b as typeof a).elem);
    case 'map': {
      const m = b as typeof a;
      return identical(a.key, m.key) && identical(a.elem, m.elem);
    }
    case 'func': {
      const f = b as FuncType;
      return (
        a.variadic === f.variadic &&
        a.params.length === f.params.length &&
        a.params.every((p, i) => identical(p, f.params[i] as GoType)) &&
        (a.out === null ? f.out === null : f.out !== null && identical(a.out, f.out))
      );
    }
    default:
      return true;
  }
}

/**
 * expr's `Nature.AssignableTo`: nil to nil-able kinds, identical types, anything to interface {}.
 *
 * @example assignable(NIL, of(T_ARRAY)) // true; assignable(of(T_INT), of(T_FLOAT)) // false
 */
export function assignable(n: Nature, target: Nature): boolean {
  const tk = target.type?.k;
  if (n.nil === true && (tk === 'any' || tk === 'func' || tk === 'map' || tk === 'slice')) return true;
  if (n.type === undefined || target.type === undefined) return false;
  return target.type.k === 'any' || identical(n.type, target.type);
}

/**
 * expr's `Nature.ComparableTo` (used by `==`, `!=` and `in` on arrays).
 *
 * @example comparable(of(T_INT), of(T_FLOAT)) // true; comparable(of(T_STRING), of(T_FLOAT)) // false
 */
export function comparable(l: Nature, r: Nature): boolean {
  return (
    isUnknown(l) ||
    isUnknown(r) ||
    l.nil === true ||
    r.nil === true ||
    (isNumber(l) && isNumber(r)) ||
    (isArray(l) && isArray(r)) ||
    assignable(l, r)
  );
}

export type NatureCheck = (n: Nature) => boolean;

/**
 * expr's `MaybeCompatible`: an unknown side paired with a side passing one of the checks.
 *
 * @example maybeCompatible(UNKNOWN, of(T_FLOAT), isNumber) // true
 */
export function maybeCompatible(l: Nature, r: Nature, ...checks: NatureCheck[]): boolean {
  const lu = isUnknown(l);
  const ru = isUnknown(r);
  return (lu && ru) || (lu && checks.some((c) => c(r))) || (ru && checks.some((c) => c(l)));
}

/**
 * The static type Argo's env gives `result`: the Go type of the value itself.
 *
 * @example resultTypeOf(float64Vector([])) // { k: 'slice', elem: { k: 'float64' } }
 * @example resultTypeOf(null)               // null (expr prints it as "unknown" / "nil")
 */
export function resultTypeOf(v: ExprValue): ResultTypeInfo {
  if (v === null) return null;
  return goTypeOfValue(v);
}

/**
 * The dynamic Go type of a non-nil value.
 *
 * @example goTypeOfValue(goInt(1, 'int64')) // { k: 'int', name: 'int64' }
 */
export function goTypeOfValue(v: Exclude<ExprValue, null>): GoType {
  if (typeof v === 'boolean') return T_BOOL;
  if (typeof v === 'number') return T_FLOAT;
  if (typeof v === 'string') return T_STRING;
  if (v instanceof GoInt) return { k: 'int', name: v.type };
  if (v instanceof GoSlice) return { k: 'slice', elem: v.elem === 'int' ? T_INT : v.elem === 'string' ? T_STRING : T_FLOAT };
  if (v instanceof GoFunc) return v.type;
  if (Array.isArray(v)) return T_ARRAY;
  if (isExprMap(v)) return T_MAP;
  throw new TypeError('goTypeOfValue: not an ExprValue');
}
