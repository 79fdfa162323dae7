/**
 * RE2 (Go regexp) patterns translated to JavaScript RegExp, fully anchored as Prometheus does
 * (`^(?:re)$`). Errors use Go's wording: `error parsing regexp: missing closing ): \`^(?:5(..)$\``.
 *
 *   compileAnchored('5..')        ⇒ /^(?:5..)$/u   (matches "500", not "5000")
 *   compileAnchored('(?i)success') ⇒ /^(?:success)$/iu
 */
import { caseless, translateClass, translateEscape } from './regex-atoms.js';
import type { Translated } from './regex-atoms.js';

export type CompiledRegex = { ok: true; re: RegExp } | { ok: false; error: string };

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

/** `(?P<name>`, or a flag group `(?i)` / `(?i-s:`; group 3/4 are the flags set/cleared, group 5 `:` or `)`. */
const GROUP_OPEN = /^\(\?(P<([A-Za-z_][A-Za-z0-9_]*)>|([imsU]*)(?:-([imsU]*))?(:|\)))/;
/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy. */
const REPEAT = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;

/** Go's `*syntax.Error` text. `regexpError('unexpected )', 'a)')` ⇒ 'error parsing regexp: unexpected ): `a)`'. */
const regexpError = (code: string, frag: string): string => `error parsing regexp: ${code}: \`${frag}\``;

/** The state of one translation: the output so far and what a repetition operator may follow. */
class Translation {
  out = '';
  i = 0;
  lastWasRepeat = false;
  canRepeat = false;
  /** The flags of each open group, innermost last. */
  readonly stack: Flags[] = [{ i: false, s: false, m: false }];

  constructor(readonly src: string) {}

  get flags(): Flags {
    return this.stack[this.stack.length - 1] as Flags;
  }

  /** Appends an atom a repetition may follow (an escape, a class, a closed group), or passes its error on. */
  atom(r: Translated | string): string | undefined {
    if (typeof r === 'string') return r;
    this.out += r.text;
    this.i = r.next;
    this.canRepeat = true;
    this.lastWasRepeat = false;
    return undefined;
  }
}

/** Translates `src` (the full, already anchored pattern) or returns Go's error text. */
function translate(src: string): { body: string; flags: string } | string {
  const t = new Translation(src);
  while (t.i < src.length) {
    const c = src[t.i] as string;
    let error: string | undefined;
    if (c === '\\') error = t.atom(translateEscape(src, t.i, false, t.flags.i));
    else if (c === '(') error = openGroup(t);
    else if (c === ')') error = closeGroup(t);
    else if (c === '[') error = t.atom(translateClass(src, t.i, t.flags.i));
    else {
      const rep = REPEAT.exec(src.slice(t.i));
      if (rep && (c !== '{' || rep[1] !== undefined)) error = repetition(t, rep);
      else literal(t, c);
    }
    if (error !== undefined) return error;
  }
  if (t.stack.length > 1) return regexpError('missing closing )', src);
  return { body: t.out, flags: 'u' };
}

/**
 * `(`, `(?:`, `(?P<name>` or a flag group. `(?i)` alone changes the flags of the enclosing group and
 * opens nothing; `(?i:` opens a group with them. JavaScript has no inline flags, so flags are tracked
 * here and applied to each atom.
 */
function openGroup(t: Translation): string | undefined {
  const f = { ...t.flags };
  if (!t.src.startsWith('(?', t.i)) {
    t.out += '(';
    t.i++;
  } else {
    const m = GROUP_OPEN.exec(t.src.slice(t.i));
    if (!m) return regexpError('invalid or unsupported Perl syntax', t.src.slice(t.i, t.i + 3));
    if (m[3] === undefined) {
      t.out += `(?<${m[2]}>`;
      t.i += m[0].length;
    } else {
      const error = applyFlags(f, m);
      if (error !== undefined) return error;
      t.i += m[0].length;
      if (m[5] === ')') {
        t.stack[t.stack.length - 1] = f;
        return undefined;
      }
      t.out += '(?:';
    }
  }
  t.stack.push(f);
  t.canRepeat = false;
  t.lastWasRepeat = false;
  return undefined;
}

/** Sets and clears the flags a `(?flags)` / `(?flags:` group names; RE2 refuses `U`, `(?)` and a bare `-`. */
function applyFlags(f: Flags, m: RegExpExecArray): string | undefined {
  const on = m[3] ?? '';
  const off = m[4] ?? '';
  if (/U/.test(on + off) || (on + off === '' && m[5] === ')') || m[4] === '') {
    return regexpError('invalid or unsupported Perl syntax', m[0]);
  }
  for (const k of ['i', 's', 'm'] as const) {
    if (on.includes(k)) f[k] = true;
    if (off.includes(k)) f[k] = false;
  }
  return undefined;
}

/** `)` closes the innermost group, restoring the flags outside it. */
function closeGroup(t: Translation): string | undefined {
  if (t.stack.length === 1) return regexpError('unexpected )', t.src);
  t.stack.pop();
  return t.atom({ text: ')', next: t.i + 1 });
}

/** A repetition operator: RE2 refuses one after another, one with nothing to repeat, and counts over 1000. */
function repetition(t: Translation, rep: RegExpExecArray): string | undefined {
  const op = (rep[0] as string).replace(/\?$/, '') || (rep[0] as string);
  if (t.lastWasRepeat) return regexpError('invalid nested repetition operator', t.src.slice(t.i - 1, t.i + rep[0].length));
  if (!t.canRepeat) return regexpError('missing argument to repetition operator', op);
  if (Number(rep[1] ?? 0) > 1000 || Number(rep[3] || 0) > 1000) return regexpError('invalid repeat count', rep[0]);
  if (rep[3] && Number(rep[3]) < Number(rep[1])) return regexpError('invalid repeat count', rep[0]);
  t.out += rep[0];
  t.i += rep[0].length;
  t.lastWasRepeat = true;
  return undefined;
}

/**
 * Any other character, under the current flags: `.` and `^`/`$` per (?s) and (?m) (the pattern's own
 * anchors at either end stay plain), a letter in both cases under (?i). `.` ⇒ '[^\\n]' without (?s).
 */
function literal(t: Translation, c: string): void {
  const f = t.flags;
  if (c === '.') t.out += f.s ? '[^]' : '[^\\n]';
  else if (c === '^') t.out += t.i === 0 ? '^' : f.m ? '(?<=^|\\n)' : '^';
  else if (c === '$') t.out += t.i === t.src.length - 1 ? '$' : f.m ? '(?=$|\\n)' : '$';
  else if (c === '|') t.out += '|';
  else if ('{}]/'.includes(c)) t.out += '\\' + c;
  else t.out += f.i ? caseless(c, false) : c;
  t.canRepeat = c !== '|' && c !== '^';
  t.lastWasRepeat = false;
  t.i++;
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
