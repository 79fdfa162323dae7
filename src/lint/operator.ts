/**
 * Rules `pause-without-operator` and `promotion-without-operator`: a Rollout that waits for a
 * person (an indefinite `pause: {}`, or blue-green `autoPromotionEnabled: false`) in a Scenario
 * whose spec.operator never promotes or aborts it ends the run `incomplete` — say so before the
 * run, not after an hour of simulated time. Cheap: no PromQL, no expr (every run checks this).
 */
import { formatDuration, MINUTE } from '../model/time.js';
import type { Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { warning, type Finding } from './types.js';

/**
 * Example: a canary with steps [setWeight: 20, pause: {}] in a Scenario with no spec.operator →
 * one `pause-without-operator` warning at steps[1], suggesting `[{at: 5m, action: promote}]`; with
 * `operator: [{at: 10m, action: promote}]` → none.
 */
export function lintOperator(scenario: Scenario, w: Workload): Finding[] {
  // A no-op update (the template is the stable image) starts nothing, so nothing waits.
  if (w.kind === 'Deployment' || w.image === scenario.stableImage) return [];
  const actions = scenario.operator.filter((op) => op.rollout === undefined || op.rollout === w.name).map((op) => op.action);
  // An abort ends the rollout and promote --full skips every pause: nothing waits any more
  // (`resume` only clears spec.paused).
  if (actions.some((a) => a === 'abort' || a === 'promoteFull')) return [];
  const promotes = actions.filter((a) => a === 'promote').length;
  const st = w.strategy;
  if (st.type === 'blueGreen') {
    if (st.autoPromotionEnabled || promotes > 0) return [];
    const at = st.sources?.autoPromotionEnabled ?? w.source;
    return [warning('promotion-without-operator', at, 'spec.strategy.blueGreen.autoPromotionEnabled',
      `Rollout "${w.name}" waits for a manual promotion (autoPromotionEnabled: false) and no spec.operator action promotes it: the run will end incomplete`,
      `add spec.operator: [{at: ${shortDuration(scenario.release.at + 5 * MINUTE)}, action: promote}] to the Scenario, as kubectl argo rollouts promote would`)];
  }
  // Each promote resumes one indefinite pause, in order; the first pause left over holds the run
  // (the ones after it are never reached, so one warning says it all).
  let before = scenario.release.at;
  let left = promotes;
  for (const [i, step] of st.steps.entries()) {
    if (!('pause' in step)) continue;
    if (step.pause.duration !== undefined) {
      before += step.pause.duration;
    } else if (left > 0) {
      left -= 1;
    } else {
      return [warning('pause-without-operator', step.source, `spec.strategy.canary.steps[${i}].pause`,
        `Rollout "${w.name}" pauses indefinitely at step ${i} (pause: {}) and no spec.operator action promotes it: the run will end incomplete`,
        `add spec.operator: [{at: ${shortDuration(before + 5 * MINUTE)}, action: promote}] to the Scenario, as kubectl argo rollouts promote would`)];
    }
  }
  return [];
}

/** A duration as a person writes it. Example: 600_000 → '10m'; 3_630_000 → '1h0m30s'; 0 → '0s'. */
export function shortDuration(ms: number): string {
  const s = formatDuration(ms);
  return s === '0s' ? s : s.replace(/(\d[hm])0s$/, '$1').replace(/(\d+h)0m$/, '$1');
}
