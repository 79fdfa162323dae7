/**
 * `compare`: several workloads of one scenario raced on identical traffic. Every simulation uses
 * the same seed, so the `traffic` stream gives every panel the same arrivals, cohorts and per-request
 * draws (common random numbers); only routing and the controller differ. They advance on one shared
 * clock, so a live view shows the same instant in every panel.
 */
import { createMetricStore } from '../metrics/store.js';
import type { SummaryFields } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import type { Sampler } from './simulation-core.js';
import { createSimulation, type Simulation } from './simulation.js';

export interface ComparisonOptions {
  /** Workloads to race (default: the scenario's `compare` list). */
  readonly names?: readonly string[];
  readonly seed?: number;
  /** Sample events in every panel's trace (the live view, a jsonl trace). */
  readonly sampler?: Sampler;
}

export type Comparison = ReturnType<typeof createComparison>;

/**
 * Example: createComparison(s, {names: ['agent-canary', 'agent-deployment']}) → two simulations that
 * see the same user requests; runUntil(t) moves both to t; finish() returns their Summaries in order.
 */
export function createComparison(scenario: Scenario, opts: ComparisonOptions = {}) {
  const names = opts.names ?? scenario.compare;
  const sims: Simulation[] = names.map((name) =>
    createSimulation(scenario, {
      store: createMetricStore(), workload: name,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.sampler !== undefined ? { sampler: opts.sampler } : {}),
    }),
  );
  let now = 0;
  return {
    sims,
    names,
    get now() {
      return now;
    },
    /** Advances every simulation to `t` (capped at the scenario's duration), in panel order. */
    runUntil(t: number): void {
      now = Math.min(t, scenario.duration);
      for (const sim of sims) sim.runUntil(now);
    },
    finish(): SummaryFields[] {
      return sims.map((sim) => sim.finish());
    },
  };
}
