/**
 * The canary's scaling stage (Argo's reconcileCanaryReplicaSets): at most one scaling action per
 * reconcile, stable first, then the new ReplicaSet, then an old ReplicaSet past its delay, so the
 * counts move one observable change at a time as they do in Argo.
 */
import { SECOND } from '../model/time.js';
import { nextScaleAction, type ScaleAction } from './canary-replicas.js';
import type { CanaryContext } from './canary-context.js';
import { scaleDownPastDelay, type StageResult } from './stage.js';
import type { Effect, RolloutStatus } from './status.js';

type Scaled = StageResult & { scaled: boolean };

/**
 * Example: basic canary R=10 (25 %/25 %), status at step 0 (setWeight 20), v1 10/10 and v2 0/0 →
 * effects [scale v1 8 (stable)], scaled true; with v1 8/8 → effects [scale v2 2 (canary)].
 * Promoted with the stable at full size and an old ReplicaSet past scaleDownAt → effects [scale old 0].
 */
export function reconcileCanaryReplicaSets(c: CanaryContext, s: RolloutStatus): Scaled {
  const own = c.promoted ? reconcileCanaryStableReplicaSet(c, s) : reconcileStableAndNewReplicaSets(c, s);
  if (own.scaled) return own;
  const old = scaleDownPastDelay(own.status, c.observed, 'stable');
  return { ...old, effects: [...own.effects, ...old.effects] };
}

/** Promoted: the stable ReplicaSet back to spec.replicas if it is not there. */
function reconcileCanaryStableReplicaSet(c: CanaryContext, s: RolloutStatus): Scaled {
  if (c.stable.replicas === c.replicas) return { status: s, effects: [], scaled: false };
  return { status: s, effects: [{ type: 'scale', hash: s.stableRS as string, replicas: c.replicas, role: 'stable' }], scaled: true };
}

/** During an update: the one next action of the replica math, or the abort's delayed scale-down. */
function reconcileStableAndNewReplicaSets(c: CanaryContext, s: RolloutStatus): Scaled {
  // abortScaleDownDelaySeconds: 0 turns the delay off: the canary is then sized by the normal
  // formula at step 0 with weight 0 (kept only by a setCanaryScale there), as Argo's code does.
  const delayed = s.abort && c.routed && !c.dynamic && c.strategy.abortScaleDownDelaySeconds !== 0;
  const planned = delayed ? abortedRoutedAction(c, s) : { status: s, effects: [], action: nextScaleAction(c.counts) };
  if (planned.action === null) return { status: planned.status, effects: planned.effects, scaled: false };
  const { role, replicas } = planned.action;
  const hash = role === 'stable' ? (s.stableRS as string) : s.currentPodHash;
  return { status: planned.status, effects: [...planned.effects, { type: 'scale', hash, replicas, role }], scaled: true };
}

/**
 * After an abort (traffic-routed, no dynamicStableScale) the canary keeps its pods until the stable
 * is whole again, then for abortScaleDownDelaySeconds (default 30 s), then goes to 0.
 * Example: R=10, stable 10/10, canary 2 pods, no scaleDownAt, now 60 s → effects [requeueAt 90 s],
 * status.scaleDownAt 90 s, action null; the same at 90 s → action {canary, 0}.
 */
function abortedRoutedAction(c: CanaryContext, s: RolloutStatus): StageResult & { action: ScaleAction | null } {
  if (c.stable.replicas !== c.replicas) return { status: s, effects: [], action: { role: 'stable', replicas: c.replicas } };
  if (c.canary.replicas === 0 || c.stable.available < c.replicas) return { status: s, effects: [], action: null };
  let status = s;
  const effects: Effect[] = [];
  if (s.scaleDownAt === undefined) {
    const at = c.now + (c.strategy.abortScaleDownDelaySeconds ?? 30) * SECOND;
    status = { ...s, scaleDownAt: at, scaleDownHash: undefined };
    effects.push({ type: 'requeueAt', at });
  }
  const action = c.now >= (status.scaleDownAt ?? Infinity) ? { role: 'canary' as const, replicas: 0 } : null;
  return { status, effects, action };
}
