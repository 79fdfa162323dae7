/**
 * Argo's docs/analysis examples for each provider (test/fixtures/scenario/argo-examples/analysis-*-01,
 * copied unchanged, with a Rollout and the Scenario's answer): the first measurement of each, exact.
 * Shapes and printing per argo-rollouts metricproviders/<provider>/<provider>.go (cited in
 * providers-standin.test.ts); the graphite example's `results[0]` is an unknown name to expr, as in
 * Argo (EvaluateResult compiles the condition with only `result` in the environment).
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';

function firstMeasurements(name: string, n = 1): unknown[][] {
  const r = loadScenarioPath(`test/fixtures/scenario/argo-examples/${name}`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sim = createSimulation(r.scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(200_000);
  return events.flatMap((e) => (e.type === 'Measurement' ? [[e.t, e.metric, e.value, e.phase, e.message]] : [])).slice(0, n);
}

describe('Argo docs provider examples simulate', () => {
  it('datadog: a float64 result', () => {
    expect(firstMeasurements('analysis-datadog-01')).toEqual([[140_000, 'error-rate', '0.0027050381335236877', 'Successful', '']]);
  });
  it('newRelic: the row as a map', () => {
    expect(firstMeasurements('analysis-newrelic-01')).toEqual([[140_000, 'success-rate', '{"successRate":0.9972949618664764}', 'Successful', '']]);
  });
  it('wavefront: a float64 printed %.2f', () => {
    expect(firstMeasurements('analysis-wavefront-01')).toEqual([[140_000, 'success-rate', '1.00', 'Successful', '']]);
  });
  it('influxdb: the values as an array', () => {
    expect(firstMeasurements('analysis-influxdb-01')).toEqual([[140_000, 'error-rate', '[0.0027050381335236877]', 'Successful', '']]);
  });
  it('cloudWatch: two 5-minute points exist 2m20s into the run, so len(result[0].Values) >= 5 fails', () => {
    expect(firstMeasurements('analysis-cloudwatch-01')).toEqual([[140_000, 'success-rate', '[[0.0027050381335236877 0.0026346524703262084]]', 'Failed', '']]);
  });
  it('web: the OAuth secret from spec.secrets, {$.data.ok} answered as a boolean', () => {
    expect(firstMeasurements('analysis-web-01')).toEqual([[140_000, 'webmetric', 'true', 'Successful', '']]);
  });
  it('graphite: the documented condition names `results`, which expr does not know: Error', () => {
    expect(firstMeasurements('analysis-graphite-01')).toEqual([[140_000, 'success-rate', '', 'Error', 'could not evaluate successCondition "results[0] >= 90.000000": unknown name results']]);
  });
  it('composed templates (docs/features/analysis.md): both composed metrics measure', () => {
    expect(firstMeasurements('features-analysis-11', 2)).toEqual([[140_000, 'success-rate', '[1]', 'Successful', ''], [140_000, 'error-rate', '[0]', 'Successful', '']]);
  });
});
