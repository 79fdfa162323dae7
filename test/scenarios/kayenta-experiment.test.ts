/**
 * kayenta-experiment-baseline: a 12 % slowdown inside the 6 s SLO. The p99 threshold promotes it;
 * Kayenta judging the experiment's baseline against its canary aborts it — and the verdict is
 * true counterfactually: the same Rollout with a healthy release is promoted.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent, SummaryFields } from '../../src/model/events.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioPath } from '../../src/scenario/index.js';

function load(): Scenario {
  const r = loadScenarioPath(fileURLToPath(new URL('../../scenarios/kayenta-experiment-baseline.yaml', import.meta.url)));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

function run(scenario: Scenario, workload: string): { summary: SummaryFields; events: SimEvent[] } {
  const sim = createSimulation(scenario, { store: createMetricStore(), workload });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  return { summary: sim.finish(), events };
}

const MIN = 60_000;

describe('kayenta-experiment-baseline', () => {
  const scenario = load();

  it('the SLO threshold sees p99 ≈ 4.65 s < 6 s and promotes the slower release at 30m40s', () => {
    const { summary, events } = run(scenario, 'agent-threshold');
    const m = events.find((e) => e.type === 'Measurement');
    expect(m?.type === 'Measurement' && [m.phase, Number(m.value.slice(1, -1)).toFixed(2)]).toEqual(['Successful', '4.65']);
    expect([summary.outcome, summary.caught, summary.promotedAfter]).toEqual(['promoted', false, 30 * MIN + 40_000]);
  });

  it('Kayenta scores 50 (p99 High) at 30m35s: the experiment fails and the Rollout aborts, caught', () => {
    const { summary, events } = run(scenario, 'agent-kayenta');
    const m = events.find((e) => e.type === 'Measurement');
    expect(m?.type === 'Measurement' && [m.t, m.value, m.phase, m.judge?.metrics.map((j) => j.classification)]).toEqual([30 * MIN + 35_000, '50', 'Failed', ['High', 'Pass']]);
    expect(events.filter((e) => e.type === 'ExperimentPhaseChanged').map((e) => e.type === 'ExperimentPhaseChanged' && e.phase)).toEqual(['Pending', 'Running', 'Failed']);
    expect([summary.outcome, summary.caught, summary.twin?.abortedAfter]).toEqual(['aborted', true, null]);
  });

  it('without the slowdown the judge scores 100 and the experiment Rollout is promoted', () => {
    const healthy = { ...scenario, release: { ...scenario.release, regressions: [] } };
    const { summary, events } = run(healthy, 'agent-kayenta');
    const m = events.find((e) => e.type === 'Measurement');
    expect(m?.type === 'Measurement' && [m.value, m.phase]).toEqual(['100', 'Successful']);
    expect(summary.outcome).toBe('promoted');
  });
});
