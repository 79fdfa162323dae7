/**
 * The healthy twin: the same inputs with the regressions never starting, run up to the abort.
 * Its draws are the run's own (its trace is a no-regression run's trace prefix), and it decides
 * caught against falseRollback on shipped scenarios and their blind variants.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { formatSummary } from '../../src/report/summary-text.js';
import { createComparison } from '../../src/run/compare.js';
import { createSimulationCore, NO_ANALYSIS, runHealthyTwin } from '../../src/run/simulation-core.js';
import { ANALYSIS, createSimulation } from '../../src/run/simulation.js';
import { twinScenario } from '../../src/run/twin.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { CompletedRequest } from '../../src/world/world.js';
import { aRegression, aScenario, MIN } from '../helpers/builders.js';

function load(name: string, edit: (text: string) => string = (t) => t): Scenario {
  const file = `scenarios/${name}.yaml`;
  const r = loadScenarioText(edit(readFileSync(file, 'utf8')), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

function run(scenario: Scenario, until = scenario.duration): { events: SimEvent[]; summary: SummaryFields } {
  const sim = createSimulation(scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(until);
  return { events, summary: sim.finish() };
}

const outcomeLine = (s: SummaryFields): string => formatSummary(s, { color: false })[2] as string;

describe('twinScenario', () => {
  it('keeps every regression but never starts it, and replays every operator action but abort', () => {
    const s = aScenario({
      release: { image: 'agent:v2', at: 0, regressions: [aRegression({ metric: 'errorRate', to: 0.06 })] },
      operator: [{ at: 15 * MIN, action: 'abort', rollout: undefined }, { at: 20 * MIN, action: 'promote', rollout: undefined }],
    });
    const twin = twinScenario(s, 'agent', [{ at: 3000, action: 'abort' }, { at: 4000, action: 'retry' }]);
    expect(twin.release.regressions.map((r) => [r.metric, r.to, r.after])).toEqual([['errorRate', 0.06, Infinity]]);
    expect(twin.operator).toEqual([{ at: 20 * MIN, action: 'promote', rollout: undefined }, { at: 4000, action: 'retry', rollout: 'agent' }]);
    expect(twin.traffic).toBe(s.traffic);
  });
});

describe('the twin draws what the run drew', () => {
  it('its trace is the prefix of a run of the same scenario without regressions (canary-tool-call-regression, to 320 s)', () => {
    const scenario = load('canary-tool-call-regression');
    const twin: SimEvent[] = [];
    const abort = runHealthyTwin(scenario, { seed: scenario.seed, workload: 'agent', sent: [] }, ANALYSIS, 320_000, (e) => twin.push(e));
    expect(abort).toBeUndefined();
    const healthy = run({ ...scenario, release: { ...scenario.release, regressions: [] } }).events.filter((e) => e.t <= 320_000 && e.type !== 'Summary');
    expect(twin.map((e) => e.type)).toContain('Measurement');
    expect(twin.length).toBe(20);
    expect(twin).toEqual(healthy);
  });

  it('a crashRate regression makes every request take a crash draw: the twin keeps it, deleting the regression would shift every draw', () => {
    // The release starts at 10m: until then every request is stable's, so the three runs differ only in their draws.
    const scenario = aScenario({ release: { image: 'agent:v2', at: 10 * MIN, regressions: [aRegression({ metric: 'crashRate', to: 0.01 })] } });
    const draws = (s: Scenario): string[] => {
      const done: CompletedRequest[] = [];
      const sim = createSimulationCore(s, { store: createMetricStore(), onComplete: (r) => done.push(r) }, NO_ANALYSIS);
      sim.runUntil(5 * MIN);
      return done.map((r) => `${r.arrival} ${r.cohort} ${r.z} ${r.uError} ${r.uTask}`);
    };
    const real = draws(scenario);
    expect(real.length).toBeGreaterThan(10_000);
    expect(draws(twinScenario(scenario, 'agent', []))).toEqual(real);
    expect(draws({ ...scenario, release: { ...scenario.release, regressions: [] } })).not.toEqual(real);
  });
});

describe('caught is judged against the healthy twin', () => {
  it('canary-tool-call-regression: the twin passes the analysis, so the abort at 5m20s caught the regression', () => {
    const { summary } = run(load('canary-tool-call-regression'));
    expect(summary).toMatchObject({
      outcome: 'aborted', abortCause: 'failed', caught: true, falseRollback: false, detectedAfter: 320_000,
      abortDetail: 'analysis failed: error-rate = 0.0154, not result[0] < 0.015', twin: { abortedAfter: null, abortCause: null },
    });
    expect(outcomeLine(summary)).toBe('  outcome   aborted after 5m20s: analysis failed: error-rate = 0.0154, not result[0] < 0.015 — the healthy release would have gone on: the regression was caught');
  });

  it('a blind analysis (low-traffic-nan with a 6 % regression): run and twin both abort for want of data: a false rollback', () => {
    const scenario = load('low-traffic-nan', (t) => t.replace('  release:\n    image: agent:v2\n', '  release:\n    image: agent:v2\n    regressions:\n      - {metric: errorRate, to: 6%}\n'));
    expect(scenario.release.regressions.length).toBe(1);
    const { summary } = run(scenario);
    // At 20 rps the canary's few requests have no error series yet when the unguarded result[0]
    // is measured: the run aborts for want of data at 4m0s — and so does its healthy twin.
    expect(summary).toMatchObject({
      outcome: 'aborted', regressionInEffect: true, abortCause: 'noData', caught: false, falseRollback: true, detectedAfter: null,
      abortedAfter: 240_000, twin: { abortedAfter: 240_000, abortCause: 'noData' },
    });
    expect(outcomeLine(summary)).toBe('  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: the healthy release would be rolled back the same way: this analysis is blind');
  });

  it('a task-success regression the error query cannot see: the run and its twin abort the same way for want of data', () => {
    const scenario = load('low-traffic-nan', (t) => t.replace('  release:\n    image: agent:v2\n', '  release:\n    image: agent:v2\n    regressions:\n      - {metric: taskSuccess, delta: -10%}\n'));
    const { summary } = run(scenario);
    expect(summary).toMatchObject({ regressionInEffect: true, abortCause: 'noData', caught: false, falseRollback: true, abortedAfter: 240_000, twin: { abortedAfter: 240_000, abortCause: 'noData' } });
    expect(outcomeLine(summary)).toBe('  outcome   aborted after 4m0s: 5 consecutive measurement errors (the query matched no series) — FALSE ROLLBACK: the healthy release would be rolled back the same way: this analysis is blind');
  });

  it('a typo in the condition (reslt[0]) errs on every release alike: abortCause error, not caught', () => {
    const scenario = load('canary-tool-call-regression', (t) => t.replace('result[0] < 0.015', 'reslt[0] < 0.015'));
    const { summary } = run(scenario);
    expect(summary).toMatchObject({ outcome: 'aborted', abortCause: 'error', caught: false, falseRollback: true });
    expect(summary.twin).toEqual({ abortedAfter: summary.abortedAfter, abortCause: 'error' });
    expect(summary.abortDetail).toMatch(/^5 consecutive measurement errors \(.*reslt.*\)$/);
    expect(outcomeLine(summary)).toMatch(/— FALSE ROLLBACK: the healthy release would be rolled back the same way: this analysis is blind$/);
  });

  it("an operator's abort is not replayed on the twin: canary-manual-abort's abort at 15m is a catch", () => {
    const { summary } = run(load('canary-manual-abort'));
    expect(summary).toMatchObject({ abortCause: 'operator', abortDetail: 'by the operator', caught: true, falseRollback: false, twin: { abortedAfter: null, abortCause: null } });
  });

  it('a run that does not abort runs no twin', () => {
    expect(run(load('canary-happy-path')).summary).toMatchObject({ outcome: 'promoted', twin: null, abortDetail: null, caught: false, falseRollback: false });
  });

  it('compare: each workload has its own twin (latency-leak-pod-age: the background analysis caught the leak)', () => {
    const scenario = load('latency-leak-pod-age');
    const cmp = createComparison(scenario);
    cmp.runUntil(scenario.duration);
    const [background, quick] = cmp.finish().sort((a, b) => a.rollout.localeCompare(b.rollout));
    expect(background).toMatchObject({ rollout: 'agent-background', outcome: 'aborted', caught: true, twin: { abortedAfter: null, abortCause: null }, harmedRequests: 57 });
    expect(quick).toMatchObject({ rollout: 'agent-quick', outcome: 'promoted', twin: null, harmedRequests: 2222 });
  });
});
