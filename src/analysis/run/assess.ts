/**
 * Metric and run phases exactly as Argo assesses them (`analysis/analysis.go`
 * `assessMetricStatus`, `assessMetricFailureInconclusiveOrError`, `assessRunStatus`;
 * `utils/analysis/helpers.go` `IsTerminating`, `IsWorse`).
 */
import type { AnalysisPhase } from '../../model/events.js';
import type { AnalysisMetric } from '../../model/rollout.js';
import { DEFAULT_CONSECUTIVE_ERROR_LIMIT, effectiveCount } from './spec-check.js';
import { isCompleted, type AnalysisRun, type MetricResult, type RunSummary } from './types.js';

/** Best to worst (`analysisStatusOrder`). */
const ORDER: readonly AnalysisPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];

/** Argo's `IsWorse`: is `next` worse than `current`? Example: isWorse('Inconclusive', 'Error') === true. */
export function isWorse(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return ORDER.indexOf(next) > ORDER.indexOf(current);
}

/**
 * `IsTerminating`: terminate was requested, or a non-dry-run metric is Failed, Error or
 * Inconclusive. A terminating run starts no new measurement.
 */
export function isTerminating(run: Pick<AnalysisRun, 'terminate' | 'metricResults'>): boolean {
  if (run.terminate) return true;
  return run.metricResults.some((r) => !r.dryRun && (r.phase === 'Failed' || r.phase === 'Error' || r.phase === 'Inconclusive'));
}

/**
 * The limit a metric's counters broke, if any; checked in this order, a later hit overriding an
 * earlier one. Limits compare with `>`; failureLimit -1 disables the failure check.
 *
 * Example: {failed: 1} with failureLimit unset → {phase: 'Failed', reason: 'failed (1) > failureLimit (0)'};
 * {consecutiveError: 5} → {phase: 'Error', reason: 'consecutiveErrors (5) > consecutiveErrorLimit (4)'}.
 */
export function brokenLimit(metric: AnalysisMetric, result: MetricResult): { phase: AnalysisPhase; reason: string } | undefined {
  let hit: { phase: AnalysisPhase; reason: string } | undefined;
  const failureLimit = metric.failureLimit ?? 0;
  if (failureLimit >= 0 && result.failed > failureLimit) {
    hit = { phase: 'Failed', reason: `failed (${result.failed}) > failureLimit (${failureLimit})` };
  }
  const inconclusiveLimit = metric.inconclusiveLimit ?? 0;
  if (result.inconclusive > inconclusiveLimit) {
    hit = { phase: 'Inconclusive', reason: `inconclusive (${result.inconclusive}) > inconclusiveLimit (${inconclusiveLimit})` };
  }
  const errorLimit = metric.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT;
  if (result.consecutiveError > errorLimit) {
    hit = { phase: 'Error', reason: `consecutiveErrors (${result.consecutiveError}) > consecutiveErrorLimit (${errorLimit})` };
  }
  return hit;
}

/**
 * `assessMetricStatus`: the metric's phase after a round of measurements (first rule wins):
 * completed phases are sticky; no measurement ⇒ Pending (Successful when terminating); in flight
 * ⇒ Running; a broken limit ⇒ its phase; consecutiveSuccess ≥ consecutiveSuccessLimit (> 0) ⇒
 * Successful; count reached ⇒ Successful (Inconclusive when a consecutiveSuccessLimit was never
 * met, Failed if also failureLimit -1); else Successful when terminating, Running otherwise.
 *
 * Example: count 5, failureLimit 1, after S F S F → Failed; interval 1m, no count, after S S S →
 * Running (Successful if terminating).
 */
