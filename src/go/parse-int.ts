/**
 * Go's `strconv.ParseInt` / `Atoi` as expr's literals and Argo's `asInt` use them: same accepted
 * syntax, same error texts. Functions return the value, or the error message as a string.
 */
import { numError, underscoreOk } from './num-error.js';

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_LIMIT = 2n ** 63n;

/**
 * Splits a base-0 literal into its radix and digits: `0x`/`0o`/`0b` prefixes, or a leading `0` for octal.
 * `basePrefix('0x1F')` ⇒ [16, '1F']; `basePrefix('017')` ⇒ [8, '17']; `basePrefix('0')` ⇒ [10, '0'].
 */
function basePrefix(body: string): [radix: number, digits: string] {
  const lower = body.toLowerCase();
  if (lower.startsWith('0x')) return [16, body.slice(2)];
  if (lower.startsWith('0b')) return [2, body.slice(2)];
  if (lower.startsWith('0o')) return [8, body.slice(2)];
  if (body.length > 1 && body.startsWith('0')) return [8, body.slice(1)];
  return [10, body];
}

/**
 * `strconv.ParseInt(s, base, 64)` for base 10 or 0 (0 = prefix `0x`/`0o`/`0b`, or a leading `0`
 * meaning octal; underscores allowed between digits).
 *
 * @example parseGoInt('42', 10)   // 42n
 * @example parseGoInt('0x1F', 0)  // 31n; parseGoInt('010', 0) // 8n; parseGoInt('1_000', 0) // 1000n
 * @example parseGoInt('0.01', 10) // 'strconv.ParseInt: parsing "0.01": invalid syntax'
 * @example parseGoInt('9223372036854775808', 10) // 'strconv.ParseInt: parsing "9223372036854775808": value out of range'
 */
export function parseGoInt(s: string, base: 0 | 10): bigint | string {
  let body = s;
  let neg = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body.startsWith('-');
    body = body.slice(1);
  }
  let radix = 10;
  if (base === 0) {
    [radix, body] = basePrefix(body);
    if (body.includes('_') && !underscoreOk(s)) return numError('ParseInt', s, 'invalid syntax');
    body = body.replaceAll('_', '');
  }
  if (body === '') return numError('ParseInt', s, 'invalid syntax');
  let n = 0n;
  for (const c of body) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= radix || c.length !== 1) return numError('ParseInt', s, 'invalid syntax');
    n = n * BigInt(radix) + BigInt(d);
    if (n > UINT64_MAX) return numError('ParseInt', s, 'value out of range');
  }
  if ((!neg && n >= INT64_LIMIT) || (neg && n > INT64_LIMIT)) return numError('ParseInt', s, 'value out of range');
  return neg ? -n : n;
}

/**
 * Go's `strconv.Atoi` validity (the value is the same as ParseInt base 10).
 *
 * @example parseGoAtoi('+7') // 7n; parseGoAtoi('7.0') // undefined
 */
export function parseGoAtoi(s: string): bigint | undefined {
  const r = parseGoInt(s, 10);
  return typeof r === 'bigint' ? r : undefined;
}
