/**
 * The canary checklist's stages one at a time, each from a hand-built status and cluster, asserting
 * the exact status fields and effects its doc comment promises (the worked examples).
 */
import { describe, expect, it } from 'vitest';
import { reconcileAnalysisRuns } from '../../src/controller/canary-analysis.js';
import { adoptFirstDeploy, canaryContext } from '../../src/controller/canary-context.js';
import { reconcileCanaryReplicaSets } from '../../src/controller/canary-scaling.js';
import { announceStep, completedCurrentCanaryStep, completeStepOrPromote, reconcileCanaryPause } from '../../src/controller/canary-step.js';
import { desiredCanaryWeight, reconcileManagedRoutes, reconcileTrafficRouting } from '../../src/controller/canary-traffic.js';
import { initialStatus, startUpdate, type Observed, type RolloutStatus } from '../../src/controller/status.js';
import type { CanaryStep, Rollout } from '../../src/model/rollout.js';
import type { AnalysisPhase } from '../../src/model/events.js';
import { SECOND } from '../../src/model/time.js';
import { aCanaryRollout, pause, setWeight } from '../helpers/builders.js';

const here = { file: 'test.yaml', line: 1, column: 1 };
const analysisStep: CanaryStep = { analysis: { templates: [{ templateName: 'errors', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined }, source: here };

function observed(sets: Record<string, [number, number]>, now = 0, runs: Record<string, AnalysisPhase> = {}, paused = false): Observed {
  return {
    now, paused,
    replicaSets: new Map(Object.entries(sets).map(([h, [replicas, available]]) => [h, { replicas, available }])),
    analysisRuns: new Map(Object.entries(runs).map(([k, phase]) => [k, { phase, message: 'm' }])),
  };
}
/** An update from v1 to v2 at `step`, with `over` on top of the status startUpdate gives. */
function updating(steps: readonly CanaryStep[], step: number, over: Partial<RolloutStatus> = {}): RolloutStatus {
  return { ...startUpdate(initialStatus('v1', steps.length), 'v2', steps.length), currentStepIndex: step, ...over };
}
const basic = (steps: CanaryStep[]): Rollout => {
  const r = aCanaryRollout({}, steps);
  return { ...r, strategy: { ...r.strategy, trafficRouting: undefined, scaleDownDelaySeconds: undefined } } as Rollout;
};
const emit = (event: object) => ({ type: 'emit', event });

describe('canaryContext and adoptFirstDeploy', () => {
  it('first deploy promotes at once and skips the steps', () => {
    const s = { ...initialStatus('v1', 3), stableRS: undefined, currentStepIndex: 0 };
    expect(adoptFirstDeploy(s, 3)).toMatchObject({ stableRS: 'v1', currentStepIndex: 3 });
  });

  it('reads the step, its weight and whether the counts are there', () => {
    const steps = [setWeight(20), pause()];
    const c = canaryContext(aCanaryRollout({}, steps), updating(steps, 0), observed({ v1: [10, 10], v2: [2, 2] }));
    expect(c).toMatchObject({ promoted: false, weight: 20, stepIndex: 0, atTarget: true, routed: true, dynamic: false, maxWeight: 100 });
    expect(c.step).toBe(steps[0]);
  });
});

describe('announceStep', () => {
  it('emits StepStarted once per step', () => {
    const steps = [setWeight(20), pause()];
    const s = updating(steps, 1, { announcedStep: 0 });
    const c = canaryContext(aCanaryRollout({}, steps), s, observed({ v1: [10, 10], v2: [2, 2] }, 5_000));
    const first = announceStep(c, s);
    expect(first.effects).toEqual([emit({ t: 5_000, type: 'StepStarted', index: 1, step: 'pause: {}' })]);
    expect(first.status.announcedStep).toBe(1);
    expect(announceStep(c, first.status)).toEqual({ status: first.status, effects: [] });
  });
});

describe('reconcileTrafficRouting', () => {
  it('sets the router to the step weight once the canary pods are available', () => {
    const steps = [setWeight(20), pause()];
    const s = updating(steps, 0);
    const r = reconcileTrafficRouting(canaryContext(aCanaryRollout({}, steps), s, observed({ v1: [10, 10], v2: [2, 2] }, 20_000)), s);
    expect(r.effects).toEqual([{ type: 'setWeight', canary: 20 }, emit({ t: 20_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 20 })]);
    expect(r.status).toMatchObject({ canaryWeight: 20, actualWeight: 20 });
  });

  it('keeps the previous setWeight while the step is still scaling', () => {
    const steps = [setWeight(20), setWeight(50)];
    const rollout = aCanaryRollout({}, steps);
    const s = updating(steps, 1, { canaryWeight: 20, actualWeight: 20 });
    expect(desiredCanaryWeight(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [5, 2] })), s)).toBe(20);
    expect(desiredCanaryWeight(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [5, 5] })), s)).toBe(50);
    expect(reconcileTrafficRouting(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [5, 2] })), s).effects).toEqual([]);
  });

  it('a basic canary emits the pod share as the actual weight and no router effect', () => {
    const steps = [setWeight(20), pause()];
    const s = updating(steps, 0);
    const r = reconcileTrafficRouting(canaryContext(basic(steps), s, observed({ v1: [8, 8], v2: [2, 1] }, 40_000)), s);
    expect(r.effects).toEqual([emit({ t: 40_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 11 })]);
  });
});

