/**
 * `createSimulation`: one workload of a scenario with the full analysis system (AnalysisRuns,
 * the prometheus provider over the run's own series, the job provider as synthetic tests).
 *
 *   const sim = createSimulation(scenario, { store: createMetricStore() });
 *   sim.subscribe((e) => …);       // every trace event, in order
 *   sim.runUntil(scenario.duration);
 *   sim.finish();                  // emits the Summary
 */
import { lintWorkload } from '../lint/index.js';
import type { Scenario } from '../model/scenario.js';
import { createAnalysisHost } from './analysis-host.js';
import type { AnalysisFactory } from './analysis-port.js';
import { combinedProvider, jobProvider } from './providers.js';
import { createSimulationCore, type SimulationOptions } from './simulation-core.js';
import { exportedFor, queryLookbackMs } from './template-queries.js';

export { queryLookbackMs } from './template-queries.js';

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
  }), scenario.providers?.web ?? [], scenario.providers?.kayenta ?? []));
};

export function createSimulation(scenario: Scenario, opts: SimulationOptions) {
  return createSimulationCore(scenario, { queryLookbackMs: queryLookbackMs(scenario.analysisTemplates), exported: exportedFor(scenario), ...opts }, ANALYSIS, lintWorkload);
}

