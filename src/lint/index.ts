/**
 * The lint rule engine: every rule over one workload of a loaded scenario, as findings with a
 * stable rule id, a position and a fix. `simulate run`/`compare` print them as load-time warnings
 * (and the trace carries them as Warning events); `simulate lint` will run the same rules.
 * Pure: no I/O.
 *
 *   for (const f of lintWorkload(scenario, scenario.workloads[0])) console.error(formatFinding(f));
 *   // scenarios/x.yaml:31:25: warning: successCondition of metric "error-rate" names "reslt", … (did you mean "result"? …)
 */
import type { Workload } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';
import { measuredMetrics } from './analyses.js';
import { lintConditions } from './conditions.js';
import { lintOperator } from './operator.js';
import { lintQuery } from './queries.js';
import { queryFacts } from './query-facts.js';
import { uniqueFindings, type Finding } from './types.js';

export { formatFinding, uniqueFindings, type Finding, type RuleId, type Severity } from './types.js';
export { lintOperator } from './operator.js';

/**
 * Every rule over one workload: its operator-dependent waits, then each metric its AnalysisRuns
 * will measure (conditions, then the query), once each.
 */
export function lintWorkload(scenario: Scenario, w: Workload): Finding[] {
  const metrics = measuredMetrics(scenario, w);
  const facts = metrics.some((m) => m.metric.provider.prometheus !== undefined) ? queryFacts(scenario, w) : undefined;
  const found = [
    ...lintOperator(scenario, w),
    ...metrics.flatMap((m) => [...lintConditions(m), ...(facts === undefined ? [] : lintQuery(m, facts))]),
  ];
  return uniqueFindings(found);
}
