/** AnalysisTemplate / ClusterAnalysisTemplate: mapping, Argo's metric rules, providers, references. */
import { describe, expect, it } from 'vitest';
import { ROLLOUT, SCENARIO, edit, file, loaded, messages, where } from './helpers.js';

const template = (metrics: string, extra = '', kind = 'AnalysisTemplate', name = 'error-rate'): string => `apiVersion: argoproj.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}
spec:
${extra}  metrics:
${metrics}`;

const PROM = `    - name: error-rate
      interval: 1m
      initialDelay: 30s
      count: "5"
      failureLimit: 1
      inconclusiveLimit: 2
      consecutiveErrorLimit: 3
      consecutiveSuccessLimit: 2
      successCondition: result[0] < 0.02
      failureCondition: result[0] >= 0.05
      provider:
        prometheus:
          address: http://prometheus:9090
          query: sum(rate(http_requests_total{code="500",service="{{args.service}}"}[2m]))
`;

/** The base Rollout with a background analysis referencing `name`. */
const analysed = (name = 'error-rate', args = '[{name: service, value: app-canary}]', clusterScope = ''): string =>
  edit(ROLLOUT, '      steps:\n', `      analysis:\n        templates: [{templateName: ${name}${clusterScope}}]\n        args: ${args}\n      steps:\n`);

describe('AnalysisTemplate mapping', () => {
  it('keeps Argo names, durations in ms, counters as numbers, queries as text', () => {
    const text = file(SCENARIO, analysed(), template(PROM, '  args: [{name: service}]\n'));
    const [t] = loaded(text).scenario.analysisTemplates;
    expect(t).toEqual({
      kind: 'AnalysisTemplate',
      name: 'error-rate',
      args: [{ name: 'service', value: undefined }],
      metrics: [
        {
          name: 'error-rate', interval: 60_000, initialDelay: 30_000, count: 5, successCondition: 'result[0] < 0.02', failureCondition: 'result[0] >= 0.05',
          failureLimit: 1, inconclusiveLimit: 2, consecutiveErrorLimit: 3, consecutiveSuccessLimit: 2,
          provider: { prometheus: { address: 'http://prometheus:9090', query: 'sum(rate(http_requests_total{code="500",service="{{args.service}}"}[2m]))' } },
          source: { file: 'test.yaml', line: at(text, '- name: error-rate').line, column: at(text, '- name: error-rate').column + 2 },
          sources: {
            successCondition: { file: 'test.yaml', ...at(text, 'result[0] < 0.02') },
            failureCondition: { file: 'test.yaml', ...at(text, 'result[0] >= 0.05') },
            query: { file: 'test.yaml', ...at(text, 'sum(rate(') },
          },
        },
      ],
      dryRun: [],
      measurementRetention: [],
      source: { file: 'test.yaml', line: at(text, 'kind: AnalysisTemplate').line - 1, column: 1 },
    });
  });

  it('keeps a job provider spec as plain data; ClusterAnalysisTemplates are found with clusterScope', () => {
    const job = '    - name: smoke\n      provider:\n        job:\n          spec:\n            backoffLimit: 0\n            template: {spec: {containers: [{name: t, image: busybox}], restartPolicy: Never}}\n';
    const text = file(SCENARIO, analysed('smoke', '[]', ', clusterScope: true'), template(job, '', 'ClusterAnalysisTemplate', 'smoke'));
    const { scenario } = loaded(text);
    expect(scenario.analysisTemplates[0]?.metrics[0]?.provider).toEqual({
      job: { spec: { backoffLimit: 0, template: { spec: { containers: [{ name: 't', image: 'busybox' }], restartPolicy: 'Never' } } } },
    });
  });
});

