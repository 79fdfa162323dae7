/**
 * Folds the AnalysisRun events of the trace into rows like the plugin's AnalysisRun lines:
 * phase, measurement counts `✔ n,✖ n,? n,⚠ n`, and each metric's last measurement with the
 * condition it was judged by. Pure.
 */
import type { SimEvent } from '../../model/events.js';
import type { MetricInfo, RunContext } from './context.js';
import type { AnalysisRunRow, MetricRow } from './types.js';

type AnalysisEvent = Extract<SimEvent, { type: 'AnalysisRunStarted' | 'Measurement' | 'AnalysisRunCompleted' }>;

/**
 * Example: AnalysisRunStarted{name: 'r', templates: ['error-rate']} adds a Running row with the
 * template's metrics; a Failed Measurement of 'error-rate' then counts ✖ 1 and records its value.
 */
export function foldAnalysis(runs: readonly AnalysisRunRow[], e: AnalysisEvent, ctx: RunContext): AnalysisRunRow[] {
  switch (e.type) {
    case 'AnalysisRunStarted':
      return [...runs, {
        name: e.name, templates: e.templates, phase: 'Running', startedAt: e.t,
        successful: 0, failed: 0, inconclusive: 0, error: 0,
        metrics: e.templates.flatMap((t) => ctx.templates[t] ?? []).map(metricRow),
      }];
    case 'Measurement':
      return update(runs, e.run, (r) => ({
        ...r,
        successful: r.successful + (e.phase === 'Successful' ? 1 : 0),
        failed: r.failed + (e.phase === 'Failed' ? 1 : 0),
        inconclusive: r.inconclusive + (e.phase === 'Inconclusive' ? 1 : 0),
        error: r.error + (e.phase === 'Error' ? 1 : 0),
        metrics: withMeasurement(r.metrics, e),
      }));
    case 'AnalysisRunCompleted': {
      // A run Argo refuses to create completes without having started: show it anyway.
      const known = runs.some((r) => r.name === e.name);
      const base = known ? runs : [...runs, { name: e.name, templates: [], phase: e.phase, startedAt: e.t, successful: 0, failed: 0, inconclusive: 0, error: 0, metrics: [] }];
      return update(base, e.name, (r) => ({ ...r, phase: e.phase }));
    }
  }
}

function metricRow(m: MetricInfo): MetricRow {
  return { name: m.name, condition: m.condition, last: undefined };
}

function withMeasurement(metrics: readonly MetricRow[], e: Extract<SimEvent, { type: 'Measurement' }>): MetricRow[] {
  const last = { value: e.value, phase: e.phase, message: e.message, t: e.t, ...(e.judge === undefined ? {} : { judge: e.judge }) };
  if (!metrics.some((m) => m.name === e.metric)) return [...metrics, { name: e.metric, condition: undefined, last }];
  return metrics.map((m) => (m.name === e.metric ? { ...m, last } : m));
}

function update(runs: readonly AnalysisRunRow[], name: string, f: (r: AnalysisRunRow) => AnalysisRunRow): AnalysisRunRow[] {
  return runs.map((r) => (r.name === name ? f(r) : r));
}

/**
 * The most recent measurement of a metric across runs (the one an abort message refers to).
 * Example: after the tool-call regression's abort, 'error-rate' → {run: 'agent-rv8mt5frdr-2-2', row: {…, last: {value: '[0.0200…]'}}}.
 */
export function lastMeasurementOf(runs: readonly AnalysisRunRow[], metric: string): { run: string; row: MetricRow } | undefined {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i] as AnalysisRunRow;
    const row = run.metrics.find((m) => m.name === metric && m.last !== undefined);
    if (row !== undefined) return { run: run.name, row };
  }
  return undefined;
}

/** The MetricInfo of a metric name in any referenced template. Example: 'error-rate' → {condition: 'result[0] < 0.015', failureLimit: 0, …}. */
export function metricInfo(ctx: RunContext, metric: string): MetricInfo | undefined {
  for (const list of Object.values(ctx.templates)) {
    const m = list.find((x) => x.name === metric);
    if (m !== undefined) return m;
  }
  return undefined;
}
