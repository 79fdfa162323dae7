/**
 * The Scenario's `spec.providers`, `spec.secrets` and `spec.fields`: what a cluster's other
 * services would answer. Argo's web provider calls a URL, and datadog, newRelic, … query their
 * own backends; the simulator has only its own Prometheus series, so the Scenario says which URL
 * answers what and which PromQL stands in for each such metric (README: Metric providers).
 */
import { any, arr, dflt, map, obj, opt, refine, req } from './schema.js';
import { enumOf, int, str } from './scalars.js';

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

export const providerFields = {
  providers: opt(
    obj(
      {
        web: dflt(arr(WebAnswerSchema), [], { description: 'Answers of the web metric provider, first match wins.' }),
        metrics: dflt(arr(StandInSchema), [], { description: 'PromQL stand-ins for metrics of providers whose query language is not simulated.' }),
      },
      { description: 'What the analysis providers other than prometheus and job answer (README: Metric providers).' },
    ),
  ),
  secrets: opt(map(map(str())), { description: 'Secret name → key → value, for template args with valueFrom.secretKeyRef (a v1 Secret in the file works too).', examples: [{ 'token-secret': { apiToken: 'dummy' } }] }),
  fields: opt(map(str()), { description: 'Rollout field path → value, for analysis args whose valueFrom.fieldRef reads a field the simulator does not model.', examples: [{ "metadata.labels['app']": 'agent' }] }),
};
