/**
 * The binary heap Prometheus' topk/bottomk keep per group (Go's container/heap over vectorByValueHeap),
 * reproduced step for step so that ties come out in the same order as in Prometheus, and the
 * `quantile` helper shared by `quantile` and `quantile_over_time`.
 *
 *   quantile(0.5, [1, 3, 2, 4]) ⇒ 2.5      quantile(1.5, [1]) ⇒ Infinity
 */
import type { Sample } from './values.js';

export class Heap {
  private readonly items: Sample[] = [];
  /** reverse = bottomk's vectorByReverseValueHeap (largest on top); otherwise smallest on top. */
  constructor(private readonly reverse: boolean) {}

  private less(i: number, j: number): boolean {
    const a = (this.items[i] as Sample).v;
    const b = (this.items[j] as Sample).v;
    if (Number.isNaN(a)) return true;
    return this.reverse ? a > b : a < b;
  }

  private swap(i: number, j: number): void {
    const t = this.items[i] as Sample;
    this.items[i] = this.items[j] as Sample;
    this.items[j] = t;
  }

  private up(j: number): void {
    for (;;) {
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !this.less(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number): boolean {
    const n = this.items.length;
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1;
      if (j1 + 1 < n && this.less(j1 + 1, j1)) j = j1 + 1;
      if (!this.less(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }

  push(s: Sample): void {
    this.items.push(s);
    this.up(this.items.length - 1);
  }

  /** topk/bottomk's step for each further sample of the group. */
  offer(s: Sample, k: number): void {
    if (this.items.length < k) {
      this.push(s);
      return;
    }
    const top = (this.items[0] as Sample).v;
    const better = this.reverse ? top > s.v : top < s.v;
    if (better || (Number.isNaN(top) && !Number.isNaN(s.v))) {
      this.items[0] = s;
      if (k > 1 && !this.down(0)) this.up(0);
    }
  }

  /** sort.Sort(sort.Reverse(heap)) — insertion sort, as Go uses for short slices (and stable). */
  sortedDesc(): Sample[] {
    const a = this.items;
    if (a.length > 1) {
      for (let i = 1; i < a.length; i++) {
        for (let j = i; j > 0 && this.less(j - 1, j); j--) this.swap(j, j - 1);
      }
    }
    return a.map((s) => ({ metric: s.metric, v: s.v }));
  }
}

/** Prometheus' quantile(): sort (NaN first), interpolate at rank φ·(n − 1). */
export function quantile(q: number, values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = Array.from(values).sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  if (Number.isNaN(rank)) return NaN;
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}
