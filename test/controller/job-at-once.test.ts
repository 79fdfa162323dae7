/**
 * A `job` metric's Job is created the moment its measurement starts (Argo's
 * `metricproviders/job/job.go` `JobProvider.Run` creates it and resumes at once). Its suite waits
 * for a ready release pod at most the Job's `activeDeadlineSeconds` (default 10 min): a step
 * analysis before any `setWeight` (the canary has no pod until the step completes) now ends Failed,
 * saying why, instead of waiting for a pod that never comes; a background analysis from step 0
 * waits the seconds the canary pod needs and then tests it.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { runYaml } from '../helpers/run-yaml.js';

const scenario = (steps: string, jobSpec = 'backoffLimit: 0', background = '') => `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: job-at-once}
spec:
  duration: 20m
  traffic: {rps: 10}
  syntheticTests: {cases: 20, maxFailures: 0}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  replicas: 4
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: app, image: app:v2}]}
  strategy:
    canary:
${background}      steps:
${steps}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: smoke}
spec:
  metrics:
    - name: smoke
      provider:
        job:
          spec:
            ${jobSpec}
            template: {spec: {restartPolicy: Never, containers: [{name: t, image: curlimages/curl, command: [curl, -f, http://app-canary/]}]}}
`;


const analysisEvents = (events: SimEvent[]) =>
  events.filter((e) => e.type === 'AnalysisRunStarted' || e.type === 'Measurement' || e.type === 'AnalysisRunCompleted' || e.type === 'RolloutAborted');

describe('job provider: the Job starts with the measurement (job.go Run)', () => {
  it('an analysis step before any setWeight measures at once; cases with no ready canary pod fail', () => {
    const events = runYaml(scenario('        - analysis: {templates: [{templateName: smoke}]}\n        - setWeight: 50\n        - pause: {duration: 1m}\n'));
    const run = (events.find((e) => e.type === 'AnalysisRunStarted') as { name: string }).name;
    expect(analysisEvents(events)).toEqual([
      { t: 0, type: 'AnalysisRunStarted', name: run, templates: ['smoke'], args: {} },
      { t: 600_000, type: 'Measurement', run, metric: 'smoke', query: '', value: '20/20 failed (20 found no ready release pod)', phase: 'Failed', message: '' },
      { t: 600_000, type: 'AnalysisRunCompleted', name: run, phase: 'Failed', message: 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)' },
      expect.objectContaining({ type: 'RolloutAborted' }),
    ]);
  });

  it("the wait is the Job spec's activeDeadlineSeconds when it sets one", () => {
    const events = runYaml(scenario('        - analysis: {templates: [{templateName: smoke}]}\n        - setWeight: 50\n', 'activeDeadlineSeconds: 120'));
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ t: 120_000, value: '20/20 failed (20 found no ready release pod)', phase: 'Failed' });
  });

  it('a background analysis from step 0 (Argo\'s rollout-background-analysis example) tests the canary once its pod is ready', () => {
    const events = runYaml(scenario('        - setWeight: 25\n        - pause: {duration: 2m}\n', 'backoffLimit: 0', '      analysis: {templates: [{templateName: smoke}]}\n'));
    const started = events.find((e) => e.type === 'AnalysisRunStarted');
    const measurement = events.find((e) => e.type === 'Measurement');
    expect(started?.t).toBe(0);
    // The canary pod is ready after the 20 s default startup; the next 5 s poll sends the suite.
    expect(measurement).toMatchObject({ value: '0/20 failed', phase: 'Successful' });
    expect(measurement?.t).toBe(30_000);
    expect(events.some((e) => e.type === 'RolloutAborted')).toBe(false);
  });

  it('after a setWeight the canary pod is ready: the suite is served and no case is refused', () => {
    const events = runYaml(scenario('        - setWeight: 50\n        - analysis: {templates: [{templateName: smoke}]}\n'));
    const measurement = events.find((e) => e.type === 'Measurement') as { value: string; phase: string; t: number };
    expect(measurement).toMatchObject({ value: '0/20 failed', phase: 'Successful' });
    expect(events.some((e) => e.type === 'RolloutAborted')).toBe(false);
  });
});
