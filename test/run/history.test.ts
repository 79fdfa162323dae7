/**
 * The world's history before the update (issue 9 point 4): the engine starts early enough that an
 * unscoped query has data at the first measurement, and t = 0 stays the scenario's start.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisTemplate, CanaryStrategy, Rollout, RolloutAnalysis } from '../../src/model/rollout.js';
import type { SimEvent } from '../../src/model/events.js';
import { createMetricStore } from '../../src/metrics/store.js';
import { historyMs } from '../../src/run/history.js';
import { createSimulation, queryLookbackMs } from '../../src/run/simulation.js';
import { lookbackMs } from '../../src/promql/lookback.js';
import { parsePromQL } from '../../src/promql/parse.js';
import { aCanaryRollout, aScenario, setWeight } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };

function template(query: string, args: AnalysisTemplate['args'] = []): AnalysisTemplate {
  return {
    kind: 'AnalysisTemplate', name: 'error-rate', args, dryRun: [], measurementRetention: [], source: here,
    metrics: [{
      name: 'error-rate', interval: 60_000, initialDelay: undefined, count: 1, successCondition: 'result[0] < 0.05', failureCondition: undefined,
      failureLimit: 0, inconclusiveLimit: undefined, consecutiveErrorLimit: undefined, consecutiveSuccessLimit: undefined,
      provider: { prometheus: { address: undefined, query } }, source: here,
    }],
  };
}

/** The Rollout with a background analysis from step 0: its first measurement is at t = 0. */
function background(r: Rollout): Rollout {
  const analysis: RolloutAnalysis = { templates: [{ templateName: 'error-rate', clusterScope: false }], args: [], dryRun: [], measurementRetention: [], startingStep: undefined };
  return { ...r, strategy: { ...(r.strategy as CanaryStrategy), analysis } };
}

function lookback(q: string): number {
  const p = parsePromQL(q);
  if (!p.ok) throw new Error(p.error);
  return lookbackMs(p.expr);
}

describe('how far back a query reads', () => {
  it('ranges, offsets, the 5 m lookback of instant selectors and subqueries', () => {
    expect(lookback('sum(rate(x[10m] offset 5m)) / sum(rate(x[1m]))')).toBe(900_000);
    expect(lookback('max_over_time(rate(x[2m])[30m:1m])')).toBe(1_920_000);
    expect(lookback('x')).toBe(300_000);
    expect(lookback('1 + 1')).toBe(0);
  });

  it('templates: args at their values, a placeholder otherwise; a query that cannot parse counts 0', () => {
    expect(queryLookbackMs([template('sum(rate(x{a="{{args.svc}}"}[20m]))', [{ name: 'svc', value: undefined }])])).toBe(1_200_000);
    expect(queryLookbackMs([template('sum(rate(x[{{args.w}}]))', [{ name: 'w', value: '45m' }])])).toBe(2_700_000);
    expect(queryLookbackMs([template('sum(rate(x[{{args.w}}]))', [{ name: 'w', value: undefined }])])).toBe(0);
  });

  it('the history: at least 5 minutes and the longest lookback, less release.at, in whole scrapes', () => {
    expect(historyMs(15_000, 0, 0)).toBe(300_000);
    expect(historyMs(15_000, 0, 600_000)).toBe(600_000);
    expect(historyMs(15_000, 120_000, 0)).toBe(180_000);
    expect(historyMs(15_000, 100_000, 0)).toBe(210_000);
    expect(historyMs(15_000, 600_000, 0)).toBe(0);
  });
});

describe('a run with history', () => {
  function run(query: string) {
    const scenario = aScenario({
      duration: 120_000,
      workloads: [background(aCanaryRollout({}, [setWeight(20)]))],
      analysisTemplates: [template(query)],
    });
    const sim = createSimulation(scenario, { store: createMetricStore() });
    const events: SimEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(scenario.duration);
    const summary = sim.finish();
    return { events, summary };
  }

  it('an unscoped 5 m query has data at its first measurement (no "no data" errors), and no event is before t = 0', () => {
    const { events, summary } = run('sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m]))');
    const first = events.find((e) => e.type === 'Measurement');
    expect(first).toMatchObject({ t: 0, type: 'Measurement', phase: 'Successful' });
    expect(events[0]?.type).toBe('SimulationStarted');
    expect(events.every((e) => e.t >= 0)).toBe(true);
    // The history's requests are no user requests of the scenario's window: 40 rps × 120 s ≈ 4800.
    // Exactly (seed 7), and every one accounted for: a history request counted on completion would
    // make completed + in flight + unserved exceed the arrivals.
    expect(summary.arrivedRequests).toBe(4864);
    expect(summary.completedRequests + summary.inFlightRequests + summary.unservedRequests).toBe(summary.arrivedRequests);
  });
});
