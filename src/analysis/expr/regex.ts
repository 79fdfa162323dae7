/**
 * expr's `matches` is Go's `regexp.MatchString`: RE2 syntax, unanchored, linear time (src/go/regexp.ts).
 * A pattern that does not compile gives Go's "error parsing regexp: …" text, which expr reports at
 * compile time for a constant pattern and as a run-time panic otherwise.
 */
import { compileGoRegexp } from '../../go/regexp.js';
import type { GoRegexp } from '../../go/regexp.js';

/**
 * Compiles an RE2 pattern (once per pattern); returns the regexp, or the error message.
 *
 * @example compileRegex('(?i)^ok$')  // a GoRegexp: test('OK') === true
 * @example compileRegex('(')         // 'error parsing regexp: missing closing ): `(`'
 * @example compileRegex('a(?=b)')    // 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'
 */
export function compileRegex(pattern: string): GoRegexp | string {
  const c = compileGoRegexp(pattern);
  return c.ok ? c.re : c.error;
}