function at(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

describe("Argo's metric rules", () => {
  it('interval and initialDelay are Go durations: a bare number is invalid', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      interval: "30"\n      initialDelay: 30\n      provider: {prometheus: {query: up}}\n'));
    expect(messages(text)).toEqual([
      `${where(text, '"30"')}: spec.metrics[0].interval: "30" is not a Go duration (Argo requires a unit here) (add a unit: "30s" or "30ms")`,
      `${where(text, '30\n      provider')}: spec.metrics[0].initialDelay: "30" is not a Go duration (Argo requires a unit here) (add a unit: "30s" or "30ms")`,
    ]);
  });

  it('count needs an interval above 1 and must cover the limits; failureLimit may be -1', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      count: 3\n      failureLimit: -1\n      provider: {prometheus: {query: up}}\n    - name: n\n      interval: 1m\n      count: 2\n      failureLimit: 3\n      provider: {prometheus: {query: up}}\n'));
    expect(messages(text)).toEqual([
      `${where(text, '3\n      failureLimit: -1')}: spec.metrics[0].count: interval must be specified when count > 1`,
      `${where(text, '2\n      failureLimit: 3')}: spec.metrics[1].count: count must be >= failureLimit`,
    ]);
  });

  it('counters may be digit strings or argument placeholders (substituted when the run is created; see analysis-arg-fields.test.ts)', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      count: "{{args.n}}"\n      provider: {prometheus: {query: up}}\n'));
    expect(messages(text)).toEqual([`${where(text, '"{{args')}: spec.metrics[0].count: "{{args.n}}" refers to an argument not declared in spec.args (declare it: args: [{name: n}])`]);
  });

  it('exactly one provider; metric names unique; at least one metric', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      provider: {}\n    - name: m\n      provider: {prometheus: {query: up}, job: {spec: {}}}\n'), template('    []\n', '', 'AnalysisTemplate', 'empty'));
    expect(messages(text)).toEqual([
      `${where(text, '{}\n    - name')}: spec.metrics[0].provider: no provider specified (add prometheus: {query: …} or job: {spec: …})`,
      `${where(text, '{prometheus: {query: up}, job')}: spec.metrics[1].provider: multiple providers specified (keep exactly one)`,
      `${where(text, '[]\n')}: spec.metrics: needs at least 1 item (add metrics: [{name: …, provider: …}], or templates: [{templateName: …}] to compose others)`,
    ]);
  });

  it('duplicate metric names are refused', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      provider: {prometheus: {query: up}}\n    - name: m\n      provider: {prometheus: {query: up}}\n'));
    expect(messages(text)).toEqual([`${where(text, 'm\n      provider', 1)}: spec.metrics[1].name: duplicate name 'm'`]);
  });

  it('every {{args.x}} must be a declared argument', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      successCondition: result[0] < {{args.limit}}\n      provider:\n        prometheus: {query: "up{svc=\\"{{ args.servce }}\\"}"}\n', '  args: [{name: service}, {name: limt, value: "1"}]\n'));
    expect(messages(text)).toEqual([
      `${where(text, 'result[0]')}: spec.metrics[0].successCondition: "{{args.limit}}" refers to an argument not declared in spec.args (did you mean "limt"?)`,
      `${where(text, '"up{')}: spec.metrics[0].provider.prometheus.query: "{{args.servce}}" refers to an argument not declared in spec.args (did you mean "service"?)`,
    ]);
  });
});

