/**
 * The one typed event union the core emits. The UI reducer, the text reporter and the JSON
 * reporters all consume it. Every event starts with `t` (sim ms) and `type`; the order of the
 * remaining keys is the order written here, and the jsonl reporter keeps it byte for byte.
 */
import type { StrategyType } from './strategy.js';
import type { Ms } from './time.js';

export type Role = 'stable' | 'canary' | 'active' | 'preview';
export type RolloutPhase = 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';
export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';
export type Outcome = 'promoted' | 'aborted' | 'incomplete';

/** The version of the trace and Summary contract (schema/trace.schema.json, schema/summary.schema.json). */
export const SCHEMA_VERSION = 2;

/**
 * Why a rollout was aborted. `failed`/`error`: an AnalysisRun ended Failed/Error on measurements
 * that had data; `noData`: the measurements that decided it had none (an empty result, NaN) — the
 * analysis could not see the release at all; `inconclusive`: an operator abort while an
 * Inconclusive run held the rollout; `operator`: `abort` (or a Deployment's `kubectl rollout
 * undo`); `progressDeadline`: progressDeadlineAbort after ProgressDeadlineExceeded.
 */
export type AbortCause = 'failed' | 'error' | 'inconclusive' | 'noData' | 'operator' | 'progressDeadline' | 'stepPlugin';

/** Service figures in the Summary: per version from user traffic only, or of the mirrored copies. */
export interface VersionFigures {
  readonly image: string;
  /** Completed requests. */
  readonly requests: number;
  readonly errorRate: number | null;
  /** Milliseconds. */
  readonly p99: number | null;
  readonly taskSuccess: number | null;
}

/**
 * The healthy twin of an aborted run: the same scenario, seed, traffic and operator actions with
 * every regression removed (they never start), run only up to the run's abort. An operator's
 * `abort` is not replayed: a person's judgement cannot be replayed against a release they never
 * saw, so only the automation (analysis, progress deadline) can roll the twin back.
 */
export interface TwinFields {
  /** Ms from the update's start to the twin's first abort, at or before the run's; null when it had not aborted by then. */
  readonly abortedAfter: Ms | null;
  /** Why the twin aborted; null when it had not. */
  readonly abortCause: AbortCause | null;
}

/**
 * The Summary (DESIGN §7): the one record every reporter, `compare`, `sweep`, `check` and the HTML
 * report read, so none re-derives it from the trace or the world. Times are milliseconds, and
 * those named `…After` count from the update's start (`updateStartedAt`, the scenario's
 * `release.at`).
 */
export interface SummaryFields {
  readonly schemaVersion: number;
  readonly rollout: string;
  readonly strategy: StrategyType;
  /** A canary's traffic router (istio, nginx, …); null for a canary without one and other strategies. */
  readonly router: string | null;
  readonly outcome: Outcome;
  /** Sim ms the update started; null for a no-op update (the template is the stable image: nothing rolled out). */
  readonly updateStartedAt: Ms | null;
  /** The scenario injects a regression into the release. */
  readonly regressionConfigured: boolean;
  /**
   * A regression was active on the release before the outcome (an abort, the promotion, or the end):
   * the release served some request while a regression's conditions held (`after:`, load), whichever
   * cohort the regression targets.
   */
  readonly regressionInEffect: boolean;
  /** Null unless the outcome is `aborted`. */
  readonly abortCause: AbortCause | null;
  /**
   * The abort in words, from the trace's events that decided it (the deciding metric's last bad
   * Measurement, the AnalysisRunCompleted message, the metric's condition). Null unless aborted.
   * Example: '5 consecutive measurement errors (the query matched no series)'.
   */
  readonly abortDetail: string | null;
  /**
   * Aborted while a regression was in effect, and the healthy twin (`twin`) had not aborted by
   * then: the analysis told the regressed release from a healthy one.
   */
  readonly caught: boolean;
  /** Aborted and not caught: a healthy twin would have been rolled back too, or no regression was in effect yet. */
  readonly falseRollback: boolean;
  /** The healthy twin of an aborted run (null when the run did not abort: no twin was run). */
  readonly twin: TwinFields | null;
  /** Ms from the update's start to the abort that caught the regression (null when not caught). */
  readonly detectedAfter: Ms | null;
  /** Ms from the update's start to the abort in force at the end (null when not aborted). */
  readonly abortedAfter: Ms | null;
  /** Ms from the update's start to promotion (null when not promoted). */
  readonly promotedAfter: Ms | null;
  /** User requests that arrived (all strategies of a `compare` see the same ones). */
  readonly arrivedRequests: number;
  /** User requests that completed: the denominator of `harmedShare`. */
  readonly completedRequests: number;
  /** Arrived, neither completed nor unserved: still in flight when the run ended. */
  readonly inFlightRequests: number;
  /** Arrived and found no ready pod to serve them. */
  readonly unservedRequests: number;
  /** Completed user requests the release served. */
  readonly releaseRequests: number;
  /** Completed user requests whose outcome the release made worse than the stable version would have. */
  readonly harmedRequests: number;
  /** harmedRequests / completedRequests, to 6 decimals. */
  readonly harmedShare: number;
  readonly versions: { readonly stable: VersionFigures; readonly release: VersionFigures };
  /**
   * The shadow copies a `setMirrorRoute` sent to the release, measured as the release served them
   * (the image is the release's). They never answered users, so they are in no count above and are
   * never harm. Null when the run never mirrored.
   */
  readonly mirrored: VersionFigures | null;
}

