/**
 * Where user traffic goes, as a pure function of the workload's kind and status: which Service
 * selects which ReplicaSets and with what weight (the world picks a ready pod inside each).
 */
import type { RolloutStatus } from '../controller/status.js';
import type { Workload } from '../model/rollout.js';
import type { Route } from '../world/world.js';

/** How a workload splits traffic. */
export type TrafficModel = 'router' | 'pods' | 'activeService';

/** Example: a Deployment or a canary without trafficRouting → 'pods'; blue-green → 'activeService'. */
export function trafficModel(w: Workload): TrafficModel {
  if (w.kind === 'Deployment') return 'pods';
  if (w.strategy.type === 'blueGreen') return 'activeService';
  return w.strategy.trafficRouting === undefined ? 'pods' : 'router';
}

export interface RoutingContext {
  readonly model: TrafficModel;
  readonly rsByHash: ReadonlyMap<string, number>;
  /** Service indices in the world: the main/stable/active one and the canary/preview one. */
  readonly primaryService: number;
  readonly secondaryService: number;
}

/**
 * Example: router model, stable A, current B, canaryWeight 20 →
 * [{weight 80, rs [A], primary}, {weight 20, rs [B], secondary}].
 */
export function routesFor(ctx: RoutingContext, status: RolloutStatus): Route[] {
  const { model, rsByHash } = ctx;
  if (model === 'pods') return [{ weight: 100, rs: [...rsByHash.values()], service: ctx.primaryService }];
  if (model === 'activeService') {
    const active = rsByHash.get(status.activeSelector ?? status.stableRS ?? '');
    return active === undefined ? [] : [{ weight: 100, rs: [active], service: ctx.primaryService }];
  }
  const stable = rsByHash.get(status.stableRS ?? '');
  const routes: Route[] = stable === undefined ? [] : [{ weight: 100 - status.canaryWeight, rs: [stable], service: ctx.primaryService }];
  const canary = rsByHash.get(status.currentPodHash);
  if (status.canaryWeight > 0 && canary !== undefined && canary !== stable) {
    routes.push({ weight: status.canaryWeight, rs: [canary], service: ctx.secondaryService });
  }
  return routes;
}

/** The Service names a workload's traffic goes through: [primary, secondary]. */
export function serviceNames(w: Workload): [string, string] {
  if (w.kind === 'Deployment') return [w.name, w.name];
  const st = w.strategy;
  if (st.type === 'blueGreen') return [st.activeService, st.previewService ?? `${w.name}-preview`];
  if (st.trafficRouting === undefined) return [st.stableService ?? w.name, st.stableService ?? w.name];
  return [st.stableService ?? `${w.name}-stable`, st.canaryService ?? `${w.name}-canary`];
}
