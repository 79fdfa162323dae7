/**
 * The canary stages that decide what traffic sees: the router weight (Argo's
 * reconcileTrafficRouting; for a basic canary the pods are the split) and the setHeaderRoute /
 * setMirrorRoute routes in force. Each is pure: (context, status) → {status, effects}.
 */
import { actualWeightFromPods } from './canary-replicas.js';
import type { CanaryContext } from './canary-context.js';
import { withStepRoute } from './managed-routes.js';
import { emitted, type StageResult } from './stage.js';
import type { Effect, RolloutStatus } from './status.js';
import { previousSetWeight, walkBackWeight } from './steps.js';

/**
 * The canary weight the router should carry now (argo-semantics §4.2); for a basic canary, the
 * setWeight whose pod counts apply. Argo only raises the router weight once the canary pods for
 * the step are in place, and walks it back step by step after an abort with dynamicStableScale.
 * Example: routed, steps [setWeight 20, setWeight 50], at step 1 with the canary still at 2 of 5
 * pods → 20 (the previous setWeight); once at 5 available → 50.
 */
export function desiredCanaryWeight(c: CanaryContext, s: RolloutStatus): number {
  if (!c.routed) return c.promoted ? 0 : c.weight;
  if (s.abort && c.dynamic && !c.promoted) return walkBackWeight(c.steps, s.canaryWeight, c.stable.available, c.replicas, c.maxWeight);
  if (c.promoted || s.abort || c.canary.available === 0) return 0;
  // promote --full never raises the weight: it stays put (dynamicStableScale: what the ready canary
  // pods carry, capped — a setCanaryScale above R may still have extra pods) until the canary is
  // fully available and becomes the stable.
  if (s.promoteFull) return c.dynamic ? Math.min(c.maxWeight, Math.floor((100 * c.canary.available) / c.replicas)) : s.canaryWeight;
  // Not yet at the step's counts: the last setWeight before this step, also after the last step
  // (so a setWeight skipped by promote while scaling still gets its weight, as in Argo).
  if (!c.atTarget) return previousSetWeight(c.steps, c.stepIndex);
  return c.weight;
}

/**
 * Argo's reconcileTrafficRouting: sets the router weight when it moved and records the weight in
 * force and the actual share (pods for a basic canary), with a WeightChanged event.
 * Example: routed, status at step 0 (setWeight 20) with canaryWeight 0 and the canary ReplicaSet
 * at 2/2 of R=10 → effects [setWeight 20, emit WeightChanged 20/80 actual 20], status.canaryWeight 20.
 */
export function reconcileTrafficRouting(c: CanaryContext, s: RolloutStatus): StageResult {
  const canaryWeight = desiredCanaryWeight(c, s);
  const actualWeight = c.routed ? canaryWeight : c.promoted ? 0 : actualWeightFromPods(c.canary.available, c.stable.available);
  if (canaryWeight === s.canaryWeight && actualWeight === s.actualWeight) return { status: s, effects: [] };
  const effects: Effect[] = c.routed ? [{ type: 'setWeight', canary: canaryWeight }] : [];
  effects.push(emitted({ t: c.now, type: 'WeightChanged', canary: canaryWeight, stable: c.maxWeight - canaryWeight, actual: actualWeight }));
  return { status: { ...s, canaryWeight, actualWeight }, effects };
}

/**
 * Header and mirror routes: set by their steps (once announced), gone once promoted, aborted,
 * promoted --full or the canary has no available pod (argo-semantics §4.5). Status only, no effects:
 * the run layer reads `managedRoutes`. Unchanged routes keep the same array.
 * Example: at step 2 (setHeaderRoute internal, match x-user: exact internal), announced, canary
 * 1/1 available → managedRoutes [header internal]; the same status after an abort → [].
 */
export function reconcileManagedRoutes(c: CanaryContext, s: RolloutStatus): StageResult {
  const clearRoutes = c.promoted || s.abort || s.promoteFull || c.canary.available === 0;
  const step = s.announcedStep === c.stepIndex ? c.step : undefined;
  const routes = clearRoutes ? [] : step !== undefined ? withStepRoute(s.managedRoutes, step, c.strategy.trafficRouting?.managedRoutes ?? []) : s.managedRoutes;
  const same = routes.length === s.managedRoutes.length && routes.every((r, i) => r === s.managedRoutes[i]);
  return { status: same ? s : { ...s, managedRoutes: routes }, effects: [] };
}
