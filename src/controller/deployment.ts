/**
 * apps/v1 Deployment with the RollingUpdate strategy: the no-safety baseline. Kubernetes'
 * rolling update (deployment controller `reconcileNewReplicaSet` / `reconcileOldReplicaSets`):
 * grow the new ReplicaSet while total pods stay within replicas + maxSurge, shrink old ones while
 * available pods stay at least replicas − maxUnavailable. No steps, no analysis: a Deployment
 * never aborts by itself. `abort` from the operator is `kubectl rollout undo` (back to stable).
 */
import type { SimEvent } from '../model/events.js';
import type { Deployment } from '../model/rollout.js';
import { resolveFenceposts } from './replica-math.js';
import type { Effect, Observed, ReconcileResult, RolloutStatus } from './status.js';

/**
 * The new ReplicaSet's next size. Example: R=10, surge 3 (25 %), 10 old + 0 new → 3.
 */
export function scaleUpNew(replicas: number, maxSurge: number, totalPods: number, newReplicas: number): number {
  if (newReplicas >= replicas) return replicas;
  const room = replicas + maxSurge - totalPods;
  return room <= 0 ? newReplicas : Math.min(replicas, newReplicas + room);
}

/**
 * How many old pods may go now: at most total − minAvailable − (new pods not ready), and never
 * below minAvailable available pods. Example: R=10, maxUnavailable 2, 13 pods (10 old available,
 * 3 new starting) → min(13 − 8 − 3, 10 − 8) = 2.
 */
export function scaleDownOld(replicas: number, maxUnavailable: number, totalPods: number, available: number, newUnavailable: number): number {
  const minAvailable = replicas - maxUnavailable;
  const maxScaledDown = totalPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return 0;
  return Math.max(0, Math.min(maxScaledDown, available - minAvailable));
}

export function reconcileDeployment(d: Deployment, status: RolloutStatus, observed: Observed): ReconcileResult {
  const R = d.replicas;
  const now = observed.now;
  const effects: Effect[] = [];
  const emit = (event: SimEvent): void => void effects.push({ type: 'emit', event });
  let s = status;
  const { maxSurge, maxUnavailable } = resolveFenceposts(d.maxSurge, d.maxUnavailable, R);
  const current = s.currentPodHash;
  const fresh = observed.replicaSets.get(current) ?? { replicas: 0, available: 0 };
  let total = 0;
  let available = 0;
  for (const rs of observed.replicaSets.values()) {
    total += rs.replicas;
    available += rs.available;
  }
  if (!observed.paused) {
    const up = scaleUpNew(R, maxSurge, total, fresh.replicas);
    if (up !== fresh.replicas) effects.push({ type: 'scale', hash: current, replicas: up, role: 'canary' });
    let budget = scaleDownOld(R, maxUnavailable, total, available, fresh.replicas - fresh.available);
    for (const [hash, rs] of observed.replicaSets) {
      if (hash === current || rs.replicas === 0 || budget <= 0) continue;
      const down = Math.min(rs.replicas, budget);
      budget -= down;
      effects.push({ type: 'scale', hash, replicas: rs.replicas - down, role: 'stable' });
    }
  }
  const weight = total === 0 ? 0 : Math.floor((fresh.available * 100) / Math.max(1, available));
  if (weight !== s.actualWeight) {
    emit({ t: now, type: 'WeightChanged', canary: weight, stable: 100 - weight, actual: weight });
    s = { ...s, canaryWeight: weight, actualWeight: weight };
  }
  const oldPods = total - fresh.replicas;
  const complete = fresh.replicas === R && fresh.available >= R && oldPods === 0;
  if (complete && s.stableRS !== current) {
    emit({ t: now, type: 'RolloutPromoted' });
    s = { ...s, stableRS: current };
  }
  const next = complete
    ? { phase: 'Healthy' as const, message: '' }
    : { phase: 'Progressing' as const, message: fresh.replicas < R ? 'more replicas need to be updated' : fresh.available < R ? 'updated replicas are still becoming available' : 'old replicas are pending termination' };
  if (next.phase !== s.phase || next.message !== s.message) {
    emit({ t: now, type: 'PhaseChanged', ...next });
    s = { ...s, ...next };
  }
  return { status: s, effects };
}
