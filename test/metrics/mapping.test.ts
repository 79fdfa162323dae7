/**
 * The Scenario `metrics:` mapping: a family exported under the app's name and label names (the old
 * name gone, the live view still working), and every mistake in it a load error with a suggestion.
 */
import { EXPORT_ALL } from '../../src/world/pod-metrics.js';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { exportedFamilies } from '../../src/metrics/catalogue.js';
import { takeSample } from '../../src/run/sample.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { canaryText, load, seriesOf, values } from './export-helpers.js';

const T = 5 * 60_000;
const withMapping = (yaml: string): string => canaryText('      canaryService: web-canary\n      stableService: web-stable', '', `  metrics:\n${yaml}`);

function errors(yaml: string): string[] {
  const r = loadScenarioText(withMapping(yaml), 'test.yaml');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}${e.suggestion === undefined ? '' : ` (${e.suggestion})`}`);
}

describe('a mapped family', () => {
  const scenario = load(withMapping('    http_requests_total: {name: flask_http_request_total, labels: {code: status, rollouts_pod_template_hash: version}}\n    up: {labels: {pod: kubernetes_pod_name}}\n'));
  const store = createMetricStore();
  const sim = createSimulation(scenario, { store, exported: EXPORT_ALL });
  sim.runUntil(T);

  it('is queryable under its new name and label names; the old ones are gone', () => {
    expect(seriesOf(store, 'http_requests_total')).toEqual([]);
    const s = seriesOf(store, 'flask_http_request_total');
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((l) => l['code'] === undefined && l['rollouts_pod_template_hash'] === undefined && l['version'] !== undefined && (l['status'] === '200' || l['status'] === '500'))).toBe(true);
    const [errors] = values(store, 'sum(rate(flask_http_request_total{status=~"5.."}[5m])) / sum(rate(flask_http_request_total[5m]))', T);
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(0.1);
    expect(values(store, 'count(up{kubernetes_pod_name!=""})', T)).toEqual(values(store, 'count(up)', T));
    expect(values(store, 'count(up{pod!=""})', T)).toEqual([]);
    // Unmapped families keep our names.
    expect(seriesOf(store, 'istio_requests_total').length).toBeGreaterThan(0);
  });

  it('keeps the live view working (the Sample queries follow the mapping)', () => {
    const sample = takeSample(store, sim.world, T);
    const stable = sample.versions[0];
    expect(stable?.rps).toBeGreaterThan(5);
    expect(stable?.errorRate).toBeGreaterThan(0);
    expect(stable?.p99).toBeGreaterThan(0);
  });

  it('is listed by exportedFamilies under its new names', () => {
    const f = exportedFamilies(scenario.metrics).find((x) => x.name === 'flask_http_request_total');
    expect(f?.labels).toEqual(['namespace', 'pod', 'version', 'job', 'instance', 'cohort', 'status']);
  });
});

describe('mistakes in a mapping', () => {
  it('an unknown family, with did-you-mean or the list of families', () => {
    expect(errors('    http_request_total: {name: x}\n')).toEqual(['spec.metrics.http_request_total: unknown metric family "http_request_total" (did you mean "http_requests_total"?)']);
    expect(errors('    flask: {name: x}\n')[0]).toMatch(/^spec\.metrics\.flask: unknown metric family "flask" \(the families are "http_requests_total", .*"kube_pod_container_status_restarts_total"\)$/);
  });

  it("a label the family does not have, with did-you-mean or its labels; le can't be renamed", () => {
    expect(errors('    http_requests_total: {labels: {codes: status}}\n')).toEqual(['spec.metrics.http_requests_total.labels.codes: http_requests_total has no label "codes" (did you mean "code"?)']);
    expect(errors('    up: {labels: {zzz: a}}\n')).toEqual(['spec.metrics.up.labels.zzz: up has no label "zzz" (its labels are "namespace", "pod", "rollouts_pod_template_hash", "job", "instance")']);
    expect(errors('    http_request_duration_seconds: {labels: {le: bucket}}\n')[0]).toMatch(/"le" cannot be renamed/);
  });

  it('invalid metric and label names', () => {
    expect(errors('    up: {name: 9lives}\n')).toEqual(['spec.metrics.up.name: "9lives" is not a valid metric name (letters, digits, "_" and ":", not starting with a digit)']);
    expect(errors('    up: {labels: {pod: "a-b"}}\n')).toEqual(['spec.metrics.up.labels.pod: "a-b" is not a valid label name (letters, digits and "_", not starting with a digit or "__")']);
  });

  it('a name another exported family already has, or a label twice', () => {
    expect(errors('    http_requests_total: {name: up}\n')).toEqual(['spec.metrics.http_requests_total.name: "up" collides with the exported family up (both would write up) (pick a name no other family exports)']);
    expect(errors('    agent_tokens_total: {name: http_request_duration_seconds_count}\n')).toEqual([
      'spec.metrics.agent_tokens_total.name: "http_request_duration_seconds_count" collides with the exported family http_request_duration_seconds (both would write http_request_duration_seconds_count) (pick a name no other family exports)',
    ]);
    expect(errors('    http_requests_total: {labels: {cohort: code}}\n')).toEqual(['spec.metrics.http_requests_total.labels.cohort: http_requests_total would carry the label "code" twice (pick another name, or rename "code" too)']);
  });
});
