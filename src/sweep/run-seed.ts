/**
 * One task of a sweep: one cell's scenario on one seed, as the run it is and, when it configures
 * a regression, as its healthy twin (the same seed with the regressions removed, run/twin.ts).
 * Pure: the same (scenario, seed, horizon) gives the same record on any thread or machine.
 */
import { createMetricStore } from '../metrics/store.js';
import type { SummaryFields } from '../model/events.js';
import type { Scenario } from '../model/scenario.js';
import { WorkLimitError } from '../model/work-limit.js';
import { createAbortCauses } from '../run/abort-cause.js';
import { createSimulation, type SimulationOptions } from '../run/simulation.js';
import { twinScenario } from '../run/twin.js';
import { pickWorkload } from '../run/workload.js';
import type { Horizon } from './plan.js';
import { recordOf, type SeedRecord } from './record.js';

/** The decision is checked this often (sim ms). */
const CHUNK_MS = 1000;
/** After an abort the run goes on this long: release requests still in flight finish (and count if harmed). */
const AFTER_ABORT_MS = 60_000;

/**
 * Runs one arm and returns its Summary. Horizon 'end' runs to spec.duration as `simulate run`
 * does. Horizon 'decision' stops once nothing left can change the arm's figures, the rest of
 * spec.duration being most of a run's cost: a minute after an abort (the release's requests in
 * flight finish); at a promotion only when `untilPromotion` (the healthy arm, which harms no one);
 * a promoted regression runs on to spec.duration, harming users all the while.
 * Either way the Summary is the one `simulate run --seed S --until T` prints for the T it stopped at.
 */
export function runArm(scenario: Scenario, workload: string, seed: number, horizon: Horizon, untilPromotion: boolean, twin?: SimulationOptions['twin']): { summary: SummaryFields; firstAbort: FirstAbort | undefined } {
  const causes = createAbortCauses();
  // A healthy arm with no operator abort is its own twin: its first abort is the twin's.
  const own = untilPromotion && scenario.operator.every((a) => a.action !== 'abort') ? (until: number) => firstBy(causes.first(), until) : undefined;
  const judge = twin ?? own;
  const sim = createSimulation(scenario, { store: createMetricStore(), seed, workload, ...(judge === undefined ? {} : { twin: judge }) });
  sim.subscribe(causes.observe);
  let stopAt = Infinity;
  if (horizon === 'decision') {
    sim.subscribe((e) => {
      if (e.type === 'RolloutAborted') stopAt = Math.min(stopAt, e.t + AFTER_ABORT_MS);
      if (e.type === 'RolloutPromoted' && untilPromotion) stopAt = Math.min(stopAt, e.t);
    });
  }
  if (horizon === 'end') sim.runUntil(scenario.duration);
  else for (let t = CHUNK_MS; ; t += CHUNK_MS) {
    sim.runUntil(Math.min(t, scenario.duration));
    if (t >= stopAt || t >= scenario.duration) break;
  }
  return { summary: sim.finish(), firstAbort: causes.first() };
}

type FirstAbort = NonNullable<ReturnType<NonNullable<SimulationOptions['twin']>>>;

/** The first abort if it came by `until`. */
function firstBy(first: FirstAbort | undefined, until: number): FirstAbort | undefined {
  return first !== undefined && first.t <= until ? first : undefined;
}

/**
 * Example: canary-tool-call-regression, seed 7 → {regressed: {outcome: 'aborted', inEffect: true,
 * caught: true, detectedAfter: 320000, …}, healthy: {outcome: 'promoted', …}}; a scenario without
 * regressions → {regressed: null, healthy: <its own run>}.
 */
export function runSeed(scenario: Scenario, workload: string | undefined, seed: number, horizon: Horizon): SeedRecord {
  try {
    return runArms(scenario, workload, seed, horizon);
  } catch (e) {
    // Which seed went past a work limit is what the user needs to reproduce it with `simulate run --seed`.
    if (e instanceof WorkLimitError) throw new WorkLimitError(`seed ${seed}: ${e.message}`);
    throw e;
  }
}

function runArms(scenario: Scenario, workload: string | undefined, seed: number, horizon: Horizon): SeedRecord {
  const name = pickWorkload(scenario, workload).name;
  if (scenario.release.regressions.length === 0) return recordOf(null, runArm(scenario, name, seed, horizon, true).summary);
  // The healthy twin first, to its decision: the regressed arm's Summary judges its abort against
  // it rather than playing the same twin again (a promoted twin never aborts later; sweeps send no live actions).
  const healthy = runArm(twinScenario(scenario, name, []), name, seed, horizon, true);
  const run = runArm(scenario, name, seed, horizon, false, (until) => firstBy(healthy.firstAbort, until)).summary;
  return run.regressionConfigured ? recordOf(run, healthy.summary) : recordOf(null, run);
}
