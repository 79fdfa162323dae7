/** Argo Rollouts: defaults (utils/defaults), validation rules (validation.go), features not simulated. */
import { describe, expect, it } from 'vitest';
import type { BlueGreenStrategy, CanaryStrategy, Rollout } from '../../src/model/rollout.js';
import { SCENARIO, file, loaded, messages, where } from './helpers.js';

/** A Rollout around a strategy block (indented 4 spaces) and extra spec lines (indented 2). */
function rollout(strategy: string, extraSpec = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: app
spec:
${extraSpec}  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          image: app:v2
          resources: {requests: {cpu: 5m}}
          readinessProbe: {httpGet: {path: /, port: 8080}}
          env: [{name: A, value: "1"}]
  strategy:
${strategy}`;
}

const canary = (body: string): string => `    canary:\n${body}`;
const withScenario = (r: string): string => file(SCENARIO, r);
const first = (text: string): Rollout => {
  const w = loaded(text).scenario.workloads[0];
  if (w?.kind !== 'Rollout') throw new Error('no Rollout');
  return w;
};
const canaryOf = (text: string): CanaryStrategy => first(text).strategy as CanaryStrategy;

const ISTIO = '      canaryService: c\n      stableService: s\n      trafficRouting:\n        istio: {virtualService: {name: vs}}\n';

describe('Rollout defaults', () => {
  it("applies Argo's defaults to a basic canary", () => {
    const text = withScenario(rollout(canary('      steps: [{setWeight: 20}]\n')));
    const r = first(text);
    expect({ ...r, strategy: undefined }).toEqual({
      kind: 'Rollout', name: 'app', namespace: 'default', replicas: 1, image: 'app:v2', minReadySeconds: 0,
      progressDeadlineSeconds: 600, progressDeadlineAbort: false, paused: false, strategy: undefined,
      source: { file: 'test.yaml', line: 8, column: 1 },
    });
    expect(r.strategy).toEqual({
      type: 'canary', steps: [{ setWeight: 20, source: { file: 'test.yaml', line: 27, column: 15 } }], maxSurge: '25%', maxUnavailable: '25%',
      canaryService: undefined, stableService: undefined, trafficRouting: undefined, analysis: undefined,
      scaleDownDelaySeconds: undefined, abortScaleDownDelaySeconds: undefined, dynamicStableScale: false, minPodsPerReplicaSet: undefined,
    });
  });

  it('gives a traffic-routed canary the 30 s scale-down delays and exact-weight routing', () => {
    const c = canaryOf(withScenario(rollout(canary(ISTIO + '      steps: [{setWeight: 5}]\n'))));
    expect([c.scaleDownDelaySeconds, c.abortScaleDownDelaySeconds, c.trafficRouting]).toEqual([30, 30, { router: 'istio', maxTrafficWeight: 100, managedRoutes: [] }]);
    const dss = canaryOf(withScenario(rollout(canary(ISTIO + '      dynamicStableScale: true\n'))));
    expect([dss.scaleDownDelaySeconds, dss.abortScaleDownDelaySeconds, dss.dynamicStableScale]).toEqual([30, undefined, true]);
  });

  it('records every router named (mixed nginx + smi)', () => {
    const c = canaryOf(withScenario(rollout(canary('      canaryService: c\n      stableService: s\n      trafficRouting:\n        nginx: {stableIngress: i}\n        smi: {}\n        maxTrafficWeight: 1000\n      steps: [{setWeight: 500}]\n'))));
    expect(c.trafficRouting).toEqual({ router: 'nginx+smi', maxTrafficWeight: 1000, managedRoutes: [] });
    expect(c.steps.map((s) => ('setWeight' in s ? s.setWeight : undefined))).toEqual([500]);
  });

  it('applies blue-green defaults', () => {
    const text = withScenario(rollout('    blueGreen: {activeService: active}\n', '  replicas: 3\n'));
    expect(first(text).strategy as BlueGreenStrategy).toEqual({
      type: 'blueGreen', activeService: 'active', previewService: undefined, autoPromotionEnabled: true, autoPromotionSeconds: 0,
      previewReplicaCount: undefined, scaleDownDelaySeconds: 30, abortScaleDownDelaySeconds: 30, prePromotionAnalysis: undefined, postPromotionAnalysis: undefined,
    });
    expect(first(text).replicas).toBe(3);
  });
});

describe('canary steps', () => {
  it('reads pause durations the way Argo does (§1.5)', () => {
    const steps = `      steps:
        - pause: {duration: 30}
        - pause: {duration: "30"}
        - pause: {duration: 1h30m}
        - pause: {duration: 1500ms}
        - pause: {}
`;
    const { scenario, notes } = loaded(withScenario(rollout(canary(steps))));
    const c = scenario.workloads[0]?.kind === 'Rollout' ? (scenario.workloads[0].strategy as CanaryStrategy) : undefined;
    expect(c?.steps.map((s) => ('pause' in s ? s.pause.duration : 'other'))).toEqual([30_000, 30_000, 5_400_000, 1000, undefined]);
    expect(notes).toEqual(['test.yaml: spec.strategy.canary.steps[3].pause.duration: "1500ms" is truncated to 1s, as Argo does']);
  });

  it('refuses a negative or unparseable pause with Argo\'s message', () => {
    const text = withScenario(rollout(canary('      steps:\n        - pause: {duration: -10}\n        - pause: {duration: 1d}\n')));
    expect(messages(text)).toEqual([
      `${where(text, '-10')}: spec.strategy.canary.steps[0].pause.duration: Duration needs to be greater than 0 (negative: the number -10) (write seconds (30) or a Go duration ("30s", "5m", "1h"))`,
      `${where(text, '1d')}: spec.strategy.canary.steps[1].pause.duration: Duration needs to be greater than 0 (not a duration: the string "1d") (write seconds (30) or a Go duration ("30s", "5m", "1h"))`,
    ]);
  });

  it('maps traffic-routing steps to the model', () => {
    const body = `      canaryService: c
      stableService: s
      trafficRouting:
        managedRoutes: [{name: hdr}, {name: mirror}]
        istio: {virtualService: {name: vs}}
      steps:
        - setCanaryScale: {replicas: 2}
        - setHeaderRoute: {name: hdr, match: [{headerName: x-tool, headerValue: {exact: "yes"}}]}
        - setMirrorRoute: {name: mirror, match: [{headers: {x-tool: {prefix: y}}}]}
        - setCanaryScale: {matchTrafficWeight: true}
`;
    const c = canaryOf(withScenario(rollout(canary(body))));
    expect(c.steps.map(({ source: _s, ...rest }) => rest)).toEqual([
      { setCanaryScale: { replicas: 2 } },
      { setHeaderRoute: { name: 'hdr', match: [{ headerName: 'x-tool', headerValue: { exact: 'yes' } }] } },
      { setMirrorRoute: { name: 'mirror', percentage: 100, match: [{ headers: { 'x-tool': { prefix: 'y' } } }] } },
      { setCanaryScale: { matchTrafficWeight: true } },
    ]);
    expect(c.trafficRouting?.managedRoutes).toEqual(['hdr', 'mirror']);
  });

  it('needs exactly one step type per step', () => {
    const text = withScenario(rollout(canary('      steps:\n        - {setWeight: 10, pause: {}}\n        - {}\n        - pause:\n')));
    expect(messages(text)).toEqual([
      `${where(text, '{setWeight: 10')}: spec.strategy.canary.steps[0]: Step must have one of the following set: experiment, setWeight, setCanaryScale or pause (this step sets setWeight and pause)`,
      `${where(text, '{}\n')}: spec.strategy.canary.steps[1]: Step must have one of the following set: experiment, setWeight, setCanaryScale or pause`,
      `${where(text, 'pause:\n')}: spec.strategy.canary.steps[2]: Step must have one of the following set: experiment, setWeight, setCanaryScale or pause ("pause:" has no value; write \`pause: {}\` for an indefinite pause)`,
    ]);
  });

  it('refuses a step that combines two actions Argo allows together (one action per step here)', () => {
    const body = '      canaryService: c\n      stableService: s\n      trafficRouting:\n        managedRoutes: [{name: h}]\n        istio: {virtualService: {name: vs}}\n      steps:\n        - setCanaryScale: {replicas: 1}\n          setHeaderRoute: {name: h}\n';
    const text = withScenario(rollout(canary(body)));
    expect(messages(text)).toEqual([
      `${where(text, 'setCanaryScale')}: spec.strategy.canary.steps[0]: a step combining setCanaryScale and setHeaderRoute is not simulated (Argo allows it, but the simulator runs one action per step: split it into consecutive steps)`,
    ]);
  });

  it('checks setWeight against maxTrafficWeight, which only nginx and plugins may set', () => {
    const text = withScenario(rollout(canary(ISTIO.replace('      trafficRouting:\n', '      trafficRouting:\n        maxTrafficWeight: 200\n') + '      steps: [{setWeight: 250}, {setWeight: -1}]\n')));
    expect(messages(text)).toEqual([
      `${where(text, '200')}: spec.strategy.canary.trafficRouting.maxTrafficWeight: Canary maxTrafficWeight in traffic routing only support in Nginx and Plugins`,
      `${where(text, '250')}: spec.strategy.canary.steps[0].setWeight: SetWeight needs to be between 0 and 200 (got 250)`,
      `${where(text, '-1')}: spec.strategy.canary.steps[1].setWeight: SetWeight needs to be between 0 and 200 (got -1)`,
    ]);
  });

  it('header and mirror routes need a capable router and a managed route name', () => {
    const body = `      canaryService: c
      stableService: s
      trafficRouting:
        managedRoutes: [{name: header-route}]
        smi: {}
      steps:
        - setHeaderRoute: {name: headr-route, match: [{headerName: x, headerValue: {exact: "1"}}]}
        - setMirrorRoute: {name: header-route}
`;
    const text = withScenario(rollout(canary(body)));
    expect(messages(text)).toEqual([
      `${where(text, '{name: headr-route')}: spec.strategy.canary.steps[0].setHeaderRoute: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix`,
      `${where(text, 'headr-route')}: spec.strategy.canary.steps[0].setHeaderRoute.name: Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes (did you mean "header-route"?)`,
      `${where(text, '{name: header-route}\n')}: spec.strategy.canary.steps[1].setMirrorRoute: SetMirrorRoute requires TrafficRouting, supports Istio only`,
    ]);
  });

  it('managedRoutes must exist for header routes; ALB matches exact values only; StringMatch has one value', () => {
    const body = `      canaryService: c
      stableService: s
      trafficRouting:
        alb: {ingress: i, servicePort: 80}
      steps:
        - setHeaderRoute: {name: h, match: [{headerName: x, headerValue: {prefix: "1"}}, {headerName: y, headerValue: {exact: a, regex: b}}]}
`;
    const text = withScenario(rollout(canary(body)));
    expect(messages(text)).toEqual([
      `${where(text, '{exact: a')}: spec.strategy.canary.steps[0].setHeaderRoute.match[1].headerValue: StringMatch match value must have exactly one of the following: exact, regex, prefix`,
    ]);
    const fixed = text.replace('{exact: a, regex: b}', '{exact: a}');
    expect(messages(fixed)).toEqual([
      `${where(fixed, '{name: h')}: spec.strategy.canary.steps[0].setHeaderRoute: Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes' (add managedRoutes: [{name: h}])`,
      `${where(fixed, '{headerName: x')}: spec.strategy.canary.steps[0].setHeaderRoute.match[0]: SetHeaderRoute match value invalid. ALB supports 'exact' value only`,
    ]);
  });

  it('setCanaryScale needs trafficRouting and exactly one of its fields', () => {
    const text = withScenario(rollout(canary('      steps:\n        - setCanaryScale: {replicas: 1}\n        - setCanaryScale: {replicas: 1, weight: 20}\n')));
    expect(messages(text)).toEqual([
      `${where(text, '{replicas: 1}')}: spec.strategy.canary.steps[0].setCanaryScale: SetCanaryScale requires TrafficRouting to be set (add spec.strategy.canary.trafficRouting)`,
      `${where(text, '{replicas: 1, weight')}: spec.strategy.canary.steps[1].setCanaryScale: set exactly one of replicas, weight, matchTrafficWeight`,
    ]);
  });
});

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
});

