/**
 * The bits of Go's `fmt` that show through in expr's values and error messages: `%v` and `%T` of an
 * expr value. The value-independent Go helpers (quoting, float formatting, string order, UTF-8,
 * float→int64) live in src/go.
 */
import { compareCodePoints, formatGoFloat } from '../../go/index.js';
import { typeString, goTypeOfValue } from './types.js';
import { GoFunc, GoInt, GoSlice, isExprMap } from './values.js';
import type { ExprValue } from './values.js';

/**
 * Go's `%T` of a value.
 *
 * @example goTypeName(null) // "<nil>"; goTypeName([1]) // "[]interface {}"
 */
export function goTypeName(v: ExprValue): string {
  return v === null ? '<nil>' : typeString(goTypeOfValue(v));
}

/**
 * Go's `%v` of a value (maps print with sorted keys, as fmt does).
 *
 * @example formatValue({ b: [1, 'x'], a: null }) // "map[a:<nil> b:[1 x]]"
 */
export function formatValue(v: ExprValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatGoFloat(v, 'g');
  if (typeof v === 'string') return v;
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof GoSlice) return `[${v.items.map(formatValue).join(' ')}]`;
  if (v instanceof GoFunc) return `0x${v.name}`;
  if (Array.isArray(v)) return `[${(v as readonly ExprValue[]).map(formatValue).join(' ')}]`;
  if (isExprMap(v)) {
    const keys = Object.keys(v).sort(compareCodePoints);
    return `map[${keys.map((k) => `${k}:${formatValue(v[k] ?? null)}`).join(' ')}]`;
  }
  return '?';
}
