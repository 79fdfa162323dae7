/**
 * A step with setCanaryScale and setHeaderRoute (Argo's own apisix example does this): Argo's
 * validation.go hasMultipleStepsType only forbids combining setWeight, pause, experiment and
 * analysis. In one reconcile (rollout/canary.go rolloutCanary) reconcileTrafficRouting sets the
 * header route of the current step (trafficrouting.go: SetHeaderRoute, then SetMirrorRoute), then
 * reconcileCanaryReplicaSets scales the canary to the setCanaryScale count; the step completes as a
 * setCanaryScale step (completedCurrentCanaryStep checks SetCanaryScale first): when the counts
 * are there.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/controller/reconcile.js';
import { initialStatus, startUpdate, type Observed, type RolloutStatus } from '../../src/controller/status.js';
import type { CanaryStep, CanaryStrategy, Rollout } from '../../src/model/rollout.js';
import { aCanaryRollout } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const observed = (sets: Record<string, [number, number]>, now: number): Observed => ({
  now, paused: false, analysisRuns: new Map(),
  replicaSets: new Map(Object.entries(sets).map(([h, [replicas, available]]) => [h, { replicas, available }])),
});
const steps: CanaryStep[] = [
  { setWeight: 10, source: here },
  {
    setCanaryScale: { weight: 50 },
    setHeaderRoute: { name: 'beta', match: [{ headerName: 'x-tier', headerValue: { exact: 'beta' } }] },
    setMirrorRoute: { name: 'shadow', percentage: 20, match: [{ method: { exact: 'GET' } }] },
    source: here,
  },
  { pause: { duration: undefined }, source: here },
];
function rollout(): Rollout {
  const r = aCanaryRollout({ replicas: 10 }, steps);
  const s = r.strategy as CanaryStrategy;
  return { ...r, strategy: { ...s, canaryService: 'c', stableService: 's', trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: ['beta', 'shadow'] } } };
}
/** One reconcile, its effects in short. */
function once(r: Rollout, s: RolloutStatus, o: Observed): { status: RolloutStatus; effects: string[] } {
  const out = reconcile(r, s, o);
  return { status: out.status, effects: out.effects.filter((e) => e.type !== 'requeueAt').map((e) => (e.type === 'emit' ? `emit ${e.event.type}` : `${e.type} ${JSON.stringify({ ...e, type: undefined })}`)) };
}

describe('setCanaryScale with setHeaderRoute and setMirrorRoute in one step', () => {
  it('routes set at once, the canary scaled to 50 %, the step complete only once 5 pods are available', () => {
    const r = rollout();
    // At step 1 with the canary at 1/1 (step 0 done, router at 10 %).
    const at1: RolloutStatus = { ...startUpdate(initialStatus('v1', 3), 'v2', 3), currentStepIndex: 1, announcedStep: 0, canaryWeight: 10, actualWeight: 10 };
    const first = once(r, at1, observed({ v1: [10, 10], v2: [1, 1] }, 100_000));
    expect(first.status.managedRoutes.map((m) => `${m.kind} ${m.name}`)).toEqual(['header beta', 'mirror shadow']);
    expect(first.effects).toEqual(['emit StepStarted', 'scale {"hash":"v2","replicas":5,"role":"canary"}', 'emit PhaseChanged']);
    expect(first.status.currentStepIndex).toBe(1);
    // Scaled to 5, one available: not complete.
    const waiting = once(r, first.status, observed({ v1: [10, 10], v2: [5, 1] }, 110_000));
    expect([waiting.status.currentStepIndex, waiting.effects]).toEqual([1, []]);
    // Five canary pods available: the step completes; the routes stay.
    const done = once(r, waiting.status, observed({ v1: [10, 10], v2: [5, 5] }, 130_000));
    expect([done.status.currentStepIndex, done.effects]).toEqual([2, ['emit StepCompleted']]);
    expect(done.status.managedRoutes.map((m) => m.name)).toEqual(['beta', 'shadow']);
  });
});
