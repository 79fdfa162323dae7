/**
 * Go's quoting of strings and runes as it shows through in error messages: `strconv.Quote` (also
 * `%q` / `%#v` of a string), `%#U` of a rune, `%q` of a rune. The PromQL and metrics code has always
 * used lighter versions that only escape ASCII control characters; those stay available under their
 * own names so no message changes (see `goQuoteControlsOnly`, `isNotAsciiControl`, `goQuoteRuneBasic`).
 */

/**
 * Go's `unicode.IsPrint` (which `strconv.IsPrint` follows): letters, marks, numbers, punctuation,
 * symbols and the ASCII space.
 *
 * @example isGoPrint('é') // true; isGoPrint('\u00a0') // false (no-break space); isGoPrint('\n') // false
 */
export function isGoPrint(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/**
 * True for every character but the ASCII control characters (U+0000–U+001F and DEL): the notion of
 * "printable" the PromQL lexer and the label printer use (Go's `IsPrint` is stricter, see `isGoPrint`).
 *
 * @example isNotAsciiControl('é') // true; isNotAsciiControl('\u00a0') // true; isNotAsciiControl('\x7f') // false
 */
export function isNotAsciiControl(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0x20 && cp !== 0x7f;
}

/** The single-character escapes `strconv.Quote` writes. */
const GO_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
};

/** The single-character escapes of the lighter PromQL/metrics quoting (no `\a`, `\b`, `\f`, `\v`). */
const BASIC_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', '"': '\\"' };

/**
 * Double-quotes `s`: a character with an entry in `escapes` is replaced by it, a printable one is kept,
 * any other is written `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lower-case hex) as Go does.
 * `quoteWith('a\u200b', GO_ESCAPES, isGoPrint)` ⇒ `"a\u200b"` (the escape spelled out).
 */
function quoteWith(s: string, escapes: Readonly<Record<string, string>>, isPrint: (ch: string) => boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const esc = escapes[ch];
    if (esc !== undefined) out += esc;
    else if (isPrint(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * Go's `strconv.Quote` (also `%q` and `%#v` of a string): `\a \b \f \n \r \t \v \\ \"`, other
 * non-printable characters (per `isGoPrint`) as `\x..`, `\u....` or `\U........`.
 *
 * @example goQuote('a"b\n') // "\"a\\\"b\\n\""  (Go: `"a\"b\n"`)
 * @example goQuote('\x07\u00a0') // "\"\\a\\u00a0\""  (Go: `"\a\u00a0"`)
 */
export function goQuote(s: string): string {
  return quoteWith(s, GO_ESCAPES, isGoPrint);
}

/**
 * The lighter quoting the PromQL lexer messages and `Labels.String()` have always used here: only `"`,
 * `\`, `\n`, `\r`, `\t` get a short escape, other ASCII control characters become `\xNN`, and every
 * other character is kept as is. It agrees with `strconv.Quote` except that Go writes `\a \b \f \v`
 * for U+0007/8/C/B (here `\x07 \x08 \x0c \x0b`) and escapes non-printable non-ASCII characters such as
 * U+00A0 or U+200B (here kept verbatim).
 *
 * @example goQuoteControlsOnly('a"b\n') // "\"a\\\"b\\n\""
 * @example goQuoteControlsOnly('\x07\u00a0') // "\"\\x07\u00a0\""  (Go's Quote: `"\a\u00a0"`)
 */
export function goQuoteControlsOnly(s: string): string {
  return quoteWith(s, BASIC_ESCAPES, isNotAsciiControl);
}

/**
 * Go's `%#U` of a rune: `U+` and at least four upper-case hex digits, then the rune in single quotes
 * when it is printable. `isPrint` says what counts as printable: Go's `IsPrint` by default; the PromQL
 * lexer passes `isNotAsciiControl`, as it always has.
 *
 * @example formatRuneU('@') // "U+0040 '@'"; formatRuneU('\n') // "U+000A"
 * @example formatRuneU('\u00a0') // "U+00A0"; formatRuneU('\u00a0', isNotAsciiControl) // "U+00A0 '\u00a0'"
 */
export function formatRuneU(ch: string, isPrint: (ch: string) => boolean = isGoPrint): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(ch) ? `${hex} '${ch}'` : hex;
}

/**
 * Go's `%q` of a rune (`strconv.QuoteRune`) for the characters the PromQL lexer reports: `\n`, `\t`,
 * `'` and `\` are escaped, the empty string (the lexer's end of input) prints as `'\x00'`, and any other
 * character is kept as is. Go would also escape other control characters (`'\r'`, `'\x01'`) and print
 * its end-of-input rune -1 as `'�'`; the lexer's messages have always read as below.
 *
 * @example goQuoteRuneBasic('x') // "'x'"; goQuoteRuneBasic('\n') // "'\\n'"; goQuoteRuneBasic('') // "'\\x00'"
 */
export function goQuoteRuneBasic(c: string): string {
  if (c === '') return `'\\x00'`;
  if (c === '\n') return `'\\n'`;
  if (c === '\t') return `'\\t'`;
  if (c === "'") return `'\\''`;
  if (c === '\\') return `'\\\\'`;
  return `'${c}'`;
}
