/**
 * Named examples for the basic-canary replica math: first Argo's worked tables (§3.3 of
 * argo-semantics.md), then Argo's own unit-test vectors (`utils/replicaset/canary_test.go`). The
 * exhaustive grid lives in replica-math-oracle.test.ts; fence-posts and traffic-routed counts in
 * replica-math-fenceposts.test.ts and replica-math-traffic.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  approximateWeightedCanaryStableReplicaCounts,
  calculateReplicaCountsForBasicCanary,
  formatTrajectory,
  planBasicCanaryReconcile,
  resolveFenceposts,
  simulateBasicCanaryScaling,
} from '../../src/controller/replica-math.js';
import type { IntOrPercent } from '../../src/controller/replica-math.js';

const rs = (replicas: number, availableReplicas = replicas) => ({ replicas, availableReplicas });

/** Target split (§3.2 A) for R / W with the fence-posts as written in YAML. */
function target(replicas: number, weight: number, maxSurge: IntOrPercent, maxUnavailable: IntOrPercent) {
  const { maxSurge: surge } = resolveFenceposts(maxSurge, maxUnavailable, replicas);
  return approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge);
}

describe('§3.3 worked examples (Argo basic canary)', () => {
  it('4 replicas at 20 % (25 %/25 %) → 1 canary + 4 stable: 1/5 is exactly 20 % using the surge pod', () => {
    expect(target(4, 20, '25%', '25%')).toEqual({ canary: 1, stable: 4 });
  });

  it('10 replicas at 99 % (25 %/25 %) → 10 canary + 1 stable: the stable keeps a pod until 100 %', () => {
    expect(target(10, 99, '25%', '25%')).toEqual({ canary: 10, stable: 1 });
  });

  it('R=10, 25 %/25 % (S=3, U=2): targets, first reconcile, actions and trajectory from 0:10', () => {
    const table: Array<[number, string, string, number, string]> = [
      // W, target, first call, actions, trajectory
      [0, '0:10', '0:10', 0, '0:10'],
      [1, '1:10', '1:10', 1, '0:10>1:10'],
      [5, '1:10', '1:10', 1, '0:10>1:10'],
      [10, '1:9', '1:9', 2, '0:10>0:9>1:9'],
      [20, '2:8', '2:8', 2, '0:10>0:8>2:8'],
      [25, '3:8', '3:8', 2, '0:10>0:8>3:8'],
      [33, '3:7', '3:8', 3, '0:10>0:8>3:8>3:7'],
      [50, '5:5', '3:8', 3, '0:10>0:8>5:8>5:5'],
      [75, '8:3', '3:8', 4, '0:10>0:8>5:8>5:3>8:3'],
      [99, '10:1', '3:8', 5, '0:10>0:8>5:8>5:3>10:3>10:1'],
      [100, '10:0', '3:8', 5, '0:10>0:8>5:8>5:3>10:3>10:0'],
    ];
    for (const [weight, wantTarget, wantFirst, wantActions, wantTrajectory] of table) {
      const r = simulateBasicCanaryScaling({ replicas: 10, setWeight: weight, startCanary: 0, startStable: 10 });
      expect([r.maxSurge, r.maxUnavailable]).toEqual([3, 2]);
      expect(formatTrajectory([r.target]), `W=${weight} target`).toBe(wantTarget);
      expect(formatTrajectory([r.firstReconcile]), `W=${weight} first`).toBe(wantFirst);
      expect(r.scalingActions, `W=${weight} actions`).toBe(wantActions);
      expect(formatTrajectory(r.trajectory), `W=${weight} trajectory`).toBe(wantTrajectory);
      expect(r.final).toEqual(r.target);
    }
  });

  it('R=4, maxSurge 1, maxUnavailable 0: never below 4 available, one extra pod at a time', () => {
    const table: Array<[number, string, number, string]> = [
      [20, '1:4', 1, '0:4>1:4'],
      [25, '1:3', 2, '0:4>1:4>1:3'],
      [33, '2:3', 3, '0:4>1:4>1:3>2:3'],
      [50, '2:2', 4, '0:4>1:4>1:3>2:3>2:2'],
      [75, '3:1', 6, '0:4>1:4>1:3>2:3>2:2>3:2>3:1'],
      [99, '4:1', 7, '0:4>1:4>1:3>2:3>2:2>3:2>3:1>4:1'],
      [100, '4:0', 8, '0:4>1:4>1:3>2:3>2:2>3:2>3:1>4:1>4:0'],
    ];
    for (const [weight, wantTarget, wantActions, wantTrajectory] of table) {
      const r = simulateBasicCanaryScaling({ replicas: 4, setWeight: weight, maxSurge: 1, maxUnavailable: 0, startCanary: 0, startStable: 4 });
      expect(formatTrajectory([r.target]), `W=${weight}`).toBe(wantTarget);
      expect(r.scalingActions, `W=${weight}`).toBe(wantActions);
      expect(formatTrajectory(r.trajectory), `W=${weight}`).toBe(wantTrajectory);
    }
  });

  it('R=5, maxSurge 0, maxUnavailable 1: never above 5 pods, the stable goes down first', () => {
    const table: Array<[number[], string, string]> = [
      [[1, 5, 10, 20, 25], '1:4', '0:5>0:4>1:4'],
      [[33], '2:3', '0:5>0:4>1:4>1:3>2:3'],
      [[50], '3:2', '>2:2>3:2'],
      [[75, 99], '4:1', '>3:1>4:1'],
      [[100], '5:0', '>4:0>5:0'],
    ];
    for (const [weights, wantTarget, wantTrajectory] of table) {
      for (const weight of weights) {
        const r = simulateBasicCanaryScaling({ replicas: 5, setWeight: weight, maxSurge: 0, maxUnavailable: 1, startCanary: 0, startStable: 5 });
        expect(formatTrajectory([r.target]), `W=${weight}`).toBe(wantTarget);
        const trajectory = formatTrajectory(r.trajectory);
        if (wantTrajectory.startsWith('>')) expect(trajectory.endsWith(wantTrajectory), `W=${weight}: ${trajectory}`).toBe(true);
        else expect(trajectory, `W=${weight}`).toBe(wantTrajectory);
        // Never more than 5 pods, never fewer than 4.
        for (const s of r.trajectory) expect(s.canary + s.stable).toBeGreaterThanOrEqual(4);
        for (const s of r.trajectory) expect(s.canary + s.stable).toBeLessThanOrEqual(5);
      }
    }
  });

  it('edge-case targets', () => {
    const table: Array<[number, number, IntOrPercent, IntOrPercent, number, number]> = [
      // replicas, W, maxSurge, maxUnavailable, canary, stable
      [1, 50, '25%', '25%', 1, 1], // surge used: 2 pods total, exact 50 %
      [1, 50, 0, 1, 1, 0], // no surge, zero allowed; tie rounds the canary up
      [2, 50, 0, 1, 1, 1],
      [3, 1, '25%', '25%', 1, 3], // never 0 canary for 0 < W < 100
      [3, 50, '25%', '25%', 2, 2], // 4 pods (R+1) = exact 50 %
      [3, 50, 0, 1, 2, 1], // tie → canary rounded up
      [3, 33, 0, 1, 1, 2],
      [4, 20, '25%', '25%', 1, 4],
      [4, 20, 0, 1, 1, 3],
      [10, 99, '25%', '25%', 10, 1],
      [10, 99, 0, 1, 9, 1], // stable keeps ≥ 1 pod until W = 100
      [20, 33, '25%', '25%', 7, 14], // 7/21
    ];
    for (const [replicas, weight, surge, unavailable, canary, stable] of table) {
      expect(target(replicas, weight, surge, unavailable), `R=${replicas} W=${weight} ${surge}/${unavailable}`)
        .toEqual({ canary, stable });
    }
  });

  it('moving on from the previous weight’s steady state (R=10, 25 %/25 %)', () => {
    const cases: Array<[number, number, number, string]> = [
      [20, 1, 9, '1:9>1:8>2:8'],
      [50, 3, 7, '3:7>3:5>5:5'],
      [75, 5, 5, '5:5>5:3>8:3'],
      [100, 10, 1, '10:1>10:0'],
    ];
    for (const [weight, startCanary, startStable, want] of cases) {
      const r = simulateBasicCanaryScaling({ replicas: 10, setWeight: weight, startCanary, startStable });
      expect(formatTrajectory(r.trajectory), `W=${weight}`).toBe(want);
    }
  });
});