describe('providers: kayenta as Argo writes it; the others need the Scenario to answer them', () => {
  it('kayenta: Argo\'s fields are checked (a query is not one of them)', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      provider:\n        kayenta: {query: x}\n'));
    const at = where(text, '{query: x}');
    const missing = (f: string) => `${at}: spec.metrics[0].provider.kayenta.${f}: missing required field "${f}"`;
    expect(messages(text)).toEqual([
      ...['address', 'application', 'canaryConfigName', 'threshold', 'scopes'].map(missing),
      `${where(text, 'query: x')}: spec.metrics[0].provider.kayenta.query: unknown field "query" (known fields: "address", "application", "canaryConfigName", "metricsAccountName", "configurationAccountName", "storageAccountName", "threshold", "scopes", "lookback")`,
    ]);
  });

  for (const p of ['datadog', 'wavefront', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin']) {
    it(`${p} without a spec.providers.metrics mapping: exit 2 showing the block to add`, () => {
      const text = file(SCENARIO, ROLLOUT, template(`    - name: m\n      provider:\n        ${p}: {query: x}\n`));
      expect(messages(text)).toEqual([
        `${where(text, '{query: x}')}: spec.metrics[0].provider.${p}: the ${p} metric "m" of AnalysisTemplate "error-rate" needs the PromQL that stands in for it (its own query language is not simulated) (add to the Scenario's spec: providers: {metrics: [{template: error-rate, metric: m, query: <PromQL>}]})`,
      ]);
    });
  }

  it('newRelic: the block names the columns the NRQL selects', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      provider:\n        newRelic: {query: "FROM Transaction SELECT percentage(count(*), WHERE httpResponseCode != 500) as successRate"}\n'));
    expect(messages(text)).toEqual([
      `${where(text, '{query: "FROM')}: spec.metrics[0].provider.newRelic: the newRelic metric "m" of AnalysisTemplate "error-rate" needs the PromQL that stands in for it (its own query language is not simulated) (add to the Scenario's spec: providers: {metrics: [{template: error-rate, metric: m, fields: {successRate: <PromQL>}}]})`,
    ]);
  });

  it('with the mapping the metric loads, its block kept as written and the PromQL joined', () => {
    const scenario = SCENARIO.replace('spec:\n', "spec:\n  providers: {metrics: [{template: error-rate, metric: m, query: 'sum(up)'}]}\n");
    const text = file(scenario, ROLLOUT, template('    - name: m\n      provider:\n        datadog: {apiVersion: v2, query: "sum:requests.error.rate{service:x}"}\n'));
    const [t] = loaded(text).scenario.analysisTemplates;
    expect(t?.metrics[0]?.provider).toEqual({ standIn: { provider: 'datadog', spec: { apiVersion: 'v2', query: 'sum:requests.error.rate{service:x}' }, query: 'sum(up)', fields: undefined } });
  });

  it('a mapping that answers no metric is an error with a did-you-mean', () => {
    const scenario = SCENARIO.replace('spec:\n', "spec:\n  providers: {metrics: [{template: error-rat, metric: m, query: up}]}\n");
    const text = file(scenario, ROLLOUT, template('    - name: m\n      provider: {prometheus: {query: up}}\n'));
    expect(messages(text)).toEqual([`${where(text, '{template: error-rat')}: spec.providers.metrics[0]: this mapping answers nothing: no template named "error-rat" (did you mean "error-rate"?)`]);
  });

  it('a template secretKeyRef arg without the secret: exit 2 showing the secrets block', () => {
    const text = file(SCENARIO, ROLLOUT, template('    - name: m\n      provider: {prometheus: {query: up}}\n', '  args: [{name: key, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n'));
    expect(messages(text)).toEqual([`${where(text, '{name: s, key: k}')}: spec.args[0].valueFrom.secretKeyRef: arg "key" reads key "k" of Secret "s", which the scenario does not hold (add to the Scenario's spec: secrets: {s: {k: <value>}})`]);
  });

  it('a template secretKeyRef arg resolves from spec.secrets, or from a v1 Secret in the file (data base64-decoded)', () => {
    const tpl = template('    - name: m\n      provider: {prometheus: {query: up}}\n', '  args: [{name: key, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n');
    const fromScenario = loaded(file(SCENARIO.replace('spec:\n', 'spec:\n  secrets: {s: {k: from-scenario}}\n'), ROLLOUT, tpl)).scenario.analysisTemplates[0]?.args;
    expect(fromScenario).toEqual([{ name: 'key', value: 'from-scenario' }]);
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: aHR0cHM6Ly9leGFtcGxlLmNvbQ==}\n';
    expect(loaded(file(SCENARIO, ROLLOUT, tpl, secret)).scenario.analysisTemplates[0]?.args).toEqual([{ name: 'key', value: 'https://example.com' }]);
  });

  it('rangeQuery and composed templates load; a composed name that does not exist is an error', () => {
    const text = file(
      SCENARIO,
      ROLLOUT,
      template('    - name: m\n      provider: {prometheus: {query: up, rangeQuery: {start: now() - duration("5m"), end: now(), step: 1m}}}\n'),
      'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: composed}\nspec:\n  templates: [{templateName: error-rate}, {templateName: eror-rate}]\n',
    );
    expect(messages(text)).toEqual([`${where(text, 'eror-rate')}: spec.templates[1].templateName: AnalysisTemplate "eror-rate" not found (did you mean "error-rate"?)`]);
    const ok = loaded(file(SCENARIO, ROLLOUT, template('    - name: m\n      provider: {prometheus: {query: up, rangeQuery: {start: now() - duration("5m"), end: now(), step: 1m}}}\n'), 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: composed}\nspec:\n  templates: [{templateName: error-rate}]\n'));
    expect(ok.scenario.analysisTemplates.map((t) => [t.name, t.metrics.length, t.templates])).toEqual([['error-rate', 1, undefined], ['composed', 0, [{ templateName: 'error-rate', clusterScope: false }]]]);
    expect(ok.scenario.analysisTemplates[0]?.metrics[0]?.provider.prometheus?.rangeQuery).toEqual({ start: 'now() - duration("5m")', end: 'now()', step: '1m' });
  });
});

