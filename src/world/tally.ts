/**
 * What the Summary reports per version, from user requests only: counts, errors, task outcomes,
 * a 1 ms-resolution latency histogram for an exact p99 (bounded memory: 2 min of bins), and harm.
 */
export const MAX_LATENCY_BIN = 120_000;
/** Bins a tally starts with (4 s): it grows to the slowest latency seen, so most runs never hold all 2 min of bins. */
const INITIAL_BINS = 4096;

export class VersionTally {
  requests = 0;
  errors = 0;
  taskOk = 0;
  harmed = 0;
  /** Requests by latency in ms; bins past its length are empty (a sweep builds three tallies per arm, mostly fast). */
  private latency = new Uint32Array(INITIAL_BINS);

  add(latencyMs: number, error: boolean, taskOk: boolean, harmed: boolean): void {
    // Without branches: a count first taken after t = 0 (the first harmed request) would otherwise
    // deoptimize the request path it is inlined into.
    this.requests++;
    this.errors += error ? 1 : 0;
    this.taskOk += taskOk ? 1 : 0;
    this.harmed += harmed ? 1 : 0;
    const bin = latencyMs < MAX_LATENCY_BIN ? latencyMs : MAX_LATENCY_BIN;
    if (bin >= this.latency.length) this.grow(bin);
    this.latency[bin]!++;
  }

  /**
   * Nearest-rank quantile in ms (null with no requests); latencies past 2 min read as 120000.
   * Example: latencies 1..100 ms → quantileMs(0.99) === 99.
   */
  quantileMs(q: number): number | null {
    if (this.requests === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.requests));
    let seen = 0;
    for (let i = 0; i < this.latency.length; i++) {
      seen += this.latency[i] as number;
      if (seen >= rank) return i;
    }
    return MAX_LATENCY_BIN;
  }

  /** Room for bin `bin`: doubling, at most MAX_LATENCY_BIN + 1 bins. */
  private grow(bin: number): void {
    let n = this.latency.length;
    while (n <= bin) n *= 2;
    const next = new Uint32Array(Math.min(n, MAX_LATENCY_BIN + 1));
    next.set(this.latency);
    this.latency = next;
  }
}