/** A canary step as the trace describes it (what a reader needs to draw the step list). */
export interface TraceStep {
  /** The step as `kubectl argo rollouts get rollout` lists it. Example: 'setWeight: 20', 'pause: 5m'. */
  readonly label: string;
  readonly kind: 'setWeight' | 'pause' | 'analysis' | 'setCanaryScale' | 'setHeaderRoute' | 'setMirrorRoute' | 'experiment' | 'plugin';
  readonly setWeight: number | null;
  /** A pause step's duration in ms; null for an indefinite pause (and for other steps). */
  readonly pauseDuration: Ms | null;
  /** setMirrorRoute: percent of matching requests copied (0 = the route is removed). */
  readonly mirrorPercent: number | null;
}

/** An analysis metric of a template the workload references. */
export interface TraceMetric {
  readonly template: string;
  readonly name: string;
  /** The prometheus query as written (null for the job provider). */
  readonly query: string | null;
  readonly successCondition: string | null;
  readonly failureCondition: string | null;
  readonly failureLimit: number;
}

/** The first event of every trace: what a reader needs before anything happens. */
export interface SimulationStartedFields {
  readonly schemaVersion: number;
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly rollout: string;
  /** Every workload of the scenario, in file order. */
  readonly workloads: readonly string[];
  readonly namespace: string;
  readonly kind: 'Rollout' | 'Deployment';
  readonly strategy: StrategyType;
  readonly router: string | null;
  readonly replicas: number;
  readonly stableImage: string;
  readonly releaseImage: string;
  /** Pod-template hashes (ReplicaSet names are `<rollout>-<hash>`). */
  readonly stableHash: string;
  readonly releaseHash: string;
  /** When the update starts; null for a no-op update. */
  readonly updateAt: Ms | null;
  readonly duration: Ms;
  readonly scrapeInterval: Ms;
  readonly steps: readonly TraceStep[];
  /** Blue-green: the Services the Rollout manages, active first. */
  readonly services: readonly { readonly name: string; readonly role: 'active' | 'preview' }[];
  readonly metrics: readonly TraceMetric[];
}

/**
 * A load-time warning (src/lint): the template or Scenario cannot work as written — a condition
 * naming something that does not exist, a query selecting a family, label or value nobody
 * exports, a pause nobody resumes. Emitted right after SimulationStarted, one per finding; the
 * run goes ahead (the warning explains what it will show).
 */
export interface WarningFields {
  /** The lint rule's stable id. Example: 'query-unknown-metric'. */
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** YAML path inside the document. Example: 'spec.metrics[0].successCondition'. */
  readonly path: string;
  /** The fix ('' when there is nothing to add). */
  readonly suggestion: string;
}

/** A pod's state as a Sample shows it (gone pods are left out). */
export type LivePodState = 'starting' | 'ready' | 'terminating';

/** The letter a Sample writes for each pod state (`SampleFields.replicaSets[].pods`). */
export const POD_LETTER: Readonly<Record<LivePodState, string>> = { ready: 'r', starting: 's', terminating: 't' };

/**
 * A Sample's pod letters read back as states, in creation order.
 * Example: podStates('rrs') → ['ready', 'ready', 'starting'].
 */
export function podStates(pods: string): LivePodState[] {
  const out: LivePodState[] = [];
  for (const c of pods) out.push(c === POD_LETTER.ready ? 'ready' : c === POD_LETTER.starting ? 'starting' : 'terminating');
  return out;
}

/** One version's dashboard figures over the last minute (PromQL over the scraped series). */
export interface SampleVersion {
  readonly hash: string;
  /** Requests per second; null before the version has a minute of series. */
  readonly rps: number | null;
  readonly errorRate: number | null;
  /** Milliseconds. */
  readonly p99: number | null;
  readonly taskSuccess: number | null;
}

