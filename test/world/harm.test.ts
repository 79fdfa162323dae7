/**
 * The release's error mix and its counterfactual harm, recomputed independently from each
 * request's own draws (the world hands them to an observer).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { createSimulation } from '../../src/run/simulation.js';
import { createMetricStore } from '../../src/metrics/store.js';
import type { CompletedRequest } from '../../src/world/world.js';
import { aCanaryRollout, aRegression, aScenario, setWeight } from '../helpers/builders.js';

const TOOL_CALL = 1;

function run(regressions: ReturnType<typeof aRegression>[], seed = 3) {
  const scenario = aScenario({
    seed,
    traffic: {
      rate: { kind: 'constant', rps: 20 },
      cohorts: [
        { name: 'chat', share: 0.6, headers: {} },
        { name: 'tool-call', share: 0.3, headers: {} },
        { name: 'long-context', share: 0.1, headers: {} },
      ],
    },
    release: { image: 'agent:v2', at: 0, regressions },
    workloads: [aCanaryRollout({}, [setWeight(50)])],
  });
  const done: CompletedRequest[] = [];
  const sim = createSimulation(scenario, { store: createMetricStore(), onComplete: (r) => done.push(r) });
  sim.runUntil(scenario.duration);
  return { summary: sim.finish(), done, scenario };
}

describe('an errorRate regression on one cohort', () => {
  const { summary, done } = run([aRegression({ metric: 'errorRate', cohort: 'tool-call', to: 0.06 })]);
  const release = done.filter((r) => r.version === 1);

  it('gives the release the expected error mix (0.7 × 0.5 % + 0.3 × 6 % = 2.15 %)', () => {
    const expected = 0.7 * 0.005 + 0.3 * 0.06;
    const n = summary.versions.release.requests;
    const sd = Math.sqrt((expected * (1 - expected)) / n);
    expect(n).toBeGreaterThan(40_000);
    expect(Math.abs((summary.versions.release.errorRate ?? 0) - expected)).toBeLessThan(4 * sd);
    expect(Math.abs((summary.versions.stable.errorRate ?? 0) - 0.005)).toBeLessThan(0.002);
  });

  it('counts as harmed exactly the tool-call requests the release failed and stable would not have', () => {
    const recomputed = release.filter((r) => r.cohort === TOOL_CALL && r.uError >= 0.005 && r.uError < 0.06).length;
    expect(summary.harmedRequests).toBe(recomputed);
    expect(release.filter((r) => r.harmed).length).toBe(recomputed);
    expect(summary.releaseRequests).toBe(release.length);
    expect(summary.harmedShare).toBeCloseTo(recomputed / done.length, 6);
  });

  it('never harms a request of an unaffected cohort, nor one served by stable', () => {
    expect(done.filter((r) => r.harmed && (r.cohort !== TOOL_CALL || r.version === 0))).toEqual([]);
  });
});

describe('a latency regression that grows with pod age', () => {
  const { summary, done, scenario } = run([aRegression({ metric: 'latency', factor: 3, after: 20 * 60_000, ramp: 10 * 60_000 })]);
  const sigma = Math.log(4000 / 900) / 2.3263478740408408;
  const ms = (z: number, factor: number) => Math.max(1, Math.round(Math.exp(Math.log(900) + Math.log(factor) + sigma * z)));

  it('harms exactly the requests that miss the SLO end to end on the release and would not on stable', () => {
    const slo = scenario.slo.latency;
    const strength = (ageAtStart: number) => Math.min(1, Math.max(0, (ageAtStart - 20 * 60_000) / (10 * 60_000)));
    // A request served while the leak was in effect is on a pod the release slowed: its whole wait
    // counts. Before, the release pod was exactly a stable one (the factor is 1): never harm.
    const harmed = (r: CompletedRequest) => r.version === 1 && strength(r.podAge - r.serviceMs) > 0 && r.completion - r.arrival > slo && ms(r.z, 1) <= slo;
    const recomputed = done.filter(harmed);
    expect(recomputed.length).toBeGreaterThan(100);
    expect(summary.harmedRequests).toBe(recomputed.length);
    expect(done.filter((r) => r.harmed)).toEqual(recomputed);
    // Some of them were served within the SLO and missed it only for the queue.
    expect(recomputed.filter((r) => r.serviceMs <= slo).length).toBeGreaterThan(0);
  });

  it('a release request that would miss the SLO on stable too is never harm, however long it waited', () => {
    const slo = scenario.slo.latency;
    const bothSlow = done.filter((r) => r.version === 1 && r.completion - r.arrival > slo && ms(r.z, 1) > slo);
    expect(bothSlow.length).toBeGreaterThan(0);
    expect(bothSlow.filter((r) => r.harmed)).toEqual([]);
  });

  it('harms nobody before the pods are 20 minutes old', () => {
    expect(done.filter((r) => r.harmed && r.podAge < 20 * 60_000)).toEqual([]);
  });
});

describe('latency-leak-pod-age (agent-quick): harm end to end', () => {
  it('2222 harmed: 1846 the release served past the 6 s SLO, 376 more that waited past it in a slowed pod\'s queue', () => {
    const file = 'scenarios/latency-leak-pod-age.yaml';
    const r = loadScenarioText(readFileSync(file, 'utf8'), file);
    if (!r.ok) throw new Error('load');
    const done: CompletedRequest[] = [];
    const sim = createSimulation(r.scenario, { store: createMetricStore(), onComplete: (c) => done.push(c) });
    sim.runUntil(r.scenario.duration);
    const summary = sim.finish();
    const harmed = done.filter((c) => c.harmed);
    expect(summary).toMatchObject({ rollout: 'agent-quick', harmedRequests: 2222 });
    expect(harmed.length).toBe(2222);
    expect(harmed.filter((c) => c.serviceMs > 6000).length).toBe(1846);
    expect(harmed.every((c) => c.version === 1 && c.completion - c.arrival > 6000)).toBe(true);
  });
});
