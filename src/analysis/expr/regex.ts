/**
 * `matches` uses Go's RE2 syntax. JS RegExp agrees on the common subset; this translates the
 * RE2-only spellings conditions are likely to use (leading `(?i)`/`(?s)`/`(?m)` flags, `\A`, `\z`)
 * and maps compile failures to Go's "error parsing regexp: ..." prefix.
 */

const cache = new Map<string, RegExp | string>();

/**
 * Compiles an RE2 pattern; returns the RegExp, or the error message.
 *
 * @example compileRegex('(?i)^ok$') // /^ok$/i
 * @example compileRegex('(')        // 'error parsing regexp: missing closing ): `(`'
 */
export function compileRegex(pattern: string): RegExp | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const compiled = translate(pattern);
  if (cache.size > 256) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function translate(pattern: string): RegExp | string {
  let flags = '';
  let body = pattern;
  const lead = /^\(\?([ims]+)\)/.exec(body);
  if (lead !== null) {
    for (const f of lead[1] ?? '') if (!flags.includes(f)) flags += f;
    body = body.slice(lead[0].length);
  }
  body = body.replace(/\\A/g, '^').replace(/\\z/g, '$(?![\\s\\S])');
  // Unicode mode first (RE2 classes like \p{L}); RE2 also accepts escaped punctuation that
  // Unicode mode rejects, hence the plain retry.
  for (const f of [`${flags}u`, flags]) {
    try {
      return new RegExp(body, f);
    } catch {
      // try the next mode
    }
  }
  return `error parsing regexp: ${describeError(pattern)}`;
}

function describeError(pattern: string): string {
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return `unexpected ): \`${pattern}\``;
  }
  if (depth > 0) return `missing closing ): \`${pattern}\``;
  if (/\[[^\]]*$/.test(pattern)) return `missing closing ]: \`${pattern.slice(pattern.lastIndexOf('['))}\``;
  return `invalid syntax: \`${pattern}\``;
}
