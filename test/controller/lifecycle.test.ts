/**
 * Lifecycle rules of the Rollout controller, each asserted as the exact trace slice it produces
 * (types, values, times). Pods become ready 20 s after they are created (the agent's startup).
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { OperatorAction, Scenario } from '../../src/model/scenario.js';
import { aBlueGreenRollout, aCanaryRollout, aDeployment, aScenario, pause, setWeight, traceOf } from '../helpers/builders.js';

const quiet: Scenario['traffic'] = { rate: { kind: 'constant', rps: 2 }, cohorts: [{ name: 'chat', share: 1, headers: {} }] };
const CANARY = 'rv8mt5frdr';
const STABLE = 'nlfdd44spj';
const op = (at: number, action: OperatorAction['action']): OperatorAction => ({ at, action, rollout: undefined });

function trace(workload: Scenario['workloads'][number], operator: OperatorAction[] = [], duration = 600_000): SimEvent[] {
  // The controller's events: the trace's header (SimulationStarted, load Warnings) and Summary are not its.
  return traceOf(aScenario({ duration, traffic: quiet, workloads: [workload], operator })).filter((e) => e.type !== 'Summary' && e.type !== 'SimulationStarted' && e.type !== 'Warning');
}
const between = (events: SimEvent[], from: number, to: number) => events.filter((e) => e.t >= from && e.t <= to);

describe('traffic-routed canary', () => {
  const steps = [setWeight(20), pause(), setWeight(50), pause(60_000)];

  it('scales the canary to ceil(20% × 10) = 2 at once and applies the weight when its pods are ready', () => {
    expect(between(trace(aCanaryRollout({}, steps)), 0, 20_000)).toEqual([
      { t: 0, type: 'RolloutStarted', rollout: 'agent', strategy: 'canary', router: 'istio', replicas: 10, stableImage: 'agent:v1', releaseImage: 'agent:v2', stableHash: 'nlfdd44spj', releaseHash: 'rv8mt5frdr', steps: 4 },
      { t: 0, type: 'StepStarted', index: 0, step: 'setWeight: 20' },
      { t: 0, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 2 },
      { t: 0, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 20_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 20 },
      { t: 20_000, type: 'StepCompleted', index: 0 },
      { t: 20_000, type: 'StepStarted', index: 1, step: 'pause: {}' },
      { t: 20_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 20_000, type: 'PhaseChanged', phase: 'Paused', message: 'CanaryPauseStep' },
    ]);
  });

  it('holds an indefinite pause until promote, then completes the step at that instant', () => {
    const events = trace(aCanaryRollout({}, steps), [op(300_000, 'promote')]);
    expect(between(events, 21_000, 299_999)).toEqual([]);
    expect(between(events, 300_000, 300_000).slice(0, 6)).toEqual([
      { t: 300_000, type: 'OperatorAction', action: 'promote' },
      { t: 300_000, type: 'Resumed', by: 'promote' },
      { t: 300_000, type: 'StepCompleted', index: 1 },
      { t: 300_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 300_000, type: 'StepStarted', index: 2, step: 'setWeight: 50' },
      { t: 300_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 5 },
    ]);
  });

  it('ends a timed pause exactly its duration after the pause began, then promotes and scales the old stable down 30 s later', () => {
    const events = trace(aCanaryRollout({}, steps), [op(300_000, 'promote')]);
    expect(between(events, 320_000, 1_000_000)).toEqual([
      { t: 320_000, type: 'WeightChanged', canary: 50, stable: 50, actual: 50 },
      { t: 320_000, type: 'StepCompleted', index: 2 },
      { t: 320_000, type: 'StepStarted', index: 3, step: 'pause: {duration: 1m0s}' },
      { t: 320_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 320_000, type: 'PhaseChanged', phase: 'Paused', message: 'CanaryPauseStep' },
      { t: 380_000, type: 'Resumed', by: 'timer' },
      { t: 380_000, type: 'StepCompleted', index: 3 },
      { t: 380_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 380_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 10 },
      { t: 380_000, type: 'PhaseChanged', phase: 'Progressing', message: 'waiting for all steps to complete' },
      { t: 400_000, type: 'WeightChanged', canary: 100, stable: 0, actual: 100 },
      { t: 400_000, type: 'RolloutPromoted' },
      { t: 400_000, type: 'PhaseChanged', phase: 'Healthy', message: '' },
      { t: 400_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 },
      { t: 430_000, type: 'ReplicaSetScaled', role: 'stable', hash: STABLE, replicas: 0 },
    ]);
  });

  it('abort: weight 0 at once, Degraded with Argo\'s message, canary scaled away after abortScaleDownDelaySeconds', () => {
    const events = trace(aCanaryRollout({}, steps), [op(120_000, 'abort')]);
    expect(between(events, 120_000, 600_000)).toEqual([
      { t: 120_000, type: 'OperatorAction', action: 'abort' },
      { t: 120_000, type: 'RolloutAborted', reason: 'aborted by operator' },
      { t: 120_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 },
      { t: 120_000, type: 'PhaseChanged', phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2' },
      { t: 150_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 0 },
    ]);
  });

  it('retry after an abort restarts from step 0', () => {
    const events = trace(aCanaryRollout({}, steps), [op(120_000, 'abort'), op(240_000, 'retry')]);
    expect(between(events, 240_000, 240_000)).toEqual([
      { t: 240_000, type: 'OperatorAction', action: 'retry' },
      { t: 240_000, type: 'StepStarted', index: 0, step: 'setWeight: 20' },
      { t: 240_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 2 },
      { t: 240_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
    ]);
  });

  it('promote --full skips the remaining steps and pauses, keeping the weight until the canary is full', () => {
    const events = trace(aCanaryRollout({}, steps), [op(100_000, 'promoteFull')]);
    expect(between(events, 100_000, 120_000)).toEqual([
      { t: 100_000, type: 'OperatorAction', action: 'promoteFull' },
      { t: 100_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 10 },
      { t: 100_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 100_000, type: 'PhaseChanged', phase: 'Progressing', message: 'waiting for all steps to complete' },
      // The router keeps 20 % until promotion; it never goes to 100 (argo-semantics §4.2 rule 5).
      { t: 120_000, type: 'RolloutPromoted' },
      { t: 120_000, type: 'PhaseChanged', phase: 'Healthy', message: '' },
      { t: 120_000, type: 'WeightChanged', canary: 0, stable: 100, actual: 0 },
    ]);
  });

  it('spec.paused holds the rollout (no scaling, no steps) until resumed', () => {
    const events = trace(aCanaryRollout({ paused: true }, steps), [op(60_000, 'resume')]);
    expect(between(events, 0, 59_999).map((e) => e.type)).toEqual(['RolloutStarted', 'StepStarted', 'PhaseChanged']);
    expect(between(events, 0, 0).at(-1)).toEqual({ t: 0, type: 'PhaseChanged', phase: 'Paused', message: 'manually paused' });
    expect(between(events, 60_000, 60_000).slice(0, 3)).toEqual([
      { t: 60_000, type: 'OperatorAction', action: 'resume' },
      { t: 60_000, type: 'Resumed', by: 'resume' },
      { t: 60_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 2 },
    ]);
  });
});

describe('basic canary: pods are the traffic split', () => {
  const basic = (replicas: number) =>
    aCanaryRollout({ replicas }, [setWeight(20), pause(60_000), setWeight(40), pause(60_000), setWeight(60), pause(60_000), setWeight(80), pause(60_000)]);
  const asBasic = (r: ReturnType<typeof basic>) => ({ ...r, strategy: { ...r.strategy, trafficRouting: undefined, scaleDownDelaySeconds: undefined } as typeof r.strategy });
  const weights = (events: SimEvent[]) => events.filter((e) => e.type === 'WeightChanged').map((e) => e.type === 'WeightChanged' && `${e.t / 1000}s ${e.canary}/${e.actual}`);

  it('5 replicas at 20 %: 1 canary + 4 stable, ActualWeight 20 once the canary pod is ready', () => {
    const events = trace(asBasic(basic(5)));
    expect(between(events, 0, 20_000).filter((e) => e.type === 'ReplicaSetScaled')).toEqual([
      { t: 0, type: 'ReplicaSetScaled', role: 'stable', hash: STABLE, replicas: 4 },
      { t: 0, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 1 },
    ]);
    expect(weights(events)).toEqual([
      '0s 20/0', '20s 20/20', '80s 40/20', '80s 40/25', '100s 40/40', '160s 60/40', '160s 60/50', '180s 60/60',
      '240s 80/60', '240s 80/75', '260s 80/80', '320s 100/80', '320s 100/100', '340s 0/0',
    ]);
  });

  it('10 replicas at 99 %: 10 canary + 1 stable (setWeight 99, ActualWeight 90)', () => {
    const r = aCanaryRollout({ replicas: 10 }, [setWeight(99), pause()]);
    const events = trace(asBasic(r));
    let canary = 0;
    let stable = 10;
    const trajectory = ['0:10'];
    for (const e of events) {
      if (e.type !== 'ReplicaSetScaled') continue;
      if (e.role === 'canary') canary = e.replicas;
      else stable = e.replicas;
      trajectory.push(`${canary}:${stable}`);
    }
    // The trajectory Argo's own algorithm gives (argo-semantics §3.3, R=10, W=99).
    expect(trajectory.join('>')).toBe('0:10>0:8>5:8>5:3>10:3>10:1');
    expect(events.filter((e) => e.type === 'WeightChanged').at(-1)).toMatchObject({ canary: 99, actual: 90 });
  });
});

describe('blue-green', () => {
  it('with autoPromotionEnabled: false it previews, pauses until promote, switches and scales the old RS down 30 s later', () => {
    const events = trace(aBlueGreenRollout({ autoPromotionEnabled: false }), [op(120_000, 'promote')]);
    expect(events).toEqual([
      { t: 0, type: 'RolloutStarted', rollout: 'agent', strategy: 'blueGreen', router: null, replicas: 10, stableImage: 'agent:v1', releaseImage: 'agent:v2', stableHash: 'nlfdd44spj', releaseHash: 'rv8mt5frdr', steps: 0 },
      { t: 0, type: 'ServiceSwitched', service: 'agent-preview', to: CANARY },
      { t: 0, type: 'ReplicaSetScaled', role: 'preview', hash: CANARY, replicas: 10 },
      { t: 0, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      // Argo counts the active ReplicaSet's available pods for blue-green, so starting preview pods
      // leave the message at the cutover (argo-semantics §2.1).
      { t: 0, type: 'PhaseChanged', phase: 'Progressing', message: 'active service cutover pending' },
      { t: 20_000, type: 'Paused', reason: 'BlueGreenPause' },
      { t: 20_000, type: 'PhaseChanged', phase: 'Paused', message: 'BlueGreenPause' },
      { t: 120_000, type: 'OperatorAction', action: 'promote' },
      { t: 120_000, type: 'Resumed', by: 'promote' },
      { t: 120_000, type: 'ServiceSwitched', service: 'agent-active', to: CANARY },
      { t: 120_000, type: 'WeightChanged', canary: 100, stable: 0, actual: 100 },
      { t: 120_000, type: 'RolloutPromoted' },
      { t: 120_000, type: 'PhaseChanged', phase: 'Healthy', message: '' },
      { t: 150_000, type: 'ReplicaSetScaled', role: 'active', hash: STABLE, replicas: 0 },
    ]);
  });

  it('with the defaults (auto-promotion, 0 s) it switches as soon as the preview is ready: no pause', () => {
    const events = trace(aBlueGreenRollout());
    expect(events.filter((e) => e.type === 'Paused')).toEqual([]);
    expect(events.find((e) => e.type === 'ServiceSwitched' && e.service === 'agent-active')?.t).toBe(20_000);
  });

  it('previewReplicaCount: previews small, waits autoPromotionSeconds, scales to full, then switches', () => {
    const events = trace(aBlueGreenRollout({ previewReplicaCount: 2, autoPromotionSeconds: 60 }));
    expect(events.filter((e) => ['ReplicaSetScaled', 'Paused', 'Resumed', 'ServiceSwitched'].includes(e.type))).toEqual([
      { t: 0, type: 'ServiceSwitched', service: 'agent-preview', to: CANARY },
      { t: 0, type: 'ReplicaSetScaled', role: 'preview', hash: CANARY, replicas: 2 },
      { t: 20_000, type: 'Paused', reason: 'BlueGreenPause' },
      { t: 80_000, type: 'Resumed', by: 'autoPromotionSeconds' },
      { t: 80_000, type: 'ReplicaSetScaled', role: 'preview', hash: CANARY, replicas: 10 },
      { t: 100_000, type: 'ServiceSwitched', service: 'agent-active', to: CANARY },
      { t: 130_000, type: 'ReplicaSetScaled', role: 'active', hash: STABLE, replicas: 0 },
    ]);
  });

  it('abort switches the active Service back to stable and keeps the new RS for abortScaleDownDelaySeconds', () => {
    const events = trace(aBlueGreenRollout({ autoPromotionEnabled: false }), [op(60_000, 'abort')]);
    expect(between(events, 60_000, 600_000)).toEqual([
      { t: 60_000, type: 'OperatorAction', action: 'abort' },
      { t: 60_000, type: 'RolloutAborted', reason: 'aborted by operator' },
      { t: 60_000, type: 'PhaseChanged', phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2' },
      { t: 90_000, type: 'ReplicaSetScaled', role: 'preview', hash: CANARY, replicas: 0 },
    ]);
  });
});

describe('apps/v1 Deployment (rolling update baseline)', () => {
  it('rolls to the new template within maxSurge/maxUnavailable and never aborts by itself', () => {
    const events = trace(aDeployment());
    expect(events.filter((e) => e.type === 'ReplicaSetScaled').slice(0, 3)).toEqual([
      { t: 0, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 3 },
      { t: 0, type: 'ReplicaSetScaled', role: 'stable', hash: STABLE, replicas: 8 },
      { t: 0, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 5 },
    ]);
    expect(events.filter((e) => e.type === 'RolloutAborted')).toEqual([]);
    expect(events.find((e) => e.type === 'RolloutPromoted')?.t).toBe(40_000);
    expect(events.at(-1)).toEqual({ t: 40_000, type: 'PhaseChanged', phase: 'Healthy', message: '' });
  });
});

describe('progressDeadlineSeconds', () => {
  const slow = (abort: boolean) => {
    const s = aScenario({ duration: 300_000, traffic: quiet, workloads: [aCanaryRollout({ progressDeadlineSeconds: 60, progressDeadlineAbort: abort }, [setWeight(20), pause()])] });
    return traceOf({ ...s, agent: { ...s.agent, startup: 120_000 } }).filter((e) => e.type !== 'Summary');
  };

  it('marks the Rollout Degraded when its pods take longer than the deadline, and recovers when they arrive', () => {
    expect(between(slow(false), 60_000, 120_000)).toEqual([
      { t: 60_000, type: 'PhaseChanged', phase: 'Degraded', message: 'ProgressDeadlineExceeded: ReplicaSet "agent-rv8mt5frdr" has timed out progressing.' },
      { t: 120_000, type: 'WeightChanged', canary: 20, stable: 80, actual: 20 },
      { t: 120_000, type: 'StepCompleted', index: 0 },
      // Progress replaces the timed-out condition: Degraded ends with the pods' readiness.
      { t: 120_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 120_000, type: 'StepStarted', index: 1, step: 'pause: {}' },
      { t: 120_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 120_000, type: 'PhaseChanged', phase: 'Paused', message: 'CanaryPauseStep' },
    ]);
  });

  it('with progressDeadlineAbort it also aborts', () => {
    expect(between(slow(true), 60_000, 60_000)).toEqual([
      { t: 60_000, type: 'RolloutAborted', reason: 'ProgressDeadlineExceeded: ReplicaSet "agent-rv8mt5frdr" has timed out progressing.' },
      { t: 60_000, type: 'PhaseChanged', phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2' },
    ]);
  });
});

describe('abortScaleDownDelaySeconds: 0 (argo-semantics §2.7: the delay is off)', () => {
  const zeroDelay = (steps: Parameters<typeof aCanaryRollout>[1]) => {
    const r = aCanaryRollout({}, steps);
    return { ...r, strategy: { ...(r.strategy as Extract<typeof r.strategy, { type: 'canary' }>), abortScaleDownDelaySeconds: 0 } };
  };
  it('scales the canary away at once when step 0 is a setWeight', () => {
    const events = trace(zeroDelay([setWeight(20), pause()]), [op(120_000, 'abort')]);
    expect(between(events, 120_000, 600_000).filter((e) => e.type === 'ReplicaSetScaled')).toEqual([
      { t: 120_000, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 0 },
    ]);
  });
  it('keeps the canary when step 0 is a setCanaryScale (the e2e case in Argo)', () => {
    const events = trace(zeroDelay([{ setCanaryScale: { replicas: 3 }, source: { file: 't', line: 1, column: 1 } }, setWeight(20), pause()]), [op(120_000, 'abort')]);
    const canaryScales = events.filter((e) => e.type === 'ReplicaSetScaled' && e.role === 'canary');
    expect(canaryScales).toEqual([{ t: 0, type: 'ReplicaSetScaled', role: 'canary', hash: CANARY, replicas: 3 }]);
    expect(events.find((e) => e.type === 'RolloutAborted')?.t).toBe(120_000);
  });
});
