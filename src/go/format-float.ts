/**
 * Go's float formatting: `strconv.FormatFloat(v, fmt, -1, 64)` (shortest digits that read back as `v`)
 * in the 'e', 'f' and 'g' layouts, and fmt's `%f`. JavaScript's `toExponential()` already yields
 * the shortest round-trip digits; only the layout around them is Go's.
 */

/** The layouts of `strconv.FormatFloat`: 'e' always has an exponent, 'f' never, 'g' when it is large or small. */
export type GoFloatFormat = 'e' | 'f' | 'g';

/**
 * Go's spelling of the floats that have no digits: `NaN`, `+Inf`, `-Inf`; undefined for any other.
 *
 * @example goFloatSpecial(Infinity) // '+Inf'; goFloatSpecial(0.5) // undefined
 */
export function goFloatSpecial(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return undefined;
}

/**
 * Go's `strconv.FormatFloat(v, fmt, -1, 64)`. 'g' (which `%v` prints) switches to an exponent when
 * the decimal exponent is < -4 or >= 6; exponents have at least two digits; -0 keeps its sign.
 *
 * @example formatGoFloat(0.004, 'g') // '0.004'; formatGoFloat(2e6, 'g') // '2e+06'; formatGoFloat(123456, 'g') // '123456'
 * @example formatGoFloat(1e21, 'f') // '1000000000000000000000'; formatGoFloat(1.5e-7, 'f') // '0.00000015'
 * @example formatGoFloat(1.5e-7, 'e') // '1.5e-07'; formatGoFloat(-0, 'g') // '-0'; formatGoFloat(NaN, 'f') // 'NaN'
 */
export function formatGoFloat(v: number, fmt: GoFloatFormat): string {
  const special = goFloatSpecial(v);
  if (special !== undefined) return special;
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const [mant = '0', expPart = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expPart);
  const exponent = fmt === 'e' || (fmt === 'g' && (exp < -4 || exp >= 6));
  return sign + (exponent ? exponentLayout(digits, exp) : fixedLayout(digits, exp));
}

/** `d.ddde±XX` from the digits and the decimal exponent: `exponentLayout('15', -7)` ⇒ '1.5e-07'. */
function exponentLayout(digits: string, exp: number): string {
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const e = Math.abs(exp);
  return `${digits[0] ?? '0'}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

/** The digits with the point placed, padded with zeros either side: `fixedLayout('15', -7)` ⇒ '0.00000015', `fixedLayout('2', 3)` ⇒ '2000'. */
function fixedLayout(digits: string, exp: number): string {
  const dp = exp + 1;
  if (dp <= 0) return `0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${digits}${'0'.repeat(dp - digits.length)}`;
  return `${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/**
 * Go's `%f` (`strconv.FormatFloat(v, 'f', 6, 64)`), as PromQL's @-modifier bounds message prints a
 * timestamp. Below 1e21 this is `toFixed(6)`, which rounds an exact tie at the seventh decimal up where
 * Go rounds it to even (`0.0078125` ⇒ '0.007813', Go '0.007812'); the message only prints timestamps too
 * large to carry such a fraction.
 *
 * @example formatGoFixed6(1.5) // '1.500000'; formatGoFixed6(1e30) // '1000000000000000019884624838656.000000'
 */
export function formatGoFixed6(v: number): string {
  const special = goFloatSpecial(v);
  if (special !== undefined) return special;
  if (Math.abs(v) >= 1e21) return BigInt(v).toString() + '.000000';
  return v.toFixed(6);
}
