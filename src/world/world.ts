/**
 * The simulated cluster: traffic arrives (Poisson), is routed to a ready pod of a ReplicaSet per
 * the current routes, waits in the pod's FIFO queue, is served (lognormal time, outcome draws),
 * and completes. Every request is an arrival event and a completion event. The controller never
 * touches this directly: the run layer turns its effects into `scale` and `setRoutes` calls.
 */
import { CONTROL, OBSERVE, WORLD } from '../engine/engine.js';
import type { Rng } from '../engine/rng.js';
import { applyRegressions, cohortModels, type ServiceParams } from './behaviour.js';
import { Cluster } from './cluster.js';
import { CODE_ERROR, CODE_OK, CODE_TIMEOUT } from './pod-metrics.js';
import type { Pod, ReplicaSet } from './pods.js';
import { FAULT_CRASH, FAULT_ERROR, FAULT_NONE, MIRROR, RequestPool, SYNTHETIC, USER } from './requests.js';
import { RouteTable, type Mirror, type Route } from './route-table.js';
import { VersionTally } from './tally.js';
import { arrivalClock, cumulative } from './traffic.js';
import { SyntheticJobs } from './synthetic-jobs.js';
import { RELEASE_VERSION, STABLE_VERSION, type SyntheticJob, type Version, type WorldOptions } from './world-types.js';

export type { Mirror, Route } from './route-table.js';
export type { CompletedRequest, SyntheticJob, Version, WorldOptions, WorldStreams } from './world-types.js';
export { RELEASE_VERSION, STABLE_VERSION } from './world-types.js';

export type World = ReturnType<typeof createWorld>;

