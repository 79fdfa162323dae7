/**
 * How many pods each ReplicaSet of a canary wants right now, for both flavours: basic canary
 * (Argo's surge/unavailable math, one scaling action per reconcile, stable first) and
 * traffic-routed canary (canary = ceil(weight × R / maxWeight), stable stays at R).
 */
import type { CanaryStrategy } from '../model/rollout.js';
import { approximateWeightedCanaryStableReplicaCounts, planBasicCanaryReconcile, resolveFenceposts } from './replica-math.js';
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
}

/**
 * The (canary, stable) counts a setWeight step settles at.
 * Example: basic, R=4, 25 %/25 %, weight 20 → {canary: 1, stable: 4}; traffic-routed R=10, 33 → {4, 10}.
 */
export function canaryTargets(input: CanaryReplicaInput): { canary: number; stable: number } {
  const { strategy, replicas: R, weight } = input;
  const tr = strategy.trafficRouting;
  if (tr !== undefined) return { canary: Math.ceil((weight * R) / tr.maxTrafficWeight), stable: R };
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
    if (stable.replicas !== R) return { role: 'stable', replicas: R };
    const want = canaryTargets(input).canary;
    return want !== canary.replicas ? { role: 'canary', replicas: want } : null;
  }
  const plan = planBasicCanaryReconcile({
    replicas: R, setWeight: weight, maxSurge: strategy.maxSurge, maxUnavailable: strategy.maxUnavailable,
    canary: { replicas: canary.replicas, availableReplicas: canary.available },
    stable: { replicas: stable.replicas, availableReplicas: stable.available },
  });
  return plan === null ? null : { role: plan.replicaSet, replicas: plan.replicas };
}

/**
 * Argo's `AtDesiredReplicaCountsForCanary`: both ReplicaSets at the step's targets and the canary's
 * pods available (traffic-routed: the stable is only required to keep R).
 */
export function atDesiredCounts(input: CanaryReplicaInput): boolean {
  const t = canaryTargets(input);
  const { canary, stable } = input;
  const canaryOk = canary.replicas === t.canary && canary.available >= t.canary;
  if (input.strategy.trafficRouting !== undefined) return canaryOk;
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
