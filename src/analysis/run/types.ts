/**
 * The AnalysisRun as Argo keeps it (`spec` + `status`), reduced to what the simulator needs.
 * Field names follow Argo's `AnalysisRun` (`metricResults`, `consecutiveError`, `runSummary`, ...).
 * Every value is immutable: `measure` and `terminate` return a new run.
 */
import type { MeasurementPhase } from '../evaluate-result.js';
import type { ExprValue } from '../expr/index.js';
import type { AnalysisPhase, KayentaJudgementFields } from '../../model/events.js';
import type { AnalysisMetric } from '../../model/rollout.js';
import type { Ms } from '../../model/time.js';

/** Which Rollout hook created the run (Argo's `rollout-type` label: Step, Background, PrePromotion, PostPromotion). */
export type RunKind = 'step' | 'background' | 'pre' | 'post' | 'experiment';

/** One resolved `spec.args[]` entry: every arg of a created run has a value. */
export interface ResolvedArg {
  readonly name: string;
  readonly value: string;
}

/** `status.metricResults[].measurements[]`. `finishedAt` undefined ⇔ still in flight (phase Running). */
export interface Measurement {
  readonly phase: AnalysisPhase;
  readonly message: string;
  /** The provider's display form of the result (`[0.97,0.99]`, `0.5`); '' when the provider failed or a condition errored. */
  readonly value: string;
  readonly startedAt: Ms;
  readonly finishedAt: Ms | undefined;
  /** In-flight measurements only: when to poll the provider again. */
  readonly resumeAt: Ms | undefined;
  /** A kayenta measurement: the judge's per-metric classifications and score. */
  readonly judge?: KayentaJudgementFields;
}

/** `status.metricResults[]`, one per metric, in the run's metric order. */
export interface MetricResult {
  readonly name: string;
  /** `Pending` until the first measurement (Argo has no result object yet), then Argo's metric phase. */
  readonly phase: AnalysisPhase;
  readonly message: string;
  readonly dryRun: boolean;
  /** The retained measurements, oldest first (measurementRetention, default the last 10). */
  readonly measurements: readonly Measurement[];
  /** Measurements ever started, retained or not (0 ⇔ Argo has no result for this metric yet). */
  readonly taken: number;
  readonly count: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly error: number;
  readonly consecutiveError: number;
  readonly consecutiveSuccess: number;
}

/** `status.runSummary` / `status.dryRunSummary`: metrics counted by their assessed outcome. */
export interface RunSummary {
  readonly count: number;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly error: number;
}

export interface AnalysisRun {
  readonly name: string;
  readonly kind: RunKind;
  readonly rolloutName: string;
  readonly podHash: string;
  readonly revision: string;
  readonly stepIndex: number | undefined;
  /** The referenced template names, in reference order (namespaced and cluster ones alike). */
  readonly templates: readonly string[];
  readonly args: readonly ResolvedArg[];
  /** `spec.metrics` with every `{{args.*}}` substituted (what the provider is called with). */
  readonly metrics: readonly AnalysisMetric[];
  readonly dryRun: readonly { readonly metricName: string }[];
  readonly measurementRetention: readonly { readonly metricName: string; readonly limit: number }[];
  /**
   * A problem Argo only finds when it first reconciles the run (unresolvable `{{…}}`, invalid
   * metric, dryRun/measurementRetention rule matching nothing): the run exists, then goes `Error`
   * with this message at its first reconcile.
   */
  readonly specError: string | undefined;
  /** `spec.terminate`: set by `terminate` (the Rollout moved on, promoted or aborted). */
  readonly terminate: boolean;
  readonly createdAt: Ms;
  /** Set at the first reconcile (the first `measure` or `terminate`); stays unset for a spec error. */
  readonly startedAt: Ms | undefined;
  readonly completedAt: Ms | undefined;
  readonly phase: AnalysisPhase;
  readonly message: string;
  readonly metricResults: readonly MetricResult[];
  readonly runSummary: RunSummary;
  readonly dryRunSummary: RunSummary;
}

/** What the provider is told besides the (substituted) metric. */
export interface ProviderContext {
  readonly now: Ms;
  /** The AnalysisRun's name. */
  readonly run: string;
  /** Measurements of this metric ever started before this one (a Job provider names Jobs `<n+1>`). */
  readonly taken: number;
  /** Set when resuming an in-flight measurement (a long-running Job): the measurement so far. */
  readonly inFlight: Measurement | undefined;
  /** The AnalysisRun's status.startedAt (kayenta's `lookback` window starts there). */
  readonly runStartedAt?: Ms | undefined;
}

/**
 * One provider call's answer:
 * - `{ok: true, value, display}`: the Go value Argo binds to `result`, judged by
 *   `successCondition`/`failureCondition`. Prometheus: a plain `number[]` for a vector (taken as
 *   `[]float64`; `[]` for no data), a `number` for a scalar. Any other shape must already be an
 *   `ExprValue` (e.g. `fromJson(doc)` for a JSON document);
 * - `{ok: true, phase, display, message?}`: the provider judges itself (job: Job Complete/Failed,
 *   kayenta: score vs thresholds); the conditions are not evaluated;
 * - `{ok: true, running: true, resumeAt}`: a long-running measurement (a Job still running),
 *   polled again at `resumeAt` (> now) with `ctx.inFlight` set;
 * - `{ok: false, error}`: the provider failed (bad query, HTTP error) ⇒ measurement `Error`.
 */
export type ProviderResult =
  | { readonly ok: true; readonly value: ExprValue; readonly display: string }
  | { readonly ok: true; readonly phase: MeasurementPhase; readonly display: string; readonly message?: string; readonly judge?: KayentaJudgementFields }
  | { readonly ok: true; readonly running: true; readonly resumeAt: Ms; readonly display?: string }
  | { readonly ok: false; readonly error: string };

export type Provider = ((metric: AnalysisMetric, ctx: ProviderContext) => ProviderResult) & {
  /**
   * Argo's `Provider.Terminate`: the run stops the in-flight measurement `ctx.inFlight` (the job
   * provider deletes its Job). Providers without long-running measurements leave it unset.
   */
  readonly terminate?: (metric: AnalysisMetric, ctx: ProviderContext) => void;
};

export const COMPLETED_PHASES: ReadonlySet<AnalysisPhase> = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

/** Argo's `AnalysisPhase.Completed()`. */
export function isCompleted(phase: AnalysisPhase): boolean {
  return COMPLETED_PHASES.has(phase);
}
