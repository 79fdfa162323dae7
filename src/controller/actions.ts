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
      if (status.pauseConditions.some((c) => c.reason === 'InconclusiveAnalysisRun')) {
        // An inconclusive step analysis is skipped; background/pre/post runs start afresh.
        events.push({ t: now, type: 'Resumed', by: 'promote' });
        const skipStep = inconclusiveKeys.includes(`step:${status.currentStepIndex}`);
        const analysisKeys = status.analysisKeys.filter((k) => k.startsWith('step:') || !inconclusiveKeys.includes(k));
        const currentStepIndex = skipStep ? Math.min(status.currentStepIndex + 1, steps) : status.currentStepIndex;
        return { status: { ...status, pauseConditions: [], controllerPause: false, analysisKeys, currentStepIndex }, paused: false, events };
      }
      if (status.pauseConditions.length > 0) {
        events.push({ t: now, type: 'Resumed', by: 'promote' });
        return { status: { ...status, pauseConditions: [] }, paused: false, events };
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
          ...status, abort: false, abortedAt: undefined, abortReason: '', deadlineMessage: '', currentStepIndex: 0,
          announcedStep: -1, scaleDownAt: undefined, analysisKeys: [], previewScaledUp: false,
        },
        paused,
        events,
      };
    case 'pause':
      return { status, paused: true, events };
    case 'resume':
      if (paused) events.push({ t: now, type: 'Resumed', by: 'resume' });
      return { status, paused: false, events };
    default: {
      const never: never = action;
      throw new Error(`unknown operator action ${String(never)}`);
    }
  }
}
