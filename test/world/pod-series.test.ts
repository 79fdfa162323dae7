/**
 * The series every pod has besides its traffic: Prometheus' `up`, kube-state-metrics' pod info and
 * container restarts (the world's crashes), and the app's request counter with `status` beside `code`.
 */
import { EXPORT_ALL } from '../../src/world/pod-metrics.js';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { createSimulation } from '../../src/run/simulation.js';
import { templateHash } from '../../src/world/pods.js';
import { canaryText, load, seriesOf, values } from '../metrics/export-helpers.js';

const T = 6 * 60_000;

describe('pod series', () => {
  const scenario = load(canaryText('      canaryService: web-canary\n      stableService: web-stable', '', '  release: {regressions: [{metric: crashRate, to: 2%}]}\n'));
  const store = createMetricStore();
  const sim = createSimulation(scenario, { store, exported: EXPORT_ALL });
  sim.runUntil(T);
  const live = sim.world.pods.filter((p) => p.state !== 'gone');

  it('up is 1 for each live pod at the last scrape, and names it as a target', () => {
    expect(values(store, 'count(up == 1)', T)).toEqual([live.length]);
    expect(values(store, 'count(up)', T)).toEqual([live.length]);
    expect(seriesOf(store, 'up').map((l) => Object.keys(l).sort().join(','))).toContain('instance,job,namespace,pod,rollouts_pod_template_hash');
  });

  it('kube_pod_info: one series per pod, created by its ReplicaSet', () => {
    const info = seriesOf(store, 'kube_pod_info');
    expect(info.map((l) => l['pod']).sort()).toEqual(sim.world.pods.map((p) => p.name).sort());
    const release = info.find((l) => l['pod'] === live.find((p) => p.version === 1)?.name);
    expect(release).toEqual({
      namespace: 'shop', pod: release?.['pod'], created_by_kind: 'ReplicaSet', created_by_name: `web-${templateHash('web:v2')}`,
      node: 'node-1', job: 'kube-state-metrics', instance: '10.96.0.20:8080',
    });
  });

  it("kube_pod_container_status_restarts_total is each pod's crash count (0 on stable)", () => {
    const restarts = new Map(live.map((p) => [p.name, p.epoch]));
    const crashed = [...restarts.values()].reduce((a, b) => a + b, 0);
    expect(crashed).toBeGreaterThan(0);
    for (const l of seriesOf(store, 'kube_pod_container_status_restarts_total').filter((x) => restarts.has(x['pod'] ?? ''))) {
      expect(values(store, `kube_pod_container_status_restarts_total{pod="${l['pod']}"}`, T)).toEqual([restarts.get(l['pod'] ?? '')]);
      expect(l['container']).toBe('web');
    }
    expect(values(store, 'sum(kube_pod_container_status_restarts_total)', T)).toEqual([crashed]);
    expect(crashed).toBe(live.filter((p) => p.version === 1).reduce((a, p) => a + p.epoch, 0));
  });

  it('http_requests_total carries status beside code, with the same value', () => {
    const s = seriesOf(store, 'http_requests_total');
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((l) => l['status'] === l['code'])).toBe(true);
    expect(new Set(s.map((l) => l['code']))).toEqual(new Set(['200', '500']));
  });
});
