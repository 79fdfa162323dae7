/**
 * Go's `encoding/json.Marshal` of a decoded JSON value (`interface{}`): map keys sorted (by
 * bytes), `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, numbers as Go writes float64
 * (the same switch to exponent form below 1e-6 and from 1e21 as JavaScript's, `e-7` not `e-07`).
 * Argo prints a web/newRelic/skywalking measurement value this way.
 *
 * Example: goJsonMarshal({b: 1, a: '<x>'}) === '{"a":"\u003cx\u003e","b":1}'; goJsonMarshal(1e-7) === '1e-7'.
 */
import { cmpBytes } from './compare-strings.js';

export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => cmpBytes(a, b));
  return `{${entries.map(([k, x]) => `${quote(k)}:${goJsonMarshal(x)}`).join(',')}}`;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
