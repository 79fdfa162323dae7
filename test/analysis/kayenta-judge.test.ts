/**
 * Kayenta's NetflixACAJudge as landscape §2 describes it (spinnaker/kayenta: NetflixACAJudge.scala,
 * MannWhitneyClassifier.scala, MannWhitney.scala, WeightedSumScorer.scala,
 * ThresholdScoreClassifier.scala): the interval and classification rule, the score, the thresholds,
 * and the figures landscape §2.1 (kayenta#780), §2.5 (power) and §6.6 item 6 (a minority of
 * intervals) predict. Samples come from a seeded stream, so every figure is reproducible.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng.js';
import { classifyMetric, classifyScore, removeOutliers, scoreMetrics, type JudgeMetric } from '../../src/analysis/kayenta/judge.js';
import { ranks, shiftInterval } from '../../src/analysis/kayenta/mann-whitney.js';

const rngOf = (s: string) => {
  const r = createRng(7, s);
  return () => r.next();
};
/** Errors out of n requests at probability p, as a rate. */
const rate = (u: () => number, n: number, p: number): number => {
  let e = 0;
  for (let i = 0; i < n; i++) if (u() < p) e++;
  return e / n;
};
const errors: JudgeMetric = { name: 'error-rate', group: 'errors', direction: 'increase' };

describe('Mann–Whitney interval (R wilcox.test conf.int, as MannWhitney.scala)', () => {
  it('midranks with ties', () => {
    expect(ranks([3, 1, 3, 2])).toEqual({ ranks: [3.5, 1, 3.5, 2], ties: [1, 1, 2] });
  });

  it('kayenta#780: seven 100s of ten pass, eight fail (landscape §2.1 worked quirk)', () => {
    const baseline = Array<number>(10).fill(1);
    const seven = shiftInterval([...Array<number>(7).fill(100), 1, 1, 1], baseline, 0.98);
    expect(seven.lower).toBeLessThan(1e-4);
    expect(seven.upper).toBe(99);
    expect(seven.estimate).toBeCloseTo(99, 3);
    const u = rngOf('n');
    expect(classifyMetric(errors, baseline, [...Array<number>(7).fill(100), 1, 1, 1], u).classification).toBe('Pass');
    expect(classifyMetric(errors, baseline, [...Array<number>(8).fill(100), 1, 1], u).classification).toBe('High');
  });

  it('direction and allowed increase gate the classification', () => {
    const u = rngOf('d');
    const base = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const higher = base.map((v) => v + 20);
    expect(classifyMetric({ ...errors, direction: 'decrease' }, base, higher, u).classification).toBe('Pass');
    expect(classifyMetric({ ...errors, direction: 'either' }, higher, base, u).classification).toBe('Low');
    // mean ratio 25.5 / 5.5 ≈ 4.6 is under an allowed increase of 5: Pass.
    expect(classifyMetric({ ...errors, allowedIncrease: 5 }, base, higher, u).classification).toBe('Pass');
    expect(classifyMetric(errors, [], higher, u).classification).toBe('Nodata');
    expect(classifyMetric({ ...errors, mustHaveData: true }, [], higher, u).classification).toBe('NodataFailMetric');
    expect(classifyMetric({ ...errors, nanStrategy: 'replace' }, [Number.NaN], [Number.NaN], u).classification).toBe('Pass');
  });

  it('IQR outliers: only past both the Tukey fence and the 1st/99th percentile', () => {
    // Ten values: the 99th percentile is the maximum, so even 100 stays (the detector is lenient).
    expect(removeOutliers([1, 2, 2, 3, 2, 2, 3, 1, 2, 100], 3)).toEqual([1, 2, 2, 3, 2, 2, 3, 1, 2, 100]);
    // 201 values: the 99th percentile is an ordinary value, and 100 is past the fence too.
    const many = [...Array.from({ length: 200 }, (_, i) => 1 + (i % 3)), 100];
    expect(removeOutliers(many, 3)).toEqual(many.slice(0, 200));
  });
});

