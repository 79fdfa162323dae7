/**
 * progressDeadlineSeconds (argo-semantics §1.1): an update that makes no progress for that long
 * gets the condition ProgressDeadlineExceeded (phase Degraded), and with progressDeadlineAbort
 * also aborts. Time at a pause step, in a pause, or once promoted does not count.
 */
import type { Rollout } from '../model/rollout.js';
import { SECOND } from '../model/time.js';
import type { Effect, Observed, RolloutStatus } from './status.js';

/**
 * Example: deadline 600 s, counts unchanged since t = 100 s and not waiting: at t = 700 s the
 * deadline is exceeded; any change of replica counts or step resets the clock (and clears an
 * exceeded deadline: the Rollout is Progressing again).
 */
export function trackProgress(rollout: Rollout, s: RolloutStatus, observed: Observed, waiting: boolean): { status: RolloutStatus; effects: Effect[] } {
  const now = observed.now;
  const key = [...observed.replicaSets].map(([h, r]) => `${h}:${r.replicas}/${r.available}`).join(',') + `#${s.currentStepIndex}`;
  const idle = waiting || s.stableRS === s.currentPodHash || s.abort || observed.paused;
  if (key !== s.progressKey || idle) {
    const same = key === s.progressKey && s.progressAt === now;
    // Progress replaces a timed-out Progressing condition (ReplicaSetUpdated / NewReplicaSetAvailable),
    // so the phase leaves Degraded once the update moves again.
    const moved = key !== s.progressKey || s.stableRS === s.currentPodHash;
    const deadlineMessage = moved ? '' : s.deadlineMessage;
    if (same && deadlineMessage === s.deadlineMessage) return { status: s, effects: [] };
    return { status: { ...s, progressKey: key, progressAt: now, deadlineMessage }, effects: [] };
  }
  if (s.deadlineMessage !== '') return { status: s, effects: [] };
  const deadline = s.progressAt + rollout.progressDeadlineSeconds * SECOND;
  if (now < deadline) return { status: s, effects: [{ type: 'requeueAt', at: deadline }] };
  const message = `ProgressDeadlineExceeded: ReplicaSet "${rollout.name}-${s.currentPodHash}" has timed out progressing.`;
  if (!rollout.progressDeadlineAbort) return { status: { ...s, deadlineMessage: message }, effects: [] };
  return {
    status: { ...s, deadlineMessage: message, abort: true, abortedAt: now, abortReason: '', pauseConditions: [], currentStepIndex: 0, scaleDownAt: undefined },
    effects: [{ type: 'emit', event: { t: now, type: 'RolloutAborted', reason: message } }],
  };
}
