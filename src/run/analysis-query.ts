/**
 * Every PromQL query an analysis makes goes through here. A refusal by our work budget
 * (promql/budget.ts) ends the run with a WorkLimitError rather than become a measurement Error:
 * Argo would count such an Error toward consecutiveErrorLimit and abort, so our own limit would
 * decide the verdict. Any other failure is the query's, and the measurement says so as Argo would.
 *
 * Example: the 41st measurement of a query that has used up MAX_RUN_QUERY_SAMPLES throws
 * "analysis stopped at 6m40s: query refused by rollout-sim's work budget: … (query: sum(…))".
 */
import type { MetricStore } from '../metrics/store.js';
import { formatDuration } from '../model/time.js';
import { WorkLimitError } from '../model/work-limit.js';
import { evaluateInstant, type QueryResult } from '../promql/index.js';

export function analysisQuery(store: MetricStore, query: string, t: number): QueryResult {
  const r = evaluateInstant(store, query, t);
  if (!r.ok && r.limit === true) {
    const at = t >= 0 ? formatDuration(t) : `-${formatDuration(-t)}`;
    throw new WorkLimitError(`analysis stopped at ${at}: ${r.error} (query: ${query.replace(/\s+/g, ' ').trim()})`);
  }
  return r;
}
