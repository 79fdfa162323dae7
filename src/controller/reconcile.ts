/**
 * `reconcile(workload, status, observed) → {status, effects}`: one pass of the controller,
 * dispatched on the workload and its strategy. Pure; the run layer applies the effects.
 */
import type { Workload } from '../model/rollout.js';
import { reconcileBlueGreen } from './bluegreen.js';
import { reconcileCanary } from './canary.js';
import { reconcileDeployment } from './deployment.js';
import type { Observed, ReconcileResult, RolloutStatus } from './status.js';

export function reconcile(workload: Workload, status: RolloutStatus, observed: Observed): ReconcileResult {
  if (workload.kind === 'Deployment') return reconcileDeployment(workload, status, observed);
  if (workload.strategy.type === 'blueGreen') return reconcileBlueGreen(workload, status, observed);
  return reconcileCanary(workload, status, observed);
}
