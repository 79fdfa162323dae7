/**
 * Property test over the whole pipeline: random (valid) scenarios — any strategy, step list,
 * regressions, traffic and operator actions — run to completion without throwing, and the trace
 * keeps its invariants: time never goes back, weights stay in [0, 100], replica counts are
 * non-negative, the Summary is consistent, and the same input gives the same trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import type { CanaryStep, Rollout, Workload } from '../../src/model/rollout.js';
import type { OperatorActionName, Scenario } from '../../src/model/scenario.js';
import { createSimulation } from '../../src/run/simulation.js';
import { aBlueGreenRollout, aCanaryRollout, aDeployment, aRegression, aScenario } from '../helpers/builders.js';

const here = { file: 'p.yaml', line: 1, column: 1 };
const step = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((w): CanaryStep => ({ setWeight: w, source: here })),
  fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }).map((s): CanaryStep => ({ pause: { duration: s === undefined ? undefined : s * 1000 }, source: here })),
  fc.integer({ min: 1, max: 6 }).map((n): CanaryStep => ({ setCanaryScale: { replicas: n }, source: here })),
);
const workload = fc.record({
  kind: fc.constantFrom('routed', 'basic', 'dss', 'bluegreen', 'deployment'),
  replicas: fc.integer({ min: 1, max: 12 }),
  steps: fc.array(step, { maxLength: 6 }),
  auto: fc.boolean(),
  surge: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom<`${number}%`>('0%', '25%', '50%')),
  unavailable: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom<`${number}%`>('25%', '50%')),
}).map(({ kind, replicas, steps, auto, surge, unavailable }): Workload => {
  if (kind === 'deployment') return aDeployment({ replicas, maxSurge: surge, maxUnavailable: unavailable });
  if (kind === 'bluegreen') return aBlueGreenRollout({ autoPromotionEnabled: auto, previewReplicaCount: auto ? undefined : 1 }, { replicas });
  const r = aCanaryRollout({ replicas }, kind === 'basic' ? steps.filter((s) => !('setCanaryScale' in s)) : steps);
  const st = r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>;
  if (kind === 'basic') return { ...r, strategy: { ...st, trafficRouting: undefined, scaleDownDelaySeconds: undefined, maxSurge: surge, maxUnavailable: unavailable } };
  return kind === 'dss' ? { ...r, strategy: { ...st, dynamicStableScale: true, scaleDownDelaySeconds: undefined } } : r;
});
const regression = fc.oneof(
  fc.double({ min: 0, max: 0.5, noNaN: true }).map((to) => aRegression({ metric: 'errorRate', to })),
  fc.double({ min: 1, max: 4, noNaN: true }).map((factor) => aRegression({ metric: 'latency', factor, after: 60_000, ramp: 120_000 })),
  fc.double({ min: 0, max: 0.02, noNaN: true }).map((to) => aRegression({ metric: 'crashRate', to })),
  fc.double({ min: -0.5, max: 0, noNaN: true }).map((delta) => aRegression({ metric: 'taskSuccess', delta, whenUtilizationAbove: 0.5 })),
);
const operator = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: 900 }).map((s) => s * 1000), action: fc.constantFrom<OperatorActionName>('promote', 'promoteFull', 'abort', 'retry', 'pause', 'resume') }),
  { maxLength: 4 },
).map((ops) => ops.map((o) => ({ ...o, rollout: undefined })));

const scenarioArb = fc.record({
  w: workload, regs: fc.array(regression, { maxLength: 2 }), ops: operator,
  rps: fc.integer({ min: 1, max: 15 }), seed: fc.integer({ min: 0, max: 1000 }), at: fc.integer({ min: 0, max: 120 }),
}).map(({ w, regs, ops, rps, seed, at }): Scenario => aScenario({
  seed, duration: 900_000, workloads: [w], operator: ops,
  traffic: { rate: { kind: 'constant', rps }, cohorts: aScenario().traffic.cohorts },
  release: { image: 'agent:v2', at: at * 1000, regressions: regs },
}));

function trace(s: Scenario): SimEvent[] {
  const sim = createSimulation(s, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(s.duration);
  sim.finish();
  return events;
}

describe('any valid scenario', () => {
  it('runs to the end and keeps the trace invariants', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const events = trace(s);
        let t = 0;
        for (const e of events) {
          expect(e.t).toBeGreaterThanOrEqual(t);
          t = e.t;
          if (e.type === 'WeightChanged') for (const w of [e.canary, e.stable, e.actual]) expect(w >= 0 && w <= 100).toBe(true);
          if (e.type === 'ReplicaSetScaled') expect(e.replicas).toBeGreaterThanOrEqual(0);
        }
        const summary = events.at(-1);
        expect(summary?.type).toBe('Summary');
        if (summary?.type !== 'Summary') return;
        expect(summary.harmedRequests).toBeLessThanOrEqual(summary.releaseRequests);
        expect(summary.releaseRequests).toBeLessThanOrEqual(summary.completedRequests);
        expect(summary.caught && summary.falseRollback).toBe(false);
        if (summary.outcome !== 'aborted') expect(summary.caught || summary.falseRollback).toBe(false);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });

  it('gives the same trace twice', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(trace(s))).toBe(JSON.stringify(trace(s)));
      }),
      { numRuns: 15 },
    );
  });
});
