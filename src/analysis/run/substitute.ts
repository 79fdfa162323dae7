/**
 * `{{args.NAME}}` substitution as Argo does it (`utils/template/template.go` on top of
 * valyala/fasttemplate, applied to the whole metric serialised as JSON by `ResolveMetricArgs`):
 * every `{{…}}` tag in every string of the metric must name a supplied arg, spaces inside the
 * braces are trimmed, and the last unresolvable tag is the one reported.
 */
import { parseGoAtoi } from '../../go/index.js';
import { TEMPLATABLE_FIELDS, type AnalysisMetric, type MetricProvider, type TemplatedFields } from '../../model/rollout.js';
import { goParseDuration } from './go-duration.js';
import type { ResolvedArg } from './types.js';

export type Substituted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * Replaces every `{{ args.x }}` tag in one string.
 *
 * Example: substituteText('rate(x{svc="{{ args.svc }}"}[1m])', [{name: 'svc', value: 'api'}])
 *   → {ok: true, value: 'rate(x{svc="api"}[1m])'};
 * substituteText('{{args.nope}}', []) → {ok: false, error: 'failed to resolve {{args.nope}}'}.
 */
export function substituteText(text: string, args: readonly ResolvedArg[]): Substituted<string> {
  const values = new Map(args.map((a) => [`args.${a.name}`, a.value]));
  let out = '';
  let error: string | undefined;
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open < 0) break;
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) {
      // fasttemplate refuses the whole template when a start tag has no end tag.
      return { ok: false, error: `Cannot find end tag="}}" in the template starting from ${JSON.stringify(rest.slice(open))}` };
    }
    const tag = rest.slice(open + 2, close);
    const value = values.get(tag.trim());
    if (value === undefined) error = `failed to resolve {{${tag}}}`;
    out += rest.slice(0, open) + (value ?? '');
    rest = rest.slice(close + 2);
  }
  out += rest;
  return error === undefined ? { ok: true, value: out } : { ok: false, error };
}

/** Substitutes inside any JSON-like value (keys and string values), as the JSON round trip does; reports failures to `fail`. */
function substituteJson(value: unknown, args: readonly ResolvedArg[], fail: (error: string) => void): unknown {
  const text = (s: string): string => {
    const r = substituteText(s, args);
    if (r.ok) return r.value;
    fail(r.error);
    return s;
  };
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => substituteJson(item, args, fail));
  if (value !== null && typeof value === 'object') {
    const obj = Object.create(null) as Record<string, unknown>; // a `__proto__` key stays a key
    for (const [k, v] of Object.entries(value)) {
      const key = text(k);
      obj[key] = substituteJson(v, args, fail);
    }
    return obj;
  }
  return value;
}

/**
 * A substituted counter as Argo reads it: the field is an `intstr.IntOrString` holding a string,
 * and `IntValue()` is `strconv.Atoi` with the error dropped, so anything not an integer is 0.
 * Example: intValue('3') === 3; intValue('+3') === 3; intValue('two') === 0; intValue(' 3') === 0.
 */
export function intValue(text: string): number {
  const n = parseGoAtoi(text);
  return n === undefined ? 0 : Number(n);
}

/**
 * Fills the numeric fields from their substituted text (`templated`), as Argo's JSON round trip
 * reads them: counters through `intValue`; an empty duration is no duration (Argo tests
 * `Interval == ""`); a duration Go cannot parse stays unset and its text stays in `templated`,
 * for `validateMetric` to report ("invalid interval string: …").
 * Example: templated {interval: '10s', failureLimit: '2'} → interval 10_000, failureLimit 2.
 */
function fillTemplated(metric: AnalysisMetric, templated: TemplatedFields): AnalysisMetric {
  const out: { -readonly [K in keyof AnalysisMetric]: AnalysisMetric[K] } = { ...metric, templated };
  for (const k of TEMPLATABLE_FIELDS) {
    const text = templated[k];
    if (text === undefined) continue;
    if (k === 'interval' || k === 'initialDelay') {
      const d = goParseDuration(text);
      out[k] = text !== '' && d.ok ? d.ms : undefined;
    } else {
      out[k] = intValue(text);
    }
  }
  return out;
}

/**
 * Substitutes args in every string field Argo's JSON round trip reaches: `name`,
 * `successCondition`, `failureCondition`, the provider (prometheus `address`/`query`, the whole
 * job spec), and the durations and counters written as `{{args.x}}` text (`templated`, then
 * parsed: see `fillTemplated`). The last failing field's error wins, as the last unresolved tag
 * does in Argo.
 *
 * Example: a metric with query `up{pod=~"{{args.hash}}.*"}` and args [{name: 'hash', value:
 * 'abc'}] → the same metric with query `up{pod=~"abc.*"}`.
 */
export function substituteMetric(metric: AnalysisMetric, args: readonly ResolvedArg[]): Substituted<AnalysisMetric> {
  let error: string | undefined;
  let fatal: string | undefined; // a missing end tag fails the whole template before any tag is resolved
  const fail = (e: string): void => {
    if (e.startsWith('Cannot find end tag')) fatal ??= e;
    else error = e;
  };
  const text = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    const r = substituteText(s, args);
    if (r.ok) return r.value;
    fail(r.error);
    return s;
  };
  const name = text(metric.name) ?? metric.name;
  const successCondition = text(metric.successCondition);
  const failureCondition = text(metric.failureCondition);
  let provider: MetricProvider = {};
  const prom = metric.provider.prometheus;
  if (prom !== undefined) {
    const range = prom.rangeQuery === undefined ? {} : { rangeQuery: substituteJson(prom.rangeQuery, args, fail) as typeof prom.rangeQuery };
    provider = { ...provider, prometheus: { address: text(prom.address), query: text(prom.query) ?? prom.query, ...range } };
  }
  // web and the stand-in providers: every string of the block (and of the Scenario's stand-in PromQL).
  if (metric.provider.web !== undefined) provider = { ...provider, web: substituteJson(metric.provider.web, args, fail) as typeof metric.provider.web };
  if (metric.provider.kayenta !== undefined) provider = { ...provider, kayenta: substituteJson(metric.provider.kayenta, args, fail) as typeof metric.provider.kayenta };
  if (metric.provider.standIn !== undefined) provider = { ...provider, standIn: substituteJson(metric.provider.standIn, args, fail) as typeof metric.provider.standIn };
  const job = metric.provider.job;
  if (job !== undefined) {
    provider = { ...provider, job: { spec: substituteJson(job.spec, args, fail) } };
  }
  let templated: TemplatedFields | undefined;
  if (metric.templated !== undefined) {
    templated = Object.fromEntries(Object.entries(metric.templated).map(([k, v]) => [k, text(v)]));
  }
  if (fatal !== undefined) return { ok: false, error: fatal };
  if (error !== undefined) return { ok: false, error };
  const value = { ...metric, name, successCondition, failureCondition, provider };
  return { ok: true, value: templated === undefined ? value : fillTemplated(value, templated) };
}
