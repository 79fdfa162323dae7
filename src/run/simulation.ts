/**
 * `createSimulation`: one workload of a scenario with the full analysis system (AnalysisRuns,
 * the prometheus provider over the run's own series, the job provider as synthetic tests).
 *
 *   const sim = createSimulation(scenario, { store: createMetricStore() });
 *   sim.subscribe((e) => …);       // every trace event, in order
 *   sim.runUntil(scenario.duration);
 *   sim.finish();                  // emits the Summary
 */
import { substituteText } from '../analysis/run/substitute.js';
import type { AnalysisTemplate } from '../model/rollout.js';
import { lintWorkload } from '../lint/index.js';
import type { Scenario } from '../model/scenario.js';
import { lookbackMs } from '../promql/lookback.js';
import { parsePromQL } from '../promql/parse.js';
import { createAnalysisHost } from './analysis-host.js';
import type { AnalysisFactory } from './analysis-port.js';
import { combinedProvider, jobProvider } from './providers.js';
import { createSimulationCore, type SimulationOptions } from './simulation-core.js';

export type { Simulation, SimulationOptions } from './simulation-core.js';

/** Default synthetic suite size when a template uses the job provider but the scenario sets none. */
const DEFAULT_SYNTHETIC_CASES = 20;

/** Cohort indices the synthetic suite draws from (default: every cohort). */
function syntheticCohorts(scenario: Scenario): number[] {
  const names = scenario.syntheticTests?.cohorts ?? [];
  const all = scenario.traffic.cohorts.map((c, i) => ({ name: c.name, i }));
  const picked = names.length === 0 ? all : all.filter((c) => names.includes(c.name));
  return picked.map((c) => c.i);
}

export const ANALYSIS: AnalysisFactory = (deps) => {
  const { scenario, world, store, releaseReplicaSet } = deps;
  return createAnalysisHost(deps, combinedProvider(store, jobProvider(scenario, {
    ready: () => world.counts(releaseReplicaSet()).ready > 0,
    start: () => world.startSyntheticJob(releaseReplicaSet(), syntheticCohorts(scenario), scenario.syntheticTests?.cases ?? DEFAULT_SYNTHETIC_CASES),
    job: (id) => world.job(id),
    cancel: (id) => world.cancelSyntheticJob(id),
  })));
};

export function createSimulation(scenario: Scenario, opts: SimulationOptions) {
  return createSimulationCore(scenario, { queryLookbackMs: queryLookbackMs(scenario.analysisTemplates), ...opts }, ANALYSIS, lintWorkload);
}

/**
 * The longest span any template's prometheus query reads back (promql/lookback.ts), with each arg
 * at its template value (else a placeholder); a query that does not parse that way counts 0.
 * Example: one query `sum(rate(x[10m]))` → 600000; only `job` metrics → 0.
 */
export function queryLookbackMs(templates: readonly AnalysisTemplate[]): number {
  let longest = 0;
  for (const t of templates) {
    const args = t.args.map((a) => ({ name: a.name, value: a.value ?? 'x' }));
    for (const m of t.metrics) {
      const query = m.provider.prometheus?.query;
      const text = query === undefined ? undefined : substituteText(query, args);
      const parsed = text?.ok ? parsePromQL(text.value) : undefined;
      if (parsed?.ok) longest = Math.max(longest, lookbackMs(parsed.expr));
    }
  }
  return longest;
}
