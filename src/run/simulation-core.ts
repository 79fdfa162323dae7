/**
 * The core's composition root: wires the engine, the world and the controller for one workload
 * of a scenario, with the analysis system plugged in through a port (`simulation.ts` plugs in the
 * real one; a scenario without AnalysisTemplates can run without loading PromQL or expr at all).
 * Pure given (scenario, seed, operator actions): it reads no clock, no files.
 */
import { CONTROL, createEngine } from '../engine/engine.js';
import { createRng } from '../engine/rng.js';
import { applyOperatorAction } from '../controller/actions.js';
import { reconcile } from '../controller/reconcile.js';
import { initialStatus, startUpdate, type Effect, type Observed, type ObservedReplicaSet, type RolloutStatus } from '../controller/status.js';
import type { SimEvent, SummaryFields } from '../model/events.js';
import type { Workload } from '../model/rollout.js';
import type { OperatorActionName, Scenario } from '../model/scenario.js';
import { templateHash } from '../world/pods.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisRun } from '../analysis/run/types.js';
import type { AnalysisPhase } from '../model/events.js';
import type { Engine } from '../engine/engine.js';
import type { World } from '../world/world.js';
import type { StartRequest } from './analysis-host.js';
import { createWorld, type CompletedRequest } from '../world/world.js';
import { routePlan, serviceNames, trafficModel, type RoutingContext } from './routing.js';
import { summarize } from './summary.js';

export interface SimulationOptions {
  readonly seed?: number;
  /** Which workload to run (default: the first). */
  readonly workload?: string;
  /** The metrics store the pods are scraped into and analysis queries read. */
  readonly store: MetricStore;
  readonly onComplete?: (r: CompletedRequest) => void;
}

/** What the core needs of the analysis system (AnalysisRuns as the cluster runs them). */
export interface AnalysisPort {
  start(req: StartRequest): void;
  terminate(key: string): void;
  observe(): Map<string, { phase: AnalysisPhase; message: string }>;
  runs(): readonly AnalysisRun[];
}

/** Everything an analysis system may use: the clock, the world, the store, and the current hashes. */
export interface AnalysisDeps {
  readonly engine: Engine;
  readonly scenario: Scenario;
  readonly world: World;
  readonly store: MetricStore;
  readonly rolloutName: string;
  readonly emit: (e: SimEvent) => void;
  /** A run reached a terminal phase: the controller should reconcile. */
  readonly onCompleted: () => void;
  /** The ReplicaSet (world id) of the release, the target of synthetic tests. */
  readonly releaseReplicaSet: () => number;
}

export type AnalysisFactory = (deps: AnalysisDeps) => AnalysisPort;

/** For workloads without analysis: asking it to start a run is a bug (the controller never would). */
export const NO_ANALYSIS: AnalysisFactory = () => ({
  start: (req) => {
    throw new Error(`analysis ${req.key} requested but this simulation was built without an analysis system`);
  },
  terminate: () => undefined,
  observe: () => new Map(),
  runs: () => [],
});

/** Reconciles at one instant stop after this many passes: a controller that never settles is a bug. */
const MAX_PASSES = 1000;

export type Simulation = ReturnType<typeof createSimulationCore>;

