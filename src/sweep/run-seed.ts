/**
 * One task of a sweep: one cell's scenario on one seed, as the run it is and, when it configures
 * a regression, as its healthy twin (the same seed with the regressions removed, run/twin.ts).
 * Pure: the same (scenario, seed, horizon) gives the same record on any thread or machine.
 */
import { createMetricStore } from '../metrics/store.js';
import type { SummaryFields } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import { createSimulation } from '../run/simulation.js';
import { twinScenario } from '../run/twin.js';
import { pickWorkload } from '../run/workload.js';
import type { Horizon } from './plan.js';
import { recordOf, type SeedRecord } from './record.js';

/** The decision is checked this often (sim ms): a run stops within a second after it. */
const CHUNK_MS = 1000;

/**
 * Runs one arm and returns its Summary. Horizon 'decision' stops at the end of the simulated
 * second in which the rollout was aborted or promoted (nothing after it changes the verdict, and
 * the rest of spec.duration is most of a run's cost); 'end' runs to spec.duration as `simulate run`
 * does. Either way the Summary is the one `simulate run --seed S --until T` prints for that T.
 */
export function runArm(scenario: Scenario, workload: string, seed: number, horizon: Horizon): SummaryFields {
  const sim = createSimulation(scenario, { store: createMetricStore(), seed, workload });
  let decided = false;
  sim.subscribe((e) => {
    if (e.type === 'RolloutAborted' || e.type === 'RolloutPromoted') decided = true;
  });
  if (horizon === 'end') sim.runUntil(scenario.duration);
  else for (let t = CHUNK_MS; ; t += CHUNK_MS) {
    sim.runUntil(Math.min(t, scenario.duration));
    if (decided || t >= scenario.duration) break;
  }
  return sim.finish();
}

/**
 * Example: canary-tool-call-regression, seed 7 → {regressed: {outcome: 'aborted', inEffect: true,
 * caught: true, detectedAfter: 320000, …}, healthy: {outcome: 'promoted', …}}; a scenario without
 * regressions → {regressed: null, healthy: <its own run>}.
 */
export function runSeed(scenario: Scenario, workload: string | undefined, seed: number, horizon: Horizon): SeedRecord {
  const name = pickWorkload(scenario, workload).name;
  const run = runArm(scenario, name, seed, horizon);
  if (!run.regressionConfigured) return recordOf(null, run);
  return recordOf(run, runArm(twinScenario(scenario, name, []), name, seed, horizon));
}