/**
 * The periodic compact sample, at every scrape: per version the dashboard figures, per ReplicaSet
 * its live pods in creation order (one letter each: `r` ready, `s` starting, `t` terminating),
 * and the request counters so far.
 */
export interface SampleFields {
  readonly versions: readonly SampleVersion[];
  readonly replicaSets: readonly { readonly hash: string; readonly pods: string }[];
  readonly arrived: number;
  readonly completed: number;
  readonly unserved: number;
  readonly releaseRequests: number;
  readonly harmed: number;
  /** Shadow copies sent so far (never user requests). */
  readonly mirrored: number;
}

/** An Experiment created by a canary `experiment` step (rollout/experiment.go GetExperimentFromTemplate). */
export interface ExperimentStartedFields {
  /** `<rollout>-<podHash>-<revision>-<stepIndex>` (a `-1`, `-2` … suffix when the name is taken). */
  name: string;
  stepIndex: number;
  /** spec.duration (ms), null when unset. */
  duration: Ms | null;
  templates: { name: string; specRef: 'stable' | 'canary'; replicas: number; weight: number | null; rs: string; hash: string }[];
  analyses: { name: string; templateName: string; requiredForCompletion: boolean }[];
}

/**
 * A Kayenta measurement's judgement as NetflixACAJudge reports it (kayenta provider): each config
 * metric's classification with the Mann-Whitney interval of canary − baseline, and the score
 * (0–100, truncated) against the template's thresholds. `ratio` and `interval` are null where the
 * judge has none (no data). Example: {score: 50, pass: 90, marginal: 75, metrics: [{name: 'p99',
 * group: 'latency', classification: 'High', ratio: 1.1, interval: {lower: 0.31, upper: 0.52,
 * estimate: 0.41}}, …]}.
 */
export interface KayentaJudgementFields {
  score: number;
  pass: number;
  marginal: number;
  metrics: { name: string; group: string; classification: string; ratio: number | null; interval: { lower: number; upper: number; estimate: number } | null }[];
}

/**
 * A step plugin's operation changed phase (Argo's StepPluginTransition event; a Run that turns
 * Successful has none: StepCompleted follows).
 */
export interface StepPluginPhaseFields {
  /** 0-based step index. */
  index: number;
  plugin: string;
  operation: 'Run' | 'Abort' | 'Terminate';
  phase: 'Running' | 'Successful' | 'Failed' | 'Error';
  message: string;
}

export type SimEvent =
  | ({ t: Ms; type: 'SimulationStarted' } & SimulationStartedFields)
  | ({ t: Ms; type: 'Warning' } & WarningFields)
  | { t: Ms; type: 'RolloutStarted'; rollout: string; strategy: StrategyType; router: string | null; replicas: number; stableImage: string; releaseImage: string; stableHash: string; releaseHash: string; steps: number }
  | { t: Ms; type: 'StepStarted'; index: number; step: string }
  | { t: Ms; type: 'StepCompleted'; index: number }
  | { t: Ms; type: 'WeightChanged'; canary: number; stable: number; actual: number }
  | { t: Ms; type: 'ReplicaSetScaled'; role: Role; hash: string; replicas: number }
  | { t: Ms; type: 'PhaseChanged'; phase: RolloutPhase; message: string }
  | { t: Ms; type: 'Paused'; reason: string }
  | { t: Ms; type: 'Resumed'; by: string }
  | { t: Ms; type: 'ServiceSwitched'; service: string; to: string }
  | { t: Ms; type: 'AnalysisRunStarted'; name: string; templates: string[]; args: Record<string, string> }
  | { t: Ms; type: 'Measurement'; run: string; metric: string; query: string; value: string; phase: AnalysisPhase; message: string; judge?: KayentaJudgementFields }
  | { t: Ms; type: 'AnalysisRunCompleted'; name: string; phase: AnalysisPhase; message: string }
  | ({ t: Ms; type: 'ExperimentStarted' } & ExperimentStartedFields)
  | { t: Ms; type: 'ExperimentReplicaSetScaled'; experiment: string; template: string; rs: string; replicas: number }
  | { t: Ms; type: 'ExperimentPhaseChanged'; name: string; phase: AnalysisPhase; message: string }
  | ({ t: Ms; type: 'StepPluginPhaseChanged' } & StepPluginPhaseFields)
  | { t: Ms; type: 'OperatorAction'; action: string }
  | { t: Ms; type: 'RolloutAborted'; reason: string }
  | { t: Ms; type: 'RolloutPromoted' }
  | ({ t: Ms; type: 'Sample' } & SampleFields)
  | ({ t: Ms; type: 'Summary' } & SummaryFields);

export type SimEventType = SimEvent['type'];
