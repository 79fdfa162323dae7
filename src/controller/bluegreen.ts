/**
 * The blue-green checklist (argo-semantics §2.9, rollout/bluegreen.go rolloutBlueGreen): the new
 * ReplicaSet comes up behind the preview Service while the active Service keeps serving the stable
 * one; once it is fully available the Rollout pauses (autoPromotionEnabled: false, or
 * autoPromotionSeconds > 0) or goes straight on, scales to full size if it was previewing smaller,
 * switches the active Service, marks the new ReplicaSet stable and scales the old one down after
 * scaleDownDelaySeconds. Each stage lives in a `bluegreen-*.ts` file and is a pure
 * (context, status) → {status, effects}.
 * Pure: `reconcileBlueGreen(rollout, status, observed) → {status, effects}`.
 */
import type { Rollout } from '../model/rollout.js';
import { AnalysisContext, outcomeOf } from './analysis.js';
import { adoptFirstBlueGreenDeploy, blueGreenContext, type BlueGreenContext } from './bluegreen-context.js';
import { reconcileBeforeSwitch, reconcilePostPromotion } from './bluegreen-promotion.js';
import { reconcileBlueGreenReplicaSets } from './bluegreen-scaling.js';
import { reconcilePreviewService, restoreActiveServiceOnAbort } from './bluegreen-services.js';
import { calculateBlueGreenPhase } from './phase.js';
import { Checklist, scaleDownPastDelay, syncRolloutStatus, type StageResult } from './stage.js';
import type { Effect, Observed, ReconcileResult, RolloutStatus } from './status.js';

export function reconcileBlueGreen(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const first = adoptFirstBlueGreenDeploy(status);
  const c = blueGreenContext(rollout, first, observed);
  const run = new Checklist(first);
  run.step((s) => reconcilePreviewService(c, s));
  run.step((s) => restoreActiveServiceOnAbort(c, s));
  const { saturated } = run.step((s) => reconcileBlueGreenReplicaSets(c, s));
  run.step((s) => terminateAnalysisRuns(c, s));
  run.step((s) => reconcileBeforeSwitch(c, s, { saturated }));
  run.step((s) => reconcilePostPromotion(c, s));
  run.step((s) => scaleDownPastDelay(s, observed, s.abort ? 'preview' : 'active'));
  run.step((s) => syncRolloutStatusBlueGreen(rollout, c, s));
  return run.result();
}

/**
 * Promoted or aborted: every AnalysisRun of this attempt still going is terminated.
 * Example: aborted with 'pre' (in analysisKeys) Running → effects [terminateAnalysis pre]; status unchanged.
 */
function terminateAnalysisRuns(c: BlueGreenContext, s: RolloutStatus): StageResult {
  if (!c.promoted && !s.abort) return { status: s, effects: [] };
  const effects: Effect[] = [];
  new AnalysisContext(s, c.observed, effects).terminateRunning();
  return { status: s, effects };
}

/**
 * Argo's syncRolloutStatusBlueGreen tail: progressDeadlineSeconds (not counted while paused), then
 * phase and message, where waitingForBlueGreenPostPromotionAnalysis is a post-promotion run
 * configured and not yet complete.
 * Example: v2 at full size and available, switched to, the post run Running, phase 'Progressing'
 * 'active service cutover pending' → effects [emit PhaseChanged Progressing 'waiting for analysis
 * to complete'].
 */
function syncRolloutStatusBlueGreen(rollout: Rollout, c: BlueGreenContext, s: RolloutStatus): StageResult {
  const postOutcome = outcomeOf(c.observed, 'post').outcome;
  const waitingForPostAnalysis = c.strategy.postPromotionAnalysis !== undefined && (postOutcome === 'none' || postOutcome === 'running');
  const phaseOf = (status: RolloutStatus) => calculateBlueGreenPhase({ status, observed: c.observed, replicas: c.replicas, paused: c.observed.paused, waitingForPostAnalysis });
  return syncRolloutStatus(rollout, s, c.observed, s.pauseConditions.length > 0, phaseOf);
}
