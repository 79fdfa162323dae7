/** Argo Rollouts: validation rules (validation.go, §1.6), features not simulated, field names. */
import { describe, expect, it } from 'vitest';
import { ISTIO, canary, canaryOf, loaded, messages, rollout, where, withScenario } from './helpers.js';

describe("Argo's canary and spec rules", () => {
  it('maxSurge and maxUnavailable may not both be zero', () => {
    const text = withScenario(rollout(canary('      maxSurge: "0%"\n      maxUnavailable: 0\n')));
    expect(messages(text)).toEqual([`${where(text, '"0%"')}: spec.strategy.canary.maxSurge: MaxSurge and MaxUnavailable both can not be zero`]);
    expect(canaryOf(withScenario(rollout(canary('      maxSurge: "1"\n      maxUnavailable: 1\n')))).maxSurge).toBe('1%');
  });

  it('scaleDownDelaySeconds and dynamicStableScale need trafficRouting, and exclude each other', () => {
    const basic = withScenario(rollout(canary('      scaleDownDelaySeconds: 10\n      dynamicStableScale: true\n')));
    expect(messages(basic)).toEqual([
      `${where(basic, '10\n      dyn')}: spec.strategy.canary.scaleDownDelaySeconds: Canary scaleDownDelaySeconds can only be used with traffic routing`,
      `${where(basic, 'true')}: spec.strategy.canary.dynamicStableScale: Canary dynamicStableScale can only be used with traffic routing`,
    ]);
    const routed = withScenario(rollout(canary(ISTIO + '      scaleDownDelaySeconds: 10\n      dynamicStableScale: true\n')));
    expect(messages(routed)).toEqual([`${where(routed, 'true')}: spec.strategy.canary.dynamicStableScale: Canary dynamicStableScale cannot be used with scaleDownDelaySeconds`]);
  });

  it('routers that re-point Services need both, and different ones', () => {
    const text = withScenario(rollout(canary('      canaryService: svc\n      trafficRouting: {nginx: {stableIngress: i}}\n')));
    expect(messages(text)).toEqual([`${where(text, 'canaryService')}: spec.strategy.canary.stableService: Canary service and Stable service must to be set to use Traffic Routing`]);
    const same = withScenario(rollout(canary('      canaryService: svc\n      stableService: svc\n')));
    expect(messages(same)).toEqual([`${where(same, 'svc', 1)}: spec.strategy.canary.stableService: This rollout uses the same service for the stable and canary services, but two different services are required.`]);
    const subset = withScenario(rollout(canary('      trafficRouting:\n        istio: {virtualService: {name: vs}, destinationRule: {name: dr, canarySubsetName: c, stableSubsetName: s}}\n')));
    expect(canaryOf(subset).trafficRouting?.router).toBe('istio');
  });

  it('trafficRouting must name a router', () => {
    const text = withScenario(rollout(canary('      trafficRouting: {managedRoutes: [{name: r}]}\n')));
    expect(messages(text)).toEqual([`${where(text, '{managedRoutes')}: spec.strategy.canary.trafficRouting: trafficRouting names no traffic router (add one of alb, ambassador, apisix, appMesh, istio, nginx, plugins, smi, traefik)`]);
  });

  it('exactly one of canary and blueGreen', () => {
    const both = withScenario(rollout('    canary: {}\n    blueGreen: {activeService: a}\n'));
    expect(messages(both)).toEqual([`${where(both, 'canary: {}')}: spec.strategy: Multiple Strategies can not be listed (keep either canary or blueGreen)`]);
    const none = withScenario(rollout('    {}\n'));
    expect(messages(none)).toEqual([`${where(none, '{}\n')}: spec.strategy: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'`]);
  });

  it('blue-green: distinct services, a scale-down limit within the history limit', () => {
    const text = withScenario(rollout('    blueGreen: {activeService: a, previewService: a, scaleDownDelayRevisionLimit: 3}\n', '  revisionHistoryLimit: 2\n'));
    expect(messages(text)).toEqual([
      `${where(text, 'a,')}: spec.strategy.blueGreen.activeService: This rollout uses the same service for the active and preview services, but two different services are required.`,
      `${where(text, '3}')}: spec.strategy.blueGreen.scaleDownDelayRevisionLimit: This rollout's revision history limit can not be smaller than the rollout's scale down limit`,
    ]);
  });

  it('progressDeadlineSeconds > minReadySeconds; selector matches template labels; replicas ≥ 1', () => {
    const text = withScenario(rollout(canary('      steps: []\n'), '  replicas: 0\n  minReadySeconds: 30\n  progressDeadlineSeconds: 30\n').replace('matchLabels: {app: app}', 'matchLabels: {app: other}'));
    expect(messages(text)).toEqual([
      `${where(text, '0\n  minReady')}: spec.replicas: replicas: 0 is not simulated: no pod would serve the scenario's traffic (use at least 1 replica)`,
      `${where(text, '30\n', 1)}: spec.progressDeadlineSeconds: must be greater than minReadySeconds (minReadySeconds is 30)`,
      `${where(text, 'matchLabels')}: spec.selector: selector does not match template labels (app: other is not among spec.template.metadata.labels)`,
    ]);
  });

  it('antiAffinity lists exactly one strategy with a weight in 1..100', () => {
    const text = withScenario(rollout(canary('      antiAffinity:\n        preferredDuringSchedulingIgnoredDuringExecution: {weight: 101}\n')));
    expect(messages(text)).toEqual([`${where(text, '101')}: spec.strategy.canary.antiAffinity.preferredDuringSchedulingIgnoredDuringExecution.weight: AntiAffinity weight must be between 1-100`]);
  });

  it('background analysis startingStep lies within the steps', () => {
    const text = withScenario(rollout(canary('      analysis: {templates: [{templateName: t}], startingStep: 3}\n      steps: [{setWeight: 10}]\n')));
    expect(messages(text)).toContain(`${where(text, '3}')}: spec.strategy.canary.analysis.startingStep: startingStep 3 is past the last step (there are 1)`);
  });

  // pkg/apis/rollouts/validation/validation.go:390-398 (experiment template weight), :493 (oneOf).
  it('an experiment template weight needs a router that takes extra destinations; an experiment is one step type', () => {
    const basic = withScenario(rollout(canary('      steps:\n        - experiment: {templates: [{name: c, specRef: canary, weight: 5}]}\n')));
    expect(messages(basic)).toEqual([`${where(basic, '5}')}: spec.strategy.canary.steps[0].experiment.templates[0].weight: Experiment template weight cannot be set unless TrafficRouting is enabled`]);
    const nginx = withScenario(rollout(canary('      canaryService: c\n      stableService: s\n      trafficRouting: {nginx: {stableIngress: i}}\n      steps:\n        - experiment: {templates: [{name: c, specRef: canary, weight: 5}]}\n')));
    expect(messages(nginx)).toEqual([`${where(nginx, '5}')}: spec.strategy.canary.steps[0].experiment.templates[0].weight: Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time`]);
    const both = withScenario(rollout(canary('      steps:\n        - {setWeight: 5, experiment: {templates: [{name: c, specRef: canary}]}}\n')));
    expect(messages(both)).toEqual([`${where(both, '{setWeight')}: spec.strategy.canary.steps[0]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause (this step sets setWeight and experiment)`]);
  });
});

