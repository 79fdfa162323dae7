/** Documents and files: kinds, notes, Deployments, Services, directories, YAML edge cases. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadScenarioPath } from '../../src/scenario/index.js';
import { ROLLOUT, SCENARIO, edit, errorsOf, file, loaded, messages, where } from './helpers.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: base
spec:
  replicas: 4
  selector:
    matchLabels: {app: base}
  template:
    metadata:
      labels: {app: base}
    spec:
      containers:
        - name: app
          image: app:v2
`;

describe('kinds', () => {
  it('notes documents accepted but not simulated', () => {
    const vs = 'apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: {name: vsvc}\nspec: {hosts: [x]}\n';
    const others = ['networking.istio.io/v1alpha3 DestinationRule dr', 'networking.istio.io/v1alpha3 Gateway gw', 'networking.k8s.io/v1 Ingress ing', 'v1 Namespace ns', 'v1 ConfigMap cm', 'autoscaling/v2 HorizontalPodAutoscaler hpa'].map((s) => {
      const [api, kind, name] = s.split(' ');
      return `apiVersion: ${api}\nkind: ${kind}\nmetadata: {name: ${name}}\n`;
    });
    expect(loaded(file(SCENARIO, ROLLOUT, vs, ...others)).notes).toEqual([
      'VirtualService/vsvc ignored: routers are simulated with exact weights',
      'DestinationRule/dr ignored: routers are simulated with exact weights',
      'Gateway/gw ignored: routers are simulated with exact weights',
      'Ingress/ing ignored: routers are simulated with exact weights',
      'Namespace/ns ignored: the scenario namespace is spec.namespace of the Scenario',
      'ConfigMap/cm ignored: not used by the simulation',
      'HorizontalPodAutoscaler/hpa ignored: autoscaling is not simulated: replica counts stay at spec.replicas',
    ]);
  });

  it('refuses unknown kinds, wrong apiVersions and Argo kinds it does not simulate', () => {
    const text = file(
      SCENARIO,
      ROLLOUT,
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Experiment\nmetadata: {name: e}\n',
      'apiVersion: apps/v1\nkind: Rollout\nmetadata: {name: r}\n',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Scenario\nmetadata: {name: s}\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ss}\n',
    );
    expect(messages(text)).toEqual([
      `${where(text, 'Widget')}: kind: unknown kind "Widget" (apiVersion "example.com/v1") (the simulator reads "Scenario", "Rollout", "AnalysisTemplate", "ClusterAnalysisTemplate", "Deployment", "Service" documents; remove this one)`,
      `${where(text, 'Experiment')}: kind: Experiment documents are not simulated (use an analysis step in a Rollout instead)`,
      `${where(text, 'apps/v1\nkind: Rollout')}: apiVersion: Rollout needs apiVersion argoproj.io/v1alpha1, got "apps/v1" (apiVersion: argoproj.io/v1alpha1)`,
      `${where(text, 'extensions/v1beta1')}: apiVersion: Deployment needs apiVersion apps/v1, got "extensions/v1beta1" (apiVersion: apps/v1)`,
      `${where(text, 'argoproj.io/v1alpha1\nkind: Scenario')}: apiVersion: Scenario needs apiVersion rollout-sim/v1alpha1, got "argoproj.io/v1alpha1" (apiVersion: rollout-sim/v1alpha1)`,
      `${where(text, 'StatefulSet')}: kind: StatefulSet workloads are not simulated: only Rollout and apps/v1 Deployment are`,
    ]);
  });

  it('needs apiVersion and kind, and a mapping per document', () => {
    const text = file(SCENARIO, ROLLOUT, 'kind: Rollout\nmetadata: {name: x}\n', 'replicaCount: 1\n', '- a list\n');
    expect(messages(text)).toEqual([
      `${where(text, 'kind: Rollout\nmetadata: {name: x}')}: apiVersion: missing field "apiVersion" (apiVersion: argoproj.io/v1alpha1)`,
      `${where(text, 'replicaCount')}: kind: missing field "kind" (this is not a Kubernetes manifest) (add kind: one of "Scenario", "Rollout", "AnalysisTemplate", "ClusterAnalysisTemplate", "Deployment", "Service")`,
      `${where(text, '- a list')}: a document must be a mapping with apiVersion and kind (each document between \`---\` lines is one Kubernetes object)`,
    ]);
  });

  it('wants exactly one Scenario and at least one workload', () => {
    const two = file(SCENARIO, ROLLOUT, SCENARIO);
    expect(messages(two)).toEqual([`${where(two, 'Scenario', 1)}: kind: a second Scenario document (keep one Scenario per file (the first is at test.yaml:1))`]);
    expect(messages(ROLLOUT)).toEqual([
      'test.yaml:1:1: no Scenario document\n    add a Scenario document, e.g.:\n    ---\n    apiVersion: rollout-sim/v1alpha1\n    kind: Scenario\n    metadata: {name: my-scenario}\n    spec:\n      traffic: {rps: 20}',
    ]);
    expect(messages(SCENARIO)).toEqual(['test.yaml:1:1: no Rollout or Deployment to simulate (add an argoproj.io/v1alpha1 Rollout (or an apps/v1 Deployment) document)']);
  });
});

describe('apps/v1 Deployment and v1 Service', () => {
  it('maps a RollingUpdate Deployment with Kubernetes defaults', () => {
    const { scenario } = loaded(file(SCENARIO, ROLLOUT, DEPLOYMENT));
    expect(scenario.workloads[1]).toEqual({
      kind: 'Deployment', name: 'base', namespace: 'default', replicas: 4, image: 'app:v2', minReadySeconds: 0,
      progressDeadlineSeconds: 600, maxSurge: '25%', maxUnavailable: '25%', source: { file: 'test.yaml', line: 29, column: 1 },
      podLabels: { app: 'base' }, sources: { kind: { file: 'test.yaml', line: 30, column: 7 } },
    });
    expect(scenario.compare).toEqual(['app', 'base']);
  });

  it('refuses Recreate, unitless percentage strings and a zero surge with zero unavailable', () => {
    const recreate = file(SCENARIO, DEPLOYMENT + '  strategy: {type: Recreate}\n');
    expect(messages(recreate)).toEqual([`${where(recreate, 'Recreate')}: spec.strategy.type: the Recreate strategy is not simulated (use RollingUpdate (the rolling baseline) or a Rollout)`]);
    const strings = file(SCENARIO, DEPLOYMENT + '  strategy: {rollingUpdate: {maxSurge: "25", maxUnavailable: 0}}\n');
    expect(messages(strings)).toEqual([`${where(strings, '"25"')}: spec.strategy.rollingUpdate.maxSurge: "25" is not a pod count or a percentage (write "25%" or the integer 25)`]);
    const zero = file(SCENARIO, DEPLOYMENT + '  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0%}}\n');
    expect(messages(zero)).toEqual([`${where(zero, '0%')}: spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when \`maxSurge\` is 0`]);
  });

  it('records Services; a near-miss service name in a Rollout is a typo', () => {
    const svc = (n: string): string => `apiVersion: v1\nkind: Service\nmetadata: {name: ${n}}\nspec: {selector: {app: app}}\n`;
    const ok = loaded(file(SCENARIO, edit(ROLLOUT, '    canary:\n', '    canary:\n      canaryService: app-canary\n'), svc('app-canary'), svc('other')));
    expect(ok.scenario.services).toEqual([
      { name: 'app-canary', namespace: 'default', selector: { app: 'app' }, source: { file: 'test.yaml', line: 30, column: 1 } },
      { name: 'other', namespace: 'default', selector: { app: 'app' }, source: { file: 'test.yaml', line: 35, column: 1 } },
    ]);
    const text = file(SCENARIO, edit(ROLLOUT, '    canary:\n', '    canary:\n      canaryService: app-canry\n      stableService: app-stable\n'), svc('app-canary'));
    expect(messages(text)).toEqual([`${where(text, 'app-canry')}: spec.strategy.canary.canaryService: no Service named "app-canry" in the file (did you mean "app-canary"?)`]);
  });

  it('names are unique per kind', () => {
    const text = file(SCENARIO, ROLLOUT, ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, 'app\nspec', 1)}: metadata.name: a second Rollout/Deployment named "app" (names must be unique (the first is in test.yaml))`]);
  });
});

describe('files and directories', () => {
  it('loads a directory of *.yaml/*.yml files in name order as one scenario', () => {
    const r = loadScenarioPath('test/fixtures/scenario/split-dir');
    if (!r.ok) throw new Error(r.errors.map(formatLoadError).join('\n'));
    expect(r.scenario.file).toBe(join('test/fixtures/scenario/split-dir', '30-scenario.yaml'));
    expect(r.scenario.compare).toEqual(['agent-bluegreen', 'agent-deployment']);
    expect(r.scenario.services.map((s) => s.name)).toEqual(['agent-active', 'agent-preview']);
    expect(r.scenario.operator).toEqual([{ at: 600_000, action: 'promote', rollout: 'agent-bluegreen' }]);
  });

  it('reports errors per file, in file order, and I/O problems as load errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-sim-'));
    try {
      writeFileSync(join(dir, 'b.yaml'), file(SCENARIO).replace('rps: 10', 'rps: 0'));
      writeFileSync(join(dir, 'a.yaml'), edit(ROLLOUT, 'setWeight: 20', 'setWeight: 101'));
      const r = loadScenarioPath(dir);
      expect(r.ok ? [] : r.errors.map(formatLoadError)).toEqual([
        `${join(dir, 'a.yaml')}:19:22: spec.strategy.canary.steps[0].setWeight: SetWeight needs to be between 0 and 100 (got 101)`,
        `${join(dir, 'b.yaml')}:6:10: spec.traffic.rps: must be greater than 0, got 0`,
      ]);
      expect(loadScenarioPath(join(dir, 'missing.yaml'))).toEqual({
        ok: false,
        errors: [{ file: join(dir, 'missing.yaml'), line: 1, column: 1, path: '', message: 'cannot read: no such file or directory' }],
      });
      rmSync(join(dir, 'a.yaml'));
      rmSync(join(dir, 'b.yaml'));
      expect(loadScenarioPath(dir)).toEqual({ ok: false, errors: [{ file: dir, line: 1, column: 1, path: '', message: 'no *.yaml or *.yml files in this directory' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('collects every error, sorted by position, across documents', () => {
    const text = file(edit(SCENARIO, 'rps: 10', 'rps: -5\n    cohrts: []'), edit(edit(ROLLOUT, 'replicas: 4', 'replicas: -1'), 'setWeight: 20', 'setWeight: 120'));
    expect(errorsOf(text).map((e) => `${e.line}:${e.column} ${e.path}`)).toEqual(['6:10 spec.traffic.rps', '7:5 spec.traffic.cohrts', '14:13 spec.replicas', '27:22 spec.strategy.canary.steps[0].setWeight']);
  });
});

describe('YAML edge cases', () => {
  it('duplicate keys are invalid YAML, named with their path and the first one\'s line', () => {
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  seed: 1\n  seed: 2\n'), ROLLOUT);
    expect(messages(text)).toEqual(['test.yaml:6:3: spec.seed: duplicate key "seed" (the first is on line 5; YAML keys must be unique)']);
    const deep = file(SCENARIO, edit(ROLLOUT, '        - setWeight: 20\n', '        - setWeight: 20\n          setWeight: 30\n'));
    expect(messages(deep)).toEqual([`${where(deep, 'setWeight: 30')}: spec.strategy.canary.steps[0].setWeight: duplicate key "setWeight" (the first is on line ${where(deep, 'setWeight: 20').split(':')[1]}; YAML keys must be unique)`]);
  });

  it('anchors and aliases work; merge keys are refused', () => {
    const anchored = file(edit(SCENARIO, 'rps: 10', 'rps: &r 10\n    cohorts: [{name: a, share: *r}]'), ROLLOUT);
    expect(messages(anchored)).toEqual([`${where(anchored, '*r')}: spec.traffic.cohorts[0].share: 10 is outside [0%, 100%] (did you mean "10%"?)`]);
    const merged = file(edit(SCENARIO, 'spec:\n', 'spec:\n  <<: {seed: 3}\n'), ROLLOUT);
    expect(messages(merged)).toEqual(['test.yaml:5:3: spec.<<: YAML merge keys (<<) are not supported (write the fields out in full)']);
  });

  it('exponential alias expansion is cut off, not followed', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ${lines.join('\n  ')}\n`;
    const text = file(SCENARIO, ROLLOUT, bomb);
    expect(messages(text)).toEqual([`${where(text, 'apiVersion: v1')}: too many YAML alias expansions (more than 1000 in one document) (write the values out instead of nesting aliases)`]);
  });
});
