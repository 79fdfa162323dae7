import { describe, expect, it } from 'vitest';
import { formatFinding, lintWorkload } from '../../src/lint/index.js';
import { freeNames } from '../../src/lint/conditions.js';
import { closestFamily } from '../../src/lint/query-fix.js';
import { queryFacts } from '../../src/lint/query-facts.js';
import { load, type Parts } from './fixture.js';

const lint = (p: Parts) => {
  const s = load(p);
  return lintWorkload(s, s.workloads[0] as (typeof s.workloads)[number]);
};
const lines = (p: Parts): string[] => lint(p).map(formatFinding);

describe('condition-unknown-name', () => {
  it('reslt[0] < 6: a warning at the condition, with did-you-mean', () => {
    expect(lint({ condition: 'reslt[0] < 6' })).toEqual([{
      rule: 'condition-unknown-name', severity: 'warning', file: 'case.yaml', line: 30, column: 25,
      path: 'spec.metrics[0].successCondition',
      message: 'successCondition of metric "error-rate" names "reslt", which Argo\'s condition environment does not have: every measurement will be an Error',
      suggestion: 'did you mean "result"? a condition can use result (the query\'s value), {{args.NAME}}, Argo\'s helpers (asInt, asFloat, isNaN, isInf, isNil, default) and expr-lang\'s builtins',
    }]);
  });

  it('passes result, the helpers, builtins, let bindings and predicates', () => {
    expect(lint({ condition: 'let r = result; len(r) > 0 && all(r, {# < 0.05}) && !isNaN(asFloat(default(r[0], 0)))' })).toEqual([]);
    expect(freeNames('let x = result[0]; x < asFloat(1)')).toEqual(['result', 'asFloat']);
    expect(freeNames('$env.reslt > 1')).toEqual(['reslt']);
    expect(freeNames('result[0] <')).toBeUndefined();
  });
});

describe('query-unknown-metric', () => {
  it('a misspelt family: did you mean the exported one', () => {
    expect(lines({ query: 'sum(rate(http_request_totl{code="500"}[5m]))' })).toEqual([
      'case.yaml:33:18: warning: the query of metric "error-rate" selects "http_request_totl", a metric family nobody in the simulated cluster exports: it matches no series, so the analysis cannot see the release (did you mean "http_requests_total"?)',
    ]);
  });

  it("another app's name: what is exported and the metrics: mapping, once however often the query repeats it", () => {
    const q = 'sum(rate(flask_http_request_total{status=~"5.."}[5m])) / sum(rate(flask_http_request_total[5m]))';
    expect(lint({ query: q }).map((f) => [f.rule, f.suggestion])).toEqual([[
      'query-unknown-metric',
      'exported families: http_requests_total, http_request_duration_seconds, agent_task_outcomes_total, agent_tokens_total, istio_requests_total, ' +
        'istio_request_duration_milliseconds, nginx_ingress_controller_requests, nginx_ingress_controller_request_duration_seconds, up, kube_pod_info, ' +
        'kube_pod_container_status_restarts_total; to export ours as "flask_http_request_total", add to the Scenario: metrics: {http_requests_total: {name: flask_http_request_total}}',
    ]]);
  });

  it('the mapping renames the labels a query needs, and a histogram maps to ours', () => {
    const s = load({});
    const facts = queryFacts(s, s.workloads[0] as (typeof s.workloads)[number]);
    expect(closestFamily('flask_http_request_duration_seconds_bucket', facts.families)).toMatchObject({ name: 'flask_http_request_duration_seconds', target: { ours: { name: 'http_request_duration_seconds' } } });
    expect(lint({ query: 'sum(rate(myapp_requests_total{status_code="500"}[5m]))' })[0]?.suggestion).toMatch(
      /add to the Scenario: metrics: \{http_requests_total: \{name: myapp_requests_total, labels: \{code: status_code\}\}\}$/,
    );
    expect(lint({ query: 'sum(rate(http_request_duration_seconds_bucket[5m]))' })).toEqual([]);
  });

  it('the Scenario mapping makes a name exported (and ours under its old name no longer is)', () => {
    const withMapping = (p: Parts) => {
      const base = load(p);
      const s = { ...base, metrics: { http_requests_total: { name: 'flask_http_request_total', labels: { code: 'status_code' } } } };
      return lintWorkload(s, s.workloads[0] as (typeof s.workloads)[number]);
    };
    expect(withMapping({ query: 'sum(rate(flask_http_request_total{status_code="500"}[5m]))' })).toEqual([]);
    expect(withMapping({ query: 'sum(rate(http_requests_total[5m]))' }).map((f) => f.rule)).toEqual(['query-unknown-metric']);
  });
});

