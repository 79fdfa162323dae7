/** The Scenario document: defaults, every field's rule, and references to cohorts and workloads. */
import { describe, expect, it } from 'vitest';
import { ROLLOUT, SCENARIO, edit, errorsOf, file, loaded, messages, where } from './helpers.js';

const withSpec = (extra: string): string => file(edit(SCENARIO, 'spec:\n', `spec:\n${extra}`), ROLLOUT);

describe('Scenario defaults', () => {
  it('fills every default of DESIGN §3', () => {
    const { scenario: s } = loaded(file(SCENARIO, ROLLOUT));
    const behaviour = { latency: { median: 900, p99: 4000 }, errorRate: 0.005, taskSuccess: 0.95, tokens: 800, crashRate: 0 };
    expect({ ...s, workloads: undefined, analysisTemplates: undefined, services: undefined }).toEqual({
      file: 'test.yaml',
      name: 't',
      description: '',
      namespace: 'default',
      seed: 1,
      duration: 3_600_000,
      scrapeInterval: 15_000,
      traffic: { rate: { kind: 'constant', rps: 10 }, cohorts: [{ name: 'default', share: 1, headers: {}, method: 'GET', path: '/' }] },
      agent: { concurrency: 4, startup: 20_000, timeout: undefined, base: behaviour, cohorts: { default: behaviour } },
      stableImage: 'app:stable',
      release: { image: 'app:v2', at: 0, regressions: [] },
      slo: { latency: 8000 },
      syntheticTests: undefined,
      operator: [],
      compare: ['app'],
      metrics: {},
      workloads: undefined,
      analysisTemplates: undefined,
      services: undefined,
    });
  });

  it('names the scenario after the file when metadata.name is absent', () => {
    const { scenario } = loaded(file(edit(SCENARIO, 'metadata: {name: t}\n', ''), ROLLOUT), 'scenarios/quiet-night.yaml');
    expect(scenario.name).toBe('quiet-night');
  });

  it('accepts a yaml-language-server modeline and the full DESIGN §3 example', () => {
    const { scenario } = loaded(`# yaml-language-server: $schema=../schema/scenario.schema.json\n${file(SCENARIO, ROLLOUT)}`);
    expect(scenario.name).toBe('t');
  });

  it('merges agent.cohorts overrides into every cohort', () => {
    const { scenario: s } = loaded(
      withSpec(`  agent:
    errorRate: 1%
    cohorts:
      b: {errorRate: 2%, latency: {median: 2s, p99: 9s}}
`).replace('    rps: 10\n', '    rps: 10\n    cohorts: [{name: a, share: 0.5}, {name: b, share: 50%, headers: {x-b: "1"}, method: POST, path: /v1/chat}]\n'),
    );
    expect(s.agent.cohorts['a']?.errorRate).toBe(0.01);
    expect(s.agent.cohorts['b']).toEqual({ latency: { median: 2000, p99: 9000 }, errorRate: 0.02, taskSuccess: 0.95, tokens: 800, crashRate: 0 });
    expect(s.traffic.cohorts[0]).toEqual({ name: 'a', share: 0.5, headers: {}, method: 'GET', path: '/' });
    expect(s.traffic.cohorts[1]).toEqual({ name: 'b', share: 0.5, headers: { 'x-b': '1' }, method: 'POST', path: '/v1/chat' });
    expect(s.slo.latency).toBe(8000);
  });

  it('maps rate profiles: steps and diurnal', () => {
    const steps = loaded(file(edit(SCENARIO, 'rps: 10', 'rps: [{at: 0s, rps: 20}, {at: 30m, rps: 80}]'), ROLLOUT)).scenario;
    expect(steps.traffic.rate).toEqual({ kind: 'steps', points: [{ at: 0, rps: 20 }, { at: 1_800_000, rps: 80 }] });
    const diurnal = loaded(file(edit(SCENARIO, 'rps: 10', 'rps: {diurnal: {min: 5, max: 60, period: 24h, peakAt: 14h}}'), ROLLOUT)).scenario;
    expect(diurnal.traffic.rate).toEqual({ kind: 'diurnal', min: 5, max: 60, period: 86_400_000, peakAt: 50_400_000 });
  });

  it('sorts operator actions by time, keeping the written order at equal times', () => {
    const { scenario } = loaded(withSpec('  operator:\n    - {at: 20m, action: abort}\n    - {at: 5m, action: pause, rollout: app}\n    - {at: 20m, action: retry}\n'));
    expect(scenario.operator).toEqual([
      { at: 300_000, action: 'pause', rollout: 'app' },
      { at: 1_200_000, action: 'abort', rollout: undefined },
      { at: 1_200_000, action: 'retry', rollout: undefined },
    ]);
  });

  it('defaults syntheticTests cohorts to all cohorts', () => {
    expect(loaded(withSpec('  syntheticTests: {cases: 5}\n')).scenario.syntheticTests).toEqual({ cases: 5, cohorts: ['default'], maxFailures: 0 });
  });

  it('records each regression with its source position', () => {
    const text = withSpec('  release:\n    regressions:\n      - {metric: latency, factor: 1.4, after: 20m, ramp: 10m, whenUtilizationAbove: 80%}\n');
    expect(loaded(text).scenario.release.regressions).toEqual([
      { metric: 'latency', cohort: undefined, to: undefined, delta: undefined, factor: 1.4, after: 1_200_000, ramp: 600_000, whenUtilizationAbove: 0.8, source: { file: 'test.yaml', line: 7, column: 9 } },
    ]);
  });
});