describe('calculateReplicaCountsForBasicCanary — Argo unit-test vectors (TestCalculateReplicaCountsForCanary)', () => {
  const vectors: Array<{
    name: string; replicas: number; weight: number; surge: IntOrPercent; unavailable: IntOrPercent;
    stable: [number, number]; canary: [number, number]; older?: number; want: [number, number];
  }> = [
    { name: 'spec < available is not counted as extra', replicas: 10, weight: 100, surge: 3, unavailable: 0, stable: [7, 8], canary: [6, 3], want: [6, 7] },
    { name: 'max surge int scales up canary', replicas: 10, weight: 20, surge: 2, unavailable: 0, stable: [10, 10], canary: [0, 0], want: [2, 10] },
    { name: 'max surge percent scales up canary', replicas: 10, weight: 20, surge: '20%', unavailable: 0, stable: [10, 10], canary: [0, 0], want: [2, 10] },
    { name: 'scale down extra stable', replicas: 10, weight: 20, surge: '20%', unavailable: 0, stable: [10, 10], canary: [2, 2], want: [2, 8] },
    { name: 'do not go past max surge', replicas: 10, weight: 30, surge: 2, unavailable: 0, stable: [10, 10], canary: [0, 0], want: [2, 10] },
    { name: 'max unavailable int scales down stable', replicas: 10, weight: 20, surge: 0, unavailable: 2, stable: [10, 10], canary: [0, 0], want: [0, 8] },
    { name: 'max unavailable percent scales down stable', replicas: 10, weight: 20, surge: 0, unavailable: '20%', stable: [10, 10], canary: [0, 0], want: [0, 8] },
    { name: 'do not go past max unavailable', replicas: 10, weight: 30, surge: 0, unavailable: 2, stable: [10, 10], canary: [0, 0], want: [0, 8] },
    { name: 'surge and unavailable together', replicas: 10, weight: 50, surge: 2, unavailable: 1, stable: [10, 10], canary: [0, 0], want: [2, 9] },
    { name: 'weight 0 scales canary to zero', replicas: 10, weight: 0, surge: 1, unavailable: 1, stable: [10, 10], canary: [1, 1], want: [0, 10] },
    { name: 'weight 100 scales stable to zero', replicas: 10, weight: 100, surge: 1, unavailable: 1, stable: [1, 1], canary: [10, 10], want: [10, 0] },
    { name: 'canary not 0 at weight 20 with R=1', replicas: 1, weight: 20, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], want: [1, 1] },
    { name: 'stable not 0 at weight 90 with R=1', replicas: 1, weight: 90, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], want: [1, 1] },
    { name: 'stable scales up before canary', replicas: 10, weight: 30, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], older: 3, want: [1, 7] },
    { name: 'scale down canary and stable', replicas: 10, weight: 30, surge: 0, unavailable: 3, stable: [8, 5], canary: [4, 4], want: [3, 7] },
    { name: 'scale down with partial availability', replicas: 10, weight: 100, surge: 1, unavailable: 0, stable: [10, 2], canary: [10, 8], want: [9, 2] },
    { name: 'older RS pods block scale-down', replicas: 10, weight: 30, surge: 0, unavailable: 1, stable: [8, 6], canary: [4, 2], older: 3, want: [4, 8] },
    { name: 'uneven weight does not round past surge', replicas: 10, weight: 5, surge: 0, unavailable: 1, stable: [10, 10], canary: [0, 0], want: [0, 9] },
    { name: 'uneven weight does not round past surge (2)', replicas: 10, weight: 5, surge: 0, unavailable: 1, stable: [9, 9], canary: [0, 0], want: [1, 9] },
    { name: '0 %/0 % resolves to unavailable 1', replicas: 10, weight: 10, surge: '0%', unavailable: '0%', stable: [10, 10], canary: [0, 0], want: [0, 9] },
    { name: 'surge honoured when stable unavailable', replicas: 4, weight: 100, surge: 1, unavailable: 0, stable: [4, 1], canary: [0, 0], want: [1, 4] },
    { name: 'unavailable without exceeding surge', replicas: 3, weight: 99, surge: 0, unavailable: 2, stable: [3, 3], canary: [0, 0], want: [0, 1] },
    { name: 'unavailable without exceeding surge (2)', replicas: 3, weight: 99, surge: 0, unavailable: 2, stable: [1, 1], canary: [0, 0], want: [2, 1] },
    { name: 'unavailable honoured scaling down an unavailable stable', replicas: 4, weight: 100, surge: 1, unavailable: 0, stable: [4, 1], canary: [1, 1], want: [1, 3] },
    { name: 'abort: canary kept until the stable surges', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [0, 0], canary: [4, 4], want: [4, 1] },
    { name: 'abort: nothing while the surged stable is unavailable', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [1, 0], canary: [4, 4], want: [4, 1] },
    { name: 'abort: canary reduced by one once the stable pod is up', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [1, 1], canary: [4, 4], want: [3, 1] },
    { name: 'promoteFull (weight 100) ignores the step weight', replicas: 4, weight: 100, surge: 4, unavailable: 4, stable: [4, 4], canary: [0, 0], want: [4, 0] },
    { name: 'promoteFull still honours surge/unavailable', replicas: 4, weight: 100, surge: 3, unavailable: 0, stable: [4, 4], canary: [0, 0], want: [3, 4] },
  ];
  it.each(vectors)('$name', (v) => {
    const got = calculateReplicaCountsForBasicCanary({
      replicas: v.replicas,
      setWeight: v.weight,
      maxSurge: v.surge,
      maxUnavailable: v.unavailable,
      canary: rs(v.canary[0], v.canary[1]),
      stable: rs(v.stable[0], v.stable[1]),
      others: v.older === undefined ? [] : [rs(v.older)],
    });
    expect([got.canary, got.stable]).toEqual(v.want);
  });

  it('no distinct stable RS: the canary goes straight to R (stable absent or the same RS)', () => {
    const base = { replicas: 10, setWeight: 10, maxSurge: 0, maxUnavailable: 1, canary: rs(9) };
    expect(calculateReplicaCountsForBasicCanary({ ...base, stable: null })).toEqual({ canary: 10, stable: 0 });
    expect(calculateReplicaCountsForBasicCanary({ ...base, stable: 'sameAsCanary' })).toEqual({ canary: 10, stable: 0 });
  });

  // The next two are hand-derived from the Go source (not Argo test vectors): paths the oracle grid,
  // with instant availability, never reaches.
  it('shrinking canary with unready pods: trimmed available stable pods are given back, excess leaves the canary', () => {
    // R=2, W=75 ⇒ target 2:1 (3 pods). minAvailable 2, max 3 pods. Canary 3 (0 ready) is drained to 2;
    // the pair (2 + 2) is over 3, so the stable is trimmed to 1 — but that would leave 1 < 2 available
    // pods, so the stable gets its pod back and the canary loses one instead.
    expect(calculateReplicaCountsForBasicCanary({
      replicas: 2, setWeight: 75, maxSurge: 1, maxUnavailable: 0, canary: rs(3, 0), stable: rs(2, 2),
    })).toEqual({ canary: 1, stable: 2 });
  });

  it("stable RS == canary RS above R: Argo counts its availability twice (kept as Argo's quirk)", () => {
    const base = { replicas: 10, setWeight: 100, maxSurge: 0, maxUnavailable: 1, canary: rs(12, 3) };
    expect(calculateReplicaCountsForBasicCanary({ ...base, stable: 'sameAsCanary' })).toEqual({ canary: 7, stable: 3 });
    expect(calculateReplicaCountsForBasicCanary({ ...base, stable: null })).toEqual({ canary: 10, stable: 0 });
  });

  it('no canary RS yet: only the stable side is computed', () => {
    expect(calculateReplicaCountsForBasicCanary({ replicas: 10, setWeight: 20, canary: null, stable: rs(10) }))
      .toEqual({ canary: 0, stable: 8 });
  });
});

