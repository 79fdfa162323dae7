/**
 * Traffic-routed canary features, checked against Argo's worked examples (argo-semantics §4.3,
 * §4.4) and the request-level behaviour of header and mirror routes.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { CanaryStep, Rollout } from '../../src/model/rollout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createMetricStore } from '../../src/metrics/store.js';
import { createSimulation } from '../../src/run/simulation.js';
import type { CompletedRequest } from '../../src/world/world.js';
import { aCanaryRollout, aRegression, aScenario, pause, setWeight, traceOf } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const quiet: Scenario['traffic'] = { rate: { kind: 'constant', rps: 2 }, cohorts: [{ name: 'chat', share: 1, headers: {} }] };
const op = (at: number) => ({ at, action: 'promote' as const, rollout: undefined });
const compact = (events: SimEvent[]) =>
  events.flatMap((e) => {
    if (e.type === 'ReplicaSetScaled') return [`${e.t / 1000}s ${e.role} ${e.replicas}`];
    if (e.type === 'WeightChanged') return [`${e.t / 1000}s weight ${e.canary}`];
    if (e.type === 'RolloutPromoted') return [`${e.t / 1000}s promoted`];
    return [];
  });

describe("Argo's worked example (R=10): setWeight, setCanaryScale, matchTrafficWeight", () => {
  const steps: CanaryStep[] = [
    setWeight(10), pause(), { setCanaryScale: { replicas: 5 }, source: here }, setWeight(30),
    { setCanaryScale: { matchTrafficWeight: true }, source: here }, setWeight(60),
  ];
  it('gives the pod counts and router weights of argo-semantics §4.3', () => {
    const events = traceOf(aScenario({ duration: 400_000, traffic: quiet, workloads: [aCanaryRollout({}, steps)], operator: [op(60_000)] }));
    expect(compact(events)).toEqual([
      '0s canary 1', '20s weight 10', // setWeight 10: 1 canary pod, then the weight
      '60s canary 5', // setCanaryScale replicas 5 (weight stays 10)
      '80s weight 30', // setWeight 30: the 5 pods are kept
      '80s canary 3', // matchTrafficWeight: back to ceil(30 % × 10)
      '80s canary 6', '100s weight 60', // setWeight 60: 6 pods, then the weight
      '100s canary 10', '120s weight 100', '120s promoted', '120s weight 0', '150s stable 0',
    ]);
  });
});

describe('dynamicStableScale (argo-semantics §4.4)', () => {
  it('shrinks the stable only after traffic has left it and drops the old stable at once on promotion', () => {
    const r = aCanaryRollout({}, [setWeight(20), pause(60_000), setWeight(60), pause(60_000)]);
    const dss: Rollout = { ...r, strategy: { ...(r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>), dynamicStableScale: true, scaleDownDelaySeconds: undefined } };
    expect(compact(traceOf(aScenario({ duration: 300_000, traffic: quiet, workloads: [dss] })))).toEqual([
      '0s canary 2', '20s weight 20', '20s stable 8',
      '80s canary 6', '100s weight 60', '100s stable 4',
      '160s canary 10', '180s weight 100', '180s promoted', '180s weight 0', '180s stable 0',
    ]);
  });
});

describe('setHeaderRoute and setMirrorRoute', () => {
  const cohorts: Scenario['traffic']['cohorts'] = [
    { name: 'public', share: 0.9, headers: { 'x-user-type': 'public' } },
    { name: 'internal', share: 0.1, headers: { 'x-user-type': 'internal' } },
  ];
  const withRouter = (steps: CanaryStep[]): Rollout => {
    const r = aCanaryRollout({}, steps);
    const st = r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>;
    return { ...r, strategy: { ...st, trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: ['internal', 'shadow'] } } };
  };
  function run(steps: CanaryStep[]) {
    const scenario = aScenario({ duration: 600_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts }, workloads: [withRouter(steps)], release: { image: 'agent:v2', at: 0, regressions: [aRegression({ to: 0.5 })] } });
    const done: CompletedRequest[] = [];
    const sim = createSimulation(scenario, { store: createMetricStore(), onComplete: (r) => done.push(r) });
    sim.runUntil(scenario.duration);
    return { done, summary: sim.finish(), world: sim.world };
  }

  it('a header route sends every matching request, and only those, to the canary at weight 0', () => {
    const { done } = run([
      setWeight(0), { setCanaryScale: { replicas: 1 }, source: here },
      { setHeaderRoute: { name: 'internal', match: [{ headerName: 'x-user-type', headerValue: { exact: 'internal' } }] }, source: here },
      pause(),
    ]);
    const afterReady = done.filter((r) => r.arrival > 25_000);
    expect(afterReady.filter((r) => r.cohort === 1).every((r) => r.version === 1)).toBe(true);
    expect(afterReady.filter((r) => r.cohort === 0).every((r) => r.version === 0)).toBe(true);
    expect(afterReady.filter((r) => r.cohort === 1).length).toBeGreaterThan(500);
  });

  it('a mirror copies requests to the canary: measured there, never answering users, never harm', () => {
    const { done, summary, world } = run([
      { setCanaryScale: { replicas: 5 }, source: here },
      { setMirrorRoute: { name: 'shadow', percentage: 50, match: [{ headers: { 'x-user-type': { regex: '.*' } } }] }, source: here },
      pause(),
    ]);
    expect(done.every((r) => r.version === 0)).toBe(true);
    expect(summary.releaseRequests).toBe(0);
    expect(summary.harmedRequests).toBe(0);
    const afterReady = done.filter((r) => r.arrival > 25_000).length;
    expect(world.mirrored / afterReady).toBeGreaterThan(0.45);
    expect(world.mirrored / afterReady).toBeLessThan(0.55);
  });

  it('a setMirrorRoute without a match removes the route, as Argo does (it will not mirror without one)', () => {
    const { world } = run([
      { setCanaryScale: { replicas: 5 }, source: here },
      { setMirrorRoute: { name: 'shadow', percentage: 50, match: [{ headers: { 'x-user-type': { exact: 'internal' } } }] }, source: here },
      pause(120_000),
      { setMirrorRoute: { name: 'shadow', percentage: 100, match: [] }, source: here },
      pause(),
    ]);
    // Mirrored only while the route stood: about 50 % of the internal 10 % for two minutes.
    expect(world.mirrored).toBeGreaterThan(50);
    expect(world.mirrored).toBeLessThan(200);
  });
});

describe('dynamicStableScale abort', () => {
  it('walkBackWeight steps down through the lower setWeights as stable pods can carry the rest', async () => {
    const { walkBackWeight } = await import('../../src/controller/steps.js');
    const steps = [setWeight(20), setWeight(40), setWeight(60)];
    expect(walkBackWeight(steps, 60, 4, 10)).toBe(60);
    expect(walkBackWeight(steps, 60, 6, 10)).toBe(40);
    expect(walkBackWeight(steps, 60, 8, 10)).toBe(20);
    expect(walkBackWeight(steps, 60, 10, 10)).toBe(0);
  });

  it('keeps traffic on the canary until the stable pods are back, then moves it and drops the canary', () => {
    const r = aCanaryRollout({}, [setWeight(20), pause(60_000), setWeight(60), pause()]);
    const dss: Rollout = { ...r, strategy: { ...(r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>), dynamicStableScale: true, scaleDownDelaySeconds: undefined, abortScaleDownDelaySeconds: undefined } };
    const events = traceOf(aScenario({ duration: 600_000, traffic: quiet, workloads: [dss], operator: [{ at: 300_000, action: 'abort', rollout: undefined }] }));
    expect(compact(events.filter((e) => e.t >= 300_000))).toEqual(['300s stable 10', '320s weight 0', '320s canary 0']);
  });
});
