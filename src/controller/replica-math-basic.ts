/**
 * Basic canary (no trafficRouting): from setWeight to canary/stable replica counts for ONE reconcile,
 * reproducing Argo Rollouts' `CalculateReplicaCountsForBasicCanary` and its helpers
 * (`utils/replicaset/canary.go`). Floating-point expressions are evaluated in the same order as the Go
 * code so that ties (`x.5`) and rounding come out identically.
 */
import { resolveFenceposts } from './replica-math-fenceposts.js';
import type { IntOrPercent } from './replica-math-fenceposts.js';

/** What the math needs to know about one ReplicaSet: `spec.replicas` and `status.availableReplicas`. */
export interface ReplicaSetCounts {
  replicas: number;
  availableReplicas: number;
}

/** A (canary, stable) pair of replica counts. */
export interface CanaryStableCounts {
  canary: number;
  stable: number;
}

/**
 * The stable RS as the basic-canary math sees it:
 * - counts — a stable RS distinct from the canary (the normal mid-update case);
 * - `null` — there is no stable RS (the canary is simply scaled to `replicas`);
 * - `'sameAsCanary'` — the stable RS IS the canary RS (fully promoted). Argo then passes the same RS
 *   object in both roles, which only matters when the canary is above `replicas` (e.g. `spec.replicas`
 *   was lowered): its availability is counted twice in the scale-down budget.
 */
export type StableInput = ReplicaSetCounts | null | 'sameAsCanary';

export interface BasicCanaryInput {
  /** `spec.replicas` (R). */
  replicas: number;
  /** Desired canary weight 0..100 (`GetCanaryReplicasOrWeight`: 100 after the last step / promoteFull, 0 when aborted). */
  setWeight: number;
  /** `strategy.canary.maxSurge`; omitted ⇒ 25 %. */
  maxSurge?: IntOrPercent;
  /** `strategy.canary.maxUnavailable`; omitted ⇒ 25 %. */
  maxUnavailable?: IntOrPercent;
  /** The new (canary) RS; `null` if it does not exist yet. */
  canary: ReplicaSetCounts | null;
  stable: StableInput;
  /** Older RSs (neither stable nor canary); only their `replicas` matter here. */
  others?: readonly ReplicaSetCounts[];
}

/**
 * Step A of §3.2 (`approximateWeightedCanaryStableReplicaCounts`): the (canary, stable) split whose real
 * percentage is closest to `weight`. Candidates, in order: (ceil, R) if ceil < R or zeroes are allowed;
 * (floor, R) unless R·W/100 is a tie (x.5) or floor is a forbidden 0; with surge > 0 also (ceil, R+1)
 * and (floor, R+1) under the same tie/zero rules. Smallest |percentage − W| wins; equal distance keeps
 * the earlier candidate. Zeroes are allowed only for W = 0, W = 100, or R = 1 without surge.
 *
 * @example
 * approximateWeightedCanaryStableReplicaCounts(4, 20, 1)   // → { canary: 1, stable: 4 }  (1/5 = 20 %)
 * approximateWeightedCanaryStableReplicaCounts(10, 99, 3)  // → { canary: 10, stable: 1 } (10/11)
 * approximateWeightedCanaryStableReplicaCounts(10, 99, 0)  // → { canary: 9, stable: 1 }
 * approximateWeightedCanaryStableReplicaCounts(3, 50, 0)   // → { canary: 2, stable: 1 }  (tie ⇒ canary up)
 */
export function approximateWeightedCanaryStableReplicaCounts(
  replicas: number,
  weight: number,
  maxSurge: number,
): CanaryStableCounts {
  if (replicas === 0) return { canary: 0, stable: 0 };
  const ceil = Math.ceil((replicas * weight) / 100.0);
  const floor = Math.floor((replicas * weight) / 100.0);
  const zeroAllowed = weight === 100 || weight === 0 || (replicas === 1 && maxSurge === 0);
  const floorUsable = floor !== 0 || zeroAllowed;

  const options: Array<{ canary: number; total: number }> = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!floorCeilingTied(weight, replicas) && floorUsable) options.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(weight, replicas + 1) && floorUsable) {
      options.push({ canary: floor, total: replicas + 1 });
    }
  }

  const [first, ...rest] = options;
  if (first === undefined) return { canary: 0, stable: replicas }; // unreachable, as in Argo
  let best = first;
  let bestDelta = weightDelta(weight, first.canary, first.total);
  for (const option of rest) {
    const delta = weightDelta(weight, option.canary, option.total);
    if (delta < bestDelta) {
      best = option;
      bestDelta = delta;
    }
  }
  return { canary: best.canary, stable: best.total - best.canary };
}

