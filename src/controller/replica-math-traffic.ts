/**
 * Canary with trafficRouting (§4.1): replica counts come straight from the weight
 * (`CalculateReplicaCountsForTrafficRoutedCanary`, `trafficWeightToReplicas`, `CheckMinPodsPerReplicaSet`
 * in `utils/replicaset/canary.go`). maxSurge/maxUnavailable play no part here.
 */

/** A `setCanaryScale` step's payload (exactly one of the fields is meaningful). */
export interface SetCanaryScale {
  replicas?: number;
  weight?: number;
  matchTrafficWeight?: boolean;
}

export interface TrafficRoutedCanaryInput {
  /** `spec.replicas` (R). */
  replicas: number;
  /**
   * The desired canary weight for this step (`GetCurrentSetWeight`): the current/last setWeight,
   * `maxTrafficWeight` after the last step or with promoteFull, 0 while aborted.
   */
  weight: number;
  /** `trafficRouting.maxTrafficWeight`; omitted ⇒ 100. */
  maxTrafficWeight?: number;
  /**
   * The setCanaryScale in force (most recent at or before the current step, as `UseSetCanaryScale`
   * picks it — the caller drops it after the last step, with promoteFull, or when aborted unless
   * `abortScaleDownDelaySeconds: 0`). `{matchTrafficWeight: true}` means "none".
   */
  setCanaryScale?: SetCanaryScale;
  /** `strategy.canary.minPodsPerReplicaSet`; unset ⇒ no minimum. */
  minPodsPerReplicaSet?: number;
  /** `strategy.canary.dynamicStableScale`. */
  dynamicStableScale?: boolean;
  /** `status.abort`. Only matters with dynamicStableScale and a known `currentCanaryWeight`. */
  aborted?: boolean;
  /**
   * The canary weight the router currently carries (`status.canary.weights.canary.weight`); omitted
   * when no weights are known yet. Used only when aborted with dynamicStableScale: the canary is not
   * shrunk below the pods that weight still needs.
   */
  currentCanaryWeight?: number;
}

export interface TrafficRoutedStableInput extends TrafficRoutedCanaryInput {
  /**
   * The stable weight the router currently carries (`status.canary.weights.stable.weight`); omitted
   * when no weights are known yet. Only used with dynamicStableScale.
   */
  currentStableWeight?: number;
}

/**
 * `ceil(weight · replicas / maxWeight)` — the pods needed to carry `weight` of the traffic.
 *
 * @example
 * trafficWeightToReplicas(10, 33)       // → 4
 * trafficWeightToReplicas(3, 50)        // → 2
 * trafficWeightToReplicas(10, 30, 1000) // → 1   (30/1000 of 10 pods, rounded up)
 */
export function trafficWeightToReplicas(replicas: number, weight: number, maxTrafficWeight = 100): number {
  return Math.ceil((weight * replicas) / maxTrafficWeight);
}

/**
 * `CheckMinPodsPerReplicaSet`: a non-zero count is raised to at least `minPodsPerReplicaSet`, that
 * minimum itself being capped at `replicas` (argo-rollouts#4570; before it, min > R looped forever).
 *
 * @example
 * applyMinPodsPerReplicaSet(1, 2, 20)   // → 2
 * applyMinPodsPerReplicaSet(0, 2, 20)   // → 0   (zero stays zero)
 * applyMinPodsPerReplicaSet(1, 5, 3)    // → 3   (minimum capped at R)
 */
export function applyMinPodsPerReplicaSet(count: number, minPodsPerReplicaSet: number | undefined, replicas: number): number {
  if (count === 0 || minPodsPerReplicaSet === undefined) return count;
  return Math.max(count, Math.min(minPodsPerReplicaSet, replicas));
}

/**
 * The weight Argo reasons with (`GetCanaryReplicasOrWeight`): a setCanaryScale `weight` replaces the
 * step weight, a setCanaryScale `replicas` makes it 0 (the count is explicit instead).
 */
