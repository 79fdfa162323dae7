/**
 * The world's public shapes: its options and random streams, what an observer is told about each
 * completed request, and a synthetic test job's progress.
 */
import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/rng.js';
import type { Scenario } from '../model/scenario.js';
import type { Exported } from './pod-metrics.js';
import type { SeriesSink } from './series-sink.js';

/**
 * Which template a ReplicaSet (and its pods) runs: the stable one the rollout started from, or the
 * release being rolled out. The numbers index `World.tallies`, so they stay 0 and 1.
 */
export const STABLE_VERSION = 0;
export const RELEASE_VERSION = 1;
export type Version = typeof STABLE_VERSION | typeof RELEASE_VERSION;

/** Handed to an optional observer for every completed user request (tests, sweeps). */
export interface CompletedRequest {
  readonly arrival: number;
  readonly completion: number;
  readonly cohort: number;
  readonly version: Version;
  /** Pod age (ms since ready) at completion. */
  readonly podAge: number;
  /** Service time (ms), excluding time in the queue. */
  readonly serviceMs: number;
  readonly z: number;
  readonly uError: number;
  readonly uTask: number;
  readonly code: number;
  readonly taskOk: boolean;
  readonly harmed: boolean;
}

export interface WorldStreams {
  readonly traffic: Rng;
  readonly routing: Rng;
  readonly names: Rng;
  /** Draws of synthetic test requests, apart so tests never shift user traffic. */
  readonly synthetic: Rng;
}

/** A synthetic test job's progress (the `job` metric provider). */
export interface SyntheticJob {
  readonly total: number;
  done: number;
  failed: number;
  /** Failed cases that found no ready pod to send to (a Service without endpoints refuses them). */
  unreachable: number;
  /** Cases the app has begun to serve (a case queued at a busy pod is sent when a slot frees). */
  sent: number;
  /** Its Job was deleted (the AnalysisRun was terminated): no further case is sent or counted. */
  cancelled: boolean;
}

export interface WorldOptions {
  readonly scenario: Scenario;
  readonly engine: Engine;
  readonly streams: WorldStreams;
  readonly sink: SeriesSink;
  readonly workload: string;
  readonly onPodReady: () => void;
  readonly onComplete?: (r: CompletedRequest) => void;
  /** The optional family groups to export (default: all of them). */
  readonly exported?: Exported;
}
