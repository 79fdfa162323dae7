/**
 * The binary heap Prometheus' topk/bottomk keep per group (Go's container/heap over vectorByValueHeap),
 * reproduced step for step so that ties come out in the same order as in Prometheus, and the
 * `quantile` helper shared by `quantile` and `quantile_over_time`.
 *
 *   quantile(0.5, [1, 3, 2, 4]) ⇒ 2.5      quantile(1.5, [1]) ⇒ Infinity
 */
import { goSort } from './go-sort.js';
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

  private down(i0: number, n: number): void {
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
  }

  push(s: Sample): void {
    this.items.push(s);
    this.up(this.items.length - 1);
  }

  /** heap.Pop: the top moves to the end, the heap is restored over the rest, the end is dropped. */
  private pop(): void {
    const n = this.items.length - 1;
    this.swap(0, n);
    this.down(0, n);
    this.items.pop();
  }

  /**
   * topk/bottomk's step for each further sample of the group, as 2.42 takes it: while the heap
   * is short, or when the sample beats the top (or the top is NaN), pop the top and push the
   * sample. (Later Prometheus overwrites the top and fixes the heap instead: the same set, but
   * tied series end up elsewhere in the heap, so in another order after the unstable sort.)
   */
  offer(s: Sample, k: number): void {
    const top = (this.items[0] as Sample | undefined)?.v;
    if (top !== undefined && this.items.length >= k && !(this.reverse ? top > s.v : top < s.v) && !Number.isNaN(top)) return;
    if (this.items.length >= k) this.pop();
    this.push(s);
  }

  /**
   * sort.Sort(sort.Reverse(heap)): Go's own unstable sort (go-sort.ts), so tied series come out
   * in Prometheus' order; reversed, Less(i, j) is the heap's less(j, i).
   */
  sortedDesc(): Sample[] {
    const a = this.items;
    goSort(a.length, (i, j) => this.less(j, i), (i, j) => this.swap(i, j));
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
