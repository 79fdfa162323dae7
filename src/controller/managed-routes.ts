/**
 * setHeaderRoute / setMirrorRoute: named routes a canary step puts in the router (argo-semantics
 * §4.5). A step with the route's name replaces it; one with no match removes it (for mirrors too:
 * Argo will not mirror without a match); the routes are
 * kept in `trafficRouting.managedRoutes` order, which is their precedence. A step may carry both
 * (and a setCanaryScale): rollout/trafficrouting.go reconcileTrafficRouting sets the header route,
 * then the mirror route, in the same reconcile.
 */
import type { CanaryStep, HeaderRouteAction, MirrorRouteAction } from '../model/rollout.js';
import type { ManagedRoute } from './status.js';

/**
 * Example: [] + setHeaderRoute {name: internal, match: [x-user: exact internal]} → [that header route];
 * then setHeaderRoute {name: internal} (no match) → []. A step with setHeaderRoute h and
 * setMirrorRoute m (both with matches) → [h, m] in managedRoutes order.
 */
export function withStepRoute(current: readonly ManagedRoute[], step: CanaryStep, order: readonly string[]): readonly ManagedRoute[] {
  const header: HeaderRouteAction | undefined = 'setHeaderRoute' in step ? step.setHeaderRoute : undefined;
  const mirror: MirrorRouteAction | undefined = 'setMirrorRoute' in step ? step.setMirrorRoute : undefined;
  let routes = current;
  if (header !== undefined) {
    routes = withRoute(routes, header.name, header.match.length > 0 ? { kind: 'header', name: header.name, match: header.match } : undefined, order);
  }
  if (mirror !== undefined) {
    // Argo requires a match on mirror routes "for safety": a step without one removes the route.
    const keep = mirror.match.length > 0 && mirror.percentage > 0;
    routes = withRoute(routes, mirror.name, keep ? { kind: 'mirror', name: mirror.name, percentage: mirror.percentage, match: mirror.match } : undefined, order);
  }
  return routes;
}

/** Puts `next` in place of the route called `name` (removes it when next is undefined); same array when nothing changes. */
function withRoute(current: readonly ManagedRoute[], name: string, next: ManagedRoute | undefined, order: readonly string[]): readonly ManagedRoute[] {
  const existing = current.find((r) => r.name === name);
  if (existing === undefined && next === undefined) return current;
  if (existing !== undefined && next !== undefined && JSON.stringify(existing) === JSON.stringify(next)) return current;
  const rest = current.filter((r) => r.name !== name);
  if (next === undefined) return rest;
  return [...rest, next].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}
