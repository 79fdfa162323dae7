/**
 * Conformance with real Argo manifests: every example Rollout from argo-rollouts (copied unchanged
 * into test/fixtures/scenario/argo-examples/, each with a minimal Scenario) either loads, or fails
 * with an error that names the Argo feature the simulator does not model.
 */
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workload } from '../../src/model/rollout.js';
import { loadScenarioPath, loadScenarioSources } from '../../src/scenario/index.js';

const DIR = 'test/fixtures/scenario/argo-examples';

/** strategy summary: canary:<router or basic>:<steps> | blueGreen. */
function summary(w: Workload): string {
  if (w.kind === 'Deployment') return 'Deployment';
  if (w.strategy.type === 'blueGreen') return `blueGreen:${w.strategy.activeService}`;
  return `canary:${w.strategy.trafficRouting?.router ?? 'basic'}:${w.strategy.steps.length}`;
}

const refNote = (name: string): string => `Deployment ${name} supplies the pod template of Rollout ${name} (spec.workloadRef): it is not simulated as a workload of its own`;

const LOADS: Record<string, { workloads: string[]; notes?: string[]; namespace?: string }> = {
  // Argo's e2e test/e2e/functional/alb-pingpong-rollout.yaml: ALB pingPong, no stable/canary Services.
  'alb-pingpong-rollout': { workloads: ['canary:alb:2'], notes: ['Ingress/alb-canary-ingress ignored: routers are simulated with exact weights'] },
  'ambassador-rollout': { workloads: ['canary:ambassador:6'] },
  // Steps that set setCanaryScale and setHeaderRoute together (validation.go allows it).
  'apisix-rollout': { workloads: ['canary:apisix:10'] },
  'canary-rollout': { workloads: ['canary:appMesh:6'], namespace: 'argo-examples' },
  'docs-getting-started-alb-rollout': { workloads: ['canary:alb:2'] },
  'docs-getting-started-basic-rollout': { workloads: ['canary:basic:8'] },
  'docs-getting-started-istio-rollout': { workloads: ['canary:istio:2'] },
  'docs-getting-started-mixed-rollout': { workloads: ['canary:nginx+smi:2'] },
  'docs-getting-started-nginx-rollout': { workloads: ['canary:nginx:2'] },
  'docs-getting-started-smi-rollout': { workloads: ['canary:smi:2'] },
  'features-bluegreen-01': { workloads: ['blueGreen:rollout-bluegreen-active'] },
  'features-canary-index-01': { workloads: ['canary:basic:4'] },
  'istio-mirror': { workloads: ['canary:istio:3'], notes: ['VirtualService/istio-host-split-vsvc ignored: routers are simulated with exact weights', 'Gateway/istio-host-split-gateway ignored: routers are simulated with exact weights'] },
  'istio-subset-split': {
    workloads: ['canary:istio:2'],
    notes: ['VirtualService/istio-subset-split-vsvc ignored: routers are simulated with exact weights', 'DestinationRule/istio-subset-split-destrule ignored: routers are simulated with exact weights'],
  },
  'notifications-rollout-canary': { workloads: ['canary:basic:8'], notes: ['Ingress/rollouts-demo-stable ignored: routers are simulated with exact weights'] },
  'rollout-analysis-step': { workloads: ['canary:basic:2'] },
  'rollout-background-analysis': { workloads: ['canary:basic:2'] },
  'rollout-bluegreen': { workloads: ['blueGreen:rollout-bluegreen-active'] },
  'rollout-canary': { workloads: ['canary:basic:8'] },
  'rollout-linkerd': { workloads: ['canary:smi:2'] },
  'rollout-rolling-update': { workloads: ['canary:basic:0'] },
  'rollouts-demo': { workloads: ['blueGreen:rollouts-demo-svc'] },
  // Argo's docs/analysis provider examples, each with a Rollout and the Scenario's answer for its provider.
  'analysis-datadog-01': { workloads: ['canary:basic:3'] },
  'analysis-newrelic-01': { workloads: ['canary:basic:3'] },
  'analysis-wavefront-01': { workloads: ['canary:basic:3'] },
  'analysis-graphite-01': { workloads: ['canary:basic:3'] },
  'analysis-influxdb-01': { workloads: ['canary:basic:3'] },
  'analysis-cloudwatch-01': { workloads: ['canary:basic:3'] },
  'analysis-web-01': { workloads: ['canary:basic:3'] },
  // docs/features/analysis.md: a template composing two others (spec.templates).
  'features-analysis-11': { workloads: ['canary:basic:3'] },
  // The web provider's URL comes from the Secret in the file; the Scenario answers it (spec.providers.web).
  'rollout-secret': { workloads: ['canary:basic:3'], notes: ['Secret/example-secret ignored: as an object; template args with valueFrom.secretKeyRef read its keys'] },
  // spec.workloadRef: the Deployment (replicas: 0, as Argo's example has it) only supplies the pod template.
  'rollout-template-ref': { workloads: ['canary:basic:2'], notes: [`${DIR}/rollout-template-ref/rollout-template-ref.yaml: ${refNote('rollout-ref-deployment')}`] },
  // Experiment steps (src/controller/experiment.ts); the Scenario promotes past an experiment without an end.
  'istio-host-split-experiment-step': { workloads: ['canary:istio:2'], notes: ['VirtualService/istio-host-split-vsvc ignored: routers are simulated with exact weights'] },
  'rollout-alb-experiment-step': { workloads: ['canary:alb:2'], notes: ['Ingress/alb-rollout-ingress ignored: routers are simulated with exact weights'] },
  'rollout-smi-experiment-step': { workloads: ['canary:smi:2'], notes: ['Ingress/rollout-smi-experiment-stable ignored: routers are simulated with exact weights'] },
  'rollout-baseline-vs-canary': { workloads: ['canary:basic:1'] },
  'rollout-canary-preview': { workloads: ['canary:basic:1'] },
  'rollout-experiment-step': { workloads: ['canary:basic:2'] },
  'workload-ref': { workloads: ['canary:basic:2'], notes: [`${DIR}/workload-ref/workload-ref.yaml: ${refNote('rollout-ref-deployment')}`] },
};