describe('reconcileAnalysisRuns', () => {
  const steps = [setWeight(20), analysisStep];
  const rollout = aCanaryRollout({}, steps);

  it('starts the current step run once', () => {
    const s = updating(steps, 1);
    const r = reconcileAnalysisRuns(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [2, 2] })), s);
    expect(r.effects).toEqual([{ type: 'startAnalysis', key: 'step:1', kind: 'step', analysis: (analysisStep as { analysis: unknown }).analysis, stepIndex: 1 }]);
    expect(r.status.analysisKeys).toEqual(['step:1']);
    expect(r.halted).toBe(false);
  });

  it('a Failed step run aborts with Argo’s message and halts the reconcile', () => {
    const s = updating(steps, 1, { analysisKeys: ['step:1'] });
    const r = reconcileAnalysisRuns(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [2, 2] }, 90_000, { 'step:1': 'Failed' })), s);
    expect(r.effects).toEqual([emit({ t: 90_000, type: 'RolloutAborted', reason: 'Step-based analysis phase error/failed: m' })]);
    expect(r.status).toMatchObject({ abort: true, abortedAt: 90_000, currentStepIndex: 0, abortReason: 'Step-based analysis phase error/failed: m' });
    expect(r.halted).toBe(true);
  });

  it('terminates a run still going when the rollout moved past its step', () => {
    const s = updating(steps, 2, { analysisKeys: ['step:1'] });
    const r = reconcileAnalysisRuns(canaryContext(rollout, s, observed({ v1: [0, 0], v2: [10, 10] }, 0, { 'step:1': 'Running' })), s);
    expect(r.effects).toEqual([{ type: 'terminateAnalysis', key: 'step:1' }]);
  });
});

describe('reconcileCanaryReplicaSets', () => {
  it('takes one action per reconcile, stable first (basic canary)', () => {
    const steps = [setWeight(20), pause()];
    const s = updating(steps, 0);
    const first = reconcileCanaryReplicaSets(canaryContext(basic(steps), s, observed({ v1: [10, 10], v2: [0, 0] })), s);
    expect(first.effects).toEqual([{ type: 'scale', hash: 'v1', replicas: 8, role: 'stable' }]);
    expect(first.scaled).toBe(true);
    const second = reconcileCanaryReplicaSets(canaryContext(basic(steps), s, observed({ v1: [8, 8], v2: [0, 0] })), s);
    expect(second.effects).toEqual([{ type: 'scale', hash: 'v2', replicas: 2, role: 'canary' }]);
  });

  it('promoted: scales the old ReplicaSet down once its delay passed, and clears the deadline', () => {
    const steps = [setWeight(20)];
    const s: RolloutStatus = { ...updating(steps, 1), stableRS: 'v2', scaleDownHash: 'v1', scaleDownAt: 30_000 };
    const early = reconcileCanaryReplicaSets(canaryContext(aCanaryRollout({}, steps), s, observed({ v1: [10, 10], v2: [10, 10] }, 29_000)), s);
    expect(early).toEqual({ status: s, effects: [], scaled: false });
    const due = reconcileCanaryReplicaSets(canaryContext(aCanaryRollout({}, steps), s, observed({ v1: [10, 10], v2: [10, 10] }, 30_000)), s);
    expect(due.effects).toEqual([{ type: 'scale', hash: 'v1', replicas: 0, role: 'stable' }]);
    expect(due.status).toMatchObject({ scaleDownHash: undefined, scaleDownAt: undefined });
  });

  it('after an abort (traffic-routed) keeps the canary for abortScaleDownDelaySeconds, then scales it to 0', () => {
    const steps = [setWeight(20), pause()];
    const rollout = aCanaryRollout({}, steps);
    const s = updating(steps, 0, { abort: true, abortedAt: 50_000 });
    const waiting = reconcileCanaryReplicaSets(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [2, 2] }, 60_000)), s);
    expect(waiting.effects).toEqual([{ type: 'requeueAt', at: 90_000 }]);
    expect(waiting.status.scaleDownAt).toBe(90_000);
    expect(waiting.scaled).toBe(false);
    const due = reconcileCanaryReplicaSets(canaryContext(rollout, waiting.status, observed({ v1: [10, 10], v2: [2, 2] }, 90_000)), waiting.status);
    expect(due.effects).toEqual([{ type: 'scale', hash: 'v2', replicas: 0, role: 'canary' }]);
  });
});

