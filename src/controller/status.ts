/**
 * The Rollout's status as the controller keeps it (Argo's `status` fields, by their names), what
 * it observes of the cluster each reconcile, and the effects it asks for. Plain data only.
 */
import type { AnalysisPhase, Role, RolloutPhase, SimEvent } from '../model/events.js';
import type { ExperimentStep, HeaderMatch, MirrorMatch, RolloutAnalysis } from '../model/rollout.js';
import type { Ms } from '../model/time.js';

export interface PauseCondition {
  readonly reason: 'CanaryPauseStep' | 'BlueGreenPause' | 'InconclusiveAnalysisRun' | 'InconclusiveExperiment';
  readonly startTime: Ms;
}

/** Argo's StepPluginStatus: one operation of the plugin of the step at `index`. */
export interface StepPluginStatus {
  readonly index: number;
  readonly name: string;
  readonly operation: 'Run' | 'Abort' | 'Terminate';
  readonly phase: 'Running' | 'Successful' | 'Failed' | 'Error';
  readonly message: string;
  readonly startedAt: Ms;
  /** When the plugin last answered (Run is not called again before updatedAt + backoff). */
  readonly updatedAt: Ms;
  readonly executions: number;
  /** 0 once Successful/Failed. */
  readonly backoff: Ms;
}

/** A named route a step put in the router: all matching requests to the canary, or a mirror. */
export type ManagedRoute =
  | { readonly kind: 'header'; readonly name: string; readonly match: readonly HeaderMatch[] }
  | { readonly kind: 'mirror'; readonly name: string; readonly percentage: number; readonly match: readonly MirrorMatch[] };

/** Argo's TemplateStatusCode ('' before the first assessment). */
export type TemplateStatusCode = '' | 'Progressing' | 'Running' | 'Successful' | 'Failed' | 'Error';

/** One experiment template's status (Argo's TemplateStatus) plus the replicas last asked of its ReplicaSet. */
export interface ExperimentTemplateState {
  readonly name: string;
  readonly status: TemplateStatusCode;
  readonly message: string;
  readonly lastTransition: Ms;
  readonly replicas: number;
  readonly available: number;
  /** spec.replicas of its ReplicaSet as last set. */
  readonly specReplicas: number;
  /** The scale-down deadline annotation (scaleDownDelaySeconds after the experiment ended). */
  readonly scaleDownAt: Ms | undefined;
}

/** One experiment analysis's status (Argo's ExperimentAnalysisRunStatus). */
export interface ExperimentAnalysisState {
  readonly name: string;
  readonly phase: AnalysisPhase | '';
  readonly message: string;
  /** Its AnalysisRun was created. */
  readonly created: boolean;
}

/** An Experiment a canary step created: its spec and Argo's ExperimentStatus. */
export interface ExperimentState {
  readonly name: string;
  readonly stepIndex: number;
  readonly spec: ExperimentStep;
  readonly phase: AnalysisPhase | '';
  readonly message: string;
  readonly availableAt: Ms | undefined;
  /** spec.terminate (the Rollout moved on, aborted, or was promoted). */
  readonly terminate: boolean;
  readonly templates: readonly ExperimentTemplateState[];
  readonly analyses: readonly ExperimentAnalysisState[];
}

export interface RolloutStatus {
  /** Hash of the desired pod template (the release once the update starts). */
  readonly currentPodHash: string;
  /** Hash of the stable ReplicaSet; undefined before the first deploy completes. */
  readonly stableRS: string | undefined;
  /** Revision number of the current template (stable = 1, the update = 2, ...). */
  readonly revision: number;
  /** Pointer into the steps; `steps.length` means every step is done. */
  readonly currentStepIndex: number;
  readonly pauseConditions: readonly PauseCondition[];
  /** The controller paused at least once at this step (detects a user's resume). */
  readonly controllerPause: boolean;
  readonly abort: boolean;
  readonly abortedAt: Ms | undefined;
  /** Why it aborted, appended to Argo's Degraded message (empty for a user abort). */
  readonly abortReason: string;
  readonly promoteFull: boolean;
  /**
   * Canary weight in force: at the router (traffic-routed canary) or the setWeight whose replica
   * counts are being reached (basic canary, where pods are the only traffic split).
   */
  readonly canaryWeight: number;
  /** Share of traffic the canary actually gets, as `kubectl argo rollouts get` shows it. */
  readonly actualWeight: number;
  /** When the old ReplicaSet scales to 0 after promotion or abort (scaleDownDelaySeconds). */
  readonly scaleDownAt: Ms | undefined;
  /** Hash of a ReplicaSet waiting for that delay. */
  readonly scaleDownHash: string | undefined;
  /** Blue-green: the hash the active / preview Services select (undefined = not managed yet). */
  readonly activeSelector: string | undefined;
  readonly previewSelector: string | undefined;
  /** Blue-green with previewReplicaCount: the new ReplicaSet was asked to scale to full size. */
  readonly previewScaledUp: boolean;
  /** setHeaderRoute / setMirrorRoute routes in force (traffic-routed canary), by name. */
  readonly managedRoutes: readonly ManagedRoute[];
  /**
   * Analysis runs started for this attempt, by key: 'step:<index>', 'background', 'pre', 'post';
   * and 'experiment:<index>' once the experiment step at that index created its Experiment.
   */
  readonly analysisKeys: readonly string[];
  /**
   * canary.pingPong: which Service is stable (status.canary.stablePingPong; 'ping' after the first
   * deploy, as Argo's promoteStable leaves it) and the hash each Service selects.
   */
  readonly pingPong: { readonly stable: 'ping' | 'pong'; readonly ping: string | undefined; readonly pong: string | undefined };
  /** status.canary.stepPluginStatuses, in the order Argo appends them. */
  readonly stepPlugins: readonly StepPluginStatus[];
  /** Every Experiment created so far, oldest first (the last of a step index is its current one). */
  readonly experiments: readonly ExperimentState[];
  /** Last instant the update made progress (a ReplicaSet or step changed), for progressDeadlineSeconds. */
  readonly progressAt: Ms;
  /** A fingerprint of what progress means (counts, step), compared reconcile to reconcile. */
  readonly progressKey: string;
  /** Set once the update exceeded progressDeadlineSeconds: Argo's condition message, else ''. */
  readonly deadlineMessage: string;
  readonly phase: RolloutPhase;
  readonly message: string;
  /** The step whose StepStarted event has been emitted (-1 none), so it is emitted once. */
  readonly announcedStep: number;
}

