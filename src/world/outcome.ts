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

/** Harm as decided when service starts (`harmOf`), settled at completion (`isHarmed`). */
export const HARM_NONE = 0;
/** Harmed whatever its latency: it errs or fails its task where stable would not have. */
export const HARM_YES = 1;
/** Harmed if it misses the latency SLO end to end (queue included): stable's service time alone would have met it. */
export const HARM_IF_LATE = 2;
export type Harm = typeof HARM_NONE | typeof HARM_YES | typeof HARM_IF_LATE;

/**
 * Counterfactual harm of request `r` served by the release (params `rel`; `relError`: it erred;
 * `relMs`: its service time), against its stable counterpart (params `st`, the same draws, served
 * without a queue). HARM_YES when stable would not have erred where the release did, or would
 * have succeeded at the task where the release did not. Otherwise, when stable's service time
 * meets the SLO: on a pod the release has slowed (`queueCounts`: a latency regression was in
 * effect there, so its queue is the release's doing) HARM_IF_LATE, settled at completion on the
 * latency end to end, queueing included (`isHarmed`); on any other pod the release queues as
 * stable would, so only its service time counts (HARM_YES when it misses the SLO). Else HARM_NONE.
 *
 * Example (SLO 2000 ms, neither version errs nor fails the task): stable would take 1800 ms on a
 * slowed pod → HARM_IF_LATE (harmed if the user waits more than 2000 ms, queue included); on an
 * unslowed pod with the release also taking 1800 ms → HARM_NONE; stable would take 2100 ms →
 * HARM_NONE whatever the release did; the release errs where stable would not → HARM_YES.
 */
export function harmOf(pool: RequestPool, r: number, rel: ServiceParams, st: ServiceParams, relError: boolean, relMs: number, sloMs: number, queueCounts: boolean): Harm {
  const stError = faultOf(st, pool.uCrash[r] as number, pool.uError[r] as number) !== FAULT_NONE;
  const uTask = pool.uTask[r] as number;
  const relTaskOk = taskSucceeds(rel, relError, uTask);
  const stTaskOk = taskSucceeds(st, stError, uTask);
  if ((relError && !stError) || (!relTaskOk && stTaskOk)) return HARM_YES;
  if (serviceTimeMs(st, pool.z[r] as number) > sloMs) return HARM_NONE;
  if (queueCounts) return HARM_IF_LATE;
  return relMs > sloMs ? HARM_YES : HARM_NONE;
}

/**
 * Whether a finished request was harmed, given its harm at service start and its latency end to
 * end (arrival to completion). Example (SLO 6000 ms): (HARM_IF_LATE, 6500) → true;
 * (HARM_IF_LATE, 5200) → false; (HARM_YES, 100) → true; (HARM_NONE, 30000) → false.
 */
export function isHarmed(harm: number, latencyMs: number, sloMs: number): boolean {
  return harm === HARM_YES || (harm === HARM_IF_LATE && latencyMs > sloMs);
}
