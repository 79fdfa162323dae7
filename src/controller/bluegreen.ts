/**
 * The blue-green checklist (argo-semantics §2.9): the new ReplicaSet comes up behind the preview
 * Service while the active Service keeps serving the stable one; once it is fully available the
 * Rollout pauses (autoPromotionEnabled: false, or autoPromotionSeconds > 0) or goes straight on,
 * scales to full size if it was previewing smaller, switches the active Service, marks the new
 * ReplicaSet stable and scales the old one down after scaleDownDelaySeconds.
 * Pure: `reconcileBlueGreen(rollout, status, observed) → {status, effects}`.
 */
import type { SimEvent } from '../model/events.js';
import type { BlueGreenStrategy, Rollout } from '../model/rollout.js';
import { SECOND } from '../model/time.js';
import { AnalysisContext, outcomeOf } from './analysis.js';
import { calculateBlueGreenPhase } from './phase.js';
import { trackProgress } from './progress.js';
import type { Effect, Observed, ObservedReplicaSet, ReconcileResult, RolloutStatus } from './status.js';

const NONE: ObservedReplicaSet = { replicas: 0, available: 0 };

export function reconcileBlueGreen(rollout: Rollout, status: RolloutStatus, observed: Observed): ReconcileResult {
  const st = rollout.strategy as BlueGreenStrategy;
  const R = rollout.replicas;
  const now = observed.now;
  const effects: Effect[] = [];
  const emit = (event: SimEvent): void => void effects.push({ type: 'emit', event });
  let s = status;

  // First deploy: the new ReplicaSet is stable at once; the active Service follows it when ready.
  if (s.stableRS === undefined) s = { ...s, stableRS: s.currentPodHash };
  const current = s.currentPodHash;
  const promoted = s.stableRS === current;
  const fresh = observed.replicaSets.get(current) ?? NONE;
  const old = observed.replicaSets.get(s.stableRS ?? '') ?? NONE;
  const switched = s.activeSelector === current;

  // 1. The preview Service follows the new ReplicaSet as soon as it exists.
  if (!promoted && !s.abort && st.previewService !== undefined && s.previewSelector !== current) {
    switchService('preview', current);
  }

  // 2. Abort: the active Service goes back to stable; the new ReplicaSet stays for the delay.
  if (s.abort && s.activeSelector !== s.stableRS && s.stableRS !== undefined) {
    switchService('active', s.stableRS);
    emit({ t: now, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 });
  }

  // 3. Scale: the new ReplicaSet to its preview (or full) size, the stable one kept at full size.
  const wantNew = s.abort ? abortedSize() : st.previewReplicaCount !== undefined && !s.previewScaledUp && !promoted ? st.previewReplicaCount : R;
  if (fresh.replicas !== wantNew && !(promoted && s.scaleDownHash === current)) scale(current, wantNew, switched || promoted ? 'active' : 'preview');
  if (!promoted && s.stableRS !== undefined && old.replicas !== R) scale(s.stableRS, R, 'active');
  const saturated = fresh.replicas === wantNew && fresh.available >= wantNew && wantNew > 0;

  // 4. Before the switch: pre-promotion analysis, pause (or autoPromotionSeconds), full size.
  const ax = new AnalysisContext(s, observed, effects);
  if (promoted || s.abort) ax.terminateRunning();
  s = ax.status;
  if (!promoted && !s.abort && !switched && saturated && !observed.paused) beforeSwitch();

  // 5. After the switch: post-promotion analysis gates marking the new ReplicaSet stable.
  if (!promoted && !s.abort && s.activeSelector === current && postPromotionPassed()) {
    emit({ t: now, type: 'RolloutPromoted' });
    const at = now + st.scaleDownDelaySeconds * SECOND;
    s = { ...s, stableRS: current, scaleDownHash: s.stableRS, scaleDownAt: at, controllerPause: false };
    effects.push({ type: 'requeueAt', at });
  }

  // 6. The old ReplicaSet past its scale-down deadline.
  if (s.scaleDownHash !== undefined && s.scaleDownAt !== undefined && now >= s.scaleDownAt) {
    const hash = s.scaleDownHash;
    s = { ...s, scaleDownHash: undefined, scaleDownAt: undefined };
    if ((observed.replicaSets.get(hash)?.replicas ?? 0) > 0) scale(hash, 0, s.abort ? 'preview' : 'active');
  }

  const progress = trackProgress(rollout, s, observed, s.pauseConditions.length > 0);
  s = progress.status;
  effects.push(...progress.effects);
  // Argo's waitingForBlueGreenPostPromotionAnalysis: a post-promotion run configured and not yet complete.
  const postOutcome = outcomeOf(observed, 'post').outcome;
  const waitingForPostAnalysis = st.postPromotionAnalysis !== undefined && (postOutcome === 'none' || postOutcome === 'running');
  const next = calculateBlueGreenPhase({ status: s, observed, replicas: R, paused: observed.paused, waitingForPostAnalysis });
  if (next.phase !== s.phase || next.message !== s.message) {
    emit({ t: now, type: 'PhaseChanged', phase: next.phase, message: next.message });
    s = { ...s, ...next };
  }
  return { status: s, effects };

  /** Runs `kind` analysis if the strategy has one; true once it passed (or there is none). */
  function analysisPassed(kind: 'pre' | 'post', analysis: typeof st.prePromotionAnalysis): boolean {
    if (analysis === undefined || s.promoteFull) return true;
    const a = new AnalysisContext(s, observed, effects);
    a.ensure(kind, kind, analysis);
    const r = a.outcome(kind);
    if (r.outcome === 'failed') a.abort(kind, r.message);
    else if (r.outcome === 'inconclusive') a.pauseInconclusive();
    s = a.status;
    return r.outcome === 'successful';
  }
  function postPromotionPassed(): boolean {
    const passed = analysisPassed('post', st.postPromotionAnalysis);
    if (s.abort && s.stableRS !== undefined) {
      switchService('active', s.stableRS);
      emit({ t: now, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 });
    }
    return passed;
  }

  function beforeSwitch(): void {
    if (!analysisPassed('pre', st.prePromotionAnalysis) || s.abort) return;
    // Once the preview was scaled to full size (Argo's scaleUpPreviewCheckPoint) the pause is done.
    const needsPause = (!st.autoPromotionEnabled || st.autoPromotionSeconds > 0) && !s.previewScaledUp;
    if (needsPause && !s.controllerPause && !s.promoteFull) {
      s = { ...s, pauseConditions: [{ reason: 'BlueGreenPause', startTime: now }], controllerPause: true };
      emit({ t: now, type: 'Paused', reason: 'BlueGreenPause' });
      if (st.autoPromotionEnabled) effects.push({ type: 'requeueAt', at: now + st.autoPromotionSeconds * SECOND });
      return;
    }
    const pause = s.pauseConditions.find((c) => c.reason === 'BlueGreenPause');
    if (pause !== undefined) {
      if (!st.autoPromotionEnabled || now < pause.startTime + st.autoPromotionSeconds * SECOND) return;
      emit({ t: now, type: 'Resumed', by: 'autoPromotionSeconds' });
      s = { ...s, pauseConditions: [] };
    }
    if (st.previewReplicaCount !== undefined && !s.previewScaledUp && st.previewReplicaCount !== R) {
      s = { ...s, previewScaledUp: true };
      scale(current, R, 'preview');
      return;
    }
    switchService('active', current);
    emit({ t: now, type: 'WeightChanged', canary: 100, stable: 0, actual: 100 });
  }

  /** After an abort the new ReplicaSet is kept abortScaleDownDelaySeconds (0 = forever), then 0. */
  function abortedSize(): number {
    if (st.abortScaleDownDelaySeconds === 0 || fresh.replicas === 0) return fresh.replicas;
    if (s.scaleDownAt === undefined) {
      const at = (s.abortedAt ?? now) + st.abortScaleDownDelaySeconds * SECOND;
      s = { ...s, scaleDownAt: at };
      effects.push({ type: 'requeueAt', at });
    }
    return now >= (s.scaleDownAt ?? Infinity) ? 0 : fresh.replicas;
  }

  function switchService(service: 'active' | 'preview', hash: string): void {
    effects.push({ type: 'switchService', service, hash });
    const name = service === 'active' ? st.activeService : (st.previewService as string);
    emit({ t: now, type: 'ServiceSwitched', service: name, to: hash });
    s = service === 'active' ? { ...s, activeSelector: hash } : { ...s, previewSelector: hash };
  }

  function scale(hash: string, replicas: number, role: 'active' | 'preview'): void {
    effects.push({ type: 'scale', hash, replicas, role });
  }
}
