/**
 * The web provider against the Scenario's spec.providers.web answers, read as Argo reads a response
 * (argo-rollouts metricproviders/webmetric/webmetric.go at 9f8d111d8; line numbers cited per test).
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { analysisEvents, rollout, scenario, template } from './providers-helpers.js';

const web = (provider: string, condition = 'result == true', extra = ''): string => template(`    - name: m\n${extra}      successCondition: ${JSON.stringify(condition)}\n      provider:\n        web: ${provider}\n`);
const answers = (list: string): string => scenario(`  providers:\n    web: ${list}\n`);
const measurements = (events: ReturnType<typeof analysisEvents>) => events.filter((e) => e.type === 'Measurement').map((e) => (e.type === 'Measurement' ? [e.t, e.query, e.value, e.phase, e.message] : []));

describe('web provider', () => {
  it('a query answer is written where {$.data.ok} reads, as a JSON boolean (webmetric.go:142-152 reads it back)', () => {
    const events = analysisEvents(
      rollout(),
      answers(`[{url: "http://metrics.local/check*", query: 'sum(rate(http_requests_total{code="500"}[1m])) / sum(rate(http_requests_total[1m])) < bool 0.05', as: boolean}]`),
      web('{url: "http://metrics.local/check?svc=agent", jsonPath: "{$.data.ok}"}'),
    );
    expect(measurements(events)).toEqual([[20_000, 'GET http://metrics.local/check?svc=agent', 'true', 'Successful', '']]);
  });

  it('a static JSON body and a string condition: the value is json.Marshal of the first jsonPath result (webmetric.go:155-163)', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", body: {message: "It worked!", n: 3}}]'), web('{url: "https://x/a", jsonPath: "{$.message}"}', "result == 'It worked!'"));
    expect(measurements(events)).toEqual([[20_000, 'GET https://x/a', '"It worked!"', 'Successful', '']]);
  });

  it('a body that is not JSON is the result itself, unread by jsonPath (webmetric.go:135-140)', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", body: "OK"}]'), web('{url: "https://x/health", jsonPath: "{$.ignored}"}', "result == 'OK'"));
    expect(measurements(events)).toEqual([[20_000, 'GET https://x/health', 'OK', 'Successful', '']]);
  });

  it('a missing field is client-go\'s "is not found" error behind Argo\'s prefix (webmetric.go:142-145)', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", body: {data: {}}}]'), web('{url: "https://x/a", jsonPath: "{$.data.ok}"}'));
    expect(measurements(events)[0]).toEqual([20_000, 'GET https://x/a', '', 'Error', 'Could not find JSONPath in body: ok is not found']);
  });

  it('a non-2xx status is an Error measurement (webmetric.go:110-112)', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", status: 503, body: {}}]'), web('{url: "https://x/a"}'));
    expect(measurements(events)[0]).toEqual([20_000, 'GET https://x/a', '', 'Error', 'received non 2xx response code: 503']);
  });

  it('a body with GET is refused before any request (webmetric.go:72-76)', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", body: {}}]'), web('{url: "https://x/a", body: "{}"}'));
    expect(measurements(events)[0]).toEqual([20_000, 'GET https://x/a', '', 'Error', 'Body/JSONBody can only be used with POST or PUT WebMetric Method types']);
  });

  it('an answer for another method does not match; a POST with jsonBody does', () => {
    const events = analysisEvents(rollout(), answers('[{url: "https://x/*", method: POST, body: {ok: true}}]'), web('{url: "https://x/a", method: POST, jsonBody: {q: 1}, jsonPath: "{$.ok}"}'));
    expect(measurements(events)[0]).toEqual([20_000, 'POST https://x/a', 'true', 'Successful', '']);
  });

  it('the same answer on a release failing half its requests is false: Failed (the analysis sees the release)', () => {
    const events = analysisEvents(
      rollout(),
      answers(`[{url: "http://metrics.local/check*", query: 'sum(rate(http_requests_total{code="500"}[1m])) / sum(rate(http_requests_total[1m])) < bool 0.05', as: boolean}]`) + '  release: {regressions: [{metric: errorRate, to: 50%}]}\n',
      web('{url: "http://metrics.local/check?svc=agent", jsonPath: "{$.data.ok}"}', 'result == true', '      initialDelay: 2m\n'),
    );
    // Measured 2 min after the run starts at 20 s, once the release has served for a while.
    expect(measurements(events)).toEqual([[140_000, 'GET http://metrics.local/check?svc=agent', 'false', 'Failed', '']]);
  });

  it('argo-rollouts e2e rollout-bg-analysis-withArgs: the Secret\'s URL answered every 10 s of the background analysis', () => {
    // test/e2e/functional/rollout-bg-analysis-withArgs.yaml: analysis from startingStep 1, interval and
    // initialDelay "{{args.analysis-interval}}" = 10s, successCondition result == "{{args.success-condition}}".
    const r = loadScenarioPath('test/scenario/fixtures/rollout-bg-analysis-withArgs');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const sim = createSimulation(r.scenario, { store: createMetricStore() });
    const events: SimEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(120_000);
    const ms = events.filter((e) => e.type === 'Measurement').slice(0, 3);
    const url = 'https://gist.githubusercontent.com/khhirani/2ab11232402518d5277af030dd8916d7/raw/d272f551f2d1806a03974dbaef11dfd55102feea/example.json';
    expect(ms.map((e) => (e.type === 'Measurement' ? [e.t, e.query, e.value, e.phase] : []))).toEqual([
      [30_000, `GET ${url}`, '"It worked!"', 'Successful'],
      [40_000, `GET ${url}`, '"It worked!"', 'Successful'],
      [50_000, `GET ${url}`, '"It worked!"', 'Successful'],
    ]);
  });
});
