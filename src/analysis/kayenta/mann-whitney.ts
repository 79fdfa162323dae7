/**
 * The two-sample Mann–Whitney (Wilcoxon rank-sum) confidence interval for a location shift and the
 * Hodges–Lehmann estimate, by root-finding on the normal approximation of the rank-sum statistic
 * with the tie correction and the ±0.5 continuity correction — the computation Kayenta's
 * kayenta-mannwhitney/MannWhitney.scala ports from R's `wilcox.test(x, y, conf.int = TRUE,
 * exact = FALSE, correct = TRUE)`. Kayenta's root-finder is Brent's; this one bisects to the same
 * 1e-4 tolerance (the two agree to within it). simple-statistics' `probit` gives the normal quantile;
 * its `wilcoxonRankSum` is the statistic without ties or shift, so the rank sum is computed here.
 */
import { probit } from 'simple-statistics';

export interface ShiftInterval {
  /** Lower and upper ends of the interval for the shift experiment − control. */
  readonly lower: number;
  readonly upper: number;
  /** Hodges–Lehmann estimate of the shift. */
  readonly estimate: number;
}

/**
 * Midranks of `values` (1-based, ties averaged), and the tie-group sizes.
 * Example: ranks([3, 1, 3]) → {ranks: [2.5, 1, 2.5], ties: [1, 2]}.
 */
export function ranks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length).fill(0);
  const ties: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
    const mid = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) out[(order[k] as readonly [number, number])[1]] = mid;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks: out, ties };
}

/**
 * R's `wdiff(d, zq)`: the continuity-corrected z of the rank sum of x − d against y, minus zq.
 * Example: x = [1, 2, 3], y = [1, 2, 3], d = 0, zq = 0 → 0 (no shift).
 */
function wdiff(x: readonly number[], y: readonly number[], d: number, zq: number): number {
  const nx = x.length;
  const ny = y.length;
  const r = ranks([...x.map((v) => v - d), ...y]);
  let sum = 0;
  for (let i = 0; i < nx; i++) sum += r.ranks[i] as number;
  const dz = sum - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
  const correction = Math.sign(dz) * 0.5;
  const tieTerm = r.ties.reduce((s, t) => s + t * t * t - t, 0);
  const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm / ((nx + ny) * (nx + ny - 1))));
  if (sigma === 0) return Number.NaN;
  return (dz - correction) / sigma - zq;
}

/** Bisection for a decreasing f on [lo, hi] with f(lo) > 0 > f(hi), to `tol`. */
function bisect(f: (d: number) => number, lo0: number, hi0: number, tol = 1e-4): number {
  let lo = lo0;
  let hi = hi0;
  for (let i = 0; i < 200 && hi - lo > tol; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The (1 − α) interval for the shift x − y and the Hodges–Lehmann estimate.
 * Example: baseline y = ten 1.0s, canary x = seven 100s and three 1.0s (kayenta#780), conf 0.98 →
 * lower ≈ 0 (within 1e-4), upper ≈ 99, estimate ≈ 99.
 */
export function shiftInterval(x: readonly number[], y: readonly number[], confLevel: number): ShiftInterval {
  const alpha = 1 - confLevel;
  let mumin = Infinity;
  let mumax = -Infinity;
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const v of x) [xmin, xmax] = [Math.min(xmin, v), Math.max(xmax, v)];
  for (const v of y) [ymin, ymax] = [Math.min(ymin, v), Math.max(ymax, v)];
  mumin = xmin - ymax;
  mumax = xmax - ymin;
  const root = (zq: number): number => {
    const f = (d: number): number => wdiff(x, y, d, zq);
    if (f(mumin) <= 0) return mumin;
    if (f(mumax) >= 0) return mumax;
    return bisect(f, mumin, mumax);
  };
  const z = probit(1 - alpha / 2);
  return { lower: root(z), upper: root(-z), estimate: root(0) };
}
