/**
 * The AnalysisRun controller's reconcile (`analysis/analysis.go` `reconcileAnalysisRun`) as a
 * pure step: take the measurements due, assess metrics and run, trim measurement history.
 * Argo re-reconciles a run as soon as its own status update lands, so one `measure` call
 * repeats the reconcile at the same instant until nothing changes: a metric that fails makes
 * the run terminating, and the very next reconcile completes it.
 */
import { evaluateResult } from '../evaluate-result.js';
import { float64Vector, type ExprValue } from '../expr/index.js';
import type { SimEvent } from '../../model/events.js';
import type { AnalysisMetric } from '../../model/rollout.js';
import type { Ms } from '../../model/time.js';
import { assessRun, isTerminating } from './assess.js';
import { dueTasks, type MetricTask } from './schedule.js';
import { DEFAULT_MEASUREMENT_HISTORY_LIMIT, retentionLimits } from './spec-check.js';
import { metricQuery } from './metric-query.js';
import { isCompleted, type AnalysisRun, type Measurement, type MetricResult, type Provider, type ProviderResult } from './types.js';

export interface RunStep {
  readonly run: AnalysisRun;
  readonly events: SimEvent[];
}

/**
 * Message of an in-flight measurement stopped because the run terminates. Argo's job provider
 * deletes the Job and answers Successful (`job.go` `Terminate`), and the controller then sets
 * this message (`runMeasurements`): the measurement counts as a success.
 */
export const METRIC_TERMINATED = 'Metric Terminated';

/** A plain `number[]` is a Prometheus vector (`[]float64`); anything else is already a Go value. */
function asResult(value: ExprValue): ExprValue {
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return float64Vector(value as number[]);
  return value;
}

/** The provider's answer as a measurement (in flight, or finished at `now`). */
function toMeasurement(r: ProviderResult, metric: AnalysisMetric, startedAt: Ms, now: Ms): Measurement {
  const finished = { startedAt, finishedAt: now, resumeAt: undefined };
  if (!r.ok) return { phase: 'Error', message: r.error, value: '', ...finished };
  if ('running' in r) {
    if (!(r.resumeAt > now)) throw new Error(`provider for metric ${metric.name}: resumeAt ${r.resumeAt} must be after now ${now}`);
    return { phase: 'Running', message: '', value: r.display ?? '', startedAt, finishedAt: undefined, resumeAt: r.resumeAt };
  }
  if ('phase' in r) return { phase: r.phase, message: r.message ?? '', value: r.display, ...finished, ...(r.judge === undefined ? {} : { judge: r.judge }) };
  const outcome = evaluateResult(asResult(r.value), metric);
  // An evaluation error goes through Argo's `MarkMeasurementError` before the value is stored.
  const value = outcome.phase === 'Error' ? '' : r.display;
  return { phase: outcome.phase, message: outcome.message ?? '', value, ...finished };
}

/** Argo's counters after one finished measurement (errors do not count toward `count`). */
function count(result: MetricResult, phase: Measurement['phase']): MetricResult {
  switch (phase) {
    case 'Successful':
      return { ...result, successful: result.successful + 1, count: result.count + 1, consecutiveError: 0, consecutiveSuccess: result.consecutiveSuccess + 1 };
    case 'Failed':
      return { ...result, failed: result.failed + 1, count: result.count + 1, consecutiveError: 0, consecutiveSuccess: 0 };
    case 'Inconclusive':
      return { ...result, inconclusive: result.inconclusive + 1, count: result.count + 1, consecutiveError: 0, consecutiveSuccess: 0 };
    case 'Error':
      return { ...result, error: result.error + 1, consecutiveError: result.consecutiveError + 1, consecutiveSuccess: 0 };
    default:
      return result;
  }
}

/** Runs, resumes or terminates one measurement; returns the metric's new result and its event. */
function takeMeasurement(run: AnalysisRun, task: MetricTask, now: Ms, terminating: boolean, provider: Provider): { result: MetricResult; event: SimEvent | undefined } {
  const metric = run.metrics[task.index];
  const before = run.metricResults[task.index];
  if (metric === undefined || before === undefined) throw new Error(`takeMeasurement: no metric ${task.index}`);
  let m: Measurement;
  const ctx = { now, run: run.name, taken: before.taken - (task.inFlight !== undefined ? 1 : 0), inFlight: task.inFlight, runStartedAt: run.startedAt };
  if (task.inFlight !== undefined && terminating) {
    provider.terminate?.(metric, ctx);
    m = { ...task.inFlight, phase: 'Successful', message: METRIC_TERMINATED, finishedAt: now, resumeAt: undefined };
  } else {
    m = toMeasurement(provider(metric, ctx), metric, task.inFlight?.startedAt ?? now, now);
  }
  let result: MetricResult = task.inFlight !== undefined
    ? { ...before, measurements: [...before.measurements.slice(0, -1), m] }
    : { ...before, phase: before.taken === 0 ? 'Running' : before.phase, measurements: [...before.measurements, m], taken: before.taken + 1 };
  if (!isCompleted(m.phase)) return { result, event: undefined };
  result = count(result, m.phase);
  const event: SimEvent = {
    t: now, type: 'Measurement', run: run.name, metric: metric.name, query: metricQuery(metric),
    value: m.value, phase: m.phase, message: m.message, ...(m.judge === undefined ? {} : { judge: m.judge }),
  };
  return { result, event };
}

