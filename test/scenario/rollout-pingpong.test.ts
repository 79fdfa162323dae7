/**
 * Canary `pingPong` (`pkg/apis/rollouts/validation/validation.go`): it is not simulated, so it is
 * refused by name, but it is not also blamed for missing canaryService/stableService — Argo's
 * `requireCanaryStableServices` exempts ALB and host-level Istio when pingPong is set — and what
 * pingPong requires instead (`ValidateRolloutStrategyCanary`) is reported in Argo's words.
 */
import { describe, expect, it } from 'vitest';
import { canary, messages, rollout, where, withScenario } from './helpers.js';

const NOT_SIMULATED = 'spec.strategy.canary.pingPong: canary pingPong (ping/pong services) is not simulated (use canaryService and stableService)';

describe('canary pingPong', () => {
  it('an ALB pingPong canary without canaryService/stableService: only "not simulated"', () => {
    const text = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        alb: {ingress: ing, rootService: root, servicePort: 80}\n')));
    expect(messages(text)).toEqual([`${where(text, 'pingPong:')}: ${NOT_SIMULATED}`]);
  });

  it('host-level Istio is exempt too; other routers still need both Services', () => {
    const istio = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n')));
    expect(messages(istio)).toEqual([`${where(istio, 'pingPong:')}: ${NOT_SIMULATED}`]);
    const nginx = withScenario(rollout(canary('      pingPong: {pingService: ping, pongService: pong}\n      trafficRouting:\n        nginx: {stableIngress: ing}\n')));
    expect(messages(nginx)).toEqual([
      `${where(nginx, 'pingPong:')}: ${NOT_SIMULATED}`,
      `${where(nginx, 'pingPong:')}: spec.strategy.canary.stableService: Canary service and Stable service must to be set to use Traffic Routing`,
      `${where(nginx, 'pingPong:')}: spec.strategy.canary.canaryService: Canary service and Stable service must to be set to use Traffic Routing`,
      `${where(nginx, 'nginx:')}: spec.strategy.canary.trafficRouting.alb: Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only`,
    ]);
  });

  it('pingPong needs two different services and, with ALB, a rootService', () => {
    const text = withScenario(rollout(canary('      pingPong: {pingService: same, pongService: same}\n      trafficRouting:\n        alb: {ingress: ing, servicePort: 80}\n')));
    expect(messages(text)).toEqual([
      `${where(text, 'pingPong:')}: ${NOT_SIMULATED}`,
      `${where(text, 'same,')}: spec.strategy.canary.pingPong.pingService: This rollout uses the same service for the ping and pong services, but two different services are required.`,
      `${where(text, '{ingress: ing')}: spec.strategy.canary.trafficRouting.alb.rootService: Root service field is required for the configuration with ALB and ping-pong feature enabled`,
    ]);
    const missing = withScenario(rollout(canary('      pingPong: {pingService: ping}\n      trafficRouting:\n        alb: {ingress: ing, rootService: root, servicePort: 80}\n')));
    expect(messages(missing)).toEqual([
      `${where(missing, 'pingPong:')}: ${NOT_SIMULATED}`,
      `${where(missing, 'pingPong:')}: spec.strategy.canary.pingPong.pongService: Ping service and Pong service must to be set to use Ping-Pong feature`,
    ]);
  });
});