/**
 * True when `total · weight / 100` lies exactly half-way between two integers, so floor and ceiling are
 * equally close; Argo then only offers the ceiling (the canary rounds up).
 *
 * @example
 * floorCeilingTied(50, 3)  // → true   (1.5)
 * floorCeilingTied(50, 4)  // → false  (2.0)
 * floorCeilingTied(25, 2)  // → true   (0.5)
 */
export function floorCeilingTied(weight: number, total: number): boolean {
  const x = total * (weight / 100);
  return x - Math.trunc(x) === 0.5;
}

/**
 * Distance, in percentage points, between the weight `canary/total` pods give and the desired weight.
 *
 * @example
 * weightDelta(20, 1, 5)  // → 0
 * weightDelta(33, 3, 10) // → 3
 */
export function weightDelta(weight: number, canary: number, total: number): number {
  return Math.abs((canary * 100) / total - weight);
}

/**
 * One reconcile of the basic canary: the (canary, stable) `spec.replicas` Argo wants right now, given
 * the current RS counts (`CalculateReplicaCountsForBasicCanary`). Walks §3.2 A–E: target split; no
 * stable ⇒ (R, 0); scale-up budget R+S−Σspec spent on the stable first, then the canary; stop if older
 * RSs still have pods; scale-down budget from the pods that may be relied on above R−U, taken from the
 * RS being drained (stable when the canary grows, canary when it shrinks) but never below its target;
 * finally the pair is pulled back within R+S pods without dropping below R−U available.
 *
 * The controller applies only ONE of the two numbers per reconcile (stable first) — see
 * `planBasicCanaryReconcile` / `simulateBasicCanaryScaling`.
 *
 * @example
 * // R=10, 25 %/25 % (S=3, U=2), setWeight 50, canary RS just created:
 * calculateReplicaCountsForBasicCanary({
 *   replicas: 10, setWeight: 50,
 *   canary: { replicas: 0, availableReplicas: 0 },
 *   stable: { replicas: 10, availableReplicas: 10 },
 * }) // → { canary: 3, stable: 8 }   (target is 5:5; the budgets allow +3 canary and −2 stable)
 */
