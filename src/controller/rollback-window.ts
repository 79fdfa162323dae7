/**
 * `spec.rollbackWindow.revisions` (rollout/sync.go isRollbackWithinWindow): when the desired
 * template is an earlier revision whose ReplicaSet is older than the stable one, and fewer than
 * `revisions` ReplicaSets were created between the two, the update is fast-tracked — the canary
 * skips its steps (currentStepIndex = steps, canary.go syncRolloutStatusCanary), no analysis runs
 * (analysis.go: isFastRollback cancels them), pauses and an abort are cleared, and the new
 * ReplicaSet is promoted as soon as it has spec.replicas available ("Rollback within window",
 * sync.go shouldFullPromote). Blue-green skips its pause and analysis the same way (bluegreen.go
 * isBlueGreenFastTracked), which the simulator runs as promote --full.
 */
import type { Rollout } from '../model/rollout.js';
import type { ReconcileResult, RolloutStatus } from './status.js';

/**
 * Example: rollbackWindow 2, rollback {between: 1}, an update in progress (currentPodHash ≠ stableRS)
 * → true; between 2 → false (the window holds 2 revisions: newRS, 1 between, then the stable one
 * is the third); promoted (currentPodHash = stableRS) → false.
 */
export function isRollbackWithinWindow(rollout: Rollout, s: RolloutStatus): boolean {
  if (s.stableRS === undefined || s.currentPodHash === s.stableRS) return false;
  const window = rollout.rollbackWindow ?? 0;
  return rollout.rollback !== undefined && window > 0 && rollout.rollback.between < window;
}

/**
 * Blue-green within the window: the reconcile sees the status as after promote --full (with pause
 * conditions and an abort cleared: syncRolloutStatusBlueGreen), and the status it returns keeps
 * the Rollout's own promoteFull.
 * Example: within the window, status {promoteFull: false, pauseConditions: [BlueGreenPause]} →
 * `reconcile` gets {promoteFull: true, pauseConditions: []}; its result comes back with promoteFull false.
 */
export function fastTrackBlueGreen(rollout: Rollout, status: RolloutStatus, reconcile: (s: RolloutStatus) => ReconcileResult): ReconcileResult {
  if (!isRollbackWithinWindow(rollout, status)) return reconcile(status);
  const cleared = status.abort || status.pauseConditions.length > 0 ? { ...status, abort: false, abortReason: '', abortedAt: undefined, pauseConditions: [] } : status;
  const input: RolloutStatus = { ...cleared, promoteFull: true };
  const r = reconcile(input);
  return { ...r, status: r.status === input ? cleared : { ...r.status, promoteFull: status.promoteFull } };
}
