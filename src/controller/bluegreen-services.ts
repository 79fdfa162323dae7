/**
 * The blue-green stages that move the Services: the preview follows the new ReplicaSet (Argo's
 * reconcilePreviewService), the active one switches to it when promotion allows (reconcileActiveService)
 * and goes back to the stable one after an abort. Each is pure: (context, status) → {status, effects}.
 */
import type { BlueGreenContext } from './bluegreen-context.js';
import { emitted, type StageResult } from './stage.js';
import type { RolloutStatus } from './status.js';

/**
 * Points a Service at `hash`: the switch effect, a ServiceSwitched event, the selector in status.
 * Example: ('active', 'v2') → effects [switchService active v2, emit ServiceSwitched agent-active
 * → v2], status.activeSelector 'v2'.
 */
export function switchService(c: BlueGreenContext, s: RolloutStatus, service: 'active' | 'preview', hash: string): StageResult {
  const name = service === 'active' ? c.strategy.activeService : (c.strategy.previewService as string);
  return {
    status: service === 'active' ? { ...s, activeSelector: hash } : { ...s, previewSelector: hash },
    effects: [{ type: 'switchService', service, hash }, emitted({ t: c.now, type: 'ServiceSwitched', service: name, to: hash })],
  };
}

/**
 * The preview Service follows the new ReplicaSet as soon as it exists (not once promoted or aborted).
 * Example: new v2, previewSelector v1 → effects [switchService preview v2, emit ServiceSwitched].
 */
export function reconcilePreviewService(c: BlueGreenContext, s: RolloutStatus): StageResult {
  if (c.promoted || s.abort || c.strategy.previewService === undefined || s.previewSelector === c.current) return { status: s, effects: [] };
  return switchService(c, s, 'preview', c.current);
}

/**
 * Abort: the active Service goes back to the stable ReplicaSet (all traffic to stable); the new
 * ReplicaSet stays for abortScaleDownDelaySeconds.
 * Example: aborted, stable v1, activeSelector v2 → effects [switchService active v1, emit
 * ServiceSwitched, emit WeightChanged 0/100 actual 0], status.activeSelector 'v1'.
 */
export function restoreActiveServiceOnAbort(c: BlueGreenContext, s: RolloutStatus): StageResult {
  if (!s.abort || s.activeSelector === s.stableRS || s.stableRS === undefined) return { status: s, effects: [] };
  const back = switchService(c, s, 'active', s.stableRS);
  return { status: back.status, effects: [...back.effects, emitted({ t: c.now, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 })] };
}

/**
 * Argo's reconcileActiveService: the cutover, all traffic to the new ReplicaSet.
 * Example: new v2 → effects [switchService active v2, emit ServiceSwitched, emit WeightChanged
 * 100/0 actual 100], status.activeSelector 'v2'.
 */
export function reconcileActiveService(c: BlueGreenContext, s: RolloutStatus): StageResult {
  const to = switchService(c, s, 'active', c.current);
  return { status: to.status, effects: [...to.effects, emitted({ t: c.now, type: 'WeightChanged', canary: 100, stable: 0, actual: 100 })] };
}
