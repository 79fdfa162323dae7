/**
 * The canary checklist, in Argo's per-reconcile order (argo-semantics §2.4): announce the step,
 * set the weight, make one scaling action (stable first), add a pause, then advance at most one
 * step or promote. Basic canary (pods are the traffic split) and traffic-routed canary (exact
 * router weights, any router) share it; `canary-replicas.ts` holds where they differ.
 * Pure: `reconcileCanary(rollout, status, observed) → {status, effects}`.
 */
import type { SimEvent } from '../model/events.js';
import type { CanaryStrategy, Rollout } from '../model/rollout.js';
import { SECOND } from '../model/time.js';
import { actualWeightFromPods, atDesiredCounts, nextScaleAction, type CanaryReplicaInput } from './canary-replicas.js';
import { AnalysisContext, outcomeOf } from './analysis.js';
import { withStepRoute } from './managed-routes.js';
import { calculatePhase } from './phase.js';
import { trackProgress } from './progress.js';
import type { Effect, Observed, ObservedReplicaSet, ReconcileResult, RolloutStatus } from './status.js';
import { currentSetCanaryScale, currentSetWeight, describeStep, previousSetWeight, walkBackWeight } from './steps.js';

const NONE: ObservedReplicaSet = { replicas: 0, available: 0 };

