/**
 * Canary analysis end to end, on the shipped scenario: real PromQL over the simulated metrics,
 * Argo's measurement and run phases, and the abort they drive.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';

const file = fileURLToPath(new URL('../../scenarios/canary-tool-call-regression.yaml', import.meta.url));

function load(): Scenario {
  const r = loadScenarioPath(file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

function run(scenario: Scenario, seed?: number) {
  const sim = createSimulation(scenario, { store: createMetricStore(), ...(seed === undefined ? {} : { seed }) });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return { summary: sim.finish(), events };
}

describe('canary error-rate analysis on a 6 % tool-call regression', () => {
  it('aborts at the first measurement after the canary takes traffic, with Argo\'s messages', () => {
    const { events, summary } = run(load());
    const analysis = events.filter((e) => ['AnalysisRunStarted', 'Measurement', 'AnalysisRunCompleted', 'RolloutAborted'].includes(e.type));
    expect(analysis).toHaveLength(4);
    expect(analysis[0]).toEqual({ t: 320_000, type: 'AnalysisRunStarted', name: 'agent-rv8mt5frdr-2-2', templates: ['error-rate'], args: { 'canary-hash': 'rv8mt5frdr' } });
    expect(analysis[1]).toMatchObject({ t: 320_000, type: 'Measurement', run: 'agent-rv8mt5frdr-2-2', metric: 'error-rate', phase: 'Failed' });
    const failed = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
    expect(analysis[2]).toEqual({ t: 320_000, type: 'AnalysisRunCompleted', name: 'agent-rv8mt5frdr-2-2', phase: 'Failed', message: failed });
    expect(analysis[3]).toEqual({ t: 320_000, type: 'RolloutAborted', reason: `Step-based analysis phase error/failed: ${failed}` });
    expect(summary).toMatchObject({ outcome: 'aborted', caught: true, detectedAfter: 320_000 });
    expect(summary.harmedShare).toBeLessThan(0.001);
  });

  it('the query the measurement ran is the template\'s, with the canary hash substituted', () => {
    const m = run(load()).events.find((e) => e.type === 'Measurement');
    expect(m?.type === 'Measurement' && m.query).toContain('rollouts_pod_template_hash="rv8mt5frdr"');
    expect(m?.type === 'Measurement' && m.query).not.toContain('{{');
  });

  it('the same manifests with no regression promote in at least 19 of 20 seeds', () => {
    const base = load();
    const healthy: Scenario = { ...base, release: { ...base.release, regressions: [] } };
    const outcomes = Array.from({ length: 20 }, (_, i) => run(healthy, 100 + i).summary.outcome);
    expect(outcomes.filter((o) => o === 'promoted').length).toBeGreaterThanOrEqual(19);
  });
});
