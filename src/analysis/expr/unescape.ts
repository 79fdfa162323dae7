/**
 * expr's `unescape` of string literals: Go's escapes plus expr's own rules and error texts. (The Go
 * `strconv` number parsers expr's literals and Argo's `asInt` / `asFloat` use live in src/go.)
 */

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
