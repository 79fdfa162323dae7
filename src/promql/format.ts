/**
 * How Prometheus' HTTP API prints values, and what Argo Rollouts' prometheus provider makes of them.
 *
 *   formatValue(0.5) ⇒ '0.5'          formatValue(1.5e-7) ⇒ '1.5e-07'     formatValue(2e21) ⇒ '2e+21'
 *   formatValue(-0) ⇒ '-0'            formatValue(Infinity) ⇒ '+Inf'      formatValue(NaN) ⇒ 'NaN'
 *   formatGoFloatF(1e21) ⇒ '1000000000000000000000'   (Go's 'f' -1, used for count_values labels)
 */
import type { Labels } from '../metrics/labels.js';

/** jsonutil.MarshalValue: Go 'f' −1 formatting, 'e' for 0 < |v| < 1e-6 or |v| ≥ 1e21. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = Math.abs(v);
  if (abs < 1e-6 || abs >= 1e21) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatGoFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = (m[2] as string) + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) {
    const frac = digits.slice(exp + 1);
    return m[1] + digits.padEnd(exp + 1, '0').slice(0, exp + 1) + (frac ? '.' + frac : '');
  }
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** Evaluation timestamps in the API are seconds with up to 3 decimals. */
export function apiTime(tMs: number): number {
  return tMs / 1000;
}

export type ApiSample = { metric: Labels; value: [number, string] };
export type ApiSeries = { metric: Labels; values: Array<[number, string]> };
export type ApiData =
  | { resultType: 'vector'; result: ApiSample[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'matrix'; result: ApiSeries[] }
  | { resultType: 'string'; result: [number, string] };

export type ArgoValue = number | number[];

/**
 * What Argo's prometheus provider hands to conditions: vector ⇒ one float per element (in order, `[]` when
 * empty), scalar ⇒ a float, matrix ⇒ every sample value of every series flattened; string ⇒ an error.
 */
export function toArgoValue(data: ApiData): { ok: true; value: ArgoValue } | { ok: false; error: string } {
  const num = (s: string): number => (s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s));
  switch (data.resultType) {
    case 'vector': return { ok: true, value: data.result.map((e) => num(e.value[1])) };
    case 'scalar': return { ok: true, value: num(data.result[1]) };
    case 'matrix': return { ok: true, value: data.result.flatMap((s) => s.values.map((p) => num(p[1]))) };
    case 'string': return { ok: false, error: 'Prometheus metric type not supported' };
  }
}