describe('features that are not simulated are refused by name', () => {
  const cases: [string, string, string][] = [
    ['replicaProgressThreshold', canary('      replicaProgressThreshold: {type: Percent, value: 90}\n'), 'spec.strategy.canary.replicaProgressThreshold: canary replicaProgressThreshold is not simulated (remove it: steps complete when all canary pods are available)'],
  ];
  for (const [name, strategy, message] of cases) {
    it(name, () => {
      const text = withScenario(rollout(strategy));
      const key = message.split(':')[0]?.split('.').pop() ?? '';
      expect(messages(text)).toEqual([`${where(text, key + ':')}: ${message}`]);
    });
  }

  it('spec-level: restartAt (rollbackWindow is simulated; workloadRef: test/scenario/workload-ref.test.ts)', () => {
    const text = withScenario(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  selector: {matchLabels: {app: app}}
  template: {metadata: {labels: {app: app}}, spec: {containers: [{name: app, image: app:v2}]}}
  rollbackWindow: {revisions: 3}
  restartAt: "2020-03-30T21:19:35Z"
  strategy: {canary: {}}
`);
    expect(messages(text)).toEqual([
      `${where(text, 'restartAt')}: spec.restartAt: spec.restartAt (restarting pods) is not simulated (remove it)`,
    ]);
  });
});

describe('metadata-only fields are accepted, unknown ones get a suggestion', () => {
  it('accepts canaryMetadata, stableMetadata, antiAffinity, analysisRunMetadata, revisionHistoryLimit, status', () => {
    const body = `      canaryMetadata: {labels: {role: canary}}
      stableMetadata: {annotations: {role: stable}}
      antiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {}}
      scaleDownDelayRevisionLimit: 1
      steps:
        - setWeight: 10
`;
    const text = withScenario(rollout(canary(body), '  revisionHistoryLimit: 3\n  analysis: {successfulRunHistoryLimit: 2}\n') + 'status: {phase: Healthy}\n');
    expect(canaryOf(text).steps).toHaveLength(1);
  });

  it('misspelled fields get a did-you-mean at the key', () => {
    const text = withScenario(rollout(canary('      maxSurg: 1\n      steps:\n        - setWieght: 10\n'), '  replica: 2\n'));
    expect(messages(text)).toEqual([
      `${where(text, 'replica:')}: spec.replica: unknown field "replica" (did you mean "replicas"?)`,
      `${where(text, 'maxSurg')}: spec.strategy.canary.maxSurg: unknown field "maxSurg" (did you mean "maxSurge"?)`,
      `${where(text, 'setWieght')}: spec.strategy.canary.steps[0].setWieght: unknown field "setWieght" (did you mean "setWeight"?)`,
    ]);
  });

  it('wrong types are reported with what was found', () => {
    const text = withScenario(rollout(canary('      steps:\n        - setWeight: "20"\n'), '  replicas: three\n  paused: "true"\n'));
    expect(messages(text)).toEqual([
      `${where(text, 'three')}: spec.replicas: expected an integer, got the string "three"`,
      `${where(text, '"true"')}: spec.paused: expected true or false, got the string "true"`,
      `${where(text, '"20"')}: spec.strategy.canary.steps[0].setWeight: expected an integer, got the string "20" (write 20 without quotes)`,
    ]);
  });
});

describe('analysis args taken from the Rollout object', () => {
  it('metadata.name / metadata.namespace resolve; other field paths come from the Scenario spec.fields, or exit 2 showing the block', () => {
    const arg = (path: string) => withScenario(rollout(canary(`      analysis:\n        templates: [{templateName: t}]\n        args: [{name: a, valueFrom: {fieldRef: {fieldPath: ${path}}}}]\n`)) + '---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: t}\nspec:\n  args: [{name: a}]\n  metrics: [{name: m, provider: {prometheus: {query: "vector(1)"}}}]\n');
    expect(loaded(arg('metadata.name')).scenario.workloads).toHaveLength(1);
    const bad = arg('status.alb.canaryTargetGroup.name');
    expect(messages(bad)).toEqual([
      `${where(bad, 'status.alb')}: spec.strategy.canary.analysis.args[0].valueFrom.fieldRef.fieldPath: the simulator does not model the Rollout field "status.alb.canaryTargetGroup.name" (it answers metadata.name and metadata.namespace) (add to the Scenario's spec: fields: {status.alb.canaryTargetGroup.name: <value>})`,
    ]);
    const fixed = bad.replace('spec:\n  traffic:', 'spec:\n  fields: {status.alb.canaryTargetGroup.name: tg-canary}\n  traffic:');
    expect(loaded(fixed).scenario.fields).toEqual({ 'status.alb.canaryTargetGroup.name': 'tg-canary' });
  });
});
