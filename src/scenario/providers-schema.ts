/**
 * The Scenario's `spec.providers`, `spec.secrets` and `spec.fields`: what a cluster's other
 * services would answer. Argo's web provider calls a URL, and datadog, newRelic, … query their
 * own backends; the simulator has only its own Prometheus series, so the Scenario says which URL
 * answers what and which PromQL stands in for each such metric (README: Metric providers).
 */
import { any, arr, dflt, map, obj, opt, refine, req } from './schema.js';
import { bool, enumOf, int, num, str } from './scalars.js';

export const WebAnswerSchema = refine(
  obj(
    {
      url: req(str({ nonEmpty: true }), { description: 'The URL this answer is for; `*` matches any run of characters.', examples: ['http://my-server.com/api/v1/measurement*'] }),
      method: opt(enumOf(['GET', 'POST', 'PUT']), { description: 'Only requests with this method (default: any).' }),
      status: dflt(int({ min: 100, max: 599 }), 200, { description: 'HTTP status answered (Argo errs on anything outside 2xx).' }),
      body: opt(any({ description: 'The response: a JSON document (written as YAML), or a string sent as is.' })),
      query: opt(str({ nonEmpty: true }), { description: "PromQL over the simulated series; its value is written where the metric's jsonPath reads.", examples: ['sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m])) < bool 0.01'] }),
      as: dflt(enumOf(['number', 'boolean'] as const), 'number', { description: 'JSON type of the query value: number, or boolean (non-zero is true).' }),
    },
    { description: 'What one URL answers a web metric.' },
  ),
  (a, report) => {
    if (a.body === undefined && a.query === undefined) report('', 'an answer needs a body, a query or both', 'add query: <PromQL> (its value goes where the jsonPath reads) or body: {…}');
  },
);

export const StandInSchema = refine(
  obj(
    {
      template: req(str({ nonEmpty: true }), { description: 'The AnalysisTemplate (or ClusterAnalysisTemplate) name.' }),
      metric: req(str({ nonEmpty: true }), { description: 'The metric name in that template.' }),
      query: opt(str({ nonEmpty: true }), { description: 'PromQL over the simulated series that stands in for the provider query.' }),
      fields: opt(map(str({ nonEmpty: true })), { description: "newRelic: the result row's columns, each a PromQL query.", examples: [{ successRate: 'sum(rate(http_requests_total{code="200"}[5m])) / sum(rate(http_requests_total[5m]))' }] }),
    },
    { description: 'The PromQL that answers for one datadog/newRelic/wavefront/cloudWatch/graphite/influxdb/skywalking/plugin metric.' },
  ),
  (m, report) => {
    if ((m.query === undefined) === (m.fields === undefined)) report('', 'set exactly one of query, fields');
  },
);

const KayentaConfigMetricSchema = obj(
  {
    name: req(str({ nonEmpty: true })),
    query: req(str({ nonEmpty: true }), { description: 'PromQL over the simulated series; `${scope}` is replaced by the control or experiment scope.', examples: ['histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{rollouts_pod_template_hash="${scope}"}[1m])) by (le))'] }),
    group: dflt(str({ nonEmpty: true }), 'default', { description: 'The metric group (classifier.groupWeights).' }),
    direction: dflt(enumOf(['increase', 'decrease', 'either'] as const), 'either'),
    nanStrategy: dflt(enumOf(['remove', 'replace'] as const), 'remove'),
    outliers: dflt(obj({ strategy: dflt(enumOf(['keep', 'remove'] as const), 'keep'), outlierFactor: dflt(num(), 3) }), {}),
    critical: dflt(bool(), false),
    mustHaveData: dflt(bool(), false),
    allowedIncrease: dflt(num(), 1),
    allowedDecrease: dflt(num(), 1),
    criticalIncrease: dflt(num(), 1),
    criticalDecrease: dflt(num(), 1),
  },
  { description: "One metric of a Kayenta canary config, with NetflixACAJudge's settings (defaults as Kayenta's)." },
);

export const KayentaConfigSchema = obj(
  {
    canaryConfigName: req(str({ nonEmpty: true }), { description: "The kayenta metric's canaryConfigName." }),
    metrics: req(arr(KayentaConfigMetricSchema, { minItems: 1 })),
    groupWeights: dflt(map(num()), {}, { description: 'Group → weight (should total 100; groups without one share the rest).' }),
  },
  { description: 'The canary config Kayenta would hold: what the kayenta provider judges, baseline (controlScope) against canary (experimentScope).' },
);

export const providerFields = {
  providers: opt(
    obj(
      {
        web: dflt(arr(WebAnswerSchema), [], { description: 'Answers of the web metric provider, first match wins.' }),
        metrics: dflt(arr(StandInSchema), [], { description: 'PromQL stand-ins for metrics of providers whose query language is not simulated.' }),
        kayenta: dflt(arr(KayentaConfigSchema), [], { description: "Kayenta canary configs, by canaryConfigName, judged by the simulator's NetflixACAJudge." }),
      },
      { description: 'What the analysis providers other than prometheus and job answer (README: Metric providers).' },
    ),
  ),
  secrets: opt(map(map(str())), { description: 'Secret name → key → value, for template args with valueFrom.secretKeyRef (a v1 Secret in the file works too).', examples: [{ 'token-secret': { apiToken: 'dummy' } }] }),
  fields: opt(map(str()), { description: 'Rollout field path → value, for analysis args whose valueFrom.fieldRef reads a field the simulator does not model.', examples: [{ "metadata.labels['app']": 'agent' }] }),
};
