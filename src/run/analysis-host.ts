/**
 * The cluster side of analysis: it creates the AnalysisRuns the controller asks for, takes their
 * measurements on the engine's clock, emits their events, and tells the controller when a run
 * completes. Runs are keyed the way the controller thinks of them ('step:2', 'background', 'pre',
 * 'post'); each key maps to the current attempt's run.
 */
import { buildAnalysisRun, isCompleted, measure, nextDue, terminate, type AnalysisRun, type Provider } from '../analysis/run/index.js';
import { CONTROL } from '../engine/engine.js';
import type { AnalysisPhase } from '../model/events.js';
import type { AnalysisDeps, AnalysisPort, StartRequest } from './analysis-port.js';

export type { StartRequest } from './analysis-port.js';

/** The runs by key, and what a terminal or replaced run leaves behind. */
interface Runs {
  readonly byKey: Map<string, AnalysisRun>;
  /** Every run name created so far (Argo's names must not repeat). */
  readonly names: string[];
  /** Keys whose run Argo would not even create (e.g. an unresolved arg): observed as Error. */
  readonly failed: Map<string, string>;
  /** Bumped whenever a key's run is replaced or stopped, so stale wake-ups are ignored. */
  readonly generation: Map<string, number>;
}

export function createAnalysisHost(deps: AnalysisDeps, provider: Provider): AnalysisPort {
  const runs: Runs = { byKey: new Map(), names: [], failed: new Map(), generation: new Map() };
  const bump = (key: string): void => void runs.generation.set(key, (runs.generation.get(key) ?? 0) + 1);
  const step = (key: string): void => measureDue(deps, provider, runs, key);
  return {
    /** Creates and starts a run; a spec Argo would refuse becomes a run in phase Error. */
    start(req: StartRequest): void {
      bump(req.key);
      if (createRun(deps, runs, req)) step(req.key);
    },
    /** The Rollout moved on: stop the run (Argo's terminate). */
    terminate(key: string): void {
      const run = runs.byKey.get(key);
      bump(key);
      if (run === undefined || isCompleted(run.phase)) return;
      const r = terminate(run, deps.engine.now, provider);
      runs.byKey.set(key, r.run);
      r.events.forEach(deps.emit);
    },
    /** The phase of every keyed run, as the controller observes it. */
    observe(): Map<string, { phase: AnalysisPhase; message: string }> {
      const out = new Map<string, { phase: AnalysisPhase; message: string }>();
      for (const [key, run] of runs.byKey) out.set(key, { phase: run.phase, message: run.message });
      for (const [key, message] of runs.failed) out.set(key, { phase: 'Error', message });
      return out;
    },
  };
}

/**
 * Builds the run for a request; false when Argo would refuse it (then its AnalysisRunCompleted
 * Error is emitted and the key observes as Error). Example: an arg that resolves nowhere → false.
 */
function createRun(deps: AnalysisDeps, runs: Runs, req: StartRequest): boolean {
  const built = buildAnalysisRun({
    rolloutName: deps.rolloutName, namespace: deps.scenario.namespace, podHash: req.podHash,
    revision: req.revision, kind: req.kind, analysis: req.analysis,
    templates: deps.scenario.analysisTemplates, stableHash: req.stableHash, latestHash: req.podHash,
    now: deps.engine.now, existingNames: runs.names, fields: deps.scenario.fields,
    ...(req.stepIndex !== undefined ? { stepIndex: req.stepIndex } : {}),
    ...(req.name !== undefined ? { name: req.name } : {}),
  });
  if (!built.ok) {
    deps.emit({ t: deps.engine.now, type: 'AnalysisRunCompleted', name: `${deps.rolloutName}-${req.key}`, phase: 'Error', message: built.error });
    runs.failed.set(req.key, built.error);
    deps.onCompleted();
    return false;
  }
  runs.names.push(built.run.name);
  runs.byKey.set(req.key, built.run);
  return true;
}

/** Takes the measurements due now, then sleeps until the next is due (or tells the controller the run completed). */
function measureDue(deps: AnalysisDeps, provider: Provider, runs: Runs, key: string): void {
  const run = runs.byKey.get(key);
  if (run === undefined || isCompleted(run.phase)) return;
  const { engine } = deps;
  const r = measure(run, engine.now, provider);
  runs.byKey.set(key, r.run);
  r.events.forEach(deps.emit);
  if (isCompleted(r.run.phase)) {
    deps.onCompleted();
    return;
  }
  const at = nextDue(r.run);
  if (at === undefined) return;
  const gen = runs.generation.get(key) ?? 0;
  engine.call(Math.max(0, at - engine.now), CONTROL, () => {
    if ((runs.generation.get(key) ?? 0) === gen) measureDue(deps, provider, runs, key);
  });
}
