/**
 * Go's `strconv.ParseFloat(s, 64)`, twice: `parseGoFloat` as expr's literals and Argo's `asFloat` use it
 * (Go's error texts, underscores, out-of-range errors), and `parseGoFloatLenient`, the older reading the
 * metrics text formats and PromQL have always used (null instead of an error, see its doc for the
 * differences). Both share the syntax; they differ where noted so neither caller's behaviour moves.
 */
import { numError, underscoreOk } from './num-error.js';

const DECIMAL = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

/**
 * `strconv.ParseFloat(s, 64)`: decimal and hex-float syntax, `_` between digits, `inf`/`infinity`/`nan`
 * in any case (a sign only on the infinities). Decimal text rounds as Go rounds it (JavaScript's
 * `Number` is correctly rounded too). Hex floats are exact while the digits fit 53 bits and the scale
 * 2^(exp − 4·fraction digits) stays within float64; past that they differ from Go:
 * `0x1.000000000000081p0` ⇒ 1 (Go 1.0000000000000002), `0x1.00000000000000p-1022` ⇒ 0
 * (Go 2.2250738585072014e-308), `0x0p1024` ⇒ invalid syntax (Go 0).
 *
 * @example parseGoFloat('1e-3')    // 0.001
 * @example parseGoFloat('0x1p-2')  // 0.25; parseGoFloat('1_000.5') // 1000.5; parseGoFloat('-Inf') // -Infinity
 * @example parseGoFloat('abc')     // 'strconv.ParseFloat: parsing "abc": invalid syntax'
 * @example parseGoFloat('1e999')   // 'strconv.ParseFloat: parsing "1e999": value out of range'
 */
export function parseGoFloat(s: string): number | string {
  const special = parseSpecial(s, false);
  if (special !== undefined) return special;
  const value = parseDecimal(s) ?? parseHexFloat(s, hexByMantissa);
  if (value === undefined || Number.isNaN(value)) return numError('ParseFloat', s, 'invalid syntax');
  if (!Number.isFinite(value)) return numError('ParseFloat', s, 'value out of range');
  return value;
}

/**
 * ParseFloat as the metrics text formats (values, timestamps, `le` bounds) and PromQL number literals
 * read it here: null where Go fails. It differs from `parseGoFloat` (and from Go) in four ways kept on
 * purpose so no result moves: underscores are refused (`1_000` ⇒ null), `+nan`/`-nan` are accepted,
 * a value too large gives ±Infinity instead of a range error (`1e999` ⇒ Infinity), and a hex float is
 * computed as (integer part + fraction) × 2^exp, which differs from Go only at the edges: beyond 53 bits
 * of mantissa (`0x1.fffffffffffff7p-1010` rounds up), when 2^exp alone overflows though the value fits
 * (`0x.1fffffffffffffp1027` ⇒ Infinity), and `0x0p1024` ⇒ NaN (Go 0).
 *
 * @example parseGoFloatLenient('+Inf')   // Infinity; parseGoFloatLenient('1e3') // 1000
 * @example parseGoFloatLenient('0x1p-2') // 0.25;     parseGoFloatLenient('1x') // null
 * @example parseGoFloatLenient('-nan')   // NaN;      parseGoFloatLenient('1e999') // Infinity
 */
export function parseGoFloatLenient(s: string): number | null {
  if (s.includes('_')) return null;
  return parseSpecial(s, true) ?? parseDecimal(s) ?? parseHexFloat(s, hexByParts) ?? null;
}

/**
 * `inf`, `infinity` (either with a sign) and `nan`, in any case; `signedNaN` also takes `+nan`/`-nan`,
 * which Go refuses. `parseSpecial('-INF', false)` ⇒ -Infinity, `parseSpecial('-nan', false)` ⇒ undefined.
 */
function parseSpecial(s: string, signedNaN: boolean): number | undefined {
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(s.toLowerCase());
  if (m === null) return undefined;
  if (m[2] === 'nan') return m[1] === '' || signedNaN ? NaN : undefined;
  return m[1] === '-' ? -Infinity : Infinity;
}

/** A decimal float (digits needed before any exponent, underscores only where Go allows). `parseDecimal('1_0.5')` ⇒ 10.5. */
function parseDecimal(s: string): number | undefined {
  if (!DECIMAL.test(s) || !/[0-9]/.test(s.replace(/[eE].*$/, ''))) return undefined;
  if (s.includes('_') && !underscoreOk(s)) return undefined;
  return Number(s.replaceAll('_', ''));
}

/** A hex float split up: its sign, the hex digits before and after the point, and the binary exponent. */
interface HexFloat {
  readonly negative: boolean;
  readonly intDigits: string;
  readonly fracDigits: string;
  readonly exp: number;
}

/**
 * Reads `0x<hex>[.<hex>]p<exp>` (the `p` exponent is required, as in Go) and hands its parts to `value`.
 * `parseHexFloat('-0x1.8p1', hexByMantissa)` ⇒ -3.
 */
function parseHexFloat(s: string, value: (h: HexFloat) => number): number | undefined {
  const m = HEX_FLOAT.exec(s);
  if (m === null || !underscoreOk(s)) return undefined;
  const intDigits = (m[2] ?? '').replaceAll('_', '');
  const fracDigits = (m[3] ?? '').replaceAll('_', '');
  if (intDigits === '' && fracDigits === '') return undefined;
  const exp = Number((m[4] ?? '0').replaceAll('_', ''));
  return value({ negative: m[1] === '-', intDigits, fracDigits, exp });
}

/** All digits as one integer mantissa, scaled once: `0x1.8p1` ⇒ 0x18 × 2^(1−4) = 3. (parseGoFloat's way.) */
function hexByMantissa(h: HexFloat): number {
  let mant = 0;
  for (const c of h.intDigits + h.fracDigits) mant = mant * 16 + parseInt(c, 16);
  const v = mant * 2 ** (h.exp - 4 * h.fracDigits.length);
  return h.negative ? -v : v;
}

/** Integer part plus fraction, then scaled: `0x1.8p1` ⇒ (1 + 8/16) × 2^1 = 3. (parseGoFloatLenient's way.) */
function hexByParts(h: HexFloat): number {
  const intPart = h.intDigits === '' ? 0 : parseInt(h.intDigits, 16);
  const fracPart = h.fracDigits === '' ? 0 : parseInt(h.fracDigits, 16) / 16 ** h.fracDigits.length;
  const v = (intPart + fracPart) * 2 ** h.exp;
  return h.negative ? -v : v;
}
