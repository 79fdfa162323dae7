/**
 * The largest of some numbers, never below `floor`, by a loop: spreading an array into Math.max
 * passes every value as an argument and overflows the stack past ~125 000 of them (a long traffic profile, a query
 * over many series). simple-statistics' `max` would do, but it throws on an empty list and costs
 * ~18 ms to load on every run's start-up.
 *
 * Example: maxOf([3, 9, 4], 0) === 9; maxOf([], 0) === 0; maxOf([-5], -Infinity) === -5.
 */
export function maxOf(values: Iterable<number>, floor: number): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** The smallest of some numbers, never above `ceiling`, by a loop (see maxOf). Example: minOf([3, 9, 4], Infinity) === 3. */
export function minOf(values: Iterable<number>, ceiling: number): number {
  let m = ceiling;
  for (const v of values) if (v < m) m = v;
  return m;
}
