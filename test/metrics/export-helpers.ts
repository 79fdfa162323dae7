/** Shared by the export tests: load a scenario from text, run it, read what the store holds. */
import { EXPORT_ALL } from '../../src/world/pod-metrics.js';
import { createMetricStore, type MetricStore } from '../../src/metrics/store.js';
import { evaluateInstant } from '../../src/promql/index.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/model/scenario.js';

export function load(text: string): Scenario {
  const r = loadScenarioText(text, 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

/** Runs `scenario` until `until` ms (default: its end) and returns the store. */
export function runStore(scenario: Scenario, until = scenario.duration): MetricStore {
  const store = createMetricStore();
  const sim = createSimulation(scenario, { store, exported: EXPORT_ALL });
  sim.runUntil(until);
  return store;
}

/** The scalar values of an instant query's vector, in result order. Example: [0.99]. */
export function values(store: MetricStore, query: string, t: number): number[] {
  const r = evaluateInstant(store, query, t);
  if (!r.ok) throw new Error(`${query}: ${JSON.stringify(r)}`);
  if (r.data.resultType !== 'vector') throw new Error(`${query}: ${r.data.resultType}`);
  return r.data.result.map((s) => Number(s.value[1]));
}

/** Label sets of every series of metric `name` (without __name__). */
export function seriesOf(store: MetricStore, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let ref = 0; ref < store.seriesCount; ref++) {
    const { __name__, ...labels } = store.series(ref).labels;
    if (__name__ === name) out.push(labels);
  }
  return out;
}

/** A canary Rollout `web` in namespace `shop` with 4 replicas (at 8 rps, well under capacity), a 20 % step and an indefinite pause. */
export function canaryText(strategyExtra: string, extraDocs = '', scenarioExtra = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:v2}]
  strategy:
    canary:
${strategyExtra}
      steps:
        - setWeight: 20
        - pause: {}
${extraDocs}---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 10m
  traffic: {rps: 8}
  agent: {image: web:v1, startup: 5s, errorRate: 2%}
${scenarioExtra}`;
}
