/**
 * The snapshot the live UI renders, and the actions folded into it. Everything here is plain
 * data: `reduce()` builds it from trace events and samples, components render slices of it.
 */
import type { AnalysisPhase, KayentaJudgementFields, LivePodState, RolloutPhase, SimEvent, SummaryFields } from '../../model/events.js';
import type { OperatorActionName } from '../../model/scenario.js';
import type { Ms } from '../../model/time.js';
import type { LineContext } from '../../report/text.js';
import type { RunContext, Threshold, SeriesKind } from './context.js';
import type { PlaybackChange } from './playback.js';

/** The periodic Sample event of a trace. */
export type SampleEvent = Extract<SimEvent, { type: 'Sample' }>;

/** UI-only actions; every other action is a trace event. */
export type UiAction =
  | { readonly type: 'Playback'; readonly change: PlaybackChange }
  | { readonly type: 'Batch'; readonly actions: readonly Action[] }
  /** An operator key was pressed (its OperatorAction is a trace event of its own). */
  | { readonly type: 'KeyPressed' };

export type Action = SimEvent | UiAction;

/** A step's place in the list, like the plugin's step markers. */
export type StepMark = 'done' | 'current' | 'pending' | 'aborted';

export interface StepRow {
  readonly index: number;
  readonly label: string;
  readonly mark: StepMark;
  /** A timed pause in progress: sim ms left (undefined otherwise). */
  readonly remaining: Ms | undefined;
  /** An indefinite pause (or an Inconclusive analysis) in progress: waits for `promote`. */
  readonly waitsForPromote: boolean;
}

export interface ImageRow {
  readonly image: string;
  /** The plugin's role tags: stable, canary, active, preview (old/new for a Deployment). */
  readonly tags: readonly string[];
}

export interface ReplicaCounts {
  readonly desired: number;
  readonly current: number;
  readonly updated: number;
  readonly ready: number;
  readonly available: number;
}

/** The plugin's header block (`kubectl argo rollouts get rollout`). */
export interface HeaderSlice {
  readonly name: string;
  readonly namespace: string;
  readonly phase: RolloutPhase;
  readonly message: string;
  /** Canary, BlueGreen or RollingUpdate (a Deployment). */
  readonly strategy: string;
  /**
   * `currentStepIndex/len(steps)` as the plugin prints it; undefined when the strategy has no steps.
   * `running` is the 1-based step in progress (undefined once promoted or aborted).
   */
  readonly step: { readonly current: number; readonly total: number; readonly running: number | undefined } | undefined;
  readonly setWeight: number | undefined;
  readonly actualWeight: number | undefined;
  readonly images: readonly ImageRow[];
  readonly replicas: ReplicaCounts;
}

/** Traffic by version: what the bar draws. */
export interface TrafficSlice {
  readonly stableImage: string;
  readonly releaseImage: string;
  /** Percent of user traffic the release serves now (ActualWeight, or 100 once promoted). */
  readonly releaseShare: number;
  readonly setWeight: number | undefined;
  readonly actualWeight: number;
  /** Role of the release's share: canary, preview, new, stable. */
  readonly releaseRole: string;
  /** setMirrorRoute in force: percent of matching requests copied to the canary. */
  readonly mirrorPercent: number | undefined;
  readonly mirrored: number;
  /** A running Experiment's templates with a weight: their share of user traffic, out of the stable side. */
  readonly experiments: readonly { readonly template: string; readonly image: string; readonly share: number }[];
}

/** A blue-green Service and the version it sends traffic to. */
export interface ServiceRow {
  readonly name: string;
  readonly role: 'active' | 'preview';
  /** The image of the ReplicaSet it selects; undefined before it selects one. */
  readonly image: string | undefined;
}

export interface ReplicaSetRow {
  readonly hash: string;
  /** An Experiment's ReplicaSet (owned by the Experiment, not the Rollout): its experiment and template. */
  readonly experiment?: { readonly name: string; readonly phase: AnalysisPhase; readonly template: string };
  readonly name: string;
  readonly image: string;
  readonly revision: number;
  readonly tags: readonly string[];
  readonly desired: number;
  readonly pods: readonly LivePodState[];
}

/** Which of the two versions: the stable one (revision 1) or the release (revision 2). */
export const STABLE = 0;
export const RELEASE = 1;
export type Version = typeof STABLE | typeof RELEASE;

export interface Point {
  readonly t: Ms;
  readonly v: number | null;
}

export interface VersionSeries {
  readonly version: Version;
  readonly image: string;
  readonly errorRate: readonly Point[];
  readonly p99: readonly Point[];
  readonly taskSuccess: readonly Point[];
}

