/**
 * The traps of the queries that gate a canary: a query that cannot tell canary from stable, a range
 * window longer than what it judges, and a background analysis that measures before the canary's
 * pods serve. Read per analysis of each canary Rollout (a rule needs to know which step it gates).
 */
import type { Expr } from '../promql/ast.js';
import type { Rollout, RolloutAnalysis } from '../model/rollout.js';
import type { Scenario, SourceRef } from '../model/scenario.js';
import { selectors } from '../promql/selectors.js';
import { formatDuration } from '../model/time.js';
import { analysisMetrics, type MeasuredMetric } from './analyses.js';
import { firstQuery } from './rules-metrics.js';
import { warning, type Finding } from './types.js';

/** Labels whose value differs between canary and stable pods or Services. */
const SEPARATING = ['rollouts_pod_template_hash', 'pod_template_hash', 'destination_service', 'destination_service_name', 'service', 'destination_workload', 'pod', 'destination_version', 'version'];

/** One analysis of a canary and what it judges: the timed pauses since the last setWeight (steps), or nothing (background). */
export interface Gate {
  readonly analysis: RolloutAnalysis;
  readonly background: boolean;
  /** Step analyses: the summed timed pauses since the last setWeight; undefined if none or one is indefinite. */
  readonly pausedMs: number | undefined;
  readonly stepIndex: number | undefined;
}

export function gatesOf(r: Rollout): Gate[] {
  if (r.strategy.type !== 'canary') return [];
  const st = r.strategy;
  const out: Gate[] = st.analysis === undefined ? [] : [{ analysis: st.analysis, background: true, pausedMs: undefined, stepIndex: undefined }];
  st.steps.forEach((s, i) => {
    if (!('analysis' in s)) return;
    let paused: number | undefined = 0;
    for (let j = i - 1; j >= 0; j--) {
      const prev = st.steps[j];
      if (prev === undefined || 'setWeight' in prev) break;
      if ('pause' in prev) paused = prev.pause.duration === undefined || paused === undefined ? undefined : paused + prev.pause.duration;
    }
    out.push({ analysis: s.analysis, background: false, pausedMs: paused === 0 ? undefined : paused, stepIndex: i });
  });
  return out;
}

/**
 * The longest range a query reads (matrix ranges, subquery ranges, their offsets), without the 5 m
 * lookback of an instant selector. Example: `sum(rate(x[10m])) / sum(x)` → 600000; `x` → 0.
 */
export function rangeWindowMs(e: Expr): number {
  switch (e.kind) {
    case 'number': case 'string': return 0;
    case 'vectorSelector': return Math.max(0, e.offsetMs);
    case 'matrixSelector': return Math.max(0, e.vs.offsetMs) + e.rangeMs;
    case 'subquery': return Math.max(0, e.offsetMs) + e.rangeMs + rangeWindowMs(e.expr);
    case 'call': return e.args.reduce((m, a) => Math.max(m, rangeWindowMs(a)), 0);
    case 'aggregate': return Math.max(rangeWindowMs(e.expr), e.param === null ? 0 : rangeWindowMs(e.param));
    case 'binary': return Math.max(rangeWindowMs(e.lhs), rangeWindowMs(e.rhs));
    case 'unary': case 'paren': return rangeWindowMs(e.expr);
  }
}

const queryPath = (m: MeasuredMetric): string => `spec.metrics[${m.index}].provider.prometheus.query`;
const queryAt = (m: MeasuredMetric): SourceRef => m.written.sources?.query ?? m.written.source;

/** `query-no-canary-selector`. Example: `sum(rate(http_requests_total{code=~"5.."}[5m]))` → one warning. */
function noCanarySelector(m: MeasuredMetric): Finding[] {
  const written = m.written.provider.prometheus?.query;
  const q = firstQuery([written, m.metric.provider.prometheus?.query]);
  if (written === undefined || q === undefined) return [];
  const all = selectors(q);
  const separates = all.some((vs) => vs.matchers.some((x) => (x.type === '=' || x.type === '=~')
    && (SEPARATING.includes(x.name) || x.value.includes('{{args.'))));
  // A templated label value the parse of the written text lost (it did not parse) still separates.
  if (all.length === 0 || separates || /=~?\s*"[^"]*\{\{\s*args\./.test(written)) return [];
  return [warning('query-no-canary-selector', queryAt(m), queryPath(m),
    `the query of metric "${m.written.name}" has no selector that separates canary from stable: it measures the whole service, so a canary at 5 % failing 20 % of requests shows as 1 %`,
    'select the canary only, e.g. {rollouts_pod_template_hash="{{args.canary-hash}}"} with the arg valueFrom: {podTemplateHashValue: Latest}, or {destination_service=~"{{args.service}}"} with the canary Service')];
}

/** `window-longer-than-step`. Example: `rate(x[10m])` in an analysis step after `pause: 2m` → one warning. */
function windowTooLong(m: MeasuredMetric, gate: Gate): Finding[] {
  const q = firstQuery([m.metric.provider.prometheus?.query]);
  if (q === undefined) return [];
  const window = rangeWindowMs(q);
  // Only an analysis step gates one weight: a background analysis' windows overlapping from one
  // interval to the next is a sliding window, not a mistake (it would flag most real templates).
  if (gate.background) return [];
  const span = gate.pausedMs;
  if (span === undefined || window <= span) return [];
  return [warning('window-longer-than-step', queryAt(m), queryPath(m),
    `the query of metric "${m.written.name}" reads a ${formatDuration(window)} window, longer than the ${formatDuration(span)} of pauses before analysis step ${gate.stepIndex ?? 0}: it mostly measures the previous step`,
    `shorten the range to at most ${formatDuration(span)}, or pause at least ${formatDuration(window)} before the analysis`)];
}

/** `no-initial-delay`. Example: a background analysis from step 0 whose metric sets no initialDelay → one warning. */
function noInitialDelay(m: MeasuredMetric, gate: Gate): Finding[] {
  if (!gate.background || (gate.analysis.startingStep ?? 0) > 0) return [];
  if (m.written.initialDelay !== undefined || m.written.templated?.initialDelay !== undefined) return [];
  return [warning('no-initial-delay', m.written.source, `spec.metrics[${m.index}]`,
    `background metric "${m.written.name}" has no initialDelay: Argo measures it as soon as the update starts, while the canary pods are still starting, so the first measurements see no canary traffic`,
    'add initialDelay (e.g. initialDelay: 1m, longer than the pods take to become ready), or start the analysis later with analysis.startingStep')];
}

/** The three rules over every analysis of every canary Rollout. */
export function queryRules(scenario: Scenario): Finding[] {
  return scenario.workloads.flatMap((w) => (w.kind === 'Rollout' ? gatesOf(w) : []).flatMap((gate) =>
    analysisMetrics(scenario, w, gate.analysis).filter((m) => m.metric.provider.prometheus !== undefined || gate.background).flatMap((m) => [
      ...(m.metric.provider.prometheus === undefined ? [] : [...noCanarySelector(m), ...windowTooLong(m, gate)]),
      ...noInitialDelay(m, gate),
    ])));
}
