/**
 * When measurements are due (`generateMetricTasks`, `calculateNextReconcileTime` in Argo's
 * `analysis/analysis.go`). Argo measures again once `now` is past `finishedAt + interval`,
 * requeueing itself for exactly that instant; with integer sim time the measurement is taken at
 * that instant (never twice at the same instant for one metric).
 */
import { SECOND, type Ms } from '../../model/time.js';
import { effectiveCount } from './spec-check.js';
import { isCompleted, type AnalysisRun, type Measurement } from './types.js';

/** After an Error measurement Argo retries after 10 s whatever the interval (`DefaultErrorRetryInterval`). */
export const ERROR_RETRY_INTERVAL: Ms = 10 * SECOND;

export interface MetricTask {
  readonly index: number;
  /** Resume (or, when terminating, terminate) this in-flight measurement instead of starting one. */
  readonly inFlight: Measurement | undefined;
}

/** The earliest instant the next measurement of a finished one may start, if another is wanted. */
function nextAfter(run: AnalysisRun, index: number, last: Measurement & { finishedAt: Ms }): Ms | undefined {
  const metric = run.metrics[index];
  const result = run.metricResults[index];
  if (metric === undefined || result === undefined) return undefined;
  const count = effectiveCount(metric);
  if (count !== undefined && result.count >= count) return undefined;
  const interval = last.phase === 'Error' ? ERROR_RETRY_INTERVAL : metric.interval ?? ERROR_RETRY_INTERVAL;
  return last.finishedAt + Math.max(interval, 1);
}

/**
 * The measurements to take in a reconcile at `now` (`generateMetricTasks`): skip completed
 * metrics; resume in-flight ones whose `resumeAt` has come (terminate them at once when the run
 * is terminating); start nothing while terminating;
 * a first measurement waits for `initialDelay` after `startedAt` (never in the reconcile that
 * sets `startedAt`); later ones wait `interval` (10 s after an Error) until the count is reached.
 *
 * Example: a metric with interval 60 s whose last measurement finished at 0 is due at 60 000;
 * at 59 999 no task is returned.
 */
export function dueTasks(run: AnalysisRun, now: Ms, terminating: boolean): MetricTask[] {
  const tasks: MetricTask[] = [];
  run.metrics.forEach((metric, index) => {
    const result = run.metricResults[index];
    if (result === undefined || isCompleted(result.phase)) return;
    const last = result.measurements[result.measurements.length - 1];
    if (last !== undefined && last.finishedAt === undefined) {
      // A terminating run stops it at once, as Argo does for a Job (whose measurement has no
      // resumeAt: the Job informer, not a timer, wakes the run; resumeAt is the sim's poll time).
      if (terminating || last.resumeAt === undefined || last.resumeAt <= now) tasks.push({ index, inFlight: last });
      return;
    }
    if (terminating) return;
    if (last === undefined) {
      if (metric.initialDelay !== undefined) {
        if (run.startedAt === undefined || run.startedAt + metric.initialDelay > now) return;
      }
      tasks.push({ index, inFlight: undefined });
      return;
    }
    const next = nextAfter(run, index, last as Measurement & { finishedAt: Ms });
    if (next !== undefined && now >= next) tasks.push({ index, inFlight: undefined });
  });
  return tasks;
}

/**
 * The earliest instant the run needs `measure` again (`calculateNextReconcileTime`): a run never
 * reconciled is due at its creation; undefined once it is completed.
 *
 * Example: started at 0 with one metric (interval 60 s) measured Successful at 0 → 60 000; the
 * same metric measured Error at 0 → 10 000; a metric with initialDelay 5 m not yet measured → 300 000.
 */
export function nextDue(run: AnalysisRun): Ms | undefined {
  if (isCompleted(run.phase)) return undefined;
  if (run.startedAt === undefined) return run.createdAt;
  let due: Ms | undefined;
  const consider = (t: Ms | undefined): void => {
    if (t !== undefined && (due === undefined || t < due)) due = t;
  };
  run.metrics.forEach((metric, index) => {
    const result = run.metricResults[index];
    if (result === undefined || isCompleted(result.phase)) return;
    const last = result.measurements[result.measurements.length - 1];
    if (last === undefined) {
      if (metric.initialDelay !== undefined && run.startedAt !== undefined) consider(run.startedAt + metric.initialDelay);
      return;
    }
    if (last.finishedAt === undefined) {
      consider(last.resumeAt);
      return;
    }
    consider(nextAfter(run, index, last as Measurement & { finishedAt: Ms }));
  });
  return due;
}
