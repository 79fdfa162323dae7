/**
 * The canary stages about the current step: announce it, add a pause step's condition (Argo's
 * reconcileCanaryPause), then advance at most one step when it is complete (completedCurrentCanaryStep)
 * or, past the last step, promote the new ReplicaSet to stable (promoteStable).
 */
import { SECOND } from '../model/time.js';
import { outcomeOf } from './analysis.js';
import { currentExperiment } from './canary-experiment.js';
import type { CanaryContext } from './canary-context.js';
import { emitted, type StageResult } from './stage.js';
import type { RolloutStatus } from './status.js';
import { isStepPluginCompleted } from './step-plugin.js';
import { swapPingPong } from './canary-pingpong.js';
import { describeStep } from './steps.js';

/** What the analysis and scaling stages of this reconcile did. */
export interface CanaryProgress {
  /** The analysis stage aborted or paused (Inconclusive). */
  readonly halted: boolean;
  /** The scaling stage took its one action. */
  readonly scaled: boolean;
}

/**
 * Emits StepStarted once for the step the rollout is now at (not once promoted or aborted), so the
 * trace shows each step when it begins, however many reconciles it takes.
 * Example: status at step 1 (pause: {}) with announcedStep 0 → effects [emit StepStarted 1
 * 'pause: {}'], status.announcedStep 1; the next reconcile at step 1 → no effects.
 */
export function announceStep(c: CanaryContext, s: RolloutStatus): StageResult {
  if (c.promoted || s.abort || c.rollbackWithinWindow || s.announcedStep === c.stepIndex || c.step === undefined) return { status: s, effects: [] };
  const started = emitted({ t: c.now, type: 'StepStarted', index: c.stepIndex, step: describeStep(c.step) });
  return { status: { ...s, announcedStep: c.stepIndex }, effects: [started] };
}

/**
 * A pause step adds its condition once (unless the user already resumed it: controllerPause); not
 * while spec.paused, so a timed pause counts from the resume, nor when analysis halted this reconcile.
 * Example: status at step 1 (pause 30 s), now 10 s, controllerPause false → effects [emit Paused
 * CanaryPauseStep, requeueAt 40 s], status.pauseConditions [CanaryPauseStep at 10 s], controllerPause true.
 */
export function reconcileCanaryPause(c: CanaryContext, s: RolloutStatus, { halted }: Pick<CanaryProgress, 'halted'>): StageResult {
  const step = c.step;
  if (halted || c.manualPause || c.promoted || s.abort || step === undefined || !('pause' in step) || s.controllerPause) return { status: s, effects: [] };
  const status: RolloutStatus = { ...s, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: c.now }], controllerPause: true };
  const paused = emitted({ t: c.now, type: 'Paused', reason: 'CanaryPauseStep' });
  const duration = step.pause.duration;
  return { status, effects: duration === undefined ? [paused] : [paused, { type: 'requeueAt', at: c.now + duration }] };
}

/**
 * Advances at most one step, or promotes after the last one (Argo's syncRolloutStatusCanary). An
 * Inconclusive pause halts scaling only: the current step is still checked, so a timed pause step
 * expires meanwhile; a pause step is checked even in a reconcile that scaled. Promotion waits for
 * no scaling this reconcile, the counts at target and the full weight (or promote --full).
 * Example: status at step 0 (setWeight 20), routed, canaryWeight 20, counts at target, not scaled →
 * effects [emit StepCompleted 0], status.currentStepIndex 1.
 */
export function completeStepOrPromote(c: CanaryContext, s: RolloutStatus, { halted, scaled }: CanaryProgress): StageResult {
  if (c.rollbackWithinWindow && !c.promoted) return fastTrackRollback(c, s);
  if (c.promoted || s.abort || c.manualPause) return { status: s, effects: [] };
  if (c.step !== undefined) {
    const checked = !scaled || 'pause' in c.step;
    return checked && completedCurrentCanaryStep(c, s) ? completeCurrentStep(c, s) : { status: s, effects: [] };
  }
  const inconclusivePause = halted || s.pauseConditions.some((p) => p.reason === 'InconclusiveAnalysisRun' || p.reason === 'InconclusiveExperiment');
  if (inconclusivePause || scaled || !c.atTarget || !(s.promoteFull || s.canaryWeight === c.maxWeight)) return { status: s, effects: [] };
  return promoteStable(c, s);
}

