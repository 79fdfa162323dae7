/**
 * Canary `pingPong`: Argo's own rules about it, in its words; it exempts ALB and host-level Istio
 * from needing canaryService/stableService (`pkg/apis/rollouts/validation/validation.go`:
 * `ValidateRolloutStrategyCanary`, `requireCanaryStableServices`).
 */
import { fail } from './validate.js';
import type { Cx } from './validate.js';
import { getKey, getString } from './yaml-doc.js';

const P = 'spec.strategy.canary';

/** The parsed `trafficRouting` as far as these rules look at it (router configs are kept as is). */
interface Routers {
  readonly alb?: unknown;
  readonly istio?: unknown;
  readonly plugins?: unknown;
}

/**
 * Reports Argo's pingPong rules for the canary at `canaryNode`; true when pingPong is set.
 * Example: `pingPong: {pingService: a, pongService: a}` with `alb: {ingress: i}` → "This rollout
 * uses the same service for the ping and pong services, …" at pingPong.pingService and "Root
 * service field is required …" at trafficRouting.alb.rootService; returns true.
 */
export function checkPingPong(cx: Cx, canaryNode: unknown, tr: Routers | undefined): boolean {
  const node = getKey(cx.sd, canaryNode, 'pingPong');
  if (node === undefined) return false;
  if (tr !== undefined && tr.alb === undefined && tr.istio === undefined && tr.plugins === undefined) {
    fail(cx, `${P}.trafficRouting.alb`, 'Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only');
  }
  const ping = getString(cx.sd, node, 'pingService') ?? '';
  const pong = getString(cx.sd, node, 'pongService') ?? '';
  const required = 'Ping service and Pong service must to be set to use Ping-Pong feature';
  if (ping === '') fail(cx, `${P}.pingPong.pingService`, required);
  if (pong === '') fail(cx, `${P}.pingPong.pongService`, required);
  if (ping === pong) fail(cx, `${P}.pingPong.pingService`, 'This rollout uses the same service for the ping and pong services, but two different services are required.');
  if (tr?.alb !== undefined && getString(cx.sd, getKey(cx.sd, getKey(cx.sd, canaryNode, 'trafficRouting'), 'alb'), 'rootService') === undefined) {
    fail(cx, `${P}.trafficRouting.alb.rootService`, 'Root service field is required for the configuration with ALB and ping-pong feature enabled');
  }
  return true;
}
