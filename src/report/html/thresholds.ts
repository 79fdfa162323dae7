/**
 * Which dashboard chart an analysis metric belongs on, and the thresholds its conditions draw
 * there. The report reads the metrics as the trace lists them (SimulationStarted.metrics): a
 * condition that compares `result` (or `result[0]`) with a number becomes a line on the chart of
 * the figure the query measures. Pure.
 */
import type { TraceMetric } from '../../model/events.js';

export type Figure = 'errorRate' | 'p99' | 'taskSuccess';

/** A condition's line on a chart: the value, and the condition as written. */
export interface Threshold {
  readonly metric: string;
  readonly value: number;
  readonly condition: string;
  readonly kind: 'success' | 'failure';
}

/**
 * The figure a metric's query measures, by its query's families and the metric's name; null for one
 * no chart shows (a job, a web call, a rate of something else).
 * Example: 'histogram_quantile(0.99, … http_request_duration_seconds_bucket …)' → 'p99';
 * '… agent_task_outcomes_total{outcome="success"} …' → 'taskSuccess'; '… code=~"5.." …' → 'errorRate'.
 */
export function figureOf(m: Pick<TraceMetric, 'name' | 'query'>): Figure | null {
  const text = `${m.name} ${m.query ?? ''}`.toLowerCase();
  if (m.query === null && !/error|latency|p99|task|success/.test(m.name.toLowerCase())) return null;
  if (/histogram_quantile|latency|p99|duration/.test(text)) return 'p99';
  if (/task|outcome|success/.test(text) && !/5\.\.|error/.test(text)) return 'taskSuccess';
  if (/error|5\.\.|code|status/.test(text)) return 'errorRate';
  return null;
}

/**
 * The numbers a condition compares `result` with. Example: 'result[0] < 0.015' → [0.015];
 * 'result[0] >= 0.93 && result[0] <= 1' → [0.93, 1]; '0.5 > result[0]' → [0.5]; 'len(result) == 0' → [].
 */
export function conditionNumbers(condition: string): number[] {
  const num = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;
  const res = String.raw`result(?:\[0\])?`;
  const out: number[] = [];
  const re = new RegExp(String.raw`${res}\s*(?:<=|>=|<|>)\s*${num}|${num}\s*(?:<=|>=|<|>)\s*${res}`, 'g');
  for (const m of condition.matchAll(re)) {
    const v = Number(m[1] ?? m[2]);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Every threshold of the metrics charted on `figure`. Example: error-rate 'result[0] < 0.015' on errorRate → [{metric: 'error-rate', value: 0.015, …}]. */
export function thresholdsOf(metrics: readonly TraceMetric[], figure: Figure): Threshold[] {
  const out: Threshold[] = [];
  const seen = new Set<string>();
  for (const m of metrics) {
    if (figureOf(m) !== figure) continue;
    for (const [kind, condition] of [['success', m.successCondition], ['failure', m.failureCondition]] as const) {
      if (condition === null) continue;
      for (const value of conditionNumbers(condition)) {
        const key = `${m.name}|${value}|${condition}`;
        if (seen.has(key)) continue; // two templates with the same metric draw one line
        seen.add(key);
        out.push({ metric: m.name, value, condition, kind });
      }
    }
  }
  return out;
}

/**
 * A Measurement's value as a number for a chart: the first number of the result. Argo writes a
 * vector as '[0.0153]', a scalar as '0.0153'; '', '[]' and NaN draw nothing (the table shows them).
 * Example: '[0.015379993450386212]' → 0.015379993450386212; '[]' → null; '[NaN]' → null.
 */
export function measuredNumber(value: string): number | null {
  const m = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(value);
  if (m === null) return null;
  const v = Number(m[0]);
  return Number.isFinite(v) ? v : null;
}