/** Expected errors as `line:column path: message` (suggestions left out). */
const FAILS: Record<string, string[]> = {
  'features-specification-01': [
    // The reference page shows every field at once: a workloadRef beside a template, and scaleDown's choices as one string.
    '37:16 spec.workloadRef.scaleDown: expected one of "never", "onsuccess", "progressively", got the string "never|onsuccess|progressively"',
    '42:5 spec.template: template must be empty for workload reference rollout',
    '81:3 spec.restartAt: spec.restartAt (restarting pods) is not simulated',
    '91:5 spec.strategy: Multiple Strategies can not be listed',
  ],
  // A Helm template, not YAML: said so at its first "{{".
  'helm-blue-green-templates-rollout': ['4:9 metadata.name: a Helm template ("{{ … }}") is not YAML'],
};

describe('Argo examples', () => {
  it('the fixture set is exactly the expectation tables', () => {
    const dirs = readdirSync(DIR).filter((d) => !d.endsWith('.md')).sort();
    expect(dirs).toEqual([...Object.keys(LOADS), ...Object.keys(FAILS)].sort());
  });

  for (const [name, want] of Object.entries(LOADS)) {
    it(`${name} loads`, () => {
      const r = loadScenarioPath(join(DIR, name));
      if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 1));
      expect(r.scenario.workloads.map(summary)).toEqual(want.workloads);
      expect(r.notes).toEqual(want.notes ?? []);
      expect(r.scenario.namespace).toBe(want.namespace ?? 'default');
      expect(r.scenario.stableImage).toBe(r.scenario.release.image.replace(/(:[^:/]+)?$/, ':stable'));
    });
  }

  for (const [name, want] of Object.entries(FAILS)) {
    it(`${name} fails, naming what is not simulated`, () => {
      const r = loadScenarioPath(join(DIR, name));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`)).toEqual(want);
      expect(new Set(r.errors.map((e) => e.file))).toEqual(new Set([join(DIR, name, `${name}.yaml`)]));
    });
  }
});

const SHARED = fileURLToPath(new URL('../../../shared/argo/examples', import.meta.url));

describe.skipIf(!existsSync(SHARED))('every example file in ../shared/argo/examples', () => {
  it('gives a LoadResult (never throws), and a Rollout that parses either loads or names its problem', () => {
    const scenario = { file: 'scenario.yaml', text: 'apiVersion: rollout-sim/v1alpha1\nkind: Scenario\nspec: {traffic: {rps: 5}}\n' };
    const files = ['', 'docs-snippets/'].flatMap((sub) => readdirSync(join(SHARED, sub)).filter((f) => f.endsWith('.yaml')).map((f) => sub + f));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const r = loadScenarioSources([{ file: f, text: readFileSync(join(SHARED, f), 'utf8') }, scenario]);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) for (const e of r.errors) expect(e.line, f).toBeGreaterThanOrEqual(1);
    }
  });
});
