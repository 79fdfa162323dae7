/**
 * AnalysisTemplate / ClusterAnalysisTemplate → model AnalysisTemplate. The provider block is read
 * by analysis-providers.ts (kayenta is rejected by name); args may come from a Secret
 * (`secretKeyRef`, resolved from the Scenario in stand-ins.ts); `spec.templates` composes others.
 * Queries and conditions are kept as text (their own parsers live elsewhere); only `{{args.x}}`
 * placeholders are checked against the args.
 */
import { TEMPLATABLE_FIELDS, type AnalysisMetric, type AnalysisTemplate, type TemplatedFields } from '../model/rollout.js';
import { Provider, toModelProvider } from './analysis-providers.js';
import { didYouMean } from './errors.js';
import { envelope } from './k8s.js';
import { any, arr, dflt, notSimulated, obj, opt, refine, req, scalar } from './schema.js';
import type { Out, ScalarSchema } from './schema.js';
import { bool, int, intOrString, ok, str } from './scalars.js';
import { goDuration } from './durations.js';
import { check, checkFields, fail, fieldSources, index, posOf } from './validate.js';
import type { Cx } from './validate.js';
import { getKey } from './yaml-doc.js';

/** A field written as argument placeholder text, parsed when the run is created. */
interface Placeholder {
  readonly placeholder: string;
}

/**
 * A duration or counter field that may instead hold `{{…}}` text: Argo resolves args over the
 * whole metric serialised as JSON (`ResolveMetricArgs`), so `interval: "{{args.every}}"` works there
 * (argo-rollouts' e2e `rollout-bg-analysis-withArgs.yaml` does it). The text is kept; the value is
 * parsed and validated when the run is created. Anything else goes to `inner`.
 * Example: orPlaceholder(goDuration()).parse('{{args.every}}', …) gives {placeholder: '{{args.every}}'}.
 */
function orPlaceholder<T>(inner: ScalarSchema<T>): ScalarSchema<T | Placeholder> {
  return scalar<T | Placeholder>(
    (v, source) => (typeof v === 'string' && v.includes('{{') ? ok({ placeholder: v }) : inner.parse(v, source)),
    { anyOf: [inner.json, { type: 'string', pattern: '\\{\\{' }] },
    inner,
  );
}

/** The number, or undefined when absent or still a placeholder. */
const num = (v: number | Placeholder | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

const Metric = refine(
  obj({
    name: req(str({ nonEmpty: true })),
    interval: opt(orPlaceholder(goDuration())),
    initialDelay: opt(orPlaceholder(goDuration())),
    count: opt(orPlaceholder(intOrString({ min: 0 }))),
    successCondition: opt(str()),
    failureCondition: opt(str()),
    failureLimit: opt(orPlaceholder(intOrString({ min: -1 }))),
    inconclusiveLimit: opt(orPlaceholder(intOrString({ min: 0 }))),
    consecutiveErrorLimit: opt(orPlaceholder(intOrString({ min: 0 }))),
    consecutiveSuccessLimit: opt(orPlaceholder(intOrString({ min: 0 }))),
    provider: req(Provider),
  }),
  (m, report) => {
    // A placeholder's value is only known when the run is created, which checks these again.
    const placeholder = (v: unknown): boolean => v !== undefined && typeof v !== 'number';
    const count = num(m.count) ?? 0;
    if (count > 0 && !placeholder(m.failureLimit) && count < (num(m.failureLimit) ?? 0)) report('count', 'count must be >= failureLimit');
    if (count > 0 && !placeholder(m.inconclusiveLimit) && count < (num(m.inconclusiveLimit) ?? 0)) report('count', 'count must be >= inconclusiveLimit');
    if (count > 1 && m.interval === undefined) report('count', 'interval must be specified when count > 1');
  },
);

const TemplateArg = refine(
  obj({
    name: req(str({ nonEmpty: true })),
    value: opt(str()),
    valueFrom: opt(
      obj(
        { secretKeyRef: opt(obj({ name: req(str({ nonEmpty: true })), key: req(str({ nonEmpty: true })) })) },
        { rejected: { fieldRef: notSimulated('args[].valueFrom.fieldRef in a template', 'pass the value from the Rollout instead (its args may use fieldRef)') } },
      ),
    ),
  }),
  (a, report) => {
    if (a.valueFrom !== undefined && a.valueFrom.secretKeyRef === undefined) report('valueFrom', 'valueFrom needs secretKeyRef: {name, key}');
  },
);

const nameList = { metricName: req(str({ nonEmpty: true })) };

const TemplateRef = obj({ templateName: req(str({ nonEmpty: true })), clusterScope: dflt(bool(), false) });

const TemplateSpec = obj({
  args: dflt(arr(TemplateArg), []),
  metrics: dflt(arr(any()), []),
  templates: dflt(arr(TemplateRef), [], { description: 'Other templates whose metrics, args, dryRun and measurementRetention this one includes (Argo flattens them into the run).' }),
  dryRun: dflt(arr(obj(nameList)), []),
  measurementRetention: dflt(arr(obj({ ...nameList, limit: req(int({ min: 0 })) })), []),
});

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
  if (spec === undefined || spec.metrics === undefined || spec.templates === undefined) return undefined;
  // Argo's validation: a template needs metrics unless it composes others (`spec.templates`).
  if (spec.metrics.length === 0 && spec.templates.length === 0) fail(cx, 'spec.metrics', 'needs at least 1 item', 'add metrics: [{name: …, provider: …}], or templates: [{templateName: …}] to compose others');
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
  // Names from the YAML itself: an argument whose value is mistyped is still declared (its own
  // error is reported once; a placeholder naming it is no follow-on error).
  checkPlaceholders(cx, metrics, declaredArgNames(cx, specNode));
  if (cx.issues.count !== before || doc.metadata === undefined || spec.dryRun === undefined || spec.measurementRetention === undefined) return undefined;
  const template: AnalysisTemplate = {
    kind,
    name: doc.metadata.name,
    args: args.map((a) => ({ name: a.name, value: a.value, ...(a.valueFrom?.secretKeyRef === undefined ? {} : { secretKeyRef: { name: a.valueFrom.secretKeyRef.name, key: a.valueFrom.secretKeyRef.key } }) })),
    metrics,
    ...(spec.templates.length === 0 ? {} : { templates: spec.templates.map((t) => ({ templateName: t.templateName, clusterScope: t.clusterScope })) }),
    dryRun: spec.dryRun.map((d) => ({ metricName: d.metricName })),
    measurementRetention: spec.measurementRetention.map((m) => ({ metricName: m.metricName, limit: m.limit })),
    source: posOf(cx, ''),
  };
  return { template, cx, namespace: doc.metadata.namespace };
}

