/**
 * Go compatibility: the bits of Go's `strconv`, `fmt`, `unicode/utf8` and string order whose exact output
 * shows through in what Argo Rollouts, expr and Prometheus print, mirrored in one place for every caller.
 */
export { cmpBytes, compareCodePoints } from './compare-strings.js';
export { floatToInt64 } from './float-to-int64.js';
export { formatGoFixed6, formatGoFloat, goFloatSpecial } from './format-float.js';
export type { GoFloatFormat } from './format-float.js';
export { numError, underscoreOk } from './num-error.js';
export type { NumErr } from './num-error.js';
export { parseGoFloat, parseGoFloatLenient } from './parse-float.js';
export { parseGoAtoi, parseGoInt } from './parse-int.js';
export { formatRuneU, goQuote, goQuoteControlsOnly, goQuoteRuneBasic, isGoPrint, isNotAsciiControl } from './quote.js';
export { angleGroupAt, compileGoRegexp } from './regexp.js';
export type { GoRegexp, GoRegexpOptions, GoRegexpResult } from './regexp.js';
export { utf8Decode, utf8Encode, utf8Length } from './utf8.js';
export { goJsonMarshal } from './json-marshal.js';
