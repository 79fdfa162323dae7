/**
 * Stand-in providers: the Scenario's PromQL answers a datadog/newRelic/wavefront/cloudWatch/
 * graphite/influxdb/skywalking/plugin metric, and the result reaches the conditions in the shape
 * that provider gives Argo (argo-rollouts metricproviders/<p>/<p>.go at 9f8d111d8, lines cited).
 */
import { describe, expect, it } from 'vitest';
import { analysisEvents, loadErrors, rollout, scenario, template } from './providers-helpers.js';

const mapped = (provider: string, block: string, condition: string, answer: string): string[] => [
  rollout(),
  scenario(`  providers:\n    metrics: [{template: t, metric: m, ${answer}}]\n`),
  template(`    - name: m\n      successCondition: ${JSON.stringify(condition)}\n      provider:\n        ${provider}: ${block}\n`),
];
const first = (docs: string[]) => {
  const m = analysisEvents(...docs).find((e) => e.type === 'Measurement');
  return m?.type === 'Measurement' ? [m.value, m.phase, m.message] : [];
};

describe('stand-in providers', () => {
  it('datadog: one value is a float64 result, printed with strconv FormatFloat f -1 (datadog.go:452-460)', () => {
    expect(first(mapped('datadog', '{apiVersion: v2, query: "sum:requests.error.rate{service:x}"}', 'result <= 0.01', "query: 'vector(0.0025)'"))).toEqual(['0.0025', 'Successful', '']);
  });

  it('datadog: no data is a nil result, so default(result, 0) applies (datadog.go:440-449, 493-497)', () => {
    expect(first(mapped('datadog', '{query: x}', 'default(result, 0) < 10', "query: 'absent_series_nobody_exports'"))).toEqual(['[]', 'Successful', '']);
  });

  it('wavefront: one series is a float64 printed %.2f (wavefront.go:153-162)', () => {
    expect(first(mapped('wavefront', '{query: x}', 'result >= 0.95', "query: 'vector(0.987)'"))).toEqual(['0.99', 'Successful', '']);
  });

  it('wavefront: no series is an Error (wavefront.go:182-185)', () => {
    expect(first(mapped('wavefront', '{query: x}', 'result >= 0.95', "query: 'absent_series_nobody_exports'"))).toEqual(['', 'Error', 'No TimeSeries found in response from Wavefront']);
  });

  it('newRelic: the row of named columns is a map, printed as JSON (newrelic.go:140-153)', () => {
    expect(first(mapped('newRelic', '{query: "FROM Transaction SELECT percentage(count(*), WHERE httpResponseCode != 500) as successRate"}', 'result.successRate >= 0.95', "fields: {successRate: 'vector(0.97)'}"))).toEqual(['{"successRate":0.97}', 'Successful', '']);
  });

  it('graphite: []float64, each printed %f (graphite.go:103-123)', () => {
    expect(first(mapped('graphite', '{query: x}', 'result[0] >= 90', "query: 'vector(95.5)'"))).toEqual(['[95.500000]', 'Successful', '']);
  });

  it('influxdb: the values, printed with fmt.Sprint; none is an Error (influxdb.go:90-105)', () => {
    expect(first(mapped('influxdb', '{query: x}', 'result[0] <= 0.01', "query: 'vector(0.5)'"))).toEqual(['[0.5]', 'Failed', '']);
    expect(first(mapped('influxdb', '{query: x}', 'result[0] <= 0.01', "query: 'absent_series_nobody_exports'"))).toEqual(['', 'Error', 'no results returned from flux query']);
  });

  it('cloudWatch: []MetricDataResult over the interval at the metricStat period, newest first (cloudwatch.go:59-99)', () => {
    const block = '{interval: 20m, metricDataQueries: [{id: rate, expression: "errors / requests"}, {id: errors, metricStat: {period: 300}, returnData: false}]}';
    const docs = mapped('cloudWatch', block, 'len(result[0].Values) >= 3 and all(result[0].Values, {# < 2}) and result[0].Id == "rate"', "query: 'vector(time())'");
    docs[2] = docs[2]?.replace('    - name: m\n', '    - name: m\n      initialDelay: 5m\n') ?? '';
    // At 5 min 20 s, a 20 min window every 300 s: vector(time()) at 320 s, 20 s, -280 s, … (before the run, time() is negative).
    expect(first(docs)).toEqual(['[[320 20 -280 -580 -880]]', 'Failed', '']);
  });

  it('plugin: a PromQL vector, as the prometheus provider shapes it', () => {
    expect(first(mapped('plugin', '{"argoproj-labs/metrics": {address: "http://prometheus.local"}}', 'result[0] == 1', "query: 'vector(1)'"))).toEqual(['[1]', 'Successful', '']);
  });

  it('without a mapping the file does not load: exit 2 naming the metric and the block', () => {
    expect(loadErrors(rollout(), scenario(), template('    - name: m\n      provider:\n        datadog: {query: x}\n'))).toEqual([
      'spec.metrics[0].provider.datadog: the datadog metric "m" of AnalysisTemplate "t" needs the PromQL that stands in for it (its own query language is not simulated) (add to the Scenario\'s spec: providers: {metrics: [{template: t, metric: m, query: <PromQL>}]})',
    ]);
  });
});
