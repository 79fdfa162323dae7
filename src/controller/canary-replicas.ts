/**
 * How many pods each ReplicaSet of a canary wants right now, for both flavours: basic canary
 * (Argo's surge/unavailable math, one scaling action per reconcile, stable first) and
 * traffic-routed canary (canary = ceil(weight × R / maxWeight) or the setCanaryScale in force,
 * stable at R — or following the router's stable weight with dynamicStableScale).
 */
import type { CanaryStrategy } from '../model/rollout.js';
import {
  approximateWeightedCanaryStableReplicaCounts, canaryReplicasForTrafficRouting, planBasicCanaryReconcile,
  resolveFenceposts, stableReplicasForTrafficRouting,
} from './replica-math.js';
import type { ObservedReplicaSet } from './status.js';

export interface ScaleAction {
  readonly role: 'stable' | 'canary';
  readonly replicas: number;
}

export interface CanaryReplicaInput {
  readonly strategy: CanaryStrategy;
  readonly replicas: number;
  /** The setWeight in force (0 when aborted, maxWeight after the last step). */
  readonly weight: number;
  readonly canary: ObservedReplicaSet;
  readonly stable: ObservedReplicaSet;
  /** Traffic-routed only: the setCanaryScale in force, if any. */
  readonly setCanaryScale?: { replicas?: number; weight?: number } | undefined;
  readonly aborted?: boolean;
  /** The canary weight the router carries now. */
  readonly routerWeight?: number;
}

/**
 * The (canary, stable) counts the current step settles at.
 * Example: basic, R=4, 25 %/25 %, weight 20 → {canary: 1, stable: 4}; traffic-routed R=10, 33 → {4, 10}.
 */
export function canaryTargets(input: CanaryReplicaInput): { canary: number; stable: number } {
  const { strategy, replicas: R, weight } = input;
  const tr = strategy.trafficRouting;
  if (tr !== undefined) {
    const routed = {
      replicas: R, weight, maxTrafficWeight: tr.maxTrafficWeight, setCanaryScale: input.setCanaryScale,
      minPodsPerReplicaSet: strategy.minPodsPerReplicaSet, dynamicStableScale: strategy.dynamicStableScale,
      aborted: input.aborted ?? false, currentCanaryWeight: input.routerWeight ?? 0,
      currentStableWeight: tr.maxTrafficWeight - (input.routerWeight ?? 0),
    };
    return { canary: canaryReplicasForTrafficRouting(routed), stable: stableReplicasForTrafficRouting(routed) };
  }
  const { maxSurge } = resolveFenceposts(strategy.maxSurge, strategy.maxUnavailable, R);
  return approximateWeightedCanaryStableReplicaCounts(R, weight, maxSurge);
}

/**
 * This reconcile's single scaling action, or null when both ReplicaSets are where they should be.
 * Example: basic, R=10, weight 20, canary 0/0, stable 10/10 → {role: 'stable', replicas: 8}.
 */
export function nextScaleAction(input: CanaryReplicaInput): ScaleAction | null {
  const { strategy, replicas: R, weight, canary, stable } = input;
  if (strategy.trafficRouting !== undefined) {
    const t = canaryTargets(input);
    if (stable.replicas !== t.stable) return { role: 'stable', replicas: t.stable };
    return t.canary !== canary.replicas ? { role: 'canary', replicas: t.canary } : null;
  }
  const plan = planBasicCanaryReconcile({
    replicas: R, setWeight: weight, maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable,
    canary: { replicas: canary.replicas, availableReplicas: canary.available },
    stable: { replicas: stable.replicas, availableReplicas: stable.available },
  });
  return plan === null ? null : { role: plan.replicaSet, replicas: plan.replicas };
}

/**
 * Argo's `AtDesiredReplicaCountsForCanary`: the canary at its target with its pods available, and
 * the stable at its target (traffic-routed with dynamicStableScale: the stable is not checked).
 */
export function atDesiredCounts(input: CanaryReplicaInput): boolean {
  const t = canaryTargets(input);
  const { canary, stable } = input;
  const canaryOk = canary.replicas === t.canary && canary.available >= t.canary;
  if (input.strategy.trafficRouting !== undefined) return canaryOk && (input.strategy.dynamicStableScale || stable.replicas === t.stable);
  return canaryOk && stable.replicas === t.stable && stable.available >= t.stable;
}

/**
 * ActualWeight for a basic canary: available canary pods × 100 / available pods, integer division
 * (what `kubectl argo rollouts get` shows). Example: 1 canary + 4 stable ready → 20; 10 + 1 → 90.
 */
export function actualWeightFromPods(canaryAvailable: number, stableAvailable: number): number {
  const total = canaryAvailable + stableAvailable;
  return total === 0 ? 0 : Math.floor((canaryAvailable * 100) / total);
}
