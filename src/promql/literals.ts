/**
 * PromQL 2.42 literal syntax: numbers (Go ParseInt base 0, then ParseFloat), durations
 * (model.ParseDuration), and quoted strings (Go unquoting).
 */
import { parseGoFloatLenient } from '../go/index.js';

/**
 * Parses a NUMBER token as Prometheus' parseNumber does (ParseInt(s, 0, 64) first, so `010` is octal).
 * `parseNumber('0x10')` ⇒ 16, `parseNumber('010')` ⇒ 8, `parseNumber('1e-3')` ⇒ 0.001, `parseNumber('Inf')` ⇒ Infinity.
 */
export function parseNumber(s: string): number | null {
  const maxInt = 2n ** 63n - 1n;
  let big: bigint | null = null;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) big = BigInt(s);
  else if (/^0[0-7]+$/.test(s)) big = BigInt('0o' + s.slice(1));
  else if (/^[0-9]+$/.test(s)) big = BigInt(s);
  if (big !== null && big <= maxInt) return Number(big);
  return parseGoFloatLenient(s);
}

const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600_000, w: 7 * 24 * 3600_000, d: 24 * 3600_000, h: 3600_000, m: 60_000, s: 1000, ms: 1,
};
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * model.ParseDuration: `1h30m` ⇒ 5_400_000 ms. Units must appear in order y w d h m s ms.
 * Returns an error message (Go's wording) on failure.
 */
export function parseDuration(s: string): number | string {
  const m = DURATION_RE.exec(s);
  if (s === '' || !m) return `not a valid duration string: "${s}"`;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let ms = 0;
  units.forEach((u, i) => {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * (UNIT_MS[u] as number);
  });
  if (!Number.isSafeInteger(ms)) return `not a valid duration string: "${s}"`;
  return ms;
}

/**
 * Go-style unquoting of a PromQL string literal ("...", '...' or `...`).
 * `unquote('"a\\nb"')` ⇒ 'a\nb'; returns null when the escapes are invalid.
 */
export function unquote(lit: string): string | null {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) return null;
  const body = lit.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === q || c === '\n') return null;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e === undefined) return null;
    if (simple[e] !== undefined) out += simple[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return null;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return null;
      out += e === 'x' ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return null;
  }
  return out;
}
