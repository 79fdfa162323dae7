/**
 * Issue 9's acceptance for broken templates: a typo in a condition, a misspelt metric name and an
 * unknown label each give a load warning, and the run's verdict is honest about it — the abort is
 * a false rollback (the healthy twin is rolled back the same way), never "caught".
 * Each case edits the shipped canary-tool-call-regression scenario, whose 6 % tool-call error
 * regression the intact template catches at 5m20s. Its numerator is guarded (`or on() vector(0)`),
 * so a typo there alone reads as 0 errors and passes: a blind pass the warning alone reveals; the
 * cases below break every selector, as a misspelt name written once in a template would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent, SummaryFields, WarningFields } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const FILE = 'scenarios/canary-tool-call-regression.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function run(edit: (text: string) => string): { warnings: WarningFields[]; summary: SummaryFields } {
  const text = edit(TEXT);
  expect(text).not.toBe(TEXT);
  const r = loadScenarioText(text, FILE);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const sim = createSimulation(r.scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(r.scenario.duration);
  const summary = sim.finish();
  return { warnings: events.filter((e): e is SimEvent & WarningFields => e.type === 'Warning'), summary };
}

describe('broken templates: warned at load, and a false rollback, not a catch', () => {
  it('the intact template: no warning, and the regression is caught', () => {
    const { warnings, summary } = run((t) => t.replace('seed: 7', 'seed: 7 '));
    expect(warnings).toEqual([]);
    expect(summary).toMatchObject({ outcome: 'aborted', abortCause: 'failed', caught: true, falseRollback: false });
  });

  it('successCondition: reslt[0] < 0.015', () => {
    const { warnings, summary } = run((t) => t.replace('successCondition: result[0] < 0.015', 'successCondition: reslt[0] < 0.015'));
    expect(warnings.map((w) => w.rule)).toEqual(['condition-unknown-name']);
    expect(warnings[0]?.suggestion).toContain('did you mean "result"?');
    expect(summary).toMatchObject({ outcome: 'aborted', abortCause: 'error', caught: false, falseRollback: true, twin: { abortCause: 'error' } });
  });

  it('a misspelt metric name: http_request_totl (the query\'s every selector)', () => {
    const { warnings, summary } = run((t) => t.replaceAll('rate(http_requests_total{', 'rate(http_request_totl{'));
    expect(warnings.map((w) => w.rule)).toEqual(['query-unknown-metric']);
    expect(warnings[0]?.suggestion).toContain('did you mean "http_requests_total"?');
    expect(summary.caught).toBe(false);
    expect(summary.falseRollback).toBe(true);
    expect(['error', 'noData']).toContain(summary.abortCause);
  });

  it('an unknown label: rollouts_pod_template_hsh (the query\'s every selector)', () => {
    const { warnings, summary } = run((t) => t.replaceAll('{rollouts_pod_template_hash=', '{rollouts_pod_template_hsh='));
    expect(warnings.map((w) => w.rule)).toEqual(['query-unknown-label']);
    expect(warnings[0]?.suggestion).toContain('did you mean "rollouts_pod_template_hash"?');
    expect(summary.caught).toBe(false);
    expect(summary.falseRollback).toBe(true);
    expect(['error', 'noData']).toContain(summary.abortCause);
  });
});
