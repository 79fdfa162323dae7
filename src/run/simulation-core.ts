/**
 * The core's composition root: wires the engine, the world and the controller for one workload
 * of a scenario, with the analysis system plugged in through a port (`simulation.ts` plugs in the
 * real one; a scenario without AnalysisTemplates runs without loading PromQL or expr at all) and
 * an optional sampler for the periodic Sample events of a trace.
 * Pure given (scenario, seed, operator actions): it reads no clock, no files.
 */
import { CONTROL, createEngine, OBSERVE, type Engine } from '../engine/engine.js';
import { createRng } from '../engine/rng.js';
import { initialStatus, startUpdate } from '../controller/status.js';
import { createMetricStore, type MetricStore } from '../metrics/store.js';
import type { AbortCause, SampleFields, SimEvent, SummaryFields } from '../model/events.js';
import type { Workload } from '../model/rollout.js';
import type { OperatorActionName, Scenario } from '../model/scenario.js';
import { strategyOf } from '../model/strategy.js';
import type { Exported } from '../world/pod-metrics.js';
import { templateHash } from '../world/pods.js';
import { createWorld, RELEASE_VERSION, STABLE_VERSION, type CompletedRequest, type World } from '../world/world.js';
import { lintOperator } from '../lint/operator.js';
import type { Finding } from '../lint/types.js';
import type { AnalysisFactory } from './analysis-port.js';
import { createAbortCauses } from './abort-cause.js';
import { createExperimentReplicaSets } from './experiment-replicasets.js';
import { createControllerLoop, type ControllerDeps, type ControllerState } from './controller-loop.js';
import { createOperator } from './operator.js';
import { routePlan, serviceNames, trafficModel, type RoutingContext } from './routing.js';
import { historyMs } from './history.js';
import { summarize } from './summary.js';
import { simulationStarted } from './trace-start.js';
import { twinScenario, type SentAction } from './twin.js';
import { pickWorkload, stepCount } from './workload.js';

export { NO_ANALYSIS, type AnalysisDeps, type AnalysisFactory, type AnalysisPort } from './analysis-port.js';
export { pickWorkload, stepCount, usesAnalysis } from './workload.js';

/**
 * The load-time warnings of one workload (src/lint). Without analysis only the operator rules
 * apply (and PromQL and expr stay unloaded); simulation.ts passes the whole rule set.
 */
export type WorkloadLinter = (scenario: Scenario, workload: Workload) => readonly Finding[];

/** Reads what a dashboard shows now (run/sample.ts); only a trace needs it, so it is optional. */
export type Sampler = (store: MetricStore, world: World, t: number) => SampleFields;

export interface SimulationOptions {
  readonly seed?: number;
  /** Which workload to run (default: the first). */
  readonly workload?: string;
  /** The metrics store the pods are scraped into and analysis queries read. */
  readonly store: MetricStore;
  readonly onComplete?: (r: CompletedRequest) => void;
  /** Emit a Sample event at every scrape and at the end (a trace for a reader to redraw). */
  readonly sampler?: Sampler;
  /** The optional metric families to export (default: all; createSimulation exports what the queries select). */
  readonly exported?: Exported;
  /** The longest span any analysis query reads back (ms): the world's history covers it (history.ts). */
  readonly queryLookbackMs?: number;
  /**
   * The healthy twin's first abort at or before `until`, from a caller that has run the twin
   * already (a sweep runs it to its own decision anyway); without it, an aborted run plays its
   * twin up to the abort (runHealthyTwin).
   */
  readonly twin?: (until: number) => { t: number; cause: AbortCause; detail: string } | undefined;
}

export type Simulation = ReturnType<typeof createSimulationCore>;

