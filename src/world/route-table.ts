/**
 * Where the next request goes: weighted routes (stable/canary, or one Service over every pod),
 * plus per-cohort header routes and mirrors. Set by the run layer after every reconcile; read on
 * every arrival, so choosing is a few comparisons and never allocates.
 */
import type { Rng } from '../engine/rng.js';

/** One weighted destination: traffic share `weight` goes uniformly to ready pods of `rs`. */
export interface Route {
  readonly weight: number;
  readonly rs: readonly number[];
  readonly service: number;
}

/** A share of a cohort's requests copied to a ReplicaSet (setMirrorRoute): measured, never answered. */
export interface Mirror {
  readonly fraction: number;
  readonly rs: number;
  readonly service: number;
}

export class RouteTable {
  private routes: readonly Route[] = [];
  private total = 0;
  private byCohort: readonly (Route | undefined)[] = [];
  private mirrors: readonly (Mirror | undefined)[] = [];

  /** The weighted routes, and per cohort (by index) an optional header route and mirror. */
  set(routes: readonly Route[], byCohort: readonly (Route | undefined)[] = [], mirrors: readonly (Mirror | undefined)[] = []): void {
    this.routes = routes.filter((r) => r.weight > 0);
    this.total = this.routes.reduce((s, r) => s + r.weight, 0);
    this.byCohort = byCohort;
    this.mirrors = mirrors;
  }

  /**
   * The route for one request of `cohort`: its header route if any, else a weighted draw (one
   * uniform, only when there is a choice). Example: weights 80/20 and u = 0.85 → the second route.
   */
  choose(cohort: number, rng: Rng): Route | undefined {
    const header = this.byCohort[cohort];
    if (header !== undefined) return header;
    const routes = this.routes;
    if (routes.length <= 1) return routes[0];
    let u = rng.next() * this.total;
    for (const r of routes) {
      if (u < r.weight) return r;
      u -= r.weight;
    }
    return routes[routes.length - 1];
  }

  mirror(cohort: number): Mirror | undefined {
    return this.mirrors[cohort];
  }
}