export interface ObservedReplicaSet {
  readonly replicas: number;
  /** Ready (available) pods. */
  readonly available: number;
}

export interface Observed {
  readonly now: Ms;
  /** Every ReplicaSet of the Rollout, by pod-template hash; an experiment's by `<experiment>/<template>`. */
  readonly replicaSets: ReadonlyMap<string, ObservedReplicaSet>;
  /** `spec.paused` (a manual pause). */
  readonly paused: boolean;
  /** Phases of the AnalysisRuns, by key (see `RolloutStatus.analysisKeys`; an experiment's `experiment:<experiment>/<analysis>`). */
  readonly analysisRuns: ReadonlyMap<string, { readonly phase: AnalysisPhase; readonly message: string }>;
}

export type Effect =
  | { readonly type: 'scale'; readonly hash: string; readonly replicas: number; readonly role: Role }
  | { readonly type: 'setWeight'; readonly canary: number }
  | { readonly type: 'switchService'; readonly service: 'active' | 'preview'; readonly hash: string }
  | { readonly type: 'requeueAt'; readonly at: Ms }
  | {
      readonly type: 'startAnalysis';
      readonly key: string;
      readonly kind: 'step' | 'background' | 'pre' | 'post';
      readonly analysis: RolloutAnalysis;
      readonly stepIndex: number | undefined;
    }
  | { readonly type: 'terminateAnalysis'; readonly key: string }
  /** Creates the Experiment's ReplicaSets (0 replicas), keyed `<experiment>/<template>`. */
  | { readonly type: 'createExperiment'; readonly name: string; readonly stepIndex: number; readonly spec: ExperimentStep }
  | { readonly type: 'scaleExperiment'; readonly experiment: string; readonly template: string; readonly replicas: number }
  /** An experiment analysis's AnalysisRun, named `<experiment>-<analysis>`. */
  | {
      readonly type: 'startExperimentAnalysis';
      readonly key: string;
      readonly experiment: string;
      readonly name: string;
      readonly analysis: RolloutAnalysis;
      readonly templates: readonly string[];
      readonly availableAt: Ms;
      readonly duration: Ms | undefined;
    }
  | { readonly type: 'emit'; readonly event: SimEvent };

export interface ReconcileResult {
  readonly status: RolloutStatus;
  readonly effects: readonly Effect[];
}

/** Status at t = 0: the stable version fully rolled out (revision 1, Healthy). */
export function initialStatus(stableHash: string, steps: number): RolloutStatus {
  return {
    currentPodHash: stableHash, stableRS: stableHash, revision: 1, currentStepIndex: steps,
    pauseConditions: [], controllerPause: false, abort: false, abortedAt: undefined, abortReason: '',
    promoteFull: false, canaryWeight: 0, actualWeight: 0, scaleDownAt: undefined, scaleDownHash: undefined,
    activeSelector: stableHash, previewSelector: undefined, previewScaledUp: false,
    managedRoutes: [], analysisKeys: [], experiments: [], stepPlugins: [], pingPong: { stable: 'ping', ping: stableHash, pong: undefined }, progressAt: 0, progressKey: '', deadlineMessage: '', phase: 'Healthy', message: '', announcedStep: -1,
  };
}

/**
 * The template changed (the update starts): Argo's `resetRolloutStatus`. Steps start at 0 unless
 * the new template is the stable one (a rollback to stable skips them).
 */
export function startUpdate(status: RolloutStatus, newHash: string, steps: number): RolloutStatus {
  return {
    ...status, currentPodHash: newHash, revision: status.revision + 1,
    currentStepIndex: newHash === status.stableRS ? steps : 0,
    pauseConditions: [], controllerPause: false, abort: false, abortedAt: undefined, abortReason: '',
    promoteFull: false, announcedStep: -1, previewScaledUp: false, deadlineMessage: '', progressKey: '', analysisKeys: [], managedRoutes: [], stepPlugins: [],
  };
}
