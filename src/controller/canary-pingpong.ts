/**
 * canary.pingPong (rollout/service.go reconcilePingAndPongService, sync.go promoteStable): while an
 * update is in progress the Service in the canary role — the one that is not
 * status.canary.stablePingPong — selects the new ReplicaSet; at promotion the roles swap, so the
 * Service that carried the canary now carries the stable and 100 % of traffic, and the other keeps
 * selecting the old ReplicaSet until the next update re-points it. Neither Service's selector moves
 * while it serves users, which is the point of the feature (ALB pod readiness gates).
 */
import type { CanaryContext } from './canary-context.js';
import { emitted, type StageResult } from './stage.js';
import type { RolloutStatus } from './status.js';

/**
 * Example: pingPong {ping: svc-ping, pong: svc-pong}, stable 'ping' selecting v1, update to v2 in
 * progress → effects [emit ServiceSwitched svc-pong → v2], status.pingPong.pong 'v2'; once
 * promoted → no effects.
 */
export function reconcilePingAndPongService(c: CanaryContext, s: RolloutStatus): StageResult {
  const pp = c.strategy.pingPong;
  if (pp === undefined || c.promoted) return { status: s, effects: [] };
  const role = s.pingPong.stable === 'ping' ? 'pong' : 'ping';
  if (s.pingPong[role] === s.currentPodHash) return { status: s, effects: [] };
  const service = role === 'ping' ? pp.pingService : pp.pongService;
  return {
    status: { ...s, pingPong: { ...s.pingPong, [role]: s.currentPodHash } },
    effects: [emitted({ t: c.now, type: 'ServiceSwitched', service, to: s.currentPodHash })],
  };
}

/**
 * promoteStable: with pingPong the stable role passes to the other Service.
 * Example: {stable: 'ping', ping: 'v1', pong: 'v2'} → {stable: 'pong', ping: 'v1', pong: 'v2'}.
 */
export function swapPingPong(c: CanaryContext, s: RolloutStatus): RolloutStatus {
  if (c.strategy.pingPong === undefined) return s;
  return { ...s, pingPong: { ...s.pingPong, stable: s.pingPong.stable === 'ping' ? 'pong' : 'ping' } };
}
