/**
 * The runs an `expect:` block is graded over: the scenario on each of its seeds (spec.seed and the
 * ones after it), start to finish, each with its healthy twin where it aborts. Pure and
 * deterministic: the same scenario gives the same Summaries.
 */
import { createMetricStore } from '../metrics/store.js';
import type { SummaryFields } from '../model/events.js';
import type { Expectations } from '../model/expect.js';
import type { Scenario } from '../model/scenario.js';
import { allPassed, gradeExpectations, type ExpectationResult } from './expect.js';
import { createSimulation } from './simulation.js';

export interface Graded {
  readonly seeds: readonly number[];
  readonly summaries: readonly SummaryFields[];
  readonly results: readonly ExpectationResult[];
  readonly passed: boolean;
}

/**
 * The seeds graded: `count` of them from `first`, wrapping at 2^32 as seeds do.
 * Example: gradeSeeds(7, 3) → [7, 8, 9].
 */
export function gradeSeeds(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (first + i) % 4_294_967_296);
}

/** One seed's Summary of the workload `expect.rollout` names (default: the one `run` picks). */
export function summaryOf(scenario: Scenario, seed: number, rollout: string | undefined): SummaryFields {
  const sim = createSimulation(scenario, { store: createMetricStore(), seed, ...(rollout === undefined ? {} : { workload: rollout }) });
  sim.runUntil(scenario.duration);
  return sim.finish();
}

/**
 * Grades the scenario's expectations. `first` (an already-run seed's Summary) is reused rather
 * than run again.
 */
export function grade(scenario: Scenario, e: Expectations, o: { readonly seed?: number; readonly first?: SummaryFields } = {}): Graded {
  const seeds = gradeSeeds(o.seed ?? scenario.seed, e.seeds);
  const summaries = seeds.map((seed, i) => (i === 0 && o.first !== undefined ? o.first : summaryOf(scenario, seed, e.rollout)));
  const results = [...gradeExpectations(e, summaries), ...gradeWhenRegressed(scenario, e, seeds)];
  return { seeds, summaries, results, passed: allPassed(results) };
}

/**
 * `whenRegressed`: the same seeds with the release's regressions replaced by its own, each result
 * marked so. Example: {regressions: [{metric: errorRate, to: 0.2}], checks: [caught: true]} over
 * one seed → [{text: 'whenRegressed caught: true', measured: ['true'], …}].
 */
function gradeWhenRegressed(scenario: Scenario, e: Expectations, seeds: readonly number[]): ExpectationResult[] {
  const w = e.whenRegressed;
  if (w === undefined) return [];
  const regressed: Scenario = { ...scenario, release: { ...scenario.release, regressions: w.regressions } };
  const summaries = seeds.map((seed) => summaryOf(regressed, seed, e.rollout));
  return gradeExpectations({ ...e, checks: w.checks }, summaries).map((r) => ({ ...r, text: `whenRegressed ${r.text}` }));
}