describe('Scenario rules', () => {
  it('cohort shares must sum to 1', () => {
    const text = file(edit(SCENARIO, 'rps: 10\n', 'rps: 10\n    cohorts: [{name: a, share: 0.6}, {name: b, share: 30%}]\n'), ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, '[{name: a')}: spec.traffic.cohorts: cohort shares sum to 0.9, not 1 (make the shares add up to 1 (100%))`]);
  });

  it('cohort names are unique and shares positive', () => {
    const text = file(edit(SCENARIO, 'rps: 10\n', 'rps: 10\n    cohorts: [{name: a, share: 1}, {name: a, share: 0}]\n'), ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, '0}]')}: spec.traffic.cohorts[1].share: a cohort share must be greater than 0`]);
  });

  it('latency p99 may not be below the median', () => {
    const text = withSpec('  agent:\n    latency: {median: 2s, p99: 1s}\n');
    expect(messages(text)).toEqual([`${where(text, '1s}')}: spec.agent.latency.p99: p99 (1s) is below the median (2s) (a 99th percentile cannot be faster than the median)`]);
  });

  it('probabilities must lie in [0, 1]', () => {
    const text = withSpec('  agent:\n    errorRate: 150%\n    taskSuccess: 1.2\n');
    expect(messages(text)).toEqual([
      `${where(text, '150%')}: spec.agent.errorRate: "150%" is outside [0%, 100%]`,
      `${where(text, '1.2')}: spec.agent.taskSuccess: 1.2 is outside [0%, 100%] (did you mean "1.2%"?)`,
    ]);
  });

  it('rps × duration may not exceed the documented cap of 50 million requests', () => {
    const text = file(edit(SCENARIO, 'rps: 10', 'rps: 20000'), ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, '20000')}: spec.traffic.rps: about 72,000,000 requests expected over 1h0m0s, above the cap of 50,000,000 simulated requests (lower the rate or spec.duration)`]);
    expect(loaded(file(edit(SCENARIO, 'rps: 10', 'rps: 13888'), ROLLOUT)).scenario.traffic.rate).toEqual({ kind: 'constant', rps: 13888 });
  });

  it('rate steps start at 0s, increase, and are not all zero', () => {
    const text = file(edit(SCENARIO, 'rps: 10', 'rps: [{at: 1m, rps: 0}, {at: 1m, rps: 0}]'), ROLLOUT);
    expect(errorsOf(text).map((e) => [e.path, e.message])).toEqual([
      ['spec.traffic.rps', 'every point has rps 0: there would be no traffic at all'],
      ['spec.traffic.rps[0].at', 'the first point must be at 0s, got 1m0s'],
      ['spec.traffic.rps[1].at', 'points must be in increasing time order: 1m0s does not come after 1m0s'],
    ]);
  });

  it('diurnal max may not be below min', () => {
    const text = file(edit(SCENARIO, 'rps: 10', 'rps: {diurnal: {min: 50, max: 5}}'), ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, '5}}')}: spec.traffic.rps.diurnal.max: max (5) is below min (50)`]);
  });

  it('regressions, agent.cohorts and syntheticTests must name known cohorts', () => {
    const text = withSpec(`  agent:
    cohorts: {tool-cal: {errorRate: 1%}}
  release:
    regressions: [{metric: errorRate, cohort: toolcall, to: 6%}]
  syntheticTests: {cases: 3, cohorts: [chat, tool-call]}
`).replace('    rps: 10\n', '    rps: 10\n    cohorts: [{name: chat, share: 0.5}, {name: tool-call, share: 0.5}]\n');
    expect(messages(text)).toEqual([
      `${where(text, 'tool-cal:')}: spec.agent.cohorts.tool-cal: unknown cohort "tool-cal" (did you mean "tool-call"?)`,
      `${where(text, 'toolcall')}: spec.release.regressions[0].cohort: unknown cohort "toolcall" (did you mean "tool-call"?)`,
    ]);
  });

  it('syntheticTests cohorts must exist', () => {
    const text = withSpec('  syntheticTests: {cases: 3, cohorts: [chatt]}\n');
    expect(messages(text)).toEqual([`${where(text, 'chatt')}: spec.syntheticTests.cohorts[0]: unknown cohort "chatt" (cohorts are "default")`]);
  });

  it('a regression sets exactly one of to/delta/factor, matching its metric', () => {
    const text = withSpec(`  release:
    regressions:
      - {metric: errorRate}
      - {metric: errorRate, to: 6%, factor: 2}
      - {metric: taskSuccess, factor: 0.9}
      - {metric: latency, to: 50%}
`);
    expect(messages(text)).toEqual([
      `${where(text, '{metric: errorRate}')}: spec.release.regressions[0]: set exactly one of to, delta, factor (got none) (e.g. to: 6%)`,
      `${where(text, '{metric: errorRate, to')}: spec.release.regressions[1]: set exactly one of to, delta, factor (got to and factor) (e.g. to: 6%)`,
      `${where(text, '0.9')}: spec.release.regressions[2].factor: factor does not apply to taskSuccess (use to or delta for the probability taskSuccess)`,
      `${where(text, '50%')}: spec.release.regressions[3].to: to does not apply to latency: it is not a probability (use factor, e.g. factor: 1.4)`,
    ]);
  });

  it('a changed probability must stay a probability for every cohort it touches', () => {
    const text = withSpec(`  agent:
    cohorts: {b: {taskSuccess: 80%}}
  release:
    regressions:
      - {metric: taskSuccess, delta: 10%}
      - {metric: errorRate, factor: 300}
      - {metric: taskSuccess, cohort: b, delta: 10%}
`).replace('    rps: 10\n', '    rps: 10\n    cohorts: [{name: a, share: 0.5}, {name: b, share: 0.5}]\n');
    expect(messages(text)).toEqual([
      `${where(text, '10%}')}: spec.release.regressions[0].delta: taskSuccess 95% + delta 10% = 105% is outside [0%, 100%] (cohort "a")`,
      `${where(text, '300')}: spec.release.regressions[1].factor: errorRate 0.5% × factor 300 = 150% is outside [0%, 100%] (cohort "a")`,
    ]);
  });

  it('operator action names must be in the list', () => {
    const text = withSpec('  operator:\n    - {at: 1m, action: promte}\n');
    expect(messages(text)).toEqual([
      `${where(text, 'promte')}: spec.operator[0].action: expected one of "promote", "promoteFull", "abort", "retry", "pause", "resume", got the string "promte" (did you mean "promote"?)`,
    ]);
  });

  it('operator actions target a Rollout and happen before the end', () => {
    const deployment = ROLLOUT.replace('argoproj.io/v1alpha1', 'apps/v1').replace('kind: Rollout', 'kind: Deployment').replace('name: app\n', 'name: base\n').replace(/  strategy:[\s\S]*$/, '');
    const text = file(
      edit(SCENARIO, 'spec:\n', 'spec:\n  duration: 30m\n  operator:\n    - {at: 2m, action: abort, rollout: ap}\n    - {at: 3m, action: abort, rollout: base}\n    - {at: 40m, action: retry}\n'),
      ROLLOUT,
      deployment,
    );
    expect(messages(text)).toEqual([
      `${where(text, 'ap}')}: spec.operator[0].rollout: no Rollout named "ap" (did you mean "app"?)`,
      `${where(text, 'base}')}: spec.operator[1].rollout: "base" is a Deployment: operator actions act on Rollouts (Rollouts: "app")`,
      `${where(text, '40m')}: spec.operator[2].at: this action at 40m0s comes after the scenario ends (30m0s)`,
    ]);
  });

  it('compare names existing workloads, once each', () => {
    const text = withSpec('  compare: [app, apps, app]\n');
    expect(messages(text)).toEqual([
      `${where(text, 'apps')}: spec.compare[1]: no Rollout or Deployment named "apps" (did you mean "app"?)`,
      `${where(text, 'app]')}: spec.compare[2]: "app" is listed twice`,
    ]);
  });

  it('the update must start before the scenario ends', () => {
    const text = withSpec('  duration: 10m\n  release: {at: 10m}\n');
    expect(messages(text)).toEqual([`${where(text, '10m}')}: spec.release.at: the update would start at 10m0s, after the scenario ends (10m0s)`]);
  });

  it('the default stable image may not equal the release image', () => {
    const text = file(SCENARIO, edit(ROLLOUT, 'app:v2', 'app:stable'));
    expect(messages(text)).toEqual([`test.yaml:5:3: spec.agent: the default stable image app:stable equals the release image, so nothing would change (set spec.agent.image to the stable version's image)`]);
    expect(loaded(withSpec('  agent: {image: app:v1}\n').replace('app:v2', 'app:stable')).scenario.stableImage).toBe('app:v1');
  });

  it('workload images must be the release or the stable image', () => {
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  release: {image: app:v3}\n'), ROLLOUT);
    expect(messages(text)).toEqual([`${where(text, 'app:v2')}: spec.template.spec.containers[0].image: image "app:v2" is neither the release image ("app:v3") nor the stable image ("app:stable") (set spec.release.image (and spec.agent.image) in the Scenario to match the manifests)`]);
  });

  it('namespace: defaults to the manifests\', must agree with them, and be a DNS label', () => {
    const inNs = edit(ROLLOUT, 'name: app\n', 'name: app\n  namespace: team-a\n');
    expect(loaded(file(SCENARIO, inNs)).scenario.namespace).toBe('team-a');
    expect(loaded(file(SCENARIO, ROLLOUT)).scenario.workloads[0]?.namespace).toBe('default');
    const text = file(edit(SCENARIO, 'spec:\n', 'spec:\n  namespace: team-b\n'), inNs);
    expect(messages(text)).toEqual([`${where(text, 'team-a')}: metadata.namespace: namespace "team-a" differs from the scenario's namespace "team-b" (the simulator runs one namespace: make them agree (spec.namespace in the Scenario))`]);
    expect(messages(withSpec('  namespace: Team_B\n'))).toEqual(['test.yaml:5:14: spec.namespace: "Team_B" is not a valid namespace name (lowercase letters, digits and "-", at most 63 characters)']);
  });

  it('wrong types and small intervals', () => {
    const text = withSpec('  seed: -1\n  scrapeInterval: 500ms\n  agent: {concurrency: 2.5, latency: {median: 900, p99: 4s}}\n');
    expect(messages(text)).toEqual([
      'test.yaml:5:9: spec.seed: must be at least 0, got -1',
      'test.yaml:6:19: spec.scrapeInterval: must be at least 1s, got "500ms"',
      'test.yaml:7:24: spec.agent.concurrency: expected an integer, got the number 2.5',
      'test.yaml:7:47: spec.agent.latency.median: a duration needs a unit, got the number 900 (add a unit: "900s" or "900ms")',
    ]);
  });

  it('metadata.namespace is refused on a Scenario; traffic may be left out (it has a default)', () => {
    const text = file(edit(SCENARIO, 'metadata: {name: t}', 'metadata: {name: t, namespace: x}').replace('  traffic:\n    rps: 10\n', '  seed: 3\n'), ROLLOUT);
    expect(messages(text)).toEqual([
      'test.yaml:3:21: metadata.namespace: a Scenario has no metadata.namespace (set spec.namespace instead)',
    ]);
  });
});

