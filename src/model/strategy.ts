/**
 * The one vocabulary for a workload's strategy. The trace, the Summary and every reporter name a
 * strategy by Argo's (and apps/v1's) spec field: `canary`, `blueGreen`, `rollingUpdate`, plus the
 * traffic router a canary uses. The display forms a reader meets — the plugin's `Strategy:` line
 * and the verdict table's words — are derived here and nowhere else.
 */
import type { Workload } from './rollout.js';

export type StrategyType = 'canary' | 'blueGreen' | 'rollingUpdate';

export interface Strategy {
  readonly type: StrategyType;
  /** The canary's `trafficRouting` router (istio, nginx, …); null without one, and for other strategies. */
  readonly router: string | null;
}

/**
 * Example: a Rollout with canary steps and `trafficRouting: {istio: …}` → {type: 'canary', router: 'istio'};
 * an apps/v1 Deployment → {type: 'rollingUpdate', router: null}.
 */
export function strategyOf(w: Workload): Strategy {
  if (w.kind === 'Deployment') return { type: 'rollingUpdate', router: null };
  if (w.strategy.type === 'blueGreen') return { type: 'blueGreen', router: null };
  return { type: 'canary', router: w.strategy.trafficRouting?.router ?? null };
}

/** The plugin's `Strategy:` line (`kubectl argo rollouts get rollout`). Example: 'blueGreen' → 'BlueGreen'. */
export function pluginStrategy(type: StrategyType): 'Canary' | 'BlueGreen' | 'RollingUpdate' {
  return type === 'canary' ? 'Canary' : type === 'blueGreen' ? 'BlueGreen' : 'RollingUpdate';
}

/**
 * The verdict table's words, which tell a learner what was raced: a canary without a router
 * shifts traffic only by pod ratio. Example: {canary, null} → 'basic canary'; {canary, 'istio'} → 'canary';
 * {blueGreen} → 'blue-green'; {rollingUpdate} → 'Deployment'.
 */
export function strategyLabel(s: Strategy): string {
  if (s.type === 'rollingUpdate') return 'Deployment';
  if (s.type === 'blueGreen') return 'blue-green';
  return s.router === null ? 'basic canary' : 'canary';
}

/** The strategy as the text timeline names it. Example: {canary, 'istio'} → 'canary (trafficRouting: istio)'; {blueGreen} → 'blueGreen'. */
export function strategyName(s: Strategy): string {
  return s.router === null ? s.type : `${s.type} (trafficRouting: ${s.router})`;
}
