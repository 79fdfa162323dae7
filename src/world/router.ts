/**
 * Routing one user request, as the mesh or ingress would: its route (header route or weighted
 * draw), then a ready pod of that route's ReplicaSets; with no ready pod it is unserved. A share
 * of a cohort may also be mirrored: a copy, with the same draws, goes to a pod of the mirror's
 * ReplicaSet, measured there but never answering the user.
 */
import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/rng.js';
import type { Cluster } from './cluster.js';
import { MIRROR, USER, type RequestPool } from './requests.js';
import { RouteTable, type Mirror } from './route-table.js';
import type { Servers } from './servers.js';

export class Router {
  /** Set by the run layer after every reconcile (`World.setRoutes`). */
  readonly table = new RouteTable();
  /** User requests that found no ready pod on their route. */
  unserved = 0;
  /** Mirrored copies sent, completed or not. */
  mirrorsSent = 0;

  constructor(
    private readonly engine: Engine,
    private readonly pool: RequestPool,
    private readonly cluster: Cluster,
    private readonly servers: Servers,
    /** The `routing` stream: every routing choice draws from it, in this order. */
    private readonly rng: Rng,
  ) {}

  /** Sends user request `r` to a pod (a mirrored copy first, when its cohort is mirrored), or drops it as unserved. */
  route(r: number): void {
    const cohort = this.pool.cohort[r] as number;
    const chosen = this.table.choose(cohort, this.rng);
    const pod = chosen === undefined ? undefined : this.cluster.pickReadyPod(chosen.rs, this.rng);
    if (pod === undefined || chosen === undefined) {
      if (this.pool.kind[r] === USER) this.unserved++;
      this.pool.release(r);
      return;
    }
    const mirror = this.table.mirror(cohort);
    if (mirror !== undefined && this.rng.next() < mirror.fraction) this.sendMirror(r, mirror);
    this.servers.admit(r, pod, chosen.service);
  }

  /** A copy of request `r` (same draws: the same request) to a pod of the mirror's ReplicaSet. */
  private sendMirror(r: number, mirror: Mirror): void {
    const pod = this.cluster.pickReadyPod([mirror.rs], this.rng);
    if (pod === undefined) return;
    this.mirrorsSent++;
    const pool = this.pool;
    const m = pool.alloc();
    pool.arrival[m] = this.engine.now;
    pool.kind[m] = MIRROR;
    pool.copyDraws(r, m);
    this.servers.admit(m, pod, mirror.service);
  }
}
