/**
 * `reconcile(workload, status, observed) → {status, effects}`: one pass of the controller,
 * dispatched on the workload and its strategy. Pure; the run layer applies the effects.
 */
import type { Workload } from '../model/rollout.js';
import { reconcileBlueGreen } from './bluegreen.js';
import { reconcileCanary } from './canary.js';
import { reconcileDeployment } from './deployment.js';
import { fastTrackBlueGreen } from './rollback-window.js';
import type { Observed, ReconcileResult, RolloutStatus } from './status.js';

export function reconcile(workload: Workload, status: RolloutStatus, observed: Observed): ReconcileResult {
  if (workload.kind === 'Deployment') return reconcileDeployment(workload, status, observed);
  const r = workload.strategy.type === 'blueGreen' ? fastTrackBlueGreen(workload, status, (s) => reconcileBlueGreen(workload, s, observed)) : reconcileCanary(workload, status, observed);
  return settleControllerPause(r);
}

/**
 * Argo rebuilds the status every reconcile and writes `controllerPause` only together with pause
 * conditions (pause.go `CalculatePauseConditions`): once none remain it is false again. So a
 * user's resume (conditions cleared, controllerPause left true) is seen by exactly one reconcile.
 * Example: {pauseConditions: [], controllerPause: true} → controllerPause false.
 */
function settleControllerPause(r: ReconcileResult): ReconcileResult {
  if (!r.status.controllerPause || r.status.pauseConditions.length > 0) return r;
  return { ...r, status: { ...r.status, controllerPause: false } };
}
