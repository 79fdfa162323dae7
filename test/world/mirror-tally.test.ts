/**
 * The mirror tally: the shadow copies a setMirrorRoute sends to the canary are measured apart from
 * user traffic. Checked against the canary pods' own Prometheus series (an independent count: the
 * pods' counters, not the tally, feed them), and against the user-side counts they must not touch.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/model/events.js';
import type { CanaryStep, Rollout } from '../../src/model/rollout.js';
import type { Scenario } from '../../src/model/scenario.js';
import { createMetricStore, type MetricStore } from '../../src/metrics/store.js';
import { createSimulation } from '../../src/run/simulation.js';
import { LE } from '../../src/world/pod-metrics.js';
import type { CompletedRequest } from '../../src/world/world.js';
import { aCanaryRollout, aRegression, aScenario, pause } from '../helpers/builders.js';

const here = { file: 't.yaml', line: 1, column: 1 };
const READ_ONLY = { 'x-agent-side-effects': 'none' };
const cohorts: Scenario['traffic']['cohorts'] = [
  { name: 'chat', share: 0.6, headers: READ_ONLY },
  { name: 'tool-call', share: 0.3, headers: {} },
  { name: 'long-context', share: 0.1, headers: READ_ONLY },
];

function shadowRollout(percentage: number): Rollout {
  const steps: CanaryStep[] = [
    { setCanaryScale: { replicas: 4 }, source: here },
    { setMirrorRoute: { name: 'shadow', percentage, match: [{ headers: { 'x-agent-side-effects': { exact: 'none' } } }] }, source: here },
    pause(),
  ];
  const r = aCanaryRollout({}, steps);
  const st = r.strategy as Extract<Rollout['strategy'], { type: 'canary' }>;
  return { ...r, strategy: { ...st, trafficRouting: { router: 'istio', maxTrafficWeight: 100, managedRoutes: ['shadow'] } } };
}

/**
 * 15 minutes (a multiple of the 15 s scrape, so the last scrape sees every completion), paused at
 * weight 0. The update at 5 m is the world's whole history (run/history.ts), so the engine starts at
 * t = 0 and the pods' counters count exactly the scenario's requests.
 */
function run(percentage: number) {
  const scenario = aScenario({
    duration: 900_000,
    traffic: { rate: { kind: 'constant', rps: 20 }, cohorts },
    workloads: [shadowRollout(percentage)],
    release: { image: 'agent:v2', at: 300_000, regressions: [aRegression({ to: 0.03 })] },
  });
  const store = createMetricStore();
  const done: CompletedRequest[] = [];
  const events: SimEvent[] = [];
  const sim = createSimulation(scenario, { store, onComplete: (r) => done.push(r) });
  sim.subscribe((e) => events.push(e));
  sim.runUntil(scenario.duration);
  const summary = sim.finish();
  const canary = events.find((e) => e.type === 'ReplicaSetScaled' && e.role === 'canary');
  const hash = canary?.type === 'ReplicaSetScaled' ? canary.hash : '';
  return { summary, done, store, world: sim.world, hash };
}

/** Sum over a pod-template hash's series of one metric of each series' last value. */
function total(store: MetricStore, name: string, hash: string, where: (labels: Readonly<Record<string, string>>) => boolean = () => true): number {
  let sum = 0;
  for (let ref = 0; ref < store.seriesCount; ref++) {
    const s = store.series(ref);
    if (s.labels.__name__ !== name || s.labels.rollouts_pod_template_hash !== hash || !where(s.labels) || s.n === 0) continue;
    sum += s.v[s.n - 1] as number;
  }
  return sum;
}

describe('the mirror tally', () => {
  const { summary, done, store, world, hash } = run(30);
  const m = world.mirrorTally;

  it('counts exactly the copies the canary pods completed: requests, errors (5xx) and task successes', () => {
    expect(hash).not.toBe('');
    expect(m.requests).toBeGreaterThan(1000);
    expect(m.requests).toBe(total(store, 'http_requests_total', hash));
    expect(m.errors).toBe(total(store, 'http_requests_total', hash, (l) => l.code !== '200'));
    expect(m.taskOk).toBe(total(store, 'agent_task_outcomes_total', hash, (l) => l.outcome === 'success'));
    expect(world.mirrored).toBe(m.requests);
    expect(m.harmed).toBe(0);
  });

  it('puts its exact p99 in the bucket of the canary pods\' histogram that holds the 99th-percentile rank', () => {
    const p99 = m.quantileMs(0.99) as number;
    const rank = Math.ceil(0.99 * m.requests);
    const cum = (le: string) => total(store, 'http_request_duration_seconds_bucket', hash, (l) => l.le === le);
    const i = LE.findIndex((le) => cum(String(le)) >= rank);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(p99).toBeLessThanOrEqual((LE[i] as number) * 1000);
    expect(p99).toBeGreaterThan(i === 0 ? 0 : (LE[i - 1] as number) * 1000);
  });

  it('is the Summary\'s `mirrored` figures, with the release\'s elevated error rate', () => {
    expect(summary.mirrored).toEqual({
      image: 'agent:v2', requests: m.requests,
      errorRate: Math.round((m.errors / m.requests) * 1e6) / 1e6,
      p99: m.quantileMs(0.99),
      taskSuccess: Math.round((m.taskOk / m.requests) * 1e6) / 1e6,
    });
    expect(summary.mirrored?.errorRate).toBeGreaterThan(0.02);
    expect(summary.versions.stable.errorRate).toBeLessThan(0.01);
  });

  it('leaves user counts and harm alone: every user request is on stable and none is harmed', () => {
    expect(summary.completedRequests).toBe(done.length);
    expect(summary.completedRequests).toBe(summary.versions.stable.requests);
    expect(summary.completedRequests).toBe(total(store, 'http_requests_total', stableHash(store, hash)));
    expect(summary.releaseRequests).toBe(0);
    expect(summary.versions.release.requests).toBe(0);
    expect(summary.harmedRequests).toBe(0);
    expect(summary.harmedShare).toBe(0);
  });

  it('accounts for every arrival: completed, unserved, or in flight (less the copies still in flight)', () => {
    const copiesInFlight = world.mirrorsSent - world.mirrored;
    expect(copiesInFlight).toBeGreaterThanOrEqual(0);
    expect(world.arrivals).toBe(summary.completedRequests + world.unserved + world.inFlight - copiesInFlight);
  });
});

describe('a run that never sends a copy', () => {
  it('has no mirrored figures: `mirrored` is null (a 0 % mirror route copies nothing)', () => {
    const { summary, world } = run(0);
    expect(world.mirrorsSent).toBe(0);
    expect(summary.mirrored).toBeNull();
  });
});

/** The stable pods' hash: the one pod-template hash in the store other than the canary's. */
function stableHash(store: MetricStore, canary: string): string {
  for (let ref = 0; ref < store.seriesCount; ref++) {
    const h = store.series(ref).labels.rollouts_pod_template_hash;
    if (h !== undefined && h !== canary) return h;
  }
  return '';
}