/** Keeps the last N measurements per metric (measurementRetention, default 10). */
function trimHistory(run: AnalysisRun): AnalysisRun {
  const limits = retentionLimits(run.measurementRetention, run.metrics);
  const metricResults = run.metricResults.map((r) => {
    const limit = (limits.ok ? limits.value.get(r.name) : undefined) ?? DEFAULT_MEASUREMENT_HISTORY_LIMIT;
    return r.measurements.length > limit ? { ...r, measurements: r.measurements.slice(-limit) } : r;
  });
  return { ...run, metricResults };
}

function completedEvent(run: AnalysisRun, now: Ms): SimEvent {
  return { t: now, type: 'AnalysisRunCompleted', name: run.name, phase: run.phase, message: run.message };
}

/** One reconcile at `now`. `changed` is false when it changed nothing (the run is at rest). */
function reconcileOnce(run: AnalysisRun, now: Ms, provider: Provider): { run: AnalysisRun; events: SimEvent[]; changed: boolean } {
  if (run.startedAt === undefined && run.specError !== undefined) {
    const failed: AnalysisRun = { ...run, phase: 'Error', message: run.specError, completedAt: now };
    return { run: failed, events: [completedEvent(failed, now)], changed: true };
  }
  const terminating = isTerminating(run);
  const tasks = dueTasks(run, now, terminating);
  const events: SimEvent[] = [];
  const results = [...run.metricResults];
  for (const task of tasks) {
    const { result, event } = takeMeasurement(run, task, now, terminating, provider);
    results[task.index] = result;
    if (event !== undefined) events.push(event);
  }
  const measured: AnalysisRun = { ...run, metricResults: results };
  const assessed = assessRun(measured);
  let next: AnalysisRun = {
    ...measured, startedAt: run.startedAt ?? now, metricResults: assessed.metricResults,
    runSummary: assessed.runSummary, dryRunSummary: assessed.dryRunSummary,
  };
  // Argo updates the message only together with the phase.
  if (assessed.phase !== run.phase) {
    next = { ...next, phase: assessed.phase, message: assessed.message };
    if (isCompleted(assessed.phase)) {
      next = { ...next, completedAt: now };
      events.push(completedEvent(next, now));
    }
  }
  next = trimHistory(next);
  const phasesMoved = next.metricResults.some((r, i) => r.phase !== run.metricResults[i]?.phase);
  const changed = tasks.length > 0 || run.startedAt === undefined || phasesMoved || next.phase !== run.phase;
  return { run: next, events, changed };
}

function settle(run: AnalysisRun, now: Ms, provider: Provider): RunStep {
  if (isCompleted(run.phase)) return { run, events: [] };
  const since = run.startedAt ?? run.createdAt;
  if (now < since) throw new Error(`AnalysisRun ${run.name}: reconcile at ${now} before ${since}`);
  const events: SimEvent[] = [];
  if (run.startedAt === undefined) {
    const args = Object.fromEntries(run.args.map((a) => [a.name, a.value]));
    events.push({ t: now, type: 'AnalysisRunStarted', name: run.name, templates: [...run.templates], args });
  }
  // Every pass either takes a measurement (at most one per metric per instant) or moves a phase.
  for (let pass = 0; pass < 4 * run.metrics.length + 8; pass++) {
    const step = reconcileOnce(run, now, provider);
    run = step.run;
    events.push(...step.events);
    if (!step.changed || isCompleted(run.phase)) return { run, events };
  }
  throw new Error(`AnalysisRun ${run.name}: reconcile at ${now} did not settle`);
}

/**
 * Reconciles the run at `now`: takes every measurement due (calling `provider` with the
 * substituted metric), records it, assesses metrics and run, and repeats at the same instant
 * until the run is at rest. Call it when the run is created (its first reconcile, which sets
 * `startedAt` and emits `AnalysisRunStarted`) and then at every `nextDue(run)`; extra calls are
 * harmless. Emits `Measurement` for each finished measurement and `AnalysisRunCompleted` once.
 *
 * Example: a run with one metric (no interval, successCondition `result[0] < 0.05`) created at
 * 0 and a provider answering {ok: true, value: [0.01], display: '[0.01]'}: measure(run, 0, p)
 * → run.phase 'Successful', events [AnalysisRunStarted, Measurement (Successful),
 * AnalysisRunCompleted {phase: 'Successful', message: ''}].
 */
export function measure(run: AnalysisRun, now: Ms, provider: Provider): RunStep {
  return settle(run, now, provider);
}

function noProvider(metric: AnalysisMetric): never {
  throw new Error(`terminate: a terminating run must not start a measurement (metric ${metric.name})`);
}

/**
 * The Rollout terminates the run (`spec.terminate: true`: promoted, aborted, moved past the
 * step, promote --full). No new measurement starts; an in-flight one (a Job) is deleted (the
 * `provider`'s `terminate`, when given) and counts as Successful with message `Metric
 * Terminated`; unfinished metrics are assessed Successful unless a limit is already broken. A
 * completed run is left alone.
 *
 * Example: an unbounded metric measured Successful twice, terminated at 120 000 → phase
 * 'Successful', message 'Run Terminated', one AnalysisRunCompleted event.
 */
export function terminate(run: AnalysisRun, now: Ms, provider?: Provider): RunStep {
  if (isCompleted(run.phase)) return { run, events: [] };
  // No measurement may start; only the provider's `terminate` is called, for in-flight ones.
  const stop = provider?.terminate;
  const stopOnly: Provider = stop === undefined ? noProvider : Object.assign((m: AnalysisMetric) => noProvider(m), { terminate: stop });
  return settle({ ...run, terminate: true }, now, stopOnly);
}
