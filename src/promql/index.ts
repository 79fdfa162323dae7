/**
 * Public PromQL API: parse, evaluate an instant query against a MetricStore, and shape the result exactly
 * like the `data` of Prometheus' `/api/v1/query`.
 *
 *   evaluateInstant(store, 'sum(rate(http_requests_total[5m]))', 1767229200000)
 *     ⇒ {ok: true, data: {resultType: 'vector', result: [{metric: {}, value: [1767229200, '98.3']}]}}
 *   evaluateInstant(store, '1 > 2', t)
 *     ⇒ {ok: false, errorType: 'bad_data',
 *        error: 'invalid parameter "query": 1:3: parse error: comparisons between scalars must use BOOL modifier'}
 */
import type { MetricStore } from '../metrics/store.js';
import { BudgetError, RUN_BUDGET_MESSAGE, book, budgetFor } from './budget.js';
import { EvalError } from './errors.js';
import { Evaluator } from './eval.js';
import type { EvalOptions } from './eval.js';
import { apiTime, formatValue } from './format.js';
import type { ApiData } from './format.js';
import { parsePromQL } from './parse.js';
import type { Value } from './values.js';

export { parsePromQL } from './parse.js';
export type { ParseResult } from './parse.js';
export { toArgoValue, formatValue } from './format.js';
export type { ApiData, ArgoValue } from './format.js';
export type { EvalOptions } from './eval.js';
export type { Expr } from './ast.js';
export { MAX_QUERY_SAMPLES, MAX_RUN_QUERY_SAMPLES, runWork } from './budget.js';
export { queryCost } from './cost.js';

export type QueryResult =
  | { ok: true; data: ApiData }
  // `limit`: refused by our work budget (budget.ts), not by anything Prometheus would do.
  | { ok: false; errorType: 'bad_data' | 'execution'; error: string; limit?: true };

/**
 * Evaluates `query` at `tMs` (the store's time unit). Never throws: failures are error results.
 * The samples it touches are booked to the store's run (budget.ts): past either limit the query
 * is refused with an execution error naming it, marked `limit`. A caller that brings its own
 * `opts.budget` (the live view's dashboard queries) is not booked to the run: what the analysis may
 * still query never depends on whether anyone watched.
 */
export function evaluateInstant(store: MetricStore, query: string, tMs: number, opts: EvalOptions = {}): QueryResult {
  const parsed = parsePromQL(query);
  if (!parsed.ok) return { ok: false, errorType: 'bad_data', error: `invalid parameter "query": ${parsed.error}` };
  if (!Number.isFinite(tMs)) return { ok: false, errorType: 'bad_data', error: `invalid parameter "time": ${tMs}` };
  const budget = opts.budget ?? budgetFor(store);
  if (budget === null) return { ok: false, errorType: 'execution', error: RUN_BUDGET_MESSAGE, limit: true };
  try {
    const value = new Evaluator(store, tMs, { ...opts, budget }).evaluate(parsed.expr, tMs);
    return { ok: true, data: shape(value, tMs) };
  } catch (e) {
    if (e instanceof BudgetError) return { ok: false, errorType: 'execution', error: e.msg, limit: true };
    if (e instanceof EvalError) return { ok: false, errorType: 'execution', error: e.msg };
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { ok: false, errorType: 'execution', error: 'query too deeply nested' };
    }
    return { ok: false, errorType: 'execution', error: `internal evaluator error: ${(e as Error).message}` };
  } finally {
    if (opts.budget === undefined) book(store, budget);
  }
}

function shape(v: Value, tMs: number): ApiData {
  const t = apiTime(tMs);
  switch (v.type) {
    case 'scalar': return { resultType: 'scalar', result: [t, formatValue(v.v)] };
    case 'string': return { resultType: 'string', result: [t, v.s] };
    case 'vector':
      return { resultType: 'vector', result: v.samples.map((s) => ({ metric: { ...s.metric }, value: [t, formatValue(s.v)] })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: v.series.map((s) => ({
          metric: { ...s.metric },
          values: Array.from(s.t, (pt, i): [number, string] => [apiTime(pt), formatValue(s.v[i] as number)]),
        })),
      };
  }
}