describe('score', () => {
  it('groups, weights, critical and no-data overrides, thresholds', () => {
    const m = (name: string, group: string, classification: 'Pass' | 'High' | 'Nodata', critical = false) => ({ name, group, classification, ratio: 1, interval: undefined, critical });
    expect(scoreMetrics([m('a', 'x', 'Pass'), m('b', 'x', 'High'), m('c', 'y', 'Pass')], { x: 60 }).score).toBe(70);
    expect(scoreMetrics([m('a', 'x', 'Pass'), m('b', 'y', 'High', true)], {}).score).toBe(0);
    expect(scoreMetrics([m('a', 'x', 'Pass'), m('b', 'y', 'Nodata')], {}).reason).toBe('1 of 2 metrics have no data');
    expect([95, 80, 60].map((s) => classifyScore(s, { pass: 90, marginal: 75 }))).toEqual(['Pass', 'Marginal', 'Fail']);
  });

  it('a canary 10 % slower at p99 scores below marginal (baseline vs canary, 30 one-minute intervals of 600 requests)', () => {
    const u = rngOf('p99');
    // Lognormal latency, median 900 ms, p99 4 s (σ = ln(4000/900)/2.326).
    const sigma = Math.log(4000 / 900) / 2.326;
    const draw = (): number => 900 * Math.exp(sigma * Math.sqrt(-2 * Math.log(Math.max(u(), 1e-300))) * Math.cos(2 * Math.PI * u()));
    const p99 = (factor: number): number => {
      const v = Array.from({ length: 600 }, () => draw() * factor).sort((a, b) => a - b);
      return v[Math.ceil(0.99 * v.length) - 1] as number;
    };
    const latency: JudgeMetric = { name: 'p99', group: 'latency', direction: 'increase' };
    const base = Array.from({ length: 30 }, () => p99(1));
    const slow = Array.from({ length: 30 }, () => p99(1.1));
    const judged = [
      { ...classifyMetric(latency, base, slow, u), group: 'latency' },
      { ...classifyMetric(errors, Array.from({ length: 30 }, () => rate(u, 600, 0.01)), Array.from({ length: 30 }, () => rate(u, 600, 0.01)), u), group: 'errors' },
    ];
    expect(judged.map((j) => j.classification)).toEqual(['High', 'Pass']);
    expect(judged[0]?.interval?.lower).toBeGreaterThan(0.25 * Math.abs(judged[0]?.interval?.estimate ?? 0));
    const s = scoreMetrics(judged, { latency: 50, errors: 50 });
    expect(s.score).toBe(50);
    expect(classifyScore(s.score, { pass: 90, marginal: 75 })).toBe('Fail');
  });

  it('landscape §6.6 item 6: a regression in a minority of intervals passes the rule; in all of them it does not', () => {
    const u = rngOf('burst');
    const pHigh = (burst: number): number => {
      let high = 0;
      for (let t = 0; t < 50; t++) {
        const b = Array.from({ length: 20 }, () => rate(u, 600, 0.01));
        const c = Array.from({ length: 20 }, (_, i) => rate(u, 600, i < burst ? 0.06 : 0.01));
        if (classifyMetric(errors, b, c, u).classification === 'High') high++;
      }
      return high / 50;
    };
    // 6 of 20 one-minute intervals at 6 % errors (a 6× regression while it lasts): rarely High.
    expect(pHigh(6)).toBeLessThanOrEqual(0.1);
    expect(pHigh(20)).toBe(1);
  });
});

describe('landscape §2.5 power table, at modest size (100 trials per cell, ±0.12)', () => {
  // [points, requests per minute per arm, canary error rate, P(High) in landscape §2.5]
  const cells: [number, number, number, number][] = [
    [10, 600, 0.01, 0], [10, 600, 0.015, 0.19], [10, 600, 0.02, 0.77], [10, 600, 0.03, 1],
    [10, 60, 0.03, 0.15], [30, 600, 0.015, 0.86],
  ];
  for (const [points, n, p, expected] of cells) {
    it(`${points} points × ${n} req/min, canary ${p * 100} % vs 1 % → P(High) ≈ ${expected}`, () => {
      const u = rngOf(`power/${points}/${n}/${p}`);
      let high = 0;
      for (let t = 0; t < 100; t++) {
        const b = Array.from({ length: points }, () => rate(u, n, 0.01));
        const c = Array.from({ length: points }, () => rate(u, n, p));
        if (classifyMetric(errors, b, c, u).classification === 'High') high++;
      }
      expect(Math.abs(high / 100 - expected)).toBeLessThanOrEqual(0.12);
    });
  }
});
