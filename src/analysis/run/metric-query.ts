/**
 * The query text of a metric, on its own: the run's trace names every template's queries at t = 0,
 * and importing it from reconcile.ts would load the whole analysis engine (expr included) into a
 * run that uses no analysis (start-up counts: npm run bench).
 */
import type { AnalysisMetric } from '../../model/rollout.js';

/**
 * What a measurement queried, for the trace: the PromQL (a stand-in's too; newRelic's columns as
 * `name: query`), or the web provider's `METHOD url`.
 * Example: a web metric on http://x/ok → 'GET http://x/ok'; a datadog stand-in with query 'up' → 'up'.
 */
export function metricQuery(metric: AnalysisMetric): string {
  const p = metric.provider;
  if (p.web !== undefined) return `${p.web.method ?? 'GET'} ${p.web.url}`;
  if (p.standIn !== undefined) return p.standIn.query ?? Object.entries(p.standIn.fields ?? {}).map(([k, q]) => `${k}: ${q}`).join('; ');
  return p.prometheus?.query ?? '';
}

