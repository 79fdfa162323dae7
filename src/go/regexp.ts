/**
 * Go's `regexp` (RE2 syntax, linear-time matching) for every user pattern: PromQL matchers and
 * `label_replace`, expr's `matches`, `setHeaderRoute` header regexes and analysis `dryRun` /
 * `measurementRetention` metric names. Prometheus, expr, Argo and Istio all use RE2, so a hostile
 * pattern such as `(a+)+b` costs time linear in the input here too, never a backtracking blow-up.
 * The engine is `re2js`, a port of Go's regexp; this module compiles each pattern once (a bounded
 * cache) and gives errors Go's wording.
 *
 *   compileGoRegexp('(?i)INTERNAL')  ⇒ {ok: true, re}  with re.test('x-internal-y') === true (unanchored, as MatchString)
 *   compileGoRegexp('(?=a)')         ⇒ {ok: false, error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'}
 *   compileGoRegexp('(?<n>a)', {go119: true}) ⇒ {ok: false, error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'}
 */
import { RE2JS } from 're2js';

/** A compiled pattern. Matching is unanchored, like Go's `MatchString`; anchor in the pattern when needed. */
export interface GoRegexp {
  /** Whether the pattern matches anywhere in `s`. `compileGoRegexp('b').re.test('abc') === true`. */
  test(s: string): boolean;
  /**
   * The leftmost match and its submatches (Go's `FindStringSubmatch`), shaped like `RegExp#exec`:
   * `[whole, group1, …]` with `undefined` for a group that did not take part, and `groups` (a
   * null-prototype object) for named groups. `null` when nothing matches.
   */
  exec(s: string): RegExpExecArray | null;
}

export type GoRegexpResult = { ok: true; re: GoRegexp } | { ok: false; error: string };

export interface GoRegexpOptions {
  /**
   * Refuse `(?<name>…)` as Go before 1.22 does (Prometheus 2.42 is built with Go 1.19, which only
   * knows `(?P<name>…)`); Argo Rollouts and its expr are built with a newer Go that accepts both.
   */
  readonly go119?: boolean;
}

const CACHE_LIMIT = 1000;
const cache = new Map<string, GoRegexpResult>();

/**
 * Compiles `pattern` with Go's RE2 syntax (Perl flags, as `regexp.Compile`), once: results, errors
 * included, are cached by pattern and options, the oldest dropped past 1000 entries.
 * `compileGoRegexp('5(..')` ⇒ {ok: false, error: 'error parsing regexp: missing closing ): `5(..`'}.
 */
export function compileGoRegexp(pattern: string, opts: GoRegexpOptions = {}): GoRegexpResult {
  const key = `${opts.go119 === true ? '1' : '0'}${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const res = compile(pattern, opts);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, res);
  return res;
}

function compile(pattern: string, opts: GoRegexpOptions): GoRegexpResult {
  if (opts.go119 === true && angleGroupAt(pattern) >= 0) {
    return { ok: false, error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`' };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return { ok: false, error: goErrorText(e instanceof Error ? e.message : String(e), pattern) };
  }
  return { ok: true, re: { test: (s) => re.test(s), exec: (s) => re.exec(s) as RegExpExecArray | null } };
}

/**
 * re2js drops the ": `expr`" tail Go's `*syntax.Error` always prints: Go shows an empty one for a
 * trailing backslash and the whole pattern for "expression nests too deeply" / "too large".
 * `goErrorText('error parsing regexp: trailing backslash at end of expression', 'a\\')`
 *   ⇒ 'error parsing regexp: trailing backslash at end of expression: ``'.
 */
function goErrorText(message: string, pattern: string): string {
  const text = message.startsWith('error parsing regexp: ') ? message : `error parsing regexp: ${message}`;
  if (text.endsWith('`')) return text;
  return text.endsWith('trailing backslash at end of expression') ? `${text}: \`\`` : `${text}: \`${pattern}\``;
}

/**
 * Where `(?<` opens a group (not `(?P<`, not escaped, not inside a class or `\Q…\E`), or -1.
 * `angleGroupAt('a(?<n>b)') === 1`; `angleGroupAt('[(?<]')` === -1; `angleGroupAt('\\(?<')` === -1.
 */
export function angleGroupAt(pattern: string): number {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        if (end < 0) return -1;
        i = end + 2;
      } else i += 2;
    } else if (c === '[') i = classEnd(pattern, i);
    else if (pattern.startsWith('(?<', i)) return i;
    else i++;
  }
  return -1;
}

/** The index after the class opening at `start`: `]` right after `[` or `[^` is a literal, `[:alpha:]` nests. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === ']') return i + 1;
    if (c === '\\') i += 2;
    else if (pattern.startsWith('[:', i)) {
      const end = pattern.indexOf(':]', i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else i++;
  }
  return i;
}
