/**
 * Pausing for an Inconclusive AnalysisRun and resuming with `promote`, as Argo does it:
 * - `promote` when only a background (or pre/post) run is Inconclusive patches only
 *   `pauseConditions: null` (promote.go `getPatches`: `isInconclusive` looks at the *step* run),
 *   so `controllerPause` stays true for one reconcile: the controller creates a new run
 *   (analysis.go `needsNewAnalysisRun`) and a current pause step completes
 *   (pause.go `CompletedCanaryPauseStep`); `controllerPause` is false again after that reconcile
 *   (the status is rebuilt and only set alongside pause conditions, `CalculatePauseConditions`).
 * - the run created by that reconcile has no phase yet: the old Inconclusive run must not pause
 *   the Rollout again at the same instant.
 * - an Inconclusive pause halts scaling only (context.go `haltProgress`); step completion is
 *   still evaluated (canary.go `completedCurrentCanaryStep`), so a timed pause step expires.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisTemplate, CanaryStep, CanaryStrategy, Rollout, RolloutAnalysis } from '../../src/model/rollout.js';
import type { OperatorAction, Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { aBlueGreenRollout, aCanaryRollout, aRegression, aScenario, pause, setWeight } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const useTemplate = (name: string): RolloutAnalysis => ({ templates: [{ templateName: name, clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined });
function template(name: string, query: string, successCondition: string, failureCondition: string, interval: number | undefined): AnalysisTemplate {
  return {
    kind: 'AnalysisTemplate', name, args: [], dryRun: [], measurementRetention: [], source: here,
    metrics: [{
      name, interval, initialDelay: 30_000, count: undefined, successCondition, failureCondition,
      failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
      provider: { prometheus: { address: undefined, query } }, source: here,
    }],
  };
}
/** 20 % errors on the release: neither < 1 % nor > 50 % ⇒ every measurement Inconclusive. */
const errorRate = template('error-rate', '(sum(rate(http_requests_total{code="500"}[2m])) or on() vector(0)) / sum(rate(http_requests_total[2m]))', 'result[0] < 0.01', 'result[0] > 0.5', 60_000);

function run(workload: Rollout, templates: AnalysisTemplate[], operator: OperatorAction[], over: Partial<Scenario> = {}) {
  const scenario = aScenario({
    duration: 2_400_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: aScenario().traffic.cohorts },
    analysisTemplates: templates, workloads: [workload], operator,
    release: { image: 'agent:v2', at: 0, regressions: [aRegression({ to: 0.2 })] }, ...over,
  });
  const sim = createSimulation(scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return events;
}
function canary(steps: CanaryStep[]): Rollout {
  const r = aCanaryRollout({}, steps);
  return { ...r, strategy: { ...(r.strategy as CanaryStrategy), analysis: useTemplate('error-rate') } };
}
/** The controller's decisions (no pods, weights or measurements) in [from, to]. */
const decisions = (events: SimEvent[], from: number, to: number) => events.filter((e) => e.t >= from && e.t <= to && !['Measurement', 'ReplicaSetScaled', 'WeightChanged'].includes(e.type));
const scaledAfter = (events: SimEvent[], t: number) => events.filter((e) => e.type === 'ReplicaSetScaled' && e.t > t);

