/**
 * The parts of an RE2 pattern that translate to JavaScript on their own, for regex.ts: escapes
 * (`\d`, `\pL`, `\x{41}`, `\Q...\E`, octal) and character classes (`[a-z[:digit:]\]]`), with Go's error
 * texts. Each returns the JavaScript text and the index just past what it read, or the error.
 */

/** A translated piece: its JavaScript text and where the source continues. */
export interface Translated {
  readonly text: string;
  readonly next: number;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const SYNTAX = '^$\\.*+?()[]{}|/';

/** A literal character, escaped where JavaScript would read it as syntax. `escapeLiteral('.', false)` ⇒ '\\.'. */
export function escapeLiteral(c: string, inClass: boolean): string {
  if (SYNTAX.includes(c) || (inClass && c === '-')) return '\\' + c;
  return c;
}

/** A letter matched in both cases, for Go's (?i) (JavaScript has no inline flags). `caseless('a')` ⇒ '[aA]'. */
export function caseless(c: string, inClass: boolean): string {
  const lo = c.toLowerCase();
  const up = c.toUpperCase();
  if (lo === up) return escapeLiteral(c, inClass);
  return inClass ? lo + up : `[${lo}${up}]`;
}

/** The escape at `src[i]` (a backslash). `translateEscape('\\x41', 0, false)` ⇒ {text: '\\u{41}', next: 4}. */
export function translateEscape(src: string, i: number, inClass: boolean, ci = false): Translated | string {
  const e = src[i + 1];
  const bad = (frag: string): string => `error parsing regexp: invalid escape sequence: \`${frag}\``;
  if (e === undefined) return 'error parsing regexp: trailing backslash at end of expression: ``';
  if ('dDwWsS'.includes(e)) {
    if (e === 's' || e === 'S') {
      const ws = '\\t\\n\\f\\r ';
      return { text: inClass ? (e === 's' ? ws : '\\S') : e === 's' ? `[${ws}]` : `[^${ws}]`, next: i + 2 };
    }
    return { text: '\\' + e, next: i + 2 };
  }
  if (!inClass && 'bBAz'.includes(e)) return { text: e === 'A' ? '^' : e === 'z' ? '$' : '\\' + e, next: i + 2 };
  if ('ntrfv'.includes(e)) return { text: '\\' + e, next: i + 2 };
  if (e === 'a') return { text: '\\x07', next: i + 2 };
  if (e === 'p' || e === 'P') {
    const m = /^\\[pP](\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(src.slice(i));
    if (!m) return bad(src.slice(i, i + 3));
    let name = (m[1] as string).replace(/[{}]/g, '');
    let neg = e === 'P';
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    return { text: `\\${neg ? 'P' : 'p'}{${name}}`, next: i + m[0].length };
  }
  if (e === 'x') {
    const m = /^\\x(\{([0-9A-Fa-f]+)\}|[0-9A-Fa-f]{2})/.exec(src.slice(i));
    if (!m) return bad(src.slice(i, i + 4));
    const hex = m[2] ?? (m[1] as string);
    return { text: `\\u{${hex}}`, next: i + m[0].length };
  }
  if (e === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const lit = src.slice(i + 2, end < 0 ? src.length : end);
    const text = [...lit].map((c) => (ci ? caseless(c, inClass) : escapeLiteral(c, inClass))).join('');
    return { text, next: end < 0 ? src.length : end + 2 };
  }
  if (/[0-7]/.test(e)) {
    const m = /^\\([0-7]{1,3})/.exec(src.slice(i)) as RegExpExecArray;
    if (e !== '0' && (m[1] as string).length < 2) return bad(src.slice(i, i + 2));
    return { text: `\\u{${parseInt(m[1] as string, 8).toString(16)}}`, next: i + m[0].length };
  }
  if (/[A-Za-z0-9]/.test(e)) return bad(src.slice(i, i + 2));
  return { text: escapeLiteral(e, inClass), next: i + 2 };
}

/**
 * The class starting at `src[start]` (a `[`), with Go's (?i) applied when `ci`: each letter, and each
 * range's other-case range, is added. `translateClass('[a-c]', 0, true)` ⇒ {text: '[a-cA-C]', next: 5}.
 */
export function translateClass(src: string, start: number, ci: boolean): Translated | string {
  let i = start + 1;
  let out = '[';
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  const texts: string[] = [];
  for (let first = true; i < src.length; first = false) {
    if (src[i] === ']' && !first) return { text: `${out}${texts.join('')}]`, next: i + 1 };
    const lo = readClassItem(src, i);
    if (typeof lo === 'string') return lo;
    i = lo.next;
    if (lo.item.kind === 'char' && src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
      const range = classRange(src, i, lo.item, ci);
      if (typeof range === 'string') return range;
      texts.push(...range.texts);
      i = range.next;
    } else if (lo.item.kind === 'char' && ci) texts.push(caseless(String.fromCodePoint(lo.item.cp), true));
    else texts.push(lo.item.text);
  }
  return `error parsing regexp: missing closing ]: \`${src.slice(start)}\``;
}

/** One class item: a literal character (code point) or a class escape / POSIX class (text only). */
type ClassItem = { kind: 'char'; cp: number; text: string } | { kind: 'set'; text: string };

/** The class item at `src[i]`: `[:alpha:]`, an escape, or one character. `readClassItem('\\n]', 0)` ⇒ char 10. */
function readClassItem(src: string, i: number): { item: ClassItem; next: number } | string {
  const c = src[i] as string;
  if (c === '[' && src[i + 1] === ':') {
    const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
    const cls = m ? POSIX[m[2] as string] : undefined;
    if (!m || cls === undefined) return `error parsing regexp: invalid character class range: \`${src.slice(i, i + 9)}\``;
    if (m[1]) return 'error parsing regexp: invalid or unsupported Perl syntax: `[:^`';
    return { item: { kind: 'set', text: cls }, next: i + m[0].length };
  }
  if (c === '\\') {
    const e = src[i + 1] ?? '';
    const r = translateEscape(src, i, true);
    if (typeof r === 'string') return r;
    if ('dDwWsSpP'.includes(e)) return { item: { kind: 'set', text: r.text }, next: r.next };
    const named: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };
    const raw = src.slice(i, r.next);
    const lit = e === 'x' || /[0-7]/.test(e) ? String.fromCodePoint(parseInt(r.text.slice(3, -1), 16)) : (named[e] ?? raw.slice(1));
    return { item: { kind: 'char', cp: lit.codePointAt(0) as number, text: r.text }, next: r.next };
  }
  const ch = String.fromCodePoint(src.codePointAt(i) as number);
  return { item: { kind: 'char', cp: ch.codePointAt(0) as number, text: escapeLiteral(ch, true) }, next: i + ch.length };
}

/**
 * The range whose `-` is at `src[dash]`, after its low end `lo`: the range text, plus its lower- and
 * upper-case ranges under (?i). The high end must be a character not below `lo`.
 * `classRange('[a-c]', 2, <char a>, true)` ⇒ {texts: ['a-c', 'A-C'], next: 4}.
 */
function classRange(src: string, dash: number, lo: ClassItem & { kind: 'char' }, ci: boolean): { texts: string[]; next: number } | string {
  const hi = readClassItem(src, dash + 1);
  if (typeof hi === 'string') return hi;
  if (hi.item.kind !== 'char' || hi.item.cp < lo.cp) {
    return `error parsing regexp: invalid character class range: \`${src.slice(dash - 1 - (lo.text.length - 1), hi.next)}\``;
  }
  const texts = [`${lo.text}-${hi.item.text}`];
  if (ci) {
    const [a, b] = [String.fromCodePoint(lo.cp), String.fromCodePoint(hi.item.cp)];
    for (const [x, y] of [[a.toLowerCase(), b.toLowerCase()], [a.toUpperCase(), b.toUpperCase()]] as const) {
      if (x !== a || y !== b) texts.push(`${escapeLiteral(x, true)}-${escapeLiteral(y, true)}`);
    }
  }
  return { texts, next: hi.next };
}
