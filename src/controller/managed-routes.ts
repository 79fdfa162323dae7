/**
 * setHeaderRoute / setMirrorRoute: named routes a canary step puts in the router (argo-semantics
 * §4.5). A step with the route's name replaces it; one with no match removes it (for mirrors too:
 * Argo will not mirror without a match); the routes are
 * kept in `trafficRouting.managedRoutes` order, which is their precedence.
 */
import type { CanaryStep } from '../model/rollout.js';
import type { ManagedRoute } from './status.js';

/**
 * Example: [] + setHeaderRoute {name: internal, match: [x-user: exact internal]} → [that header route];
 * then setHeaderRoute {name: internal} (no match) → [].
 */
export function withStepRoute(current: readonly ManagedRoute[], step: CanaryStep, order: readonly string[]): readonly ManagedRoute[] {
  let next: ManagedRoute | undefined;
  let name: string | undefined;
  if ('setHeaderRoute' in step) {
    name = step.setHeaderRoute.name;
    if (step.setHeaderRoute.match.length > 0) next = { kind: 'header', name, match: step.setHeaderRoute.match };
  } else if ('setMirrorRoute' in step) {
    name = step.setMirrorRoute.name;
    // Argo requires a match on mirror routes "for safety": a step without one removes the route.
    const m = step.setMirrorRoute;
    if (m.match.length > 0 && m.percentage > 0) next = { kind: 'mirror', name, percentage: m.percentage, match: m.match };
  }
  if (name === undefined) return current;
  const existing = current.find((r) => r.name === name);
  if (existing !== undefined && next !== undefined && JSON.stringify(existing) === JSON.stringify(next)) return current;
  const rest = current.filter((r) => r.name !== name);
  if (next === undefined) return rest;
  return [...rest, next].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}