describe('approximateWeightedCanaryStableReplicaCounts — Argo vectors', () => {
  // [replicas, weight, maxSurge, canary, stable]
  const vectors: Array<[number, number, number, number, number]> = [
    [0, 0, 0, 0, 0], [0, 50, 0, 0, 0], [0, 100, 0, 0, 0], [0, 0, 1, 0, 0], [0, 50, 1, 0, 0], [0, 100, 1, 0, 0],
    [1, 0, 0, 0, 1], [1, 1, 0, 0, 1], [1, 49, 0, 0, 1], [1, 50, 0, 1, 0], [1, 99, 0, 1, 0], [1, 100, 0, 1, 0],
    [1, 0, 1, 0, 1], [1, 1, 1, 1, 1], [1, 49, 1, 1, 1], [1, 50, 1, 1, 1], [1, 99, 1, 1, 1], [1, 100, 1, 1, 0],
    [2, 0, 0, 0, 2], [2, 1, 0, 1, 1], [2, 50, 0, 1, 1], [2, 99, 0, 1, 1], [2, 100, 0, 2, 0],
    [2, 0, 1, 0, 2], [2, 1, 1, 1, 2], [2, 50, 1, 1, 1], [2, 99, 1, 2, 1], [2, 100, 1, 2, 0],
    [3, 10, 0, 1, 2], [3, 25, 0, 1, 2], [3, 33, 0, 1, 2], [3, 34, 0, 1, 2], [3, 49, 0, 1, 2], [3, 50, 0, 2, 1],
    [3, 10, 1, 1, 3], [3, 25, 1, 1, 3], [3, 33, 1, 1, 2], [3, 34, 1, 1, 2], [3, 49, 1, 2, 2], [3, 50, 1, 2, 2],
    [10, 0, 1, 0, 10], [10, 1, 0, 1, 9], [10, 14, 0, 1, 9], [10, 15, 0, 2, 8], [10, 16, 0, 2, 8], [10, 99, 0, 9, 1],
    [10, 100, 1, 10, 0], [10, 1, 1, 1, 10], [10, 18, 1, 2, 9], [10, 19, 1, 2, 9], [10, 20, 1, 2, 8],
    [10, 23, 1, 2, 8], [10, 24, 1, 3, 8], [10, 25, 1, 3, 8], [10, 99, 1, 10, 1],
  ];
  it.each(vectors)('R=%i W=%i surge=%i → %i:%i', (replicas, weight, surge, canary, stable) => {
    expect(approximateWeightedCanaryStableReplicaCounts(replicas, weight, surge)).toEqual({ canary, stable });
  });
});

describe('planBasicCanaryReconcile — one scale action per reconcile, stable first', () => {
  it('scales the stable RS when its number changes, even if the canary would change too', () => {
    const action = planBasicCanaryReconcile({ replicas: 10, setWeight: 50, canary: rs(0), stable: rs(10) });
    expect(action).toEqual({ replicaSet: 'stable', replicas: 8, computed: { canary: 3, stable: 8 } });
  });
  it('then the canary RS', () => {
    const action = planBasicCanaryReconcile({ replicas: 10, setWeight: 50, canary: rs(0), stable: rs(8) });
    expect(action).toEqual({ replicaSet: 'canary', replicas: 5, computed: { canary: 5, stable: 8 } });
  });
  it('nothing at the steady state', () => {
    expect(planBasicCanaryReconcile({ replicas: 10, setWeight: 50, canary: rs(5), stable: rs(5) })).toBeNull();
  });
});
