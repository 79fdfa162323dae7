/**
 * One request's fate, decided from its own draws (taken once, at arrival) and the params of the
 * version serving it. Pure functions, called once per request on the hot path: they take numbers
 * and return numbers or booleans, so they allocate nothing and inline well.
 */
import { CODE_ERROR, CODE_OK, CODE_TIMEOUT } from './pod-metrics.js';
import type { ServiceParams } from './behaviour.js';
import { FAULT_CRASH, FAULT_ERROR, FAULT_NONE, type Fault, type RequestPool } from './requests.js';

/**
 * Service time in whole ms (at least 1): the lognormal exp(mu + sigma·z) at the request's normal draw.
 *
 * Example: median 900 ms, p99 4 s (mu = ln 900, sigma ≈ 0.641): z = 0 → 900; z = 2.326 → 4000.
 */
export function serviceTimeMs(p: ServiceParams, z: number): number {
  return Math.max(1, Math.round(Math.exp(p.mu + p.sigma * z)));
}

/**
 * The fault the draws give: a crash first (a crashing pod also fails the request), then an error.
 *
 * Example: crashRate 0.01, errorRate 0.05: uCrash 0.005 → FAULT_CRASH; uCrash 0.5 and uError 0.02
 * → FAULT_ERROR; uCrash 0.5 and uError 0.5 → FAULT_NONE.
 */
export function faultOf(p: ServiceParams, uCrash: number, uError: number): Fault {
  if (uCrash < p.crashRate) return FAULT_CRASH;
  return uError < p.errorRate ? FAULT_ERROR : FAULT_NONE;
}

/**
 * Whether the agent's task succeeds: never after an error, else with probability taskSuccess.
 *
 * Example: taskSuccess 0.9: uTask 0.5 → true; uTask 0.95 → false; any uTask with an error → false.
 */
export function taskSucceeds(p: ServiceParams, error: boolean, uTask: number): boolean {
  return !error && uTask < p.taskSuccess;
}

/**
 * Tokens a request generates: longer generations take longer, so they scale with its service
 * time over the mean (the mean request gets the mean `tokens`).
 *
 * Example: tokens 400, meanMs 1000: 500 ms → 200; 2500 ms → 1000.
 */
export function tokensOf(p: ServiceParams, serviceMs: number): number {
  return Math.round((p.tokens * serviceMs) / p.meanMs);
}

/**
 * The code a completed request reports (an index into `CODES`): an error, else a timeout when it
 * took longer than the agent's timeout (queueing included), else OK.
 *
 * Example: timeout 30000: (false, 1200) → CODE_OK; (false, 30001) → CODE_TIMEOUT; (true, 5) → CODE_ERROR.
 */
export function responseCode(error: boolean, latencyMs: number, timeoutMs: number): number {
  if (error) return CODE_ERROR;
  return latencyMs > timeoutMs ? CODE_TIMEOUT : CODE_OK;
}

/**
 * Counterfactual harm of request `r` served by the release (params `rel`, which erred or not and
 * took `relMs`): 1 when the stable version (`st`) would have done better with the same draws:
 * not erred, or succeeded at the task, or met the latency SLO where the release missed it.
 *
 * Example (SLO 2000 ms, neither version errs nor fails the task): the release takes 2500 ms and
 * stable would take 1800 ms → 1; stable would take 2100 ms as well → 0; the release takes 1500 ms → 0.
 */
export function harmOf(pool: RequestPool, r: number, rel: ServiceParams, st: ServiceParams, relError: boolean, relMs: number, sloMs: number): number {
  const stError = faultOf(st, pool.uCrash[r] as number, pool.uError[r] as number) !== FAULT_NONE;
  const uTask = pool.uTask[r] as number;
  const relTaskOk = taskSucceeds(rel, relError, uTask);
  const stTaskOk = taskSucceeds(st, stError, uTask);
  if ((relError && !stError) || (!relTaskOk && stTaskOk)) return 1;
  if (relMs <= sloMs) return 0;
  return serviceTimeMs(st, pool.z[r] as number) <= sloMs ? 1 : 0;
}
