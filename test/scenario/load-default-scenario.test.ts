/** The loader's defaultScenario option (simulate lint's reading of plain manifests). */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  replicas: 3
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers: [{name: app, image: "app:2"}]
  strategy:
    canary:
      steps: [{setWeight: 20}, {pause: {}}]
`;
const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: t}
spec:
  metrics:
  - name: m
    successCondition: result[0] < 1
    provider: {prometheus: {address: "http://p", query: up}}
`;
const OTHER = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tls}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\n';

describe('loadScenarioText(…, {defaultScenario: true})', () => {
  it('plain manifests load with the defaults of spec: {}; without the option they need a Scenario', () => {
    const r = loadScenarioText(ROLLOUT, 'r.yaml', { defaultScenario: true });
    expect(r.ok && r.scenario.workloads.map((w) => w.name)).toEqual(['app']);
    expect(r.ok && r.scenario.release.image).toBe('app:2');
    const strict = loadScenarioText(ROLLOUT, 'r.yaml');
    expect(strict.ok ? [] : strict.errors.map((e) => e.message)).toEqual(['no Scenario document']);
  });
  it('a template on its own loads (no workload is no error)', () => {
    const r = loadScenarioText(TEMPLATE, 't.yaml', { defaultScenario: true });
    expect(r.ok && [r.scenario.workloads.length, r.scenario.analysisTemplates.map((t) => t.name)]).toEqual([0, ['t']]);
  });
  it('kinds the simulator does not read are notes, not errors; an empty file is nothing to lint', () => {
    const r = loadScenarioText(OTHER, 'o.yaml', { defaultScenario: true });
    expect(r.ok && r.notes).toEqual(['Certificate/tls ignored: not linted', 'StatefulSet/db ignored: not linted']);
    expect(r.ok && r.scenario.workloads).toEqual([]);
    expect(loadScenarioText('', 'e.yaml', { defaultScenario: true }).ok).toBe(true);
    const strict = loadScenarioText(OTHER, 'o.yaml');
    expect(strict.ok ? [] : strict.errors.map((e) => e.message)).toEqual(['unknown kind "Certificate" (apiVersion "cert-manager.io/v1")', 'StatefulSet workloads are not simulated: only Rollout and apps/v1 Deployment are']);
  });
  it('a syntax error still fails', () => {
    const r = loadScenarioText('a: [\n', 'x.yaml', { defaultScenario: true });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['unclosed "[": this list has no closing "]"']);
  });
});
