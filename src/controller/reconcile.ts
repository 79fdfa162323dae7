/**
 * `reconcile(workload, status, observed) → {status, effects}`: one pass of the controller,
 * dispatched on the strategy. Pure; the run layer applies the effects to the world.
 */
import type { Rollout } from '../model/rollout.js';
import { reconcileCanary } from './canary.js';
import type { Observed, ReconcileResult, RolloutStatus } from './status.js';

/** Strategies the controller can run today; the loader rejects nothing else, so say so plainly. */
export function unsupportedStrategy(rollout: Rollout): string | undefined {
  const st = rollout.strategy;
  if (st.type === 'blueGreen') return 'blueGreen is not simulated yet';
  return undefined;
}

export function reconcile(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const why = unsupportedStrategy(rollout);
  if (why !== undefined) throw new Error(`reconcile: ${why}`);
  return reconcileCanary(rollout, status, observed);
}
