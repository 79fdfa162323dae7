/**
 * The pods at work: a request handed to a pod starts service if one of its `concurrency` slots is
 * free, else waits in the pod's FIFO queue. Its outcome is decided when service starts (from its
 * own draws and the params of the pod's version, at the pod's age and load then), and it completes
 * after its service time. A crash restarts the pod: it leaves the endpoints, what it was serving
 * fails, its queue fails at once, and it is ready again after the startup delay. Scaling lives
 * here too: a new pod's readiness is the same event as a restarted one's.
 */
import { CONTROL, WORLD, type Engine } from '../engine/engine.js';
import { applyRegressions, paramsCopy, regressionActive, type CohortModels, type ServiceParams } from './behaviour.js';
import type { Regression } from '../model/scenario.js';
import type { Cluster } from './cluster.js';
import type { Ledger } from './ledger.js';
import { faultOf, HARM_NONE, HARM_YES, harmOf, serviceTimeMs, taskSucceeds, tokensOf } from './outcome.js';
import type { Pod } from './pods.js';
import { FAULT_CRASH, FAULT_ERROR, FAULT_NONE, MIRROR, type RequestPool } from './requests.js';
import type { SyntheticJobs } from './synthetic-jobs.js';
import { RELEASE_VERSION, STABLE_VERSION, type WorldOptions } from './world-types.js';

export class Servers {
  /** The first sim ms a request served by the release met an active regression; undefined while none has. */
  regressionSince: number | undefined = undefined;
  /** The regressions still to be seen in effect: none once one has been (or when there are none), so the check costs nothing then. */
  private pendingRegressions: readonly Regression[];
  private readonly engine: Engine;
  private readonly concurrency: number;
  private readonly slo: number;
  private readonly startup: number;
  private readonly pods: readonly Pod[];
  /** By pod id: 1 once a latency regression made the release pod serve a request slower than stable would (harm then counts its queue). */
  private readonly slowed: number[] = [];
  /** Reused for the release's params when they vary per request, so deciding allocates nothing. */
  private readonly scratch: ServiceParams;
  // Event handlers are arrow fields, registered as they are: the engine calls the handler itself,
  // which V8 optimizes as a whole (a wrapper calling a method measured ~1 % more instructions on W1).
  private readonly completeKind: number;
  // Readiness is a control-plane fact (the kubelet reports it): pods that become ready at the same
  // instant are all seen by the reconcile that follows, as one ReplicaSet status update would be.
  private readonly readyKind: number;

  constructor(
    private readonly opts: WorldOptions,
    private readonly models: CohortModels,
    private readonly pool: RequestPool,
    private readonly cluster: Cluster,
    private readonly jobs: SyntheticJobs,
    private readonly ledger: Ledger,
  ) {
    const { scenario, engine } = opts;
    this.engine = engine;
    this.concurrency = scenario.agent.concurrency;
    this.slo = scenario.slo.latency;
    this.startup = scenario.agent.startup;
    this.pods = cluster.pods;
    this.scratch = paramsCopy(models.stable[0] as ServiceParams);
    this.pendingRegressions = scenario.release.regressions;
    this.completeKind = engine.register(this.onComplete);
    this.readyKind = engine.register(this.onReady);
  }

  /** Hands request `r` (come through Service `service`) to `pod`: into service if a slot is free, else to the back of its queue. */
  admit(r: number, pod: Pod, service: number): void {
    this.pool.pod[r] = pod.id;
    this.pool.service[r] = service;
    if (pod.busy < this.concurrency) this.startService(r, pod);
    else pod.queue.push(r);
  }

  /**
   * Scales ReplicaSet `rsId` to `replicas` pods. New pods are ready after the agent's startup
   * delay, or at once with `ready` (the stable ReplicaSet at t = 0); removed pods leave the
   * endpoints and finish what they hold (`Cluster.removePod`).
   */
  scale(rsId: number, replicas: number, ready: boolean): void {
    const rs = this.cluster.rs(rsId);
    while (rs.pods.length < replicas) {
      const pod = this.cluster.createPod(rsId, this.engine.now, ready);
      if (!ready) this.scheduleReady(pod);
    }
    while (rs.pods.length > replicas) this.cluster.removePod(rsId);
  }

  /** `pod` (just created, or restarted by a crash) becomes ready after the agent's startup delay. */
  private scheduleReady(pod: Pod): void {
    this.engine.schedule(this.startup, CONTROL, this.readyKind, pod.id);
  }

