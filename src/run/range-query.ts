/**
 * Prometheus range queries over the simulated store, for the prometheus provider's `rangeQuery`
 * (metricproviders/prometheus/prometheus.go:61-78: start and end are expr times, step a duration,
 * sent to `/api/v1/query_range`) and the cloudWatch stand-in. A range query is the instant query
 * evaluated at start, start + step, … ≤ end, its samples gathered per series; the matrix is
 * sorted by label set, as Prometheus sorts it.
 */
import { goParseDuration } from '../analysis/run/go-duration.js';
import type { MetricStore } from '../metrics/store.js';
import { analysisQuery } from './analysis-query.js';
import { cmpBytes } from '../go/index.js';

/** Prometheus' limit on points per series of a range query (`/api/v1/query_range`). */
export const MAX_RANGE_POINTS = 11_000;

export interface RangeSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly t: readonly number[];
  readonly v: readonly number[];
}

export type RangeResult = { readonly ok: true; readonly series: readonly RangeSeries[] } | { readonly ok: false; readonly error: string };

/**
 * Example: evaluateRange(store, 'up', 0, 60_000, 30_000) evaluates at 0, 30 s and 60 s; a pod up
 * throughout gives one series with v [1, 1, 1].
 */
export function evaluateRange(store: MetricStore, query: string, startMs: number, endMs: number, stepMs: number): RangeResult {
  if (endMs < startMs) return { ok: false, error: 'bad_data: end timestamp must not be before start time' };
  if (!(stepMs > 0)) return { ok: false, error: 'bad_data: zero or negative query resolution step widths are not accepted. Try a positive integer' };
  if ((endMs - startMs) / stepMs > MAX_RANGE_POINTS) {
    return { ok: false, error: 'bad_data: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)' };
  }
  const bySeries = new Map<string, { metric: Record<string, string>; t: number[]; v: number[] }>();
  for (let t = startMs; t <= endMs; t += stepMs) {
    const r = analysisQuery(store, query, t);
    if (!r.ok) return { ok: false, error: `${r.errorType}: ${r.error}` };
    const d = r.data;
    if (d.resultType === 'string') return { ok: false, error: 'bad_data: invalid expression type "string" for range query, must be Scalar or instant Vector' };
    const samples = d.resultType === 'scalar' ? [{ metric: {}, value: d.result }] : d.resultType === 'vector' ? d.result : [];
    for (const s of samples) {
      const key = JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => cmpBytes(a, b)));
      let acc = bySeries.get(key);
      if (acc === undefined) bySeries.set(key, (acc = { metric: { ...s.metric }, t: [], v: [] }));
      const raw = s.value[1];
      acc.t.push(t);
      acc.v.push(raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw));
    }
  }
  const series = [...bySeries.entries()].sort(([a], [b]) => cmpBytes(a, b)).map(([, s]) => s);
  return { ok: true, series };
}

const TIME_EXPR = /^now\(\)\s*(?:([-+])\s*duration\(\s*(["'`])([^"'`]*)\2\s*\))?$/;

/**
 * Argo's `EvalTime` for `rangeQuery.start`/`end` (utils/evaluate/evaluate.go:82): an expr
 * expression of type time. The simulator reads `now()`, `now() - duration("…")` and
 * `now() + duration("…")`; anything else is an error saying so.
 * Example: evalTime('now() - duration("5m")', 600_000) → {ok: true, ms: 300_000}.
 */
export function evalTime(text: string, nowMs: number): { ok: true; ms: number } | { ok: false; error: string } {
  const m = TIME_EXPR.exec(text.trim());
  if (m === null) return { ok: false, error: `the simulator reads now(), now() - duration("…") and now() + duration("…"), not ${JSON.stringify(text)}` };
  if (m[1] === undefined) return { ok: true, ms: nowMs };
  const d = goParseDuration(m[3] ?? '');
  if (!d.ok) return { ok: false, error: d.error };
  return { ok: true, ms: m[1] === '-' ? nowMs - d.ms : nowMs + d.ms };
}
