/**
 * How the controller applies the basic-canary math over successive reconciles (§3.2 F,
 * `rollout/canary.go` `reconcileCanaryReplicaSets`): ONE scale action per reconcile — the stable RS if
 * its number changed, otherwise the canary RS — then wait for pods and recompute.
 */
import { approximateWeightedCanaryStableReplicaCounts, calculateReplicaCountsForBasicCanary } from './replica-math-basic.js';
import type { BasicCanaryInput, CanaryStableCounts } from './replica-math-basic.js';
import { resolveFenceposts } from './replica-math-fenceposts.js';
import type { IntOrPercent } from './replica-math-fenceposts.js';

/** The single scale change one reconcile makes (`null` from the planner when nothing changes). */
export interface BasicCanaryScaleAction {
  replicaSet: 'stable' | 'canary';
  /** The new `spec.replicas` for that RS. */
  replicas: number;
  /** What the replica function returned for both RSs this reconcile. */
  computed: CanaryStableCounts;
}

/**
 * Decides this reconcile's scale action: compute both counts, then scale the stable RS if it differs,
 * otherwise the canary RS, otherwise nothing (older RSs are the caller's business).
 *
 * @example
 * planBasicCanaryReconcile({
 *   replicas: 10, setWeight: 20,
 *   canary: { replicas: 0, availableReplicas: 0 },
 *   stable: { replicas: 10, availableReplicas: 10 },
 * }) // → { replicaSet: 'stable', replicas: 8, computed: { canary: 2, stable: 8 } }
 */
export function planBasicCanaryReconcile(input: BasicCanaryInput): BasicCanaryScaleAction | null {
  const computed = calculateReplicaCountsForBasicCanary(input);
  const stable = input.stable;
  if (stable !== null && stable !== 'sameAsCanary' && computed.stable !== stable.replicas) {
    return { replicaSet: 'stable', replicas: computed.stable, computed };
  }
  if (input.canary !== null && computed.canary !== input.canary.replicas) {
    return { replicaSet: 'canary', replicas: computed.canary, computed };
  }
  return null;
}

export interface BasicCanaryScalingInput {
  replicas: number;
  setWeight: number;
  maxSurge?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  /** Starting canary `spec.replicas` (its pods are taken as all available). */
  startCanary: number;
  /** Starting stable `spec.replicas` (its pods are taken as all available). */
  startStable: number;
}

export interface BasicCanaryScalingResult {
  /** Resolved fence-posts, in pods. */
  maxSurge: number;
  maxUnavailable: number;
  /** The step's steady state (§3.2 A). */
  target: CanaryStableCounts;
  /** What the replica function returns for the start state (both numbers, before the one-RS rule). */
  firstReconcile: CanaryStableCounts;
  /** The fixed point. */
  final: CanaryStableCounts;
  /** Number of RS scale changes made. */
  scalingActions: number;
  /** Every (canary, stable) spec state, start and fixed point included; one RS changes per entry. */
  trajectory: CanaryStableCounts[];
}

/**
 * Drives the basic-canary math to its fixed point for one setWeight, applying one scale action per
 * reconcile (stable first) and assuming pods become available instantly, with a single stable and a
 * single canary RS and no older RSs — exactly the model of the oracle CSV (§3.4). Real pods lag, which
 * changes the timing but not the path's end state.
 *
 * Throws if the loop does not settle (it always does for valid input; a loop would be a bug here).
 *
 * @example
 * simulateBasicCanaryScaling({ replicas: 10, setWeight: 75, startCanary: 0, startStable: 10 })
 * // → firstReconcile { canary: 3, stable: 8 }, final { canary: 8, stable: 3 }, scalingActions 4,
 * //   trajectory 0:10 > 0:8 > 5:8 > 5:3 > 8:3
 */
export function simulateBasicCanaryScaling(input: BasicCanaryScalingInput): BasicCanaryScalingResult {
  const { replicas, setWeight, maxSurge, maxUnavailable } = input;
  const fenceposts = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  const stateInput = (state: CanaryStableCounts): BasicCanaryInput => ({
    replicas,
    setWeight,
    maxSurge,
    maxUnavailable,
    canary: { replicas: state.canary, availableReplicas: state.canary },
    stable: { replicas: state.stable, availableReplicas: state.stable },
  });

  let state: CanaryStableCounts = { canary: input.startCanary, stable: input.startStable };
  const firstReconcile = calculateReplicaCountsForBasicCanary(stateInput(state));
  const trajectory: CanaryStableCounts[] = [state];
  // Each action moves a count monotonically towards a bounded target; this is a generous safety net.
  const maxActions = 4 * (replicas + fenceposts.maxSurge + input.startCanary + input.startStable) + 16;
  for (let actions = 0; ; actions++) {
    const action = planBasicCanaryReconcile(stateInput(state));
    if (action === null) break;
    if (actions >= maxActions) {
      throw new Error(`basic canary scaling did not settle after ${maxActions} actions: ${formatTrajectory(trajectory)}`);
    }
    state = action.replicaSet === 'stable'
      ? { canary: state.canary, stable: action.replicas }
      : { canary: action.replicas, stable: state.stable };
    trajectory.push(state);
  }

  return {
    maxSurge: fenceposts.maxSurge,
    maxUnavailable: fenceposts.maxUnavailable,
    target: approximateWeightedCanaryStableReplicaCounts(replicas, setWeight, fenceposts.maxSurge),
    firstReconcile,
    final: state,
    scalingActions: trajectory.length - 1,
    trajectory,
  };
}

/**
 * Renders a trajectory the way the oracle CSV writes it: `canary:stable` states joined by `>`.
 *
 * @example
 * formatTrajectory([{ canary: 0, stable: 10 }, { canary: 0, stable: 8 }, { canary: 2, stable: 8 }])
 * // → '0:10>0:8>2:8'
 */
export function formatTrajectory(trajectory: readonly CanaryStableCounts[]): string {
  return trajectory.map((s) => `${s.canary}:${s.stable}`).join('>');
}
