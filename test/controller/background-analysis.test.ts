/**
 * Canary background analysis: it starts at `startingStep`, never gates promotion, aborts the update
 * with Argo's message on Failed, pauses on Inconclusive until a promote (which starts a new run),
 * and is terminated when the rollout is promoted.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisTemplate, CanaryStrategy, Rollout } from '../../src/model/rollout.js';
import type { OperatorAction } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { aCanaryRollout, aRegression, aScenario, pause, setWeight } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
function template(conditions: { successCondition?: string; failureCondition?: string }): AnalysisTemplate {
  return {
    kind: 'AnalysisTemplate', name: 'error-rate', args: [], dryRun: [], measurementRetention: [], source: here,
    metrics: [{
      name: 'error-rate', interval: 60_000, initialDelay: undefined, count: undefined,
      successCondition: conditions.successCondition, failureCondition: conditions.failureCondition,
      failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
      provider: { prometheus: { address: undefined, query: '(sum(rate(http_requests_total{code="500"}[2m])) or on() vector(0)) / sum(rate(http_requests_total[2m]))' } },
      source: here,
    }],
  };
}
function rollout(startingStep?: number): Rollout {
  const r = aCanaryRollout({}, [setWeight(20), pause(600_000), setWeight(50), pause(600_000)]);
  const analysis = { templates: [{ templateName: 'error-rate', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep };
  return { ...r, strategy: { ...(r.strategy as CanaryStrategy), analysis } };
}
function run(t: AnalysisTemplate, w: Rollout, regression: boolean, operator: OperatorAction[] = []) {
  const scenario = aScenario({
    duration: 2_400_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: aScenario().traffic.cohorts },
    analysisTemplates: [t], workloads: [w], operator,
    release: { image: 'agent:v2', at: 0, regressions: regression ? [aRegression({ to: 0.2 })] : [] },
  });
  const sim = createSimulation(scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return { events, summary: sim.finish() };
}

describe('background analysis', () => {
  it('starts at startingStep, not before', () => {
    const { events } = run(template({ successCondition: 'result[0] < 0.05' }), rollout(2), false);
    const started = events.find((e) => e.type === 'AnalysisRunStarted');
    const step2 = events.find((e) => e.type === 'StepStarted' && e.index === 2);
    expect(step2).toBeDefined();
    expect(started?.t).toBe(step2?.t);
    expect(started).toMatchObject({ name: 'agent-rv8mt5frdr-2', templates: ['error-rate'] });
  });

  it('does not gate promotion and is terminated when the rollout is promoted', () => {
    const { events, summary } = run(template({ successCondition: 'result[0] < 0.05' }), rollout(), false);
    const promoted = events.find((e) => e.type === 'RolloutPromoted');
    const completed = events.find((e) => e.type === 'AnalysisRunCompleted');
    expect(summary.outcome).toBe('promoted');
    expect(completed).toMatchObject({ t: promoted?.t, name: 'agent-rv8mt5frdr-2', phase: 'Successful', message: 'Run Terminated' });
  });

  it('aborts on a failed measurement with Argo\'s background message', () => {
    const { events, summary } = run(template({ successCondition: 'result[0] < 0.05' }), rollout(), true);
    const aborted = events.find((e) => e.type === 'RolloutAborted');
    expect(aborted).toMatchObject({ reason: 'Background analysis phase error/failed: Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)' });
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true });
  });

  it('pauses on Inconclusive (InconclusiveAnalysisRun) until promote, which starts a new run', () => {
    const neither = template({ successCondition: 'result[0] < 0.01', failureCondition: 'result[0] > 0.5' });
    const { events } = run(neither, rollout(), true, [{ at: 900_000, action: 'promote', rollout: undefined }]);
    const paused = events.find((e) => e.type === 'PhaseChanged' && e.phase === 'Paused' && e.message === 'InconclusiveAnalysisRun');
    expect(paused).toBeDefined();
    expect(events.filter((e) => e.type === 'StepCompleted' && (e.t as number) > (paused?.t as number) && e.t < 900_000)).toEqual([]);
    const runs = events.filter((e) => e.type === 'AnalysisRunStarted').map((e) => e.type === 'AnalysisRunStarted' && e.name);
    expect(runs).toEqual(['agent-rv8mt5frdr-2', 'agent-rv8mt5frdr-2.1']);
    expect(events.find((e) => e.type === 'AnalysisRunStarted' && e.t === 900_000)).toBeDefined();
  });
});