export function createWorld(opts: WorldOptions) {
  const { scenario, engine, streams, sink } = opts;
  const models = cohortModels(scenario);
  const cumShares = cumulative(scenario.traffic.cohorts.map((c) => c.share));
  const concurrency = scenario.agent.concurrency;
  const timeout = scenario.agent.timeout ?? Infinity;
  const slo = scenario.slo.latency;
  const pool = new RequestPool();
  const cluster = new Cluster({ namespace: scenario.namespace, workload: opts.workload, cohorts: scenario.traffic.cohorts.map((c) => c.name) }, streams.names);
  const pods = cluster.pods;
  const table = new RouteTable();
  const tallies = [new VersionTally(), new VersionTally()] as const;
  /** Mirrored copies, measured like user requests but apart from them: they never answer users. */
  const mirrorTally = new VersionTally();
  let mirrorsSent = 0;
  const jobs = new SyntheticJobs(pool);
  const scratch: ServiceParams = { ...models.stable[0]! };
  let unserved = 0;
  let arrivals = 0;
  const nextArrival = arrivalClock(scenario.traffic.rate, streams.traffic, scenario.duration);
  /** The next arrival's exact time (float ms), in a typed array so updating it allocates nothing. */
  const nextAt = new Float64Array(1);

  const ARRIVE = engine.register(onArrival);
  const COMPLETE = engine.register(onComplete);
  // Readiness is a control-plane fact (the kubelet reports it): pods that become ready at the same
  // instant are all seen by the reconcile that follows, as one ReplicaSet status update would be.
  const READY = engine.register(onReady);
  const SCRAPE = engine.register(onScrape);

  function onArrival(): void {
    const t = engine.now;
    const at = nextArrival(nextAt[0] as number);
    nextAt[0] = at;
    if (at <= scenario.duration) engine.scheduleAt(Math.round(at), WORLD, ARRIVE, 0);
    arrivals++;
    const r = pool.alloc();
    pool.arrival[r] = t;
    pool.kind[r] = USER;
    pool.cohort[r] = pickCohort(streams.traffic.next());
    draw(r, streams.traffic);
    route(r);
  }

  /** The request's own random numbers, drawn once (the same order for every strategy). */
  function draw(r: number, rng: Rng): void {
    pool.z[r] = rng.normal();
    pool.uError[r] = rng.next();
    pool.uTask[r] = rng.next();
    pool.uCrash[r] = models.crashPossible ? rng.next() : 1;
  }

  /** Hands a request to a pod: into service if a slot is free, else to the back of its queue. */
  function admit(r: number, pod: Pod, service: number): void {
    pool.pod[r] = pod.id;
    pool.service[r] = service;
    if (pod.busy < concurrency) startService(r, pod);
    else pod.queue.push(r);
  }

  function pickCohort(u: number): number {
    let i = 0;
    while (i < cumShares.length - 1 && u >= (cumShares[i] as number)) i++;
    return i;
  }

  function route(r: number): void {
    const cohort = pool.cohort[r] as number;
    const chosen = table.choose(cohort, streams.routing);
    const pod = chosen === undefined ? undefined : cluster.pickReadyPod(chosen.rs, streams.routing);
    if (pod === undefined || chosen === undefined) {
      unserved++;
      pool.release(r);
      return;
    }
    const mirror = table.mirror(cohort);
    if (mirror !== undefined && streams.routing.next() < mirror.fraction) sendMirror(r, mirror);
    admit(r, pod, chosen.service);
  }

  /** A copy of request `r` (same draws: the same request) to a pod of the mirror's ReplicaSet. */
  function sendMirror(r: number, mirror: Mirror): void {
    const pod = cluster.pickReadyPod([mirror.rs], streams.routing);
    if (pod === undefined) return;
    mirrorsSent++;
    const m = pool.alloc();
    pool.arrival[m] = engine.now;
    pool.kind[m] = MIRROR;
    pool.cohort[m] = pool.cohort[r] as number;
    pool.z[m] = pool.z[r] as number;
    pool.uError[m] = pool.uError[r] as number;
    pool.uTask[m] = pool.uTask[r] as number;
    pool.uCrash[m] = pool.uCrash[r] as number;
    admit(m, pod, mirror.service);
  }

  /** Decides the request's outcome from its draws when service starts, and schedules completion. */
  function startService(r: number, pod: Pod): void {
    pod.busy++;
    jobs.onServiceStart(r);
    const c = pool.cohort[r] as number;
    const stable = models.stable[c] as ServiceParams;
    const regs = models.regressions[c] ?? [];
    const fixed = models.release[c];
    const params =
      pod.version === STABLE_VERSION ? stable
        : fixed !== undefined ? fixed
        : applyRegressions(stable, regs, engine.now - pod.readyAt, pod.busy / concurrency, scratch);
    const z = pool.z[r] as number;
    const uError = pool.uError[r] as number;
    const uTask = pool.uTask[r] as number;
    const crash = (pool.uCrash[r] as number) < params.crashRate;
    const error = crash || uError < params.errorRate;
    const serviceMs = Math.max(1, Math.round(Math.exp(params.mu + params.sigma * z)));
    pool.fault[r] = crash ? FAULT_CRASH : error ? FAULT_ERROR : FAULT_NONE;
    pool.taskOk[r] = !error && uTask < params.taskSuccess ? 1 : 0;
    // Tokens scale with the work: longer generations take longer (mean `tokens` per request).
    pool.tokens[r] = Math.round((params.tokens * serviceMs) / params.meanMs);
    pool.serviceMs[r] = serviceMs;
    pool.epoch[r] = pod.epoch;
    // Users' harm, and a synthetic case's failure: the release doing worse than stable would have
    // with the same draws (golden prompts are the ones the stable version answers well).
    pool.harmed[r] = pod.version === RELEASE_VERSION && pool.kind[r] !== MIRROR ? harmOf(r, params, stable, error, serviceMs) : 0;
    engine.schedule(serviceMs, WORLD, COMPLETE, r);
  }

  /** Counterfactual harm: worse than the stable version would have done with the same draws. */
  function harmOf(r: number, rel: ServiceParams, st: ServiceParams, relError: boolean, relMs: number): number {
    const stError = (pool.uCrash[r] as number) < st.crashRate || (pool.uError[r] as number) < st.errorRate;
    const uTask = pool.uTask[r] as number;
    const relTaskFail = relError || uTask >= rel.taskSuccess;
    const stTaskFail = stError || uTask >= st.taskSuccess;
    if ((relError && !stError) || (relTaskFail && !stTaskFail)) return 1;
    if (relMs <= slo) return 0;
    const stMs = Math.max(1, Math.round(Math.exp(st.mu + st.sigma * (pool.z[r] as number))));
    return stMs <= slo ? 1 : 0;
  }

  function onComplete(r: number): void {
    const pod = pods[pool.pod[r] as number] as Pod;
    const crashedSince = pool.epoch[r] !== pod.epoch;
    finish(r, pod, crashedSince);
    if (pool.fault[r] === FAULT_CRASH && !crashedSince) crash(pod);
    pool.release(r);
    pod.busy--;
    if (pod.queue.length > 0 && pod.state !== 'starting') startService(pod.queue.shift(), pod);
    if (pod.state === 'terminating' && pod.busy === 0 && pod.queue.length === 0) pod.state = 'gone';
  }

  /** Records a completed request at its pod and in the version tallies (or the mirror tally). */
  function finish(r: number, pod: Pod, failed: boolean): void {
    const now = engine.now;
    const latency = now - (pool.arrival[r] as number);
    const error = failed || pool.fault[r] !== FAULT_NONE;
    const code = error ? CODE_ERROR : latency > timeout ? CODE_TIMEOUT : CODE_OK;
    const taskOk = !failed && pool.taskOk[r] === 1 && code === CODE_OK;
    const c = pool.cohort[r] as number;
    pod.metrics.record(c, code, latency / 1000, taskOk, pool.tokens[r] as number, pool.service[r] as number);
    if (pool.kind[r] === SYNTHETIC) return jobs.onFinished(r, failed || pool.harmed[r] === 1);
    if (pool.kind[r] === MIRROR) return mirrorTally.add(latency, code !== CODE_OK, taskOk, false);
    if (pool.kind[r] !== USER) return;
    const harmed = pool.harmed[r] === 1;
    tallies[pod.version].add(latency, code !== CODE_OK, taskOk, harmed);
    opts.onComplete?.({
      arrival: pool.arrival[r] as number, completion: now, cohort: c, version: pod.version,
      podAge: now - pod.readyAt, serviceMs: pool.serviceMs[r] as number, z: pool.z[r] as number, uError: pool.uError[r] as number,
      uTask: pool.uTask[r] as number, code, taskOk, harmed,
    });
  }

  /** The pod restarts: it leaves the endpoints, its queue fails, it is ready again after startup. */
  function crash(pod: Pod): void {
    pod.epoch++;
    const wasReady = pod.state === 'ready';
    cluster.markNotReady(pod);
    while (pod.queue.length > 0) {
      const q = pod.queue.shift();
      pool.fault[q] = FAULT_ERROR;
      pool.harmed[q] = pod.version === RELEASE_VERSION && pool.kind[q] !== MIRROR ? 1 : 0;
      finish(q, pod, true);
      pool.release(q);
    }
    if (wasReady) engine.schedule(scenario.agent.startup, CONTROL, READY, pod.id);
  }

  function onReady(podId: number): void {
    const pod = pods[podId] as Pod;
    if (pod.state !== 'starting') return;
    cluster.markReady(pod, engine.now);
    while (pod.queue.length > 0 && pod.busy < concurrency) startService(pod.queue.shift(), pod);
    opts.onPodReady();
  }

  function onScrape(): void {
    cluster.scrape(sink, engine.now);
    if (engine.now + scenario.scrapeInterval <= scenario.duration) engine.schedule(scenario.scrapeInterval, OBSERVE, SCRAPE, 0);
  }

  return {
    pods: pods as readonly Pod[],
    replicaSets: cluster.replicaSets as readonly ReplicaSet[],
    tallies,
    /** Completed mirrored copies (harm is never counted for them: no user saw their answer). */
    mirrorTally,
    get unserved() {
      return unserved;
    },
    /** User requests that arrived so far (identical across strategies for one seed). */
    get arrivals() {
      return arrivals;
    },
    get inFlight() {
      return pool.inUse;
    },
    /** Registers a Service; returns its index. */
    addService: (name: string): number => cluster.addService(name),
    createReplicaSet: (hash: string, image: string, version: Version): number => cluster.createReplicaSet(hash, image, version),
    /** Scales a ReplicaSet; `ready` creates the new pods already ready (the stable RS at t = 0). */
    scale(rsId: number, replicas: number, ready = false): void {
      const rs = cluster.rs(rsId);
      while (rs.pods.length < replicas) {
        const pod = cluster.createPod(rsId, engine.now, ready);
        if (!ready) engine.schedule(scenario.agent.startup, CONTROL, READY, pod.id);
      }
      while (rs.pods.length > replicas) cluster.removePod(rsId);
    },
    counts: (rsId: number) => cluster.counts(rsId),
    /** The weighted routes, and per cohort (by index) an optional header route and mirror. */
    setRoutes(next: readonly Route[], byCohort: readonly (Route | undefined)[] = [], mirrored: readonly (Mirror | undefined)[] = []): void {
      table.set(next, byCohort, mirrored);
    },
    /** Mirrored copies of user requests completed so far (they never answer users). */
    get mirrored() {
      return mirrorTally.requests;
    },
    /** Mirrored copies sent so far, completed or not: 0 means this run never mirrored. */
    get mirrorsSent() {
      return mirrorsSent;
    },
    /**
     * Sends `cases` synthetic test requests (cohorts round-robin) to the ready pods of one
     * ReplicaSet; they load the pods and show in its metrics, but are never user traffic or harm.
     * Golden prompts are the ones the stable version answers well, so a case fails when the release
     * does worse on it than stable would with the same draws (errs, fails the task, or is too slow);
     * with no ready pod it fails at once.
     */
    startSyntheticJob(rsId: number, cohorts: readonly number[], cases: number): number {
      const id = jobs.create(cases);
      const job = jobs.get(id);
      const rng = streams.synthetic;
      for (let i = 0; i < cases; i++) {
        const pod = cluster.pickReadyPod([rsId], rng);
        if (pod === undefined) {
          job.done++;
          job.failed++;
          continue;
        }
        const r = pool.alloc();
        pool.arrival[r] = engine.now;
        pool.kind[r] = SYNTHETIC;
        pool.job[r] = id;
        pool.cohort[r] = cohorts[i % cohorts.length] as number;
        draw(r, rng);
        admit(r, pod, 0);
      }
      return id;
    },
    job: (id: number): Readonly<SyntheticJob> => jobs.get(id),
    /** The job's AnalysisRun was terminated (Argo deletes the Job): see `SyntheticJobs.cancel`. */
    cancelSyntheticJob: (id: number): void => jobs.cancel(id, pods),
    /** Schedules the first arrival and the scrapes. */
    start(): void {
      const at = nextArrival(0);
      nextAt[0] = at;
      if (at <= scenario.duration) engine.scheduleAt(Math.round(at), WORLD, ARRIVE, 0);
      if (scenario.scrapeInterval <= scenario.duration) engine.schedule(scenario.scrapeInterval, OBSERVE, SCRAPE, 0);
    },
  };
}