function toModelMetric(m: Out<typeof Metric>, path: string, cx: Cx): AnalysisMetric {
  const provider = toModelProvider(m.provider);
  const templated: { -readonly [K in keyof TemplatedFields]: string } = {};
  for (const k of TEMPLATABLE_FIELDS) {
    const v = m[k];
    if (v !== undefined && typeof v !== 'number') templated[k] = v.placeholder;
  }
  return {
    name: m.name,
    interval: num(m.interval),
    initialDelay: num(m.initialDelay),
    count: num(m.count),
    successCondition: m.successCondition,
    failureCondition: m.failureCondition,
    failureLimit: num(m.failureLimit),
    inconclusiveLimit: num(m.inconclusiveLimit),
    consecutiveErrorLimit: num(m.consecutiveErrorLimit),
    consecutiveSuccessLimit: num(m.consecutiveSuccessLimit),
    provider,
    source: posOf(cx, path),
    ...(Object.keys(templated).length > 0 ? { templated } : {}),
    sources: fieldSources(cx, path, { successCondition: 'successCondition', failureCondition: 'failureCondition', query: 'provider.prometheus.query' }),
  };
}

/** Every `spec.args[].name` written as a string, whether or not the rest of the arg is valid. */
function declaredArgNames(cx: Cx, specNode: unknown): string[] {
  const argsNode = getKey(cx.sd, specNode, 'args') as { items?: unknown[] } | undefined;
  const names: string[] = [];
  for (const item of argsNode?.items ?? []) {
    const name = getKey(cx.sd, item, 'name') as { value?: unknown } | undefined;
    if (typeof name?.value === 'string') names.push(name.value);
  }
  return names;
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
      ...TEMPLATABLE_FIELDS.map((k): [string, string] => [k, m.templated?.[k] ?? '']),
    ];
    if (m.provider.prometheus !== undefined) {
      texts.push(['provider.prometheus.query', m.provider.prometheus.query], ['provider.prometheus.address', m.provider.prometheus.address ?? '']);
    }
    if (m.provider.job !== undefined) texts.push(['provider.job.spec', JSON.stringify(m.provider.job.spec) ?? '']);
    if (m.provider.prometheus?.rangeQuery !== undefined) texts.push(['provider.prometheus.rangeQuery', JSON.stringify(m.provider.prometheus.rangeQuery)]);
    if (m.provider.web !== undefined) texts.push(['provider.web', JSON.stringify(m.provider.web)]);
    if (m.provider.standIn !== undefined) texts.push([`provider.${m.provider.standIn.provider}`, JSON.stringify(m.provider.standIn.spec) ?? '']);
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
