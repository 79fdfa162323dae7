/** Questions about one workload of a scenario that the CLI and the core both ask. Pure. */
import type { RolloutAnalysis, Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';

/** Canary steps of a workload (0 for blue-green and Deployments). Example: steps 20/pause/50 → 3. */
export function stepCount(w: Workload): number {
  return w.kind === 'Rollout' && w.strategy.type === 'canary' ? w.strategy.steps.length : 0;
}

/**
 * Does this workload ever start an AnalysisRun? Example: a canary with an `analysis` step → true;
 * an apps/v1 Deployment → false.
 */
export function usesAnalysis(w: Workload): boolean {
  return analysesOf(w).some((a) => a !== undefined);
}

/** Every analysis the workload declares (undefined where a slot is empty). */
function analysesOf(w: Workload): (RolloutAnalysis | undefined)[] {
  if (w.kind === 'Deployment') return [];
  return w.strategy.type === 'canary'
    ? [w.strategy.analysis, ...w.strategy.steps.flatMap((s) => ('analysis' in s ? [s.analysis] : 'experiment' in s ? s.experiment.analyses.map((a) => a.analysis) : []))]
    : [w.strategy.prePromotionAnalysis, w.strategy.postPromotionAnalysis];
}

/**
 * Names of every template the workload's steps and analyses reference, once each, in order.
 * Example: background analysis 'error-rate' and a step analysis 'error-rate' → ['error-rate'].
 */
export function referencedTemplates(w: Workload): string[] {
  return [...new Set(analysesOf(w).flatMap((a) => (a === undefined ? [] : a.templates.map((t) => t.templateName))))];
}

/** The named workload, or the first. Example: pickWorkload(s, undefined) → s.workloads[0]. */
export function pickWorkload(scenario: Scenario, name: string | undefined): Workload {
  const w = name === undefined ? scenario.workloads[0] : scenario.workloads.find((x) => x.name === name);
  if (w === undefined) throw new Error(name === undefined ? 'scenario has no workload' : `no workload named ${name}`);
  return w;
}
