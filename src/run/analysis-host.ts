/**
 * The cluster side of analysis: it creates the AnalysisRuns the controller asks for, takes their
 * measurements on the engine's clock, emits their events, and tells the controller when a run
 * completes. Runs are keyed the way the controller thinks of them ('step:2', 'background', 'pre',
 * 'post'); each key maps to the current attempt's run.
 */
import { buildAnalysisRun, isCompleted, measure, nextDue, terminate, type AnalysisRun, type Provider, type RunKind } from '../analysis/run/index.js';
import { CONTROL, type Engine } from '../engine/engine.js';
import type { AnalysisPhase, SimEvent } from '../model/events.js';
import type { RolloutAnalysis } from '../model/rollout.js';
import type { Scenario } from '../model/scenario.js';

export interface AnalysisHostOptions {
  readonly engine: Engine;
  readonly scenario: Scenario;
  readonly rolloutName: string;
  readonly provider: Provider;
  readonly emit: (e: SimEvent) => void;
  /** A run reached a terminal phase: the controller should reconcile. */
  readonly onCompleted: () => void;
}

export interface StartRequest {
  readonly key: string;
  readonly kind: RunKind;
  readonly analysis: RolloutAnalysis;
  readonly stepIndex: number | undefined;
  readonly podHash: string;
  readonly revision: number;
  readonly stableHash: string;
}

export type AnalysisHost = ReturnType<typeof createAnalysisHost>;

export function createAnalysisHost(opts: AnalysisHostOptions) {
  const { engine } = opts;
  const byKey = new Map<string, AnalysisRun>();
  const names: string[] = [];
  /** Keys whose run Argo would not even create (e.g. an unresolved arg): observed as Error. */
  const failed = new Map<string, string>();
  /** Bumped whenever a key's run is replaced or stopped, so stale wake-ups are ignored. */
  const generation = new Map<string, number>();

  function wake(key: string, at: number | undefined): void {
    if (at === undefined) return;
    const gen = generation.get(key) ?? 0;
    engine.call(Math.max(0, at - engine.now), CONTROL, () => {
      if ((generation.get(key) ?? 0) === gen) step(key);
    });
  }

  function step(key: string): void {
    const run = byKey.get(key);
    if (run === undefined || isCompleted(run.phase)) return;
    const r = measure(run, engine.now, opts.provider);
    byKey.set(key, r.run);
    r.events.forEach(opts.emit);
    if (isCompleted(r.run.phase)) opts.onCompleted();
    else wake(key, nextDue(r.run));
  }

  return {
    /** Creates and starts a run; a spec Argo would refuse becomes a run in phase Error. */
    start(req: StartRequest): void {
      generation.set(req.key, (generation.get(req.key) ?? 0) + 1);
      const built = buildAnalysisRun({
        rolloutName: opts.rolloutName, namespace: opts.scenario.namespace, podHash: req.podHash,
        revision: req.revision, kind: req.kind, analysis: req.analysis,
        templates: opts.scenario.analysisTemplates, stableHash: req.stableHash, latestHash: req.podHash,
        now: engine.now, existingNames: names,
        ...(req.stepIndex !== undefined ? { stepIndex: req.stepIndex } : {}),
      });
      if (!built.ok) {
        opts.emit({ t: engine.now, type: 'AnalysisRunCompleted', name: `${opts.rolloutName}-${req.key}`, phase: 'Error', message: built.error });
        failed.set(req.key, built.error);
        opts.onCompleted();
        return;
      }
      names.push(built.run.name);
      byKey.set(req.key, built.run);
      step(req.key);
    },
    /** The Rollout moved on: stop the run (Argo's terminate). */
    terminate(key: string): void {
      const run = byKey.get(key);
      generation.set(key, (generation.get(key) ?? 0) + 1);
      if (run === undefined || isCompleted(run.phase)) return;
      const r = terminate(run, engine.now, opts.provider);
      byKey.set(key, r.run);
      r.events.forEach(opts.emit);
    },
    /** Forgets a key so the next start creates a fresh run (retry, a resumed inconclusive pause). */
    forget(key: string): void {
      this.terminate(key);
      byKey.delete(key);
      failed.delete(key);
    },
    /** The phase of every keyed run, as the controller observes it. */
    observe(): Map<string, { phase: AnalysisPhase; message: string }> {
      const out = new Map<string, { phase: AnalysisPhase; message: string }>();
      for (const [key, run] of byKey) out.set(key, { phase: run.phase, message: run.message });
      for (const [key, message] of failed) out.set(key, { phase: 'Error', message });
      return out;
    },
    runs(): readonly AnalysisRun[] {
      return [...byKey.values()];
    },
  };
}
