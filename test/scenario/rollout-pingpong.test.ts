/**
 * Canary `pingPong` (`pkg/apis/rollouts/validation/validation.go`): loaded into the model (the
 * controller swaps the Services' roles, test/controller/pingpong.test.ts); not blamed for missing
 * canaryService/stableService — Argo's `requireCanaryStableServices` exempts ALB and host-level
 * Istio when pingPong is set — and what pingPong requires instead (`ValidateRolloutStrategyCanary`)
 * is reported in Argo's words.
 */
import { describe, expect, it } from 'vitest';
import { canary, canaryOf, messages, rollout, where, withScenario } from './helpers.js';

describe('canary pingPong', () => {
  it('an ALB pingPong canary without canaryService/stableService loads, routing through ping and pong', () => {
    const text = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        alb: {ingress: ing, rootService: root, servicePort: 80}\n')));
    expect(canaryOf(text).pingPong).toEqual({ pingService: 'ping', pongService: 'pong', routes: true });
  });

  it('host-level Istio is exempt too (ping/pong route when no stable/canary Service is set); other routers still need both Services', () => {
    const istio = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n')));
    expect(canaryOf(istio).pingPong).toEqual({ pingService: 'ping', pongService: 'pong', routes: true });
    // service_helper.go GetStableAndCanaryServices: Istio prefers stableService/canaryService when set.
    const both = withScenario(rollout(canary('      canaryService: c\n      stableService: s\n      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n')));
    expect(canaryOf(both).pingPong).toEqual({ pingService: 'ping', pongService: 'pong', routes: false });
    const nginx = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        nginx: {stableIngress: ing}\n')));
    expect(messages(nginx)).toEqual([
      `${where(nginx, 'pingPong:')}: spec.strategy.canary.stableService: Canary service and Stable service must to be set to use Traffic Routing`,
      `${where(nginx, 'pingPong:')}: spec.strategy.canary.canaryService: Canary service and Stable service must to be set to use Traffic Routing`,
      `${where(nginx, 'nginx:')}: spec.strategy.canary.trafficRouting.alb: Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only`,
    ]);
  });

  it('pingPong needs two different services and, with ALB, a rootService', () => {
    const text = withScenario(rollout(canary('      pingPong: {pingService: same, pongService: same}\n      trafficRouting:\n        alb: {ingress: ing, servicePort: 80}\n')));
    expect(messages(text)).toEqual([
      `${where(text, 'same,')}: spec.strategy.canary.pingPong.pingService: This rollout uses the same service for the ping and pong services, but two different services are required.`,
      `${where(text, '{ingress: ing')}: spec.strategy.canary.trafficRouting.alb.rootService: Root service field is required for the configuration with ALB and ping-pong feature enabled`,
    ]);
    const missing = withScenario(rollout(canary('      pingPong: {pingService: ping}\n      trafficRouting:\n        alb: {ingress: ing, rootService: root, servicePort: 80}\n')));
    expect(messages(missing)).toEqual([
      `${where(missing, '{pingService: ping}')}: spec.strategy.canary.pingPong.pongService: Ping service and Pong service must to be set to use Ping-Pong feature`,
    ]);
  });
});
