/**
 * RE2 (Go regexp) patterns translated to JavaScript RegExp, fully anchored as Prometheus does
 * (`^(?:re)$`). Errors use Go's wording: `error parsing regexp: missing closing ): \`^(?:5(..)$\``.
 *
 *   compileAnchored('5..')        ⇒ /^(?:5..)$/u   (matches "500", not "5000")
 *   compileAnchored('(?i)success') ⇒ /^(?:success)$/iu
 */
export type CompiledRegex = { ok: true; re: RegExp } | { ok: false; error: string };

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7f', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const SYNTAX = '^$\\.*+?()[]{}|/';

function escapeLiteral(c: string, inClass: boolean): string {
  if (SYNTAX.includes(c) || (inClass && c === '-')) return '\\' + c;
  return c;
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

/** A letter matched in both cases, for Go's (?i) (JavaScript has no inline flags). `caseless('a')` ⇒ '[aA]'. */
function caseless(c: string, inClass: boolean): string {
  const lo = c.toLowerCase();
  const up = c.toUpperCase();
  if (lo === up) return escapeLiteral(c, inClass);
  return inClass ? lo + up : `[${lo}${up}]`;
}

/** Translates `src` (the full, already anchored pattern) or returns Go's error text. */
function translate(src: string): { body: string; flags: string } | string {
  const err = (code: string, frag: string): string => `error parsing regexp: ${code}: \`${frag}\``;
  const stack: Flags[] = [{ i: false, s: false, m: false }];
  const cur = (): Flags => stack[stack.length - 1] as Flags;
  let out = '';
  let i = 0;
  let lastWasRepeat = false;
  let canRepeat = false;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const r = translateEscape(src, i, false, cur().i);
      if (typeof r === 'string') return r;
      out += r.text;
      i = r.next;
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    if (c === '(') {
      const f = { ...cur() };
      if (src.startsWith('(?', i)) {
        const m = /^\(\?(P<([A-Za-z_][A-Za-z0-9_]*)>|([imsU]*)(?:-([imsU]*))?(:|\)))/.exec(src.slice(i));
        if (!m) return err('invalid or unsupported Perl syntax', src.slice(i, i + 3));
        if (m[3] !== undefined) {
          const on = m[3] ?? '';
          const off = m[4] ?? '';
          if (/U/.test(on + off) || (on + off === '' && m[5] === ')') || m[4] === '') {
            return err('invalid or unsupported Perl syntax', m[0]);
          }
          for (const k of ['i', 's', 'm'] as const) {
            if (on.includes(k)) f[k] = true;
            if (off.includes(k)) f[k] = false;
          }
          i += m[0].length;
          if (m[5] === ')') {
            stack[stack.length - 1] = f;
            continue;
          }
          out += '(?:';
        } else {
          out += `(?<${m[2]}>`;
          i += m[0].length;
        }
      } else {
        out += '(';
        i++;
      }
      stack.push(f);
      canRepeat = false;
      lastWasRepeat = false;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return err('unexpected )', src);
      stack.pop();
      out += ')';
      i++;
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    if (c === '[') {
      const r = translateClass(src, i, cur().i);
      if (typeof r === 'string') return r;
      out += r.text;
      i = r.next;
      canRepeat = true;
      lastWasRepeat = false;
      continue;
    }
    const rep = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(src.slice(i));
    if (rep && (c !== '{' || rep[1] !== undefined)) {
      const op = (rep[0] as string).replace(/\?$/, '') || (rep[0] as string);
      if (lastWasRepeat) return err('invalid nested repetition operator', src.slice(i - 1, i + rep[0].length));
      if (!canRepeat) return err('missing argument to repetition operator', op);
      if (Number(rep[1] ?? 0) > 1000 || Number(rep[3] || 0) > 1000) return err('invalid repeat count', rep[0]);
      if (rep[3] && Number(rep[3]) < Number(rep[1])) return err('invalid repeat count', rep[0]);
      out += rep[0];
      i += rep[0].length;
      lastWasRepeat = true;
      continue;
    }
    const f = cur();
    if (c === '.') out += f.s ? '[^]' : '[^\\n]';
    else if (c === '^') out += i === 0 ? '^' : f.m ? '(?<=^|\\n)' : '^';
    else if (c === '$') out += i === src.length - 1 ? '$' : f.m ? '(?=$|\\n)' : '$';
    else if (c === '|') out += '|';
    else if ('{}]/'.includes(c)) out += '\\' + c;
    else out += f.i ? caseless(c, false) : c;
    canRepeat = c !== '|' && c !== '^';
    lastWasRepeat = false;
    i++;
  }
  if (stack.length > 1) return err('missing closing )', src);
  return { body: out, flags: 'u' };
}

function translateEscape(src: string, i: number, inClass: boolean, ci = false): { text: string; next: number } | string {
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

/** One class item: a literal character (code point) or a class escape / POSIX class (text only). */
type ClassItem = { kind: 'char'; cp: number; text: string } | { kind: 'set'; text: string };

function translateClass(src: string, start: number, ci: boolean): { text: string; next: number } | string {
  let i = start + 1;
  let out = '[';
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  const items: ClassItem[] = [];
  const readItem = (): ClassItem | string => {
    const c = src[i] as string;
    if (c === '[' && src[i + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      const cls = m ? POSIX[m[2] as string] : undefined;
      if (!m || cls === undefined) return `error parsing regexp: invalid character class range: \`${src.slice(i, i + 9)}\``;
      if (m[1]) return 'error parsing regexp: invalid or unsupported Perl syntax: `[:^`';
      i += m[0].length;
      return { kind: 'set', text: cls };
    }
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      const r = translateEscape(src, i, true);
      if (typeof r === 'string') return r;
      const raw = src.slice(i, r.next);
      i = r.next;
      if ('dDwWsSpP'.includes(e)) return { kind: 'set', text: r.text };
      const named: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };
      const lit = e === 'x' || /[0-7]/.test(e) ? String.fromCodePoint(parseInt(r.text.slice(3, -1), 16)) : (named[e] ?? raw.slice(1));
      return { kind: 'char', cp: lit.codePointAt(0) as number, text: r.text };
    }
    const ch = String.fromCodePoint(src.codePointAt(i) as number);
    i += ch.length;
    return { kind: 'char', cp: ch.codePointAt(0) as number, text: escapeLiteral(ch, true) };
  };
  let first = true;
  while (i < src.length) {
    if (src[i] === ']' && !first) {
      for (const it of items) out += it.text;
      return { text: out + ']', next: i + 1 };
    }
    first = false;
    const lo = readItem();
    if (typeof lo === 'string') return lo;
    if (lo.kind === 'char' && src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
      const rangeStart = i - 1;
      i++;
      const hi = readItem();
      if (typeof hi === 'string') return hi;
      if (hi.kind !== 'char' || hi.cp < lo.cp) {
        return `error parsing regexp: invalid character class range: \`${src.slice(rangeStart - (lo.text.length - 1), i)}\``;
      }
      items.push({ kind: 'set', text: `${lo.text}-${hi.text}` });
      if (ci) {
        const [a, b] = [String.fromCodePoint(lo.cp), String.fromCodePoint(hi.cp)];
        for (const [x, y] of [[a.toLowerCase(), b.toLowerCase()], [a.toUpperCase(), b.toUpperCase()]] as const) {
          if (x !== a || y !== b) items.push({ kind: 'set', text: `${escapeLiteral(x, true)}-${escapeLiteral(y, true)}` });
        }
      }
      continue;
    }
    if (lo.kind === 'char' && ci) items.push({ kind: 'set', text: caseless(String.fromCodePoint(lo.cp), true) });
    else items.push(lo);
  }
  return `error parsing regexp: missing closing ]: \`${src.slice(start)}\``;
}

const cache = new Map<string, CompiledRegex>();

/** Compiles a Prometheus regex matcher value, anchored at both ends. Results are cached. */
export function compileAnchored(pattern: string): CompiledRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const t = translate(`^(?:${pattern})$`);
  let res: CompiledRegex;
  if (typeof t === 'string') res = { ok: false, error: t };
  else {
    try {
      res = { ok: true, re: new RegExp(t.body, t.flags) };
    } catch {
      res = { ok: false, error: `error parsing regexp: invalid or unsupported Perl syntax: \`${pattern}\`` };
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, res);
  return res;
}
