/**
 * The statistics of a sweep: Wilson score intervals for rates and order statistics for
 * distributions. simple-statistics supplies the quantiles; it has no Wilson interval, and its
 * `probit` is a table approximation (probit(0.975) = 1.9572 where the normal quantile is
 * 1.959964), so the 95 % z is a constant here.
 */
import { quantileSorted } from 'simple-statistics';

/** The standard normal's 0.975 quantile: a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** A share with its 95 % Wilson score interval; all null when nothing was counted. */
export interface Rate {
  readonly count: number;
  readonly of: number;
  readonly rate: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** Rounds to 6 decimals so outputs are stable and readable. Example: r6(0.12345678) === 0.123457. */
export function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * The Wilson score interval (Wilson 1927) for `count` successes in `of` trials: unlike the normal
 * approximation it stays inside [0, 1] and is honest at 0 and at n, where a sweep's rates live.
 * Example: wilson(19, 20) → {count: 19, of: 20, rate: 0.95, low: 0.763869, high: 0.991119};
 * wilson(0, 50) → {rate: 0, low: 0, high: 0.071348}; wilson(0, 0) → {rate: null, low: null, high: null}.
 */
export function wilson(count: number, of: number, z = Z95): Rate {
  if (of === 0) return { count, of, rate: null, low: null, high: null };
  const p = count / of;
  const z2 = z * z;
  const centre = (p + z2 / (2 * of)) / (1 + z2 / of);
  const half = (z / (1 + z2 / of)) * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of));
  return { count, of, rate: r6(p), low: r6(Math.max(0, centre - half)), high: r6(Math.min(1, centre + half)) };
}

/** A distribution's summary: how many values, their median, 90th percentile and maximum. */
export interface Distribution {
  readonly n: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

/**
 * Order statistics of `values` (any order; NaN entries are absent values and skipped), by
 * simple-statistics' quantile (the value at rank ⌈n·p⌉, the mean of two at an exact rank).
 * Example: distribution([300, 100, NaN, 200]) → {n: 3, median: 200, p90: 300, max: 300};
 * distribution([]) → {n: 0, median: null, p90: null, max: null}.
 */
export function distribution(values: Iterable<number>): Distribution {
  const counts = new ValueCounts();
  for (const v of values) counts.add(v);
  return counts.distribution();
}

/**
 * A distribution kept as how many times each value occurred: exact quantiles in memory that grows
 * with the distinct values (a sweep's detection times, harm counts and promotion times repeat a
 * lot), never with how many were added. Order-free: any adding order gives the same figures.
 * Example: add 5, 5, 1, NaN → 2 distinct values, n 3; distribution() → {n: 3, median: 5, p90: 5, max: 5}.
 */
export class ValueCounts {
  private readonly counts = new Map<number, number>();
  private n = 0;

  add(v: number): void {
    if (Number.isNaN(v)) return;
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    this.n++;
  }

  /** How many distinct values are held (the memory it takes). */
  get distinct(): number {
    return this.counts.size;
  }

  distribution(): Distribution {
    if (this.n === 0) return { n: 0, median: null, p90: null, max: null };
    const sorted = sortedView(this.counts, this.n);
    return { n: this.n, median: r6(quantileSorted(sorted, 0.5)), p90: r6(quantileSorted(sorted, 0.9)), max: sorted[this.n - 1] as number };
  }
}

/**
 * The values in ascending order as a read-only array of `n` entries, without one entry per value:
 * entry i is found among the distinct values by binary search over their running counts. It is
 * what quantileSorted reads (its length and one or two entries), so the quantile rule stays
 * simple-statistics' own (its type asks for number[]; nothing writes to it).
 * Example: counts {1: 1, 5: 2} → a view of [1, 5, 5].
 */
function sortedView(counts: ReadonlyMap<number, number>, n: number): number[] {
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const ends: number[] = [];
  let run = 0;
  for (const k of keys) ends.push((run += counts.get(k) ?? 0));
  const at = (i: number): number | undefined => {
    if (!Number.isInteger(i) || i < 0 || i >= n) return undefined;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) > i) hi = mid;
      else lo = mid + 1;
    }
    return keys[lo];
  };
  return new Proxy([] as number[], {
    get: (target, prop, receiver) => {
      if (prop === 'length') return n;
      if (typeof prop === 'string' && /^\d+$/.test(prop)) return at(Number(prop));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