describe('a traffic profile written in the wrong place', () => {
  const withTraffic = (traffic: string): string => file(edit(SCENARIO, '  traffic:\n    rps: 10\n', traffic), ROLLOUT);

  it('steps or diurnal beside rps: one error saying the profile goes under rps, no "missing rps"', () => {
    expect(messages(withTraffic('  traffic:\n    steps: [{at: 0s, rps: 20}]\n'))).toEqual([
      'test.yaml:6:5: spec.traffic.steps: a traffic profile goes under rps, not beside it (write rps: [{at: 0s, rps: 20}, {at: 30m, rps: 80}])',
    ]);
    expect(messages(withTraffic('  traffic:\n    diurnal: {min: 1, max: 5}\n'))).toEqual([
      'test.yaml:6:5: spec.traffic.diurnal: a traffic profile goes under rps, not beside it (write rps: {diurnal: {min, max, period, peakAt}})',
    ]);
  });

  it('rps: {steps: …}: steps are a list, and no "missing diurnal"', () => {
    expect(messages(withTraffic('  traffic:\n    rps: {steps: [{at: 0s, rps: 20}]}\n'))).toEqual([
      'test.yaml:6:11: spec.traffic.rps.steps: rate steps are a list, not a mapping (write rps: [{at: 0s, rps: 20}, {at: 30m, rps: 80}])',
    ]);
  });
});

describe('a misspelt required field', () => {
  it('is one error with the suggestion, not also "missing required field"', () => {
    expect(messages(file(edit(SCENARIO, '  traffic:\n', '  trafic:\n'), ROLLOUT))).toEqual([
      'test.yaml:5:3: spec.trafic: unknown field "trafic" (did you mean "traffic"?)',
    ]);
  });
});
