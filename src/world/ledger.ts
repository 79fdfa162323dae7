/**
 * Where a finished request is counted. Every request shows in its pod's series (metrics see all
 * traffic alike); beyond that, by kind: a synthetic case in its job, a mirrored copy in the mirror
 * tally (no user saw its answer), a user request in its version's tally and to the observer.
 */
import type { Engine } from '../engine/engine.js';
import { CODE_OK } from './pod-metrics.js';
import { isHarmed, responseCode } from './outcome.js';
import type { Pod } from './pods.js';
import { FAULT_NONE, MIRROR, SYNTHETIC, USER, type RequestPool } from './requests.js';
import type { SyntheticJobs } from './synthetic-jobs.js';
import { VersionTally } from './tally.js';
import type { WorldOptions } from './world-types.js';

export class Ledger {
  /** User requests by the version that served them (index: STABLE_VERSION, RELEASE_VERSION). */
  readonly tallies = [new VersionTally(), new VersionTally()] as const;
  /** Mirrored copies, measured like user requests but apart from them: they never answer users. */
  readonly mirrorTally = new VersionTally();
  /**
   * By version, + 2 before t = 0: the two versions' tallies, then (twice) one for the history
   * before t = 0 that nobody reads. History is counted there rather than skipped so the optimized `record` has
   * run its tally code before t = 0 and does not deoptimize when the first user request completes.
   */
  private readonly userTallies: readonly VersionTally[];
  private readonly engine: Engine;
  private readonly timeout: number;
  private readonly slo: number;

  constructor(
    private readonly opts: WorldOptions,
    private readonly pool: RequestPool,
    private readonly jobs: SyntheticJobs,
  ) {
    this.engine = opts.engine;
    this.timeout = opts.scenario.agent.timeout ?? Infinity;
    this.slo = opts.scenario.slo.latency;
    const history = new VersionTally();
    this.userTallies = [this.tallies[0], this.tallies[1], history, history];
  }

  /** Counts request `r`, finished now at `pod`; `failed` when a crash cut it short (it errs, whatever its draws). */
  record(r: number, pod: Pod, failed: boolean): void {
    const pool = this.pool;
    const now = this.engine.now;
    const latency = now - (pool.arrival[r] as number);
    const code = responseCode(failed || pool.fault[r] !== FAULT_NONE, latency, this.timeout);
    const taskOk = !failed && pool.taskOk[r] === 1 && code === CODE_OK;
    const c = pool.cohort[r] as number;
    pod.metrics.record(c, code, latency / 1000, taskOk, pool.tokens[r] as number, pool.service[r] as number, pool.kind[r] !== SYNTHETIC);
    // Harm is settled here, end to end: a release request that waited in a queue past the SLO
    // harms its user when stable's service time alone would have met it (outcome.ts harmOf).
    const harmed = isHarmed(pool.harmed[r] as number, latency, this.slo);
    if (pool.kind[r] === SYNTHETIC) return this.jobs.onFinished(r, failed || harmed);
    if (pool.kind[r] === MIRROR) return this.mirrorTally.add(latency, code !== CODE_OK, taskOk, false);
    const kind = pool.kind[r] as number; // USER or HISTORY now
    (this.userTallies[pod.version + (kind === USER ? 0 : 2)] as VersionTally).add(latency, code !== CODE_OK, taskOk, harmed);
    const observe = this.opts.onComplete;
    if (observe !== undefined && kind === USER) observe({
      arrival: pool.arrival[r] as number, completion: now, cohort: c, version: pod.version,
      podAge: now - pod.readyAt, serviceMs: pool.serviceMs[r] as number, z: pool.z[r] as number, uError: pool.uError[r] as number,
      uTask: pool.uTask[r] as number, code, taskOk, harmed,
    });
  }
}
