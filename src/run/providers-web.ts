/**
 * Argo's `web` metric provider (metricproviders/webmetric/webmetric.go) against the Scenario's
 * `spec.providers.web` answers: the first answer whose URL pattern (and method, when it names
 * one) matches is the server's response. Its `body` is the document; a `query` is evaluated with
 * PromQL over the simulated series and written where the metric's jsonPath reads, so
 * `{$.data.ok}` with `as: boolean` answers `{"data": {"ok": true}}`. The response is then read
 * exactly as Argo reads it: not JSON → the body text is the result (:135-140); JSON → the
 * jsonPath's first value (:142-163), printed as Go's json.Marshal prints it.
 */
import type { ProviderResult } from '../analysis/run/index.js';
import { fromJson } from '../analysis/expr/index.js';
import { findFirst, parseJsonPath, type JsonPathTemplate } from '../analysis/jsonpath.js';
import { goJsonMarshal } from '../go/index.js';
import type { MetricStore } from '../metrics/store.js';
import type { AnalysisMetric } from '../model/rollout.js';
import type { WebAnswer } from '../model/scenario.js';
import { toArgoValue } from '../promql/index.js';
import { analysisQuery } from './analysis-query.js';
import { webUrlMatches } from '../scenario/web-url.js';

/** Go's `http.Client` error prefix: `Get "url": …` (the method, capitalised). */
const goMethod = (m: string): string => m.charAt(0) + m.slice(1).toLowerCase();

/**
 * The query's value as JSON: a scalar or a one-sample vector is a number, no sample is null,
 * several are an array; `as: boolean` turns each number into `!= 0`.
 * Example: answerValue([0.004], 'number') === 0.004; answerValue([1], 'boolean') === true; answerValue([], 'number') === null.
 */
export function answerValue(v: number | number[], as: WebAnswer['as']): unknown {
  const conv = (x: number): unknown => (as === 'boolean' ? x !== 0 : Number.isFinite(x) ? x : null);
  if (!Array.isArray(v)) return conv(v);
  if (v.length === 0) return null;
  return v.length === 1 ? conv(v[0] as number) : v.map(conv);
}

/**
 * Writes `value` where a plain-field path reads, e.g. place({}, [data, ok], true) → {data: {ok: true}};
 * an empty path replaces the document. Undefined when the path has other steps.
 */
function place(doc: unknown, template: JsonPathTemplate, value: unknown): { ok: true; doc: unknown } | { ok: false } {
  const path = template.find((p) => 'path' in p);
  if (path === undefined || !('path' in path)) return { ok: true, doc: value };
  const names: string[] = [];
  for (const st of path.path) {
    if (st.k !== 'field') return { ok: false };
    names.push(st.name);
  }
  if (names.length === 0) return { ok: true, doc: value };
  const root: Record<string, unknown> = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? structuredClone(doc as Record<string, unknown>) : {};
  let at = root;
  names.slice(0, -1).forEach((n) => {
    const next = at[n];
    at = at[n] = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  });
  at[names[names.length - 1] as string] = value;
  return { ok: true, doc: root };
}

export function webProvider(store: MetricStore, answers: readonly WebAnswer[], metric: AnalysisMetric, now: number): ProviderResult {
  const web = metric.provider.web;
  if (web === undefined) return { ok: false, error: 'not a web metric' };
  const method = web.method ?? 'GET';
  const hasBody = (web.body ?? '') !== '' || web.jsonBody !== undefined;
  // webmetric.go:72-76, in Argo's order.
  if ((web.body ?? '') !== '' && web.jsonBody !== undefined) return { ok: false, error: 'use either Body or JSONBody; both cannot exists for WebMetric payload' };
  if (hasBody && method === 'GET') return { ok: false, error: 'Body/JSONBody can only be used with POST or PUT WebMetric Method types' };
  const parsed = parseJsonPath(web.jsonPath === undefined || web.jsonPath === '' ? '{$}' : web.jsonPath);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const answer = answers.find((a) => webUrlMatches(a.url, web.url) && (a.method === undefined || a.method === method));
  if (answer === undefined) {
    return { ok: false, error: `${goMethod(method)} "${web.url}": the scenario has no spec.providers.web answer for ${method} ${web.url} (add one: providers: {web: [{url: "${web.url}", query: <PromQL>}]})` };
  }
  if (answer.status < 200 || answer.status >= 300) return { ok: false, error: `received non 2xx response code: ${answer.status}` };
  let doc: unknown = answer.body ?? {};
  if (answer.query !== undefined) {
    const r = analysisQuery(store, answer.query, now);
    if (!r.ok) return { ok: false, error: `spec.providers.web query for ${web.url}: ${r.error}` };
    const v = toArgoValue(r.data);
    if (!v.ok) return { ok: false, error: v.error };
    const placed = place(doc, parsed.template, answerValue(v.value, answer.as));
    if (!placed.ok) return { ok: false, error: `a spec.providers.web query is written where the jsonPath reads, which needs plain fields (e.g. {$.data.value}), not ${web.jsonPath ?? ''}` };
    doc = placed.doc;
  }
  // A string body is the raw response; anything else is sent as JSON.
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: true, value: text, display: text };
  }
  const found = findFirst(parsed.template, data);
  if (!found.ok) return { ok: false, error: found.error === 'result of web metric produced no value' ? found.error : `Could not find JSONPath in body: ${found.error}` };
  return { ok: true, value: fromJson(found.value), display: goJsonMarshal(found.value) };
}