describe('canary background run Inconclusive', () => {
  it('promote at an indefinite pause step: a new run starts, the pause step completes, no second pause at that instant', () => {
    const events = run(canary([setWeight(20), pause(), setWeight(50), pause(600_000)]), [errorRate], [{ at: 900_000, action: 'promote', rollout: undefined }]);
    // The first measurement (30 s) is Successful on the world's history; the second (90 s) Inconclusive.
    expect(decisions(events, 90_000, 90_000)).toEqual([
      { t: 90_000, type: 'AnalysisRunCompleted', name: 'agent-rv8mt5frdr-2', phase: 'Inconclusive', message: 'Metric "error-rate" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)' },
      { t: 90_000, type: 'Paused', reason: 'InconclusiveAnalysisRun' },
    ]);
    expect(decisions(events, 900_000, 900_000)).toEqual([
      { t: 900_000, type: 'OperatorAction', action: 'promote' },
      { t: 900_000, type: 'Resumed', by: 'promote' },
      { t: 900_000, type: 'AnalysisRunStarted', name: 'agent-rv8mt5frdr-2.1', templates: ['error-rate'], args: {} },
      { t: 900_000, type: 'StepCompleted', index: 1 },
      { t: 900_000, type: 'PhaseChanged', phase: 'Progressing', message: 'more replicas need to be updated' },
      { t: 900_000, type: 'StepStarted', index: 2, step: 'setWeight: 50' },
    ]);
    // controllerPause was true for that one reconcile only: the next pause step pauses as usual;
    // the new run is measured after its initialDelay and is Inconclusive too: paused again.
    expect(decisions(events, 900_001, 930_000)).toEqual([
      { t: 920_000, type: 'StepCompleted', index: 2 },
      { t: 920_000, type: 'StepStarted', index: 3, step: 'pause: {duration: 10m0s}' },
      { t: 920_000, type: 'Paused', reason: 'CanaryPauseStep' },
      { t: 920_000, type: 'PhaseChanged', phase: 'Paused', message: 'CanaryPauseStep' },
      { t: 930_000, type: 'AnalysisRunCompleted', name: 'agent-rv8mt5frdr-2.1', phase: 'Inconclusive', message: 'Metric "error-rate" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)' },
      { t: 930_000, type: 'Paused', reason: 'InconclusiveAnalysisRun' },
    ]);
  });

  it('a timed pause step still expires while paused for the Inconclusive run; the next setWeight cannot scale', () => {
    const events = run(canary([setWeight(20), pause(600_000), setWeight(50), pause(600_000)]), [errorRate], []);
    expect(decisions(events, 100_001, 2_400_000)).toEqual([
      { t: 620_000, type: 'StepCompleted', index: 1 },
      { t: 620_000, type: 'PhaseChanged', phase: 'Paused', message: 'InconclusiveAnalysisRun' },
      { t: 620_000, type: 'StepStarted', index: 2, step: 'setWeight: 50' },
    ]);
    expect(scaledAfter(events, 100_000)).toEqual([]);
  });
});

describe('blue-green pre-promotion run Inconclusive', () => {
  // `time()` is the evaluation time in seconds: Inconclusive before 1000 s, Successful after.
  const clock = template('clock', 'vector(time())', 'result[0] > 1000', 'result[0] < 0', undefined);

  it('promote starts a new run with no second pause; when it succeeds, BlueGreenPause is still added', () => {
    const bg = aBlueGreenRollout({ autoPromotionEnabled: false, prePromotionAnalysis: useTemplate('clock') });
    const events = run(bg, [clock], [{ at: 1_200_000, action: 'promote', rollout: undefined }, { at: 1_500_000, action: 'promote', rollout: undefined }]);
    expect(decisions(events, 1_200_000, 1_500_000).filter((e) => e.type !== 'ServiceSwitched')).toEqual([
      { t: 1_200_000, type: 'OperatorAction', action: 'promote' },
      { t: 1_200_000, type: 'Resumed', by: 'promote' },
      { t: 1_200_000, type: 'AnalysisRunStarted', name: 'agent-rv8mt5frdr-2-pre.1', templates: ['clock'], args: {} },
      { t: 1_200_000, type: 'PhaseChanged', phase: 'Progressing', message: 'active service cutover pending' },
      { t: 1_230_000, type: 'AnalysisRunCompleted', name: 'agent-rv8mt5frdr-2-pre.1', phase: 'Successful', message: '' },
      { t: 1_230_000, type: 'Paused', reason: 'BlueGreenPause' },
      { t: 1_230_000, type: 'PhaseChanged', phase: 'Paused', message: 'BlueGreenPause' },
      { t: 1_500_000, type: 'OperatorAction', action: 'promote' },
      { t: 1_500_000, type: 'Resumed', by: 'promote' },
      { t: 1_500_000, type: 'RolloutPromoted' },
      { t: 1_500_000, type: 'PhaseChanged', phase: 'Healthy', message: '' },
    ]);
  });
});
