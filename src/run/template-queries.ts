/**
 * What the scenario's prometheus queries read, known before the run: how far back (the world's
 * history must cover it) and which families (a family no query selects need not be scraped).
 * Each query is read with its template's arg values (a placeholder for args without one); a query
 * that does not parse that way reads nothing back and is assumed to select every family.
 */
import { substituteText } from '../analysis/run/substitute.js';
import { FAMILIES, seriesNames } from '../metrics/catalogue.js';
import { METRIC_NAME } from '../metrics/labels.js';
import type { AnalysisTemplate } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import type { Expr } from '../promql/ast.js';
import { lookbackMs } from '../promql/lookback.js';
import { parsePromQL } from '../promql/parse.js';
import { selectors } from '../promql/selectors.js';
import { EXPORT_ALL, type Exported } from '../world/pod-metrics.js';

/** Each prometheus query of the templates, parsed (undefined: it did not parse). */
function parsedQueries(templates: readonly AnalysisTemplate[]): (Expr | undefined)[] {
  const out: (Expr | undefined)[] = [];
  for (const t of templates) {
    const args = t.args.map((a) => ({ name: a.name, value: a.value ?? 'x' }));
    for (const m of t.metrics) {
      const query = m.provider.prometheus?.query;
      if (query === undefined) continue;
      const text = substituteText(query, args);
      const parsed = text.ok ? parsePromQL(text.value) : undefined;
      out.push(parsed?.ok ? parsed.expr : undefined);
    }
  }
  return out;
}

/**
 * The longest span any template's prometheus query reads back (promql/lookback.ts).
 * Example: one query `sum(rate(x[10m]))` → 600000; only `job` metrics → 0.
 */
export function queryLookbackMs(templates: readonly AnalysisTemplate[]): number {
  return parsedQueries(templates).reduce((m: number, e) => (e === undefined ? m : Math.max(m, lookbackMs(e))), 0);
}

/** Our family of an exported series name, through the Scenario's `metrics:` mapping. */
function familyOf(scenario: Scenario, series: string): string | undefined {
  for (const f of FAMILIES) {
    const name = scenario.metrics[f.name]?.name ?? f.name;
    if (seriesNames({ name, type: f.type }).includes(series)) return f.name;
  }
  return undefined;
}

/**
 * The optional family groups some query of the scenario can select; all of them when a query
 * does not parse or selects by a `__name__` pattern.
 * Example: only `http_requests_total` queries → {istio: false, pod: false, nginx: false};
 * `sum(rate(istio_requests_total[1m]))` → istio only.
 */
export function exportedFor(scenario: Scenario): Exported {
  const names = new Set<string>();
  for (const e of parsedQueries(scenario.analysisTemplates)) {
    if (e === undefined) return EXPORT_ALL;
    for (const vs of selectors(e)) {
      const byName = vs.matchers.filter((m) => m.name === METRIC_NAME);
      if (vs.name === '' && byName.some((m) => m.type !== '=')) return EXPORT_ALL;
      for (const n of [vs.name, ...byName.map((m) => m.value)]) if (n !== '') names.add(familyOf(scenario, n) ?? n);
    }
  }
  const any = (...families: string[]): boolean => families.some((f) => names.has(f));
  return {
    istio: any('istio_requests_total', 'istio_request_duration_milliseconds'),
    pod: any('up', 'kube_pod_info', 'kube_pod_container_status_restarts_total'),
    nginx: any('nginx_ingress_controller_requests', 'nginx_ingress_controller_request_duration_seconds'),
  };
}