export function calculateReplicaCountsForBasicCanary(input: BasicCanaryInput): CanaryStableCounts {
  const { replicas, setWeight, canary } = input;
  const { maxSurge, maxUnavailable } = resolveFenceposts(input.maxSurge, input.maxUnavailable, replicas);
  const hasStable = input.stable !== null && input.stable !== 'sameAsCanary';
  // The RS object Argo holds in its "stable" variable (the canary itself when they are the same RS).
  const stableRS: ReplicaSetCounts | null = input.stable === 'sameAsCanary' ? canary : input.stable;
  const othersSpec = sumReplicas(input.others ?? []);

  // A/B. Target split (the step's steady state).
  let desired = approximateWeightedCanaryStableReplicaCounts(replicas, setWeight, maxSurge);
  if (!hasStable) desired = { canary: replicas, stable: 0 };

  let canaryCount = canary?.replicas ?? 0;
  let stableCount = hasStable && stableRS !== null ? stableRS.replicas : 0;

  // C. Scale-up budget: stable first, then canary.
  const maxTotal = replicas + maxSurge;
  let scaleUp = maxTotal - (othersSpec + (canary?.replicas ?? 0) + (hasStable ? stableCount : 0));
  if (hasStable && stableRS !== null && stableRS.replicas < desired.stable && scaleUp > 0) {
    if (stableRS.replicas + scaleUp < desired.stable) {
      stableCount = stableRS.replicas + scaleUp;
      scaleUp = 0;
    } else {
      stableCount = desired.stable;
      scaleUp -= desired.stable - stableRS.replicas;
    }
  }
  if (canary !== null && canary.replicas < desired.canary && scaleUp > 0) {
    canaryCount = Math.min(canary.replicas + scaleUp, desired.canary);
  }

  // D. Older RSs are drained first (by the old-RS scale-down), before canary/stable shrink.
  if (othersSpec > 0) return { canary: canaryCount, stable: stableCount };

  // E. Scale-down budget above minAvailable.
  const minAvailable = replicas - maxUnavailable;
  const increasing = canary === null || desired.canary >= canary.replicas;
  const reliable = replicasForScaleDown(canary, !increasing) + replicasForScaleDown(stableRS, increasing);
  if (reliable <= minAvailable) return { canary: canaryCount, stable: stableCount };
  const scaleDown = reliable - minAvailable;

  if (!increasing) {
    canaryCount = drainedCount(canary, desired.canary, scaleDown, canaryCount);
    const adjusted = adjustWithinLimits(canary, stableRS, canaryCount, stableCount, maxTotal, minAvailable);
    return { canary: adjusted.drain, stable: adjusted.adjust };
  }
  if (hasStable) {
    stableCount = drainedCount(stableRS, desired.stable, scaleDown, stableCount);
    const adjusted = adjustWithinLimits(stableRS, canary, stableCount, canaryCount, maxTotal, minAvailable);
    return { canary: adjusted.adjust, stable: adjusted.drain };
  }
  return { canary: canaryCount, stable: stableCount };
}

function sumReplicas(sets: readonly ReplicaSetCounts[]): number {
  return sets.reduce((sum, rs) => sum + rs.replicas, 0);
}

/**
 * Pods of `rs` that may be counted on while scaling down (`GetReplicasForScaleDown`): its spec when
 * availability may be ignored, else its available pods — but never more than its spec, since pods
 * above spec are about to go away anyway. Availability is ignored for the RS being DRAINED (the
 * stable while the canary grows, the canary while it shrinks), so a crash-looping drained RS cannot
 * wedge the rollout; the growing side counts only its available pods. (argo-semantics.md §3.2 E words
 * this the other way round; the Go code and Argo's unit tests agree with this version.)
 */
function replicasForScaleDown(rs: ReplicaSetCounts | null, ignoreAvailability: boolean): number {
  if (rs === null) return 0;
  if (rs.replicas < rs.availableReplicas) return rs.replicas;
  return ignoreAvailability ? rs.replicas : rs.availableReplicas;
}

/** `calculateScaleDownReplicaCount`: shrink the drained RS by the budget, not below its target. */
function drainedCount(rs: ReplicaSetCounts | null, target: number, scaleDown: number, current: number): number {
  if (rs !== null && rs.replicas > target) return Math.max(target, rs.replicas - scaleDown);
  return current;
}

/**
 * `adjustReplicaWithinLimits`: trim the other ("adjust") RS if the pair exceeds R+S, give back trimmed
 * pods that were available if availability would fall below minAvailable, then take any remaining
 * excess over R+S from the drained RS.
 */
function adjustWithinLimits(
  drainRS: ReplicaSetCounts | null,
  adjustRS: ReplicaSetCounts | null,
  drainCount: number,
  adjustCount: number,
  maxTotal: number,
  minAvailable: number,
): { drain: number; adjust: number } {
  if (adjustRS === null) return { drain: drainCount, adjust: adjustCount };
  let available = drainRS === null ? 0 : Math.min(drainRS.availableReplicas, drainCount);
  let adjust = adjustCount - Math.max(0, adjustCount + drainCount - maxTotal);
  available += Math.min(adjustRS.availableReplicas, adjust);
  const lostAvailable = Math.max(0, adjustRS.availableReplicas - adjust);
  const missingAvailable = Math.max(0, minAvailable - available);
  adjust += Math.min(lostAvailable, missingAvailable);
  const drain = drainCount - Math.max(0, adjust + drainCount - maxTotal);
  return { drain, adjust };
}
