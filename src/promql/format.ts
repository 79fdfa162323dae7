/**
 * How Prometheus' HTTP API prints values, and what Argo Rollouts' prometheus provider makes of them.
 *
 *   formatValue(0.5) ⇒ '0.5'          formatValue(1.5e-7) ⇒ '1.5e-07'     formatValue(2e21) ⇒ '2e+21'
 *   formatValue(-0) ⇒ '-0'            formatValue(Infinity) ⇒ '+Inf'      formatValue(NaN) ⇒ 'NaN'
 *   (count_values labels and Argo's measurement values use Go's 'f' -1: src/go's formatGoFloat(v, 'f'))
 */
import { formatGoFloat } from '../go/index.js';
import type { Labels } from '../metrics/labels.js';

/** jsonutil.MarshalValue: Go 'f' −1 formatting, 'e' for 0 < |v| < 1e-6 or |v| ≥ 1e21. */
export function formatValue(v: number): string {
  const abs = Math.abs(v);
  return formatGoFloat(v, abs !== 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f');
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
