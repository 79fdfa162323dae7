/**
 * The checks Argo makes when it first reconciles an AnalysisRun (`ValidateMetrics`,
 * `GetDryRunMetrics`, `GetMeasurementRetentionMetrics`) and the rule checks it makes when it
 * creates one (`validateDryRunMetrics`, `validateMeasurementRetentionMetrics`).
 */
import { compileGoRegexp } from '../../go/regexp.js';
import type { AnalysisMetric } from '../../model/rollout.js';
import { goParseDuration } from './go-duration.js';

/** The default `consecutiveErrorLimit` (Argo's `DefaultConsecutiveErrorLimit`). */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** Measurements kept per metric without a measurementRetention rule (`DefaultMeasurementHistoryLimit`). */
export const DEFAULT_MEASUREMENT_HISTORY_LIMIT = 10;

/**
 * Argo's `EffectiveCount`: how many non-error measurements end the metric, undefined = unbounded.
 *
 * Example: {count: undefined, interval: undefined} → 1; {count: 0, interval: 60_000} → undefined;
 * {count: 5, interval: 60_000} → 5.
 */
export function effectiveCount(metric: AnalysisMetric): number | undefined {
  const count = metric.count ?? 0;
  if (count === 0) return metric.interval === undefined ? 1 : undefined;
  return count;
}

/**
 * `ValidateMetric` (`utils/analysis/factory.go`) for one metric, in Argo's order and words;
 * undefined when valid. A duration substituted from an argument that Go cannot parse is reported
 * from its text (`metric.templated`).
 *
 * Example: {count: 3, interval: undefined} → 'interval must be specified when count > 1';
 * {failureLimit: -1, consecutiveSuccessLimit: undefined} → 'failureLimit and
 * consecutiveSuccessLimit cannot both be disabled'; {count: 2, failureLimit: 3} → 'count (2) must
 * be >= failureLimit + consecutiveSuccessLimit (3 + 0) if both >= 0'; templated {interval: '10'}
 * → 'invalid interval string: time: missing unit in duration "10"'.
 */
export function validateMetric(metric: AnalysisMetric): string | undefined {
  const count = metric.count ?? 0;
  const failureLimit = metric.failureLimit ?? 0;
  const inconclusiveLimit = metric.inconclusiveLimit ?? 0;
  const successLimit = metric.consecutiveSuccessLimit ?? 0;
  if (successLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (failureLimit < -1) return 'failureLimit must be >= 0, or -1 to be disabled';
  if (successLimit === 0 && failureLimit === -1) return 'failureLimit and consecutiveSuccessLimit cannot both be disabled';
  if (inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  if ((metric.consecutiveErrorLimit ?? 0) < 0) return 'consecutiveErrorLimit must be >= 0';
  if (count > 0) {
    if (failureLimit >= 0 && count < failureLimit + successLimit) {
      return `count (${count}) must be >= failureLimit + consecutiveSuccessLimit (${failureLimit} + ${successLimit}) if both >= 0`;
    }
    if (failureLimit < 0 && count < successLimit) return 'count must be >= consecutiveSuccessLimit';
    if (count < inconclusiveLimit) return 'count must be >= inconclusiveLimit';
  }
  const intervalText = metric.templated?.interval ?? '';
  if (count > 1 && metric.interval === undefined && intervalText === '') return 'interval must be specified when count > 1';
  const badInterval = durationError(intervalText);
  if (badInterval !== undefined) return `invalid interval string: ${badInterval}`;
  const badDelay = durationError(metric.templated?.initialDelay ?? '');
  if (badDelay !== undefined) return `invalid startDelay string: ${badDelay}`;
  const providers = Object.values(metric.provider).filter((p) => p !== undefined).length;
  if (providers === 0) return 'no provider specified';
  if (providers > 1) return 'multiple providers specified';
  return undefined;
}

/** Go's parse error for a non-empty duration text; undefined when it parses or is empty (unset). */
function durationError(text: string): string | undefined {
  if (text === '') return undefined;
  const d = goParseDuration(text);
  return d.ok ? undefined : d.error;
}

/**
 * `ValidateMetrics`: the first problem, prefixed with the metric's index.
 *
 * Example: [] → 'no metrics specified'; [ok, {count: 2}] → 'metrics[1]: interval must be
 * specified when count > 1'.
 */
export function validateMetrics(metrics: readonly AnalysisMetric[]): string | undefined {
  if (metrics.length === 0) return 'no metrics specified';
  const seen = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    if (seen.has(metric.name)) return `metrics[${i}]: duplicate name '${metric.name}'`;
    seen.add(metric.name);
    const problem = validateMetric(metric);
    if (problem !== undefined) return `metrics[${i}]: ${problem}`;
  }
  return undefined;
}

/** Go's `regexp.MatchString` (unanchored); a pattern that does not compile matches nothing. */
function matches(pattern: string, name: string): boolean {
  const c = compileGoRegexp(pattern);
  return c.ok && c.re.test(name);
}

/**
 * `GetDryRunMetrics`: which metrics run dry. Every rule must match at least one metric.
 *
 * Example: rules [{metricName: 'total'}] over metrics ['total-5xx-errors', 'latency'] →
 * {ok: true, value: Set{'total-5xx-errors'}}; rules [{metricName: 'nope'}] → error
 * "dryRun[0]: Rule didn't match any metric name(s)".
 */
export function dryRunMetrics(
  rules: readonly { readonly metricName: string }[],
  metrics: readonly AnalysisMetric[],
): { ok: true; value: Set<string> } | { ok: false; error: string } {
  const dry = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    const hit = metrics.filter((m) => matches(rule.metricName, m.name));
    if (hit.length === 0) return { ok: false, error: `dryRun[${i}]: Rule didn't match any metric name(s)` };
    for (const m of hit) dry.add(m.name);
  }
  return { ok: true, value: dry };
}

/**
 * `GetMeasurementRetentionMetrics`: how many measurements each metric keeps (a later matching
 * rule overrides an earlier one; a limit ≤ 0 falls back to the default 10).
 *
 * Example: rules [{metricName: '.*', limit: 20}] over ['a'] → Map{'a' → 20}; no rules → Map{'a' → 10}.
 */
export function retentionLimits(
  rules: readonly { readonly metricName: string; readonly limit: number }[],
  metrics: readonly AnalysisMetric[],
): { ok: true; value: Map<string, number> } | { ok: false; error: string } {
  const limits = new Map(metrics.map((m) => [m.name, DEFAULT_MEASUREMENT_HISTORY_LIMIT]));
  for (const [i, rule] of rules.entries()) {
    const hit = metrics.filter((m) => matches(rule.metricName, m.name));
    if (hit.length === 0) return { ok: false, error: `measurementRetention[${i}]: Rule didn't match any metric name(s)` };
    for (const m of hit) limits.set(m.name, rule.limit > 0 ? rule.limit : DEFAULT_MEASUREMENT_HISTORY_LIMIT);
  }
  return { ok: true, value: limits };
}

/**
 * Two rules with the same `metricName` are refused when the run is created.
 *
 * Example: duplicateRule([{metricName: 'a'}, {metricName: 'a'}], 'Dry-Run') → "two Dry-Run
 * metric rules have the same name 'a'".
 */
export function duplicateRule(rules: readonly { readonly metricName: string }[], what: 'Dry-Run' | 'Measurement Retention'): string | undefined {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.metricName)) return `two ${what} metric rules have the same name '${rule.metricName}'`;
    seen.add(rule.metricName);
  }
  return undefined;
}
