/**
 * Rules checked on the pure reconcile itself (no world): first deploy, a template change
 * mid-update, and one scaling action per reconcile.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/controller/reconcile.js';
import { initialStatus, startUpdate, type Observed } from '../../src/controller/status.js';
import { aCanaryRollout, pause, setWeight } from '../helpers/builders.js';

const steps = [setWeight(20), pause(), setWeight(50)];
const rollout = aCanaryRollout({}, steps);
const observed = (sets: Record<string, [number, number]>, now = 0): Observed => ({
  now, paused: false, analysisRuns: new Map(),
  replicaSets: new Map(Object.entries(sets).map(([h, [replicas, available]]) => [h, { replicas, available }])),
});

describe('reconcile', () => {
  it('first deploy (no stable yet) skips every step and scales the new ReplicaSet to full size', () => {
    const status = { ...initialStatus('new', steps.length), stableRS: undefined, currentStepIndex: 0 };
    const { status: next, effects } = reconcile(rollout, status, observed({ new: [0, 0] }));
    expect(next.stableRS).toBe('new');
    expect(next.currentStepIndex).toBe(steps.length);
    expect(effects.filter((e) => e.type === 'scale')).toEqual([{ type: 'scale', hash: 'new', replicas: 10, role: 'stable' }]);
    expect(effects.filter((e) => e.type === 'emit' && e.event.type === 'StepStarted')).toEqual([]);
  });

  it('a template change mid-update restarts at step 0 with a new revision', () => {
    const midway = { ...startUpdate(initialStatus('v1', 3), 'v2', 3), currentStepIndex: 2, controllerPause: true };
    const restarted = startUpdate(midway, 'v3', 3);
    expect(restarted).toMatchObject({ currentPodHash: 'v3', currentStepIndex: 0, revision: 3, controllerPause: false, pauseConditions: [] });
  });

  it('reverting to the stable template skips the steps (a rollback to stable)', () => {
    const midway = startUpdate(initialStatus('v1', 3), 'v2', 3);
    expect(startUpdate(midway, 'v1', 3).currentStepIndex).toBe(3);
  });

  it('makes one scaling action per reconcile, stable first (basic canary)', () => {
    const basic = { ...rollout, strategy: { ...rollout.strategy, trafficRouting: undefined } } as typeof rollout;
    const status = startUpdate(initialStatus('v1', 3), 'v2', 3);
    const first = reconcile(basic, status, observed({ v1: [10, 10], v2: [0, 0] }));
    expect(first.effects.filter((e) => e.type === 'scale')).toEqual([{ type: 'scale', hash: 'v1', replicas: 8, role: 'stable' }]);
    const second = reconcile(basic, first.status, observed({ v1: [8, 8], v2: [0, 0] }));
    expect(second.effects.filter((e) => e.type === 'scale')).toEqual([{ type: 'scale', hash: 'v2', replicas: 2, role: 'canary' }]);
    expect(second.status.currentStepIndex).toBe(0);
  });
});
