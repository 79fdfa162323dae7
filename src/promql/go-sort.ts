/**
 * Go's `sort.Sort` as of Go 1.19 (the Go Prometheus 2.42 was built with): pattern-defeating
 * quicksort over an index interface, insertion sort for runs of at most 12, heapsort after too
 * many unbalanced partitions. It is not stable, so where values tie the order it leaves is the
 * algorithm's own; topk/bottomk sort their heap with it, and only the same steps give the same
 * order of tied series as Prometheus. O(n log n): a `topk(100000, …)` sorts in milliseconds where
 * the insertion sort it replaces took minutes.
 *
 *   const a = [3, 1, 2]; goSort(3, (i, j) => a[i]! < a[j]!, (i, j) => ([a[i], a[j]] = [a[j]!, a[i]!])) ⇒ a = [1, 2, 3]
 */

export type Less = (i: number, j: number) => boolean;
export type Swap = (i: number, j: number) => void;

const MAX_INSERTION = 12;
const SHORTEST_NINTHER = 50;
const MAX_SWAPS = 4 * 3;
const UNKNOWN = 0;
const INCREASING = 1;
const DECREASING = 2;

/** Bits needed for n < 2³² (Go's bits.Len). Example: bitLen(8) === 4, bitLen(7) === 3, bitLen(0) === 0. */
function bitLen(n: number): number {
  return 32 - Math.clz32(n);
}

/** Sorts indices [0, n) ascending by `less`, moving elements only through `swap`. */
export function goSort(n: number, less: Less, swap: Swap): void {
  if (n <= 1) return;
  new PdqSort(less, swap).sort(0, n, bitLen(n));
}

class PdqSort {
  constructor(
    private readonly less: Less,
    private readonly swap: Swap,
  ) {}

  sort(a: number, b: number, limit: number): void {
    let balanced = true;
    let partitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= MAX_INSERTION) return this.insertion(a, b);
      if (limit === 0) return this.heapSort(a, b);
      if (!balanced) {
        this.breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = this.choosePivot(a, b);
      if (hint === DECREASING) {
        this.reverse(a, b);
        pivot = b - 1 - (pivot - a);
        hint = INCREASING;
      }
      if (balanced && partitioned && hint === INCREASING && this.partialInsertion(a, b)) return;
      // Nothing before a is greater than the pivot: only equal elements remain to set aside.
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, already] = this.partition(a, b, pivot);
      partitioned = already;
      const left = mid - a;
      const right = b - mid;
      const threshold = Math.trunc(length / 8);
      if (left < right) {
        balanced = left >= threshold;
        this.sort(a, mid, limit);
        a = mid + 1;
      } else {
        balanced = right >= threshold;
        this.sort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  private insertion(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1);
    }
  }

  private siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++;
      if (!this.less(first + root, first + child)) return;
      this.swap(first + root, first + child);
      root = child;
    }
  }

  private heapSort(a: number, b: number): void {
    const hi = b - a;
    for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, a);
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(a, a + i);
      this.siftDown(0, i, a);
    }
  }

  /** Moves data[pivot] to a, then elements less than it before `mid` and the rest after. */
  private partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && this.less(i, a)) i++;
    while (i <= j && !this.less(j, a)) j--;
    if (i > j) {
      this.swap(j, a);
      return [j, true];
    }
    this.swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && this.less(i, a)) i++;
      while (i <= j && !this.less(j, a)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    this.swap(j, a);
    return [j, false];
  }

  /** Elements equal to data[pivot] first, then the greater ones; returns where the greater start. */
  private partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !this.less(a, i)) i++;
      while (i <= j && this.less(a, j)) j--;
      if (i > j) return i;
      this.swap(i, j);
      i++;
      j--;
    }
  }

  /** Fixes up to 5 adjacent inversions of a nearly sorted run; true when the run is then sorted. */
  private partialInsertion(a: number, b: number): boolean {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !this.less(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      this.swap(i, i - 1);
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1 && this.less(j, j - 1); j--) this.swap(j, j - 1);
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b && this.less(j, j - 1); j++) this.swap(j, j - 1);
      }
    }
    return false;
  }

  /**
   * Three swaps near the middle driven by a xorshift seeded with the length: deterministic. The
   * shifts are Go 1.19's (13, 17, 5; later Go uses 13, 7, 17): checked against Prometheus 2.42.
   */
  private breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    let r = BigInt(length);
    const mask = BigInt(2 ** bitLen(length) - 1);
    const m64 = (1n << 64n) - 1n;
    const mid = a + Math.trunc(length / 4) * 2;
    for (let idx = mid - 1; idx <= mid + 1; idx++) {
      r ^= (r << 13n) & m64;
      r ^= r >> 17n;
      r ^= (r << 5n) & m64;
      let other = Number(r & mask);
      if (other >= length) other -= length;
      this.swap(idx, a + other);
    }
  }

  private choosePivot(a: number, b: number): [number, number] {
    const l = b - a;
    const q = Math.trunc(l / 4);
    const swaps = { n: 0 };
    let i = a + q;
    let j = a + q * 2;
    let k = a + q * 3;
    if (l >= 8) {
      if (l >= SHORTEST_NINTHER) {
        i = this.median(i - 1, i, i + 1, swaps);
        j = this.median(j - 1, j, j + 1, swaps);
        k = this.median(k - 1, k, k + 1, swaps);
      }
      j = this.median(i, j, k, swaps);
    }
    return [j, swaps.n === 0 ? INCREASING : swaps.n === MAX_SWAPS ? DECREASING : UNKNOWN];
  }

  /** The index of the median of data[x], data[y], data[z], counting the exchanges it took. */
  private median(x: number, y: number, z: number, swaps: { n: number }): number {
    if (this.less(y, x)) {
      swaps.n++;
      [x, y] = [y, x];
    }
    if (this.less(z, y)) {
      swaps.n++;
      [y, z] = [z, y];
    }
    if (this.less(y, x)) {
      swaps.n++;
      [x, y] = [y, x];
    }
    return y;
  }

  private reverse(a: number, b: number): void {
    for (let i = a, j = b - 1; i < j; i++, j--) this.swap(i, j);
  }
}
