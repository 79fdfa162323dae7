/**
 * Rules `query-unknown-metric`, `query-unknown-label` and `query-no-series`: a prometheus query
 * (after the run's args are substituted) whose selector can match no series in the simulated
 * cluster — a family nobody exports, a label its family does not carry, or a label value the
 * manifest never gives (a `destination_service` that is not one of its Services). Such a query
 * returns an empty vector (or a neutral `or vector(0)`), so the analysis is blind to the release.
 * Each warning names what is exported and the Scenario `metrics:` mapping that would fix it.
 */
import { METRIC_NAME } from '../metrics/labels.js';
import type { LabelMatcher } from '../metrics/store.js';
import { parsePromQL } from '../promql/parse.js';
import { selectors } from '../promql/selectors.js';
import { closest, quoteList } from '../scenario/errors.js';
import type { MeasuredMetric } from './analyses.js';
import type { ExportedFamily, QueryFacts } from './query-facts.js';
import { closestFamily, mappingYaml, ourLabelFor } from './query-fix.js';
import { warning, type Finding, type RuleId } from './types.js';

/** A selector as a reader wrote it. Example: http_requests_total{code="500"}. */
function show(name: string, m: LabelMatcher): string {
  return `${name}{${m.name}${m.type}${JSON.stringify(m.value)}}`;
}

/**
 * Example: `sum(rate(http_request_totl[5m]))` → one `query-unknown-metric` warning suggesting
 * "http_requests_total"; `http_requests_total{cod="500"}` → one `query-unknown-label` suggesting
 * "code" and `metrics: {http_requests_total: {labels: {code: cod}}}`.
 */
export function lintQuery(m: MeasuredMetric, facts: QueryFacts): Finding[] {
  const query = m.metric.provider.prometheus?.query;
  if (query === undefined) return [];
  const parsed = parsePromQL(query);
  if (!parsed.ok) return []; // the loader or the measurement reports it
  const at = m.written.sources?.query ?? m.written.source;
  const path = `spec.metrics[${m.index}].provider.prometheus.query`;
  const what = `the query of metric "${m.written.name}"`;
  const out: Finding[] = [];
  const add = (rule: RuleId, message: string, suggestion: string): void => void out.push(warning(rule, at, path, message, suggestion));
  for (const vs of selectors(parsed.expr)) {
    const name = vs.name !== '' ? vs.name : vs.matchers.find((x) => x.name === METRIC_NAME && x.type === '=')?.value;
    if (name === undefined) continue; // a selector by labels alone: any family may answer
    const matchers = vs.matchers.filter((x) => x.name !== METRIC_NAME);
    const family = facts.bySeries.get(name);
    if (family === undefined) {
      add('query-unknown-metric', `${what} selects "${name}", a metric family nobody in the simulated cluster exports: it matches no series, so the analysis cannot see the release`, unknownMetricFix(name, matchers, facts));
      continue;
    }
    for (const x of matchers) {
      const carried = family.family.labels.includes(x.name);
      if (!carried) {
        // A matcher that accepts a missing label (`x=""`, `x!="…"`) selects every series: harmless.
        if (!x.matches('')) add('query-unknown-label', `${what} selects ${show(name, x)}, but "${family.family.name}" has no label "${x.name}": it matches no series, so the analysis cannot see the release`, unknownLabelFix(x, family));
        continue;
      }
      const known = facts.known.get(x.name);
      if (known === undefined || (x.type !== '=' && x.type !== '=~') || known.values.some((v) => x.matches(v))) continue;
      const near = x.type === '=' ? closest(x.value, known.values) : undefined;
      add('query-no-series', `${what} selects ${show(name, x)}, but ${x.name} is only ever ${quoteList(known.values)} (${known.meaning}): it matches no series, so the analysis cannot see the release`,
        near !== undefined ? `did you mean "${near}"?` : `use one of ${quoteList(known.values)}`);
    }
  }
  return out;
}

/** A typo gets its correction; another app's name gets what we export and the mapping to it. */
function unknownMetricFix(name: string, matchers: readonly LabelMatcher[], facts: QueryFacts): string {
  const near = closest(name, facts.bySeries.keys());
  if (near !== undefined) return `did you mean "${near}"?`;
  const exported = `exported families: ${facts.families.map((f) => f.family.name).join(', ')}`;
  const c = closestFamily(name, facts.families);
  if (c === undefined) return `${exported}; to export one of ours as "${name}", map it in the Scenario, e.g. ${mappingYaml('http_requests_total', name, {})}`;
  const labels: Record<string, string> = {};
  for (const x of matchers) {
    const ours = x.matches('') ? undefined : ourLabelFor(x, c.target, closest);
    if (ours !== undefined) labels[ours] = x.name;
  }
  return `${exported}; to export ours as "${c.name}", add to the Scenario: ${mappingYaml(c.target.ours.name, c.name, labels)}`;
}

/** The label of ours it most plausibly is (a status code's `code` first), and the mapping that renames it to the template's. */
function unknownLabelFix(x: LabelMatcher, family: ExportedFamily): string {
  const carries = `"${family.family.name}" carries ${family.family.labels.join(', ')}`;
  const ours = ourLabelFor(x, family, closest);
  const exportedName = ours === undefined ? undefined : family.family.labels[family.ours.labels.indexOf(ours)];
  if (ours === undefined || exportedName === undefined) return carries;
  return `did you mean "${exportedName}"? ${carries}; or rename ours in the Scenario: ${mappingYaml(family.ours.name, undefined, { [ours]: x.name })}`;
}
