/**
 * What the Summary reports per version, from user requests only: counts, errors, task outcomes,
 * a 1 ms-resolution latency histogram for an exact p99 (bounded memory: 2 min of bins), and harm.
 */
export const MAX_LATENCY_BIN = 120_000;

export class VersionTally {
  requests = 0;
  errors = 0;
  taskOk = 0;
  harmed = 0;
  readonly latency = new Uint32Array(MAX_LATENCY_BIN + 1);

  add(latencyMs: number, error: boolean, taskOk: boolean, harmed: boolean): void {
    this.requests++;
    if (error) this.errors++;
    if (taskOk) this.taskOk++;
    if (harmed) this.harmed++;
    this.latency[latencyMs < MAX_LATENCY_BIN ? latencyMs : MAX_LATENCY_BIN]!++;
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
}
