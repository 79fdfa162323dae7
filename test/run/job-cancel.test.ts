/**
 * A `job` measurement in flight when its AnalysisRun is terminated: Argo's job provider deletes the
 * Job (`metricproviders/job/job.go` `Terminate`), so the synthetic suite stops sending cases. Here
 * the operator aborts a blue-green Rollout while its pre-promotion suite is still being served.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { AnalysisTemplate, RolloutAnalysis } from '../../src/model/rollout.js';
import { createSimulation } from '../../src/run/simulation.js';
import { aBlueGreenRollout, aScenario } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const suite: AnalysisTemplate = {
  kind: 'AnalysisTemplate', name: 'golden-prompts', args: [], dryRun: [], measurementRetention: [], source: here,
  metrics: [{
    name: 'golden-prompts', interval: undefined, initialDelay: undefined, count: undefined, successCondition: undefined, failureCondition: undefined,
    failureLimit: undefined, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
    provider: { job: { spec: {} } }, source: here,
  }],
};
const pre: RolloutAnalysis = { templates: [{ templateName: 'golden-prompts', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined };

function run(abortAt: number) {
  const scenario = aScenario({
    duration: 120_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts: aScenario().traffic.cohorts },
    analysisTemplates: [suite], syntheticTests: { cases: 2000, cohorts: ['chat'], maxFailures: 2 },
    workloads: [aBlueGreenRollout({ prePromotionAnalysis: pre })],
    operator: [{ at: abortAt, action: 'abort', rollout: undefined }],
  });
  const sim = createSimulation(scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  let sentAtTermination: number | undefined;
  sim.subscribe((e) => {
    events.push(e);
    // Read the suite's progress at the very instant the run is terminated.
    if (e.type === 'AnalysisRunCompleted') sentAtTermination = sim.world.job(0).sent;
  });
  sim.runUntil(scenario.duration);
  return { events, sentAtTermination, job: sim.world.job(0) };
}

describe('job provider: a terminated run deletes its Job', () => {
  it('sends no synthetic case after the run is terminated by an abort', () => {
    const { events, sentAtTermination, job } = run(25_000);
    const terminated = events.filter((e) => e.type === 'AnalysisRunCompleted' || e.type === 'RolloutAborted' || (e.type === 'Measurement'));
    expect(terminated).toEqual([
      { t: 25_000, type: 'RolloutAborted', reason: 'aborted by operator' },
      { t: 25_000, type: 'Measurement', run: 'agent-rv8mt5frdr-2-pre', metric: 'golden-prompts', query: '', value: '', phase: 'Successful', message: 'Metric Terminated' },
      { t: 25_000, type: 'AnalysisRunCompleted', name: 'agent-rv8mt5frdr-2-pre', phase: 'Successful', message: 'Run Terminated' },
    ]);
    // The suite had started (some cases served) but not finished when the run was terminated…
    expect(sentAtTermination).toBeGreaterThan(0);
    expect(sentAtTermination).toBeLessThan(2000);
    // …and not one case reached the app afterwards.
    expect((job.sent) - (sentAtTermination as number)).toBe(0);
    expect(job.cancelled).toBe(true);
  });
});