  /** Decides the request's outcome from its draws when service starts, and schedules completion. */
  private startService(r: number, pod: Pod): void {
    pod.busy++;
    this.jobs.onServiceStart(r);
    const pool = this.pool;
    const c = pool.cohort[r] as number;
    const stable = this.models.stable[c] as ServiceParams;
    // The release's params: computed once when no regression varies (`fixed`), else now, at the
    // pod's age and load. Inline on purpose: left this size, V8 compiles startService once rather
    // than inlining it into its three callers, which measurably shortened W1's warm-up.
    const fixed = this.models.release[c];
    const params =
      pod.version === STABLE_VERSION ? stable
        : fixed !== undefined ? fixed
        : applyRegressions(stable, this.models.regressions[c] ?? [], this.engine.now - pod.readyAt, pod.busy / this.concurrency, this.scratch);
    // A regression is in effect once the release serves any request while one's conditions hold
    // (whichever cohort it targets): the Summary's regressionInEffect.
    if (this.pendingRegressions.length > 0 && pod.version === RELEASE_VERSION && regressionActive(this.pendingRegressions, this.engine.now - pod.readyAt, pod.busy / this.concurrency)) {
      this.regressionSince = this.engine.now;
      this.pendingRegressions = [];
    }
    const fault = faultOf(params, pool.uCrash[r] as number, pool.uError[r] as number);
    const error = fault !== FAULT_NONE;
    const serviceMs = serviceTimeMs(params, pool.z[r] as number);
    pool.fault[r] = fault;
    pool.taskOk[r] = taskSucceeds(params, error, pool.uTask[r] as number) ? 1 : 0;
    pool.tokens[r] = tokensOf(params, serviceMs);
    pool.serviceMs[r] = serviceMs;
    pool.epoch[r] = pod.epoch;
    // Users' harm, and a synthetic case's failure: the release doing worse than stable would have
    // with the same draws (golden prompts are the ones the stable version answers well). Whether
    // it was too slow is settled at completion, end to end (Ledger.record).
    // A release pod's queue is the release's doing once a latency regression slowed the pod;
    // before that it queues exactly as a stable pod would have.
    if (pod.version === RELEASE_VERSION && params.mu > stable.mu) this.slowed[pod.id] = 1;
    pool.harmed[r] = pod.version === RELEASE_VERSION && pool.kind[r] !== MIRROR ? harmOf(pool, r, params, stable, error, serviceMs, this.slo, this.slowed[pod.id] === 1) : HARM_NONE;
    this.engine.schedule(serviceMs, WORLD, this.completeKind, r);
  }

  /** Request `r` is done: counted, its slot freed, the next queued request started. */
  private readonly onComplete = (r: number): void => {
    const pool = this.pool;
    const pod = this.pods[pool.pod[r] as number] as Pod;
    const crashedSince = pool.epoch[r] !== pod.epoch;
    this.ledger.record(r, pod, crashedSince);
    if (pool.fault[r] === FAULT_CRASH && !crashedSince) this.crash(pod);
    pool.release(r);
    pod.busy--;
    if (pod.queue.length > 0 && pod.state !== 'starting') this.startService(pod.queue.shift(), pod);
    // Idle first: both are read on every completion, so the optimized code has their feedback when the first pod terminates.
    pod.state = pod.busy === 0 && pod.queue.length === 0 && pod.state === 'terminating' ? 'gone' : pod.state;
  };

  /** The pod restarts: it leaves the endpoints, its queue fails, it is ready again after startup. */
  private crash(pod: Pod): void {
    const pool = this.pool;
    pod.epoch++;
    const wasReady = pod.state === 'ready';
    this.cluster.markNotReady(pod);
    while (pod.queue.length > 0) {
      const q = pod.queue.shift();
      pool.fault[q] = FAULT_ERROR;
      pool.harmed[q] = pod.version === RELEASE_VERSION && pool.kind[q] !== MIRROR ? HARM_YES : HARM_NONE;
      this.ledger.record(q, pod, true);
      pool.release(q);
    }
    if (wasReady) this.scheduleReady(pod);
  }

  /** A starting pod is ready: it joins the endpoints and takes what queued for it. */
  private readonly onReady = (podId: number): void => {
    const pod = this.pods[podId] as Pod;
    if (pod.state !== 'starting') return;
    this.cluster.markReady(pod, this.engine.now);
    while (pod.queue.length > 0 && pod.busy < this.concurrency) this.startService(pod.queue.shift(), pod);
    this.opts.onPodReady();
  };
}
