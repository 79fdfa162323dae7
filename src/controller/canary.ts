/**
 * The canary checklist for a Rollout with `trafficRouting` (any router: weights are exact),
 * in Argo's per-reconcile order (argo-semantics §2.4): announce the step, set the router weight,
 * make one scaling action (stable first), add a pause, then advance at most one step or promote.
 * Pure: `reconcileCanary(rollout, status, observed) → {status, effects}`.
 */
import type { CanaryStrategy, Rollout } from '../model/rollout.js';
import { SECOND } from '../model/time.js';
import { calculatePhase } from './phase.js';
import type { Effect, Observed, ObservedReplicaSet, ReconcileResult, RolloutStatus } from './status.js';
import { currentSetWeight, describeStep, previousSetWeight } from './steps.js';

const NONE: ObservedReplicaSet = { replicas: 0, available: 0 };

export function reconcileCanary(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const strategy = rollout.strategy as CanaryStrategy;
  const steps = strategy.steps;
  const maxWeight = strategy.trafficRouting?.maxTrafficWeight ?? 100;
  const R = rollout.replicas;
  const now = observed.now;
  const effects: Effect[] = [];
  const emit = (event: Effect & { type: 'emit' }): void => void effects.push(event);
  let s = status;

  // 1. First deploy: no stable yet ⇒ everything is promoted at once, steps skipped.
  if (s.stableRS === undefined) s = { ...s, stableRS: s.currentPodHash, currentStepIndex: steps.length };

  const promoted = s.stableRS === s.currentPodHash;
  const stable = observed.replicaSets.get(s.stableRS ?? '') ?? NONE;
  const canary = promoted ? NONE : observed.replicaSets.get(s.currentPodHash) ?? NONE;
  const idx = s.currentStepIndex;
  const step = steps[idx];
  const manualPause = observed.paused;

  // 2. Announce the step the rollout is now at.
  if (!promoted && !s.abort && s.announcedStep !== idx && step !== undefined) {
    emit({ type: 'emit', event: { t: now, type: 'StepStarted', index: idx, step: describeStep(step) } });
    s = { ...s, announcedStep: idx };
  }

  // 3. Router weight (argo-semantics §4.2).
  const setWeight = s.abort ? 0 : currentSetWeight(steps, idx, maxWeight);
  const canaryTarget = Math.ceil((setWeight * R) / maxWeight);
  const saturated = canary.replicas === canaryTarget && canary.available >= canaryTarget;
  let desiredWeight: number;
  if (promoted || s.abort || canary.available === 0) desiredWeight = 0;
  else if (!saturated) desiredWeight = idx >= steps.length ? s.canaryWeight : previousSetWeight(steps, idx);
  else desiredWeight = setWeight;
  if (desiredWeight !== s.canaryWeight) {
    effects.push({ type: 'setWeight', canary: desiredWeight });
    emit({ type: 'emit', event: { t: now, type: 'WeightChanged', canary: desiredWeight, stable: maxWeight - desiredWeight, actual: desiredWeight } });
    s = { ...s, canaryWeight: desiredWeight };
  }

  // 4. One scaling action: stable first, then the canary, then an old ReplicaSet past its delay.
  const scaled = manualPause ? false : scaleOne();
  function scaleOne(): boolean {
    if (stable.replicas !== R && s.stableRS !== undefined) {
      effects.push({ type: 'scale', hash: s.stableRS, replicas: R, role: 'stable' });
      return true;
    }
    if (!promoted) {
      const want = s.abort ? abortedCanaryReplicas() : canaryTarget;
      if (want !== canary.replicas) {
        effects.push({ type: 'scale', hash: s.currentPodHash, replicas: want, role: 'canary' });
        return true;
      }
    }
    if (s.scaleDownHash !== undefined && s.scaleDownAt !== undefined && now >= s.scaleDownAt) {
      effects.push({ type: 'scale', hash: s.scaleDownHash, replicas: 0, role: 'stable' });
      s = { ...s, scaleDownHash: undefined, scaleDownAt: undefined };
      return true;
    }
    return false;
  }
  /** After an abort the canary keeps its pods until stable is whole again, then for the delay. */
  function abortedCanaryReplicas(): number {
    if (stable.available < R) return canary.replicas;
    if (s.scaleDownAt === undefined) {
      const at = now + (strategy.abortScaleDownDelaySeconds ?? 30) * SECOND;
      s = { ...s, scaleDownAt: at, scaleDownHash: undefined };
      effects.push({ type: 'requeueAt', at });
    }
    return now >= (s.scaleDownAt ?? Infinity) ? 0 : canary.replicas;
  }

  // 5. A pause step adds its condition once (unless the user already resumed it).
  if (!promoted && !s.abort && step !== undefined && 'pause' in step && !s.controllerPause) {
    s = { ...s, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: now }], controllerPause: true };
    emit({ type: 'emit', event: { t: now, type: 'Paused', reason: 'CanaryPauseStep' } });
    if (step.pause.duration !== undefined) effects.push({ type: 'requeueAt', at: now + step.pause.duration });
  }

  // 6. Advance at most one step, or promote after the last one.
  if (!promoted && !s.abort && !manualPause && !scaled) {
    if (step !== undefined && stepComplete()) {
      if ('pause' in step && s.pauseConditions.length > 0) emit({ type: 'emit', event: { t: now, type: 'Resumed', by: 'timer' } });
      emit({ type: 'emit', event: { t: now, type: 'StepCompleted', index: idx } });
      s = { ...s, currentStepIndex: idx + 1, pauseConditions: [], controllerPause: false };
    } else if (step === undefined && canary.available >= R && s.canaryWeight === maxWeight) {
      emit({ type: 'emit', event: { t: now, type: 'RolloutPromoted' } });
      const delay = (strategy.scaleDownDelaySeconds ?? 30) * SECOND;
      s = { ...s, stableRS: s.currentPodHash, scaleDownHash: s.stableRS, scaleDownAt: now + delay };
      effects.push({ type: 'requeueAt', at: now + delay });
    }
  }
  function stepComplete(): boolean {
    if (step === undefined) return false;
    if ('setWeight' in step) return saturated && s.canaryWeight === setWeight;
    if ('pause' in step) {
      const cond = s.pauseConditions.find((c) => c.reason === 'CanaryPauseStep');
      if (cond === undefined) return s.controllerPause;
      return step.pause.duration !== undefined && now >= cond.startTime + step.pause.duration;
    }
    return false;
  }

  // 7. Phase and message, Argo's rules.
  const next = calculatePhase({ status: s, observed, replicas: R, paused: manualPause, basicCanary: false });
  if (next.phase !== s.phase || next.message !== s.message) {
    emit({ type: 'emit', event: { t: now, type: 'PhaseChanged', phase: next.phase, message: next.message } });
    s = { ...s, ...next };
  }
  return { status: s, effects };
}
