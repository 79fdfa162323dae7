/**
 * The published figures' arithmetic, computed exactly and independently of the simulator: the
 * reference each sweep of a figures-* scenario is checked against (test/scenarios/figures.test.ts)
 * and the "exact" column of the README's published-figure table.
 */

/**
 * The binomial distribution Bin(n, p) as [pmf(0), pmf(1), …], cut where the tail is negligible
 * (< 1e-15 past the mean). Computed by the ratio pmf(k+1)/pmf(k) from (1 − p)^n, which stays
 * above the smallest double for n·p up to about 700.
 * Example: binomialPmf(2, 0.5) → [0.25, 0.5, 0.25].
 */
export function binomialPmf(n: number, p: number): number[] {
  const out = [Math.pow(1 - p, n)];
  for (let k = 0; k < n; k++) {
    const next = (out[k] as number) * ((n - k) / (k + 1)) * (p / (1 - p));
    if (k > n * p && next < 1e-15) break;
    out.push(next);
  }
  return out;
}

/**
 * P(the Wald two-proportion statistic ≥ z) for a canary of nc requests failing with probability
 * pc against a stable of ns requests failing with ps: z = (p̂c − p̂s) / √(p̂c(1−p̂c)/nc + p̂s(1−p̂s)/ns),
 * by summing over every pair of error counts (a 0/0 statistic counts as not significant, as the
 * template's isNaN guard has it). This is the exact power (pc > ps) or size (pc = ps) of the test
 * the figures-doubling templates run; the derivation's 0.80 and 0.025 are its normal approximation.
 * Example: waldExceeds(1575, 0.02, 30020, 0.01, 1.96) ≈ 0.844; waldExceeds(1575, 0.01, 30020, 0.01, 1.96) ≈ 0.011.
 */
export function waldExceeds(nc: number, pc: number, ns: number, ps: number, z: number): number {
  const c = binomialPmf(nc, pc);
  const s = binomialPmf(ns, ps);
  let sum = 0;
  c.forEach((wc, ec) => {
    const a = ec / nc;
    s.forEach((ws, es) => {
      const b = es / ns;
      const se = Math.sqrt((a * (1 - a)) / nc + (b * (1 - b)) / ns);
      if (se > 0 && (a - b) / se >= z) sum += wc * ws;
    });
  });
  return sum;
}

/**
 * P(X ≥ k) for X ~ Bin(n, q): the chance that a run of n measurements, each failing with
 * probability q, fails at least k times — with k = failureLimit + 1, that it aborts.
 * Example: atLeast(10, 0.03, 1) ≈ 0.2626; atLeast(10, 0.03, 2) ≈ 0.0345; atLeast(10, 0.03, 3) ≈ 0.0028.
 */
export function atLeast(n: number, q: number, k: number): number {
  return binomialPmf(n, q).reduce((sum, w, i) => (i >= k ? sum + w : sum), 0);
}

/**
 * P(N ≥ 2) for N ~ Poisson(λ): a minute with two or more failed requests.
 * Example: poissonAtLeast2(0.26753) ≈ 0.0300.
 */
export function poissonAtLeast2(lambda: number): number {
  return 1 - Math.exp(-lambda) * (1 + lambda);
}

/**
 * P(E / n ≥ t) where n ~ Poisson(mean) requests each fail independently with probability p
 * (E | n ~ Bin(n, p)): the share of seeds whose whole-service error rate fails `result[0] < t`.
 * Summed over n within 6 standard deviations of the mean (the rest weighs < 1e-8).
 * Example: shareAtLeast(30000, 0.01, 0.02) ≈ 0 (a 2 % alert on a 1 % service).
 */
export function shareAtLeast(mean: number, p: number, t: number): number {
  const sd = Math.sqrt(mean);
  let sum = 0;
  let weight = 0;
  for (let n = Math.floor(mean - 6 * sd); n <= Math.ceil(mean + 6 * sd); n++) {
    // Poisson pmf by its logarithm (Stirling's series for ln n!).
    const w = Math.exp(n * Math.log(mean) - mean - lnFactorial(n));
    weight += w;
    const k = Math.ceil(t * n - 1e-9);
    sum += w * binomialPmf(n, p).reduce((s, x, e) => (e >= k ? s + x : s), 0);
  }
  return sum / weight;
}

/** ln n! by Stirling's series: exact to double precision for n ≥ 10 000 (and good to 1e-10 at 10). */
function lnFactorial(n: number): number {
  if (n < 2) return 0;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/**
 * The first whole second t at which the Wald test of a canary holding share f of `rate` req/s
 * for t seconds (against the rest, on stable, over the same t) detects pc against ps with at
 * least `power`, at one-sided z: the exact counterpart of the derivation's "time to detect".
 * Request counts are their expectations, rounded. Searched upward from 1 s to `limit`.
 * Example: secondsToPower(0.05, 100, 0.02, 0.01, 0.8) → 284 (4m44s; the derivation says 5m16s).
 */
export function secondsToPower(f: number, rate: number, pc: number, ps: number, power: number, z = 1.959964, limit = 3600): number | null {
  for (let t = 1; t <= limit; t++) {
    const nc = Math.round(f * rate * t);
    const ns = Math.round((1 - f) * rate * t);
    if (nc > 0 && waldExceeds(nc, pc, ns, ps, z) >= power) return t;
  }
  return null;
}
