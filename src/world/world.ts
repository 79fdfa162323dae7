/**
 * The simulated cluster: traffic arrives (Poisson), is routed to a ready pod of a ReplicaSet per
 * the current routes, waits in the pod's FIFO queue, is served (lognormal time, outcome draws),
 * and completes. Every request is an arrival event and a completion event. The controller never
 * touches this directly: the run layer turns its effects into `scale` and `setRoutes` calls.
 *
 * `createWorld` wires the parts, each in its own module, in the order a request meets them:
 * Arrivals (user traffic) → Router (route, mirror) → Servers (queue, service, crash, readiness)
 * → Ledger (pod series, tallies); beside them SyntheticCases (test jobs) and Scrapes.
 */
import { Arrivals } from './arrivals.js';
import { cohortModels } from './behaviour.js';
import { Cluster, type ServiceSpec } from './cluster.js';
import { Ledger } from './ledger.js';
import { SeriesNaming } from './pod-metrics-naming.js';
import { EXPORT_ALL } from './pod-metrics.js';
import type { Pod, ReplicaSet } from './pods.js';
import { RequestPool } from './requests.js';
import type { Mirror, Route } from './route-table.js';
import { Router } from './router.js';
import { Scrapes } from './scrapes.js';
import { Servers } from './servers.js';
import { SyntheticCases } from './synthetic-cases.js';
import { SyntheticJobs } from './synthetic-jobs.js';
import type { VersionTally } from './tally.js';
import type { SyntheticJob, Version, WorldOptions } from './world-types.js';

export type { Mirror, Route } from './route-table.js';
export type { ServiceSpec } from './cluster.js';
export type { SeriesNaming } from './pod-metrics-naming.js';
export type { CompletedRequest, SyntheticJob, Version, WorldOptions, WorldStreams } from './world-types.js';
export { RELEASE_VERSION, STABLE_VERSION } from './world-types.js';

/** What the run layer sees of the world. Every member works unbound (no `this`). */
export interface World {
  pods: readonly Pod[];
  replicaSets: readonly ReplicaSet[];
  /** User requests by the version that served them (index: STABLE_VERSION, RELEASE_VERSION). */
  tallies: readonly [VersionTally, VersionTally];
  /** Completed mirrored copies (harm is never counted for them: no user saw their answer). */
  mirrorTally: VersionTally;
  /** User requests that found no ready pod on their route. */
  readonly unserved: number;
  /** User requests that arrived so far (identical across strategies for one seed). */
  readonly arrivals: number;
  /** Requests in the system now (queued or in service). */
  readonly inFlight: number;
  /** The first sim ms a request served by the release met an active regression; undefined while none has. */
  readonly regressionSince: number | undefined;
  /** Registers a Service (all before the first pod); returns its index. */
  addService: (spec: ServiceSpec) => number;
  /** Series names under the Scenario's `metrics:` mapping (what a query must select). */
  readonly naming: SeriesNaming;
  /** `name`: an Experiment's ReplicaSet name (its pods' prefix); default `<workload>-<hash>`. */
  createReplicaSet: (hash: string, image: string, version: Version, name?: string) => number;
  /** Scales a ReplicaSet; `ready` creates the new pods already ready (the stable RS at t = 0). */
  scale(rsId: number, replicas: number, ready?: boolean): void;
  counts: (rsId: number) => { replicas: number; ready: number };
  /** The weighted routes, and per cohort (by index) an optional header route and mirror. */
  setRoutes(next: readonly Route[], byCohort?: readonly (Route | undefined)[], mirrored?: readonly (Mirror | undefined)[]): void;
  /** Mirrored copies of user requests completed so far (they never answer users). */
  readonly mirrored: number;
  /** Mirrored copies sent so far, completed or not: 0 means this run never mirrored. */
  readonly mirrorsSent: number;
  /**
   * Sends `cases` synthetic test requests (cohorts round-robin) to the ready pods of one
   * ReplicaSet; they load the pods and show in its metrics, but are never user traffic or harm.
   * Golden prompts are the ones the stable version answers well, so a case fails when the release
   * does worse on it than stable would with the same draws (errs, fails the task, or is too slow);
   * with no ready pod it fails at once.
   */
  startSyntheticJob(rsId: number, cohorts: readonly number[], cases: number): number;
  job: (id: number) => Readonly<SyntheticJob>;
  /** The job's AnalysisRun was terminated (Argo deletes the Job): see `SyntheticJobs.cancel`. */
  cancelSyntheticJob: (id: number) => void;
  /** Schedules the first arrival and the scrapes. */
  start(): void;
}

export function createWorld(opts: WorldOptions): World {
  const { scenario, engine, streams } = opts;
  const models = cohortModels(scenario);
  const pool = new RequestPool();
  const cohortNames = scenario.traffic.cohorts.map((c) => c.name);
  const naming = new SeriesNaming(scenario.metrics);
  const cluster = new Cluster({ namespace: scenario.namespace, workload: opts.workload, cohorts: cohortNames, naming, exported: opts.exported ?? EXPORT_ALL }, streams.names);
  const jobs = new SyntheticJobs(pool);
  const ledger = new Ledger(opts, pool, jobs);
  const servers = new Servers(opts, models, pool, cluster, jobs, ledger);
  const router = new Router(engine, pool, cluster, servers, streams.routing);
  const arrivals = new Arrivals(scenario, engine, pool, router, streams.traffic, models.crashPossible);
  const scrapes = new Scrapes(scenario, engine, cluster, opts.sink);
  const synthetic = new SyntheticCases(engine, pool, cluster, jobs, servers, streams.synthetic, models.crashPossible);

  return {
    pods: cluster.pods,
    replicaSets: cluster.replicaSets,
    tallies: ledger.tallies,
    mirrorTally: ledger.mirrorTally,
    get unserved() {
      return router.unserved;
    },
    get arrivals() {
      return arrivals.count;
    },
    get inFlight() {
      return pool.inUse;
    },
    get regressionSince() {
      return servers.regressionSince;
    },
    addService: (spec) => cluster.addService(spec),
    naming,
    createReplicaSet: (hash, image, version, name) => cluster.createReplicaSet(hash, image, version, name),
    scale: (rsId, replicas, ready = false) => servers.scale(rsId, replicas, ready),
    counts: (rsId) => cluster.counts(rsId),
    setRoutes: (next, byCohort = [], mirrored = []) => router.table.set(next, byCohort, mirrored),
    get mirrored() {
      return ledger.mirrorTally.requests;
    },
    get mirrorsSent() {
      return router.mirrorsSent;
    },
    startSyntheticJob: (rsId, cohorts, cases) => synthetic.start(rsId, cohorts, cases),
    job: (id) => jobs.get(id),
    cancelSyntheticJob: (id) => jobs.cancel(id, cluster.pods),
    start() {
      arrivals.start();
      scrapes.start();
    },
  };
}