function scaleOrWeight(input: TrafficRoutedCanaryInput): { explicitReplicas?: number; weight: number } {
  const scs = input.setCanaryScale;
  if (scs !== undefined && scs.matchTrafficWeight !== true) {
    if (scs.replicas !== undefined) return { explicitReplicas: scs.replicas, weight: 0 };
    if (scs.weight !== undefined) return { weight: scs.weight };
  }
  return { weight: input.weight };
}

/**
 * Canary RS size with trafficRouting: `ceil(W·R/maxTrafficWeight)`, or the setCanaryScale in force
 * (`replicas: n` ⇒ n; `weight: p` ⇒ `ceil(p·R/maxTrafficWeight)`), with minPodsPerReplicaSet applied to
 * non-zero counts (to an explicit `replicas: n` only under dynamicStableScale, as in Argo). Aborted
 * with dynamicStableScale, the canary keeps at least the pods its current router weight needs.
 *
 * @example
 * canaryReplicasForTrafficRouting({ replicas: 10, weight: 5 })                                // → 1
 * canaryReplicasForTrafficRouting({ replicas: 10, weight: 33 })                               // → 4
 * canaryReplicasForTrafficRouting({ replicas: 10, weight: 30, setCanaryScale: { replicas: 5 } }) // → 5
 * canaryReplicasForTrafficRouting({ replicas: 20, weight: 5, minPodsPerReplicaSet: 2 })       // → 2
 * canaryReplicasForTrafficRouting({ replicas: 10, weight: 0, dynamicStableScale: true,
 *                                   aborted: true, currentCanaryWeight: 60 })                  // → 6
 */
export function canaryReplicasForTrafficRouting(input: TrafficRoutedCanaryInput): number {
  const { replicas, minPodsPerReplicaSet } = input;
  const max = input.maxTrafficWeight ?? 100;
  const { explicitReplicas, weight } = scaleOrWeight(input);
  let count = explicitReplicas ?? applyMinPodsPerReplicaSet(trafficWeightToReplicas(replicas, weight, max), minPodsPerReplicaSet, replicas);
  if (input.dynamicStableScale !== true) return count;
  if (input.aborted === true && input.currentCanaryWeight !== undefined) {
    // Traffic must leave the canary before its pods do.
    count = Math.max(count, trafficWeightToReplicas(replicas, input.currentCanaryWeight, max));
  }
  return applyMinPodsPerReplicaSet(count, minPodsPerReplicaSet, replicas);
}

/**
 * Stable RS size with trafficRouting: `R` (kept fully scaled so an abort can move traffic back at
 * once) unless dynamicStableScale, where it is the larger of the pods for the desired stable weight
 * `ceil((maxWeight − W)·R/maxWeight)` and for the stable weight the router still carries — so the
 * stable only shrinks after traffic has left it — then minPodsPerReplicaSet. W is the setCanaryScale
 * weight if one is in force, 0 under a setCanaryScale `replicas`.
 *
 * @example
 * stableReplicasForTrafficRouting({ replicas: 10, weight: 20 })                               // → 10
 * stableReplicasForTrafficRouting({ replicas: 10, weight: 20, dynamicStableScale: true,
 *                                   currentStableWeight: 100 })                                // → 10
 * stableReplicasForTrafficRouting({ replicas: 10, weight: 20, dynamicStableScale: true,
 *                                   currentStableWeight: 80 })                                 // → 8
 */
export function stableReplicasForTrafficRouting(input: TrafficRoutedStableInput): number {
  const { replicas, minPodsPerReplicaSet } = input;
  if (input.dynamicStableScale !== true) return replicas;
  const max = input.maxTrafficWeight ?? 100;
  const { weight } = scaleOrWeight(input);
  let count = trafficWeightToReplicas(replicas, max - weight, max);
  if (input.currentStableWeight !== undefined) {
    count = Math.max(count, trafficWeightToReplicas(replicas, input.currentStableWeight, max));
  }
  return applyMinPodsPerReplicaSet(count, minPodsPerReplicaSet, replicas);
}
