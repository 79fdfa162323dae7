/**
 * The rules that need a Scenario's traffic (src/lint/rules-traffic.ts): detection-power (the
 * smallest error-rate increase a measurement can tell apart, landscape §6.6) and
 * failure-limit-low-traffic (a threshold a healthy canary fails too often at the quietest traffic).
 */
import { describe, expect, it } from 'vitest';
import { parse as parseExpr } from '../../src/analysis/expr/parser.js';
import { countsErrors, exceedOdds, moreThan, powerPoint, thresholdOf, trafficRules } from '../../src/lint/rules-traffic.js';
import { parsePromQL } from '../../src/promql/parse.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { canary, scenarioText, type Parts } from './fixture.js';

const RATIO = 'sum(rate(http_requests_total{service="{{args.svc}}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="{{args.svc}}"}[5m]))';

/** The fixture with the traffic, the baseline error rate and the metric's schedule each test sets. */
function rules(p: Parts & { rps: number; errorRate: string; weight: number; schedule?: string }) {
  const text = scenarioText({ ...p, strategy: canary(p.weight) })
    .replace('traffic: {rps: 5}', `traffic: {rps: ${p.rps}}`)
    .replace('agent: {image: web:v1}', `agent: {image: web:v1, errorRate: ${p.errorRate}}`)
    .replace('      successCondition:', `${p.schedule ?? ''}      successCondition:`);
  const r = loadScenarioText(text, 'case.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  return trafficRules(r.scenario);
}

describe('detection-power', () => {
  it("the issue's figure: 20 rps, setWeight 10, a 5m window ⇒ ≈ 600 canary requests, ≈ 1.6 pp at a 1 % baseline", () => {
    const found = rules({ rps: 20, errorRate: '1%', weight: 10, condition: 'result[0] < 0.05', query: RATIO });
    expect(found.map((f) => `${f.severity} ${f.rule} ${f.line}:${f.column} ${f.path}`)).toEqual(['note detection-power 19:11 spec.strategy.canary.steps[1].analysis']);
    // What this check's 5 % threshold catches (binomial, 80 % of measurements), then the floor no
    // check on this window could beat (the issue's ≈ 1.6 pp).
    expect(found[0]?.message).toBe('at 20 rps and setWeight 10, each 5m window of metric "error-rate" sees ≈ 600 canary requests: its threshold (5 %) catches, in 80 % of measurements, only an error rate above ≈ 5.9 % (+4.9 pp over the 1 % baseline); no check on this window could reliably tell less than ≈ +1.6 pp');
  });
  it('the landscape table scales: 100 rps, 10 %, 5 min ⇒ 0.72 pp against an equal baseline', () => {
    const found = rules({ rps: 100, errorRate: '1%', weight: 10, condition: 'result[0] < 0.05', query: RATIO });
    expect(found[0]?.message).toContain('≈ 3000 canary requests: its threshold (5 %) catches, in 80 % of measurements, only an error rate above ≈ 5.4 %');
    expect(found[0]?.message).toMatch(/could reliably tell less than ≈ \+0\.72 pp$/);
  });
  it('not for a query that does not count errors (task success, latency), nor with no range window', () => {
    expect(rules({ rps: 20, errorRate: '1%', weight: 10, condition: 'result[0] >= 0.9', query: 'sum(rate(agent_task_outcomes_total{outcome="success"}[5m])) / sum(rate(agent_task_outcomes_total[5m]))' })).toEqual([]);
    expect(rules({ rps: 20, errorRate: '1%', weight: 10, condition: 'result[0] < 0.05', query: 'http_requests_total{code="500"}' })).toEqual([]);
  });
});

describe('failure-limit-low-traffic', () => {
  // landscape §6.6: 0.5 canary req/s for 60 s (30 requests), true errors 1 %, threshold 2 % ⇒ 26 % of intervals fail.
  const low = { rps: 5, errorRate: '1%', weight: 10, condition: 'result[0] <= 0.02', query: RATIO.replace(/\[5m\]/g, '[1m]') };
  it('a healthy canary failing 26 % of 1m windows aborts 95 % of the time with failureLimit 0 over 10 measurements', () => {
    const found = rules({ ...low, schedule: '      interval: 1m\n      count: 10\n' }).filter((f) => f.rule === 'failure-limit-low-traffic');
    expect(found.map((f) => `${f.severity} ${f.line}:${f.column}`)).toEqual(['warning 19:11']);
    expect(found[0]?.message).toBe('at 5 rps and setWeight 10, each 1m window of metric "error-rate" sees ≈ 30 canary requests: a healthy canary at 1 % errors exceeds 2 % in 26 % of measurements, so failureLimit 0 over 10 measurements aborts a healthy release 95 % of the time');
    expect(found[0]?.suggestion).toMatch(/^raise failureLimit to 5 \(then 2\.4 %\), widen the query's window/);
  });
  it('not once failureLimit covers it, nor at a threshold the traffic can hold (≤ 5 % at 20 rps)', () => {
    expect(rules({ ...low, schedule: '      interval: 1m\n      count: 10\n      failureLimit: 5\n' }).filter((f) => f.rule === 'failure-limit-low-traffic')).toEqual([]);
    expect(rules({ ...low, rps: 20, condition: 'result[0] <= 0.05', schedule: '      interval: 1m\n      count: 10\n' }).filter((f) => f.rule === 'failure-limit-low-traffic')).toEqual([]);
  });
});

describe('the statistics', () => {
  it('binomial tails reproduce landscape §6.6 (q = 0.03 ⇒ 26 % / 3.5 % / 0.3 % for failureLimit 0 / 1 / 2)', () => {
    expect([0, 1, 2].map((k) => Number((moreThan(10, 0.03, k) * 100).toFixed(1)))).toEqual([26.3, 3.5, 0.3]);
    expect([0, 1, 2, 3].map((k) => Math.round(moreThan(10, 0.2, k) * 100))).toEqual([89, 62, 32, 12]);
    expect(Number((exceedOdds(30, 0.01, 0.02) * 100).toFixed(1))).toBe(26);
    expect(Number((exceedOdds(30, 0.01, 0.05) * 100).toFixed(1))).toBe(3.6);
  });
  it('reads a threshold off either condition, for an error ratio or a success ratio', () => {
    const th = (field: 'successCondition' | 'failureCondition', c: string) => thresholdOf(field, parseExpr(c))?.errorAbove;
    expect(th('successCondition', 'len(result) == 0 || result[0] < 0.05')).toBe(0.05);
    expect(th('successCondition', 'result[0] >= 0.95')).toBeCloseTo(0.05, 12);
    expect(th('failureCondition', 'result[0] > 0.1')).toBe(0.1);
    expect(th('failureCondition', '0.1 < result[0]')).toBe(0.1);
    expect(th('successCondition', 'result[0] < 500')).toBeUndefined(); // a latency, not a ratio
  });
  it('powerPoint: the rate a threshold catches in 80 % of measurements', () => {
    expect(exceedOdds(600, powerPoint(600, 0.05), 0.05)).toBeGreaterThanOrEqual(0.8);
    expect(exceedOdds(600, powerPoint(600, 0.05) - 0.001, 0.05)).toBeLessThan(0.8);
    expect(Number((powerPoint(1200, 0.015) * 100).toFixed(2))).toBe(1.87);
  });
  it('countsErrors: an outcome label or an error family', () => {
    const q = (s: string) => { const p = parsePromQL(s); if (!p.ok) throw new Error(s); return p.expr; };
    expect(countsErrors(q('sum(rate(http_requests_total{code=~"5.."}[5m]))'))).toBe(true);
    expect(countsErrors(q('rate(agent_errors_total[5m])'))).toBe(true);
    expect(countsErrors(q('histogram_quantile(0.99, rate(http_request_duration_seconds_bucket[5m]))'))).toBe(false);
  });
});