export function reconcileCanary(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const strategy = rollout.strategy as CanaryStrategy;
  const routed = strategy.trafficRouting !== undefined;
  const steps = strategy.steps;
  const maxWeight = strategy.trafficRouting?.maxTrafficWeight ?? 100;
  const R = rollout.replicas;
  const now = observed.now;
  const effects: Effect[] = [];
  const emit = (event: SimEvent): void => void effects.push({ type: 'emit', event });
  let s = status;

  // 1. First deploy: no stable yet ⇒ everything is promoted at once, steps skipped.
  if (s.stableRS === undefined) s = { ...s, stableRS: s.currentPodHash, currentStepIndex: steps.length };

  const promoted = s.stableRS === s.currentPodHash;
  const stable = observed.replicaSets.get(s.stableRS ?? '') ?? NONE;
  const canary = promoted ? NONE : observed.replicaSets.get(s.currentPodHash) ?? NONE;
  const idx = s.currentStepIndex;
  const step = steps[idx];
  const manualPause = observed.paused;
  const weight = s.abort ? 0 : currentSetWeight(steps, idx, maxWeight);
  const setCanaryScale = s.promoteFull ? undefined : currentSetCanaryScale(steps, idx);
  const counts: CanaryReplicaInput = { strategy, replicas: R, weight, canary, stable, setCanaryScale, aborted: s.abort, routerWeight: s.canaryWeight };
  const dynamic = routed && strategy.dynamicStableScale;
  const atTarget = !promoted && atDesiredCounts(counts);

  // 2. Announce the step the rollout is now at.
  if (!promoted && !s.abort && s.announcedStep !== idx && step !== undefined) {
    emit({ t: now, type: 'StepStarted', index: idx, step: describeStep(step) });
    s = { ...s, announcedStep: idx };
  }

  // 3. Weights: the router's (argo-semantics §4.2), or the setWeight whose pod counts apply.
  let canaryWeight: number;
  if (!routed) canaryWeight = promoted ? 0 : weight;
  else if (s.abort && dynamic && !promoted) canaryWeight = walkBackWeight(steps, s.canaryWeight, stable.available, R, maxWeight);
  else if (promoted || s.abort || canary.available === 0) canaryWeight = 0;
  // promote --full never raises the weight: it stays put (dynamicStableScale: what the ready canary
  // pods carry, capped — a setCanaryScale above R may still have extra pods) until the canary is
  // fully available and becomes the stable.
  else if (s.promoteFull) canaryWeight = dynamic ? Math.min(maxWeight, Math.floor((100 * canary.available) / R)) : s.canaryWeight;
  // Not yet at the step's counts: the last setWeight before this step, also after the last step
  // (so a setWeight skipped by promote while scaling still gets its weight, as in Argo).
  else if (!atTarget) canaryWeight = previousSetWeight(steps, idx);
  else canaryWeight = weight;
  const actualWeight = routed ? canaryWeight : promoted ? 0 : actualWeightFromPods(canary.available, stable.available);
  if (canaryWeight !== s.canaryWeight || actualWeight !== s.actualWeight) {
    if (routed) effects.push({ type: 'setWeight', canary: canaryWeight });
    emit({ t: now, type: 'WeightChanged', canary: canaryWeight, stable: maxWeight - canaryWeight, actual: actualWeight });
    s = { ...s, canaryWeight, actualWeight };
  }

  // 4. Analysis: the background run (from startingStep) and the current step's run.
  const ax = new AnalysisContext(s, observed, effects);
  const halted = reconcileAnalysis(ax);
  s = ax.status;
  function reconcileAnalysis(a: AnalysisContext): boolean {
    if (promoted || a.status.abort) {
      a.terminateRunning();
      return false;
    }
    const stepKey = step !== undefined && 'analysis' in step ? `step:${idx}` : undefined;
    a.terminateRunning((key) => key === 'background' || key === stepKey);
    const bg = strategy.analysis;
    if (bg !== undefined && idx >= (bg.startingStep ?? 0)) {
      a.ensure('background', 'background', bg);
      if (drive(a, 'background', 'background')) return true;
    }
    if (stepKey !== undefined && step !== undefined && 'analysis' in step) {
      a.ensure(stepKey, 'step', step.analysis, idx);
      if (drive(a, stepKey, 'step')) return true;
    }
    return false;
  }
  /** Failed/Error ⇒ abort, Inconclusive ⇒ pause; true when the reconcile must stop here. */
  function drive(a: AnalysisContext, key: string, kind: 'step' | 'background'): boolean {
    const r = a.outcome(key);
    if (r.outcome === 'failed') a.abort(kind, r.message);
    else if (r.outcome === 'inconclusive') a.pauseInconclusive();
    else return false;
    return true;
  }

  // 5. One scaling action: stable first, then the canary, then an old ReplicaSet past its delay.
  const scaled = manualPause || halted ? false : scaleOne();
  function scaleOne(): boolean {
    if (!promoted) {
      // abortScaleDownDelaySeconds: 0 turns the delay off: the canary is then sized by the normal
      // formula at step 0 with weight 0 (kept only by a setCanaryScale there), as Argo's code does.
      const delayed = s.abort && routed && !dynamic && strategy.abortScaleDownDelaySeconds !== 0;
      const action = delayed ? abortedRoutedAction() : nextScaleAction(counts);
      if (action !== null) {
        const hash = action.role === 'stable' ? (s.stableRS as string) : s.currentPodHash;
        effects.push({ type: 'scale', hash, replicas: action.replicas, role: action.role });
        return true;
      }
    } else if (stable.replicas !== R) {
      effects.push({ type: 'scale', hash: s.stableRS as string, replicas: R, role: 'stable' });
      return true;
    }
    if (s.scaleDownHash !== undefined && s.scaleDownAt !== undefined && now >= s.scaleDownAt) {
      const old = s.scaleDownHash;
      s = { ...s, scaleDownHash: undefined, scaleDownAt: undefined };
      if ((observed.replicaSets.get(old)?.replicas ?? 0) > 0) {
        effects.push({ type: 'scale', hash: old, replicas: 0, role: 'stable' });
        return true;
      }
    }
    return false;
  }
  /** After an abort the canary keeps its pods until stable is whole again, then for the delay. */
  function abortedRoutedAction(): { role: 'stable' | 'canary'; replicas: number } | null {
    if (stable.replicas !== R) return { role: 'stable', replicas: R };
    if (canary.replicas === 0 || stable.available < R) return null;
    if (s.scaleDownAt === undefined) {
      const at = now + (strategy.abortScaleDownDelaySeconds ?? 30) * SECOND;
      s = { ...s, scaleDownAt: at, scaleDownHash: undefined };
      effects.push({ type: 'requeueAt', at });
    }
    return now >= (s.scaleDownAt ?? Infinity) ? { role: 'canary', replicas: 0 } : null;
  }

  // 6. A pause step adds its condition once (unless the user already resumed it); not while
  // spec.paused, so a timed pause counts from the resume (Argo's reconcileCanaryPause).
  if (!halted && !manualPause && !promoted && !s.abort && step !== undefined && 'pause' in step && !s.controllerPause) {
    s = { ...s, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: now }], controllerPause: true };
    emit({ t: now, type: 'Paused', reason: 'CanaryPauseStep' });
    if (step.pause.duration !== undefined) effects.push({ type: 'requeueAt', at: now + step.pause.duration });
  }

  // 7. Advance at most one step, or promote after the last one. An Inconclusive pause halts
  // scaling only: the current step is still checked (Argo's completedCurrentCanaryStep), so a
  // timed pause step expires meanwhile; a pause step is checked even in a reconcile that scaled.
  const inconclusivePause = halted || s.pauseConditions.some((c) => c.reason === 'InconclusiveAnalysisRun');
  if (!promoted && !s.abort && !manualPause) {
    if (step !== undefined && (!scaled || 'pause' in step) && stepComplete()) {
      const rest = s.pauseConditions.filter((c) => c.reason !== 'CanaryPauseStep');
      if (rest.length === 0 && s.pauseConditions.length > 0) emit({ t: now, type: 'Resumed', by: 'timer' });
      emit({ t: now, type: 'StepCompleted', index: idx });
      s = { ...s, currentStepIndex: idx + 1, pauseConditions: rest };
    } else if (step === undefined && !inconclusivePause && !scaled && atTarget && (s.promoteFull || s.canaryWeight === maxWeight)) {
      emit({ t: now, type: 'RolloutPromoted' });
      // Basic canary drained the old stable already; traffic-routed keeps it for scaleDownDelaySeconds.
      const delay = routed && !dynamic ? (strategy.scaleDownDelaySeconds ?? 30) * SECOND : 0;
      s = { ...s, stableRS: s.currentPodHash, scaleDownHash: s.stableRS, scaleDownAt: now + delay };
      effects.push({ type: 'requeueAt', at: now + delay });
    }
  }
  function stepComplete(): boolean {
    if (step === undefined) return false;
    if ('setWeight' in step) return atTarget && (!routed || s.canaryWeight === weight);
    if ('pause' in step) {
      const cond = s.pauseConditions.find((c) => c.reason === 'CanaryPauseStep');
      if (cond === undefined) return s.controllerPause;
      return step.pause.duration !== undefined && now >= cond.startTime + step.pause.duration;
    }
    if ('analysis' in step) return outcomeOf(observed, `step:${idx}`).outcome === 'successful';
    if ('setCanaryScale' in step) return atTarget;
    return true; // setHeaderRoute / setMirrorRoute take effect at once
  }

  // Header and mirror routes: set by their steps, gone once promoted, aborted, promoted --full or the
  // canary has no available pod (argo-semantics §4.5).
  const clearRoutes = promoted || s.abort || s.promoteFull || canary.available === 0;
  const routes = clearRoutes ? [] : step !== undefined && s.announcedStep === idx ? withStepRoute(s.managedRoutes, step, strategy.trafficRouting?.managedRoutes ?? []) : s.managedRoutes;
  if (routes.length !== s.managedRoutes.length || routes.some((r, i) => r !== s.managedRoutes[i])) s = { ...s, managedRoutes: routes };

  // 8. progressDeadlineSeconds, then phase and message by Argo's rules.
  const waiting = s.pauseConditions.length > 0 || (step !== undefined && !('setWeight' in step));
  const progress = trackProgress(rollout, s, observed, waiting);
  s = progress.status;
  effects.push(...progress.effects);
  const next = calculatePhase({ status: s, observed, replicas: R, paused: manualPause, basicCanary: !routed });
  if (next.phase !== s.phase || next.message !== s.message) {
    emit({ t: now, type: 'PhaseChanged', phase: next.phase, message: next.message });
    s = { ...s, ...next };
  }
  return { status: s, effects };
}
