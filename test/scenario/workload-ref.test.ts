/** spec.workloadRef (pod template from a Deployment in the file) and Deployments outside the release. */
import { describe, expect, it } from 'vitest';
import { ROLLOUT, SCENARIO, at, edit, file, loaded, messages, where } from './helpers.js';

/** A Deployment supplying the template, scaled to 0 as Argo's examples have it. */
const SOURCE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 0
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: app:v2}]
`;

const REF_ROLLOUT = (ref: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  replicas: 4
  workloadRef: ${ref}
  strategy:
    canary:
      steps: [{setWeight: 20}, {pause: {duration: 1m}}]
`;
const DEPLOYMENT_REF = '{apiVersion: apps/v1, kind: Deployment, name: web}';
const NOTE = 'test.yaml: Deployment web supplies the pod template of Rollout app (spec.workloadRef): it is not simulated as a workload of its own';

describe('spec.workloadRef', () => {
  it('takes the template and selector from the Deployment, which is not a workload of its own (either order in the file)', () => {
    for (const text of [file(SCENARIO, SOURCE, REF_ROLLOUT(DEPLOYMENT_REF)), file(SCENARIO, REF_ROLLOUT(DEPLOYMENT_REF), SOURCE)]) {
      const { scenario, notes } = loaded(text);
      expect(scenario.workloads.map((w) => [w.kind, w.name, w.image, w.replicas])).toEqual([['Rollout', 'app', 'app:v2', 4]]);
      expect(scenario.compare).toEqual(['app']);
      expect(scenario.release.image).toBe('app:v2');
      expect(notes).toContain(NOTE);
    }
  });

  it('notes that scaleDown is not simulated', () => {
    const { notes } = loaded(file(SCENARIO, SOURCE, REF_ROLLOUT('{apiVersion: apps/v1, kind: Deployment, name: web, scaleDown: progressively}')));
    expect(notes).toContain(`${NOTE}; scaling it down (workloadRef.scaleDown: progressively) is not simulated`);
  });

  it('a Deployment not in the file is named, with a did-you-mean when one is close', () => {
    const text = file(SCENARIO, REF_ROLLOUT('{apiVersion: apps/v1, kind: Deployment, name: api}'));
    expect(messages(text)).toEqual([
      `${where(text, 'api}')}: spec.workloadRef.name: Deployment "api" not found (add the apps/v1 Deployment "api" to the file (the pod template is taken from it), or inline the pod template in spec.template)`,
    ]);
    const typo = file(SCENARIO, SOURCE, REF_ROLLOUT('{apiVersion: apps/v1, kind: Deployment, name: wbe}'));
    // The misspelt reference leaves `web` a workload of its own, whose replicas: 0 is then reported too.
    expect(messages(typo)).toEqual([
      `test.yaml:${at(typo, 'replicas: 0').line}:13: spec.replicas: replicas: 0 is not simulated: no pod would serve the scenario's traffic (use at least 1 replica)`,
      `${where(typo, 'wbe}')}: spec.workloadRef.name: Deployment "wbe" not found (did you mean "web"?)`,
    ]);
  });

  it("the Rollout's own template must be absent (Argo: template must be empty)", () => {
    const text = file(SCENARIO, SOURCE, edit(REF_ROLLOUT(DEPLOYMENT_REF), '  strategy:', '  template: {spec: {containers: [{image: app:v2}]}}\n  strategy:'));
    expect(messages(text)).toEqual([
      `${where(text, '{spec: {containers')}: spec.template: template must be empty for workload reference rollout (remove spec.template: the pod template comes from the Deployment spec.workloadRef names)`,
    ]);
  });

  it('only apps/v1 Deployments are resolved', () => {
    const rs = file(SCENARIO, REF_ROLLOUT('{apiVersion: apps/v1, kind: ReplicaSet, name: web}'));
    expect(messages(rs)).toEqual([`${where(rs, '{apiVersion')}: spec.workloadRef: a workloadRef to a ReplicaSet is not simulated (reference an apps/v1 Deployment in the same file, or inline the pod template in spec.template)`]);
    const sts = file(SCENARIO, REF_ROLLOUT('{apiVersion: apps/v1, kind: StatefulSet, name: web}'));
    expect(messages(sts)).toEqual([`${where(sts, '{apiVersion')}: spec.workloadRef: workload of type apps/StatefulSet is not supported (reference an apps/v1 Deployment in the same file, or inline the pod template in spec.template)`]);
    const bad = file(SCENARIO, REF_ROLLOUT('{apiVersion: apps/v1, kind: Deployment, name: web, scaleDown: OnSuccess}'));
    expect(messages(bad)).toEqual([`${where(bad, 'OnSuccess')}: spec.workloadRef.scaleDown: expected one of "never", "onsuccess", "progressively", got the string "OnSuccess" (did you mean "onsuccess"?)`]);
  });

  it("the referenced Deployment's selector must match its template; its errors alone are reported", () => {
    const text = file(SCENARIO, edit(SOURCE, '{matchLabels: {app: web}}', '{matchLabels: {app: api}}'), REF_ROLLOUT(DEPLOYMENT_REF));
    expect(messages(text)).toEqual([`${where(text, '{matchLabels')}: spec.selector: selector does not match template labels (app: api is not among spec.template.metadata.labels)`]);
  });
});

/** A load generator beside the release, as in Argo's appmesh example. */
const LOADGEN = `apiVersion: apps/v1
kind: Deployment
metadata: {name: load-tester}
spec:
  replicas: 1
  selector: {matchLabels: {app: load}}
  template:
    metadata: {labels: {app: load}}
    spec:
      containers: [{name: wrk, image: 'argoproj/load-tester:latest'}]
`;
const SIDE_NOTE = 'Deployment load-tester (image argoproj/load-tester:latest) is not part of the release: not simulated';
const IMAGE_ERROR = 'spec.template.spec.containers[0].image: image "argoproj/load-tester:latest" is neither the release image ("app:v2") nor the stable image ("app:stable") (set spec.release.image (and spec.agent.image) in the Scenario to match the manifests)';

describe('Deployments outside the release', () => {
  it('are left out with a note, wherever they stand in the file', () => {
    for (const text of [file(SCENARIO, ROLLOUT, LOADGEN), file(SCENARIO, LOADGEN, ROLLOUT)]) {
      const { scenario, notes } = loaded(text);
      expect(scenario.workloads.map((w) => w.name)).toEqual(['app']);
      expect(scenario.compare).toEqual(['app']);
      expect(scenario.release.image).toBe('app:v2');
      expect(notes).toContain(SIDE_NOTE);
    }
  });

  it('stay an error when spec.compare names them', () => {
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  compare: [app, load-tester]\n'), ROLLOUT, LOADGEN);
    expect(messages(text)).toEqual([`${where(text, "'argoproj")}: ${IMAGE_ERROR}`]);
  });

  it('a Rollout with another image stays an error', () => {
    const other = edit(edit(ROLLOUT, 'name: app\n', 'name: other\n'), 'image: app:v2', "image: 'argoproj/load-tester:latest'");
    const text = file(SCENARIO, ROLLOUT, other);
    expect(messages(text)).toEqual([`${where(text, "'argoproj")}: ${IMAGE_ERROR}`]);
  });

  it('the only workload is never left out', () => {
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  release: {image: app:v2}\n'), LOADGEN);
    expect(messages(text)).toEqual([`${where(text, "'argoproj")}: ${IMAGE_ERROR}`]);
  });
});
