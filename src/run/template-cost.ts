/**
 * Before a run: the work an AnalysisTemplate's PromQL asks for, estimated from the text alone
 * (promql/cost.ts: samples touched per selected series, with the scenario's scrape interval) and
 * held against the query budgets of promql/budget.ts. A query that one series alone would push
 * past MAX_QUERY_SAMPLES, or a metric whose measurements would together push one series past
 * MAX_RUN_QUERY_SAMPLES, is refused at load (exit 2, at the metric's line) rather than found
 * out, or left to the runtime budget, minutes into a run.
 *
 *   interval 1s for 24 h of `count_over_time(rate(x[5m])[10m:1s])` ⇒ 86 400 measurements × 13 823
 *   samples ≈ 1.2 G, above the run's 200 M: refused, naming spec.metrics[0].interval.
 */
import type { AnalysisMetric, AnalysisTemplate } from '../model/rollout.js';
import { goParseDuration } from '../analysis/run/go-duration.js';
import { MAX_QUERY_SAMPLES, MAX_RUN_QUERY_SAMPLES, parsePromQL, queryCost } from '../promql/index.js';
import { evalTime } from './range-query.js';
import type { TemplateProblem } from './template-check.js';

/** What the estimate needs of the scenario: how long it runs and how often it is scraped. */
export interface RunShape {
  readonly duration: number;
  readonly scrapeInterval: number;
}

const PLACEHOLDER = /\{\{\s*args\.[^}]*\}\}/g;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** A placeholder's stand-in: a duration inside [ ], a label value in quotes, else a number (as template-check does). */
function concrete(text: string): string {
  return text.replace(PLACEHOLDER, (_m, at: number) => {
    const before = text.slice(0, at).trimEnd().at(-1);
    return before === '[' || before === ':' ? '5m' : before === '"' || before === "'" || before === '`' ? 'x' : '1';
  });
}

/**
 * Measurements one run of the metric takes at most: `count`, or one per `interval` for the run
 * (less the initial delay), or a single one without an interval.
 * Example: interval 1m, no count, 1 h ⇒ 60; interval 1m, count 5 ⇒ 5; no interval ⇒ 1.
 */
export function measurementCount(m: AnalysisMetric, duration: number): number {
  if (m.interval === undefined) return Math.max(1, m.count ?? 1);
  const byTime = Math.max(1, Math.ceil(Math.max(0, duration - (m.initialDelay ?? 0)) / Math.max(1, m.interval)));
  return m.count !== undefined && m.count > 0 ? Math.min(m.count, byTime) : byTime;
}

/** Evaluations one measurement makes: 1, or the points of a prometheus `rangeQuery`. */
function evaluations(m: AnalysisMetric): number {
  const range = m.provider.prometheus?.rangeQuery;
  if (range === undefined) return 1;
  const start = evalTime(range.start, 0);
  const end = evalTime(range.end, 0);
  const step = goParseDuration(range.step);
  if (!start.ok || !end.ok || !step.ok || !(step.ms > 0) || end.ms < start.ms) return 1;
  return Math.floor((end.ms - start.ms) / step.ms) + 1;
}

/** The template's queries that cost more than the budgets allow, one problem per query. */
export function costProblems(t: AnalysisTemplate, shape: RunShape): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  t.metrics.forEach((m, i) => {
    const queries: [string, string][] = [];
    if (m.provider.prometheus !== undefined) queries.push(['provider.prometheus.query', m.provider.prometheus.query]);
    const standIn = m.provider.standIn;
    if (standIn?.query !== undefined) queries.push([`provider.${standIn.provider}`, standIn.query]);
    for (const [field, query] of queries) {
      const parsed = parsePromQL(concrete(query));
      if (!parsed.ok) continue; // template-check reports what does not parse
      const one = queryCost(parsed.expr, shape.scrapeInterval);
      const at = { file: m.source.file, line: m.source.line, column: m.source.column };
      const path = `${t.kind}/${t.name} spec.metrics[${i}]`;
      if (one > MAX_QUERY_SAMPLES) {
        problems.push({
          ...at, path: `${path}.${field}`,
          message: `one evaluation of this query touches about ${n(one)} samples for each series it selects (scraped every ${shape.scrapeInterval / 1000}s), above the ${n(MAX_QUERY_SAMPLES)} one evaluation may touch (MAX_QUERY_SAMPLES): shorten a range or lengthen a subquery's step`,
        });
        continue;
      }
      const count = measurementCount(m, shape.duration);
      const each = evaluations(m);
      const total = one * count * each;
      if (total > MAX_RUN_QUERY_SAMPLES) {
        problems.push({
          ...at, path: `${path}.${m.interval === undefined ? field : 'interval'}`,
          message: `${n(count)} measurements${each > 1 ? ` of ${n(each)} range points` : ''} of this query touch about ${n(total)} samples for each series it selects (${n(one)} per evaluation), above the ${n(MAX_RUN_QUERY_SAMPLES)} one run's analysis queries may touch (MAX_RUN_QUERY_SAMPLES): measure less often (a longer interval or a count) or use a cheaper query`,
        });
      }
    }
  });
  return problems;
}
