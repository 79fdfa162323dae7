/**
 * The `provider` block of an AnalysisTemplate metric. prometheus (instant or `rangeQuery`) and job
 * run natively; `web` calls are answered by the Scenario's `spec.providers.web`; datadog, newRelic,
 * wavefront, cloudWatch, graphite, influxdb, skywalking and plugin are accepted as written and
 * answered by the PromQL the Scenario maps to them (`spec.providers.metrics`, joined in
 * stand-ins.ts). kayenta is judged by the simulator's NetflixACAJudge with the Scenario's canary
 * config of its canaryConfigName (`spec.providers.kayenta`).
 */
import { STAND_IN_PROVIDERS, type MetricProvider, type StandInProvider } from '../model/rollout.js';
import { any, arr, dflt, obj, opt, refine, req } from './schema.js';
import type { Out } from './schema.js';
import { bool, enumOf, int, str } from './scalars.js';

export const UNSUPPORTED_PROVIDERS = [] as const;

const Prometheus = obj({
  address: opt(str()),
  query: req(str({ nonEmpty: true })),
  timeout: opt(int({ min: 0 })),
  insecure: opt(bool()),
  headers: opt(arr(obj({ key: req(str()), value: req(str()) }))),
  authentication: opt(any()),
  rangeQuery: opt(
    obj({
      start: req(str({ nonEmpty: true }), { description: 'An expr time: now(), now() - duration("1h").' }),
      end: req(str({ nonEmpty: true })),
      step: req(str({ nonEmpty: true }), { description: 'A duration: 30s, 5m, 1h.' }),
    }),
  ),
});

const Job = obj({ metadata: opt(any()), spec: req(any({ description: 'A batch/v1 JobSpec; accepted as is (the simulator runs spec.syntheticTests instead).' })) });

const Web = obj({
  url: req(str({ nonEmpty: true })),
  method: opt(enumOf(['GET', 'POST', 'PUT'])),
  headers: opt(arr(obj({ key: req(str()), value: req(str()) }))),
  body: opt(str()),
  jsonBody: opt(any()),
  jsonPath: opt(str()),
  timeoutSeconds: opt(int({ min: 0 })),
  insecure: opt(bool()),
  authentication: opt(any({ description: 'OAuth2 settings; the simulated server needs no credentials.' })),
});

const KayentaScopeDetail = obj({ scope: req(str()), region: dflt(str(), ''), step: req(int({ min: 1 }), { description: 'Seconds between points.' }), start: dflt(str(), ''), end: dflt(str(), '') });

/** Argo's KayentaMetric (pkg/apis/rollouts/v1alpha1/analysis_types.go). */
const Kayenta = obj({
  address: req(str({ nonEmpty: true })),
  application: req(str({ nonEmpty: true })),
  canaryConfigName: req(str({ nonEmpty: true })),
  metricsAccountName: opt(str()),
  configurationAccountName: opt(str()),
  storageAccountName: opt(str()),
  threshold: req(obj({ pass: req(int()), marginal: req(int()) })),
  scopes: req(arr(obj({ name: req(str({ nonEmpty: true })), controlScope: req(KayentaScopeDetail), experimentScope: req(KayentaScopeDetail) }), { minItems: 1 })),
  lookback: dflt(bool(), false),
});

const standIns = Object.fromEntries(STAND_IN_PROVIDERS.map((p) => [p, opt(any({ description: `The ${p} provider block, kept as written; the Scenario's spec.providers.metrics answers it.` }))])) as Record<StandInProvider, ReturnType<typeof opt<unknown>>>;

export const Provider = refine(
  obj(
    { prometheus: opt(Prometheus), job: opt(Job), web: opt(Web), kayenta: opt(Kayenta), ...standIns },
  ),
  (p, report) => {
    const set = Object.entries(p).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (set.length === 0) report('', 'no provider specified', 'add prometheus: {query: …} or job: {spec: …}');
    if (set.length > 1) report('', 'multiple providers specified', 'keep exactly one');
  },
);

/** Example: {web: {url: 'http://x', jsonPath: '{$.ok}'}} → {web: {url: 'http://x', method: undefined, headers: [], …}}. */
export function toModelProvider(p: Out<typeof Provider>): MetricProvider {
  if (p.prometheus !== undefined) {
    const r = p.prometheus.rangeQuery;
    return { prometheus: { address: p.prometheus.address, query: p.prometheus.query, ...(r === undefined ? {} : { rangeQuery: { start: r.start, end: r.end, step: r.step } }) } };
  }
  if (p.web !== undefined) {
    const w = p.web;
    return { web: { url: w.url, method: w.method, headers: w.headers ?? [], body: w.body, jsonBody: w.jsonBody, jsonPath: w.jsonPath, timeoutSeconds: w.timeoutSeconds } };
  }
  if (p.kayenta !== undefined) {
    const k = p.kayenta;
    const detail = (d: typeof k.scopes[number]['controlScope']) => ({ scope: d.scope, region: d.region, step: d.step, start: d.start, end: d.end });
    return {
      kayenta: {
        address: k.address, application: k.application, canaryConfigName: k.canaryConfigName, threshold: { pass: k.threshold.pass, marginal: k.threshold.marginal },
        scopes: k.scopes.map((x) => ({ name: x.name, controlScope: detail(x.controlScope), experimentScope: detail(x.experimentScope) })), lookback: k.lookback,
      },
    };
  }
  for (const name of STAND_IN_PROVIDERS) {
    const spec = (p as Record<string, unknown>)[name];
    if (spec !== undefined) return { standIn: { provider: name, spec } };
  }
  return { job: { spec: p.job?.spec } };
}
