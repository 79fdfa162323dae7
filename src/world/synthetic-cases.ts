/**
 * Sending a synthetic test job's cases (the `job` metric provider): cohorts round-robin, each case
 * to a ready pod of one ReplicaSet, with draws from the `synthetic` stream so tests never shift
 * user traffic. They load the pods and show in their metrics, but are never user traffic or harm.
 */
import type { Engine } from '../engine/engine.js';
import type { Rng } from '../engine/rng.js';
import type { Cluster } from './cluster.js';
import { SYNTHETIC, type RequestPool } from './requests.js';
import type { Servers } from './servers.js';
import type { SyntheticJobs } from './synthetic-jobs.js';

/** Cases come through the first Service registered (the run layer registers the primary one first). */
const FIRST_SERVICE = 0;

export class SyntheticCases {
  constructor(
    private readonly engine: Engine,
    private readonly pool: RequestPool,
    private readonly cluster: Cluster,
    private readonly jobs: SyntheticJobs,
    private readonly servers: Servers,
    /** The `synthetic` stream. */
    private readonly rng: Rng,
    /** Whether requests take a crash draw (`CohortModels.crashPossible`). */
    private readonly crashPossible: boolean,
  ) {}

  /**
   * Creates a job of `cases` cases and sends them all now; returns the job's id. A case that finds
   * no ready pod fails at once and counts as unreachable: a test Job's request to a Service with no
   * endpoints is refused, it does not wait (Argo starts the Job when the measurement starts, ready
   * pods or not: `metricproviders/job/job.go` `Run`).
   */
  start(rsId: number, cohorts: readonly number[], cases: number): number {
    const id = this.jobs.create(cases);
    const job = this.jobs.get(id);
    const pool = this.pool;
    for (let i = 0; i < cases; i++) {
      const pod = this.cluster.pickReadyPod([rsId], this.rng);
      if (pod === undefined) {
        job.done++;
        job.failed++;
        job.unreachable++;
        continue;
      }
      const r = pool.alloc();
      pool.arrival[r] = this.engine.now;
      pool.kind[r] = SYNTHETIC;
      pool.job[r] = id;
      pool.cohort[r] = cohorts[i % cohorts.length] as number;
      pool.draw(r, this.rng, this.crashPossible);
      this.servers.admit(r, pod, FIRST_SERVICE);
    }
    return id;
  }
}
