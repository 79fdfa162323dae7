/**
 * The manifest rules of `simulate lint` (issue 12): each with a manifest that trips it and one that
 * does not, the exact message; and the load-time set (lintWorkload) unchanged on what ships.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkload } from '../../src/lint/index.js';
import { manifestRules } from '../../src/lint/manifest-rules.js';
import { comparesBareResult, guardsEmpty } from '../../src/lint/rules-conditions.js';
import { rangeWindowMs } from '../../src/lint/rules-queries.js';
import { parse } from '../../src/analysis/expr/parser.js';
import { parsePromQL } from '../../src/promql/parse.js';
import type { RuleId } from '../../src/lint/types.js';
import type { Scenario } from '../../src/model/scenario.js';
import { loadScenarioPath, loadScenarioText } from '../../src/scenario/index.js';
import { load } from './fixture.js';

const SCENARIO = `---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: lint-case}
spec: {}
`;

function loadDocs(yaml: string): Scenario {
  const r = loadScenarioText(yaml + SCENARIO, 'm.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

const of = (s: Scenario, rule: RuleId): string[] => manifestRules(s).filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.line}:${f.column} ${f.path}: ${f.message}`);

const POD = `  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:v2}]}`;
const deployment = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 2
${POD}
`;
const service = (name: string): string => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;
const rollout = (strategy: string, extra = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  replicas: 2
${extra}${POD}
  strategy:
${strategy}
`;
const template = (name: string, metric: string): string => `---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: ${name}}
spec:
  metrics:
${metric}`;
const JOB = `    - name: smoke
      provider: {job: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: t, image: t:1}]}}}}}
`;
const PROM = `    - name: errors
      successCondition: len(result) == 0 || result[0] < 0.05
      provider: {prometheus: {query: 'sum(rate(http_requests_total{service="web-canary",code="500"}[1m]))'}}
`;

describe('deployment-without-rollout', () => {
  it('a Deployment behind a Service, no Rollout: warned at the Deployment', () => {
    expect(of(loadDocs(deployment('web') + service('web')), 'deployment-without-rollout')).toEqual([
      'warning 2:7 kind: Deployment "web" is fronted by Service "web" and no Rollout manages it: a release replaces every pod with no canary, no pause and no automated rollback',
    ]);
    expect(manifestRules(loadDocs(deployment('web') + service('web')))[0]?.suggestion).toContain('spec.workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}');
  });
  it('fronting is read from the Service selector, whatever the names; an Ingress in front is named', () => {
    const svc = (name: string, app: string): string => `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {selector: {app: ${app}}, ports: [{port: 80}]}\n`;
    const ingress = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: public}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}
`;
    expect(of(loadDocs(deployment('web') + svc('frontend', 'web') + ingress), 'deployment-without-rollout')).toEqual([
      'warning 2:7 kind: Deployment "web" is fronted by Service "frontend" (behind Ingress "public") and no Rollout manages it: a release replaces every pod with no canary, no pause and no automated rollback',
    ]);
    // A Service named after the Deployment whose selector picks other pods does not front it.
    expect(of(loadDocs(deployment('web') + svc('web', 'other')), 'deployment-without-rollout')).toEqual([]);
  });
  it('not without a Service, nor for the Deployment a Rollout takes by workloadRef', () => {
    expect(of(loadDocs(deployment('web')), 'deployment-without-rollout')).toEqual([]);
    const ref = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web-rollout}
spec:
  replicas: 2
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  strategy: {canary: {steps: [{setWeight: 50}]}}
---
`;
    expect(of(loadDocs(ref + deployment('web') + service('web')), 'deployment-without-rollout')).toEqual([]);
  });
});

describe('rollout-without-analysis', () => {
  it('a canary of setWeight and pause only', () => {
    expect(of(loadDocs(rollout('    canary: {steps: [{setWeight: 20}, {pause: {duration: 1m}}]}')), 'rollout-without-analysis')).toEqual([
      'warning 11:5 spec.strategy.canary: Rollout "web" has no analysis: nothing measures the release, so a bad version is promoted unless someone aborts it by hand',
    ]);
  });
  it('not with an analysis step', () => {
    expect(of(load({}), 'rollout-without-analysis')).toEqual([]);
  });
});

describe('bluegreen-synthetic-only', () => {
  const bg = (analysis: string): string => rollout(`    blueGreen:
      activeService: web-active
      previewService: web-preview
${analysis}`) + service('web-active') + service('web-preview') + template('smoke', JOB) + template('errors', PROM);
  it('prePromotionAnalysis of job metrics and no postPromotionAnalysis', () => {
    expect(of(loadDocs(bg('      prePromotionAnalysis: {templates: [{templateName: smoke}]}')), 'bluegreen-synthetic-only')).toEqual([
      'warning 11:5 spec.strategy.blueGreen.prePromotionAnalysis: Rollout "web" is validated only by synthetic jobs before promotion and has no postPromotionAnalysis: real traffic never judges the new version',
    ]);
  });
  it('not with a postPromotionAnalysis', () => {
    expect(of(loadDocs(bg(`      prePromotionAnalysis: {templates: [{templateName: smoke}]}
      postPromotionAnalysis: {templates: [{templateName: errors}]}`)), 'bluegreen-synthetic-only')).toEqual([]);
  });
});

describe('setweight-not-increasing', () => {
  it('an error at each step below an earlier weight, a warning at one equal to it, naming both steps', () => {
    const s = loadDocs(rollout('    canary: {steps: [{setWeight: 40}, {pause: {duration: 1m}}, {setWeight: 20}, {setWeight: 40}, {setWeight: 60}]}'));
    expect(of(s, 'setweight-not-increasing')).toEqual([
      'error 11:64 spec.strategy.canary.steps[2].setWeight: setWeight 20 at step 2 is not above setWeight 40 at step 0: the canary\'s share falls, so the step proves nothing new',
      'warning 11:81 spec.strategy.canary.steps[3].setWeight: setWeight 40 at step 3 is not above setWeight 40 at step 0: the canary\'s share stands still, so the step proves nothing new',
    ]);
  });
  it('not for increasing weights', () => {
    expect(of(loadDocs(rollout('    canary: {steps: [{setWeight: 10}, {setWeight: 20}, {setWeight: 100}]}')), 'setweight-not-increasing')).toEqual([]);
  });
});

describe('condition-result-not-indexed', () => {
  it('result compared with a number, either side', () => {
    expect(of(load({ condition: 'result < 0.05' }), 'condition-result-not-indexed')).toEqual([
      'error 30:25 spec.metrics[0].successCondition: successCondition of metric "error-rate" compares result itself with a number, but a prometheus result is a vector (a list): the comparison never holds as meant',
    ]);
    expect(manifestRules(load({ condition: '0.9 < result' })).find((f) => f.rule === 'condition-result-not-indexed')?.suggestion).toBe('compare its first value instead: 0.9 < result[0]');
    expect(manifestRules(load({ condition: 'len(result) == 0 || result > 0.9' })).find((f) => f.rule === 'condition-result-not-indexed')?.suggestion).toBe('compare its first value instead: len(result) == 0 || result[0] > 0.9');
  });
  it('not for result[0], nor len(result)', () => {
    expect(of(load({ condition: 'result[0] < 0.05' }), 'condition-result-not-indexed')).toEqual([]);
    expect(of(load({ condition: 'len(result) == 0 || result[0] < 0.05' }), 'condition-result-not-indexed')).toEqual([]);
  });
});

describe('condition-unsafe-empty', () => {
  const bare = 'sum(rate(http_requests_total{code="500"}[5m]))';
  it('result[0] with no guard and no or vector(0)', () => {
    expect(of(load({ condition: 'result[0] < 0.05', query: bare }), 'condition-unsafe-empty')).toEqual([
      'warning 30:25 spec.metrics[0].successCondition: successCondition of metric "error-rate" reads result[0], but a quiet canary\'s query returns no series: the measurement is an Error, and enough of them abort a healthy release (scenarios/low-traffic-nan.yaml)',
    ]);
  });
  it('the fix guards it the right way round and says what the guard costs', () => {
    expect(manifestRules(load({ condition: 'result[0] < 0.05', query: bare })).find((f) => f.rule === 'condition-unsafe-empty')?.suggestion).toBe(
      'guard it: len(result) == 0 || result[0] < 0.05 — no data then passes, so the analysis no longer notices a canary that gets no traffic; or make the query return 0 for "no errors" (… or on() vector(0)) and keep failing on no traffic');
  });
  it('not with a len(result) guard, nor with an or on() vector(0) fallback', () => {
    expect(of(load({ condition: 'len(result) == 0 || result[0] < 0.05', query: bare }), 'condition-unsafe-empty')).toEqual([]);
    expect(of(load({ condition: 'result[0] < 0.05', query: `${bare} or on() vector(0)` }), 'condition-unsafe-empty')).toEqual([]);
  });
  const ratio = `(${bare} or on() vector(0)) / sum(rate(http_requests_total[5m]))`;
  it('NaN: a successCondition over a ratio with no isNaN guard (0/0 while the canary has no traffic)', () => {
    const found = manifestRules(load({ condition: 'result[0] < 0.05', query: ratio })).filter((f) => f.rule === 'condition-unsafe-empty');
    expect(found.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '30:25 successCondition of metric "error-rate" reads result[0] of a ratio, which is NaN (0/0) while the canary has no traffic: NaN compares false, so the measurement Fails, and enough of them abort a healthy release',
    ]);
    expect(found[0]?.suggestion).toBe('guard it: isNaN(result[0]) || result[0] < 0.05 — no traffic then passes; or keep failing on it on purpose and say so in a comment');
    // Neither guard: both hazards in one finding, and the fix guards both.
    const both = manifestRules(load({ condition: 'result[0] < 0.05', query: `${bare} / sum(rate(http_requests_total[5m]))` })).find((f) => f.rule === 'condition-unsafe-empty');
    expect(both?.message).toContain('returns no series, or NaN (0/0) from its ratio: the measurement is an Error or a Failure');
    expect(both?.suggestion).toMatch(/^guard it: len\(result\) == 0 \|\| isNaN\(result\[0\]\) \|\| result\[0\] < 0\.05 — /);
  });
  it('not with an isNaN guard, alone over an or-vector(0) ratio or beside the empty guard', () => {
    expect(of(load({ condition: 'isNaN(result[0]) || result[0] < 0.05', query: ratio }), 'condition-unsafe-empty')).toEqual([]);
    expect(of(load({ condition: 'len(result) == 0 || isNaN(result[0]) || result[0] < 0.05', query: `${bare} / sum(rate(http_requests_total[5m]))` }), 'condition-unsafe-empty')).toEqual([]);
  });
});

describe('query-no-canary-selector', () => {
  it('a query over the whole service', () => {
    expect(of(load({ query: 'sum(rate(http_requests_total{code="500"}[5m])) or on() vector(0)' }), 'query-no-canary-selector')).toEqual([
      'warning 33:18 spec.metrics[0].provider.prometheus.query: the query of metric "error-rate" has no selector that separates canary from stable: it measures the whole service, so a canary at 5 % failing 20 % of requests shows as 1 %',
    ]);
  });
  it('not with a {{args.*}} label value or a destination_service matcher', () => {
    expect(of(load({ query: 'sum(rate(http_requests_total{code="500",service="{{args.svc}}"}[5m])) or on() vector(0)' }), 'query-no-canary-selector')).toEqual([]);
    expect(of(load({ query: 'sum(rate(istio_requests_total{destination_service=~"web-canary.*"}[5m])) or on() vector(0)' }), 'query-no-canary-selector')).toEqual([]);
  });
});

describe('window-longer-than-step', () => {
  const steps = (pause: string): string => `    canary:
      canaryService: web-canary
      stableService: web-stable
      trafficRouting: {istio: {virtualService: {name: web, routes: [primary]}}}
      steps:
        - setWeight: 20
        - pause: {duration: ${pause}}
        - analysis:
            templates: [{templateName: errors}]
            args: [{name: svc, value: web-canary}]`;
  const query = 'sum(rate(http_requests_total{service="{{args.svc}}",code="500"}[10m])) or on() vector(0)';
  it('a 10m window after a 2m pause', () => {
    expect(of(load({ strategy: steps('2m'), query }), 'window-longer-than-step')).toEqual([
      'warning 32:18 spec.metrics[0].provider.prometheus.query: the query of metric "error-rate" reads a 10m0s window, longer than the 2m0s of pauses before analysis step 2: it mostly measures the previous step',
    ]);
  });
  it('not after a 10m pause; not a 5m instant lookback', () => {
    expect(of(load({ strategy: steps('10m'), query }), 'window-longer-than-step')).toEqual([]);
    expect(of(load({ strategy: steps('1m'), query: 'http_requests_total{service="{{args.svc}}"}' }), 'window-longer-than-step')).toEqual([]);
  });
});

describe('no-initial-delay (and a background window)', () => {
  const background = (delay: string): Scenario => loadDocs(rollout(`    canary:
      canaryService: web-canary
      stableService: web-stable
      trafficRouting: {istio: {virtualService: {name: web, routes: [primary]}}}
      analysis: {templates: [{templateName: bg}], args: [{name: svc, value: web-canary}]}
      steps: [{setWeight: 20}, {pause: {duration: 10m}}]`) + service('web-canary') + service('web-stable') + template('bg', `    - name: bg-errors
      interval: 1m
${delay}      successCondition: len(result) == 0 || result[0] < 0.05
      provider: {prometheus: {query: 'sum(rate(http_requests_total{service="{{args.svc}}"}[5m]))'}}
`).replace('spec:\n  metrics:', 'spec:\n  args: [{name: svc}]\n  metrics:'));
  it('a background metric with no initialDelay; its 5m window over a 1m interval is a sliding window, not a finding', () => {
    const s = background('');
    expect(of(s, 'no-initial-delay')).toEqual([
      'warning 34:7 spec.metrics[0]: background metric "bg-errors" has no initialDelay: Argo measures it as soon as the update starts, while the canary pods are still starting, so the first measurements see no canary traffic',
    ]);
    expect(of(s, 'window-longer-than-step')).toEqual([]);
  });
  it('not with initialDelay', () => {
    expect(of(background('      initialDelay: 1m\n'), 'no-initial-delay')).toEqual([]);
  });
});

describe('the helpers the rules read trees with', () => {
  const window = (q: string): number => {
    const p = parsePromQL(q);
    if (!p.ok) throw new Error(p.error);
    return rangeWindowMs(p.expr);
  };
  it('rangeWindowMs: the longest range, offsets and subqueries included, no instant lookback', () => {
    expect(window('sum(rate(x[10m])) / sum(x)')).toBe(600_000);
    expect(window('max_over_time(rate(x[2m])[30m:1m])')).toBe(1_920_000);
    expect(window('rate(x[1m] offset 5m)')).toBe(360_000);
    expect(window('x')).toBe(0);
  });
  it('comparesBareResult and guardsEmpty', () => {
    expect([comparesBareResult(parse('result < 0.05')), comparesBareResult(parse('-1 < result')), comparesBareResult(parse('result[0] < 0.05')), comparesBareResult(parse('len(result) == 0'))]).toEqual([true, true, false, false]);
    expect([guardsEmpty(parse('len(result) == 0 || result[0] < 1')), guardsEmpty(parse('result[0] < 1')), guardsEmpty(parse('len(x) == 0 || result[0] < 1'))]).toEqual([true, false, false]);
  });
});

describe('the load-time set is unchanged', () => {
  const NEW: readonly RuleId[] = ['deployment-without-rollout', 'rollout-without-analysis', 'bluegreen-synthetic-only', 'setweight-not-increasing',
    'condition-result-not-indexed', 'condition-unsafe-empty', 'query-no-canary-selector', 'window-longer-than-step', 'no-initial-delay'];
  const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

  it.each(scenarios)('scenarios/%s: lintWorkload finds no manifest rule', (f) => {
    const r = loadScenarioPath(join('scenarios', f));
    if (!r.ok) throw new Error(f);
    const found = r.scenario.workloads.flatMap((w) => lintWorkload(r.scenario, w)).map((x) => `${x.rule} ${x.path}`);
    expect(found.filter((x) => NEW.some((id) => x.startsWith(`${id} `)))).toEqual([]);
    expect(found).toEqual(f === 'bench-w1.yaml' ? ['pause-without-operator spec.strategy.canary.steps[1].pause'] : []);
  });

  it('a manifest every new rule trips still gives no load-time warning', () => {
    const s = load({ condition: 'result < 0.05', query: 'sum(rate(http_requests_total{code="500"}[5m]))' });
    expect(manifestRules(s).map((f) => f.rule)).toEqual(['condition-result-not-indexed', 'query-no-canary-selector']);
    expect(s.workloads.flatMap((w) => lintWorkload(s, w))).toEqual([]);
  });
});
