/**
 * Go's `strconv.ParseInt` / `ParseFloat` as expr's literals and Argo's `asInt` / `asFloat` use
 * them: same accepted syntax, same error texts (`strconv.ParseInt: parsing "0.01": invalid syntax`).
 * Functions return the value, or the error message as a string.
 */
import { goQuote } from './gofmt.js';

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_LIMIT = 2n ** 63n;

function numError(fn: string, s: string, err: 'invalid syntax' | 'value out of range'): string {
  return `strconv.${fn}: parsing ${goQuote(s)}: ${err}`;
}

/**
 * `strconv.ParseInt(s, base, 64)` for base 10 or 0 (0 = prefix `0x`/`0o`/`0b`, or a leading `0`
 * meaning octal).
 *
 * @example parseGoInt('42', 10)   // 42n
 * @example parseGoInt('0.01', 10) // 'strconv.ParseInt: parsing "0.01": invalid syntax'
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
    const lower = body.toLowerCase();
    if (lower.startsWith('0x')) [radix, body] = [16, body.slice(2)];
    else if (lower.startsWith('0b')) [radix, body] = [2, body.slice(2)];
    else if (lower.startsWith('0o')) [radix, body] = [8, body.slice(2)];
    else if (body.length > 1 && body.startsWith('0')) [radix, body] = [8, body.slice(1)];
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

/** Go's `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOk(s: string): boolean {
  let saw = '^';
  let body = s.replace(/^[+-]/, '');
  let hex = false;
  if (/^0[box]/i.test(body)) {
    hex = /^0x/i.test(body);
    body = body.slice(2);
    saw = '0';
  }
  for (const c of body) {
    if (/[0-9]/.test(c) || (hex && /[a-f]/i.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
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

const DECIMAL = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

/**
 * `strconv.ParseFloat(s, 64)`: decimal and hex-float syntax, `inf`/`infinity`/`nan` in any case.
 *
 * @example parseGoFloat('1e-3')  // 0.001
 * @example parseGoFloat('abc')   // 'strconv.ParseFloat: parsing "abc": invalid syntax'
 * @example parseGoFloat('1e999') // 'strconv.ParseFloat: parsing "1e999": value out of range'
 */
export function parseGoFloat(s: string): number | string {
  const special = parseSpecial(s);
  if (special !== undefined) return special;
  let value: number | undefined;
  if (DECIMAL.test(s) && /[0-9]/.test(s.replace(/[eE].*$/, '')) && (!s.includes('_') || underscoreOk(s))) {
    value = Number(s.replaceAll('_', ''));
  } else {
    value = parseHexFloat(s);
  }
  if (value === undefined || Number.isNaN(value)) return numError('ParseFloat', s, 'invalid syntax');
  if (!Number.isFinite(value)) return numError('ParseFloat', s, 'value out of range');
  return value;
}

function parseSpecial(s: string): number | undefined {
  const lower = s.toLowerCase();
  if (lower === 'nan') return NaN;
  const m = /^([+-]?)(inf|infinity)$/.exec(lower);
  if (m === null) return undefined;
  return m[1] === '-' ? -Infinity : Infinity;
}

function parseHexFloat(s: string): number | undefined {
  const m = HEX_FLOAT.exec(s);
  if (m === null || !underscoreOk(s)) return undefined;
  const intPart = (m[2] ?? '').replaceAll('_', '');
  const fracPart = (m[3] ?? '').replaceAll('_', '');
  if (intPart === '' && fracPart === '') return undefined;
  let mant = 0;
  for (const c of intPart + fracPart) mant = mant * 16 + parseInt(c, 16);
  const exp = Number((m[4] ?? '0').replaceAll('_', '')) - 4 * fracPart.length;
  const v = mant * 2 ** exp;
  return m[1] === '-' ? -v : v;
}

/** A string literal escape that expr's `unescape` rejects. */
export class UnescapeError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?',
};

/**
 * expr's `unescape` of a quoted literal (quotes included); throws with expr's message.
 *
 * @example unescape('"a\\tb"') // 'a\tb'; unescape('"\\4"') // throws 'unable to unescape string'
 */
export function unescape(quoted: string): string {
  const value = quoted.replace(/\r\n|\r/g, '\n').slice(1, -1);
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i] ?? '';
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = value[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if ('xXuU'.includes(e) && e !== '') {
      const n = e === 'u' ? 4 : e === 'U' ? 8 : 2;
      const hex = value.slice(i + 2, i + 2 + n);
      const cp = parseInt(hex, 16);
      if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex) || cp > 0x10ffff) throw new UnescapeError('unable to unescape string');
      out += codePointToString(cp, n > 2);
      i += 2 + n;
    } else if (e >= '0' && e <= '3' && e.length === 1) {
      const oct = value.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) throw new UnescapeError('unable to unescape octal sequence in string');
      out += codePointToString(parseInt(oct, 8), true);
      i += 4;
    } else {
      throw new UnescapeError('unable to unescape string');
    }
  }
  return out;
}

/** Bytes >= 0x80 from `\x` escapes and surrogates are not valid text: Go prints them as U+FFFD. */
function codePointToString(cp: number, multibyte: boolean): string {
  if ((!multibyte && cp >= 0x80) || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}
