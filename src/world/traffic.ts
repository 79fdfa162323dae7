/**
 * The arrival process: Poisson at the profile's rate. Arrival times are kept exact (float ms)
 * and rounded only when scheduled, so rounding never changes the rate.
 */
import type { RateProfile } from '../model/scenario.js';
import type { Rng } from '../engine/rng.js';
import { maxOf } from '../model/numbers.js';

/** Instantaneous rate in requests per ms at time t (ms). Example: constant 200 rps → 0.2. */
export function rateAt(profile: RateProfile, t: number): number {
  switch (profile.kind) {
    case 'constant':
      return profile.rps / 1000;
    case 'steps': {
      let rps = 0;
      // Before t = 0 (the world's history) the profile's first rate holds.
      for (const p of profile.points) if (p.at <= Math.max(t, 0)) rps = p.rps;
      return rps / 1000;
    }
    case 'diurnal': {
      const phase = (2 * Math.PI * (t - profile.peakAt)) / profile.period;
      return (profile.min + ((profile.max - profile.min) * (1 + Math.cos(phase))) / 2) / 1000;
    }
  }
}

function maxRate(profile: RateProfile): number {
  switch (profile.kind) {
    case 'constant':
      return profile.rps / 1000;
    case 'steps':
      return maxOf(profile.points.map((p) => p.rps), 0) / 1000;
    case 'diurnal':
      return profile.max / 1000;
  }
}

/**
 * Returns a function giving the next arrival time after `t` (exact ms), or Infinity past `horizon`. Constant rate: t + Exp(1)/λ (one draw). Otherwise thinning (Lewis–Shedler) against the
 * profile's peak rate, which is exact for any bounded rate function.
 *
 * Example: constant 200 rps: gaps average 5 ms.
 */
export function arrivalClock(profile: RateProfile, rng: Rng, horizon: number): (t: number) => number {
  const peak = maxRate(profile);
  if (peak <= 0) return () => Infinity;
  if (profile.kind === 'constant') return (t) => t + rng.exponential() / peak;
  return (t) => {
    let s = t;
    while (s <= horizon) {
      s += rng.exponential() / peak;
      if (rng.next() * peak < rateAt(profile, s)) return s;
    }
    return Infinity;
  };
}

/** Running sums of the cohorts' traffic shares, for picking a cohort. Example: [0.5, 0.25, 0.25] → [0.5, 0.75, 1]. */
export function cumulative(shares: readonly number[]): number[] {
  let s = 0;
  return shares.map((x) => (s += x));
}

/**
 * The cohort a uniform draw `u` falls in, given the running sums of the shares; the last cohort
 * takes whatever the shares leave (a linear scan: there are a handful of cohorts).
 *
 * Example: sums [0.5, 0.75, 1]: u = 0.2 → 0; u = 0.5 → 1; u = 0.9 → 2.
 */
export function pickCohort(cumShares: readonly number[], u: number): number {
  let i = 0;
  while (i < cumShares.length - 1 && u >= (cumShares[i] as number)) i++;
  return i;
}
