/**
 * The controller as the cluster runs it: a reconcile is queued on a change (a pod became ready, a
 * run completed, an operator acted, a requeue fell due) and runs at that instant until nothing
 * changes, each pass `reconcile(workload, status, observed)` followed by its effects applied to
 * the world, the analysis system and the trace.
 */
import { CONTROL, type Engine } from '../engine/engine.js';
import { reconcile } from '../controller/reconcile.js';
import type { Effect, Observed, ObservedReplicaSet, RolloutStatus } from '../controller/status.js';
import type { SimEvent } from '../model/events.js';
import type { Workload } from '../model/rollout.js';
import type { World } from '../world/world.js';
import type { AnalysisPort } from './analysis-port.js';
import { experimentArgs } from './experiment-args.js';
import type { ExperimentReplicaSets } from './experiment-replicasets.js';

/** Reconciles at one instant stop after this many passes: a controller that never settles is a bug. */
const MAX_PASSES = 1000;

/** The state the controller owns, shared with the operator actions. */
export interface ControllerState {
  status: RolloutStatus;
  /** `spec.paused`. */
  paused: boolean;
  /** When the release was promoted (and not aborted since). */
  promotedAt: number | undefined;
}

export interface ControllerDeps {
  readonly engine: Engine;
  readonly world: World;
  readonly workload: Workload;
  /** World ReplicaSet ids by pod-template hash. */
  readonly rsByHash: ReadonlyMap<string, number>;
  readonly stableHash: string;
  readonly analysis: AnalysisPort;
  readonly state: ControllerState;
  readonly emit: (e: SimEvent) => void;
  /** The Experiments' ReplicaSets (experiment steps). */
  readonly experiments: ExperimentReplicaSets;
  /** Points the world's routes at what the status says (after every pass). */
  readonly applyRoutes: () => void;
}

/** Example: loop.request() at t = 21 s queues one reconcile at 21 s, however often it is called then. */
export function createControllerLoop(deps: ControllerDeps): { request(): void } {
  let pending = false;
  /** Instants a reconcile is already scheduled for (requeues are idempotent). */
  const requeues = new Set<number>();
  const { engine, state } = deps;

  function request(): void {
    if (pending) return;
    pending = true;
    engine.call(0, CONTROL, run);
  }

  /** Reconciles until nothing changes at this instant (Argo requeues after every change). */
  function run(): void {
    pending = false;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = state.status;
      const result = reconcile(deps.workload, state.status, observe(deps));
      state.status = result.status;
      let acted = false;
      for (const effect of result.effects) acted = applyEffect(deps, effect, requeue) || acted;
      deps.applyRoutes();
      if (!acted && state.status === before) return;
    }
    throw new Error(`controller did not settle after ${MAX_PASSES} passes at t=${engine.now}`);
  }

  /** A requeue: one reconcile at `at`, scheduled once however many passes ask for it. */
  function requeue(at: number): void {
    if (requeues.has(at)) return;
    requeues.add(at);
    engine.call(at - engine.now, CONTROL, () => {
      requeues.delete(at);
      request();
    });
  }

  return { request };
}

/**
 * Applies one effect to the world, the analysis system or the trace; true when it changed the
 * world (another pass follows). Example: {type: 'scale', hash: 'rv8mt5frdr', role: 'canary', replicas: 2}
 * → the canary ReplicaSet grows to 2 pods, a ReplicaSetScaled event, true.
 */
function applyEffect(deps: ControllerDeps, effect: Effect, requeue: (at: number) => void): boolean {
  const { state } = deps;
  switch (effect.type) {
    case 'scale':
      scale(deps, effect.hash, effect.role, effect.replicas);
      return true;
    case 'setWeight':
    case 'switchService':
      return true;
    case 'startAnalysis':
      deps.analysis.start({
        key: effect.key, kind: effect.kind, analysis: effect.analysis, stepIndex: effect.stepIndex,
        podHash: state.status.currentPodHash, revision: state.status.revision, stableHash: state.status.stableRS ?? deps.stableHash,
      });
      return true;
    case 'createExperiment':
      deps.experiments.create(effect.name, effect.stepIndex, effect.spec);
      return true;
    case 'scaleExperiment':
      deps.experiments.scale(effect.experiment, effect.template, effect.replicas);
      return true;
    case 'startExperimentAnalysis':
      deps.analysis.start({
        key: effect.key, kind: 'experiment', analysis: experimentArgs(effect, deps.experiments.byKey), stepIndex: undefined, name: effect.name,
        podHash: state.status.currentPodHash, revision: state.status.revision, stableHash: state.status.stableRS ?? deps.stableHash,
      });
      return true;
    case 'terminateAnalysis':
      deps.analysis.terminate(effect.key);
      return true;
    case 'requeueAt':
      requeue(effect.at);
      return false;
    case 'emit':
      if (effect.event.type === 'RolloutPromoted' && !state.status.abort) state.promotedAt = deps.engine.now;
      deps.emit(effect.event);
      return false;
    default: {
      const never: never = effect;
      throw new Error(`unknown effect ${JSON.stringify(never)}`);
    }
  }
}

/** What the controller observes now: each ReplicaSet's replicas and available pods, spec.paused, the runs' phases. */
function observe(deps: ControllerDeps): Observed {
  const replicaSets = new Map<string, ObservedReplicaSet>();
  for (const [hash, id] of deps.rsByHash) {
    const c = deps.world.counts(id);
    replicaSets.set(hash, { replicas: c.replicas, available: c.ready });
  }
  for (const [key, r] of deps.experiments.byKey) {
    const c = deps.world.counts(r.id);
    replicaSets.set(key, { replicas: c.replicas, available: c.ready });
  }
  return { now: deps.engine.now, replicaSets, paused: deps.state.paused, analysisRuns: deps.analysis.observe() };
}

function scale(deps: ControllerDeps, hash: string, role: Extract<Effect, { type: 'scale' }>['role'], replicas: number): void {
  const id = deps.rsByHash.get(hash);
  if (id === undefined) throw new Error(`scale: unknown ReplicaSet ${hash}`);
  deps.world.scale(id, replicas);
  deps.emit({ t: deps.engine.now, type: 'ReplicaSetScaled', role, hash, replicas });
}
