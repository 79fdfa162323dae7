/**
 * The world's synthetic test job: its cases wait at busy pods and are sent one by one as slots
 * free; cancelling the job (Argo deleted the Job) drops the cases still waiting.
 */
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../../src/metrics/store.js';
import { createSimulation } from '../../src/run/simulation.js';
import { RequestQueue } from '../../src/world/pods.js';
import { aCanaryRollout, aScenario, setWeight } from '../helpers/builders.js';

describe('RequestQueue.removeWhere', () => {
  it('drops the selected requests and keeps the rest in order', () => {
    const q = new RequestQueue();
    for (const r of [4, 7, 9, 10]) q.push(r);
    expect(q.removeWhere((r) => r % 2 === 1)).toEqual([7, 9]);
    expect([q.shift(), q.shift(), q.length]).toEqual([4, 10, 0]);
  });
});

describe('cancelSyntheticJob', () => {
  function world() {
    // No traffic and no update: the 10 stable pods (4 slots each) serve only the suite.
    const scenario = aScenario({ duration: 60_000, traffic: { rate: { kind: 'constant', rps: 0 }, cohorts: aScenario().traffic.cohorts }, workloads: [aCanaryRollout({}, [setWeight(50)])], release: { image: 'agent:v2', at: 120_000, regressions: [] } });
    const sim = createSimulation(scenario, { store: createMetricStore() });
    return sim;
  }

  it('a job runs to the end when left alone: every case sent and counted', () => {
    const sim = world();
    const rs = sim.world.replicaSets[0]?.id as number;
    const id = sim.world.startSyntheticJob(rs, [0], 200);
    expect(sim.world.job(id)).toEqual({ total: 200, done: 0, failed: 0, unreachable: 0, sent: 40, cancelled: false });
    sim.runUntil(60_000);
    expect(sim.world.job(id)).toMatchObject({ total: 200, done: 200, sent: 200, cancelled: false });
  });

  it('cancelled while cases wait: the waiting ones are never sent, none is counted after', () => {
    const sim = world();
    const rs = sim.world.replicaSets[0]?.id as number;
    const id = sim.world.startSyntheticJob(rs, [0], 200);
    sim.world.cancelSyntheticJob(id);
    sim.runUntil(60_000);
    expect(sim.world.job(id)).toEqual({ total: 200, done: 0, failed: 0, unreachable: 0, sent: 40, cancelled: true });
    expect(sim.world.inFlight).toBe(0);
  });
});
