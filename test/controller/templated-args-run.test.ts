/**
 * argo-rollouts' e2e `rollout-bg-analysis-withArgs.yaml` pattern end to end: the Rollout passes
 * interval and failureLimit to its background analysis as args; the run is created with them
 * substituted. A value Argo cannot use makes the AnalysisRun Error at its first reconcile
 * (`analysis/analysis.go` `reconcileAnalysisRun`: "Analysis spec invalid: …"), and the Rollout
 * aborts on it as on any Error run ("Background analysis phase error/failed: …",
 * `rollout/analysis.go` `reconcileBackgroundAnalysisRun`) — no crash, no load error.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import { runYaml } from '../helpers/run-yaml.js';

const text = (interval: string) => `apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: with-args}
spec:
  duration: 10m
  traffic: {rps: 10}
  operator: [{at: 5m, action: promote}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: rollout-bg-analysis}
spec:
  replicas: 1
  selector: {matchLabels: {app: rollout-bg-analysis}}
  template:
    metadata: {labels: {app: rollout-bg-analysis}}
    spec: {containers: [{name: rollouts-demo, image: nginx:1.19-alpine}]}
  strategy:
    canary:
      analysis:
        templates: [{templateName: analysis-args}]
        startingStep: 1
        args:
          - {name: failure-limit, value: "2"}
          - {name: analysis-interval, value: "${interval}"}
      steps:
        - setWeight: 25
        - pause: {}
---
kind: AnalysisTemplate
apiVersion: argoproj.io/v1alpha1
metadata: {name: analysis-args}
spec:
  args:
    - name: analysis-interval
    - name: failure-limit
  metrics:
    - name: up
      interval: "{{args.analysis-interval}}"
      initialDelay: "{{args.analysis-interval}}"
      failureLimit: "{{args.failure-limit}}"
      successCondition: result[0] >= 1
      provider:
        prometheus: {query: 'count(http_requests_total)'}
`;

function trace(interval: string): SimEvent[] {
  return runYaml(text(interval));
}

describe('args in interval, initialDelay and failureLimit (rollout-bg-analysis-withArgs.yaml)', () => {
  it('"10s": measured 10 s after the run starts, then every 10 s, until the promotion ends it', () => {
    const events = trace('10s');
    const started = events.find((e) => e.type === 'AnalysisRunStarted');
    expect(started).toMatchObject({ args: { 'analysis-interval': '10s', 'failure-limit': '2' } });
    const times = events.filter((e) => e.type === 'Measurement').map((e) => e.t - (started?.t ?? 0));
    expect(times.slice(0, 3)).toEqual([10_000, 20_000, 30_000]);
    expect(events.find((e) => e.type === 'Measurement')).toMatchObject({ phase: 'Successful' });
    expect(events.find((e) => e.type === 'AnalysisRunCompleted')).toMatchObject({ t: 300_000, phase: 'Successful', message: 'Run Terminated' });
    expect(events.some((e) => e.type === 'RolloutAborted')).toBe(false);
  });

  it('"10" (no unit): the AnalysisRun is Error with Go\'s parse error, and the Rollout aborts on it', () => {
    const events = trace('10');
    const completed = events.find((e) => e.type === 'AnalysisRunCompleted');
    const message = 'Analysis spec invalid: metrics[0]: invalid interval string: time: missing unit in duration "10"';
    expect(completed).toMatchObject({ phase: 'Error', message });
    expect(events.filter((e) => e.type === 'Measurement')).toEqual([]);
    expect(events.find((e) => e.type === 'RolloutAborted')).toMatchObject({ t: completed?.t, reason: `Background analysis phase error/failed: ${message}` });
  });
});
