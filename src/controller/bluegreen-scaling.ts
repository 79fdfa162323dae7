/**
 * The blue-green scaling stage (Argo's reconcileBlueGreenReplicaSets): the new ReplicaSet to its
 * preview (or full) size, the stable one kept at full size, and after an abort the new one kept for
 * abortScaleDownDelaySeconds, then scaled to 0.
 */
import { SECOND } from '../model/time.js';
import type { BlueGreenContext } from './bluegreen-context.js';
import type { StageResult } from './stage.js';
import type { Effect, RolloutStatus } from './status.js';

/**
 * `saturated` is Argo's IsSaturated: the new ReplicaSet at its wanted size with every pod available,
 * which gates the pause and the cutover.
 * Example: R=10, previewReplicaCount 3, new v2 at 0 pods, stable v1 10/10 → effects [scale v2 3
 * (preview)], saturated false; with v2 3/3 → no effects, saturated true.
 */
export function reconcileBlueGreenReplicaSets(c: BlueGreenContext, s: RolloutStatus): StageResult & { saturated: boolean } {
  const { strategy: st, replicas: R, fresh } = c;
  const aborted = s.abort ? abortedSize(c, s) : undefined;
  const status = aborted?.status ?? s;
  const effects: Effect[] = [...(aborted?.effects ?? [])];
  const unaborted = st.previewReplicaCount !== undefined && !s.previewScaledUp && !c.promoted ? st.previewReplicaCount : R;
  const wantNew = aborted?.size ?? unaborted;
  if (fresh.replicas !== wantNew && !(c.promoted && status.scaleDownHash === c.current)) {
    effects.push({ type: 'scale', hash: c.current, replicas: wantNew, role: c.switched || c.promoted ? 'active' : 'preview' });
  }
  if (!c.promoted && status.stableRS !== undefined && c.old.replicas !== R) effects.push({ type: 'scale', hash: status.stableRS, replicas: R, role: 'active' });
  const saturated = fresh.replicas === wantNew && fresh.available >= wantNew && wantNew > 0;
  return { status, effects, saturated };
}

/**
 * After an abort the new ReplicaSet is kept abortScaleDownDelaySeconds (0 = forever) from the abort,
 * then goes to 0.
 * Example: delay 30 s, aborted at 60 s, new at 10 pods, no scaleDownAt → effects [requeueAt 90 s],
 * status.scaleDownAt 90 s, size 10; at 90 s → size 0.
 */
function abortedSize(c: BlueGreenContext, s: RolloutStatus): StageResult & { size: number } {
  const delay = c.strategy.abortScaleDownDelaySeconds;
  if (delay === 0 || c.fresh.replicas === 0) return { status: s, effects: [], size: c.fresh.replicas };
  let status = s;
  const effects: Effect[] = [];
  if (s.scaleDownAt === undefined) {
    const at = (s.abortedAt ?? c.now) + delay * SECOND;
    status = { ...s, scaleDownAt: at };
    effects.push({ type: 'requeueAt', at });
  }
  return { status, effects, size: c.now >= (status.scaleDownAt ?? Infinity) ? 0 : c.fresh.replicas };
}