describe('features that are not simulated are refused by name', () => {
  const cases: [string, string, string][] = [
    ['experiment step', canary('      steps:\n        - experiment: {templates: [{name: c, specRef: canary}]}\n'), 'spec.strategy.canary.steps[0].experiment: the canary `experiment` step (Experiments) is not simulated (use an `analysis` step against the canary instead)'],
    ['plugin step', canary('      steps:\n        - plugin: {name: x}\n'), 'spec.strategy.canary.steps[0].plugin: the canary `plugin` step (step plugins) is not simulated (remove it or replace it with an `analysis` step)'],
    ['pingPong', canary('      pingPong: {pingService: a, pongService: b}\n'), 'spec.strategy.canary.pingPong: canary pingPong (ping/pong services) is not simulated (use canaryService and stableService)'],
    ['replicaProgressThreshold', canary('      replicaProgressThreshold: {type: Percent, value: 90}\n'), 'spec.strategy.canary.replicaProgressThreshold: canary replicaProgressThreshold is not simulated (remove it: steps complete when all canary pods are available)'],
    ['mirror method match', canary(ISTIO.replace('      trafficRouting:\n', '      trafficRouting:\n        managedRoutes: [{name: m}]\n') + '      steps:\n        - setMirrorRoute: {name: m, match: [{method: {exact: GET}}]}\n'), 'spec.strategy.canary.steps[0].setMirrorRoute.match[0].method: setMirrorRoute matching on method is not simulated (simulated requests carry only their cohort headers: match on headers)'],
  ];
  for (const [name, strategy, message] of cases) {
    it(name, () => {
      const text = withScenario(rollout(strategy));
      const key = message.split(':')[0]?.split('.').pop() ?? '';
      expect(messages(text)).toEqual([`${where(text, key + ':')}: ${message}`]);
    });
  }

  it('spec-level: workloadRef (without extra "missing template" noise), rollbackWindow, restartAt', () => {
    const text = withScenario(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: app}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: d}
  rollbackWindow: {revisions: 3}
  restartAt: "2020-03-30T21:19:35Z"
  strategy: {canary: {}}
`);
    expect(messages(text)).toEqual([
      `${where(text, 'workloadRef')}: spec.workloadRef: spec.workloadRef (taking the pod template from another workload) is not simulated (inline the pod template in spec.template)`,
      `${where(text, 'rollbackWindow')}: spec.rollbackWindow: spec.rollbackWindow (fast-tracked rollbacks) is not simulated (remove it: the simulator runs one update)`,
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
      `${where(text, '"20"')}: spec.strategy.canary.steps[0].setWeight: expected an integer, got the string "20"`,
    ]);
  });
});
