/**
 * Argo's `CalculateRolloutPhase`: the phase and message a Rollout shows, first matching rule wins
 * (argo-semantics §2.1). Pure.
 */
import type { RolloutPhase } from '../model/events.js';
import type { Observed, RolloutStatus } from './status.js';

export interface PhaseInput {
  readonly status: RolloutStatus;
  readonly observed: Observed;
  readonly replicas: number;
  readonly paused: boolean;
  /** Basic canary (no trafficRouting): old pods still running keep the phase Progressing. */
  readonly basicCanary: boolean;
}

type Phase = { phase: RolloutPhase; message: string };

/** Rules 1–4, shared by every strategy: aborted or past its deadline ⇒ Degraded; paused ⇒ Paused. */
function abortedOrPaused(status: RolloutStatus, paused: boolean): Phase | undefined {
  if (status.abort) {
    const why = status.abortReason === '' ? '' : `: ${status.abortReason}`;
    return { phase: 'Degraded', message: `RolloutAborted: Rollout aborted update to revision ${status.revision}${why}` };
  }
  if (status.deadlineMessage !== '') return { phase: 'Degraded', message: status.deadlineMessage };
  if (paused) return { phase: 'Paused', message: 'manually paused' };
  const first = status.pauseConditions[0];
  return first === undefined ? undefined : { phase: 'Paused', message: first.reason };
}

/**
 * Example: a canary at setWeight 20 of 10 replicas (2 canary pods) → Progressing, 'more replicas
 * need to be updated'; at a pause step → Paused, 'CanaryPauseStep'; fully promoted → Healthy, ''.
 */
export function calculatePhase({ status, observed, replicas, paused, basicCanary }: PhaseInput): Phase {
  const early = abortedOrPaused(status, paused);
  if (early !== undefined) return early;
  const updated = observed.replicaSets.get(status.currentPodHash);
  const updatedReplicas = updated?.replicas ?? 0;
  let available = 0;
  let total = 0;
  for (const rs of observed.replicaSets.values()) {
    available += rs.available;
    total += rs.replicas;
  }
  if (updatedReplicas < replicas) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if (available < updatedReplicas) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  if (basicCanary && total > updatedReplicas) return { phase: 'Progressing', message: 'old replicas are pending termination' };
  if (status.stableRS !== status.currentPodHash) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  return { phase: 'Healthy', message: '' };
}

/**
 * The blue-green rules of `CalculateRolloutPhase` (argo-semantics §2.1, rules 1–4, 6–9). Argo's
 * `status.availableReplicas` for blue-green is the *active* ReplicaSet's (all ReplicaSets' before
 * any Service is managed), so preview pods still starting do not show as "becoming available".
 * Example: new ReplicaSet at full size behind the preview Service, not yet switched → Progressing,
 * 'active service cutover pending'; switched with a post-promotion run pending → Progressing,
 * 'waiting for analysis to complete'.
 */
export function calculateBlueGreenPhase({ status, observed, replicas, paused, waitingForPostAnalysis }: Omit<PhaseInput, 'basicCanary'> & { readonly waitingForPostAnalysis: boolean }): Phase {
  const early = abortedOrPaused(status, paused);
  if (early !== undefined) return early;
  const updated = observed.replicaSets.get(status.currentPodHash)?.replicas ?? 0;
  const active = status.activeSelector === undefined ? undefined : observed.replicaSets.get(status.activeSelector);
  const available = active !== undefined ? active.available : [...observed.replicaSets.values()].reduce((sum, rs) => sum + rs.available, 0);
  if (updated < replicas) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if (available < updated) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  if (status.activeSelector !== status.currentPodHash) return { phase: 'Progressing', message: 'active service cutover pending' };
  if (status.stableRS !== status.currentPodHash) {
    const message = waitingForPostAnalysis ? 'waiting for analysis to complete' : 'waiting for post-promotion verification to complete';
    return { phase: 'Progressing', message };
  }
  return { phase: 'Healthy', message: '' };
}
