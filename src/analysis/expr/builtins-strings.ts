/**
 * Run-time string built-ins (Go `strings` semantics: byte offsets for `indexOf`, rune-wise
 * splitting on an empty separator, `SplitN` with n = 0 giving a nil slice).
 */
import { utf8Length } from '../../go/index.js';
import { interfaceConversion, toInt } from './runtime.js';
import { ExprPanic, GoInt, GoSlice, sliceItems } from './values.js';
import type { ExprValue } from './values.js';

type Impl = (args: readonly ExprValue[]) => ExprValue;

/**
 * `v.(string)` as Go's typed call does it.
 *
 * @example str('a') // 'a'; str(1) // throws 'interface conversion: interface {} is float64, not string'
 */
export function str(v: ExprValue | undefined): string {
  const x = v ?? null;
  if (typeof x !== 'string') throw interfaceConversion(x, 'string');
  return x;
}

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

function trimSet(s: string, inSet: (ch: string) => boolean, left: boolean, right: boolean): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (left && a < b && inSet(chars[a] ?? '')) a++;
  while (right && b > a && inSet(chars[b - 1] ?? '')) b--;
  return chars.slice(a, b).join('');
}

/**
 * Go's `strings.SplitN` / `SplitAfterN` (n < 0: all; n = 0: nil).
 *
 * @example splitN('a,b,c', ',', 2, false) // []string [a b,c]; splitN('ab', ',', 0, false) // nil []string
 */
export function splitN(s: string, sep: string, n: number, after: boolean): GoSlice {
  if (n === 0) return new GoSlice('string', [], true);
  const limit = n < 0 ? Infinity : n;
  const parts: string[] = [];
  // Index walks, not shift()/slice() of the rest: linear in the string's length (a 1 M-character
  // split was quadratic).
  if (sep === '') {
    const chars = Array.from(s);
    let i = 0;
    while (i < chars.length && parts.length < limit - 1) parts.push(chars[i++] ?? '');
    if (i < chars.length) parts.push(chars.slice(i).join(''));
    return new GoSlice('string', parts);
  }
  let from = 0;
  while (parts.length < limit - 1) {
    const i = s.indexOf(sep, from);
    if (i < 0) break;
    parts.push(s.slice(from, after ? i + sep.length : i));
    from = i + sep.length;
  }
  parts.push(s.slice(from));
  return new GoSlice('string', parts);
}

/**
 * Go's `strings.Replace` (n < 0: all; an empty `old` inserts before every rune and at the end).
 *
 * @example replaceN('aaa', 'a', 'b', 2) // 'bba'; replaceN('ab', '', '-', -1) // '-a-b-'
 */
export function replaceN(s: string, old: string, repl: string, n: number): string {
  const limit = n < 0 ? Infinity : n;
  if (old === '') {
    const chars = Array.from(s);
    let out = '';
    let count = 0;
    for (const ch of chars) {
      if (count < limit) {
        out += repl;
        count++;
      }
      out += ch;
    }
    return count < limit ? out + repl : out;
  }
  let out = '';
  let rest = s;
  for (let count = 0; count < limit; count++) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + repl;
    rest = rest.slice(i + old.length);
  }
  return out + rest;
}

const byteIndex = (s: string, i: number): GoInt => new GoInt(BigInt(i < 0 ? -1 : utf8Length(s.slice(0, i))));

function join(args: readonly ExprValue[]): string {
  const items = sliceItems(args[0] ?? null);
  if (items === undefined) throw new ExprPanic(`invalid argument for join`);
  const glue = args.length === 2 ? str(args[1]) : '';
  return items.map(str).join(glue);
}

export const STRING_BUILTINS: Readonly<Record<string, Impl>> = {
  trim: (a) => (a.length === 1 ? trimSet(str(a[0]), (c) => GO_SPACE.test(c), true, true) : trimSet(str(a[0]), (c) => str(a[1]).includes(c), true, true)),
  trimPrefix: (a) => {
    const [s, p] = [str(a[0]), a.length === 2 ? str(a[1]) : ' '];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (a) => {
    const [s, p] = [str(a[0]), a.length === 2 ? str(a[1]) : ' '];
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  upper: (a) => str(a[0]).toUpperCase(),
  lower: (a) => str(a[0]).toLowerCase(),
  split: (a) => splitN(str(a[0]), str(a[1]), a.length === 3 ? Number(toInt(a[2] ?? null)) : -1, false),
  splitAfter: (a) => splitN(str(a[0]), str(a[1]), a.length === 3 ? Number(toInt(a[2] ?? null)) : -1, true),
  replace: (a) => replaceN(str(a[0]), str(a[1]), str(a[2]), a.length === 4 ? Number(toInt(a[3] ?? null)) : -1),
  repeat: (a) => {
    const s = str(a[0]);
    const n = toInt(a[1] ?? null);
    if (n < 0n) throw new ExprPanic(`invalid argument for repeat (expected positive integer, got ${n})`);
    // expr-lang's memory budget (1 M) bounds what a condition may build: the result's length, so
    // a repeat of a repeat cannot allocate gigabytes either.
    if (n > 1_000_000n || BigInt(s.length) * n > 1_000_000n) throw new ExprPanic('memory budget exceeded');
    return s.repeat(Number(n));
  },
  join: (a) => join(a),
  indexOf: (a) => byteIndex(str(a[0]), str(a[0]).indexOf(str(a[1]))),
  lastIndexOf: (a) => byteIndex(str(a[0]), str(a[0]).lastIndexOf(str(a[1]))),
  hasPrefix: (a) => str(a[0]).startsWith(str(a[1])),
  hasSuffix: (a) => str(a[0]).endsWith(str(a[1])),
};
