/**
 * User traffic: requests arrive as a Poisson process at the scenario's rate profile, one arrival
 * event at a time (each schedules the next). An arriving request picks its cohort, draws its own
 * random numbers and is routed. Every draw comes from the `traffic` stream in a fixed order, so
 * the arrivals are identical across strategies for one seed.
 */
import { WORLD, type Engine } from '../engine/engine.js';
import type { Rng } from '../engine/rng.js';
import type { Scenario } from '../model/scenario.js';
import { HISTORY, USER, type RequestPool } from './requests.js';
import type { Router } from './router.js';
import { arrivalClock, cumulative, pickCohort } from './traffic.js';

export class Arrivals {
  /** User requests that arrived so far. */
  count = 0;
  private readonly duration: number;
  private readonly cumShares: readonly number[];
  private readonly nextArrival: (t: number) => number;
  /** The next arrival's exact time (float ms), in a typed array so updating it allocates nothing. */
  private readonly nextAt = new Float64Array(1);
  private readonly arriveKind: number;

  constructor(
    scenario: Scenario,
    private readonly engine: Engine,
    private readonly pool: RequestPool,
    private readonly router: Router,
    /** The `traffic` stream. */
    private readonly rng: Rng,
    /** Whether requests take a crash draw (`CohortModels.crashPossible`). */
    private readonly crashPossible: boolean,
  ) {
    this.duration = scenario.duration;
    this.cumShares = cumulative(scenario.traffic.cohorts.map((c) => c.share));
    this.nextArrival = arrivalClock(scenario.traffic.rate, rng, scenario.duration);
    this.arriveKind = engine.register(this.onArrival);
  }

  /** Schedules the first arrival (none when it would fall past the scenario's end). */
  start(): void {
    this.scheduleAfter(this.engine.now);
  }

  /** Draws the arrival after `t` (exact ms) and schedules it at its rounded time, unless past the end. */
  private scheduleAfter(t: number): void {
    const at = this.nextArrival(t);
    this.nextAt[0] = at;
    if (at <= this.duration) this.engine.scheduleAt(Math.round(at), WORLD, this.arriveKind, 0);
  }

  /** The handler itself, an arrow field (see `Servers`): one arrival, and the next scheduled. */
  private readonly onArrival = (): void => {
    const t = this.engine.now;
    this.scheduleAfter(this.nextAt[0] as number);
    // Before t = 0 the world only builds history (run/history.ts): served and scraped like any
    // request, but no user of the scenario's window, so never counted, tallied or harmed.
    // Counted without a branch: a branch first taken at t = 0 has no type feedback, and the
    // optimized handler would deoptimize there and be compiled again (as would the others below).
    this.count += t >= 0 ? 1 : 0;
    const pool = this.pool;
    const r = pool.alloc();
    pool.arrival[r] = t;
    pool.kind[r] = t >= 0 ? USER : HISTORY;
    pool.cohort[r] = pickCohort(this.cumShares, this.rng.next());
    pool.draw(r, this.rng, this.crashPossible);
    this.router.route(r);
  };
}