describe('reconcileCanaryPause and completeStepOrPromote', () => {
  const steps = [setWeight(20), pause(30 * SECOND)];
  const rollout = aCanaryRollout({}, steps);
  const sets = { v1: [10, 10], v2: [2, 2] } as Record<string, [number, number]>;

  it('a pause step adds its condition once and asks to be woken when it ends', () => {
    const s = updating(steps, 1, { canaryWeight: 20, actualWeight: 20 });
    const r = reconcileCanaryPause(canaryContext(rollout, s, observed(sets, 10_000)), s, { halted: false });
    expect(r.effects).toEqual([emit({ t: 10_000, type: 'Paused', reason: 'CanaryPauseStep' }), { type: 'requeueAt', at: 40_000 }]);
    expect(r.status).toMatchObject({ pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 10_000 }], controllerPause: true });
    expect(reconcileCanaryPause(canaryContext(rollout, s, observed(sets, 10_000)), s, { halted: true }).effects).toEqual([]);
  });

  it('a timed pause completes when its time is up, with the timer’s Resumed', () => {
    const s = updating(steps, 1, { canaryWeight: 20, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 10_000 }], controllerPause: true });
    expect(completedCurrentCanaryStep(canaryContext(rollout, s, observed(sets, 39_000)), s)).toBe(false);
    const r = completeStepOrPromote(canaryContext(rollout, s, observed(sets, 40_000)), s, { halted: false, scaled: false });
    expect(r.effects).toEqual([emit({ t: 40_000, type: 'Resumed', by: 'timer' }), emit({ t: 40_000, type: 'StepCompleted', index: 1 })]);
    expect(r.status).toMatchObject({ currentStepIndex: 2, pauseConditions: [] });
  });

  it('an indefinite pause resumed by promote (condition gone, controllerPause kept) is complete', () => {
    const indefinite = [setWeight(20), pause()];
    const s = updating(indefinite, 1, { canaryWeight: 20, controllerPause: true });
    expect(completedCurrentCanaryStep(canaryContext(aCanaryRollout({}, indefinite), s, observed(sets)), s)).toBe(true);
  });

  it('a setWeight step completes at its counts and router weight, not in a reconcile that scaled', () => {
    const s = updating(steps, 0, { canaryWeight: 20, actualWeight: 20 });
    const c = canaryContext(rollout, s, observed(sets, 20_000));
    expect(completeStepOrPromote(c, s, { halted: false, scaled: false })).toEqual({
      status: { ...s, currentStepIndex: 1 }, effects: [emit({ t: 20_000, type: 'StepCompleted', index: 0 })],
    });
    expect(completeStepOrPromote(c, s, { halted: false, scaled: true }).effects).toEqual([]);
  });

  it('past the last step at full weight promotes; the old stable waits scaleDownDelaySeconds', () => {
    const s = updating(steps, 2, { canaryWeight: 100, actualWeight: 100 });
    const c = canaryContext(rollout, s, observed({ v1: [10, 10], v2: [10, 10] }, 100_000));
    const r = completeStepOrPromote(c, s, { halted: false, scaled: false });
    expect(r.effects).toEqual([emit({ t: 100_000, type: 'RolloutPromoted' }), { type: 'requeueAt', at: 130_000 }]);
    expect(r.status).toMatchObject({ stableRS: 'v2', scaleDownHash: 'v1', scaleDownAt: 130_000 });
    expect(completeStepOrPromote(c, s, { halted: true, scaled: false }).effects).toEqual([]);
  });
});

describe('reconcileManagedRoutes', () => {
  const match = [{ headerName: 'x-user', headerValue: { exact: 'internal' } }];
  const steps: CanaryStep[] = [setWeight(20), pause(), { setHeaderRoute: { name: 'internal', match }, source: here }];
  const base = aCanaryRollout({}, steps);
  const rollout = { ...base, strategy: { ...base.strategy, trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: ['internal'] } } } as Rollout;

  it('puts the announced step’s route in force, and drops every route on abort', () => {
    const s = updating(steps, 2, { announcedStep: 2 });
    const r = reconcileManagedRoutes(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [1, 1] })), s);
    expect(r.status.managedRoutes).toEqual([{ kind: 'header', name: 'internal', match }]);
    expect(r.effects).toEqual([]);
    const aborted = { ...r.status, abort: true };
    expect(reconcileManagedRoutes(canaryContext(rollout, aborted, observed({ v1: [10, 10], v2: [1, 1] })), aborted).status.managedRoutes).toEqual([]);
  });

  it('keeps the same status object when nothing changes', () => {
    const s = updating(steps, 1, { announcedStep: 1 });
    const r = reconcileManagedRoutes(canaryContext(rollout, s, observed({ v1: [10, 10], v2: [1, 1] })), s);
    expect(r.status).toBe(s);
  });
});
