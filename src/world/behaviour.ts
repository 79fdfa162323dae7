/**
 * How a version serves one request: the lognormal service time, and the error, task-success,
 * token and crash probabilities, with the release's regressions applied. Pure functions of
 * (scenario, cohort, pod age, pod utilisation); the world calls them once per request.
 */
import { lognormalMeanMs, lognormalSigma } from '../model/latency.js';
import type { Behaviour, Regression, Scenario } from '../model/scenario.js';

/** Everything needed to turn one request's draws into its outcome. Mutable scratch, reused. */
export interface ServiceParams {
  /** ln(median service ms). */
  mu: number;
  /** lognormal shape: ln(p99 / median) / z99. */
  sigma: number;
  errorRate: number;
  taskSuccess: number;
  /** Mean tokens per request. */
  tokens: number;
  /** Mean service time in ms, exp(mu + sigma²/2): a request's tokens scale with its time over this. */
  meanMs: number;
  crashRate: number;
}

/**
 * The one shape every ServiceParams of a run has. Its fields start as NaN, a double, so V8 stores
 * each as a double from the first object on: a literal whose `crashRate` is 0 (a small integer)
 * and another whose is 0.01 would otherwise get two hidden classes, and the per-request functions
 * that read them (serviceTimeMs, faultOf, …) would deoptimize and recompile each time a new one
 * appears (the sweep builds them afresh for every arm). Example: paramsCopy(p) equals p field by
 * field and shares the hidden class of every other copy.
 */
class Params implements ServiceParams {
  mu = NaN;
  sigma = NaN;
  errorRate = NaN;
  taskSuccess = NaN;
  tokens = NaN;
  meanMs = NaN;
  crashRate = NaN;
}

/** Copies every field of `p` into `out` (no allocation: the request path reuses `out`). */
function assign(out: ServiceParams, p: ServiceParams): ServiceParams {
  out.mu = p.mu;
  out.sigma = p.sigma;
  out.errorRate = p.errorRate;
  out.taskSuccess = p.taskSuccess;
  out.tokens = p.tokens;
  out.meanMs = p.meanMs;
  out.crashRate = p.crashRate;
  return out;
}

/** A copy of `p` in the run's one ServiceParams shape (see `Params`). */
export function paramsCopy(p: ServiceParams): ServiceParams {
  return assign(new Params(), p);
}

/**
 * Example: {median: 900ms, p99: 4s} gives mu = ln 900 ≈ 6.802 and sigma = ln(4000/900)/2.326 ≈ 0.641,
 * so exp(mu + sigma·z) is 900 ms at z = 0 and 4000 ms at z = 2.326.
 */
export function paramsOf(b: Behaviour): ServiceParams {
  const out = new Params();
  out.mu = Math.log(b.latency.median);
  out.sigma = lognormalSigma(b.latency);
  out.errorRate = b.errorRate;
  out.taskSuccess = b.taskSuccess;
  out.tokens = b.tokens;
  out.meanMs = lognormalMeanMs(b.latency);
  out.crashRate = b.crashRate;
  return out;
}

/**
 * Strength in [0, 1] of a regression on a pod of this age and utilisation: 0 before `after`,
 * ramping linearly over `ramp`, and 0 while utilisation is below `whenUtilizationAbove`.
 *
 * Example: after 20m, ramp 10m: age 15m → 0; age 25m → 0.5; age 40m → 1.
 */
export function regressionStrength(r: Regression, podAge: number, utilization: number): number {
  if (podAge < r.after) return 0;
  if (r.whenUtilizationAbove !== undefined && utilization < r.whenUtilizationAbove) return 0;
  if (r.ramp <= 0) return 1;
  return Math.min(1, (podAge - r.after) / r.ramp);
}

/**
 * Is any of the regressions active for a request served now? Example: [{after: 10m}] on a pod ready
 * for 5 min → false; at 12 min → true; [] → false.
 */
export function regressionActive(regressions: readonly Regression[], podAge: number, utilization: number): boolean {
  for (const r of regressions) if (regressionStrength(r, podAge, utilization) > 0) return true;
  return false;
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** The value `r` moves `base` to at full strength (to / base + delta / base × factor). */
function target(r: Regression, base: number): number {
  if (r.to !== undefined) return r.to;
  if (r.delta !== undefined) return base + r.delta;
  return base * (r.factor ?? 1);
}

/**
 * Applies regressions (already filtered to the request's cohort) at strength s each, into `out`.
 * Latency and token factors scale multiplicatively; probabilities move linearly toward their target.
 *
 * Example: errorRate 0.005 with {metric: errorRate, to: 0.06} at strength 1 gives 0.06; at 0.5, 0.0325.
 */
export function applyRegressions(
  base: ServiceParams,
  regressions: readonly Regression[],
  podAge: number,
  utilization: number,
  out: ServiceParams,
): ServiceParams {
  assign(out, base);
  for (const r of regressions) {
    const s = regressionStrength(r, podAge, utilization);
    if (s === 0) continue;
    switch (r.metric) {
      case 'latency': {
        const f = 1 + s * ((r.factor ?? 1) - 1);
        out.mu += Math.log(f);
        out.meanMs *= f;
        break;
      }
      case 'tokens':
        out.tokens *= 1 + s * ((r.factor ?? 1) - 1);
        break;
      case 'errorRate':
        out.errorRate = clamp01(out.errorRate + s * (target(r, out.errorRate) - out.errorRate));
        break;
      case 'taskSuccess':
        out.taskSuccess = clamp01(out.taskSuccess + s * (target(r, out.taskSuccess) - out.taskSuccess));
        break;
      case 'crashRate':
        out.crashRate = clamp01(out.crashRate + s * (target(r, out.crashRate) - out.crashRate));
        break;
      default: {
        const never: never = r.metric;
        throw new Error(`unknown regression metric ${String(never)}`);
      }
    }
  }
  return out;
}

/** Per cohort (by index): the stable params and the regressions that touch the release. */
export interface CohortModels {
  readonly stable: readonly ServiceParams[];
  readonly regressions: readonly (readonly Regression[])[];
  /**
   * The release's params when they never change (no regression depends on pod age or load):
   * computed once instead of per request. Undefined for cohorts whose release params vary.
   */
  readonly release: readonly (ServiceParams | undefined)[];
  /** True when any version can crash: only then is a crash draw taken per request. */
  readonly crashPossible: boolean;
}

export function cohortModels(scenario: Scenario): CohortModels {
  const cohorts = scenario.traffic.cohorts;
  const stable = cohorts.map((c) => paramsOf(scenario.agent.cohorts[c.name] ?? scenario.agent.base));
  const regressions = cohorts.map((c) =>
    scenario.release.regressions.filter((r) => r.cohort === undefined || r.cohort === c.name),
  );
  const crashPossible =
    stable.some((p) => p.crashRate > 0) || scenario.release.regressions.some((r) => r.metric === 'crashRate');
  const isStatic = (r: Regression): boolean => r.after === 0 && r.ramp <= 0 && r.whenUtilizationAbove === undefined;
  const release = stable.map((p, i) => {
    const regs = regressions[i] ?? [];
    return regs.every(isStatic) ? applyRegressions(p, regs, 0, 0, paramsCopy(p)) : undefined;
  });
  return { stable, regressions, release, crashPossible };
}
