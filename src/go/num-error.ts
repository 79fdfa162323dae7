/**
 * Pieces strconv's integer and float parsers share: the text of a `*strconv.NumError`, and Go's rule
 * for where `_` digit separators may stand.
 */
import { goQuote } from './quote.js';

/** The two `strconv` errors a number parser reports. */
export type NumErr = 'invalid syntax' | 'value out of range';

/**
 * `(*strconv.NumError).Error()`: the function, the quoted input, the error.
 *
 * @example numError('ParseInt', '0.01', 'invalid syntax') // 'strconv.ParseInt: parsing "0.01": invalid syntax'
 */
export function numError(fn: 'ParseInt' | 'ParseFloat', s: string, err: NumErr): string {
  return `strconv.${fn}: parsing ${goQuote(s)}: ${err}`;
}

/**
 * Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit, so the
 * parsers can skip over them once this has said yes.
 *
 * @example underscoreOk('1_000') // true; underscoreOk('0x_1f') // true; underscoreOk('1__0') // false; underscoreOk('_1') // false
 */
export function underscoreOk(s: string): boolean {
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