export interface SeriesSlice {
  readonly window: Ms;
  readonly now: Ms;
  readonly versions: readonly VersionSeries[];
  readonly thresholds: Readonly<Partial<Record<SeriesKind, Threshold>>>;
}

export interface MetricRow {
  readonly name: string;
  /** The condition text a measurement is judged by (successCondition, else failureCondition). */
  readonly condition: string | undefined;
  readonly last: { readonly value: string; readonly phase: AnalysisPhase; readonly message: string; readonly t: Ms; readonly judge?: KayentaJudgementFields } | undefined;
}

export interface AnalysisRunRow {
  readonly name: string;
  readonly templates: readonly string[];
  readonly phase: AnalysisPhase;
  readonly startedAt: Ms;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly error: number;
  readonly metrics: readonly MetricRow[];
}

export type LogEntry =
  | { readonly id: number; readonly kind: 'note'; readonly text: string }
  /** `line`: what the text line needs beyond the event (strategy, promoted or aborted), as of just before it. */
  | { readonly id: number; readonly kind: 'event'; readonly event: SimEvent; readonly line: LineContext }
  | { readonly id: number; readonly kind: 'why'; readonly t: Ms; readonly text: string };

export interface HarmedSlice {
  readonly harmed: number;
  /** Completed user requests (the Summary's completedRequests): the harmed share's denominator. */
  readonly completed: number;
  /** User requests that arrived so far (undefined before the first Sample). */
  readonly arrived: number | undefined;
  readonly unserved: number;
  readonly releaseRequests: number;
  readonly mirrored: number;
}

export interface PlaybackSlice {
  /** Simulated seconds per wall second. */
  readonly speed: number;
  readonly paused: boolean;
  /** Playing to `until` as fast as the machine allows (the `f` key); sim time is unchanged by it. */
  readonly fastForward: boolean;
}

/** Facts the reducer tracks to derive the slices; not rendered directly. */
export interface Track {
  readonly started: boolean;
  readonly phase: RolloutPhase;
  readonly message: string;
  /** Who ended the last pause (timer, promote, resume). */
  readonly resumedBy: string | undefined;
  /** The operator asked for `promote --full` during this update. */
  readonly promoteFull: boolean;
  readonly currentStepIndex: number;
  readonly pause: { readonly reason: string; readonly since: Ms } | undefined;
  readonly abortedStep: number | undefined;
  readonly aborted: boolean;
  readonly promoted: boolean;
  readonly canaryWeight: number;
  readonly actualWeight: number;
  /** Blue-green: the pod-template hash each Service selects, by Service name (ServiceSwitched). */
  readonly selectors: Readonly<Record<string, string>>;
  /** Target replicas per pod-template hash, from ReplicaSetScaled (and ExperimentReplicaSetScaled). */
  readonly desired: Readonly<Record<string, number>>;
  /** Experiment ReplicaSets by pod-template hash (ExperimentStarted), and each Experiment's phase. */
  readonly experimentSets: Readonly<Record<string, ExperimentSet>>;
  readonly experimentPhases: Readonly<Record<string, AnalysisPhase>>;
  readonly lastSample: SampleEvent | undefined;
  /** The text timeline's context (strategy words, promoted/aborted and when). */
  readonly line: LineContext;
}

/** One template of an Experiment: its ReplicaSet and which of the Rollout's specs it runs. */
export interface ExperimentSet {
  readonly experiment: string;
  readonly template: string;
  readonly rs: string;
  readonly specRef: 'stable' | 'canary';
  /** Its share of traffic under trafficRouting while the Experiment runs; null without one. */
  readonly weight: number | null;
}

export interface RunSnapshot {
  readonly context: RunContext;
  readonly now: Ms;
  readonly track: Track;
  readonly header: HeaderSlice;
  readonly steps: readonly StepRow[];
  readonly services: readonly ServiceRow[];
  readonly traffic: TrafficSlice;
  readonly replicaSets: readonly ReplicaSetRow[];
  readonly series: SeriesSlice;
  readonly analysisRuns: readonly AnalysisRunRow[];
  readonly log: readonly LogEntry[];
  /** The latest transition's one-line reason. */
  readonly why: { readonly t: Ms; readonly text: string } | undefined;
  readonly harmed: HarmedSlice;
  readonly playback: PlaybackSlice;
  readonly operatorActions: readonly { readonly t: Ms; readonly action: OperatorActionName }[];
  /**
   * An operator key was pressed this session: only then does the replay hint list spec.operator
   * (the Scenario's own spec.operator actions are already in its file).
   */
  readonly keysPressed: boolean;
  readonly summary: SummaryFields | undefined;
}
