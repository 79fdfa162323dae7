/**
 * setMirrorRoute matching per cohort, as Istio evaluates Argo's RouteMatch: within one entry the
 * method, path (Istio's `uri`) and headers must all hold; the entries are alternatives. A cohort
 * that names no method or path is a `GET /`.
 */
import { describe, expect, it } from 'vitest';
import { initialStatus, startUpdate } from '../../src/controller/status.js';
import type { CanaryStep, MirrorMatch, Rollout } from '../../src/model/rollout.js';
import type { Cohort } from '../../src/model/scenario.js';
import { createMetricStore } from '../../src/metrics/store.js';
import { routePlan, type RoutingContext } from '../../src/run/routing.js';
import { createSimulation } from '../../src/run/simulation.js';
import { aCanaryRollout, aScenario, pause } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const cohorts: Cohort[] = [
  { name: 'chat', share: 0.4, headers: { 'x-tier': 'gold' }, method: 'POST', path: '/v1/chat' },
  { name: 'tools', share: 0.3, headers: {}, method: 'POST', path: '/v1/tools' },
  { name: 'color', share: 0.2, headers: { 'x-tier': 'silver' }, method: 'PUT', path: '/color/blue' },
  { name: 'health', share: 0.1, headers: {} }, // GET /
];

/** The cohorts a mirror route with this match copies, by name, with the fraction copied. */
function mirrored(match: MirrorMatch[], percentage = 50): string[] {
  const ctx: RoutingContext = { model: 'router', rsByHash: new Map([['a', 0], ['b', 1]]), primaryService: 0, secondaryService: 1, cohorts };
  const status = { ...startUpdate(initialStatus('a', 1), 'b', 1), managedRoutes: [{ kind: 'mirror' as const, name: 'm', percentage, match }] };
  const plan = routePlan(ctx, status);
  return cohorts.flatMap((c, i) => {
    const m = plan.mirrors[i];
    return m === undefined ? [] : [`${c.name} ${m.fraction} rs${m.rs} svc${m.service}`];
  });
}
const names = (match: MirrorMatch[]) => mirrored(match).map((s) => s.split(' ')[0]);

describe('which cohorts a setMirrorRoute match selects', () => {
  it('method: exact, prefix and anchored regex against the cohort method (default GET)', () => {
    expect(mirrored([{ method: { exact: 'POST' } }])).toEqual(['chat 0.5 rs1 svc1', 'tools 0.5 rs1 svc1']);
    expect(names([{ method: { exact: 'GET' } }])).toEqual(['health']);
    expect(names([{ method: { exact: 'post' } }])).toEqual([]);
    expect(names([{ method: { prefix: 'P' } }])).toEqual(['chat', 'tools', 'color']);
    expect(names([{ method: { regex: 'PUT|GET' } }])).toEqual(['color', 'health']);
    expect(names([{ method: { regex: 'PO' } }])).toEqual([]);
  });

  it('path: exact, prefix and anchored regex against the cohort path (default /)', () => {
    expect(names([{ path: { exact: '/' } }])).toEqual(['health']);
    expect(names([{ path: { prefix: '/' } }])).toEqual(['chat', 'tools', 'color', 'health']);
    expect(names([{ path: { prefix: '/v1/' } }])).toEqual(['chat', 'tools']);
    expect(names([{ path: { prefix: '/color' } }])).toEqual(['color']);
    expect(names([{ path: { regex: '/v[0-9]+/t.*' } }])).toEqual(['tools']);
    expect(names([{ path: { regex: '/v1' } }])).toEqual([]);
  });

  it('all conditions of one entry must hold', () => {
    expect(names([{ method: { exact: 'POST' }, path: { prefix: '/v1/chat' } }])).toEqual(['chat']);
    expect(names([{ method: { exact: 'POST' }, path: { prefix: '/color' } }])).toEqual([]);
    expect(names([{ method: { prefix: 'P' }, headers: { 'x-tier': { exact: 'silver' } } }])).toEqual(['color']);
    expect(names([{ path: { prefix: '/v1' }, headers: { 'x-tier': { regex: 'gold|silver' } } }])).toEqual(['chat']);
    expect(names([{ method: { exact: 'GET' }, headers: { 'x-tier': { prefix: '' } } }])).toEqual([]); // health has no x-tier header
  });

  it('entries are alternatives; an empty entry matches every cohort', () => {
    expect(names([{ method: { exact: 'GET' } }, { path: { prefix: '/color' } }])).toEqual(['color', 'health']);
    expect(names([{ headers: { 'x-tier': { exact: 'gold' } } }, { method: { exact: 'PUT' } }])).toEqual(['chat', 'color']);
    expect(names([{}])).toEqual(['chat', 'tools', 'color', 'health']);
    expect(names([])).toEqual([]);
  });
});

describe('a method/path mirror in a run', () => {
  function mirroredCopies(match: MirrorMatch[]): number {
    const steps: CanaryStep[] = [
      { setCanaryScale: { replicas: 2 }, source: here },
      { setMirrorRoute: { name: 'm', percentage: 50, match }, source: here },
      pause(),
    ];
    const r = aCanaryRollout({}, steps);
    const st = r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>;
    const rollout: Rollout = { ...r, strategy: { ...st, trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: ['m'] } } };
    const scenario = aScenario({ duration: 300_000, traffic: { rate: { kind: 'constant', rps: 20 }, cohorts }, workloads: [rollout] });
    const sim = createSimulation(scenario, { store: createMetricStore() });
    sim.runUntil(scenario.duration);
    sim.finish();
    return sim.world.mirrored;
  }

  it('copies exactly what the equivalent header match copies, and nothing when no cohort matches', () => {
    const byMethodPath = mirroredCopies([{ method: { exact: 'POST' }, path: { exact: '/v1/chat' } }]);
    expect(byMethodPath).toBeGreaterThan(0);
    expect(byMethodPath).toBe(mirroredCopies([{ headers: { 'x-tier': { exact: 'gold' } } }]));
    expect(mirroredCopies([{ method: { exact: 'DELETE' } }, { path: { exact: '/v2' } }])).toBe(0);
  });
});
