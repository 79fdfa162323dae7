/** Argo Rollouts: defaults (utils/defaults) and canary steps. */
import { describe, expect, it } from 'vitest';
import type { BlueGreenStrategy, CanaryStrategy } from '../../src/model/rollout.js';
import { ISTIO, canary, canaryOf, first, loaded, messages, rollout, where, withScenario } from './helpers.js';

describe('Rollout defaults', () => {
  it("applies Argo's defaults to a basic canary", () => {
    const text = withScenario(rollout(canary('      steps: [{setWeight: 20}]\n')));
    const r = first(text);
    expect({ ...r, strategy: undefined }).toEqual({
      kind: 'Rollout', name: 'app', namespace: 'default', replicas: 1, image: 'app:v2', minReadySeconds: 0,
      progressDeadlineSeconds: 600, progressDeadlineAbort: false, paused: false, strategy: undefined,
      source: { file: 'test.yaml', line: 8, column: 1 }, podLabels: { app: 'app' },
      // Where lint points a workload's findings: the kind's value and the strategy's key.
      sources: { kind: { file: 'test.yaml', line: 9, column: 7 }, strategy: { file: 'test.yaml', line: 26, column: 5 } },
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
    expect(c.trafficRouting).toEqual({ router: 'nginx+smi', maxTrafficWeight: 1000, managedRoutes: [], nginx: { stableIngress: 'i', port: '80', host: '', path: '/' }, stableIngresses: ['i'] });
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

  it('maps setMirrorRoute method, path and headers matches to the model and checks each StringMatch', () => {
    const body = ISTIO.replace('      trafficRouting:\n', '      trafficRouting:\n        managedRoutes: [{name: m}]\n') + `      steps:
        - setMirrorRoute:
            name: m
            percentage: 50
            match:
              - {method: {exact: POST}, path: {prefix: /color}}
              - {path: {regex: "/v[0-9]+/.*"}, headers: {x-tier: {exact: gold}}}
`;
    const text = withScenario(rollout(canary(body)));
    expect(canaryOf(text).steps.map(({ source: _s, ...rest }) => rest)).toEqual([
      {
        setMirrorRoute: {
          name: 'm',
          percentage: 50,
          match: [{ method: { exact: 'POST' }, path: { prefix: '/color' } }, { path: { regex: '/v[0-9]+/.*' }, headers: { 'x-tier': { exact: 'gold' } } }],
        },
      },
    ]);
    const bad = text.replace('{exact: POST}', '{exact: POST, prefix: P}').replace('{prefix: /color}', '{}');
    expect(messages(bad)).toEqual([
      `${where(bad, '{exact: POST,')}: spec.strategy.canary.steps[0].setMirrorRoute.match[0].method: StringMatch match value must have exactly one of the following: exact, regex, prefix`,
      `${where(bad, '{}}')}: spec.strategy.canary.steps[0].setMirrorRoute.match[0].path: StringMatch value missed, match value must have one of the following: exact, regex, prefix`,
    ]);
  });

  it('needs exactly one step type per step', () => {
    const text = withScenario(rollout(canary('      steps:\n        - {setWeight: 10, pause: {}}\n        - {}\n        - pause:\n')));
    expect(messages(text)).toEqual([
      `${where(text, '{setWeight: 10')}: spec.strategy.canary.steps[0]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause (this step sets setWeight and pause)`,
      `${where(text, '{}\n')}: spec.strategy.canary.steps[1]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause`,
      `${where(text, 'pause:\n')}: spec.strategy.canary.steps[2]: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause ("pause:" has no value; write \`pause: {}\` for an indefinite pause)`,
    ]);
  });

  // validation.go hasMultipleStepsType forbids only setWeight/pause/experiment/analysis together:
  // setCanaryScale, setHeaderRoute and setMirrorRoute may share a step, and run in one reconcile.
  it('keeps setCanaryScale, setHeaderRoute and setMirrorRoute of one step together, as Argo allows', () => {
    const body = '      canaryService: c\n      stableService: s\n      trafficRouting:\n        managedRoutes: [{name: h}, {name: m}]\n        istio: {virtualService: {name: vs}}\n      steps:\n        - setCanaryScale: {replicas: 1}\n          setHeaderRoute: {name: h, match: [{headerName: x-tier, headerValue: {exact: beta}}]}\n          setMirrorRoute: {name: m, percentage: 20, match: [{method: {exact: GET}, path: {prefix: /api}}]}\n';
    const step = canaryOf(withScenario(rollout(canary(body)))).steps[0];
    expect(step).toMatchObject({
      setCanaryScale: { replicas: 1 },
      setHeaderRoute: { name: 'h', match: [{ headerName: 'x-tier', headerValue: { exact: 'beta' } }] },
      setMirrorRoute: { name: 'm', percentage: 20, match: [{ method: { exact: 'GET' }, path: { prefix: '/api' } }] },
    });
  });

  it('refuses a step combining setWeight with a route (Argo allows it; not simulated)', () => {
    const body = '      canaryService: c\n      stableService: s\n      trafficRouting:\n        managedRoutes: [{name: h}]\n        istio: {virtualService: {name: vs}}\n      steps:\n        - setWeight: 10\n          setHeaderRoute: {name: h}\n';
    const text = withScenario(rollout(canary(body)));
    expect(messages(text)).toEqual([
      `${where(text, 'setWeight: 10')}: spec.strategy.canary.steps[0]: a step combining setWeight and setHeaderRoute is not simulated (Argo allows it; the simulator combines only setCanaryScale, setHeaderRoute and setMirrorRoute in one step: split it into consecutive steps)`,
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
