/**
 * PromQL regex matchers and `label_replace` patterns: Go's RE2 (src/go/regexp.ts), fully anchored as
 * Prometheus 2.42 does (`regexp.Compile("^(?:" + re + ")$")`), with its Go 1.19 syntax (no `(?<name>`).
 * Errors are Go's text for the anchored pattern: `error parsing regexp: missing closing ): \`^(?:5(..)$\``.
 *
 *   compileAnchored('5..')         ⇒ {ok: true, re} with re.test('500') === true, re.test('5000') === false
 *   compileAnchored('(?i)success') ⇒ {ok: true, re} with re.test('SUCCESS') === true
 *   compileAnchored('(a+)+b')      ⇒ {ok: true, re}; re.test('a'.repeat(30)) === false in linear time
 */
import { compileGoRegexp } from '../go/regexp.js';
import type { GoRegexp } from '../go/regexp.js';

export type CompiledRegex = { ok: true; re: GoRegexp } | { ok: false; error: string };

/** Compiles a Prometheus regex matcher value, anchored at both ends; compiled once per pattern. */
export function compileAnchored(pattern: string): CompiledRegex {
  return compileGoRegexp(`^(?:${pattern})$`, { go119: true });
}