/** The world with the workload's Services and the stable ReplicaSet at full size, ready at t = 0. */
function buildCluster(scenario: Scenario, workload: Workload, engine: Engine, opts: SimulationOptions, seed: number, onPodReady: () => void) {
  const world = createWorld({
    scenario, engine, sink: opts.store, workload: workload.name,
    streams: {
      traffic: createRng(seed, 'traffic'), routing: createRng(seed, 'routing'),
      names: createRng(seed, 'names'), synthetic: createRng(seed, 'synthetic'),
    },
    onPodReady,
    ...(opts.exported ? { exported: opts.exported } : {}),
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
  rsByHash.set(stableHash, world.createReplicaSet(stableHash, scenario.stableImage, STABLE_VERSION));
  world.scale(rsByHash.get(stableHash) as number, workload.replicas, true);
  return { world, routing, rsByHash, stableHash };
}

/** One workload's simulation, wired: what the stages below share. */
interface Core extends Omit<ControllerDeps, 'rsByHash' | 'applyRoutes'> {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly steps: number;
  readonly rsByHash: Map<string, number>;
  readonly listeners: ((e: SimEvent) => void)[];
  readonly causes: ReturnType<typeof createAbortCauses>;
  readonly reconcile: () => void;
  readonly analysisFactory: AnalysisFactory;
  /** Operator actions sent while the run played, for the healthy twin to replay. */
  readonly sent: SentAction[];
  /** A template equal to the stable one is a no-op update (DESIGN §3): nothing starts. */
  readonly noOpUpdate: boolean;
  readonly twin: SimulationOptions['twin'];
  /** The options that shape the run's world, for its healthy twin to be built with exactly them. */
  readonly twinRun: TwinRun;
}

/** Builds the engine, the world, the controller's state and the analysis system for one workload. */
function wire(scenario: Scenario, opts: SimulationOptions, analysisFactory: AnalysisFactory): Core {
  const seed = opts.seed ?? scenario.seed;
  const workload = pickWorkload(scenario, opts.workload);
  const steps = stepCount(workload);
  const engine = createEngine(-historyMs(scenario.scrapeInterval, scenario.release.at, opts.queryLookbackMs ?? 0));
  const listeners: ((e: SimEvent) => void)[] = [];
  const causes = createAbortCauses();
  const emit = (e: SimEvent): void => {
    causes.observe(e);
    listeners.forEach((l) => l(e));
  };
  // The controller is built last (it needs the world and the analysis system), but both already
  // ask for reconciles through this: called only once the simulation runs.
  const reconcile = (): void => controller.request();
  const { world, routing, rsByHash, stableHash } = buildCluster(scenario, workload, engine, opts, seed, reconcile);
  const state: ControllerState = { status: initialStatus(stableHash, steps), paused: workload.kind === 'Rollout' && workload.paused, promotedAt: undefined };
  const experiments = createExperimentReplicaSets({
    world, emit, now: () => engine.now, stableImage: scenario.stableImage, releaseImage: scenario.release.image,
    stableHash: () => state.status.stableRS ?? stableHash, releaseHash: () => state.status.currentPodHash,
  });
  const applyRoutes = (): void => {
    const plan = routePlan({ ...routing, experiments: experiments.byKey }, state.status);
    world.setRoutes(plan.routes, plan.byCohort, plan.mirrors);
  };
  applyRoutes();
  const analysis = analysisFactory({
    engine, scenario, world, store: opts.store, rolloutName: workload.name, emit, onCompleted: reconcile,
    releaseReplicaSet: () => rsByHash.get(state.status.currentPodHash) as number,
  });
  const controller = createControllerLoop({ engine, world, workload, rsByHash, stableHash, analysis, state, emit, applyRoutes, experiments });
  const noOpUpdate = workload.image === scenario.stableImage;
  const sent: SentAction[] = [];
  const twinRun: TwinRun = {
    seed, workload: workload.name, sent,
    ...(opts.queryLookbackMs === undefined ? {} : { queryLookbackMs: opts.queryLookbackMs }),
    ...(opts.exported === undefined ? {} : { exported: opts.exported }),
  };
  return { scenario, workload, seed, steps, engine, world, rsByHash, stableHash, state, analysis, experiments, emit, listeners, causes, reconcile, noOpUpdate, analysisFactory, sent, twin: opts.twin, twinRun };
}

/** The update starts: the release's ReplicaSet exists (empty) and the controller takes over. */
function beginUpdate(core: Core): void {
  const { scenario, workload, world, rsByHash, engine } = core;
  const releaseHash = templateHash(scenario.release.image);
  if (!rsByHash.has(releaseHash)) rsByHash.set(releaseHash, world.createReplicaSet(releaseHash, scenario.release.image, RELEASE_VERSION));
  core.state.status = startUpdate(core.state.status, releaseHash, core.steps);
  const { type: strategy, router } = strategyOf(workload);
  core.emit({
    t: engine.now, type: 'RolloutStarted', rollout: workload.name, strategy, router, replicas: workload.replicas,
    stableImage: scenario.stableImage, releaseImage: scenario.release.image, stableHash: core.stableHash, releaseHash, steps: core.steps,
  });
  core.reconcile();
}

/**
 * The Summary now: the outcome the controller's state says, its cause from the trace, the world's
 * tallies, and, for an aborted run only, its healthy twin run up to the abort.
 */
function summaryOf(core: Core): SummaryFields {
  const { scenario, workload, world, state, engine } = core;
  const last = core.causes.last();
  const aborted = state.status.abort && last !== undefined ? { at: state.status.abortedAt ?? last.t, cause: last.cause, detail: last.detail } : undefined;
  const twin = aborted === undefined ? undefined : core.twin !== undefined && core.sent.length === 0 ? core.twin(aborted.at) : runHealthyTwin(scenario, core.twinRun, core.analysisFactory, aborted.at);
  return summarize({
    scenario, workload: workload.name, strategy: strategyOf(workload), now: engine.now,
    promotedAt: state.status.abort ? undefined : state.promotedAt, aborted,
    twinAborted: twin === undefined ? undefined : { at: twin.t, cause: twin.cause },
    regressionSince: world.regressionSince,
    tallies: world.tallies,
    mirrored: world.mirrorsSent > 0 ? world.mirrorTally : undefined,
    updated: !core.noOpUpdate, arrived: world.arrivals, unserved: world.unserved,
  });
}

/**
 * What a healthy twin is built with besides its scenario: the run's seed, workload and live
 * actions, and the run's options that shape its world (how far back its history goes, which
 * families it exports). The twin must start from the very history the run started from: with a
 * shorter history a query reading back more than 5 minutes sees other data than the run's did.
 */
export interface TwinRun {
  readonly seed: number;
  readonly workload: string;
  readonly sent: readonly SentAction[];
  readonly queryLookbackMs?: number;
  readonly exported?: Exported;
}

/**
 * The healthy twin of a run (run/twin.ts) played up to `until` (the run's abort) on a store of
 * its own: its first abort by then, or undefined. `listen` sees its trace (tests).
 * Example: canary-tool-call-regression aborted at 320 s → undefined (the healthy release passes
 * the analysis); low-traffic-nan aborted at 240 s → {t: 240000, cause: 'noData', …}.
 */
export function runHealthyTwin(
  scenario: Scenario,
  run: TwinRun,
  analysisFactory: AnalysisFactory,
  until: number,
  listen?: (e: SimEvent) => void,
): { t: number; cause: AbortCause; detail: string } | undefined {
  const { sent, ...options } = run;
  const twin = createSimulationCore(twinScenario(scenario, run.workload, sent), { ...options, store: createMetricStore() }, analysisFactory);
  const causes = createAbortCauses();
  twin.subscribe(causes.observe);
  if (listen !== undefined) twin.subscribe(listen);
  twin.runUntil(until);
  return causes.first();
}

/**
 * Example: createSimulationCore(scenario, {store}, ANALYSIS).runUntil(scenario.duration) emits
 * SimulationStarted, RolloutStarted at release.at, the controller's events, …; finish() the Summary.
 */
export function createSimulationCore(scenario: Scenario, opts: SimulationOptions, analysisFactory: AnalysisFactory, lint: WorkloadLinter = lintOperator) {
  const core = wire(scenario, opts, analysisFactory);
  const { engine, world, workload, state } = core;
  const warnings = lint(scenario, workload);
  const operate = createOperator(core);
  // Scenario times are from t = 0; the engine may start earlier (history.ts).
  const at = (t: number): number => t - engine.now;
  if (!core.noOpUpdate) engine.call(at(scenario.release.at), CONTROL, () => beginUpdate(core));
  for (const op of scenario.operator) {
    if (op.rollout === undefined || op.rollout === workload.name) engine.call(at(op.at), CONTROL, () => operate(op.action));
  }
  world.start();
  const sampling = createSampling(engine, opts, world, scenario.scrapeInterval, core.emit);
  let started = false;
  /** SimulationStarted comes first, before anything the engine runs at t = 0. */
  const start = (): void => {
    if (started) return;
    started = true;
    core.emit({ t: 0, type: 'SimulationStarted', ...simulationStarted(scenario, workload, core.seed, core.noOpUpdate) });
    for (const { severity: _severity, ...w } of warnings) core.emit({ t: 0, type: 'Warning', ...w });
  };
  return {
    engine, world, workload, seed: core.seed,
    /** The load-time warnings (also the trace's Warning events, right after SimulationStarted). */
    warnings,
    get status() {
      return state.status;
    },
    subscribe: (listener: (e: SimEvent) => void): void => void core.listeners.push(listener),
    /** An operator action now (UI keys); stamped with sim time and recorded in the trace. */
    send: (action: OperatorActionName): void =>
      engine.call(0, CONTROL, () => {
        core.sent.push({ at: engine.now, action });
        operate(action);
      }),
    runUntil(t: number): void {
      start();
      engine.runUntil(Math.min(t, scenario.duration));
    },
    /** The series store this run scrapes into (an --export-metrics file is written from it). */
    store: opts.store,
    /** Emits a last Sample (when sampling) and the Summary; returns the Summary. */
    finish(): SummaryFields {
      start();
      sampling.flush();
      const fields = summaryOf(core);
      core.emit({ t: engine.now, type: 'Summary', ...fields });
      return fields;
    },
  };
}

/**
 * Sample events at every scrape (just after the world's own scrape at that instant) and one at
 * the end, when a sampler is given; nothing otherwise. Example: scrapeInterval 15 s, 1 min run →
 * Samples at 15, 30, 45 and 60 s.
 */
function createSampling(engine: Engine, opts: SimulationOptions, world: World, interval: number, emit: (e: SimEvent) => void) {
  const sampler = opts.sampler;
  let lastAt = -1;
  const take = (): void => {
    if (sampler === undefined) return;
    lastAt = engine.now;
    emit({ t: engine.now, type: 'Sample', ...sampler(opts.store, world, engine.now) });
  };
  const tick = (): void => {
    take();
    engine.call(interval, OBSERVE, tick);
  };
  // The first Sample is one interval after t = 0: the history before it is not the scenario's window.
  if (sampler !== undefined) engine.call(interval - engine.now, OBSERVE, tick);
  return { flush: (): void => void (lastAt !== engine.now && take()) };
}
