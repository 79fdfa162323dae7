/**
 * What every canary stage reads and none writes: the spec and the observed cluster, plus the facts
 * derived from them once at the start of a reconcile (Argo's rolloutContext: newRS, stableRS, the
 * current step). Stages take this and the status, so the status is the only thing that flows.
 */
import type { CanaryStep, CanaryStrategy, Rollout } from '../model/rollout.js';
import type { Ms } from '../model/time.js';
import { atDesiredCounts, type CanaryReplicaInput } from './canary-replicas.js';
import type { Observed, ObservedReplicaSet, RolloutStatus } from './status.js';
import { isRollbackWithinWindow } from './rollback-window.js';
import { currentSetCanaryScale, currentSetWeight } from './steps.js';

const NONE: ObservedReplicaSet = { replicas: 0, available: 0 };

export interface CanaryContext {
  readonly strategy: CanaryStrategy;
  readonly steps: readonly CanaryStep[];
  /** spec.replicas. */
  readonly replicas: number;
  readonly now: Ms;
  readonly observed: Observed;
  /** trafficRouting is set: the router splits traffic, not the pod counts. */
  readonly routed: boolean;
  /** Traffic-routed with dynamicStableScale. */
  readonly dynamic: boolean;
  readonly maxWeight: number;
  /** spec.paused (a manual pause). */
  readonly manualPause: boolean;
  /** The new ReplicaSet is already the stable one (nothing to roll out). */
  readonly promoted: boolean;
  readonly stable: ObservedReplicaSet;
  /** The new ReplicaSet (none when promoted). */
  readonly canary: ObservedReplicaSet;
  /** currentStepIndex at the start of this reconcile, and its step (undefined past the last). */
  readonly stepIndex: number;
  readonly step: CanaryStep | undefined;
  /** The setWeight in force at stepIndex (0 when aborted, maxWeight past the last step). */
  readonly weight: number;
  readonly counts: CanaryReplicaInput;
  /** Argo's AtDesiredReplicaCountsForCanary at the start of this reconcile. */
  readonly atTarget: boolean;
  /** A rollback to a revision within spec.rollbackWindow: steps and analysis are skipped (rollback-window.ts). */
  readonly rollbackWithinWindow: boolean;
}

/**
 * First deploy: with no stable yet, the new ReplicaSet is promoted at once and the steps skipped.
 * Example: {stableRS: undefined, currentPodHash: 'v1'}, 3 steps → {stableRS: 'v1', currentStepIndex: 3}.
 */
export function adoptFirstDeploy(s: RolloutStatus, steps: number): RolloutStatus {
  return s.stableRS === undefined ? { ...s, stableRS: s.currentPodHash, currentStepIndex: steps } : s;
}

/**
 * Reads the spec and cluster once for this reconcile (call it on the status `adoptFirstDeploy` gave).
 * Example: steps [setWeight 20, pause], R=10 routed, status at step 0 with v1 10/10 stable and v2
 * 2/2 → {promoted: false, weight: 20, stepIndex: 0, atTarget: true}.
 */
export function canaryContext(rollout: Rollout, s: RolloutStatus, observed: Observed): CanaryContext {
  const strategy = rollout.strategy as CanaryStrategy;
  const routed = strategy.trafficRouting !== undefined;
  const maxWeight = strategy.trafficRouting?.maxTrafficWeight ?? 100;
  const promoted = s.stableRS === s.currentPodHash;
  const stable = observed.replicaSets.get(s.stableRS ?? '') ?? NONE;
  const canary = promoted ? NONE : observed.replicaSets.get(s.currentPodHash) ?? NONE;
  const stepIndex = s.currentStepIndex;
  const weight = s.abort ? 0 : currentSetWeight(strategy.steps, stepIndex, maxWeight);
  const setCanaryScale = s.promoteFull ? undefined : currentSetCanaryScale(strategy.steps, stepIndex);
  const counts: CanaryReplicaInput = {
    strategy, replicas: rollout.replicas, weight, canary, stable, setCanaryScale, aborted: s.abort, routerWeight: s.canaryWeight,
  };
  return {
    strategy, steps: strategy.steps, replicas: rollout.replicas, now: observed.now, observed, routed,
    dynamic: routed && strategy.dynamicStableScale, maxWeight, manualPause: observed.paused, promoted, stable, canary,
    stepIndex, step: strategy.steps[stepIndex], weight, counts, atTarget: !promoted && atDesiredCounts(counts),
    rollbackWithinWindow: isRollbackWithinWindow(rollout, s),
  };
}
