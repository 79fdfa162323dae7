/**
 * The rules `simulate lint` runs beyond the load-time warnings (DESIGN §9 and issue 12): the common
 * mistakes in a GitOps repo's manifests. Each returns findings with a stable rule id.
 * (Filled in by issue 12; the load-time warnings of run/compare never include these.)
 */
import type { Scenario } from '../model/scenario.js';
import type { Finding } from './types.js';

/** Every manifest rule over the loaded file: its workloads, its templates (referenced or not). */
export function manifestRules(_scenario: Scenario): Finding[] {
  return [];
}
