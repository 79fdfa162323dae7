/**
 * Argo Rollouts' canary replica math as pure functions — the controller's single import point.
 *
 * - `replica-math-fenceposts.ts`: maxSurge / maxUnavailable → pods (§3.1).
 * - `replica-math-basic.ts`: basic canary, one reconcile (§3.2 A–E), checked row by row against the
 *   oracle CSV produced by Argo's own Go algorithm.
 * - `replica-math-trajectory.ts`: one scale action per reconcile, stable first (§3.2 F), driven to the
 *   fixed point with instant availability (§3.4).
 * - `replica-math-traffic.ts`: canary with trafficRouting (§4.1).
 *
 * Section numbers refer to /work/shared/argo/argo-semantics.md.
 */
export {
  DEFAULT_MAX_SURGE,
  DEFAULT_MAX_UNAVAILABLE,
  parseIntOrPercent,
  resolveFenceposts,
  scaleIntOrPercent,
} from './replica-math-fenceposts.js';
export type { Fenceposts, IntOrPercent } from './replica-math-fenceposts.js';

export {
  approximateWeightedCanaryStableReplicaCounts,
  calculateReplicaCountsForBasicCanary,
  floorCeilingTied,
  weightDelta,
} from './replica-math-basic.js';
export type { BasicCanaryInput, CanaryStableCounts, ReplicaSetCounts, StableInput } from './replica-math-basic.js';

export { formatTrajectory, planBasicCanaryReconcile, simulateBasicCanaryScaling } from './replica-math-trajectory.js';
export type {
  BasicCanaryScaleAction,
  BasicCanaryScalingInput,
  BasicCanaryScalingResult,
} from './replica-math-trajectory.js';

export {
  applyMinPodsPerReplicaSet,
  canaryReplicasForTrafficRouting,
  stableReplicasForTrafficRouting,
  trafficWeightToReplicas,
} from './replica-math-traffic.js';
export type { SetCanaryScale, TrafficRoutedCanaryInput, TrafficRoutedStableInput } from './replica-math-traffic.js';
