/**
 * Go's `time.ParseDuration`, with its exact error messages: Argo's `DurationString.Duration()`
 * (metric `interval`, `initialDelay`) calls it, and `ValidateMetric` puts the error in the run's
 * message when an argument substituted into one of those fields is not a duration.
 */
import { utf8Encode } from '../../go/index.js';
import type { Ms } from '../../model/time.js';

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** Go's duration limit: int64 nanoseconds. */
const MAX_NS = 2 ** 63;

/**
 * The `time` package's own `quote`: ASCII as is (`"` and `\` escaped), every other byte (non-ASCII
 * or control) as `\xNN` of its UTF-8 encoding.
 * Example: timeQuote('1d') === '"1d"'; timeQuote('5µ') === '"5\\xc2\\xb5"'.
 */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x80 || c < 0x20) {
      for (const b of utf8Encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out + '"';
}

export type GoDuration = { readonly ok: true; readonly ms: Ms } | { readonly ok: false; readonly error: string };

/**
 * Parses like `time.ParseDuration` (no trimming, no bare numbers but "0", decimals and units
 * concatenated), rounded to milliseconds.
 * Example: goParseDuration('1h30m') → {ok: true, ms: 5_400_000};
 * goParseDuration('10') → {ok: false, error: 'time: missing unit in duration "10"'};
 * goParseDuration('1d') → {ok: false, error: 'time: unknown unit "d" in duration "1d"'};
 * goParseDuration('soon') → {ok: false, error: 'time: invalid duration "soon"'}.
 */
export function goParseDuration(text: string): GoDuration {
  const invalid: GoDuration = { ok: false, error: `time: invalid duration ${timeQuote(text)}` };
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ms: 0 };
  if (s === '') return invalid;
  let ns = 0;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    const whole = number[1] ?? '';
    const fraction = number[2] ?? '';
    // The next character must be a digit or '.', and some digit must come before or after it.
    if (whole === '' && fraction === '') return invalid;
    s = s.slice(number[0].length);
    let i = 0;
    while (i < s.length && !/[0-9.]/.test(s[i] as string)) i++;
    if (i === 0) return { ok: false, error: `time: missing unit in duration ${timeQuote(text)}` };
    const unit = s.slice(0, i);
    s = s.slice(i);
    const scale = UNIT_NS[unit];
    if (scale === undefined) return { ok: false, error: `time: unknown unit ${timeQuote(unit)} in duration ${timeQuote(text)}` };
    ns += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
    if (ns > MAX_NS) return invalid;
  }
  if (!neg && ns >= MAX_NS) return invalid;
  const ms = Math.round(ns / 1e6);
  return { ok: true, ms: neg ? -ms : ms };
}
