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
  const events: SimEvent[] = [{ t: now, type: 'OperatorAction', action }];
  const promoted = status.stableRS === status.currentPodHash;
  switch (action) {
    case 'promote': {
      if (promoted) return { status, paused: false, events };
      // A resume restarts the progressDeadlineSeconds clock (Argo's checkPausedConditions sets
      // Progressing/RolloutResumed), so a long pause is not counted as lack of progress.
      if (paused || status.pauseConditions.length > 0) status = { ...status, progressAt: now };
      if (status.pauseConditions.length > 0) {
        events.push({ t: now, type: 'Resumed', by: 'promote' });
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
      // Otherwise the CLI patches `currentStepIndex + 1` for a canary even when it also unpauses
      // `spec.paused` (getPatches in promote.go); a blue-green Rollout gets no status patch at all.
      if (steps === 0) return { status, paused: false, events };
      const next = Math.min(status.currentStepIndex + 1, steps);
      return { status: { ...status, currentStepIndex: next, controllerPause: false }, paused: false, events };
    }
    case 'promoteFull':
      if (promoted) return { status, paused: false, events };
      return {
        status: { ...status, promoteFull: true, abort: false, abortReason: '', pauseConditions: [], currentStepIndex: steps },
        paused: false,
        events,
      };
    case 'abort':
      if (promoted || status.abort) return { status, paused, events };
      events.push({ t: now, type: 'RolloutAborted', reason: 'aborted by operator' });
      return {
        status: { ...status, abort: true, abortedAt: now, abortReason: '', pauseConditions: [], controllerPause: false, currentStepIndex: 0, scaleDownAt: undefined },
        paused,
        events,
      };
    case 'retry':
      if (!status.abort) return { status, paused, events };
      return {
        status: {
          // The Progressing condition becomes RolloutRetry ("Retrying Rollout after abort"), which
          // restarts the progressDeadlineSeconds clock: time spent aborted is not lack of progress.
          ...status, abort: false, abortedAt: undefined, abortReason: '', deadlineMessage: '', progressAt: now, currentStepIndex: 0,
          announcedStep: -1, scaleDownAt: undefined, analysisKeys: [], previewScaledUp: false,
        },
        paused,
        events,
      };
    case 'pause':
      return { status, paused: true, events };
    case 'resume':
      if (!paused) return { status, paused: false, events };
      events.push({ t: now, type: 'Resumed', by: 'resume' });
      return { status: { ...status, progressAt: now }, paused: false, events };
    default: {
      const never: never = action;
      throw new Error(`unknown operator action ${String(never)}`);
    }
  }
}
