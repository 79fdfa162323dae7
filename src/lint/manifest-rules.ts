/**
 * The rules `simulate lint` runs beyond the load-time warnings (DESIGN §9 and issue 12): the common
 * mistakes in a GitOps repo's manifests. Each returns findings with a stable rule id (types.ts).
 * The load-time warnings of run/compare (index.ts lintWorkload) never include these: a run warns
 * only about what cannot work, lint also about what works badly.
 */
import type { Scenario } from '../model/scenario.js';
import { conditionRules } from './rules-conditions.js';
import { queryRules } from './rules-queries.js';
import { blueGreenSyntheticOnly, deploymentWithoutRollout, rolloutWithoutAnalysis, setWeightNotIncreasing } from './rules-workloads.js';
import { uniqueFindings, type Finding } from './types.js';

/**
 * Every manifest rule over the loaded file: its workloads, its templates (referenced or not).
 * Example: a canary [setWeight 40, setWeight 20] with no analysis → rollout-without-analysis and
 * setweight-not-increasing.
 */
export function manifestRules(scenario: Scenario): Finding[] {
  return uniqueFindings([
    ...deploymentWithoutRollout(scenario),
    ...rolloutWithoutAnalysis(scenario),
    ...blueGreenSyntheticOnly(scenario),
    ...setWeightNotIncreasing(scenario),
    ...conditionRules(scenario),
    ...queryRules(scenario),
  ]);
}
