/**
 * The providers whose query languages are not re-implemented (datadog, newRelic, wavefront,
 * cloudWatch, graphite, influxdb, skywalking, plugin): the Scenario maps each metric to PromQL
 * over the simulated series (`spec.providers.metrics`), and its value is handed to the
 * conditions in the shape that provider hands Argo (README: Metric providers), with the
 * measurement value printed as that provider prints it.
 */
import { float64Vector, fromJson, type ExprValue } from '../analysis/expr/index.js';
import type { ProviderResult } from '../analysis/run/index.js';
import { formatGoFixed6, formatGoFloat, goJsonMarshal } from '../go/index.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisMetric, StandInMetric } from '../model/rollout.js';
import { toArgoValue } from '../promql/index.js';
import { analysisQuery } from './analysis-query.js';
import { evaluateRange } from './range-query.js';
import { goParseDuration } from '../analysis/run/go-duration.js';

type Values = { ok: true; values: number[]; scalar: boolean } | { ok: false; error: string };

function values(store: MetricStore, query: string, now: number): Values {
  const r = analysisQuery(store, query, now);
  if (!r.ok) return { ok: false, error: r.error };
  const v = toArgoValue(r.data);
  if (!v.ok) return { ok: false, error: v.error };
  return Array.isArray(v.value) ? { ok: true, values: v.value, scalar: false } : { ok: true, values: [v.value], scalar: true };
}

/** Go's `%v` of a float64 (`%g`, shortest). Example: gv(0.5) === '0.5'; gv(1e6) === '1e+06'. */
const gv = (x: number): string => formatGoFloat(x, 'g');

/** A float64 a JSON round trip keeps (NaN and ±Inf have no JSON form: null). */
const jsonNum = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** datadog: one value → float64 `result`; none → nil; a grouped query (several) → []float64 (datadog.go:440-511). */
function datadog(v: number[]): ProviderResult {
  if (v.length === 0) return { ok: true, value: null, display: '[]' };
  if (v.length === 1) return { ok: true, value: v[0] as number, display: formatGoFloat(v[0] as number, 'f') };
  return { ok: true, value: float64Vector(v), display: goJsonMarshal(v.map(jsonNum)) };
}

/** wavefront: one series → float64 (printed %.2f); several → []float64; none → error (wavefront.go:153-185). */
function wavefront(v: number[]): ProviderResult {
  if (v.length === 0) return { ok: false, error: 'No TimeSeries found in response from Wavefront' };
  if (v.length === 1) return { ok: true, value: v[0] as number, display: (v[0] as number).toFixed(2) };
  return { ok: true, value: float64Vector(v), display: `[${v.map((x) => x.toFixed(2)).join(',')}]` };
}

/** graphite: []float64 of the datapoints, printed `%f` each (graphite.go:103-123). */
const graphite = (v: number[]): ProviderResult => ({ ok: true, value: float64Vector(v), display: `[${v.map(formatGoFixed6).join(',')}]` });

/** influxdb: []interface{} of the records' values, printed with fmt.Sprint; none → error (influxdb.go:90-105). */
function influxdb(v: number[]): ProviderResult {
  if (v.length === 0) return { ok: false, error: 'no results returned from flux query' };
  return { ok: true, value: v.map((x) => x), display: `[${v.map(gv).join(' ')}]` };
}

/** newRelic / skywalking: a JSON document; newRelic's is the row of named columns (newrelic.go:140-165). */
function row(store: MetricStore, s: StandInMetric, now: number): { ok: true; row: Record<string, unknown> } | { ok: false; error: string } {
  const out: Record<string, unknown> = {};
  for (const [col, q] of Object.entries(s.fields ?? {})) {
    const r = values(store, q, now);
    if (!r.ok) return r;
    if (r.values.length === 0) continue;
    out[col] = r.values.length === 1 ? jsonNum(r.values[0] as number) : r.values.map(jsonNum);
  }
  return { ok: true, row: out };
}

/**
 * cloudWatch: `[]MetricDataResult` — the query over the provider's `interval` (default 5m,
 * cloudwatch.go:65-75) at the first metricStat's `period` (default 300 s), newest value first as
 * CloudWatch returns them; one result per series, `Id` the query that returns data. The value is
 * printed as Argo prints it: `%+v` of the [][]float64 of Values (:86-92).
 */
function cloudWatch(store: MetricStore, s: StandInMetric, now: number): ProviderResult {
  const spec = (s.spec ?? {}) as { interval?: unknown; metricDataQueries?: { id?: unknown; returnData?: unknown; metricStat?: { period?: unknown } }[] };
  const interval = typeof spec.interval === 'string' ? goParseDuration(spec.interval) : { ok: true as const, ms: 300_000 };
  if (!interval.ok) return { ok: false, error: interval.error };
  const queries = Array.isArray(spec.metricDataQueries) ? spec.metricDataQueries : [];
  const period = queries.map((q) => q.metricStat?.period).find((p): p is number => typeof p === 'number' && p > 0) ?? 300;
  const id = queries.find((q) => q.returnData !== false)?.id;
  const r = evaluateRange(store, s.query ?? '', now - interval.ms, now, period * 1000);
  if (!r.ok) return { ok: false, error: r.error };
  const results: ExprValue[] = r.series.map((x) => ({
    Id: typeof id === 'string' ? id : 'q1',
    Label: typeof id === 'string' ? id : 'q1',
    StatusCode: 'Complete',
    Values: float64Vector([...x.v].reverse()),
  }));
  return { ok: true, value: results, display: `[${r.series.map((x) => `[${[...x.v].reverse().map(gv).join(' ')}]`).join(' ')}]` };
}

export function standInProvider(store: MetricStore, metric: AnalysisMetric, now: number): ProviderResult {
  const s = metric.provider.standIn;
  if (s === undefined) return { ok: false, error: 'not a stand-in metric' };
  if (s.fields !== undefined && (s.provider === 'newRelic' || s.provider === 'skywalking')) {
    const r = row(store, s, now);
    if (!r.ok) return r;
    if (Object.keys(r.row).length === 0) return { ok: false, error: s.provider === 'newRelic' ? 'no results returned from NRQL query' : 'no results returned from SkyWalking query' };
    return { ok: true, value: fromJson(r.row), display: goJsonMarshal(r.row) };
  }
  if (s.provider === 'cloudWatch') return cloudWatch(store, s, now);
  const r = values(store, s.query ?? Object.values(s.fields ?? {})[0] ?? '', now);
  if (!r.ok) return r;
  const v = r.values;
  switch (s.provider) {
    case 'datadog': return datadog(v);
    case 'wavefront': return wavefront(v);
    case 'graphite': return graphite(v);
    case 'influxdb': return influxdb(v);
    case 'newRelic':
    case 'skywalking': {
      if (v.length === 0) return { ok: false, error: s.provider === 'newRelic' ? 'no results returned from NRQL query' : 'no results returned from SkyWalking query' };
      const doc = v.length === 1 ? jsonNum(v[0] as number) : v.map(jsonNum);
      return { ok: true, value: fromJson(doc), display: goJsonMarshal(doc) };
    }
    // As the prometheus provider prints it (providers.ts display), without importing it back.
    case 'plugin': return { ok: true, value: r.scalar ? (v[0] as number) : v, display: r.scalar ? formatGoFloat(v[0] as number, 'f') : `[${v.map((x) => formatGoFloat(x, 'f')).join(',')}]` };
  }
}