export function assessMetric(metric: AnalysisMetric, result: MetricResult, terminating: boolean): AnalysisPhase {
  if (isCompleted(result.phase)) return result.phase;
  const last = result.measurements[result.measurements.length - 1];
  if (last === undefined) return terminating ? 'Successful' : 'Pending';
  if (!isCompleted(last.phase)) return 'Running';
  const broken = brokenLimit(metric, result);
  if (broken !== undefined) return broken.phase;
  const successLimit = metric.consecutiveSuccessLimit ?? 0;
  if (successLimit > 0 && result.consecutiveSuccess >= successLimit) return 'Successful';
  const count = effectiveCount(metric);
  if (count !== undefined && result.count >= count) {
    if (successLimit > 0) return (metric.failureLimit ?? 0) >= 0 ? 'Inconclusive' : 'Failed';
    return 'Successful';
  }
  return terminating ? 'Successful' : 'Running';
}

export interface RunAssessment {
  readonly phase: AnalysisPhase;
  readonly message: string;
  /** The metric results with their phase (and message) brought up to date. */
  readonly metricResults: readonly MetricResult[];
  readonly runSummary: RunSummary;
  readonly dryRunSummary: RunSummary;
}

type Counts = { count: number; successful: number; failed: number; inconclusive: number; error: number };

function tally(summary: Counts, phase: AnalysisPhase | undefined): void {
  if (phase === 'Error') summary.error++;
  else if (phase === 'Failed') summary.failed++;
  else if (phase === 'Inconclusive') summary.inconclusive++;
  else summary.successful++; // Argo counts anything else (no broken limit) as successful
}

/**
 * `assessRunStatus`: assesses every metric, then the run. Terminating ⇒ the worst completed
 * non-dry-run metric phase, or Successful. Otherwise Running until every metric is completed,
 * then the worst phase. Dry-run metrics count as Successful. The message names the first worst
 * metric: `Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)`, plus
 * `: "Error Message: <last measurement message>"` when that message is not empty; a run
 * terminated by its owner starts from the message `Run Terminated`.
 *
 * Example: metrics A (Failed, 1 failure) and B (Running) with the run not yet terminating →
 * {phase: 'Running', message: ''}; one reconcile later (terminating) → {phase: 'Failed',
 * message: 'Metric "A" assessed Failed due to failed (1) > failureLimit (0)'}.
 */
export function assessRun(run: AnalysisRun): RunAssessment {
  const terminating = isTerminating(run);
  let worst: AnalysisPhase | undefined;
  let worstMessage = run.terminate ? 'Run Terminated' : '';
  let everythingCompleted = true;
  const runSummary: Counts = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
  const dryRunSummary: Counts = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
  const metricResults = run.metrics.map((metric, i): MetricResult => {
    let result = run.metricResults[i];
    if (result === undefined) throw new Error(`assessRun: no result for metric ${metric.name}`);
    (result.dryRun ? dryRunSummary : runSummary).count++;
    if (result.taken === 0) {
      everythingCompleted = false; // not started yet (initialDelay): Argo has no result to assess
      return result;
    }
    const phase = assessMetric(metric, result, terminating);
    if (phase !== result.phase) {
      const last = result.measurements[result.measurements.length - 1];
      result = { ...result, phase, message: last !== undefined ? last.message : result.message };
    }
    if (!isCompleted(phase)) {
      everythingCompleted = false;
      return result;
    }
    const broken = brokenLimit(metric, result);
    if (!result.dryRun) {
      if (worst === undefined || isWorse(worst, phase)) {
        worst = phase;
        if (broken !== undefined) {
          worstMessage = `Metric "${metric.name}" assessed ${phase} due to ${broken.reason}`;
          if (result.message !== '') worstMessage += `: "Error Message: ${result.message}"`;
        }
      }
      tally(runSummary, broken?.phase);
    } else {
      worst ??= 'Successful';
      if (broken !== undefined) result = { ...result, message: `Metric assessed ${phase} due to ${broken.reason}` };
      tally(dryRunSummary, broken?.phase);
    }
    return result;
  });
  const base = { metricResults, runSummary, dryRunSummary };
  worstMessage = worstMessage.trim();
  if (terminating) return { ...base, phase: worst ?? 'Successful', message: worstMessage };
  if (!everythingCompleted || worst === undefined) return { ...base, phase: 'Running', message: '' };
  return { ...base, phase: worst, message: worstMessage };
}
