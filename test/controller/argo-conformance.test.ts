/**
 * Rules where the simulator once differed from Argo Rollouts' controller, each pinned as the
 * exact trace slice Argo's code produces (argo-semantics §2, §4, §9, §10). Pods become ready
 * 20 s after they are created.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/controller/reconcile.js';
import { initialStatus, startUpdate, type Observed } from '../../src/controller/status.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisTemplate, RolloutAnalysis } from '../../src/model/rollout.js';
import type { OperatorAction, Scenario } from '../../src/model/scenario.js';
import { aBlueGreenRollout, aCanaryRollout, aScenario, pause, setWeight, traceOf } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const quiet: Scenario['traffic'] = { rate: { kind: 'constant', rps: 2 }, cohorts: [{ name: 'chat', share: 1, headers: {} }] };
const CANARY = 'rv8mt5frdr';
const op = (at: number, action: OperatorAction['action']): OperatorAction => ({ at, action, rollout: undefined });
const run = (over: Partial<Scenario>): SimEvent[] => traceOf(aScenario({ duration: 600_000, traffic: quiet, ...over })).filter((e) => e.type !== 'Summary');
const phases = (events: SimEvent[]) => events.flatMap((e) => (e.type === 'PhaseChanged' ? [`${e.t / 1000}s ${e.phase}: ${e.message}`] : []));

/** A Job metric (Successful when the synthetic suite passes) that needs `syntheticTests`. */
const jobTemplate: AnalysisTemplate = {
  kind: 'AnalysisTemplate', name: 'smoke', args: [], dryRun: [], measurementRetention: [], source: here,
  metrics: [{
    name: 'smoke', interval: undefined, initialDelay: 60_000, count: undefined, successCondition: undefined, failureCondition: undefined,
    failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
    provider: { job: { spec: {} } }, source: here,
  }],
};
const useSmoke: RolloutAnalysis = { templates: [{ templateName: 'smoke', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined };

describe('blue-green phase and message (CalculateRolloutPhase, argo-semantics §2.1)', () => {
  it("counts availableReplicas on the active ReplicaSet: while the preview pods start the message is 'active service cutover pending'", () => {
    expect(phases(run({ workloads: [aBlueGreenRollout({ autoPromotionEnabled: false })], operator: [op(120_000, 'promote')] }))).toEqual([
      '0s Progressing: more replicas need to be updated',
      '0s Progressing: active service cutover pending',
      '20s Paused: BlueGreenPause',
      '120s Healthy: ',
    ]);
  });

  it('previewReplicaCount: below replicas the preview is "more replicas need to be updated", at full size it waits for the cutover', () => {
    expect(phases(run({ workloads: [aBlueGreenRollout({ previewReplicaCount: 2, autoPromotionEnabled: false })], operator: [op(100_000, 'promote')] }))).toEqual([
      '0s Progressing: more replicas need to be updated',
      '20s Paused: BlueGreenPause',
      '100s Progressing: more replicas need to be updated',
      '100s Progressing: active service cutover pending',
      '120s Healthy: ',
    ]);
  });

  it("after the switch, a pending postPromotionAnalysis reads 'waiting for analysis to complete'", () => {
    const events = run({
      workloads: [aBlueGreenRollout({ postPromotionAnalysis: useSmoke })], analysisTemplates: [jobTemplate],
      syntheticTests: { cases: 10, cohorts: ['chat'], maxFailures: 10 },
    });
    expect(phases(events)).toEqual([
      '0s Progressing: more replicas need to be updated',
      '0s Progressing: active service cutover pending',
      '20s Progressing: waiting for analysis to complete',
      '85s Healthy: ', // the Job's own run time
    ]);
  });
});

describe('promote (kubectl argo rollouts promote, argo-semantics §2.8)', () => {
  it('on a manually paused canary with no pause condition it unpauses AND skips the current step', () => {
    const events = run({ workloads: [aCanaryRollout({ paused: true }, [setWeight(20), pause(), setWeight(50), pause()])], operator: [op(60_000, 'promote')] });
    expect(events.filter((e) => e.t >= 60_000 && e.t <= 80_000)).toEqual([
      { t: 60_000, type: 'OperatorAction', action: 'promote' },
      { t: 60_000, type: 'StepStarted', index: 1, step: 'pause: {}' },
      { t: 60_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 2 },
      { t: 60_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 60_000, type: 'PhaseChanged', phase: 'Paused', message: 'CanaryPauseStep' },
      { t: 80_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 20 },
    ]);
  });

  it('on a blue-green Rollout without a pause condition it changes nothing (a second promote does not re-arm the pause)', () => {
    const events = run({ workloads: [aBlueGreenRollout({ previewReplicaCount: 2, autoPromotionEnabled: false })], operator: [op(100_000, 'promote'), op(110_000, 'promote')] });
    expect(events.filter((e) => e.type === 'Paused')).toEqual([{ t: 20_000, type: 'Paused', reason: 'BlueGreenPause' }]);
    expect(events.find((e) => e.type === 'ServiceSwitched' && e.service === 'agent-active')?.t).toBe(120_000);
  });
});

describe('promote --full with trafficRouting (argo-semantics §4.2 rule 5, shouldFullPromote)', () => {
  it('with dynamicStableScale the weight follows the available canary pods (100 × available / replicas)', () => {
    const r = aCanaryRollout({}, [setWeight(20), pause()]);
    const dss = { ...r, strategy: { ...(r.strategy as Extract<typeof r.strategy, { type: 'canary' }>), dynamicStableScale: true, scaleDownDelaySeconds: undefined } };
    const status = { ...startUpdate(initialStatus('v1', 2), 'v2', 2), promoteFull: true, currentStepIndex: 2, canaryWeight: 20, actualWeight: 20 };
    const observed: Observed = {
      now: 0, paused: false, analysisRuns: new Map(),
      replicaSets: new Map([['v1', { replicas: 8, available: 8 }], ['v2', { replicas: 10, available: 5 }]]),
    };
    expect(reconcile(dss, status, observed).effects.filter((e) => e.type === 'setWeight')).toEqual([{ type: 'setWeight', canary: 50 }]);
  });
});

describe('pause step under spec.paused (reconcileCanaryPause returns early while spec.paused)', () => {
  it('adds no CanaryPauseStep condition while manually paused, so the timed pause counts from the resume', () => {
    const events = run({ workloads: [aCanaryRollout({ paused: true }, [pause(60_000), setWeight(20), pause()])], operator: [op(100_000, 'resume')] });
    expect(events.filter((e) => ['Paused', 'Resumed', 'StepCompleted'].includes(e.type))).toEqual([
      { t: 100_000, type: 'Resumed', by: 'resume' },
      { t: 100_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 160_000, type: 'Resumed', by: 'timer' },
      { t: 160_000, type: 'StepCompleted', index: 0 },
      { t: 180_000, type: 'StepCompleted', index: 1 },
      { t: 180_000, type: 'Paused', reason: 'CanaryPauseStep' },
    ]);
  });
});

describe('router weight after the last step while the canary is still scaling (reconcileTrafficRouting)', () => {
  it('is the last setWeight of the list, even when a promote skipped that step before its pods were ready', () => {
    // promote at 60 s ends the pause; a second promote at 70 s skips setWeight 50 while it scales.
    const events = run({ workloads: [aCanaryRollout({}, [setWeight(20), pause(), setWeight(50)])], operator: [op(60_000, 'promote'), op(70_000, 'promote')] });
    const weights = events.flatMap((e) => (e.type === 'WeightChanged' ? [`${e.t / 1000}s ${e.canary}`] : []));
    expect(weights).toEqual(['20s 20', '70s 50', '90s 100', '90s 0']);
  });
});

describe('retry and the progress deadline (Progressing condition RolloutRetry, argo-semantics §2.7–§2.8)', () => {
  it('a retry long after the abort restarts the deadline clock: no ProgressDeadlineExceeded, and Healthy at the end', () => {
    const events = run({
      duration: 3_000_000,
      workloads: [aCanaryRollout({}, [setWeight(20), pause(60_000)])],
      operator: [op(30_000, 'abort'), op(1_800_000, 'retry')],
    });
    expect(phases(events).filter((p) => Number.parseFloat(p) >= 1_800)).toEqual([
      '1800s Progressing: more replicas need to be updated',
      '1820s Paused: CanaryPauseStep',
      '1880s Progressing: more replicas need to be updated',
      '1880s Progressing: waiting for all steps to complete',
      '1900s Healthy: ',
    ]);
  });

  it('a deadline exceeded while nothing moves clears once the update progresses again (Degraded → Progressing)', () => {
    // A 10 s deadline is shorter than the 20 s the canary pods take to start: it expires at 10 s,
    // then the pods' readiness is progress and the update carries on to Healthy.
    const events = run({
      workloads: [aCanaryRollout({ progressDeadlineSeconds: 10 }, [setWeight(20), pause(60_000)])],
    });
    const p = phases(events);
    expect(p).toContain('10s Degraded: ProgressDeadlineExceeded: ReplicaSet "agent-rv8mt5frdr" has timed out progressing.');
    expect(p.at(-1)).toBe('100s Healthy: ');
  });
});
