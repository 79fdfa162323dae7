/**
 * The bits of Go's `fmt` and `strconv` that show through in expr's values and error messages:
 * `%v`, `%T`, `%q`/`%#v` of strings, `%#U`, float formatting, and Go's float→int64 conversion.
 */
import { typeString, goTypeOfValue } from './types.js';
import { GoFunc, GoInt, GoSlice, isExprMap } from './values.js';
import type { ExprValue } from './values.js';

/**
 * Go's `%v` of a float64: strconv's shortest 'g' format, which switches to an exponent when the
 * decimal exponent is < -4 or >= 6 (so a million prints as `1e+06`).
 *
 * @example formatFloat(0.004) // "0.004"; formatFloat(1e6) // "1e+06"; formatFloat(NaN) // "NaN"
 */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  const [mant = '0', expPart = '0'] = Math.abs(f).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expPart);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0] ?? '0'}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

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
  if (typeof v === 'number') return formatFloat(v);
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

/**
 * Byte-order (= code point order) comparison of two strings, as Go compares strings.
 *
 * @example compareCodePoints('a', 'b') // -1; compareCodePoints('\uffff', '😀') // -1 (JS `<` says otherwise)
 */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true || y.done === true) return x.done === true ? (y.done === true ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
 *
 * @example isGoPrint('é') // true; isGoPrint('\u00a0') // false
 */
export function isGoPrint(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/**
 * Go's `strconv.Quote` (also `%q` and `%#v` of a string).
 *
 * @example goQuote('a"b\n') // "\"a\\\"b\\n\""
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const simple: Record<string, string> = {
      '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
    };
    const esc = simple[ch];
    if (esc !== undefined) out += esc;
    else if (isGoPrint(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's `%#U` of a rune. @example formatRuneU('@') // "U+0040 '@'" */
export function formatRuneU(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrint(ch) ? `${hex} '${ch}'` : hex;
}

const INT64_MIN = -(2n ** 63n);
const TWO_63 = 2 ** 63;

/**
 * Go's `int64(f)` on amd64: truncation, and the "integer indefinite" -2^63 for NaN/±Inf/overflow.
 *
 * @example floatToInt64(0.5) // 0n; floatToInt64(NaN) // -9223372036854775808n
 */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= TWO_63 || f < -TWO_63) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/**
 * UTF-8 byte length of a string (Go's `len` of a string).
 *
 * @example utf8Length('héllo') // 6
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * UTF-8 bytes of a string (lone surrogates become U+FFFD, as Go would store them).
 *
 * @example utf8Encode('é') // [0xc3, 0xa9]
 */
export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/**
 * Decodes UTF-8 bytes; invalid sequences become U+FFFD (what Go prints for them).
 *
 * @example utf8Decode([0xc3, 0xa9]) // 'é'; utf8Decode([0xc3]) // '\ufffd'
 */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    let cp = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
    let ok = need >= 0 && i + need < bytes.length + (need === 0 ? 1 : 0);
    for (let j = 1; ok && j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 63);
    }
    if (!ok) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}
