/**
 * `simulate lint`'s rule set: the load-time warnings of every workload plus the manifest rules
 * (manifest-rules.ts), deduplicated. `simulate run`/`compare` keep to the load-time warnings
 * (index.ts `lintWorkload`): a run warns only about what cannot work.
 */
import type { Scenario } from '../model/scenario.js';
import { lintWorkload } from './index.js';
import { manifestRules } from './manifest-rules.js';
import { trafficRules } from './rules-traffic.js';
import { uniqueFindings, type Finding } from './types.js';

/**
 * `traffic`: the file has a Scenario, so the rules that need its traffic run too (rules-traffic.ts);
 * plain manifests have only the loader's stand-in traffic, which would be an invented figure.
 * Example: a file whose Rollout names an unknown metric → its `query-unknown-metric` finding, once.
 */
export function lintFull(scenario: Scenario, options: { readonly traffic?: boolean } = {}): Finding[] {
  return uniqueFindings([
    ...scenario.workloads.flatMap((w) => lintWorkload(scenario, w)),
    ...manifestRules(scenario),
    ...(options.traffic === true ? trafficRules(scenario) : []),
  ]);
}