/**
 * Argo's completedCurrentCanaryStep: setWeight when the counts (and a router's weight) are there, a
 * pause when its time ran out or the user resumed it, an analysis step when its run is Successful.
 * Example: pause 30 s with its condition started at 10 s → false at 39 s, true at 40 s; pause {}
 * with the condition cleared by promote and controllerPause still true → true.
 */
export function completedCurrentCanaryStep(c: CanaryContext, s: RolloutStatus): boolean {
  const step = c.step;
  if (step === undefined) return false;
  if ('setWeight' in step) return c.atTarget && (!c.routed || s.canaryWeight === c.weight);
  if ('pause' in step) {
    const cond = s.pauseConditions.find((p) => p.reason === 'CanaryPauseStep');
    if (cond === undefined) return s.controllerPause;
    return step.pause.duration !== undefined && c.now >= cond.startTime + step.pause.duration;
  }
  if ('analysis' in step) return outcomeOf(c.observed, `step:${c.stepIndex}`).outcome === 'successful';
  if ('setCanaryScale' in step) return c.atTarget;
  // rollout/canary.go completedCurrentCanaryStep: the current Experiment is Successful.
  if ('experiment' in step) return currentExperiment(s, c.stepIndex)?.phase === 'Successful';
  // rollout/stepplugin.go isStepPluginCompleted (a Failed Run has aborted the Rollout already).
  if ('plugin' in step) return isStepPluginCompleted(s, c.stepIndex);
  return true; // setHeaderRoute / setMirrorRoute take effect at once
}

/**
 * Within spec.rollbackWindow (canary.go syncRolloutStatusCanary, sync.go shouldFullPromote): pause
 * conditions and an abort are cleared, the steps skipped, and the new ReplicaSet promoted once it
 * has spec.replicas available — the check Argo makes whatever this reconcile scaled.
 * Example: steps 3, status at step 0, canary 4/10 available → status.currentStepIndex 3, no effects;
 * canary 10/10 → effects [emit RolloutPromoted, …] as promoteStable.
 */
function fastTrackRollback(c: CanaryContext, s: RolloutStatus): StageResult {
  const steps = c.steps.length;
  const cleared = s.pauseConditions.length > 0 || s.abort || s.currentStepIndex !== steps
    ? { ...s, pauseConditions: [], abort: false, abortReason: '', abortedAt: undefined, currentStepIndex: steps }
    : s;
  if (c.canary.available < c.replicas) return { status: cleared, effects: [] };
  return promoteStable(c, cleared);
}

/** The step is done: its pause condition goes (Resumed by the timer if none remain), index + 1. */
function completeCurrentStep(c: CanaryContext, s: RolloutStatus): StageResult {
  const rest = s.pauseConditions.filter((p) => p.reason !== 'CanaryPauseStep');
  const resumed = rest.length === 0 && s.pauseConditions.length > 0 ? [emitted({ t: c.now, type: 'Resumed', by: 'timer' })] : [];
  return {
    status: { ...s, currentStepIndex: c.stepIndex + 1, pauseConditions: rest },
    effects: [...resumed, emitted({ t: c.now, type: 'StepCompleted', index: c.stepIndex })],
  };
}

/**
 * Argo's promoteStable: the new ReplicaSet becomes stable; the old one waits for
 * scaleDownDelaySeconds when traffic-routed (basic canary and dynamicStableScale drained it already).
 * Example: routed, scaleDownDelaySeconds 30, stable v1, new v2, now 100 s → effects [emit
 * RolloutPromoted, requeueAt 130 s], status {stableRS: v2, scaleDownHash: v1, scaleDownAt: 130 s}.
 */
function promoteStable(c: CanaryContext, s: RolloutStatus): StageResult {
  const delay = c.routed && !c.dynamic ? (c.strategy.scaleDownDelaySeconds ?? 30) * SECOND : 0;
  return {
    status: { ...swapPingPong(c, s), stableRS: s.currentPodHash, scaleDownHash: s.stableRS, scaleDownAt: c.now + delay },
    effects: [emitted({ t: c.now, type: 'RolloutPromoted' }), { type: 'requeueAt', at: c.now + delay }],
  };
}
