/**
 * The port between the core and the analysis system: what the core asks of it (start, terminate,
 * observe AnalysisRuns) and the one set of dependencies every part of it is given. A scenario
 * without AnalysisTemplates plugs in NO_ANALYSIS and never loads PromQL or expr.
 */
import type { Engine } from '../engine/engine.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisPhase, SimEvent } from '../model/events.js';
import type { RolloutAnalysis } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import type { World } from '../world/world.js';
import type { RunKind } from '../analysis/run/types.js';

/** The controller's request for an AnalysisRun (Argo creates one per key and attempt). */
export interface StartRequest {
  readonly key: string;
  readonly kind: RunKind;
  readonly analysis: RolloutAnalysis;
  readonly stepIndex: number | undefined;
  readonly podHash: string;
  readonly revision: number;
  readonly stableHash: string;
  /** An experiment's run: its name `<experiment>-<analysis>`. */
  readonly name?: string;
}

/** What the core needs of the analysis system (AnalysisRuns as the cluster runs them). */
export interface AnalysisPort {
  start(req: StartRequest): void;
  terminate(key: string): void;
  observe(): Map<string, { phase: AnalysisPhase; message: string }>;
}

/** Everything an analysis system may use: the clock, the world, the store, and the current hashes. */
export interface AnalysisDeps {
  readonly engine: Engine;
  readonly scenario: Scenario;
  readonly world: World;
  readonly store: MetricStore;
  readonly rolloutName: string;
  readonly emit: (e: SimEvent) => void;
  /** A run reached a terminal phase: the controller should reconcile. */
  readonly onCompleted: () => void;
  /** The ReplicaSet (world id) of the release, the target of synthetic tests. */
  readonly releaseReplicaSet: () => number;
}

export type AnalysisFactory = (deps: AnalysisDeps) => AnalysisPort;

/** For workloads without analysis: asking it to start a run is a bug (the controller never would). */
export const NO_ANALYSIS: AnalysisFactory = () => ({
  start: (req) => {
    throw new Error(`analysis ${req.key} requested but this simulation was built without an analysis system`);
  },
  terminate: () => undefined,
  observe: () => new Map(),
});
