/** Traffic-routed canary counts (§4.1, worked examples §4.3/§4.4, Argo unit-test vectors). */
import { describe, expect, it } from 'vitest';
import {
  applyMinPodsPerReplicaSet,
  canaryReplicasForTrafficRouting,
  stableReplicasForTrafficRouting,
  trafficWeightToReplicas,
} from '../../src/controller/replica-math.js';

describe('§4.1 traffic-routed replica counts', () => {
  it('canary = ceil(W·R/100): R=10, R=3 and R=4 examples', () => {
    const table: Array<[number, number, number]> = [
      [10, 5, 1], [10, 10, 1], [10, 20, 2], [10, 33, 4], [10, 50, 5], [10, 99, 10],
      [3, 10, 1], [3, 50, 2],
      [4, 33, 2],
    ];
    for (const [replicas, weight, canary] of table) {
      expect(canaryReplicasForTrafficRouting({ replicas, weight }), `R=${replicas} W=${weight}`).toBe(canary);
      expect(stableReplicasForTrafficRouting({ replicas, weight }), 'stable stays at R').toBe(replicas);
    }
  });

  it('trafficWeightToReplicas matches Argo (R=10) and honours maxTrafficWeight', () => {
    expect([0, 20, 25, 33, 99, 100].map((w) => trafficWeightToReplicas(10, w))).toEqual([0, 2, 3, 4, 10, 10]);
    expect(trafficWeightToReplicas(10, 500, 1000)).toBe(5);
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 30, maxTrafficWeight: 1000 })).toBe(1);
  });

  it('setCanaryScale: replicas, weight, matchTrafficWeight', () => {
    expect(canaryReplicasForTrafficRouting({ replicas: 1, weight: 100, setCanaryScale: { replicas: 9 } })).toBe(9);
    expect(canaryReplicasForTrafficRouting({ replicas: 4, weight: 100, setCanaryScale: { weight: 200 } })).toBe(8);
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 20, setCanaryScale: { replicas: 9, weight: 100, matchTrafficWeight: true } })).toBe(2);
  });

  it('§4.3 worked example (R=10): canary pods per step', () => {
    const steps: Array<[number, { replicas?: number; matchTrafficWeight?: boolean } | undefined, number]> = [
      [10, undefined, 1], // setWeight 10
      [10, { replicas: 5 }, 5], // setCanaryScale replicas 5
      [30, { replicas: 5 }, 5], // setWeight 30, scale still in force
      [30, { matchTrafficWeight: true }, 3], // matchTrafficWeight
      [60, { matchTrafficWeight: true }, 6], // setWeight 60
      [100, undefined, 10], // end
    ];
    for (const [weight, setCanaryScale, canary] of steps) {
      expect(canaryReplicasForTrafficRouting({ replicas: 10, weight, ...(setCanaryScale ? { setCanaryScale } : {}) })).toBe(canary);
    }
  });

  it('minPodsPerReplicaSet raises non-zero counts, capped at R', () => {
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 5, minPodsPerReplicaSet: 2 })).toBe(2);
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 0, minPodsPerReplicaSet: 2 })).toBe(0);
    expect(canaryReplicasForTrafficRouting({ replicas: 1, weight: 5, minPodsPerReplicaSet: 2 })).toBe(1);
    expect(applyMinPodsPerReplicaSet(1, 5, 3)).toBe(3);
    // An explicit setCanaryScale count is not raised without dynamicStableScale (as in Argo) …
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 5, setCanaryScale: { replicas: 1 }, minPodsPerReplicaSet: 2 })).toBe(1);
    // … but is with it.
    expect(canaryReplicasForTrafficRouting({ replicas: 10, weight: 5, setCanaryScale: { replicas: 1 }, minPodsPerReplicaSet: 2, dynamicStableScale: true })).toBe(2);
    expect(stableReplicasForTrafficRouting({ replicas: 10, weight: 95, dynamicStableScale: true, minPodsPerReplicaSet: 2 })).toBe(2);
  });

  it('dynamicStableScale: stable = max(desired stable pods, pods for the stable weight still routed) (Argo vectors)', () => {
    const dyn = { replicas: 10, dynamicStableScale: true };
    expect(canaryReplicasForTrafficRouting({ ...dyn, weight: 10 })).toBe(1);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 10, currentStableWeight: 90 })).toBe(9);
    expect(canaryReplicasForTrafficRouting({ ...dyn, weight: 20 })).toBe(2);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 20, currentStableWeight: 90 })).toBe(9);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 20 })).toBe(8); // no weights known yet
    // Aborted (desired weight 0): the canary keeps the pods its current router weight needs.
    expect(canaryReplicasForTrafficRouting({ ...dyn, weight: 0, aborted: true, currentCanaryWeight: 20 })).toBe(2);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 0, currentStableWeight: 80 })).toBe(10);
    expect(canaryReplicasForTrafficRouting({ ...dyn, weight: 0, aborted: true, currentCanaryWeight: 10 })).toBe(1);
  });

  it('§4.4: stable follows the weight only after traffic left it (R=10)', () => {
    const dyn = { replicas: 10, dynamicStableScale: true };
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 20, currentStableWeight: 100 })).toBe(10);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 20, currentStableWeight: 80 })).toBe(8);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 60, currentStableWeight: 80 })).toBe(8);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 60, currentStableWeight: 40 })).toBe(4);
    expect(stableReplicasForTrafficRouting({ ...dyn, weight: 100, currentStableWeight: 0 })).toBe(0);
  });
});