describe('query-unknown-label', () => {
  it('{cod="500"}: did you mean code, what the family carries, and the mapping', () => {
    expect(lint({ query: 'sum(rate(http_requests_total{cod="500"}[5m]))' })).toEqual([{
      rule: 'query-unknown-label', severity: 'warning', file: 'case.yaml', line: 33, column: 18,
      path: 'spec.metrics[0].provider.prometheus.query',
      message: 'the query of metric "error-rate" selects http_requests_total{cod="500"}, but "http_requests_total" has no label "cod": it matches no series, so the analysis cannot see the release',
      suggestion: 'did you mean "code"? "http_requests_total" carries namespace, pod, rollouts_pod_template_hash, job, instance, cohort, code, status; or rename ours in the Scenario: metrics: {http_requests_total: {labels: {code: cod}}}',
    }]);
  });

  it('a matcher that accepts a missing label selects everything: no warning', () => {
    expect(lint({ query: 'sum(rate(http_requests_total{cod!="500", zone=""}[5m]))' })).toEqual([]);
  });
});

describe('query-no-series', () => {
  it('a destination_service that is not the FQDN of one of the Services (after the args are substituted)', () => {
    expect(lines({ query: 'sum(rate(istio_requests_total{destination_service="{{args.svc}}"}[5m]))' })).toEqual([
      'case.yaml:33:18: warning: the query of metric "error-rate" selects istio_requests_total{destination_service="web-canary"}, but destination_service is only ever ' +
        '"web-stable.shop.svc.cluster.local", "web-canary.shop.svc.cluster.local" (the FQDN <service>.<namespace>.svc.cluster.local of a Service the Rollout names): ' +
        'it matches no series, so the analysis cannot see the release (use one of "web-stable.shop.svc.cluster.local", "web-canary.shop.svc.cluster.local")',
    ]);
    expect(lint({ query: 'sum(rate(istio_requests_total{destination_service="{{args.svc}}.shop.svc.cluster.local"}[5m]))' })).toEqual([]);
  });

  it('names, namespaces and regexes: a regex only when it matches none of the values', () => {
    expect(lint({ query: 'sum(rate(istio_requests_total{destination_service_name="web-canray"}[5m]))' }).map((f) => f.suggestion)).toEqual(['did you mean "web-canary"?']);
    expect(lint({ query: 'up{namespace="default"}' }).map((f) => f.message)).toEqual([
      'the query of metric "error-rate" selects up{namespace="default"}, but namespace is only ever "shop" (the Rollout\'s namespace): it matches no series, so the analysis cannot see the release',
    ]);
    expect(lint({ query: 'sum(rate(istio_requests_total{destination_service=~"web-.*"}[5m]))' })).toEqual([]);
    expect(lint({ query: 'sum(rate(istio_requests_total{destination_service=~"api-.*"}[5m]))' }).map((f) => f.rule)).toEqual(['query-no-series']);
    expect(lint({ query: 'sum(rate(istio_requests_total{destination_service!="x"}[5m]))' })).toEqual([]);
  });

  it('an nginx canary: the ingress label is the stableIngress or Argo\'s canary Ingress', () => {
    const strategy = `    canary:
      canaryService: web-canary
      stableService: web-stable
      trafficRouting: {nginx: {stableIngress: web-ingress}}
      steps:
        - setWeight: 20
        - analysis: {templates: [{templateName: errors}], args: [{name: svc, value: x}]}`;
    expect(lint({ strategy, query: 'sum(rate(nginx_ingress_controller_requests{ingress="web-ingress"}[5m]))' })).toEqual([]);
    expect(lint({ strategy, query: 'sum(rate(nginx_ingress_controller_requests{ingress="web-web-ingress-canary"}[5m]))' })).toEqual([]);
    expect(lint({ strategy, query: 'sum(rate(nginx_ingress_controller_requests{ingress="web"}[5m]))' }).map((f) => f.suggestion)).toEqual(['use one of "web-ingress", "web-web-ingress-canary"']);
  });
});

describe("Argo's documented success-rate template (docs/features/analysis.md)", () => {
  const query = 'sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m])) / ' +
    'sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]))';
  const basic = (svc: string) => `    canary:
      steps:
        - setWeight: 20
        - analysis: {templates: [{templateName: errors}], args: [{name: svc, value: ${svc}}]}`;

  it('passes with the FQDN of a Service the Rollout names, or its own name for a basic canary', () => {
    expect(lint({ query: query.replaceAll('service-name', 'svc'), condition: 'result[0] >= 0.95' }).filter((f) => f.rule === 'query-no-series')).toHaveLength(1);
    expect(lint({ strategy: basic('web.shop.svc.cluster.local'), query: query.replaceAll('service-name', 'svc'), condition: 'result[0] >= 0.95' })).toEqual([]);
  });

  it('a short name where Istio reports the FQDN: did you mean the FQDN', () => {
    expect(lint({ strategy: basic('web'), query: query.replaceAll('service-name', 'svc') }).map((f) => [f.rule, f.suggestion])).toEqual([
      ['query-no-series', 'use one of "web.shop.svc.cluster.local"'],
    ]);
  });
});