export function createSimulationCore(scenario: Scenario, opts: SimulationOptions, analysisFactory: AnalysisFactory) {
  const seed = opts.seed ?? scenario.seed;
  const workload = pickWorkload(scenario, opts.workload);
  const steps = stepCount(workload);
  const engine = createEngine();
  const listeners: ((e: SimEvent) => void)[] = [];
  const emit = (e: SimEvent): void => listeners.forEach((l) => l(e));
  let reconcilePending = false;
  /** Instants a reconcile is already scheduled for (requeues are idempotent). */
  const requeues = new Set<number>();

  const world = createWorld({
    scenario, engine, sink: opts.store, workload: workload.name,
    streams: {
      traffic: createRng(seed, 'traffic'), routing: createRng(seed, 'routing'),
      names: createRng(seed, 'names'), synthetic: createRng(seed, 'synthetic'),
    },
    onPodReady: requestReconcile,
    ...(opts.onComplete ? { onComplete: opts.onComplete } : {}),
  });
  const [primary, secondary] = serviceNames(workload);
  const primaryService = world.addService(primary);
  const rsByHash = new Map<string, number>();
  const routing: RoutingContext = {
    model: trafficModel(workload), rsByHash, primaryService, cohorts: scenario.traffic.cohorts,
    secondaryService: secondary === primary ? primaryService : world.addService(secondary),
  };
  const stableHash = templateHash(scenario.stableImage);
  const releaseHash = templateHash(scenario.release.image);
  rsByHash.set(stableHash, world.createReplicaSet(stableHash, scenario.stableImage, 0));
  world.scale(rsByHash.get(stableHash) as number, workload.replicas, true);
  let status: RolloutStatus = initialStatus(stableHash, steps);
  let paused = workload.kind === 'Rollout' && workload.paused;
  let promotedAt: number | undefined;
  applyRoutes();
  const analysis = analysisFactory({
    engine, scenario, world, store: opts.store, rolloutName: workload.name, emit, onCompleted: requestReconcile,
    releaseReplicaSet: () => rsByHash.get(status.currentPodHash) as number,
  });

  // A template equal to the stable one is a no-op update (DESIGN §3): nothing starts.
  const noOpUpdate = workload.image === scenario.stableImage;
  if (!noOpUpdate) engine.call(scenario.release.at, CONTROL, beginUpdate);
  for (const op of scenario.operator) {
    if (op.rollout === undefined || op.rollout === workload.name) engine.call(op.at, CONTROL, () => operate(op.action));
  }
  world.start();

  function beginUpdate(): void {
    if (!rsByHash.has(releaseHash)) rsByHash.set(releaseHash, world.createReplicaSet(releaseHash, scenario.release.image, 1));
    status = startUpdate(status, releaseHash, steps);
    emit({
      t: engine.now, type: 'RolloutStarted', rollout: workload.name, strategy: strategyName(workload),
      replicas: workload.replicas, stableImage: scenario.stableImage, releaseImage: scenario.release.image, steps,
    });
    requestReconcile();
  }

  function operate(action: OperatorActionName): void {
    if (workload.kind === 'Deployment') return undoDeployment(action);
    const inconclusive = [...analysis.observe()].filter(([, r]) => r.phase === 'Inconclusive').map(([k]) => k);
    const r = applyOperatorAction(status, paused, action, engine.now, steps, inconclusive);
    status = r.status;
    paused = r.paused;
    r.events.forEach(emit);
    requestReconcile();
  }

  /** A Deployment has no promote/abort: `abort` is `kubectl rollout undo` (a new rolling update back). */
  function undoDeployment(action: OperatorActionName): void {
    emit({ t: engine.now, type: 'OperatorAction', action });
    if (action !== 'abort' || status.currentPodHash === stableHash) return;
    emit({ t: engine.now, type: 'RolloutAborted', reason: 'kubectl rollout undo: rolling back to the previous template' });
    status = { ...startUpdate(status, stableHash, 0), abort: true, abortedAt: engine.now };
    requestReconcile();
  }

  function applyRoutes(): void {
    const plan = routePlan(routing, status);
    world.setRoutes(plan.routes, plan.byCohort, plan.mirrors);
  }

  function requestReconcile(): void {
    if (reconcilePending) return;
    reconcilePending = true;
    engine.call(0, CONTROL, runReconcile);
  }

  /** Reconciles until nothing changes at this instant (Argo requeues after every change). */
  function runReconcile(): void {
    reconcilePending = false;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = status;
      const result = reconcile(workload, status, observe());
      status = result.status;
      let acted = false;
      for (const effect of result.effects) acted = apply(effect) || acted;
      applyRoutes();
      if (!acted && status === before) return;
    }
    throw new Error(`controller did not settle after ${MAX_PASSES} passes at t=${engine.now}`);
  }

  function observe(): Observed {
    const replicaSets = new Map<string, ObservedReplicaSet>();
    for (const [hash, id] of rsByHash) {
      const c = world.counts(id);
      replicaSets.set(hash, { replicas: c.replicas, available: c.ready });
    }
    return { now: engine.now, replicaSets, paused, analysisRuns: analysis.observe() };
  }

  /** Applies one effect; true when it changed the world. */
  function apply(effect: Effect): boolean {
    switch (effect.type) {
      case 'scale': {
        const id = rsByHash.get(effect.hash);
        if (id === undefined) throw new Error(`scale: unknown ReplicaSet ${effect.hash}`);
        world.scale(id, effect.replicas);
        emit({ t: engine.now, type: 'ReplicaSetScaled', role: effect.role, hash: effect.hash, replicas: effect.replicas });
        return true;
      }
      case 'setWeight':
      case 'switchService':
        return true;
      case 'startAnalysis':
        analysis.start({
          key: effect.key, kind: effect.kind, analysis: effect.analysis, stepIndex: effect.stepIndex,
          podHash: status.currentPodHash, revision: status.revision, stableHash: status.stableRS ?? stableHash,
        });
        return true;
      case 'terminateAnalysis':
        analysis.terminate(effect.key);
        return true;
      case 'requeueAt':
        if (!requeues.has(effect.at)) {
          requeues.add(effect.at);
          engine.call(effect.at - engine.now, CONTROL, () => {
            requeues.delete(effect.at);
            requestReconcile();
          });
        }
        return false;
      case 'emit':
        if (effect.event.type === 'RolloutPromoted' && !status.abort) promotedAt = engine.now;
        emit(effect.event);
        return false;
      default: {
        const never: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(never)}`);
      }
    }
  }

  return {
    engine,
    world,
    workload,
    seed,
    get status() {
      return status;
    },
    subscribe(listener: (e: SimEvent) => void): void {
      listeners.push(listener);
    },
    /** An operator action now (UI keys); stamped with sim time and recorded in the trace. */
    send(action: OperatorActionName): void {
      engine.call(0, CONTROL, () => operate(action));
    },
    runUntil(t: number): void {
      engine.runUntil(Math.min(t, scenario.duration));
    },
    /** The series store this run scrapes into (dashboards and the live view read it). */
    store: opts.store,
    /** The analysis runs of this simulation (for the UI's AnalysisRun panel). */
    analysisRuns: () => analysis.runs(),
    /** Emits and returns the Summary. */
    finish(): SummaryFields {
      const fields = summarize({
        scenario, workload: workload.name,
        promotedAt: status.abort ? undefined : promotedAt,
        abortedAt: status.abort ? status.abortedAt : undefined,
        tallies: world.tallies,
        mirrored: world.mirrorsSent > 0 ? world.mirrorTally : undefined,
        updated: !noOpUpdate,
      });
      emit({ t: engine.now, type: 'Summary', ...fields });
      return fields;
    },
  };
}

function strategyName(w: Workload): string {
  if (w.kind === 'Deployment') return 'rollingUpdate';
  if (w.strategy.type === 'blueGreen') return 'blueGreen';
  return w.strategy.trafficRouting === undefined ? 'canary' : `canary (trafficRouting: ${w.strategy.trafficRouting.router})`;
}

/** Canary steps of a workload (0 for blue-green and Deployments). Example: steps 20/pause/50 → 3. */
export function stepCount(w: Workload): number {
  return w.kind === 'Rollout' && w.strategy.type === 'canary' ? w.strategy.steps.length : 0;
}

/**
 * Does this workload ever start an AnalysisRun? Example: a canary with an `analysis` step → true;
 * an apps/v1 Deployment → false.
 */
export function usesAnalysis(w: Workload): boolean {
  if (w.kind === 'Deployment') return false;
  const st = w.strategy;
  if (st.type === 'blueGreen') return st.prePromotionAnalysis !== undefined || st.postPromotionAnalysis !== undefined;
  return st.analysis !== undefined || st.steps.some((s) => 'analysis' in s);
}

export function pickWorkload(scenario: Scenario, name: string | undefined): Workload {
  const w = name === undefined ? scenario.workloads[0] : scenario.workloads.find((x) => x.name === name);
  if (w === undefined) throw new Error(name === undefined ? 'scenario has no workload' : `no workload named ${name}`);
  return w;
}
