/**
 * The AnalysisRun lifecycle as Argo Rollouts computes it, as pure functions:
 * `buildAnalysisRun` (what the Rollout creates), `measure` (a reconcile at `now`), `nextDue`
 * (when to reconcile next), `terminate` (the Rollout stops it), `assessRun` (Argo's phase rules).
 *
 * Caller's loop: `const b = buildAnalysisRun({...}); if (!b.ok) → Rollout InvalidSpec (b.error)`;
 * then `({run, events} = measure(b.run, now, provider))` at creation and again at each
 * `nextDue(run)` until `run.phase` is completed; `terminate(run, now)` when the Rollout moves on.
 */
export { buildAnalysisRun, runName, type BuildInput, type BuildResult } from './build.js';
export { measure, terminate, METRIC_TERMINATED, type RunStep } from './reconcile.js';
export { metricQuery } from './metric-query.js';
export { nextDue, dueTasks, ERROR_RETRY_INTERVAL } from './schedule.js';
export { assessRun, assessMetric, brokenLimit, isTerminating, isWorse, type RunAssessment } from './assess.js';
export { effectiveCount, validateMetric, validateMetrics, DEFAULT_CONSECUTIVE_ERROR_LIMIT, DEFAULT_MEASUREMENT_HISTORY_LIMIT } from './spec-check.js';
export { substituteText, substituteMetric } from './substitute.js';
export { flattenTemplateArgs, mergeArgs, resolveRolloutArgs } from './args.js';
export {
  isCompleted,
  type AnalysisRun, type Measurement, type MetricResult, type Provider, type ProviderContext,
  type ProviderResult, type ResolvedArg, type RunKind, type RunSummary,
} from './types.js';