describe('references from Rollouts', () => {
  it('template names must exist, with a did-you-mean', () => {
    const text = file(SCENARIO, analysed('error-rat'), template(PROM, '  args: [{name: service}]\n'));
    expect(messages(text)).toEqual([`${where(text, 'error-rat}')}: spec.strategy.canary.analysis.templates[0].templateName: AnalysisTemplate "error-rat" not found (did you mean "error-rate"?)`]);
  });

  it('clusterScope must match the kind', () => {
    const text = file(SCENARIO, analysed('error-rate', '[{name: service, value: x}]', ', clusterScope: true'), template(PROM, '  args: [{name: service}]\n'));
    expect(messages(text)).toEqual([`${where(text, 'error-rate,')}: spec.strategy.canary.analysis.templates[0].templateName: ClusterAnalysisTemplate "error-rate" not found (an AnalysisTemplate "error-rate" exists: remove clusterScope: true)`]);
  });

  it('a template arg without a value must be passed by the Rollout', () => {
    const text = file(SCENARIO, analysed('error-rate', '[{name: servce, value: x}]'), template(PROM, '  args: [{name: service}]\n'));
    expect(messages(text)).toEqual([`${where(text, 'templates: [{templateName')}: spec.strategy.canary.analysis: AnalysisTemplate "error-rate" needs arg "service", which this analysis does not pass (args has "servce": did you mean "service"?)`]);
  });

  it('dryRun and measurementRetention patterns must match a metric', () => {
    const text = file(SCENARIO, edit(analysed(), '        args:', '        dryRun: [{metricName: latency.*}]\n        measurementRetention: [{metricName: "error", limit: 20}]\n        args:'), template(PROM, '  args: [{name: service}]\n'));
    expect(messages(text)).toEqual([`${where(text, 'latency.*')}: spec.strategy.canary.analysis.dryRun[0].metricName: "latency.*" matches no metric (metrics: "error-rate")`]);
  });

  it('a valid template referenced from a step loads', () => {
    const text = file(SCENARIO, edit(ROLLOUT, '        - pause: {duration: 1m}\n', '        - analysis: {templates: [{templateName: error-rate}], args: [{name: service, valueFrom: {podTemplateHashValue: Latest}}]}\n'), template(PROM, '  args: [{name: service}]\n'));
    const w = loaded(text).scenario.workloads[0];
    const steps = w?.kind === 'Rollout' && w.strategy.type === 'canary' ? w.strategy.steps : [];
    expect(steps[1] && 'analysis' in steps[1] ? steps[1].analysis : undefined).toEqual({
      templates: [{ templateName: 'error-rate', clusterScope: false }],
      args: [{ name: 'service', value: undefined, valueFrom: { podTemplateHashValue: 'Latest' } }],
      dryRun: [],
      measurementRetention: [],
      startingStep: undefined,
    });
  });
});
