/**
 * AnalysisTemplate / ClusterAnalysisTemplate → model AnalysisTemplate. Providers other than
 * `prometheus` and `job` are rejected by name. Queries and conditions are kept as text (their
 * own parsers live elsewhere); only `{{args.x}}` placeholders are checked against the args.
 */
import type { AnalysisMetric, AnalysisTemplate, MetricProvider } from '../model/rollout.js';
import { didYouMean } from './errors.js';
import { envelope } from './k8s.js';
import { any, arr, dflt, notSimulated, obj, opt, refine, req } from './schema.js';
import type { Out, Rejection } from './schema.js';
import { bool, int, intOrString, str } from './scalars.js';
import { goDuration } from './durations.js';
import { check, checkFields, fail, fieldSources, index, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { getKey } from './yaml-doc.js';

export const UNSUPPORTED_PROVIDERS = ['datadog', 'newRelic', 'wavefront', 'web', 'kayenta', 'cloudWatch', 'graphite', 'influxdb', 'skywalking', 'plugin'] as const;

const providerRejection = (p: string): Rejection =>
  notSimulated(`the ${p} metric provider`, 'use prometheus (queries run against the simulated Prometheus) or job (synthetic tests against the canary/preview)');

const Prometheus = obj(
  {
    address: opt(str()),
    query: req(str({ nonEmpty: true })),
    timeout: opt(int({ min: 0 })),
    insecure: opt(bool()),
    headers: opt(arr(obj({ key: req(str()), value: req(str()) }))),
    authentication: opt(any()),
  },
  { rejected: { rangeQuery: notSimulated('prometheus rangeQuery (range queries)', 'use an instant query with a range selector, e.g. rate(x[5m])') } },
);

const Job = obj({ metadata: opt(any()), spec: req(any({ description: 'A batch/v1 JobSpec; accepted as is (the simulator runs spec.syntheticTests instead).' })) });

const Provider = refine(
  obj({ prometheus: opt(Prometheus), job: opt(Job) }, { rejected: Object.fromEntries(UNSUPPORTED_PROVIDERS.map((p) => [p, providerRejection(p)])) }),
  (p, report) => {
    if (p.prometheus === undefined && p.job === undefined) report('', 'no provider specified', 'add prometheus: {query: …} or job: {spec: …}');
    if (p.prometheus !== undefined && p.job !== undefined) report('', 'multiple providers specified', 'keep exactly one');
  },
);

const Metric = refine(
  obj({
    name: req(str({ nonEmpty: true })),
    interval: opt(goDuration()),
    initialDelay: opt(goDuration()),
    count: opt(intOrString({ min: 0 })),
    successCondition: opt(str()),
    failureCondition: opt(str()),
    failureLimit: opt(intOrString({ min: -1 })),
    inconclusiveLimit: opt(intOrString({ min: 0 })),
    consecutiveErrorLimit: opt(intOrString({ min: 0 })),
    consecutiveSuccessLimit: opt(intOrString({ min: 0 })),
    provider: req(Provider),
  }),
  (m, report) => {
    const count = m.count ?? 0;
    if (count > 0 && count < (m.failureLimit ?? 0)) report('count', 'count must be >= failureLimit');
    if (count > 0 && count < (m.inconclusiveLimit ?? 0)) report('count', 'count must be >= inconclusiveLimit');
    if (count > 1 && m.interval === undefined) report('count', 'interval must be specified when count > 1');
  },
);

const TemplateArg = obj({
  name: req(str({ nonEmpty: true })),
  value: opt(str()),
  valueFrom: opt(
    obj(
      {},
      {
        rejected: {
          secretKeyRef: notSimulated('args[].valueFrom.secretKeyRef (Secrets)', 'give the argument a value'),
          fieldRef: notSimulated('args[].valueFrom.fieldRef in a template', 'pass the value from the Rollout instead'),
        },
      },
    ),
  ),
});

const nameList = { metricName: req(str({ nonEmpty: true })) };

const TemplateSpec = obj(
  {
    args: dflt(arr(TemplateArg), []),
    metrics: req(arr(any(), { minItems: 1 })),
    dryRun: dflt(arr(obj(nameList)), []),
    measurementRetention: dflt(arr(obj({ ...nameList, limit: req(int({ min: 0 })) })), []),
  },
  { rejected: { templates: notSimulated('spec.templates (composing AnalysisTemplates)', 'copy the metrics into this template', ['metrics']) } },
);

const TemplateDoc = envelope(any());

export interface BuiltTemplate {
  readonly template: AnalysisTemplate;
  readonly cx: Cx;
  readonly namespace: string | undefined;
}

export function buildAnalysisTemplate(cx: Cx, kind: AnalysisTemplate['kind']): BuiltTemplate | undefined {
  const doc = checkFields(TemplateDoc, cx.sd.root, '', cx);
  const specNode = getKey(cx.sd, cx.sd.root, 'spec');
  if (doc === undefined || doc.spec === undefined) return undefined;
  const spec = checkFields(TemplateSpec, specNode, 'spec', cx);
  if (spec === undefined || spec.metrics === undefined) return undefined;
  const before = cx.issues.count;
  const metricNodes = getKey(cx.sd, specNode, 'metrics');
  const metrics: AnalysisMetric[] = [];
  spec.metrics.forEach((_, i) => {
    const path = index('spec.metrics', i);
    const m = check(Metric, (metricNodes as { items?: unknown[] } | undefined)?.items?.[i], path, cx);
    if (m === undefined) return;
    if (metrics.some((x) => x.name === m.name)) fail(cx, `${path}.name`, `duplicate name '${m.name}'`);
    metrics.push(toModelMetric(m, path, cx));
  });
  const args = spec.args ?? [];
  checkPlaceholders(cx, metrics, args.map((a) => a.name));
  if (cx.issues.count !== before || doc.metadata === undefined || spec.dryRun === undefined || spec.measurementRetention === undefined) return undefined;
  const template: AnalysisTemplate = {
    kind,
    name: doc.metadata.name,
    args: args.map((a) => ({ name: a.name, value: a.value })),
    metrics,
    dryRun: spec.dryRun.map((d) => ({ metricName: d.metricName })),
    measurementRetention: spec.measurementRetention.map((m) => ({ metricName: m.metricName, limit: m.limit })),
    source: posOf(cx, ''),
  };
  return { template, cx, namespace: doc.metadata.namespace };
}

function toModelMetric(m: Out<typeof Metric>, path: string, cx: Cx): AnalysisMetric {
  const provider: MetricProvider =
    m.provider.prometheus !== undefined
      ? { prometheus: { address: m.provider.prometheus.address, query: m.provider.prometheus.query } }
      : { job: { spec: m.provider.job?.spec } };
  return {
    name: m.name,
    interval: m.interval,
    initialDelay: m.initialDelay,
    count: m.count,
    successCondition: m.successCondition,
    failureCondition: m.failureCondition,
    failureLimit: m.failureLimit,
    inconclusiveLimit: m.inconclusiveLimit,
    consecutiveErrorLimit: m.consecutiveErrorLimit,
    consecutiveSuccessLimit: m.consecutiveSuccessLimit,
    provider,
    source: posOf(cx, path),
    sources: fieldSources(cx, path, { successCondition: 'successCondition', failureCondition: 'failureCondition', query: 'provider.prometheus.query' }),
  };
}

const PLACEHOLDER = /\{\{\s*args\.([A-Za-z0-9_.-]+?)\s*\}\}/g;

/**
 * Every `{{args.x}}` in a metric must name a declared argument, or Argo's AnalysisRun errors.
 *
 * Example: with args [service-name], the query `…{service="{{args.service}}"}` is an error
 * suggesting "service-name".
 */
function checkPlaceholders(cx: Cx, metrics: readonly AnalysisMetric[], argNames: readonly string[]): void {
  metrics.forEach((m, i) => {
    const texts: [string, string][] = [
      ['successCondition', m.successCondition ?? ''],
      ['failureCondition', m.failureCondition ?? ''],
    ];
    if (m.provider.prometheus !== undefined) {
      texts.push(['provider.prometheus.query', m.provider.prometheus.query], ['provider.prometheus.address', m.provider.prometheus.address ?? '']);
    }
    if (m.provider.job !== undefined) texts.push(['provider.job.spec', JSON.stringify(m.provider.job.spec) ?? '']);
    for (const [field, text] of texts) {
      for (const hit of text.matchAll(PLACEHOLDER)) {
        const name = hit[1] ?? '';
        if (!argNames.includes(name)) {
          fail(cx, `spec.metrics[${i}].${field}`, `"{{args.${name}}}" refers to an argument not declared in spec.args`, didYouMean(name, argNames) ?? `declare it: args: [{name: ${name}}]`);
        }
      }
    }
  });
}
