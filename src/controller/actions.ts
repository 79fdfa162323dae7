/**
 * What `kubectl argo rollouts promote|abort|retry|pause` patch into a Rollout (argo-semantics
 * §2.8), as pure status updates. The next reconcile acts on them.
 */
import type { SimEvent } from '../model/events.js';
import type { OperatorActionName } from '../model/scenario.js';
import type { Ms } from '../model/time.js';
import type { RolloutStatus } from './status.js';

export interface ActionResult {
  readonly status: RolloutStatus;
  /** `spec.paused` after the action. */
  readonly paused: boolean;
  readonly events: readonly SimEvent[];
}

/** What every action reads: the Rollout before it, the clock and the step count. */
interface ActionInput {
  readonly status: RolloutStatus;
  readonly paused: boolean;
  readonly now: Ms;
  /** Number of canary steps (0 for blue-green). */
  readonly steps: number;
  readonly inconclusiveKeys: readonly string[];
  /** The new ReplicaSet is already stable: promote and abort have nothing to act on. */
  readonly promoted: boolean;
}

/**
 * Example: `promote` on a Rollout paused at an indefinite pause clears the pause condition (the
 * next reconcile completes the step); `promote` with no pause condition skips the current canary
 * step, also when it unpauses a manual pause (`spec.paused`).
 */
export function applyOperatorAction(
  status: RolloutStatus,
  paused: boolean,
  action: OperatorActionName,
  now: Ms,
  steps: number,
  /** Keys of this attempt's runs that ended Inconclusive (a promote restarts or skips them). */
  inconclusiveKeys: readonly string[] = [],
): ActionResult {
  const input: ActionInput = { status, paused, now, steps, inconclusiveKeys, promoted: status.stableRS === status.currentPodHash };
  const r = patchFor(action, input);
  return { ...r, events: [{ t: now, type: 'OperatorAction', action }, ...r.events] };
}

/** What each `kubectl argo rollouts` action does to the status (a total table: every action has a row). */
const PATCHES: Readonly<Record<OperatorActionName, (a: ActionInput) => ActionResult>> = {
  promote, promoteFull, abort, retry,
  pause: (a) => ({ status: a.status, paused: true, events: [] }),
  resume,
};

function patchFor(action: OperatorActionName, a: ActionInput): ActionResult {
  return PATCHES[action](a);
}

/**
 * `promote`: resumes a paused Rollout (see `resumePaused`); with no pause condition the CLI patches
 * `currentStepIndex + 1` for a canary even when it also unpauses `spec.paused` (getPatches in
 * promote.go); a blue-green Rollout (no steps) gets no status patch at all.
 * Example: canary at step 0 of 3, no pause condition, spec.paused → currentStepIndex 1,
 * controllerPause false, progressAt now, paused false.
 */
function promote(a: ActionInput): ActionResult {
  if (a.promoted) return { status: a.status, paused: false, events: [] };
  // A resume restarts the progressDeadlineSeconds clock (Argo's checkPausedConditions sets
  // Progressing/RolloutResumed), so a long pause is not counted as lack of progress.
  const status = a.paused || a.status.pauseConditions.length > 0 ? { ...a.status, progressAt: a.now } : a.status;
  if (status.pauseConditions.length > 0) return resumePaused({ ...a, status });
  if (a.steps === 0) return { status, paused: false, events: [] };
  const next = Math.min(status.currentStepIndex + 1, a.steps);
  return { status: { ...status, currentStepIndex: next, controllerPause: false }, paused: false, events: [] };
}

/**
 * `promote` with pause conditions: they are cleared (Resumed by promote).
 * Example: step 2 with 'step:2' Inconclusive and controllerPause → currentStepIndex 3, no conditions;
 * 'background' Inconclusive instead → conditions cleared, 'background' dropped from analysisKeys.
 */
function resumePaused({ status, now, steps, inconclusiveKeys }: ActionInput): ActionResult {
  const events: SimEvent[] = [{ t: now, type: 'Resumed', by: 'promote' }];
  // The current step's run is Inconclusive (promote.go `isInconclusive`): the CLI also sets
  // controllerPause false and skips the step. Other runs are left as they are, so the
  // controller does not replace an Inconclusive background run (`needsNewAnalysisRun`).
  if (inconclusiveKeys.includes(`step:${status.currentStepIndex}`) && status.controllerPause) {
    const currentStepIndex = Math.min(status.currentStepIndex + 1, steps);
    return { status: { ...status, pauseConditions: [], controllerPause: false, currentStepIndex }, paused: false, events };
  }
  // Otherwise only the conditions are cleared: controllerPause stays true for the next
  // reconcile, which replaces Inconclusive background/pre/post runs and completes a current
  // pause step (a user's resume), then drops controllerPause as no condition remains.
  const analysisKeys = status.analysisKeys.filter((k) => k.startsWith('step:') || !inconclusiveKeys.includes(k));
  return { status: { ...status, pauseConditions: [], analysisKeys }, paused: false, events };
}

/** `promote --full`: skip every remaining step and analysis. Example: step 1 of 3 → currentStepIndex 3, promoteFull. */
function promoteFull({ status, steps, promoted }: ActionInput): ActionResult {
  if (promoted) return { status, paused: false, events: [] };
  return { status: { ...status, promoteFull: true, abort: false, abortReason: '', pauseConditions: [], currentStepIndex: steps }, paused: false, events: [] };
}

/** `abort`: back to stable (step 0, no pause). Example: step 2 → abort true, abortedAt now, currentStepIndex 0. */
function abort({ status, paused, now, promoted }: ActionInput): ActionResult {
  if (promoted || status.abort) return { status, paused, events: [] };
  return {
    status: { ...status, abort: true, abortedAt: now, abortReason: '', pauseConditions: [], controllerPause: false, currentStepIndex: 0, scaleDownAt: undefined },
    paused,
    events: [{ t: now, type: 'RolloutAborted', reason: 'aborted by operator' }],
  };
}

/**
 * `retry` after an abort: the attempt starts over from step 0 with fresh analysis runs. The
 * Progressing condition becomes RolloutRetry ("Retrying Rollout after abort"), which restarts the
 * progressDeadlineSeconds clock: time spent aborted is not lack of progress.
 * Example: aborted at 60 s, retry at 90 s → abort false, currentStepIndex 0, progressAt 90 s.
 */
function retry({ status, paused, now }: ActionInput): ActionResult {
  if (!status.abort) return { status, paused, events: [] };
  return {
    status: {
      ...status, abort: false, abortedAt: undefined, abortReason: '', deadlineMessage: '', progressAt: now, currentStepIndex: 0,
      announcedStep: -1, scaleDownAt: undefined, analysisKeys: [], previewScaledUp: false,
    },
    paused,
    events: [],
  };
}

/** `resume` (unpause spec.paused). Example: paused → paused false, Resumed by resume, progressAt now. */
function resume({ status, paused, now }: ActionInput): ActionResult {
  if (!paused) return { status, paused: false, events: [] };
  return { status: { ...status, progressAt: now }, paused: false, events: [{ t: now, type: 'Resumed', by: 'resume' }] };
}
