/**
 * The blue-green promotion stages: before the cutover, pre-promotion analysis, the pause (or
 * autoPromotionSeconds) and scaling a smaller preview to full size (Argo's reconcileBlueGreenPause,
 * scaleUpPreviewCheckPoint, reconcileActiveService); after it, post-promotion analysis gates marking
 * the new ReplicaSet stable (promoteStable). Each is pure: (context, status) → {status, effects}.
 */
import { SECOND } from '../model/time.js';
import { AnalysisContext } from './analysis.js';
import type { BlueGreenContext } from './bluegreen-context.js';
import { reconcileActiveService, restoreActiveServiceOnAbort } from './bluegreen-services.js';
import { Checklist, emitted, type StageResult } from './stage.js';
import type { Effect, RolloutStatus } from './status.js';

type Holds = StageResult & { holds: boolean };

/**
 * Runs the `kind` analysis if the strategy has one (not after promote --full): started once, then
 * Failed/Error aborts and Inconclusive pauses. `passed` once it is Successful, or when there is none.
 * Example: 'pre' configured, no run yet → effects [startAnalysis pre], status.analysisKeys ['pre'],
 * passed false; observed pre Successful → no effects, passed true.
 */
export function reconcilePromotionAnalysis(c: BlueGreenContext, s: RolloutStatus, kind: 'pre' | 'post'): StageResult & { passed: boolean } {
  const analysis = kind === 'pre' ? c.strategy.prePromotionAnalysis : c.strategy.postPromotionAnalysis;
  if (analysis === undefined || s.promoteFull) return { status: s, effects: [], passed: true };
  const effects: Effect[] = [];
  const a = new AnalysisContext(s, c.observed, effects);
  a.ensure(kind, kind, analysis);
  const outcome = a.actOn(kind, kind);
  return { status: a.status, effects, passed: outcome === 'successful' };
}

/**
 * Before the cutover, once the new ReplicaSet is saturated behind the preview (not while spec.paused):
 * pre-promotion analysis, then the pause, then a smaller preview to full size, then the switch. Each
 * may hold the rest for a later reconcile.
 * Example: autoPromotionEnabled, no analysis, no previewReplicaCount, new v2 saturated → effects
 * [switchService active v2, emit ServiceSwitched, emit WeightChanged 100/0], activeSelector 'v2'.
 */
export function reconcileBeforeSwitch(c: BlueGreenContext, s: RolloutStatus, { saturated }: { saturated: boolean }): StageResult {
  if (c.promoted || s.abort || c.switched || !saturated || c.observed.paused) return { status: s, effects: [] };
  const run = new Checklist(s);
  const pre = run.step((st) => reconcilePromotionAnalysis(c, st, 'pre'));
  if (!pre.passed || run.status.abort) return run.result();
  if (run.step((st) => reconcileBlueGreenPause(c, st)).holds) return run.result();
  if (run.step((st) => scaleUpPreview(c, st)).holds) return run.result();
  run.step((st) => reconcileActiveService(c, st));
  return run.result();
}

/**
 * Argo's reconcileBlueGreenPause: autoPromotionEnabled: false (or autoPromotionSeconds > 0) pauses
 * once before the cutover; autoPromotionSeconds ends it by itself. Once the preview was scaled to
 * full size (Argo's scaleUpPreviewCheckPoint) the pause is done.
 * Example: autoPromotionEnabled, autoPromotionSeconds 30, now 10 s, not paused yet → effects [emit
 * Paused BlueGreenPause, requeueAt 40 s], holds; at 40 s → effects [emit Resumed autoPromotionSeconds],
 * pauseConditions [], holds false.
 */
export function reconcileBlueGreenPause(c: BlueGreenContext, s: RolloutStatus): Holds {
  const st = c.strategy;
  const needsPause = (!st.autoPromotionEnabled || st.autoPromotionSeconds > 0) && !s.previewScaledUp;
  if (needsPause && !s.controllerPause && !s.promoteFull) {
    const paused = emitted({ t: c.now, type: 'Paused', reason: 'BlueGreenPause' });
    const requeue: Effect[] = st.autoPromotionEnabled ? [{ type: 'requeueAt', at: c.now + st.autoPromotionSeconds * SECOND }] : [];
    return { status: { ...s, pauseConditions: [{ reason: 'BlueGreenPause', startTime: c.now }], controllerPause: true }, effects: [paused, ...requeue], holds: true };
  }
  const pause = s.pauseConditions.find((p) => p.reason === 'BlueGreenPause');
  if (pause === undefined) return { status: s, effects: [], holds: false };
  if (!st.autoPromotionEnabled || c.now < pause.startTime + st.autoPromotionSeconds * SECOND) return { status: s, effects: [], holds: true };
  return { status: { ...s, pauseConditions: [] }, effects: [emitted({ t: c.now, type: 'Resumed', by: 'autoPromotionSeconds' })], holds: false };
}

/**
 * A preview smaller than spec.replicas is scaled to full size before the cutover (once).
 * Example: R=10, previewReplicaCount 3, not scaled up → effects [scale v2 10 (preview)],
 * status.previewScaledUp true, holds.
 */
function scaleUpPreview(c: BlueGreenContext, s: RolloutStatus): Holds {
  const count = c.strategy.previewReplicaCount;
  if (count === undefined || s.previewScaledUp || count === c.replicas) return { status: s, effects: [], holds: false };
  return { status: { ...s, previewScaledUp: true }, effects: [{ type: 'scale', hash: c.current, replicas: c.replicas, role: 'preview' }], holds: true };
}

/**
 * After the cutover: post-promotion analysis gates marking the new ReplicaSet stable; a failed run
 * aborts and the active Service goes back to the stable ReplicaSet.
 * Example: switched to v2, no post analysis, scaleDownDelaySeconds 30, now 100 s → effects [emit
 * RolloutPromoted, requeueAt 130 s], status {stableRS: v2, scaleDownHash: v1, scaleDownAt: 130 s}.
 */
export function reconcilePostPromotion(c: BlueGreenContext, s: RolloutStatus): StageResult {
  if (c.promoted || s.abort || s.activeSelector !== c.current) return { status: s, effects: [] };
  const run = new Checklist(s);
  const post = run.step((st) => reconcilePromotionAnalysis(c, st, 'post'));
  run.step((st) => restoreActiveServiceOnAbort(c, st));
  if (post.passed) run.step((st) => promoteStable(c, st));
  return run.result();
}

/** The new ReplicaSet becomes stable; the old one waits for scaleDownDelaySeconds. */
function promoteStable(c: BlueGreenContext, s: RolloutStatus): StageResult {
  const at = c.now + c.strategy.scaleDownDelaySeconds * SECOND;
  return {
    status: { ...s, stableRS: c.current, scaleDownHash: s.stableRS, scaleDownAt: at, controllerPause: false },
    effects: [emitted({ t: c.now, type: 'RolloutPromoted' }), { type: 'requeueAt', at }],
  };
}
